#include "tacit/model/needs.hpp"

namespace tacit::model {

Need draw_need(const Population& pop, std::uint32_t agent, const NeedsParams& params, Rng& rng) {
  Need need;
  if (!rng.bernoulli(params.rate) || pop.interests_per_agent == 0) return need;
  const std::size_t base = static_cast<std::size_t>(agent) * pop.interests_per_agent;
  need.topic = pop.interests[base + rng.below(pop.interests_per_agent)];
  need.complex = rng.bernoulli(params.complex_share);
  return need;
}

bool has_need(const NeedsParams& params, std::uint64_t seed) { return Rng::first_uniform(seed) < params.rate; }

}  // namespace tacit::model
