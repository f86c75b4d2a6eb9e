#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "tacit/core/exp.hpp"
#include "tacit/core/rng.hpp"

using tacit::Rng;
using tacit::mix64;
namespace core = tacit::core;

namespace {

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Inputs of the four sets below: e^x's of the search and the sharing logit live in [-745, 0];
// |x| >= 512 takes the special case, for x < 0 (in set 0) and x > 0 (set 3).
double input(int set, Rng& rng) {
  switch (set) {
    case 0: return -745.0 * rng.uniform();
    case 1: return rng.uniform(-50.0, 50.0);
    case 2: return std::bit_cast<double>(rng());  // any double, NaNs and infinities included
    default: return rng.uniform(500.0, 709.75);
  }
}

constexpr int k_set_size[] = {200000, 100000, 100000, 20000};

// A hash of the bits of f over the set's inputs, in order (the sets are drawn one after another
// from one stream).
template <class F>
std::uint64_t hash_of(int set, F f) {
  Rng rng(20261124);
  for (int s = 0; s < set; ++s)
    for (int k = 0; k < k_set_size[s]; ++k) input(s, rng);
  const int count = k_set_size[set];
  std::uint64_t h = 0;
  for (int k = 0; k < count; ++k) h = mix64(h ^ bits(f(input(set, rng))));
  return h;
}

}  // namespace

TEST_CASE("exp gives glibc's bits for known inputs", "[exp]") {
  // std::exp of Debian glibc 2.36 (the FMA variant) on these inputs, printed with %a / bits.
  const std::pair<double, std::uint64_t> known[] = {
      {0x1p+0, 0x4005bf0a8b145769ULL},                  // e
      {-0x1p+0, 0x3fd78b56362cef38ULL},
      {-0x1p-1, 0x3fe368b2fc6f960aULL},
      {-0x1.26bb1bbb55516p+1, 0x3fb9999999999998ULL},   // e^-ln 10 = 0.1 - 2 ulp
      {-0x1.dp+2, 0x3f47455fe323fafdULL},
      {-0x1.2cp+5, 0x3c8dd5c566301ec8ULL},
      {0x1.49da7e361ce4cp-32, 0x3ff0000000149da8ULL},
      {-0x1.70ef54646d497p-57, 0x3ff0000000000000ULL},  // |x| < 2^-54: 1 + x
      {-0x1.2c4p+9, 0x09c94f535b837056ULL},             // -600.5: the special case, normal
      {-0x1.62cp+9, 0x00054e90c99fb878ULL},             // -709.5: subnormal
      {-0x1.68p+9, 0x0000000993b4dc95ULL},              // -720
      {-0x1.748cccccccccdp+9, 0x0000000000000001ULL},   // -745.1: the least subnormal
      {0x1.62d999999999ap+9, 0x7fed75ae7a50ee14ULL},    // 709.7: near the largest double
      {-0x1.62e42fefa39efp-1, 0x3fe0000000000000ULL},   // e^-ln 2 = 1/2
  };
  for (const auto& [x, expected] : known) {
    INFO("x = " << x);
    CHECK(bits(core::exp(x)) == expected);
    CHECK(bits(core::detail::exp_portable(x)) == expected);
  }
}

TEST_CASE("exp at the ends of its range", "[exp]") {
  const double inf = std::numeric_limits<double>::infinity();
  for (const auto f : {+[](double x) { return core::exp(x); }, +[](double x) { return core::detail::exp_portable(x); }}) {
    CHECK(bits(f(0.0)) == bits(1.0));
    CHECK(bits(f(-0.0)) == bits(1.0));
    CHECK(bits(f(-inf)) == bits(0.0));
    CHECK(f(inf) == inf);
    CHECK(std::isnan(f(std::numeric_limits<double>::quiet_NaN())));
    CHECK(bits(f(-746.0)) == bits(0.0));  // below the least subnormal
    CHECK(bits(f(-1.0e5)) == bits(0.0));
    CHECK(f(709.8) == inf);               // above the largest double
    CHECK(f(1.0e5) == inf);
  }
}

TEST_CASE("exp's bits over 4e5 inputs hash to glibc's", "[exp]") {
  // The hashes of std::exp's bits on Debian glibc 2.36 (FMA variant) over the same inputs
  // (docs/PERFORMANCE.md, "The exponential"). One multiply-add fused where glibc does not, or
  // the other way round, changes a few to some hundred of these values.
  const std::uint64_t glibc[] = {0x3fa3da08a91bae00ULL, 0x50a455e611884557ULL, 0x30f342dea769d404ULL,
                                 0x260395344d8a3721ULL};
  for (int set = 0; set < 4; ++set) {
    INFO("set " << set);
    CHECK(hash_of(set, [](double x) { return core::exp(x); }) == glibc[set]);
    // The path of a CPU without FMA gives the same bits.
    CHECK(hash_of(set, core::detail::exp_portable) == glibc[set]);
  }
}

TEST_CASE("exp is within an ulp of the library's", "[exp]") {
  Rng rng(7);
  for (int k = 0; k < 100000; ++k) {
    const double x = rng.uniform(-745.0, 709.0);
    const double ours = core::exp(x), library = std::exp(x);
    const auto distance = std::max(bits(ours), bits(library)) - std::min(bits(ours), bits(library));
    if (distance > 1) FAIL("x = " << x << ": " << ours << " against " << library);
  }
}
