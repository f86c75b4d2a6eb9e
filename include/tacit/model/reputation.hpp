#pragma once
// Reputation and reciprocity submodel (docs/MODEL.md 7.9). Image scoring (Nowak & Sigmund
// 1998): an agent seen sharing gains one point, seen refusing loses one, within
// [reputation.image_min, reputation.image_max]; only identified agents are seen
// (organization.transparency). Direct reciprocity: a ledger per directed tie of favours given
// minus favours received, kept antisymmetric (balance[i->j] = -balance[j->i]).

#include <cstdint>

#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// +1 when seen sharing, -1 when seen refusing, clamped to [image_min, image_max].
void observe_action(std::int8_t& image, bool shared, const ReputationParams& params);

/// image / image_max for positive images, image / |image_min| for negative ones: in [-1, 1].
double normalized_image(std::int8_t image, const ReputationParams& params);

/// Records that the source of `giver_to_asker` did its target a favour.
void record_favour(TieState& ties, const network::Network& net, network::ArcId giver_to_asker);
/// The same, given both arcs between the two (asker_to_giver: the reverse of giver_to_asker).
void record_favour(TieState& ties, network::ArcId giver_to_asker, network::ArcId asker_to_giver);

}  // namespace tacit::model
