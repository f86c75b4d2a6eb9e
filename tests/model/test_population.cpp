// Population initialization: persona counts and shuffle, per-agent streams, and the sampling
// of every distribution, checked against its hand-derived mean and variance.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "tacit/core/error.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/model/population_init.hpp"
#include "tacit/network/network.hpp"

using namespace tacit;
using namespace tacit::model;

namespace {

network::Network nodes(std::uint32_t n) { return network::NetworkBuilder(n).build(); }

Persona persona(const std::string& name, double share) {
  Persona p;
  p.name = name;
  p.share = share;
  return p;
}

Distribution normal(double mean, double sd) {
  Distribution d;
  d.kind = DistKind::normal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

Distribution beta(double a, double b, double lo = 0.0, double hi = 1.0) {
  Distribution d;
  d.kind = DistKind::beta;
  d.alpha = a;
  d.beta = b;
  d.min = lo;
  d.max = hi;
  return d;
}

// Sample mean and variance with their standard errors: SE(mean) = sqrt(s2 / n),
// SE(variance) = sqrt((m4 - s2^2) / n) with m4 the fourth central moment.
struct Moments {
  double mean = 0.0;
  double variance = 0.0;
  double se_mean = 0.0;
  double se_variance = 0.0;
  double min = 0.0;
  double max = 0.0;
};

Moments moments(const std::vector<double>& xs) {
  Moments m;
  const auto n = static_cast<double>(xs.size());
  for (double x : xs) m.mean += x;
  m.mean /= n;
  double m4 = 0.0;
  for (double x : xs) {
    const double d = x - m.mean;
    m.variance += d * d;
    m4 += d * d * d * d;
  }
  m.variance /= n;
  m4 /= n;
  m.se_mean = std::sqrt(m.variance / n);
  m.se_variance = std::sqrt((m4 - m.variance * m.variance) / n);
  m.min = *std::min_element(xs.begin(), xs.end());
  m.max = *std::max_element(xs.begin(), xs.end());
  return m;
}

constexpr int k_draws = 200'000;
constexpr double k_se = 5.0;  // every moment within 5 standard errors

Moments draws(const Distribution& d, double lo, double hi, std::uint64_t seed = 1) {
  Rng rng(seed);
  std::vector<double> xs(k_draws);
  for (auto& x : xs) x = sample(d, lo, hi, rng);
  return moments(xs);
}

void check_moments(const Moments& m, double mean, double variance) {
  INFO("mean " << m.mean << " +- " << m.se_mean << ", expected " << mean);
  INFO("variance " << m.variance << " +- " << m.se_variance << ", expected " << variance);
  CHECK(std::fabs(m.mean - mean) < k_se * m.se_mean);
  CHECK(std::fabs(m.variance - variance) < k_se * m.se_variance);
}

}  // namespace

// ---- personas --------------------------------------------------------------------------------

TEST_CASE("personas: exact counts by largest remainder", "[model][population]") {
  using Counts = std::vector<std::uint32_t>;
  const std::vector<Persona> three{persona("a", 0.1), persona("b", 0.6), persona("c", 0.3)};
  CHECK(persona_counts(three, 1000) == Counts{100, 600, 300});
  // 0.1 x 7 = 0.7, 0.6 x 7 = 4.2, 0.3 x 7 = 2.1: floors 0 + 4 + 2 = 6, the one left to the
  // largest remainder (0.7).
  CHECK(persona_counts(three, 7) == Counts{1, 4, 2});
  CHECK(persona_counts(three, 0) == Counts{0, 0, 0});
  // Equal remainders: the earlier persona first. Thirds of 10: 3.33 each, one left over.
  const std::vector<Persona> thirds{persona("a", 1.0 / 3), persona("b", 1.0 / 3),
                                    persona("c", 1.0 / 3)};
  CHECK(persona_counts(thirds, 10) == Counts{4, 3, 3});
  CHECK(persona_counts(thirds, 11) == Counts{4, 4, 3});
  CHECK(persona_counts({persona("a", 0.5), persona("b", 0.5)}, 3) == Counts{2, 1});
  // Shares are normalized: 1 : 3 of 8.
  CHECK(persona_counts({persona("a", 0.25), persona("b", 0.75)}, 8) == Counts{2, 6});
  CHECK(persona_counts({persona("a", 1), persona("b", 3)}, 8) == Counts{2, 6});
  CHECK_THROWS_AS(persona_counts({persona("a", 0.0)}, 8), Error);
}

TEST_CASE("personas: none given means one persona 'regular' with the agents: traits",
          "[model][population]") {
  PopulationParams params;
  params.defaults.altruism = Distribution::constant(0.9);
  const auto regular = effective_personas(params);
  REQUIRE(regular.size() == 1);
  CHECK(regular[0].name == "regular");
  CHECK(regular[0].share == 1.0);
  CHECK(regular[0].traits.altruism.value == 0.9);
  params.personas = {persona("x", 0.5), persona("y", 0.5)};
  const auto given = effective_personas(params);
  REQUIRE(given.size() == 2);
  CHECK(given[1].name == "y");

  Population pop;
  initialize_population(pop, nodes(5), ModelParams{}, 1);
  CHECK(pop.persona == std::vector<std::uint16_t>(5, 0));
}

TEST_CASE("personas: the assignment has the exact counts and is shuffled by the seed",
          "[model][population]") {
  ModelParams params;
  params.population.personas = {persona("a", 0.1), persona("b", 0.6), persona("c", 0.3)};
  params.population.personas[0].traits.altruism = Distribution::constant(0.9);
  params.population.personas[2].traits.altruism = Distribution::constant(0.1);
  const auto net = nodes(1000);
  Population one, same, other;
  initialize_population(one, net, params, 42);
  initialize_population(same, net, params, 42);
  initialize_population(other, net, params, 43);
  CHECK(std::count(one.persona.begin(), one.persona.end(), 0) == 100);
  CHECK(std::count(one.persona.begin(), one.persona.end(), 1) == 600);
  CHECK(std::count(one.persona.begin(), one.persona.end(), 2) == 300);
  CHECK(one.persona == same.persona);
  CHECK(one.persona != other.persona);
  CHECK(std::count(other.persona.begin(), other.persona.end(), 0) == 100);
  // Shuffled, not in blocks: the first 100 agents are not all persona 0.
  CHECK(std::count(one.persona.begin(), one.persona.begin() + 100, 0) < 50);
  // Each agent has its persona's traits.
  for (std::uint32_t i = 0; i < 1000; ++i) {
    const float expected = one.persona[i] == 0 ? 0.9f : one.persona[i] == 1 ? 0.5f : 0.1f;
    CHECK(one.traits[i].altruism == expected);
  }
}

// ---- per-agent streams -----------------------------------------------------------------------

TEST_CASE("population: agent i's draws do not depend on the number of agents",
          "[model][population]") {
  ModelParams params;
  params.knowledge.topics = 6;
  params.population.interests = 3;
  auto& t = params.population.defaults;
  t.altruism = Distribution::uniform(0.0, 1.0);
  t.recognition = normal(0.5, 0.2);
  t.reciprocity = beta(2, 5);
  t.learning = Distribution::uniform(0.1, 0.3);
  t.sharing_cost = normal(1.0, 0.5);
  t.absorptive_capacity = beta(2, 2, 0.05, 0.5);
  t.visibility = Distribution::uniform(0.0, 1.0);
  t.initial_tacit = normal(0.3, 0.1);
  t.initial_cooperate = 0.5;
  t.learning_rules = {{LearningRule::fermi, 1.0}, {LearningRule::repeat, 1.0}};
  Population small, large;
  initialize_population(small, nodes(10), params, 7);
  initialize_population(large, nodes(1000), params, 7);
  REQUIRE(small.size() == 10);
  REQUIRE(large.size() == 1000);
  for (std::uint32_t i = 0; i < 10; ++i) {
    INFO("agent " << i);
    CHECK(small.traits[i].altruism == large.traits[i].altruism);
    CHECK(small.traits[i].recognition == large.traits[i].recognition);
    CHECK(small.traits[i].reciprocity == large.traits[i].reciprocity);
    CHECK(small.traits[i].learning_motive == large.traits[i].learning_motive);
    CHECK(small.traits[i].sharing_cost == large.traits[i].sharing_cost);
    CHECK(small.traits[i].absorptive_capacity == large.traits[i].absorptive_capacity);
    CHECK(small.traits[i].visibility == large.traits[i].visibility);
    CHECK((small.explicit_knowledge.row(i) == large.explicit_knowledge.row(i)));
    CHECK((small.tacit_knowledge.row(i) == large.tacit_knowledge.row(i)));
    for (std::uint32_t j = 0; j < 3; ++j) CHECK(small.interests[i * 3 + j] == large.interests[i * 3 + j]);
    CHECK(small.strategy[i] == large.strategy[i]);
    CHECK(small.learning_rule[i] == large.learning_rule[i]);
    CHECK(small.identified[i] == large.identified[i]);
  }
  // Different agents draw differently.
  CHECK(large.traits[0].altruism != large.traits[1].altruism);
}

TEST_CASE("population: changing one trait's distribution leaves the other draws unchanged",
          "[model][population]") {
  // Each (agent, part) has its own stream: common random numbers across scenarios.
  ModelParams a;
  ModelParams b = a;
  b.population.defaults.altruism = Distribution::uniform(0.0, 1.0);
  b.population.defaults.sharing_cost = normal(0.5, 0.1);
  Population pa, pb;
  initialize_population(pa, nodes(50), a, 3);
  initialize_population(pb, nodes(50), b, 3);
  bool altruism_differs = false;
  for (std::size_t i = 0; i < pa.traits.size(); ++i) {
    altruism_differs |= pa.traits[i].altruism != pb.traits[i].altruism;
    CHECK(pa.traits[i].recognition == pb.traits[i].recognition);
  }
  CHECK(altruism_differs);
  CHECK((pa.explicit_knowledge == pb.explicit_knowledge));
  CHECK((pa.tacit_knowledge == pb.tacit_knowledge));
  CHECK(pa.interests == pb.interests);
  CHECK(pa.identified == pb.identified);
}

TEST_CASE("population: every array is sized, counters zero, nobody asked yet",
          "[model][population]") {
  ModelParams params;
  params.knowledge.topics = 5;
  params.population.interests = 2;
  params.population.defaults.decision = DecisionRule::strategy;
  Population pop;
  initialize_population(pop, nodes(20), params, 9);
  const std::size_t n = 20;
  CHECK(pop.size() == 20);
  CHECK(pop.topics() == 5);
  CHECK(pop.tacit_knowledge.rows() == 20);
  CHECK(pop.tacit_knowledge.cols() == 5);
  CHECK(pop.interests_per_agent == 2);
  CHECK(pop.interests.size() == 40);
  for (const auto* v : {&pop.persona}) CHECK(v->size() == n);
  CHECK(pop.traits.size() == n);
  for (const auto* v : {&pop.identified, &pop.learning_rule, &pop.strategy}) {
    CHECK(v->size() == n);
  }
  CHECK(pop.image == std::vector<std::int8_t>(n, 0));
  CHECK(pop.payoff == std::vector<double>(n, 0.0));
  CHECK(pop.ledger == std::vector<Ledger>(n, Ledger{}));  // counters and gains 0, k_not_asked
  for (const Traits& t : pop.traits) CHECK(t.decision == static_cast<std::uint8_t>(DecisionRule::strategy));
  CHECK(pop.learning_rule ==
        std::vector<std::uint8_t>(n, static_cast<std::uint8_t>(LearningRule::none)));
  // Defaults: everyone cooperates, knowledge U[0, 1).
  CHECK(pop.strategy == std::vector<std::uint8_t>(n, k_cooperate));
  CHECK(pop.explicit_knowledge.minCoeff() >= 0.0f);
  CHECK(pop.explicit_knowledge.maxCoeff() <= 1.0f);
}

TEST_CASE("population: interests are distinct topics, each topic equally likely",
          "[model][population]") {
  ModelParams params;
  params.knowledge.topics = 10;
  params.population.interests = 4;
  Population pop;
  const std::uint32_t n = 5000;
  initialize_population(pop, nodes(n), params, 11);
  std::vector<int> hits(10, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::set<std::uint16_t> mine;
    for (std::uint32_t j = 0; j < 4; ++j) {
      const auto topic = pop.interests[i * 4 + j];
      REQUIRE(topic < 10);
      mine.insert(topic);
      ++hits[topic];
    }
    CHECK(mine.size() == 4);
  }
  // Each topic is among an agent's interests with probability k / T = 0.4: the count over
  // n agents has mean 2000 and sd sqrt(n 0.4 0.6) = 34.6.
  for (int h : hits) CHECK(std::abs(h - 2000) < k_se * 34.6);
  // All topics: every agent has every topic once.
  params.population.interests = 10;
  initialize_population(pop, nodes(3), params, 11);
  for (std::uint32_t i = 0; i < 3; ++i) {
    std::set<std::uint16_t> all(pop.interests.begin() + i * 10, pop.interests.begin() + i * 10 + 10);
    CHECK(all.size() == 10);
  }
  params.population.interests = 11;
  CHECK_THROWS_AS(initialize_population(pop, nodes(3), params, 11), Error);
}

TEST_CASE("population: strategy, learning rule and identified follow their probabilities",
          "[model][population]") {
  ModelParams params;
  params.population.defaults.initial_cooperate = 0.3;
  params.population.defaults.learning_rules = {{LearningRule::fermi, 1.0},
                                               {LearningRule::none, 0.0},
                                               {LearningRule::win_stay_lose_shift, 3.0}};
  params.organization.transparency = 0.8;
  const std::uint32_t n = 20000;
  Population pop;
  initialize_population(pop, nodes(n), params, 5);
  auto share = [n](const std::vector<std::uint8_t>& v, std::uint8_t x) {
    return static_cast<double>(std::count(v.begin(), v.end(), x)) / n;
  };
  auto se = [n](double p) { return std::sqrt(p * (1 - p) / n); };
  CHECK(std::fabs(share(pop.strategy, k_cooperate) - 0.3) < k_se * se(0.3));
  CHECK(std::fabs(share(pop.identified, 1) - 0.8) < k_se * se(0.8));
  CHECK(std::fabs(share(pop.learning_rule, static_cast<std::uint8_t>(LearningRule::fermi)) - 0.25) <
        k_se * se(0.25));
  CHECK(share(pop.learning_rule, static_cast<std::uint8_t>(LearningRule::none)) == 0.0);
  CHECK(std::fabs(share(pop.learning_rule,
                        static_cast<std::uint8_t>(LearningRule::win_stay_lose_shift)) -
                  0.75) < k_se * se(0.75));
}

// ---- distributions ---------------------------------------------------------------------------

TEST_CASE("sample: constant and uniform", "[model][population][sample]") {
  Rng rng(1);
  CHECK(sample(Distribution::constant(0.3), 0.0, 1.0, rng) == 0.3);
  CHECK(sample(Distribution::constant(2.0), 0.0, 1.0, rng) == 1.0);  // clamped
  // U[a, b): mean (a + b) / 2, variance (b - a)^2 / 12.
  const auto m = draws(Distribution::uniform(0.2, 0.8), 0.0, 1.0);
  check_moments(m, 0.5, 0.36 / 12.0);
  CHECK(m.min >= 0.2);
  CHECK(m.max < 0.8);
}

TEST_CASE("sample: normal far from the bounds, and truncated", "[model][population][sample]") {
  // Far from the bounds the truncation never bites: N(3, 0.5) on [0, 100].
  check_moments(draws(normal(3.0, 0.5), 0.0, 100.0), 3.0, 0.25);
  // Half-normal: N(0, 1) on [0, inf) has mean sqrt(2 / pi) and variance 1 - 2 / pi.
  const double pi = std::acos(-1.0);
  const auto half = draws(normal(0.0, 1.0), 0.0, std::numeric_limits<double>::max());
  check_moments(half, std::sqrt(2.0 / pi), 1.0 - 2.0 / pi);
  CHECK(half.min >= 0.0);
  // Wide normal on [0, 1]: every value inside; truncated symmetric about 0.5, so mean 0.5.
  const auto wide = draws(normal(0.5, 2.0), 0.0, 1.0);
  CHECK(wide.min >= 0.0);
  CHECK(wide.max <= 1.0);
  CHECK(std::fabs(wide.mean - 0.5) < k_se * wide.se_mean);
  // Nearly all mass outside: after 100 redraws the value is clamped to the nearer end.
  Rng rng(3);
  CHECK(sample(normal(0.0, 1e-3), 0.5, 1.0, rng) == 0.5);
  CHECK(sample(normal(2.0, 1e-3), 0.5, 1.0, rng) == 1.0);
}

TEST_CASE("sample: gamma and beta by Marsaglia-Tsang", "[model][population][sample]") {
  // Gamma(k, 1): mean k, variance k; shape < 1 goes through the boost Gamma(k + 1) U^(1/k).
  for (double shape : {0.3, 1.0, 2.5, 30.0}) {
    INFO("shape " << shape);
    Rng rng(17);
    std::vector<double> xs(k_draws);
    for (auto& x : xs) x = sample_gamma(shape, rng);
    const auto m = moments(xs);
    check_moments(m, shape, shape);
    CHECK(m.min >= 0.0);
  }
  // Beta(2, 5): mean a / (a + b) = 2/7, variance ab / ((a + b)^2 (a + b + 1)) = 10 / 392.
  const auto b25 = draws(beta(2, 5), 0.0, 1.0);
  check_moments(b25, 2.0 / 7.0, 10.0 / 392.0);
  CHECK(b25.min >= 0.0);
  CHECK(b25.max <= 1.0);
  // Beta(0.5, 0.5) (arcsine): mean 1/2, variance 1/8; scaled to [1, 3]: mean 2, variance 1/2.
  const auto arcsine = draws(beta(0.5, 0.5, 1.0, 3.0), 0.0, 10.0);
  check_moments(arcsine, 2.0, 0.5);
  CHECK(arcsine.min >= 1.0);
  CHECK(arcsine.max <= 3.0);
}

TEST_CASE("sample: the same seed gives the same values", "[model][population][sample]") {
  for (const auto& d : {Distribution::uniform(0, 1), normal(0.5, 0.3), beta(2, 5)}) {
    Rng a(99), b(99);
    for (int i = 0; i < 100; ++i) CHECK(sample(d, 0.0, 1.0, a) == sample(d, 0.0, 1.0, b));
  }
}

TEST_CASE("population: traits are kept in their ranges", "[model][population]") {
  ModelParams params;
  auto& t = params.population.defaults;
  t.altruism = normal(0.9, 1.0);             // [0, 1]
  t.sharing_cost = normal(0.0, 2.0);         // [0, inf)
  t.absorptive_capacity = normal(0.0, 0.05);  // (0, 1]: never 0
  t.initial_explicit = normal(0.1, 1.0);     // [0, inf)
  Population pop;
  initialize_population(pop, nodes(2000), params, 21);
  for (std::uint32_t i = 0; i < 2000; ++i) {
    CHECK(pop.traits[i].altruism >= 0.0f);
    CHECK(pop.traits[i].altruism <= 1.0f);
    CHECK(pop.traits[i].sharing_cost >= 0.0f);
    CHECK(pop.traits[i].absorptive_capacity > 0.0f);
    CHECK(pop.traits[i].absorptive_capacity <= 1.0f);
  }
  CHECK(pop.explicit_knowledge.minCoeff() >= 0.0f);
}
