#include <catch2/catch.hpp>

#include <set>

#include "tacit/model/needs.hpp"

using namespace tacit;
using namespace tacit::model;

TEST_CASE("needs: rate, complexity share and topics from the agent's interests", "[needs]") {
  Population pop;
  pop.interests_per_agent = 2;
  pop.interests = {3, 5, 1, 2};  // agent 0 needs topics 3 and 5
  NeedsParams p;
  p.rate = 0.25;
  p.complex_share = 0.4;
  int active = 0;
  int complex = 0;
  std::set<int> topics;
  const int n = 40000;
  for (int k = 0; k < n; ++k) {
    Rng rng(static_cast<std::uint64_t>(k));
    const Need need = draw_need(pop, 0, p, rng);
    if (!need.active()) continue;
    ++active;
    complex += need.complex ? 1 : 0;
    topics.insert(need.topic);
  }
  // active ~ Bin(40000, 0.25): mean 10000, sd 86.6; complex ~ Bin(10000, 0.4): sd 49. 5 sigma.
  CHECK(active == Approx(10000).margin(433));
  CHECK(complex == Approx(0.4 * active).margin(245));
  CHECK(topics == std::set<int>{3, 5});
  p.rate = 0.0;
  Rng rng(1);
  CHECK_FALSE(draw_need(pop, 1, p, rng).active());
}

TEST_CASE("needs: whether there is a problem, from a stream's seed, is what the whole stream gives", "[needs]") {
  // has_need(seed) decides "has a problem" on the stream's first output, so that the stream is
  // seeded only when there is one; it must agree with draw_need on Rng(seed).
  Population pop;
  pop.interests_per_agent = 3;
  pop.interests = {4, 9, 2};
  NeedsParams p;
  p.complex_share = 0.5;
  for (const double rate : {0.0, 0.3, 1.0}) {
    p.rate = rate;
    int active = 0;
    for (std::uint64_t k = 0; k < 5000; ++k) {
      const std::uint64_t seed = derive_seed(11, Stream::request, 3, k);
      Rng rng(seed);
      const Need whole = draw_need(pop, 0, p, rng);
      CHECK(has_need(p, seed) == whole.active());  // interests are non-empty here
      active += has_need(p, seed) ? 1 : 0;
    }
    // Bin(5000, 0.3): mean 1500, sd 32.4; 5 sigma.
    CHECK(active == Approx(5000 * rate).margin(163));
  }
}
