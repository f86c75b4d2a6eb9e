#pragma once
// Trust submodel (docs/MODEL.md 7.8): beta reputation per directed tie with forgetting
// (Jøsang & Ismail 2002). Each arc i->j holds evidence (r, s) of i about j; an outcome
// o in [0,1] of an interaction updates it as
//   r <- lambda r + o,   s <- lambda s + (1 - o)      (lambda = trust.forgetting)
// so that after outcomes o_1..o_n, r = sum o_k lambda^(n-k); the expected trust is
//   E = (r + 1) / (r + s + 2).
// Initial trust by tie kind is pseudo-evidence: r0 + s0 = w (trust.prior_weight) with
// E(r0, s0) = trust.initial_strong or trust.initial_weak.

#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// E = (r + 1) / (r + s + 2).
inline double expected_trust(float r, float s) {
  return (static_cast<double>(r) + 1.0) / (static_cast<double>(r) + static_cast<double>(s) + 2.0);
}

/// Records one outcome in [0,1] with forgetting lambda.
inline void record_outcome(float& r, float& s, double outcome, double forgetting) {
  r = static_cast<float>(forgetting * r + outcome);
  s = static_cast<float>(forgetting * s + (1.0 - outcome));
}

struct Evidence {
  float r = 0.0f;
  float s = 0.0f;
};

/// Pseudo-evidence with r + s = prior_weight and E = expected: r = expected (w + 2) - 1,
/// s = w - r. Feasible for expected in [1/(w+2), (w+1)/(w+2)]; throws InputError outside.
Evidence initial_evidence(double expected, double prior_weight);

/// Sizes trust_r, trust_s and balance to the network's arcs; each arc gets the prior of its tie
/// kind, balances 0.
void initialize_trust(TieState& ties, const network::Network& net, const TrustParams& params);

}  // namespace tacit::model
