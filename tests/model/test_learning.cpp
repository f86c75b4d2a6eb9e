// Learning rules (model/learning): probabilities of the stochastic rules, the deterministic
// outcomes of imitate_best and the heuristics, the event rules, and reproducibility.

#include <catch2/catch.hpp>

#include "model_fixtures.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "tacit/core/exp.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/model/learning.hpp"
#include "tacit/network/network.hpp"

using namespace tacit::model;
using tacit::Rng;
using tacit::network::Network;
using tacit::network::NetworkBuilder;
using tacit::network::TieKind;

namespace {

Network learning_path(std::uint32_t n) {
  NetworkBuilder b(n);
  for (std::uint32_t i = 0; i + 1 < n; ++i) b.add_tie(i, i + 1, TieKind::strong);
  return std::move(b).build();
}

Network learning_star(std::uint32_t leaves) {
  NetworkBuilder b(leaves + 1);
  for (std::uint32_t i = 1; i <= leaves; ++i) b.add_tie(0, i, TieKind::strong);
  return std::move(b).build();
}

/// The state the sharing model's learning reads, everyone under `rule`, all visible.
Population learning_population(std::uint32_t n, LearningRule rule) {
  Population pop;
  pop.strategy.assign(n, k_defect);
  pop.identified.assign(n, 1);
  pop.payoff.assign(n, 0.0);
  pop.ledger.assign(n, Ledger{});
  pop.learning_rule.assign(n, static_cast<std::uint8_t>(rule));
  return pop;
}

/// Sets this tick's actions (or payoffs) of agents 0, 1, ... in pop.ledger.
void set_actions(Population& pop, std::initializer_list<std::uint8_t> actions) {
  std::uint32_t i = 0;
  for (const std::uint8_t a : actions) pop.ledger.at(i++).last_action = a;
}
void set_tick_payoffs(Population& pop, std::initializer_list<double> payoffs) {
  std::uint32_t i = 0;
  for (const double p : payoffs) pop.ledger.at(i++).tick_payoff = p;
}

RevisionInput input_of(const Population& pop) {
  const std::span<const Ledger> ledger = pop.ledger;
  return {pop.strategy, pop.payoff, {ledger, &Ledger::last_action}, pop.identified, {ledger, &Ledger::tick_payoff}};
}

/// Share of `ticks` ticks in which agent 0 of a two-agent path (0 cooperates, 1 defects) copies
/// agent 1 under `rule`, with payoffs P_0 = 0 and P_1 = diff.
double copy_rate(LearningRule rule, double diff, const PairwiseBound& bound, std::uint32_t ticks) {
  const Network net = learning_path(2);
  Population pop = learning_population(2, rule);
  pop.strategy = {k_cooperate, k_defect};
  pop.payoff = {0.0, diff};
  LearningParams params;
  params.selection_intensity = 1.0;
  std::vector<std::uint8_t> next(2);
  std::uint32_t copied = 0;
  for (std::uint32_t t = 1; t <= ticks; ++t) {
    revise_synchronous(net, RuleMap{{}, rule}, input_of(pop), params, 1.0, bound, next, 7, t, 1);
    copied += next[0] == k_defect;
  }
  return static_cast<double>(copied) / ticks;
}

}  // namespace

TEST_CASE("learning: rule families", "[learning]") {
  CHECK(is_event_rule(LearningRule::death_birth));
  CHECK(is_event_rule(LearningRule::birth_death));
  CHECK(is_event_rule(LearningRule::imitation));
  CHECK_FALSE(is_event_rule(LearningRule::fermi));
  CHECK(is_synchronous_rule(LearningRule::pairwise));
  CHECK(is_synchronous_rule(LearningRule::mimic_winners));
  CHECK_FALSE(is_synchronous_rule(LearningRule::none));
  CHECK_FALSE(is_synchronous_rule(LearningRule::death_birth));
  // f = 1 - w + w P, clamped at 0.
  CHECK(fitness(3.0, 0.0) == 1.0);
  CHECK(fitness(3.0, 0.5) == Approx(2.0));
  CHECK(fitness(-5.0, 0.5) == 0.0);
}

TEST_CASE("learning: Fermi copies with probability one half at equal payoffs", "[learning]") {
  // p = 1 / (1 + exp(-s * 0)) = 1/2. 20000 independent agent streams: the standard error is
  // sqrt(0.25 / 20000) = 0.0035; tolerance 0.015 (> 4 SE).
  CHECK(copy_rate(LearningRule::fermi, 0.0, {}, 20000) == Approx(0.5).margin(0.015));
  // s = 1, P_y - P_x = ln 3: p = 1 / (1 + 1/3) = 3/4 (SE 0.0031).
  CHECK(copy_rate(LearningRule::fermi, std::log(3.0), {}, 20000) == Approx(0.75).margin(0.015));
}

TEST_CASE("learning: pairwise copies only better neighbours with probability diff over M", "[learning]") {
  PairwiseBound m4;
  m4.constant = 4.0;
  // P_y - P_x = 1, M = 4: p = 1/4 (SE 0.0031 over 20000).
  CHECK(copy_rate(LearningRule::pairwise, 1.0, m4, 20000) == Approx(0.25).margin(0.015));
  // A worse or equal neighbour is never copied.
  CHECK(copy_rate(LearningRule::pairwise, -1.0, m4, 2000) == 0.0);
  CHECK(copy_rate(LearningRule::pairwise, 0.0, m4, 2000) == 0.0);
  // M from bounds by degree: max(hi) - min(lo).
  const std::vector<double> lo{0.0, -2.0, -3.0}, hi{0.0, 6.0, 9.0};
  const PairwiseBound by_degree{lo, hi, 1.0};
  CHECK(by_degree(1, 2) == 12.0);
  CHECK(by_degree(1, 1) == 8.0);
}

TEST_CASE("learning: imitate_best copies the strictly best neighbour and keeps its own on ties",
          "[learning]") {
  // Star 0-{1,2,3}. Payoffs 1, 5, 5, 0; strategies C, D, C, D.
  // Agent 0: best neighbours 1 and 2 tie at 5 > 1: the lower id (1, D) wins -> D.
  // Agent 1: neighbour 0 has 1 < 5 -> keeps D. Agent 2 keeps C. Agent 3: 1 > 0 -> copies C.
  const Network net = learning_star(3);
  Population pop = learning_population(4, LearningRule::imitate_best);
  pop.strategy = {k_cooperate, k_defect, k_cooperate, k_defect};
  pop.payoff = {1.0, 5.0, 5.0, 0.0};
  std::vector<std::uint8_t> next(4);
  LearningParams params;
  revise_synchronous(net, RuleMap{pop.learning_rule, LearningRule::none}, input_of(pop), params, 1.0, {},
                     next, 1, 1, 1);
  CHECK(next == std::vector<std::uint8_t>{k_defect, k_defect, k_cooperate, k_cooperate});
  // Equal payoffs everywhere: nobody changes.
  pop.payoff = {2.0, 2.0, 2.0, 2.0};
  revise_synchronous(net, RuleMap{pop.learning_rule, LearningRule::none}, input_of(pop), params, 1.0, {},
                     next, 1, 1, 1);
  CHECK(next == pop.strategy);
}

TEST_CASE("learning: heuristics repeat, mimic_majority, win-stay lose-shift, mimic_winners",
          "[learning]") {
  const Network star = learning_star(4);  // 0 - {1, 2, 3, 4}
  LearningParams params;
  params.rate = 1.0;

  SECTION("repeat: strategy := last action if the agent acted") {
    Population pop = learning_population(5, LearningRule::repeat);
    pop.strategy = {k_defect, k_cooperate, k_defect, k_cooperate, k_defect};
    set_actions(pop, {k_shared, k_refused, k_not_asked, k_not_asked, k_refused});
    revise_strategies(star, pop, params, 1, 1, 1);
    CHECK(pop.strategy == std::vector<std::uint8_t>{k_cooperate, k_defect, k_defect, k_cooperate, k_defect});
  }
  SECTION("mimic_majority counts visible neighbours that acted, a tie keeps") {
    Population pop = learning_population(5, LearningRule::none);
    pop.learning_rule[0] = static_cast<std::uint8_t>(LearningRule::mimic_majority);
    // Leaves: shared (visible), shared (hidden), refused (visible), not asked (visible).
    set_actions(pop, {k_not_asked, k_shared, k_shared, k_refused, k_not_asked});
    pop.identified = {1, 1, 0, 1, 1};
    pop.strategy[0] = k_defect;
    revise_strategies(star, pop, params, 1, 1, 1);
    CHECK(pop.strategy[0] == k_defect);  // 1 shared vs 1 refused visible: keep
    pop.identified[2] = 1;               // now 2 shared vs 1 refused
    revise_strategies(star, pop, params, 1, 2, 1);
    CHECK(pop.strategy[0] == k_cooperate);
  }
  SECTION("win-stay lose-shift against the aspiration") {
    Population pop = learning_population(5, LearningRule::win_stay_lose_shift);
    params.aspiration = 0.5;
    pop.strategy = {k_cooperate, k_cooperate, k_defect, k_defect, k_cooperate};
    set_tick_payoffs(pop, {0.5, 0.4, 0.6, -1.0, 2.0});
    revise_strategies(star, pop, params, 1, 1, 1);
    // 0.5 >= 0.5 stays; 0.4 shifts; 0.6 stays; -1 shifts; 2 stays.
    CHECK(pop.strategy == std::vector<std::uint8_t>{k_cooperate, k_defect, k_defect, k_cooperate, k_cooperate});
  }
  SECTION("mimic_winners adopts the action with the higher mean payoff, needs both groups") {
    Population pop = learning_population(5, LearningRule::none);
    pop.learning_rule[0] = static_cast<std::uint8_t>(LearningRule::mimic_winners);
    pop.strategy[0] = k_cooperate;
    // Visible sharers 1, 2 earned 1 and 2 (mean 1.5); refuser 3 earned 2; 4 hidden refuser earned 9.
    set_actions(pop, {k_not_asked, k_shared, k_shared, k_refused, k_refused});
    pop.identified = {1, 1, 1, 1, 0};
    set_tick_payoffs(pop, {0.0, 1.0, 2.0, 2.0, 9.0});
    revise_strategies(star, pop, params, 1, 1, 1);
    CHECK(pop.strategy[0] == k_defect);  // 2 > 1.5
    pop.ledger[3].tick_payoff = 1.0;            // 1.5 > 1
    revise_strategies(star, pop, params, 1, 2, 1);
    CHECK(pop.strategy[0] == k_cooperate);
    pop.ledger[3].last_action = k_not_asked;  // no visible refuser: keep
    pop.strategy[0] = k_defect;
    revise_strategies(star, pop, params, 1, 3, 1);
    CHECK(pop.strategy[0] == k_defect);
  }
}

TEST_CASE("learning: each agent revises with probability rate, rule none never", "[learning]") {
  // Win-stay lose-shift below the aspiration flips every revising agent: the share of flips is
  // the rate. 20000 agents at rate 0.3: SE = sqrt(0.21 / 20000) = 0.0032; tolerance 0.015.
  const std::uint32_t n = 20000;
  const Network net = learning_path(n);
  Population pop = learning_population(n, LearningRule::win_stay_lose_shift);
  for (Ledger& own : pop.ledger) own.tick_payoff = -1.0;
  LearningParams params;
  params.rate = 0.3;
  revise_strategies(net, pop, params, 3, 1, 1);
  const double flipped = static_cast<double>(std::count(pop.strategy.begin(), pop.strategy.end(), k_cooperate)) / n;
  CHECK(flipped == Approx(0.3).margin(0.015));

  params.rate = 0.0;
  const auto before = pop.strategy;
  revise_strategies(net, pop, params, 3, 2, 1);
  CHECK(pop.strategy == before);

  // Rule none: never changes, whatever the neighbours do.
  params.rate = 1.0;
  Population mixed = learning_population(3, LearningRule::fermi);
  mixed.learning_rule[1] = static_cast<std::uint8_t>(LearningRule::none);
  mixed.strategy = {k_cooperate, k_defect, k_cooperate};
  mixed.payoff = {100.0, -100.0, 100.0};
  for (std::uint32_t t = 1; t <= 50; ++t) revise_strategies(learning_path(3), mixed, params, 3, t, 1);
  CHECK(mixed.strategy[1] == k_defect);
}

TEST_CASE("learning: the fitness sampler draws proportional to fitness", "[learning]") {
  FitnessSampler sampler;
  const std::vector<double> f{1.0, 0.0, 3.0, 0.0};
  sampler.assign(f);
  CHECK(sampler.total() == 4.0);
  // 40000 draws: SE of the share of agent 2 is sqrt(3/16 / 40000) = 0.0022; tolerance 0.01.
  Rng rng(11);
  std::array<std::uint32_t, 4> hits{};
  for (int i = 0; i < 40000; ++i) ++hits[sampler.sample(rng)];
  CHECK(hits[1] == 0);
  CHECK(hits[3] == 0);
  CHECK(hits[2] / 40000.0 == Approx(0.75).margin(0.01));
  // set() moves all the weight to agent 3.
  sampler.set(0, 0.0);
  sampler.set(2, 0.0);
  sampler.set(3, 2.5);
  CHECK(sampler.total() == 2.5);
  for (int i = 0; i < 100; ++i) CHECK(sampler.sample(rng) == 3);
  // All zero: uniform.
  sampler.set(3, 0.0);
  hits = {};
  for (int i = 0; i < 4000; ++i) ++hits[sampler.sample(rng)];
  for (const auto h : hits) CHECK(h > 800);
}

TEST_CASE("learning: event rules choose by fitness among the right candidates", "[learning]") {
  // Path 0 - 1 - 2, w = 1: f = P. Agent 0 has fitness 0, agent 2 fitness 2.
  const Network net = learning_path(3);
  const std::vector<double> payoff{0.0, 5.0, 2.0};
  Rng rng(5);
  for (int i = 0; i < 200; ++i) {
    // Death–birth at 1: only agent 2 can take the site.
    std::vector<std::uint8_t> s{k_cooperate, k_cooperate, k_defect};
    CHECK(death_birth_event(net, s, payoff, 1.0, 1, rng));
    CHECK(s[1] == k_defect);
    // Imitation at 1: self (5) or 2 (2), never 0: P(copy 2) = 2/7.
    std::vector<std::uint8_t> t{k_defect, k_cooperate, k_cooperate};
    CHECK_FALSE(imitation_event(net, t, payoff, 1.0, 1, rng));
  }
  // Imitation keeps with probability 5/7: 7000 events, SE 0.0054, tolerance 0.025.
  std::uint32_t kept = 0;
  for (int i = 0; i < 7000; ++i) {
    std::vector<std::uint8_t> s{k_defect, k_cooperate, k_defect};
    kept += !imitation_event(net, s, payoff, 1.0, 1, rng);
  }
  CHECK(kept / 7000.0 == Approx(5.0 / 7.0).margin(0.025));
  // Neutral (w = 0): death–birth picks either neighbour with probability 1/2.
  std::uint32_t from_two = 0;
  for (int i = 0; i < 4000; ++i) {
    std::vector<std::uint8_t> s{k_cooperate, k_cooperate, k_defect};
    from_two += death_birth_event(net, s, payoff, 0.0, 1, rng);
  }
  CHECK(from_two / 4000.0 == Approx(0.5).margin(0.03));

  // Birth–death: all fitness on agent 1, who reproduces into 0 or 2; only birth_death agents
  // take it.
  FitnessSampler sampler;
  sampler.assign(std::vector<double>{0.0, 1.0, 0.0});
  std::vector<std::uint8_t> rules{static_cast<std::uint8_t>(LearningRule::birth_death),
                                  static_cast<std::uint8_t>(LearningRule::birth_death),
                                  static_cast<std::uint8_t>(LearningRule::none)};
  std::array<std::uint32_t, 3> changed{};
  for (int i = 0; i < 400; ++i) {
    std::vector<std::uint8_t> s{k_defect, k_cooperate, k_defect};
    const std::uint32_t child = birth_death_event(net, RuleMap{rules, LearningRule::none}, s, sampler, rng);
    if (child == k_unchanged) {
      CHECK(s == std::vector<std::uint8_t>{k_defect, k_cooperate, k_defect});
    } else {
      ++changed[child];
      CHECK(s[child] == k_cooperate);
    }
  }
  CHECK(changed[0] > 150);  // ~200: agent 0 is the target half the time
  CHECK(changed[1] == 0);
  CHECK(changed[2] == 0);  // rule none
}

TEST_CASE("learning: rules only adopt strategies present in the neighbourhood", "[learning]") {
  // One revision (synchronous) or one event, many times on a random graph with random
  // strategies and payoffs: an agent's new strategy is its own or a neighbour's old one.
  const std::uint32_t n = 60;
  const Network net = tacit_test::random_graph(n, 0.08, 21);
  Rng rng(22);
  LearningParams params;
  params.selection_intensity = 0.5;
  PairwiseBound bound;
  bound.constant = 20.0;
  const auto present = [&](const std::vector<std::uint8_t>& old, std::uint32_t i, std::uint8_t s) {
    if (old[i] == s) return true;
    for (const auto j : net.neighbours(i))
      if (old[j] == s) return true;
    return false;
  };
  for (std::uint32_t round = 0; round < 50; ++round) {
    Population pop = learning_population(n, LearningRule::none);
    for (std::uint32_t i = 0; i < n; ++i) {
      pop.strategy[i] = rng.bernoulli(0.2) ? k_cooperate : k_defect;
      pop.payoff[i] = rng.uniform(-1.0, 9.0);
      pop.ledger[i].last_action = pop.strategy[i];
      pop.ledger[i].tick_payoff = pop.payoff[i];
    }
    for (const auto rule : {LearningRule::fermi, LearningRule::pairwise, LearningRule::imitate_best,
                            LearningRule::mimic_majority, LearningRule::mimic_winners}) {
      std::vector<std::uint8_t> next(n);
      revise_synchronous(net, RuleMap{{}, rule}, input_of(pop), params, 1.0, bound, next, round, 1, 1);
      REQUIRE(next.size() == n);
      for (std::uint32_t i = 0; i < n; ++i) CHECK(present(pop.strategy, i, next[i]));
    }
    for (std::uint32_t e = 0; e < 20; ++e) {
      const auto u = static_cast<std::uint32_t>(rng.below(n));
      auto s = pop.strategy;
      death_birth_event(net, s, pop.payoff, 0.5, u, rng);
      CHECK(present(pop.strategy, u, s[u]));
      s = pop.strategy;
      imitation_event(net, s, pop.payoff, 0.5, u, rng);
      CHECK(present(pop.strategy, u, s[u]));
    }
  }
}

TEST_CASE("learning: mixed rules give the same result at 1 and 2 threads", "[learning]") {
  const std::uint32_t n = 3000;
  const Network net = tacit_test::random_graph(n, 0.003, 31);
  const std::array rules{LearningRule::none,         LearningRule::fermi,        LearningRule::pairwise,
                         LearningRule::death_birth,  LearningRule::birth_death,  LearningRule::imitation,
                         LearningRule::imitate_best, LearningRule::repeat,       LearningRule::mimic_majority,
                         LearningRule::win_stay_lose_shift, LearningRule::mimic_winners};
  Population base = learning_population(n, LearningRule::none);
  Rng rng(32);
  for (std::uint32_t i = 0; i < n; ++i) {
    base.learning_rule[i] = static_cast<std::uint8_t>(rules[i % rules.size()]);
    base.strategy[i] = rng.bernoulli(0.5) ? k_cooperate : k_defect;
    base.ledger[i].last_action = static_cast<std::uint8_t>(rng.below(3));
    base.identified[i] = rng.bernoulli(0.7) ? 1 : 0;
    base.payoff[i] = rng.uniform(-2.0, 2.0);
    base.ledger[i].tick_payoff = rng.uniform(-1.0, 1.0);
  }
  LearningParams params;
  params.rate = 0.5;
  params.selection_intensity = 0.3;
  Population one = base, two = base;
  for (std::uint32_t t = 1; t <= 5; ++t) {
    revise_strategies(net, one, params, 99, t, 1);
    revise_strategies(net, two, params, 99, t, 2);
  }
  CHECK(one.strategy == two.strategy);
  CHECK(one.strategy != base.strategy);
}

TEST_CASE("learning: the synchronous revision draws from each agent's stream in the documented order",
          "[learning]") {
  // Agent x's stream is Rng(seed, learning, tick, x): bernoulli(rate) first when rate < 1, then
  // below(degree) for the neighbour, then one uniform only when copying could matter (Fermi:
  // the strategies differ; pairwise: they differ and the neighbour earned more). The engine
  // seeds the rest of a stream only when it draws past the first output; the outcome must be
  // the one of drawing everything from the whole stream, replayed here agent by agent.
  const std::uint32_t n = 2000;
  const Network net = tacit_test::random_graph(n, 0.004, 41);
  Population pop = learning_population(n, LearningRule::fermi);
  Rng init(42);
  for (std::uint32_t i = 0; i < n; ++i) {
    pop.learning_rule[i] = static_cast<std::uint8_t>(i % 3 == 0 ? LearningRule::pairwise : LearningRule::fermi);
    pop.strategy[i] = init.bernoulli(0.5) ? k_cooperate : k_defect;
    pop.payoff[i] = init.uniform(-2.0, 2.0);
  }
  LearningParams params;
  params.selection_intensity = 0.7;
  const PairwiseBound bound{{}, {}, 4.0};
  const std::uint64_t seed = 5;
  for (const double rate : {1.0, 0.5}) {
    CAPTURE(rate);
    for (std::uint32_t tick = 1; tick <= 3; ++tick) {
      std::vector<std::uint8_t> next(n);
      revise_synchronous(net, RuleMap{pop.learning_rule, LearningRule::none}, input_of(pop), params, rate, bound,
                         next, seed, tick, 2);
      std::uint32_t mismatches = 0, changed = 0;
      for (std::uint32_t x = 0; x < n; ++x) {
        std::uint8_t expect = pop.strategy[x];
        Rng rng(seed, tacit::Stream::learning, tick, x);
        const auto nb = net.neighbours(x);
        if ((rate >= 1.0 || rng.bernoulli(rate)) && !nb.empty()) {
          const std::uint32_t y = nb[rng.below(nb.size())];
          const double diff = pop.payoff[y] - pop.payoff[x];
          if (pop.strategy[y] != pop.strategy[x]) {
            if (pop.learning_rule[x] == static_cast<std::uint8_t>(LearningRule::fermi)) {
              if (rng.uniform() < 1.0 / (1.0 + tacit::core::exp(-params.selection_intensity * diff))) expect = pop.strategy[y];
            } else if (diff > 0.0 && rng.uniform() < diff / 4.0) {
              expect = pop.strategy[y];
            }
          }
        }
        mismatches += next[x] != expect ? 1u : 0u;
        changed += next[x] != pop.strategy[x] ? 1u : 0u;
      }
      CHECK(mismatches == 0);
      CHECK(changed > 50);  // the uniforms were drawn, not only the neighbours
      pop.strategy = next;
    }
  }
}
