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
