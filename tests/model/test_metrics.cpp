#include <array>

#include <catch2/catch.hpp>

#include "model_fixtures.hpp"
#include "tacit/model/metrics.hpp"

using namespace tacit;
using namespace tacit::model;
using namespace tacit_test;

TEST_CASE("metrics by hand on three agents", "[metrics]") {
  const auto net = path(3);
  ModelParams p = pure_transfer(2, 0.5);
  p.metrics.free_rider_window = 5;
  Simulation sim(net, p, options(Activation::fixed));
  auto& pop = sim.mutable_population();
  pop.explicit_knowledge << 1, 1, 2, 2, 0, 0;
  pop.tacit_knowledge << 0, 0, 1, 1, 0, 0;
  // stocks: agent 0: 1 + 0 = 1; agent 1: 2 + 1 = 3; agent 2: 0. mean 4/3.
  // Free riders at tick 10 with window 5 (ticks 6..10): agent 0 received at 7, helped at 3 -> yes;
  // agent 1 received at 9 and helped at 8 -> no; agent 2 never received -> no. 1/3.
  for (const auto [i, received, helped] : {std::array{0u, 7u, 3u}, {1u, 9u, 8u}, {2u, 0u, 0u}}) {
    pop.ledger[i].last_received_tick = received;
    pop.ledger[i].last_helped_tick = helped;
  }
  pop.strategy = {k_cooperate, k_defect, k_cooperate};
  pop.image = {5, -5, 0};
  TickCounters c;
  c.requests = 4;
  c.shares = 3;
  MetricsScratch scratch;
  std::vector<double> m;
  compute_metrics(net, pop, sim.ties(), sim.esm(), p, c, 10, scratch, m);
  const auto& names = metric_names();
  auto get = [&](const std::string& name) {
    return m[static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin())];
  };
  REQUIRE(m.size() == names.size());
  CHECK(get("knowledge_mean") == Approx(4.0 / 3.0));
  CHECK(get("knowledge_explicit_mean") == Approx(1.0));  // (1 + 2 + 0) / 3
  CHECK(get("knowledge_tacit_mean") == Approx(1.0 / 3.0));
  // variance of {1, 3, 0}: mean 4/3; ((1/9) + (25/9) + (16/9)) / 3 = 42/27 = 1.5556
  CHECK(get("knowledge_variance") == Approx(42.0 / 27.0));
  CHECK(get("share_rate") == Approx(0.75));
  CHECK(get("free_rider_fraction") == Approx(1.0 / 3.0));
  CHECK(get("sharer_fraction") == Approx(2.0 / 3.0));
  CHECK(get("image_mean") == Approx(0.0));
  // images shifted by +5: {10, 0, 5}; sorted {0, 5, 10}: (-2*0 + 0*5 + 2*10) / (3 * 15) = 0.4444
  CHECK(get("reputation_gini") == Approx(20.0 / 45.0));
  // No evidence yet on strong ties: prior E = initial_strong = 0.7; no weak ties: nan.
  CHECK(get("trust_strong_mean") == Approx(0.7));
  CHECK(std::isnan(get("trust_weak_mean")));
}
