#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "model_fixtures.hpp"
#include "tacit/model/esm_adoption.hpp"

// Contagion rules of ESM adoption (docs/MODEL.md 7.15.2), with hand-computed exposures.

using namespace tacit;
using namespace tacit::model;

namespace {
// Agent 0 has four neighbours: 1 and 2 over strong ties, 3 and 4 over weak ties.
network::Network star() {
  network::NetworkBuilder b(5);
  b.add_tie(0, 1, network::TieKind::strong);
  b.add_tie(0, 2, network::TieKind::strong);
  b.add_tie(0, 3, network::TieKind::weak);
  b.add_tie(0, 4, network::TieKind::weak);
  return std::move(b).build();
}
}  // namespace

TEST_CASE("esm adoption: exposure weighs strong ties by strong_weight", "[esm]") {
  const auto net = star();
  const std::vector<std::uint8_t> users{0, 1, 0, 1, 1};  // neighbours 1 (strong), 3 and 4 (weak)
  // E = 2 (strong) + 1 + 1 = 4; D = 2 + 2 + 1 + 1 = 6.
  const Exposure e = exposure(net, users, 0, 2.0);
  CHECK(e.adopted == 4.0);
  CHECK(e.total == 6.0);
  // strong_weight 1: a plain count, E = 3 of D = 4.
  const Exposure plain = exposure(net, users, 0, 1.0);
  CHECK(plain.adopted == 3.0);
  CHECK(plain.total == 4.0);
  // A leaf sees only the centre.
  CHECK(exposure(net, users, 1, 2.0).adopted == 0.0);
  CHECK(exposure(net, users, 1, 2.0).total == 2.0);
}

TEST_CASE("esm adoption: threshold rules compare E with the agent's threshold", "[esm]") {
  EsmParams p;
  Rng rng(1);
  const Exposure e{4.0, 6.0};
  p.adoption_rule = AdoptionRule::threshold_count;
  CHECK(adopts(p, e, 4.0, rng));
  CHECK_FALSE(adopts(p, e, 4.5, rng));
  CHECK(adopts(p, Exposure{0.0, 6.0}, 0.0, rng));  // threshold 0: acts with nobody
  p.adoption_rule = AdoptionRule::threshold_fraction;
  CHECK(adopts(p, e, 4.0 / 6.0, rng));  // exactly at the threshold despite rounding
  CHECK_FALSE(adopts(p, e, 0.67, rng));
  CHECK(adopts(p, Exposure{0.0, 0.0}, 0.0, rng));
  CHECK_FALSE(adopts(p, Exposure{0.0, 0.0}, 0.1, rng));  // isolated
  // Granovetter's crowd: 3 of 99 others meets a threshold of 3/99.
  CHECK(adopts(p, Exposure{3.0, 99.0}, 3.0 / 99.0, rng));
  CHECK_FALSE(adopts(p, Exposure{2.0, 99.0}, 3.0 / 99.0, rng));
  // Threshold rules draw nothing.
  Rng fresh(1);
  CHECK(rng() == fresh());
}

TEST_CASE("esm adoption: probability rule adopts with 1 - (1 - p)^E, one draw", "[esm]") {
  EsmParams p;
  p.adoption_rule = AdoptionRule::probability;
  p.adoption_probability = 0.1;
  // E = 2: P = 1 - 0.81 = 0.19. The same stream's first uniform decides.
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    Rng rng(seed), copy(seed);
    const bool expected = copy.uniform() < 0.19;
    INFO(seed);
    CHECK(adopts(p, Exposure{2.0, 5.0}, 0.0, rng) == expected);
  }
  // No exposure: never, and no draw.
  Rng rng(7), fresh(7);
  CHECK_FALSE(adopts(p, Exposure{0.0, 5.0}, 0.0, rng));
  CHECK(rng() == fresh());
  // Frequency over many streams: 0.19 within 4 standard errors (sqrt(.19 .81 / 20000) = 0.0028).
  int yes = 0;
  for (std::uint64_t seed = 0; seed < 20000; ++seed) {
    Rng r(seed * 7919 + 3);
    yes += adopts(p, Exposure{2.0, 5.0}, 0.0, r) ? 1 : 0;
  }
  CHECK(std::abs(yes / 20000.0 - 0.19) < 4 * 0.0028);
}
