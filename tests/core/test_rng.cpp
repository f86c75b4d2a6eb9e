#include <catch2/catch.hpp>

#include <initializer_list>
#include <set>
#include <vector>

#include "tacit/core/rng.hpp"

using tacit::derive_seed;
using tacit::Rng;
using tacit::Stream;

TEST_CASE("mix64 matches the splitmix64 reference output", "[rng]") {
  // splitmix64 with state 0: the first output is mix64(0) (state advanced by the golden gamma).
  // Reference value from Vigna's splitmix64.c seeded with 0.
  CHECK(tacit::mix64(0) == 0xe220a8397b1dcdafULL);
}

TEST_CASE("SplitMix gives splitmix64's outputs, and unbiased integers below n", "[rng]") {
  // Vigna's splitmix64.c seeded with 0: its first four outputs.
  tacit::SplitMix g(0);
  CHECK(g() == 0xe220a8397b1dcdafULL);
  CHECK(g() == 0x6e789e6aa1b965f4ULL);
  CHECK(g() == 0x06c45d188009454fULL);
  CHECK(g() == 0xf88bb8a8724c81ecULL);
  // below(6) of the first output: floor(0xe220a8397b1dcdaf * 6 / 2^64) = 5 (the low word is far
  // above the rejection threshold 2^64 mod 6 = 4).
  CHECK(tacit::SplitMix(0).below(6) == 5);
  // Over many seeds (a stream per reader draws a few numbers each), every value of below(6)
  // equally often: n = 120 000 first draws, sd of a count ~129, 5 sigma.
  std::vector<int> counts(6, 0);
  const int n = 120000;
  for (int seed = 0; seed < n; ++seed) counts[tacit::SplitMix(derive_seed(3, Stream::esm, 1, seed)).below(6)] += 1;
  for (int c : counts) CHECK(c == Approx(n / 6.0).margin(645));
}

TEST_CASE("the same seed gives the same stream, different seeds differ", "[rng]") {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto x = a();
    CHECK(x == b());
    (void)c();
  }
  Rng d(42), e(43);
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += d() == e() ? 1 : 0;
  CHECK(equal == 0);
}

TEST_CASE("derived seeds separate purposes, ticks and agents", "[rng]") {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t tick = 0; tick < 20; ++tick)
    for (std::uint64_t agent = 0; agent < 50; ++agent) seeds.insert(derive_seed(7, Stream::agent, tick, agent));
  CHECK(seeds.size() == 1000);
  CHECK(derive_seed(7, Stream::agent, 1, 2) != derive_seed(7, Stream::agent, 2, 1));
  CHECK(derive_seed(7, Stream::agent, 1, 2) != derive_seed(7, Stream::init, 1, 2));
  CHECK(derive_seed(7, Stream::agent, 1, 2) != derive_seed(8, Stream::agent, 1, 2));
}

TEST_CASE("uniform, below and bernoulli have the right ranges and means", "[rng]") {
  Rng rng(1);
  double sum = 0.0;
  const int n = 200000;
  std::vector<int> counts(6, 0);
  int heads = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    const auto k = rng.below(6);
    REQUIRE(k < 6);
    counts[k] += 1;
    heads += rng.bernoulli(0.3) ? 1 : 0;
  }
  // Standard errors: mean sd/sqrt(n) = 0.00065; counts sd ~ 167; heads sd ~ 205. 5 sigma bounds.
  CHECK(sum / n == Approx(0.5).margin(0.0033));
  for (int c : counts) CHECK(c == Approx(n / 6.0).margin(835));
  CHECK(heads == Approx(0.3 * n).margin(1025));
  CHECK_FALSE(Rng(3).bernoulli(0.0));
  CHECK(Rng(3).bernoulli(1.0));
}

TEST_CASE("normal has mean 0 and variance 1", "[rng]") {
  Rng rng(5);
  const int n = 200000;
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    s += x;
    ss += x * x;
  }
  // sd of the mean = 1/sqrt(n) = 0.0022; of the variance ~ sqrt(2/n) = 0.0032. 5 sigma bounds.
  CHECK(s / n == Approx(0.0).margin(0.011));
  CHECK(ss / n == Approx(1.0).margin(0.016));
}

TEST_CASE("seeds are pinned, and a seed prefix gives the same seeds", "[rng]") {
  // Values of derive_seed before SeedPrefix existed (four chained mixes): every output of
  // every scenario depends on them.
  CHECK(derive_seed(7, Stream::request, 3, 11) == 6428780433902857038ULL);
  CHECK(derive_seed(20261123, Stream::esm, 25, (2ULL << 32) | 999999) == 10466639616347723362ULL);
  CHECK(derive_seed(1, Stream::network) == 4134408464422710686ULL);
  const tacit::SeedPrefix prefix(20261123, Stream::esm, 25);
  CHECK(prefix((2ULL << 32) | 999999) == 10466639616347723362ULL);
  for (std::uint64_t b = 0; b < 100; ++b) CHECK(prefix(b) == derive_seed(20261123, Stream::esm, 25, b));
}

TEST_CASE("the first output, uniform and below come from the seed alone, as the stream gives them", "[rng]") {
  // By hand for seed 0: the second state word is mix64(2 * golden gamma), and the output is
  // rotl(word * 5, 7) * 9 (xoshiro256**).
  const std::uint64_t word = tacit::mix64(2 * 0x9e3779b97f4a7c15ULL);
  const std::uint64_t scrambled = word * 5;
  CHECK(Rng::first_output(0) == ((scrambled << 7) | (scrambled >> 57)) * 9);
  for (const std::uint64_t seed : std::initializer_list<std::uint64_t>{0, 1, 42, derive_seed(7, Stream::learning, 3, 11)}) {
    CAPTURE(seed);
    CHECK(Rng::first_output(seed) == Rng(seed)());
    CHECK(Rng::first_uniform(seed) == Rng(seed).uniform());
    Rng whole(seed);
    (void)whole();
    CHECK(Rng::after_first(seed) == whole);
    for (const std::uint64_t n : std::initializer_list<std::uint64_t>{1, 2, 7, 271, std::uint64_t{1} << 40}) {
      std::uint64_t value = 0;
      REQUIRE(Rng::first_below(seed, n, value));
      Rng rng(seed);
      CHECK(value == rng.below(n));
    }
  }
  // n = 2^63 + 1: the low half of output * n falls below n for about half of all outputs, where
  // below(n) may have to draw again; first_below declines those, so the caller draws.
  std::uint64_t declined = 0;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    std::uint64_t value = 0;
    const std::uint64_t n = (1ULL << 63) + 1;
    if (!Rng::first_below(seed, n, value)) {
      ++declined;
      continue;
    }
    Rng rng(seed);
    CHECK(value == rng.below(n));
  }
  CHECK(declined > 0);
  CHECK(declined < 64);
}
