#pragma once
// Innovation submodel (docs/MODEL.md 7.11): new ideas come from combining knowledge received
// across structural holes (Burt 1992; seed 002: "new ideas come from diverse networks with
// structural holes ... increasing innovation requires weak and diverse social ties"). When an
// agent gains knowledge over a weak tie from a member of another team, it produces an
// innovation with probability innovation.rate.

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// True when the gain qualifies (weak tie, different teams, gained > 0). Draws nothing.
bool innovation_possible(const network::Network& net, network::ArcId asker_to_giver, double gained);
/// The same from the tie's kind and both agents' teams (-1: no team structure), for callers that
/// have them at hand.
bool innovation_possible(network::TieKind kind, std::int32_t asker_team, std::int32_t giver_team, double gained);

/// Whether the gain yields an innovation: one uniform draw when innovation_possible, else none.
bool innovation_occurs(const network::Network& net, network::ArcId asker_to_giver, double gained,
                       const InnovationParams& params, Rng& rng);
bool innovation_occurs(network::TieKind kind, std::int32_t asker_team, std::int32_t giver_team, double gained,
                       const InnovationParams& params, Rng& rng);

}  // namespace tacit::model
