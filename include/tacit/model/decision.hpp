#pragma once
// Decision to share (docs/MODEL.md 7.6). Giver j, asked by i, shares with a logit choice on the
// utility of sharing over refusing (Wasko & Faraj 2005; Blau 1964; Hinds & Pfeffer 2003):
//   U = bias
//     + a_alt   altruism_j x value                       value: i's gap to j in the topic
//     + a_rec   recognition_j x visibility_j x identified_j
//     + a_dr    reciprocity_j x (-balance_{j->i})         favours i did j, net
//     + a_ir    reciprocity_j x image_i (normalized)      indirect reciprocity
//     + a_learn learning_j                                learning by teaching
//     + a_trust (E_{j->i} - 1/2)                          trust in the asker
//     + identified_j (incentive + penalty)                rewarded if sharing, penalized if not
//     - a_cost  sharing_cost_j x (tacit_cost if complex else 1)
//     - a_comp  [same team]                               rivalry inside the unit
//   P(share) = 1 / (1 + exp(-U / tau))
// Agents with decision rule `strategy` ignore U: cooperators share, defectors refuse.

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"

namespace tacit::model {

struct ShareContext {
  double value = 0.0;  ///< asker's gap to the giver in the problem's topic (>= 0)
  bool complex = false;
  bool same_team = false;
  double balance_giver_to_asker = 0.0;  ///< favours the giver did the asker minus received
  double asker_image_normalized = 0.0;  ///< in [-1, 1]
  double trust_giver_in_asker = 0.5;    ///< E of arc giver -> asker
};

/// Each term of U, and their sum.
struct UtilityTerms {
  double bias = 0.0, altruism = 0.0, recognition = 0.0, direct_reciprocity = 0.0,
         indirect_reciprocity = 0.0, learning = 0.0, trust = 0.0, organization = 0.0, cost = 0.0,
         competition = 0.0, total = 0.0;
};

UtilityTerms sharing_utility(const DecisionParams& params, const OrganizationParams& organization,
                             const Population& pop, std::uint32_t giver, const ShareContext& ctx);

/// Logistic 1 / (1 + exp(-utility / temperature)), without overflow for large |utility|.
double share_probability(double utility, double temperature);

/// Utility rule: one uniform draw, share with share_probability. Strategy rule: share iff the
/// giver cooperates; no draw.
bool decide_share(const DecisionParams& params, const Population& pop, std::uint32_t giver, double utility,
                  Rng& rng);

/// decide_share in two steps, for a caller that takes the draw apart from the decision
/// (Esm::read takes it from a stream of its own after the block's reads):
/// decide_drawn(params, pop, giver, utility, share_draw(pop, giver, rng)) is decide_share.
/// The draw: a uniform for the utility rule, none (and -1) for the strategy rule, whose
/// decision does not look at it.
double share_draw(const Population& pop, std::uint32_t giver, Rng& rng);
bool decide_drawn(const DecisionParams& params, const Population& pop, std::uint32_t giver, double utility,
                  double draw);

}  // namespace tacit::model
