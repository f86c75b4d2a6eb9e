#pragma once
// One RNG family for all of tacit: xoshiro256** engines seeded through splitmix64 (or, for a
// stream of a few draws, splitmix64 itself), and stateless seed derivation so that every
// (root seed, purpose, tick, agent) has its own stream.
// Results then depend only on the root seed, never on thread count or iteration order.
// Distributions are implemented here (not <random>'s), so bytes are identical across
// standard libraries.

#include <cmath>
#include <cstdint>
#include <limits>

namespace tacit {

/// splitmix64 finalizer: a bijective 64-bit mix (Steele, Lea & Flood 2014).
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Purposes of random streams; the numeric values are part of the reproducibility contract.
enum class Stream : std::uint64_t {
  network = 1,     ///< network generation
  init = 2,        ///< initial agent state
  schedule = 3,    ///< activation order per tick
  agent = 4,       ///< an agent's own draws in one tick
  experiment = 5,  ///< seeds of runs in a sweep
  model = 6,       ///< global draws of a submodel in one tick
  learning = 7,    ///< strategy revision (model/learning, model/games)
  request = 8,     ///< everything drawn for one agent's request in one tick (needs..transfer)
  esm = 9,         ///< enterprise social media (model/esm): per (tick, agent) and platform-wide
};

/// The seeds of the sub-streams (root, purpose, a, b) for every b: the three mixes that do not
/// depend on b are done once. Loops that seed one stream per agent (b) in a tick (a) use it.
class SeedPrefix {
 public:
  constexpr SeedPrefix(std::uint64_t root, Stream purpose, std::uint64_t a = 0)
      : m_h(mix64(mix64(mix64(root ^ 0x7ac17ac17ac17ac1ULL) ^ static_cast<std::uint64_t>(purpose)) ^ a)) {}
  /// derive_seed(root, purpose, a, b).
  constexpr std::uint64_t operator()(std::uint64_t b) const { return mix64(m_h ^ (b + 0x632be59bd9b4e019ULL)); }

 private:
  std::uint64_t m_h;
};

/// Seed of a sub-stream: a hash of the root seed and up to three labels.
constexpr std::uint64_t derive_seed(std::uint64_t root, Stream purpose, std::uint64_t a = 0,
                                    std::uint64_t b = 0) {
  return SeedPrefix(root, purpose, a)(b);
}

/// Uniform integer in [0, n) from a generator's 64-bit outputs, unbiased (Lemire 2019). n > 0.
/// Always inlined, as Rng::below was before it: called out of line, GCC's choice, it cost the
/// searches ~3 % (docs/PERFORMANCE.md).
template <class Generator>
[[gnu::always_inline]] inline std::uint64_t lemire_below(Generator& g, std::uint64_t n) {
  __uint128_t m = static_cast<__uint128_t>(g()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<__uint128_t>(g()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

/// splitmix64 (Steele, Lea & Flood 2014) as a generator: output n (from 0) is
/// mix64(seed + n * 0x9e3779b97f4a7c15), one mix per output and nothing to seed. For a stream
/// that draws a few numbers and is then dropped (a reader's posts), where seeding xoshiro's
/// four words would cost more than the draws.
class SplitMix {
 public:
  explicit constexpr SplitMix(std::uint64_t seed) : m_state(seed) {}
  constexpr std::uint64_t operator()() {
    const std::uint64_t result = mix64(m_state);
    m_state += 0x9e3779b97f4a7c15ULL;
    return result;
  }
  /// Uniform integer in [0, n), unbiased (lemire_below). n > 0.
  std::uint64_t below(std::uint64_t n) { return lemire_below(*this, n); }

 private:
  std::uint64_t m_state;
};

/// xoshiro256** 1.0 (Blackman & Vigna 2018); satisfies UniformRandomBitGenerator.
class Rng {
 public:
  using result_type = std::uint64_t;

  explicit constexpr Rng(std::uint64_t seed = 0) {
    std::uint64_t s = seed;
    for (auto& word : m_state) {
      s += 0x9e3779b97f4a7c15ULL;
      word = mix64(s);
    }
  }
  Rng(std::uint64_t root, Stream purpose, std::uint64_t a = 0, std::uint64_t b = 0)
      : Rng(derive_seed(root, purpose, a, b)) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n), unbiased (Lemire 2019). n must be > 0.
  std::uint64_t below(std::uint64_t n) { return lemire_below(*this, n); }
  /// The first output of Rng(seed), from the seed alone: it depends on one of the four state
  /// words, so a caller that usually draws once can leave the other three unseeded.
  static constexpr result_type first_output(std::uint64_t seed) {
    return rotl(mix64(seed + 2 * 0x9e3779b97f4a7c15ULL) * 5, 7) * 9;
  }
  /// uniform() of Rng(seed) as its first draw.
  static constexpr double first_uniform(std::uint64_t seed) {
    return static_cast<double>(first_output(seed) >> 11) * 0x1.0p-53;
  }
  /// below(n) of Rng(seed) when it takes the stream's first output only: true, with the value
  /// in `out`; false when below(n) might draw again (then draw from Rng(seed) itself).
  static constexpr bool first_below(std::uint64_t seed, std::uint64_t n, std::uint64_t& out) {
    const __uint128_t m = static_cast<__uint128_t>(first_output(seed)) * n;
    if (static_cast<std::uint64_t>(m) < n) return false;
    out = static_cast<std::uint64_t>(m >> 64);
    return true;
  }
  /// Rng(seed) with its first output drawn: for a caller that took that output from the seed
  /// alone (first_output, first_uniform, first_below) and now draws on.
  static constexpr Rng after_first(std::uint64_t seed) {
    Rng rng(seed);
    (void)rng();
    return rng;
  }
  /// Same state: the two streams continue identically.
  friend bool operator==(const Rng&, const Rng&) = default;

  /// True with probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p) { return uniform() < p; }
  /// Standard normal by the Marsaglia polar method (no cached spare: streams stay simple).
  double normal() {
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * std::sqrt(-2.0 * std::log(s) / s);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_state[4]{};
};

}  // namespace tacit
