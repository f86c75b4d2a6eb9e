#include "tacit/model/innovation.hpp"

namespace tacit::model {

bool innovation_possible(network::TieKind kind, std::int32_t asker_team, std::int32_t giver_team, double gained) {
  // Without team structure every weak tie counts as crossing units.
  return gained > 0.0 && kind == network::TieKind::weak && (asker_team < 0 || asker_team != giver_team);
}

bool innovation_possible(const network::Network& net, network::ArcId asker_to_giver, double gained) {
  if (gained <= 0.0 || net.arc_kind(asker_to_giver) != network::TieKind::weak) return false;
  const network::NodeId giver = net.arc_target(asker_to_giver);
  const network::NodeId asker = net.arc_target(net.reverse_arc(asker_to_giver));
  const auto team = net.team();
  return innovation_possible(network::TieKind::weak, team[asker], team[giver], gained);
}

bool innovation_occurs(network::TieKind kind, std::int32_t asker_team, std::int32_t giver_team, double gained,
                       const InnovationParams& params, Rng& rng) {
  return innovation_possible(kind, asker_team, giver_team, gained) && rng.bernoulli(params.rate);
}

bool innovation_occurs(const network::Network& net, network::ArcId asker_to_giver, double gained,
                       const InnovationParams& params, Rng& rng) {
  return innovation_possible(net, asker_to_giver, gained) && rng.bernoulli(params.rate);
}

}  // namespace tacit::model
