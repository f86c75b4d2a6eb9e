#pragma once
// Search submodel (docs/MODEL.md 7.5): whom an agent with a problem asks. Each neighbour j of
// asker i gets a score
//   s_j = strong_bias_complex [complex and tie strong] + weak_bias_simple [simple and tie weak]
//       + trust * E_ij + reputation * image_j / image_max + expertise * level_j,t
// (E_ij: i's beta-reputation trust in j; level: explicit level for simple problems, tacit for
// complex ones) and is chosen with probability exp(s_j / T) / sum_k exp(s_k / T)
// (multinomial logit, T = search.temperature). Complex problems favour strong ties, simple ones
// weak ties, which reach more diverse knowledge (Hansen 1999; Granovetter 1973).

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/needs.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// Score of asking along arc a (from the asker) for the given need.
double search_score(const network::Network& net, const Population& pop, const TieState& ties,
                    network::ArcId a, const Need& need, const SearchParams& params,
                    const ReputationParams& reputation);

/// The arc (asker -> helper) chosen for the need, or net.num_arcs() when the asker has no ties.
/// Consumes exactly one uniform draw when the asker has at least one tie. Allocates only to grow
/// a per-thread buffer to the largest degree seen.
network::ArcId choose_helper(const network::Network& net, const Population& pop, const TieState& ties,
                             std::uint32_t asker, const Need& need, const SearchParams& params,
                             const ReputationParams& reputation, Rng& rng);

}  // namespace tacit::model
