#pragma once
// Knowledge submodel (docs/MODEL.md, Submodels: knowledge): initial levels per agent and topic.

#include <cstdint>

#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"

namespace tacit::model {

/// Sizes the population for `agents` agents and draws every level uniformly in
/// [initial_min, initial_max) from the agent's own init stream (derive_seed(seed, init, agent)),
/// so the draw of agent i does not depend on how many agents or threads there are.
void initialize_knowledge(Population& population, std::uint32_t agents,
                          const KnowledgeParams& params, std::uint64_t seed);

/// Mean level over topics of agent i (its knowledge stock).
double knowledge_stock(const Population& population, std::uint32_t agent);

}  // namespace tacit::model
