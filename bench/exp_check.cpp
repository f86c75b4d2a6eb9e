// tacit-exp-check: core::exp (include/tacit/core/exp.hpp) against this machine's std::exp, bit
// for bit, over 1.24·10^9 inputs: the sets the model's exponentials see most (softmax weights
// and logits in [-745, 0]) and wider ones. Where glibc takes its FMA variant (glibc 2.28 or later
// built as Debian's 2.36, a CPU with FMA and AVX2), every count of mismatches must be 0; on other
// machines the counts say how often tacit's exp (the same everywhere) differs from the local
// libm's. One core, about half a minute. Not a test: the suite checks 4.2·10^5 inputs (test_exp.cpp).
//   build/tacit-exp-check

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "tacit/core/exp.hpp"
#include "tacit/core/rng.hpp"

int main() {
  struct Set {
    const char* name;
    long count;
    double lo, hi;  // uniform in [lo, hi); lo == hi: any 64-bit pattern
  };
  const Set sets[] = {{"uniform [-745, 0]", 1'000'000'000L, -745.0, 0.0},
                      {"uniform [-50, 50]", 100'000'000L, -50.0, 50.0},
                      {"any bit pattern", 100'000'000L, 0.0, 0.0},
                      {"uniform [500, 709.8]", 20'000'000L, 500.0, 709.8},
                      {"uniform [-2000, 2000]", 20'000'000L, -2000.0, 2000.0}};
  tacit::Rng rng(20261124);
  std::vector<double> x(20), y(20);  // exp_in_place over a search's 20 neighbours
  long total = 0;
  for (const Set& set : sets) {
    long scalar = 0, in_place = 0, portable = 0, portable_count = 0;
    for (long k = 0; k < set.count; k += 20) {
      for (double& v : x) v = set.lo == set.hi ? std::bit_cast<double>(rng()) : rng.uniform(set.lo, set.hi);
      y = x;
      tacit::core::exp_in_place(y);
      const bool check_portable = k % 2000 == 0;  // software fma: slow, so one in a hundred
      for (std::size_t j = 0; j < x.size(); ++j) {
        const auto expected = std::bit_cast<std::uint64_t>(std::exp(x[j]));
        scalar += std::bit_cast<std::uint64_t>(tacit::core::exp(x[j])) != expected;
        in_place += std::bit_cast<std::uint64_t>(y[j]) != expected;
        if (check_portable) {
          ++portable_count;
          portable += std::bit_cast<std::uint64_t>(tacit::core::detail::exp_portable(x[j])) != expected;
        }
      }
    }
    std::printf("%-22s %11ld inputs: mismatches exp %ld, exp_in_place %ld, portable path %ld of %ld\n", set.name,
                set.count, scalar, in_place, portable, portable_count);
    std::fflush(stdout);
    total += scalar + in_place + portable;
  }
  std::printf("this CPU takes the %s path; %ld mismatches in all\n",
              tacit::core::detail::exp_uses_fma() ? "FMA/AVX2" : "portable", total);
  return total == 0 ? 0 : 1;
}
