#include "tacit/model/knowledge.hpp"

#include "tacit/core/rng.hpp"

namespace tacit::model {

void initialize_knowledge(Population& population, std::uint32_t agents,
                          const KnowledgeParams& params, std::uint64_t seed) {
  population.knowledge.resize(agents, params.topics);
  population.gave.assign(agents, 0);
  population.received.assign(agents, 0);
  population.gained.assign(agents, 0.0);
  for (std::uint32_t i = 0; i < agents; ++i) {
    Rng rng(seed, Stream::init, i);
    for (std::uint32_t t = 0; t < params.topics; ++t)
      population.knowledge(i, t) = static_cast<float>(rng.uniform(params.initial_min, params.initial_max));
  }
}

double knowledge_stock(const Population& population, std::uint32_t agent) {
  if (population.topics() == 0) return 0.0;
  return static_cast<double>(population.knowledge.row(agent).cast<double>().mean());
}

}  // namespace tacit::model
