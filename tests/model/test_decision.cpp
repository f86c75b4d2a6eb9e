#include <catch2/catch.hpp>

#include <cmath>

#include "tacit/model/decision.hpp"

using namespace tacit;
using namespace tacit::model;

namespace {
Population one_agent() {
  Population pop;
  pop.identified = {1};
  Traits t;
  t.altruism = 0.8f;
  t.recognition = 0.5f;
  t.visibility = 0.5f;
  t.reciprocity = 1.0f;
  t.learning_motive = 0.2f;
  t.sharing_cost = 0.5f;
  t.decision = static_cast<std::uint8_t>(DecisionRule::utility);
  pop.traits = {t};
  pop.strategy = {k_defect};
  return pop;
}
}  // namespace

TEST_CASE("sharing utility term by term", "[decision]") {
  const Population pop = one_agent();
  DecisionParams p;  // altruism 1, recognition 1, dr 0.5, ir 0.5, learning 0.5, trust 1, cost 1, tacit 2, comp 0.5
  OrganizationParams org;
  org.incentive = 0.1;
  org.penalty = 0.2;
  ShareContext ctx;
  ctx.value = 0.5;
  ctx.complex = true;
  ctx.same_team = true;
  ctx.balance_giver_to_asker = -2.0;  // the asker did the giver two favours more
  ctx.asker_image_normalized = 0.4;
  ctx.trust_giver_in_asker = 0.75;
  const UtilityTerms u = sharing_utility(p, org, pop, 0, ctx);
  CHECK(u.altruism == Approx(0.4));             // 1 * 0.8 * 0.5
  CHECK(u.recognition == Approx(0.25));         // 1 * 0.5 * 0.5 * 1
  CHECK(u.direct_reciprocity == Approx(1.0));   // 0.5 * 1 * 2
  CHECK(u.indirect_reciprocity == Approx(0.2)); // 0.5 * 1 * 0.4
  CHECK(u.learning == Approx(0.1));             // 0.5 * 0.2
  CHECK(u.trust == Approx(0.25));               // 1 * (0.75 - 0.5)
  CHECK(u.organization == Approx(0.3));         // 0.1 + 0.2
  CHECK(u.cost == Approx(-1.0));                // -1 * 0.5 * 2 (complex)
  CHECK(u.competition == Approx(-0.5));
  CHECK(u.total == Approx(0.4 + 0.25 + 1.0 + 0.2 + 0.1 + 0.25 + 0.3 - 1.0 - 0.5));
}

TEST_CASE("logit share probability by hand and at the extremes", "[decision]") {
  CHECK(share_probability(1.0, 0.5) == Approx(1.0 / (1.0 + std::exp(-2.0))));  // 0.880797
  CHECK(share_probability(0.0, 1.0) == Approx(0.5));
  CHECK(share_probability(-1.0, 0.5) == Approx(0.119203));
  CHECK(share_probability(1e6, 0.01) == 1.0);
  CHECK(share_probability(-1e6, 0.01) == 0.0);
  CHECK_FALSE(std::isnan(share_probability(-1e308, 1e-300)));
}

TEST_CASE("strategy rule ignores the utility and draws nothing", "[decision]") {
  Population pop = one_agent();
  pop.traits[0].decision = static_cast<std::uint8_t>(DecisionRule::strategy);
  DecisionParams p;
  Rng rng(1), copy(1);
  CHECK_FALSE(decide_share(p, pop, 0, 100.0, rng));
  pop.strategy = {k_cooperate};
  CHECK(decide_share(p, pop, 0, -100.0, rng));
  CHECK(rng() == copy());  // the stream did not move
  // Utility rule: frequency matches the logit probability (n = 20000, sd 0.0035, 5 sd).
  pop.traits[0].decision = static_cast<std::uint8_t>(DecisionRule::utility);
  int shared = 0;
  for (int k = 0; k < 20000; ++k) shared += decide_share(p, pop, 0, 0.5, rng) ? 1 : 0;
  CHECK(shared / 20000.0 == Approx(share_probability(0.5, 1.0)).margin(0.0175));
}

TEST_CASE("the decision in two steps draws and decides as the decision in one", "[decision]") {
  Population pop = one_agent();
  DecisionParams p;  // temperature 1: P(share | U = 0) = 1/2
  CHECK(decide_drawn(p, pop, 0, 0.0, 0.3));
  CHECK_FALSE(decide_drawn(p, pop, 0, 0.0, 0.6));
  Rng one(11), two(11);
  for (int k = 0; k < 2000; ++k) {
    const double utility = -4.0 + 0.004 * k;
    const bool in_one = decide_share(p, pop, 0, utility, one);
    const double draw = share_draw(pop, 0, two);
    CHECK(draw >= 0.0);
    CHECK(decide_drawn(p, pop, 0, utility, draw) == in_one);
  }
  CHECK(one == two);  // the same draws were taken
  // Strategy rule: no draw, the strategy decides.
  pop.traits[0].decision = static_cast<std::uint8_t>(DecisionRule::strategy);
  pop.strategy = {k_cooperate};
  const Rng before = two;
  CHECK(share_draw(pop, 0, two) == -1.0);
  CHECK(two == before);
  CHECK(decide_drawn(p, pop, 0, -100.0, -1.0));
  pop.strategy = {k_defect};
  CHECK_FALSE(decide_drawn(p, pop, 0, 100.0, -1.0));
}
