#pragma once
// Knowledge submodel (docs/MODEL.md 7.3): a level per agent and topic, split into explicit
// (codified) and tacit (experience; Nonaka 1994) components. Initial levels are drawn per
// persona (model/population_init). An agent's knowledge stock is its mean over topics of
// explicit + tacit; the knowledge metrics are computed on it.

#include <cstdint>

#include "tacit/model/population.hpp"

namespace tacit::model {

/// Mean over topics of explicit + tacit level of agent i.
double knowledge_stock(const Population& population, std::uint32_t agent);
/// Mean over topics of the explicit level of agent i.
double explicit_stock(const Population& population, std::uint32_t agent);
/// Mean over topics of the tacit level of agent i.
double tacit_stock(const Population& population, std::uint32_t agent);

}  // namespace tacit::model
