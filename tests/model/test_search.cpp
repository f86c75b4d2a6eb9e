#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

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
// n agents with one topic, every level and image zero.
Population blank_population(std::uint32_t n) {
  Population pop;
  pop.explicit_knowledge = KnowledgeMatrix::Zero(n, 1);
  pop.tacit_knowledge = KnowledgeMatrix::Zero(n, 1);
  pop.image.assign(n, 0);
  return pop;
}
// Agent 0 tied strong to 1 and weak to 2; all levels and trust evidence zero.
Star star() {
  network::NetworkBuilder b(3);
  b.add_tie(0, 1, TieKind::strong);
  b.add_tie(0, 2, TieKind::weak);
  Star s{std::move(b).build(), blank_population(3), {}};
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
  const SearchTerms terms(p, rep);
  const Need simple{0, false};
  // to 2: weak bias 0.5 + trust 0.75 + reputation 0.2 * 5/5 + expertise 0.8 = 2.25
  CHECK(search_score(s.net, s.pop, s.ties, to2, simple, terms) == Approx(2.25));
  // to 1: strong tie, simple problem: no bias; trust E = 1/2 with no evidence: 0.5
  CHECK(search_score(s.net, s.pop, s.ties, to1, simple, terms) == Approx(0.5));
  const Need complex{0, true};
  // complex: strong bias 1 + 0.5 trust; expertise reads tacit (0)
  CHECK(search_score(s.net, s.pop, s.ties, to1, complex, terms) == Approx(1.5));
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
    picked2 += choose_helper(s.net, s.pop, s.ties, 0, Need{0, false}, SearchTerms(p, rep), rng) == to2 ? 1 : 0;
  }
  // sd = sqrt(0.731 * 0.269 / 20000) = 0.00313; 5 sigma = 0.0157.
  CHECK(static_cast<double>(picked2) / n == Approx(std::exp(1.0) / (1.0 + std::exp(1.0))).margin(0.0157));
  // Complex problem with a strong bias of 1: the mirror image.
  int picked1 = 0;
  for (int k = 0; k < n; ++k) {
    Rng rng(static_cast<std::uint64_t>(k) + 50000);
    picked1 += choose_helper(s.net, s.pop, s.ties, 0, Need{0, true}, SearchTerms(only(0.0, 1.0), rep), rng) == s.net.find_arc(0, 1) ? 1 : 0;
  }
  CHECK(static_cast<double>(picked1) / n == Approx(0.731059).margin(0.0157));
}

TEST_CASE("search draws each of many neighbours with its softmax probability", "[search]") {
  // Agent 0 with eight neighbours of different tie kinds, knowledge, images and trust. The
  // search draws by rejection against a bound and, after (degree + 1) / 2 rejections, from the
  // full softmax; either way each neighbour must come out with exp(s_j / T) / sum_k exp(s_k / T).
  // T = 1 mostly accepts early; at T = 0.05 the best neighbour's acceptance is about
  // exp(-0.2 / 0.05) < 0.02, so nearly every choice comes from the full softmax; T = 50 is
  // nearly uniform.
  network::NetworkBuilder b(9);
  for (std::uint32_t j = 1; j <= 8; ++j) b.add_tie(0, j, j % 3 == 0 ? TieKind::weak : TieKind::strong);
  const auto net = std::move(b).build();
  Population pop = blank_population(9);
  TieState ties;
  ties.arc.assign(net.num_arcs(), Tie{});
  for (std::uint32_t j = 1; j <= 8; ++j) {
    pop.explicit_knowledge(j, 0) = 0.1f * static_cast<float>(j);
    pop.image[j] = static_cast<std::int8_t>(static_cast<int>(j) - 4);
    const network::ArcId a = net.find_arc(0, j);
    ties.arc[a].trust_r = static_cast<float>(j % 4);
    ties.arc[a].trust_s = static_cast<float>(3 - j % 4);
  }
  ReputationParams rep;
  for (const double temperature : {1.0, 0.05, 50.0}) {
    SearchParams p;
    p.temperature = temperature;
    const SearchTerms terms(p, rep);
    const Need need{0, false};
    std::vector<double> expected(net.num_arcs(), 0.0);
    double sum = 0.0;
    for (network::ArcId a = net.arc_begin(0); a < net.arc_end(0); ++a) {
      expected[a] = std::exp(search_score(net, pop, ties, a, need, terms) / temperature);
      sum += expected[a];
    }
    const int n = 40000;
    std::vector<int> picked(net.num_arcs(), 0);
    Rng rng(static_cast<std::uint64_t>(temperature * 1000.0) + 11);
    for (int k = 0; k < n; ++k) ++picked[choose_helper(net, pop, ties, 0, need, terms, rng)];
    for (network::ArcId a = net.arc_begin(0); a < net.arc_end(0); ++a) {
      const double q = expected[a] / sum;
      INFO("temperature " << temperature << ", arc " << a << ", softmax " << q);
      CHECK(static_cast<double>(picked[a]) / n == Approx(q).margin(5.0 * std::sqrt(q * (1.0 - q) / n) + 1e-12));
    }
  }
}

TEST_CASE("search asks the only neighbour without drawing", "[search]") {
  Star s = star();
  network::NetworkBuilder b(2);
  b.add_tie(0, 1, TieKind::weak);
  const auto net = std::move(b).build();
  Rng rng(5);
  const Rng before = rng;
  CHECK(choose_helper(net, s.pop, s.ties, 0, Need{0, false}, SearchTerms(SearchParams{}, ReputationParams{}), rng) ==
        net.find_arc(0, 1));
  CHECK(rng == before);
}

TEST_CASE("search returns no arc for an isolated agent", "[search]") {
  network::NetworkBuilder b(2);
  const auto net = std::move(b).build();
  const Population pop = blank_population(2);
  TieState ties;
  Rng rng(1);
  CHECK(choose_helper(net, pop, ties, 0, Need{0, false}, SearchTerms(SearchParams{}, ReputationParams{}), rng) == net.num_arcs());
}

TEST_CASE("search terms are the score's own quotients, worked out once", "[search]") {
  SearchParams p;
  p.reputation = 0.3;
  ReputationParams rep;
  rep.image_max = 7;
  SECTION("the reputation term of every image value, exactly") {
    const SearchTerms terms(p, rep);
    for (int image = -128; image < 128; ++image)
      CHECK(terms.reputation(static_cast<std::int8_t>(image)) == 0.3 * static_cast<double>(image) / 7.0);
    p.reputation = 0.2;
    rep.image_max = 5;
    CHECK(SearchTerms(p, rep).reputation(5) == 0.2 * 5.0 / 5.0);  // 0.2: 1.0 / 5 rounded once
    CHECK(SearchTerms(p, rep).reputation(-2) == Approx(-0.08));
  }
  SECTION("dividing by the temperature, exactly, power of two or not") {
    // x / T for T = 0.5 is 2x; for T = 3, 1/3 is not exact and x * (1/3) differs from x / 3 for
    // some x (2.5 * (1/3) != 2.5 / 3, say), so such temperatures keep the division.
    p.temperature = 0.5;
    CHECK(SearchTerms(p, rep).over_temperature(1.5) == 3.0);
    p.temperature = 3.0;
    CHECK(SearchTerms(p, rep).over_temperature(2.5) == 2.5 / 3.0);
    CHECK(2.5 * (1.0 / 3.0) != 2.5 / 3.0);
    for (const double temperature : {1.0, 0.25, 4.0, 1024.0, 3.0, 0.3, 1.7}) {
      p.temperature = temperature;
      const SearchTerms terms(p, rep);
      Rng rng(7);
      int differing = 0;
      for (int k = 0; k < 10000; ++k) {
        const double x = -8.0 * rng.uniform();
        differing += terms.over_temperature(x) == x / temperature ? 0 : 1;
      }
      INFO("temperature " << temperature);
      CHECK(differing == 0);
    }
  }
}
