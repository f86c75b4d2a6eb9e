#include "tacit/model/search.hpp"

#include <cmath>
#include <limits>

#include "tacit/model/trust.hpp"

namespace tacit::model {

double search_score(const network::Network& net, const Population& pop, const TieState& ties,
                    network::ArcId a, const Need& need, const SearchParams& params,
                    const ReputationParams& reputation) {
  const network::NodeId j = net.arc_target(a);
  const bool strong = net.arc_kind(a) == network::TieKind::strong;
  double s = 0.0;
  if (need.complex && strong) s += params.strong_bias_complex;
  if (!need.complex && !strong) s += params.weak_bias_simple;
  s += params.trust * expected_trust(ties.trust_r[a], ties.trust_s[a]);
  s += params.reputation * static_cast<double>(pop.image[j]) / static_cast<double>(reputation.image_max);
  const auto& k = need.complex ? pop.tacit_knowledge : pop.explicit_knowledge;
  s += params.expertise * static_cast<double>(k(j, need.topic));
  return s;
}

network::ArcId choose_helper(const network::Network& net, const Population& pop, const TieState& ties,
                             std::uint32_t asker, const Need& need, const SearchParams& params,
                             const ReputationParams& reputation, Rng& rng) {
  const network::ArcId begin = net.arc_begin(asker);
  const network::ArcId end = net.arc_end(asker);
  if (begin == end) return net.num_arcs();
  // Two passes (max, then sum) keep exp() in range without storing the scores.
  double best = -std::numeric_limits<double>::infinity();
  for (network::ArcId a = begin; a < end; ++a)
    best = std::max(best, search_score(net, pop, ties, a, need, params, reputation));
  double total = 0.0;
  for (network::ArcId a = begin; a < end; ++a)
    total += std::exp((search_score(net, pop, ties, a, need, params, reputation) - best) / params.temperature);
  double u = rng.uniform() * total;
  for (network::ArcId a = begin; a < end; ++a) {
    u -= std::exp((search_score(net, pop, ties, a, need, params, reputation) - best) / params.temperature);
    if (u < 0.0) return a;
  }
  return end - 1;  // rounding left u at ~0: the last neighbour
}

}  // namespace tacit::model
