#include <catch2/catch.hpp>

#include <cmath>

#include "tacit/model/search.hpp"

using namespace tacit;
using namespace tacit::model;
using network::TieKind;

namespace {
struct Star {
  network::Network net;
  Population pop;
  TieState ties;
};
// Agent 0 tied strong to 1 and weak to 2; all levels and trust evidence zero.
Star star() {
  network::NetworkBuilder b(3);
  b.add_tie(0, 1, TieKind::strong);
  b.add_tie(0, 2, TieKind::weak);
  Star s{std::move(b).build(), {}, {}};
  s.pop.explicit_knowledge = KnowledgeMatrix::Zero(3, 1);
  s.pop.tacit_knowledge = KnowledgeMatrix::Zero(3, 1);
  s.pop.image.assign(3, 0);
  s.ties.arc.assign(s.net.num_arcs(), Tie{});
  return s;
}
SearchParams only(double weak_bias_simple, double strong_bias_complex) {
  SearchParams p;
  p.weak_bias_simple = weak_bias_simple;
  p.strong_bias_complex = strong_bias_complex;
  p.trust = 0.0;
  p.reputation = 0.0;
  p.expertise = 0.0;
  p.temperature = 1.0;
  return p;
}
}  // namespace

TEST_CASE("search scores by tie kind, trust, reputation and expertise", "[search]") {
  Star s = star();
  s.pop.explicit_knowledge(2, 0) = 0.8f;
  s.pop.image[2] = 5;
  const network::ArcId to1 = s.net.find_arc(0, 1);
  const network::ArcId to2 = s.net.find_arc(0, 2);
  s.ties.arc[to2].trust_r = 2.0f;  // E = (2+1)/(2+0+2) = 0.75
  SearchParams p;
  p.weak_bias_simple = 0.5;
  p.strong_bias_complex = 1.0;
  p.trust = 1.0;
  p.reputation = 0.2;
  p.expertise = 1.0;
  ReputationParams rep;  // image_max 5
  const Need simple{0, false};
  // to 2: weak bias 0.5 + trust 0.75 + reputation 0.2 * 5/5 + expertise 0.8 = 2.25
  CHECK(search_score(s.net, s.pop, s.ties, to2, simple, p, rep) == Approx(2.25));
  // to 1: strong tie, simple problem: no bias; trust E = 1/2 with no evidence: 0.5
  CHECK(search_score(s.net, s.pop, s.ties, to1, simple, p, rep) == Approx(0.5));
  const Need complex{0, true};
  // complex: strong bias 1 + 0.5 trust; expertise reads tacit (0)
  CHECK(search_score(s.net, s.pop, s.ties, to1, complex, p, rep) == Approx(1.5));
}

TEST_CASE("search picks neighbours with logit probabilities", "[search]") {
  Star s = star();
  ReputationParams rep;
  // Simple problem, weak bias 1: scores 0 (to 1) and 1 (to 2); P(2) = e / (1 + e) = 0.731059.
  const SearchParams p = only(1.0, 0.0);
  const network::ArcId to2 = s.net.find_arc(0, 2);
  int picked2 = 0;
  const int n = 20000;
  for (int k = 0; k < n; ++k) {
    Rng rng(static_cast<std::uint64_t>(k) + 1000);
    picked2 += choose_helper(s.net, s.pop, s.ties, 0, Need{0, false}, p, rep, rng) == to2 ? 1 : 0;
  }
  // sd = sqrt(0.731 * 0.269 / 20000) = 0.00313; 5 sigma = 0.0157.
  CHECK(static_cast<double>(picked2) / n == Approx(std::exp(1.0) / (1.0 + std::exp(1.0))).margin(0.0157));
  // Complex problem with a strong bias of 1: the mirror image.
  int picked1 = 0;
  for (int k = 0; k < n; ++k) {
    Rng rng(static_cast<std::uint64_t>(k) + 50000);
    picked1 += choose_helper(s.net, s.pop, s.ties, 0, Need{0, true}, only(0.0, 1.0), rep, rng) == s.net.find_arc(0, 1) ? 1 : 0;
  }
  CHECK(static_cast<double>(picked1) / n == Approx(0.731059).margin(0.0157));
}

TEST_CASE("search returns no arc for an isolated agent", "[search]") {
  network::NetworkBuilder b(2);
  const auto net = std::move(b).build();
  Population pop;
  pop.explicit_knowledge = KnowledgeMatrix::Zero(2, 1);
  pop.tacit_knowledge = KnowledgeMatrix::Zero(2, 1);
  pop.image.assign(2, 0);
  TieState ties;
  Rng rng(1);
  CHECK(choose_helper(net, pop, ties, 0, Need{0, false}, SearchParams{}, ReputationParams{}, rng) == net.num_arcs());
}
