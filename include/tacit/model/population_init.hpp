#pragma once
// Population initialization (docs/MODEL.md, Initialization): personas are assigned by exact
// counts and shuffled, then every agent draws its traits, interests, initial knowledge and
// behaviour from its own random streams. Call once, before the first tick.
//
// Streams (the numbers are part of the reproducibility contract):
//   persona assignment        Rng(seed, init, k_assignment_stream)
//   agent i, part p           Rng(seed, init, i, p), p in InitPart order
// One stream per (agent, part), so agent i's draws depend neither on the population size nor
// on the distributions of its other parts: switching altruism from a constant to a uniform
// leaves every agent's interests and knowledge unchanged (common random numbers).
//
// Distributions are sampled on tacit::Rng only (no <random> distributions), so the bytes are
// the same across standard libraries.

#include <cstdint>
#include <vector>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"

namespace tacit::network {
class Network;
}

namespace tacit::model {

/// First label of the persona assignment's stream: above every agent id.
inline constexpr std::uint64_t k_assignment_stream = 0xFFFF'FFFF'FFFF'FFFFULL;

/// Second label of an agent's init streams: what is drawn from it, in this order.
enum class InitPart : std::uint64_t {
  altruism = 0,
  recognition = 1,
  reciprocity = 2,
  learning = 3,
  sharing_cost = 4,
  absorptive_capacity = 5,
  visibility = 6,
  interests = 7,         ///< interests_per_agent topics, partial Fisher-Yates
  explicit_level = 8,    ///< initial_explicit for topics 0..T-1
  tacit_level = 9,       ///< initial_tacit for topics 0..T-1
  strategy = 10,         ///< cooperate with probability initial_cooperate
  learning_rule = 11,    ///< one uniform draw against the rule weights
  identified = 12,       ///< identified with probability organization.transparency
  adoption_threshold = 13,   ///< ESM contagion threshold
  relevance_threshold = 14,  ///< ESM churn threshold
};

/// The personas a run uses: params.personas, or when there are none one persona "regular" with
/// share 1 and the `agents:` traits. Population::persona indexes this vector.
std::vector<Persona> effective_personas(const PopulationParams& params);

/// Agents per persona for n agents: floor(share x n) each, the rest one by one to the largest
/// remainders (ties: the earlier persona). Shares are normalized by their sum; the counts sum
/// to n exactly.
std::vector<std::uint32_t> persona_counts(const std::vector<Persona>& personas, std::uint32_t n);

/// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1) U^(1/shape).
double sample_gamma(double shape, Rng& rng);

/// Beta(a, b) as X / (X + Y), X ~ Gamma(a), Y ~ Gamma(b).
double sample_beta(double a, double b, Rng& rng);

/// One value of `dist` within [lo, hi]: constant (no draw) and uniform / beta by construction,
/// clamped against rounding; normal truncated by redrawing, clamped after 100 tries.
double sample(const Distribution& dist, double lo, double hi, Rng& rng);

/// Sizes and fills every array of `pop` for net.num_nodes() agents: personas, traits,
/// interests, explicit and tacit knowledge, strategy, decision and learning rules, identified;
/// image, payoffs and counters zero; last_action k_not_asked.
/// Throws tacit::Error for parameters the scenario layer would have rejected (interests >
/// topics, more than 65535 topics or 65536 personas, no positive share or rule weight).
void initialize_population(Population& pop, const network::Network& net,
                           const ModelParams& params, std::uint64_t seed);

}  // namespace tacit::model
