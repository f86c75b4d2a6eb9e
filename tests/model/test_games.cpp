// Classic games (model/games): hand-computed payoffs on a star, a ring and a path, payoff
// bookkeeping of the event rules, neutral fixation, initial strategies, fixation and
// reproducibility.

#include <catch2/catch.hpp>

#include "model_fixtures.hpp"

#include <cstdint>
#include <vector>

#include "tacit/core/error.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/model/games.hpp"
#include "tacit/network/network.hpp"

using namespace tacit::model;
using tacit::Rng;
using tacit::network::Network;
using tacit::network::NetworkBuilder;
using tacit::network::TieKind;

namespace {

constexpr std::uint8_t C = k_cooperate;
constexpr std::uint8_t D = k_defect;

Network game_star(std::uint32_t leaves) {
  NetworkBuilder b(leaves + 1);
  for (std::uint32_t i = 1; i <= leaves; ++i) b.add_tie(0, i, TieKind::strong);
  return std::move(b).build();
}

Network game_ring(std::uint32_t n) {
  NetworkBuilder b(n);
  for (std::uint32_t i = 0; i < n; ++i) b.add_tie(i, (i + 1) % n, TieKind::strong);
  return std::move(b).build();
}

std::vector<double> payoffs(const Network& net, const GameParams& g, const std::vector<std::uint8_t>& s) {
  std::vector<double> p(s.size());
  compute_payoffs(net, g, s, p, 1);
  return p;
}

void check_payoffs(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("agent " << i);
    CHECK(got[i] == Approx(want[i]).margin(1e-12));
  }
}

GameParams donation(double b, double c) {
  GameParams g;
  g.kind = GameKind::donation;
  g.b = b;
  g.c = c;
  return g;
}

GameParams prisoners_dilemma() {
  GameParams g;
  g.kind = GameKind::prisoners_dilemma;
  g.T = 5.0;
  g.R = 3.0;
  g.P = 1.0;
  g.S = -1.0;
  return g;
}

GameParams public_goods(double r, PgCost cost) {
  GameParams g;
  g.kind = GameKind::public_goods;
  g.r = r;
  g.cost = cost;
  return g;
}

// The public goods game written independently as ref_pgg.cpp states it: each host's pot of
// contributions, times r, scattered evenly to its k+1 members; each cooperator pays its
// contribution in each of its k+1 games.
std::vector<double> pgg_by_scatter(const Network& net, double r, bool per_game, const std::vector<std::uint8_t>& s) {
  const std::uint32_t n = net.num_nodes();
  std::vector<double> contrib(n), p(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) contrib[v] = s[v] ? (per_game ? 1.0 : 1.0 / (net.degree(v) + 1)) : 0.0;
  for (std::uint32_t h = 0; h < n; ++h) {
    double pot = contrib[h];
    for (const auto j : net.neighbours(h)) pot += contrib[j];
    const double share = r * pot / (net.degree(h) + 1);
    p[h] += share;
    for (const auto j : net.neighbours(h)) p[j] += share;
  }
  for (std::uint32_t v = 0; v < n; ++v) p[v] -= contrib[v] * (net.degree(v) + 1);
  return p;
}

}  // namespace

TEST_CASE("games: donation game payoffs on a star and a ring", "[games]") {
  // b = 3, c = 1. Star 0-{1,2,3}, strategies C, C, D, D.
  //   0: k = 3, one cooperating neighbour: 3*1 - 1*3 = 0;  1: 3 - 1 = 2;  2, 3: 3.
  //   self-interaction adds b - c = 2 to each cooperator: 2, 4, 3, 3.
  const Network star = game_star(3);
  GameParams g = donation(3.0, 1.0);
  check_payoffs(payoffs(star, g, {C, C, D, D}), {0.0, 2.0, 3.0, 3.0});
  g.self_interaction = true;
  check_payoffs(payoffs(star, g, {C, C, D, D}), {2.0, 4.0, 3.0, 3.0});
  // Ring 0-1-2-3-0, C C D D: every agent has one cooperating neighbour.
  //   cooperators 3 - 2 = 1, defectors 3.
  g.self_interaction = false;
  check_payoffs(payoffs(game_ring(4), g, {C, C, D, D}), {1.0, 1.0, 3.0, 3.0});
}

TEST_CASE("games: prisoner's dilemma payoffs on a star and a ring", "[games]") {
  // T = 5, R = 3, P = 1, S = -1. Star 0-{1,2,3}, C C D D:
  //   0 (C): R vs 1, S vs 2 and 3 = 3 - 1 - 1 = 1;  1 (C) vs C: 3;  2, 3 (D) vs C: T = 5.
  GameParams g = prisoners_dilemma();
  const Network star = game_star(3);
  check_payoffs(payoffs(star, g, {C, C, D, D}), {1.0, 3.0, 5.0, 5.0});
  // Ring C C D D: 0 (C) vs 1 C, 3 D: 3 - 1 = 2; 1 likewise 2; 2 (D) vs 1 C, 3 D: 5 + 1 = 6; 3: 6.
  // Self-interaction adds R = 3 to cooperators and P = 1 to defectors: 5, 5, 7, 7.
  check_payoffs(payoffs(game_ring(4), g, {C, C, D, D}), {2.0, 2.0, 6.0, 6.0});
  g.self_interaction = true;
  check_payoffs(payoffs(game_ring(4), g, {C, C, D, D}), {5.0, 5.0, 7.0, 7.0});
}

TEST_CASE("games: public goods payoffs on a star and a ring", "[games]") {
  // r = 3, star 0-{1,2,3}, C C D D.
  // Per game: host 0 has 4 members, pot 2 -> share 1.5; host 1 {1,0}: pot 2 -> 3;
  //   hosts 2, 3 {leaf, 0}: pot 1 -> 1.5.
  //   0: 1.5 + 3 + 1.5 + 1.5 - 4 = 3.5;  1: 1.5 + 3 - 2 = 2.5;  2, 3: 1.5 + 1.5 = 3.
  const Network star = game_star(3);
  check_payoffs(payoffs(star, public_goods(3.0, PgCost::per_game), {C, C, D, D}), {3.5, 2.5, 3.0, 3.0});
  // Per individual: 0 puts 1/4 in each game, 1 puts 1/2.
  //   host 0: pot 3/4 -> 3 * 0.75 / 4 = 0.5625; host 1: pot 3/4 -> 1.125; hosts 2, 3: pot 1/4 -> 0.375.
  //   0: 0.5625 + 1.125 + 0.375 + 0.375 - 1 = 1.4375;  1: 0.5625 + 1.125 - 1 = 0.6875;
  //   2, 3: 0.5625 + 0.375 = 0.9375.
  check_payoffs(payoffs(star, public_goods(3.0, PgCost::per_individual), {C, C, D, D}),
                {1.4375, 0.6875, 0.9375, 0.9375});
  // Ring C C D D, per game, 3 members per game: hosts 0 {3,0,1} and 1 {0,1,2} have pot 2 -> 2;
  //   hosts 2 {1,2,3} and 3 {2,3,0} pot 1 -> 1.
  //   0: host 0 + 1 + 3 = 5 - 3 = 2;  1: hosts 1 + 0 + 2 = 5 - 3 = 2;  2: 1 + 2 + 1 = 4;  3: 1 + 1 + 2 = 4.
  check_payoffs(payoffs(game_ring(4), public_goods(3.0, PgCost::per_game), {C, C, D, D}), {2.0, 2.0, 4.0, 4.0});
}

TEST_CASE("games: public goods per game and per individual on a 3-node path match the reference formula",
          "[games]") {
  // Path 0-1-2, r = 3; degrees 1, 2, 1.
  const Network path = tacit_test::path(3);
  // Ends cooperate. Per game: host 0 {0,1} pot 1 -> 1.5; host 1 {0,1,2} pot 2 -> 2; host 2 -> 1.5.
  //   0: 1.5 + 2 - 2 = 1.5;  1 (D): 2 + 1.5 + 1.5 = 5;  2: 1.5.
  check_payoffs(payoffs(path, public_goods(3.0, PgCost::per_game), {C, D, C}), {1.5, 5.0, 1.5});
  // Per individual: each end puts 1/2 per game. host 0: 3 * 0.5 / 2 = 0.75; host 1: 3 * 1 / 3 = 1.
  //   0: 0.75 + 1 - 1 = 0.75;  1: 1 + 0.75 + 0.75 = 2.5;  2: 0.75.
  check_payoffs(payoffs(path, public_goods(3.0, PgCost::per_individual), {C, D, C}), {0.75, 2.5, 0.75});
  // Middle cooperates. Per game: hosts 0, 2 pot 1 -> 1.5, host 1 pot 1 -> 1.
  //   0: 1.5 + 1 = 2.5;  1: 1 + 1.5 + 1.5 - 3 = 1.
  check_payoffs(payoffs(path, public_goods(3.0, PgCost::per_game), {D, C, D}), {2.5, 1.0, 2.5});
  // Per individual: 1 puts 1/3 per game: hosts 0, 2: 3 * (1/3) / 2 = 0.5; host 1: 1/3.
  //   0: 0.5 + 1/3;  1: 1/3 + 0.5 + 0.5 - 1 = 1/3.
  check_payoffs(payoffs(path, public_goods(3.0, PgCost::per_individual), {D, C, D}),
                {0.5 + 1.0 / 3.0, 1.0 / 3.0, 0.5 + 1.0 / 3.0});

  // And the same as the reference's scatter formulation on a random graph, both costs.
  const Network net = tacit_test::random_graph(300, 0.02, 3);
  std::vector<std::uint8_t> s(300);
  Rng rng(4);
  for (auto& x : s) x = rng.bernoulli(0.5) ? C : D;
  for (const bool per_game : {true, false}) {
    const auto got = payoffs(net, public_goods(3.7, per_game ? PgCost::per_game : PgCost::per_individual), s);
    const auto want = pgg_by_scatter(net, 3.7, per_game, s);
    for (std::size_t i = 0; i < s.size(); ++i) CHECK(got[i] == Approx(want[i]).margin(1e-9));
  }
}

TEST_CASE("games: payoff bounds give the pairwise normalization", "[games]") {
  // Public goods per game, r = 3, k = 4: [-(k+1), r (k+1)] = [-5, 15]; M for degrees 4 and 2 is
  // 15 - (-5) = 20 = (r + 1)(k_max + 1), the bound of the reference kernel.
  const PayoffRange pgg = payoff_range(public_goods(3.0, PgCost::per_game), 4);
  CHECK(pgg.lo == -5.0);
  CHECK(pgg.hi == 15.0);
  const PayoffRange pgi = payoff_range(public_goods(3.0, PgCost::per_individual), 4);
  CHECK(pgi.lo == -1.0);
  CHECK(pgi.hi == 15.0);
  // Donation b = 3, c = 1, k = 3: cooperator among defectors -3, defector among cooperators 9.
  const PayoffRange don = payoff_range(donation(3.0, 1.0), 3);
  CHECK(don.lo == -3.0);
  CHECK(don.hi == 9.0);
  // PD (T 5, R 3, P 1, S -1), k = 2, self-interaction: C among D: -2 + 3 = 1; D among C: 10 + 1 = 11.
  GameParams pd = prisoners_dilemma();
  pd.self_interaction = true;
  CHECK(payoff_range(pd, 2).lo == 1.0);
  CHECK(payoff_range(pd, 2).hi == 11.0);
}

TEST_CASE("games: imitate_best on a star is deterministic", "[games]") {
  // Donation b = 3, c = 1 on star 0-{1,2,3}, C C D D: payoffs 0, 2, 3, 3 (see above).
  //   Generation 1: 0 copies its best neighbour (2, D, payoff 3 > 0; 2 and 3 tie, lower id);
  //   1 sees only 0 (0 < 2): keeps C; 2, 3 see 0 (0 < 3): keep D.  -> D C D D.
  //   Generation 2: payoffs 0 (D, one C neighbour): 3; 1 (C among D): -1; 2, 3: 0.
  //   0 keeps; 1, 2, 3 copy 0 (3 is the best) -> all D: fixated.
  const Network star = game_star(3);
  GameParams g = donation(3.0, 1.0);
  g.update = LearningRule::imitate_best;
  const LearningParams learning;
  std::vector<std::uint8_t> s{C, C, D, D};
  std::vector<double> p(4);
  game_step(star, g, learning, s, p, 1, 1, 1);
  CHECK(s == std::vector<std::uint8_t>{D, C, D, D});
  check_payoffs(p, {0.0, 2.0, 3.0, 3.0});  // what was earned this generation
  CHECK_FALSE(fixated(s));
  game_step(star, g, learning, s, p, 1, 2, 1);
  check_payoffs(p, {3.0, -1.0, 0.0, 0.0});
  CHECK(s == std::vector<std::uint8_t>{D, D, D, D});
  CHECK(fixated(s));
  CHECK(cooperator_fraction(s) == 0.0);
}

TEST_CASE("games: strategies never spread across components and fixation is absorbing", "[games]") {
  // Two rings of 6 (no tie between them): one all C, one all D. Every imitation rule can only
  // adopt strategies present in the neighbourhood, so both stay as they are, and a fixated
  // population stays fixated: StopRule::fixation may end the run at the first fixated tick.
  NetworkBuilder b(12);
  for (std::uint32_t i = 0; i < 6; ++i) {
    b.add_tie(i, (i + 1) % 6, TieKind::strong);
    b.add_tie(6 + i, 6 + (i + 1) % 6, TieKind::strong);
  }
  const Network net = std::move(b).build();
  LearningParams learning;
  learning.selection_intensity = 0.5;
  for (const auto kind : {GameKind::donation, GameKind::prisoners_dilemma, GameKind::public_goods}) {
    for (const auto rule : {LearningRule::fermi, LearningRule::pairwise, LearningRule::death_birth,
                            LearningRule::birth_death, LearningRule::imitation, LearningRule::imitate_best,
                            LearningRule::repeat, LearningRule::mimic_majority, LearningRule::mimic_winners}) {
      GameParams g = kind == GameKind::donation ? donation(2.0, 1.0)
                     : kind == GameKind::public_goods ? public_goods(3.0, PgCost::per_game)
                                                      : prisoners_dilemma();
      g.update = rule;
      std::vector<std::uint8_t> s{C, C, C, C, C, C, D, D, D, D, D, D};
      const auto start = s;
      std::vector<double> p(12);
      for (std::uint32_t t = 1; t <= 20; ++t) game_step(net, g, learning, s, p, 5, t, 1);
      INFO("game " << static_cast<int>(kind) << " rule " << static_cast<int>(rule));
      CHECK(s == start);
      std::vector<std::uint8_t> all_c(12, C);
      for (std::uint32_t t = 1; t <= 5; ++t) game_step(net, g, learning, all_c, p, 5, t, 1);
      CHECK(fixated(all_c));
      CHECK(cooperator_fraction(all_c) == 1.0);
    }
  }
  CHECK(fixated(std::vector<std::uint8_t>{}));
  CHECK(fixated(std::vector<std::uint8_t>{D, D, D}));
  CHECK_FALSE(fixated(std::vector<std::uint8_t>{C, C, D}));
  CHECK(cooperator_fraction(std::vector<std::uint8_t>{C, D, D, C}) == 0.5);
}

TEST_CASE("games: event rules keep payoffs current through each event", "[games]") {
  // After a generation of events the working payoffs (updated locally event by event) must equal
  // the payoffs recomputed from scratch for the final strategies.
  const Network net = tacit_test::random_graph(200, 0.03, 8);
  LearningParams learning;
  learning.selection_intensity = 0.2;
  std::vector<GameParams> games{donation(2.0, 0.5), prisoners_dilemma(), public_goods(4.0, PgCost::per_game),
                                public_goods(4.0, PgCost::per_individual)};
  games[0].self_interaction = true;
  games[1].self_interaction = true;
  for (auto g : games) {
    for (const auto rule : {LearningRule::death_birth, LearningRule::birth_death, LearningRule::imitation}) {
      g.update = rule;
      GameScratch scratch;
      std::vector<std::uint8_t> s(200);
      initialize_strategies(g, s, 9);
      std::vector<double> p(200);
      const auto start = s;
      game_step(net, g, learning, s, p, 9, 1, 1, scratch);
      CHECK(s != start);
      const auto fresh = payoffs(net, g, s);
      for (std::size_t i = 0; i < s.size(); ++i) CHECK(scratch.work[i] == Approx(fresh[i]).margin(1e-9));
      if (rule == LearningRule::birth_death)
        for (std::uint32_t i = 0; i < 200; ++i)
          CHECK(scratch.sampler.value(i) == Approx(fitness(fresh[i], 0.2)).margin(1e-9));
    }
  }
}

namespace {

/// Share of `runs` runs in which one cooperator at node 3 of a ring of 10 takes over, under the
/// donation game (b, c = 1) with `rule` and selection intensity w.
double ring_fixation(LearningRule rule, double b, double w, std::uint32_t runs) {
  const Network ring = game_ring(10);
  GameParams g = donation(b, 1.0);
  g.update = rule;
  g.initial = InitialStrategies::single_cooperator;
  g.initial_node = 3;
  LearningParams learning;
  learning.selection_intensity = w;
  GameScratch scratch;
  std::vector<std::uint8_t> s(10);
  std::vector<double> p(10);
  std::uint32_t fixed_c = 0, unfinished = 0;
  for (std::uint32_t run = 0; run < runs; ++run) {
    initialize_strategies(g, s, run);
    std::uint32_t t = 0;
    while (!fixated(s) && t < 100000) game_step(ring, g, learning, s, p, run, ++t, 1, scratch);
    unfinished += !fixated(s);
    fixed_c += s[0] == C;
  }
  CHECK(unfinished == 0);
  return fixed_c / static_cast<double>(runs);
}

}  // namespace

TEST_CASE("games: neutral death-birth fixes one cooperator on a ring of 10 with probability 1 over N",
          "[games]") {
  // w = 0: every fitness is 1, the process is neutral drift and the fixation probability of a
  // single mutant is 1/N = 0.1 whatever the payoffs. 200000 runs: SE = sqrt(0.1 * 0.9 / 200000)
  // = 0.00067; tolerance 0.0027 (4 SE). Seeds are fixed, so the test is deterministic.
  CHECK(ring_fixation(LearningRule::death_birth, 5.0, 0.0, 200000) == Approx(0.1).margin(0.0027));
}

TEST_CASE("games: death-birth favours cooperators at large b over c, birth-death does not", "[games]") {
  // Ohtsuki et al. (2006): under death-birth, selection favours cooperation (fixation above 1/N)
  // when b/c exceeds about k (on a cycle of N = 10 the threshold is a little above k = 2); under
  // birth-death never. b/c = 10, w = 0.1, 20000 runs (SE <= 0.003): measured 0.216 and 0.023
  // when written; the checks leave wide margins on the side of 1/N = 0.1.
  CHECK(ring_fixation(LearningRule::death_birth, 10.0, 0.1, 20000) > 0.15);
  CHECK(ring_fixation(LearningRule::birth_death, 10.0, 0.1, 20000) < 0.05);
  // b/c = 1.5 < k: death-birth disfavours cooperators too (0.067 measured).
  CHECK(ring_fixation(LearningRule::death_birth, 1.5, 0.1, 20000) < 0.085);
}

TEST_CASE("games: initial strategies", "[games]") {
  GameParams g;
  g.kind = GameKind::donation;
  g.initial_fraction = 0.3;
  std::vector<std::uint8_t> s(1000), again(1000), other(1000);
  initialize_strategies(g, s, 1);
  initialize_strategies(g, again, 1);
  initialize_strategies(g, other, 2);
  CHECK(cooperator_fraction(s) == 0.3);  // exactly round(0.3 * 1000) cooperators
  CHECK(s == again);
  CHECK(s != other);
  std::vector<std::uint8_t> odd(101);
  g.initial_fraction = 0.5;
  initialize_strategies(g, odd, 1);
  CHECK(std::count(odd.begin(), odd.end(), C) == 51);  // round(50.5), half away from zero

  g.initial = InitialStrategies::single_cooperator;
  g.initial_node = 4;
  std::vector<std::uint8_t> one(6);
  initialize_strategies(g, one, 1);
  CHECK(one == std::vector<std::uint8_t>{D, D, D, D, C, D});
  g.initial = InitialStrategies::single_defector;
  initialize_strategies(g, one, 1);
  CHECK(one == std::vector<std::uint8_t>{C, C, C, C, D, C});
  g.initial_node = 6;
  CHECK_THROWS_WITH(initialize_strategies(g, one, 1),
                    "game.initial_node is 6 but the network has 6 nodes (ids 0..5); choose a node in that range");
  CHECK_THROWS_AS(initialize_strategies(g, one, 1), tacit::InputError);
}

TEST_CASE("games: update rule none only computes payoffs", "[games]") {
  GameParams g = donation(3.0, 1.0);
  g.update = LearningRule::none;
  std::vector<std::uint8_t> s{C, C, D, D};
  std::vector<double> p(4);
  game_step(game_star(3), g, LearningParams{}, s, p, 1, 1, 1);
  CHECK(s == std::vector<std::uint8_t>{C, C, D, D});
  check_payoffs(p, {0.0, 2.0, 3.0, 3.0});
}

TEST_CASE("games: a generation gives the same result at 1 and 2 threads", "[games]") {
  const Network net = tacit_test::random_graph(3000, 0.002, 12);
  LearningParams learning;
  learning.selection_intensity = 0.5;
  for (const auto rule : {LearningRule::pairwise, LearningRule::fermi, LearningRule::death_birth,
                          LearningRule::mimic_winners}) {
    for (const auto cost : {PgCost::per_game, PgCost::per_individual}) {
      GameParams g = public_goods(3.5, cost);
      g.update = rule;
      std::vector<std::uint8_t> one(3000), two(3000);
      initialize_strategies(g, one, 13);
      two = one;
      std::vector<double> p1(3000), p2(3000);
      GameScratch s1, s2;
      for (std::uint32_t t = 1; t <= 5; ++t) {
        game_step(net, g, learning, one, p1, 13, t, 1, s1);
        game_step(net, g, learning, two, p2, 13, t, 2, s2);
      }
      CHECK(one == two);
      CHECK(p1 == p2);  // bit for bit: each payoff is summed by one thread in a fixed order
    }
  }
}
