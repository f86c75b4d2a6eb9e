#pragma once
// Organizational levers and payoffs (docs/MODEL.md 7.10): incentives for contributing,
// penalties for identified non-contributors, identity transparency, the benefit a contribution
// gives and the cost it takes — the levers of classic free-rider designs.

#include <cstdint>
#include <span>

#include "tacit/model/params.hpp"

namespace tacit::model {

/// Payoff of a giver for one request: shared: -cost + incentive [identified];
/// refused: -penalty [identified].
double giver_payoff(bool shared, bool identified, const OrganizationParams& params);

/// Payoff of an asker: benefit x knowledge gained.
double asker_payoff(double knowledge_gained, const OrganizationParams& params);

}  // namespace tacit::model
