#pragma once
// ESM adoption as contagion over ties (docs/MODEL.md 7.15.2). A non-user's exposure is the
// weighted count of its neighbours that use the platform, a strong tie weighing
// esm.strong_weight and a weak tie 1 ("adoption spreads through ties ... strong ties weighted
// more"). Three rules:
//   probability         P(adopt this tick) = 1 - (1 - p)^E                  (simple contagion)
//   threshold_count     adopt iff E >= theta_i                               (complex contagion)
//   threshold_fraction  adopt iff E / D_i >= theta_i, D_i the weighted degree (Granovetter 1978)
// theta_i is the agent's adoption_threshold trait. Adoption is synchronous: every agent decides
// from the users at the start of the step, so the result does not depend on the order of agents.

#include <cstdint>
#include <span>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

struct Exposure {
  double adopted = 0.0;  ///< E: weighted count of neighbours that are users
  double total = 0.0;    ///< D: weighted degree
};

/// Weight of one tie in the exposure count.
inline double tie_weight(network::TieKind kind, double strong_weight) {
  return kind == network::TieKind::strong ? strong_weight : 1.0;
}

/// Exposure of agent i; `user[j]` != 0 for neighbours that count.
Exposure exposure(const network::Network& net, std::span<const std::uint8_t> user, std::uint32_t i,
                  double strong_weight);

/// Whether an agent with exposure `e` and threshold `theta` adopts. The probability rule draws
/// one uniform when E > 0; the threshold rules draw nothing. Nobody adopts with E = 0 under the
/// probability rule; under the threshold rules only an agent with theta = 0 does.
bool adopts(const EsmParams& params, const Exposure& e, double theta, Rng& rng);

}  // namespace tacit::model
