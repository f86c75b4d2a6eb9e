#include "tacit/model/innovation.hpp"

namespace tacit::model {

bool innovation_possible(const network::Network& net, network::ArcId asker_to_giver, double gained) {
  if (gained <= 0.0 || net.arc_kind(asker_to_giver) != network::TieKind::weak) return false;
  const network::NodeId giver = net.arc_target(asker_to_giver);
  const network::NodeId asker = net.arc_target(net.reverse_arc(asker_to_giver));
  const auto team = net.team();
  // Without team structure every weak tie counts as crossing units.
  return team[asker] < 0 || team[asker] != team[giver];
}

bool innovation_occurs(const network::Network& net, network::ArcId asker_to_giver, double gained,
                       const InnovationParams& params, Rng& rng) {
  return innovation_possible(net, asker_to_giver, gained) && rng.bernoulli(params.rate);
}

}  // namespace tacit::model
