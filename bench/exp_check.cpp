// tacit-exp-check: core::exp (include/tacit/core/exp.hpp) against this machine's std::exp, bit
// for bit, over 1.24·10^9 inputs: the sets the model's exponentials see most (softmax weights
// and logits in [-745, 0]) and wider ones. Where glibc takes its FMA variant (glibc 2.28 or later
// built as Debian's 2.36, a CPU with FMA and AVX2), every count of mismatches must be 0; on other
// machines the counts say how often tacit's exp (the same everywhere) differs from the local
// libm's. One core, about 20 s. Not a test: the suite checks 4.2·10^5 inputs (test_exp.cpp).
//   build/tacit-exp-check

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>

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
  long total = 0;
  for (const Set& set : sets) {
    long mismatches = 0, portable = 0, portable_count = 0;
    for (long k = 0; k < set.count; ++k) {
      const double x = set.lo == set.hi ? std::bit_cast<double>(rng()) : rng.uniform(set.lo, set.hi);
      const auto expected = std::bit_cast<std::uint64_t>(std::exp(x));
      mismatches += std::bit_cast<std::uint64_t>(tacit::core::exp(x)) != expected;
      if (k % 100 == 0) {  // the portable path (software fma) is slow: one input in a hundred
        ++portable_count;
        portable += std::bit_cast<std::uint64_t>(tacit::core::detail::exp_portable(x)) != expected;
      }
    }
    std::printf("%-22s %11ld inputs: mismatches %ld; portable path %ld of %ld\n", set.name, set.count, mismatches,
                portable, portable_count);
    std::fflush(stdout);
    total += mismatches + portable;
  }
  std::printf("this CPU takes the %s path; %ld mismatches in all\n",
              tacit::core::detail::exp_uses_fma() ? "FMA" : "portable", total);
  return total == 0 ? 0 : 1;
}
