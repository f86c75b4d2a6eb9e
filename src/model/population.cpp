#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "tacit/core/error.hpp"
#include "tacit/core/huge_pages.hpp"
#include "tacit/model/population_init.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

namespace {

// The trait ranges the scenario schema enforces, as closed intervals of values a float can
// hold: the open end of (0, 1] becomes the smallest normal float, an infinite end the largest
// float, so a stored trait is always inside its documented range.
constexpr double k_float_max = std::numeric_limits<float>::max();
constexpr double k_float_tiny = std::numeric_limits<float>::min();

struct Bounds {
  double lo;
  double hi;
};
constexpr Bounds k_unit{0.0, 1.0};
constexpr Bounds k_positive_unit{k_float_tiny, 1.0};
constexpr Bounds k_non_negative{0.0, k_float_max};

// Normal draws that fall outside the range are redrawn this many times, then clamped.
constexpr int k_normal_tries = 100;

Rng agent_stream(std::uint64_t seed, std::uint32_t agent, InitPart part) {
  return Rng(seed, Stream::init, agent, static_cast<std::uint64_t>(part));
}

float draw_trait(const Distribution& dist, Bounds b, std::uint64_t seed, std::uint32_t agent,
                 InitPart part) {
  Rng rng = agent_stream(seed, agent, part);
  return static_cast<float>(sample(dist, b.lo, b.hi, rng));
}

// Index of the rule drawn with probability weight / total; one uniform draw.
std::uint8_t draw_rule(const std::vector<WeightedRule>& rules, double total, Rng& rng) {
  const double u = rng.uniform() * total;
  double acc = 0.0;
  for (const auto& r : rules) {
    acc += r.weight;
    if (u < acc) return static_cast<std::uint8_t>(r.rule);
  }
  // u rounded up to the total: the last rule with a positive weight.
  for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
    if (it->weight > 0.0) return static_cast<std::uint8_t>(it->rule);
  }
  return static_cast<std::uint8_t>(LearningRule::none);
}

double total_weight(const std::vector<WeightedRule>& rules, const std::string& persona) {
  double total = 0.0;
  for (const auto& r : rules) total += r.weight;
  if (!(total > 0.0) || !std::isfinite(total)) {
    throw Error("persona '" + persona + "': the learning rule weights must have a positive sum");
  }
  return total;
}

std::vector<std::uint16_t> assign_personas(const std::vector<Persona>& personas, std::uint32_t n,
                                           std::uint64_t seed) {
  const auto counts = persona_counts(personas, n);
  std::vector<std::uint16_t> assignment;
  core::reserve_on_huge_pages(assignment, n);
  for (std::size_t p = 0; p < counts.size(); ++p) {
    assignment.insert(assignment.end(), counts[p], static_cast<std::uint16_t>(p));
  }
  // Fisher-Yates, from the last position down.
  Rng rng(seed, Stream::init, k_assignment_stream);
  for (std::uint32_t i = n; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(rng.below(i));
    std::swap(assignment[i - 1], assignment[j]);
  }
  return assignment;
}

}  // namespace

std::vector<Persona> effective_personas(const PopulationParams& params) {
  if (!params.personas.empty()) return params.personas;
  Persona regular;
  regular.name = "regular";
  regular.share = 1.0;
  regular.traits = params.defaults;
  return {regular};
}

std::vector<std::uint32_t> persona_counts(const std::vector<Persona>& personas, std::uint32_t n) {
  double sum = 0.0;
  for (const auto& p : personas) {
    if (!(p.share >= 0.0) || !std::isfinite(p.share)) {
      throw Error("persona '" + p.name + "': the share must be a number >= 0");
    }
    sum += p.share;
  }
  if (!(sum > 0.0)) throw Error("the personas' shares must have a positive sum");

  const std::size_t k = personas.size();
  std::vector<std::uint32_t> counts(k);
  std::vector<double> remainder(k);
  std::uint64_t assigned = 0;
  for (std::size_t p = 0; p < k; ++p) {
    const double quota = personas[p].share / sum * n;
    counts[p] = static_cast<std::uint32_t>(std::floor(quota));
    remainder[p] = quota - std::floor(quota);
    assigned += counts[p];
  }
  // The floors leave fewer than k agents (the remainders sum to that; the rounding of the
  // quotas is far below one agent for any n that fits 32 bits): one each to the largest
  // remainders, equal remainders in persona order (stable sort).
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t r = 0; assigned < n; r = (r + 1) % k) {
    ++counts[order[r]];
    ++assigned;
  }
  return counts;
}

double sample_gamma(double shape, Rng& rng) {
  if (shape < 1.0) {
    // Marsaglia & Tsang (2000), section 6: Gamma(a) = Gamma(a + 1) * U^(1/a).
    const double g = sample_gamma(shape + 1.0, rng);
    return g * std::pow(rng.uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = rng.normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;  // the squeeze: no logarithm needed
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double sample_beta(double a, double b, Rng& rng) {
  const double x = sample_gamma(a, rng);
  const double y = sample_gamma(b, rng);
  if (x + y > 0.0) return x / (x + y);
  // Both underflowed (tiny shapes): Beta(a, b) then sits at 0 or 1 with odds a : b.
  return rng.bernoulli(a / (a + b)) ? 1.0 : 0.0;
}

double sample(const Distribution& dist, double lo, double hi, Rng& rng) {
  double x = 0.0;
  switch (dist.kind) {
    case DistKind::constant: x = dist.value; break;
    case DistKind::uniform: x = rng.uniform(dist.min, dist.max); break;
    case DistKind::normal:
      for (int i = 0; i < k_normal_tries; ++i) {
        x = dist.mean + dist.sd * rng.normal();
        if (x >= lo && x <= hi) return x;
      }
      break;  // clamped below
    case DistKind::beta:
      x = dist.min + (dist.max - dist.min) * sample_beta(dist.alpha, dist.beta, rng);
      break;
  }
  if (std::isnan(x)) return lo;
  return std::clamp(x, lo, hi);
}

void initialize_population(Population& pop, const network::Network& net,
                           const ModelParams& params, std::uint64_t seed) {
  const std::uint32_t n = net.num_nodes();
  const std::uint32_t topics = params.knowledge.topics;
  const std::uint32_t k = params.population.interests;
  if (topics > 65536) {
    throw Error("knowledge.topics must be at most 65536 (16-bit topic ids); got " +
                std::to_string(topics));
  }
  if (k > topics) {
    throw Error("knowledge.interests (" + std::to_string(k) +
                ") must be at most knowledge.topics (" + std::to_string(topics) + ")");
  }
  const std::vector<Persona> personas = effective_personas(params.population);
  if (personas.size() > 65536) {
    throw Error("at most 65536 personas (16-bit persona ids); got " +
                std::to_string(personas.size()));
  }
  std::vector<double> rule_totals;
  for (const auto& p : personas) rule_totals.push_back(total_weight(p.traits.learning_rules, p.name));

  pop = Population{};
  size_on_huge_pages(pop.explicit_knowledge, n, topics);
  size_on_huge_pages(pop.tacit_knowledge, n, topics);
  pop.interests_per_agent = k;
  core::assign_on_huge_pages(pop.interests, std::size_t{n} * k, std::uint16_t{0});
  pop.persona = assign_personas(personas, n, seed);
  core::assign_on_huge_pages(pop.traits, n, Traits{});
  core::assign_on_huge_pages(pop.adoption_threshold, n, 0.0f);
  core::assign_on_huge_pages(pop.relevance_threshold, n, 0.0f);
  core::assign_on_huge_pages(pop.identified, n, std::uint8_t{0});
  core::assign_on_huge_pages(pop.learning_rule, n, std::uint8_t{0});
  core::assign_on_huge_pages(pop.strategy, n, std::uint8_t{0});
  core::assign_on_huge_pages(pop.image, n, std::int8_t{0});
  core::assign_on_huge_pages(pop.payoff, n, 0.0);
  core::assign_on_huge_pages(pop.ledger, n, Ledger{});

  std::vector<std::uint16_t> deck(topics);  // topic ids for the partial Fisher-Yates
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint16_t p = pop.persona[i];
    const AgentTraits& t = personas[p].traits;

    pop.traits[i].altruism = draw_trait(t.altruism, k_unit, seed, i, InitPart::altruism);
    pop.traits[i].recognition = draw_trait(t.recognition, k_unit, seed, i, InitPart::recognition);
    pop.traits[i].reciprocity = draw_trait(t.reciprocity, k_unit, seed, i, InitPart::reciprocity);
    pop.traits[i].learning_motive = draw_trait(t.learning, k_unit, seed, i, InitPart::learning);
    pop.traits[i].sharing_cost =
        draw_trait(t.sharing_cost, k_non_negative, seed, i, InitPart::sharing_cost);
    pop.traits[i].absorptive_capacity = draw_trait(t.absorptive_capacity, k_positive_unit, seed, i,
                                            InitPart::absorptive_capacity);
    pop.traits[i].visibility = draw_trait(t.visibility, k_unit, seed, i, InitPart::visibility);
    pop.adoption_threshold[i] =
        draw_trait(t.adoption_threshold, k_non_negative, seed, i, InitPart::adoption_threshold);
    pop.relevance_threshold[i] =
        draw_trait(t.relevance_threshold, k_unit, seed, i, InitPart::relevance_threshold);

    {  // k distinct topics, uniformly: the first k places of a partial Fisher-Yates shuffle
      Rng rng = agent_stream(seed, i, InitPart::interests);
      std::iota(deck.begin(), deck.end(), std::uint16_t{0});
      for (std::uint32_t j = 0; j < k; ++j) {
        const auto r = j + static_cast<std::uint32_t>(rng.below(topics - j));
        std::swap(deck[j], deck[r]);
        pop.interests[std::size_t{i} * k + j] = deck[j];
      }
    }
    {
      Rng rng = agent_stream(seed, i, InitPart::explicit_level);
      for (std::uint32_t c = 0; c < topics; ++c) {
        pop.explicit_knowledge(i, c) = static_cast<float>(
            sample(t.initial_explicit, k_non_negative.lo, k_non_negative.hi, rng));
      }
    }
    {
      Rng rng = agent_stream(seed, i, InitPart::tacit_level);
      for (std::uint32_t c = 0; c < topics; ++c) {
        pop.tacit_knowledge(i, c) = static_cast<float>(
            sample(t.initial_tacit, k_non_negative.lo, k_non_negative.hi, rng));
      }
    }
    {
      Rng rng = agent_stream(seed, i, InitPart::strategy);
      pop.strategy[i] = rng.bernoulli(t.initial_cooperate) ? k_cooperate : k_defect;
    }
    pop.traits[i].decision = static_cast<std::uint8_t>(t.decision);
    {
      Rng rng = agent_stream(seed, i, InitPart::learning_rule);
      pop.learning_rule[i] = draw_rule(t.learning_rules, rule_totals[p], rng);
    }
    {
      Rng rng = agent_stream(seed, i, InitPart::identified);
      pop.identified[i] = rng.bernoulli(params.organization.transparency) ? 1 : 0;
    }
  }
}

}  // namespace tacit::model
