#pragma once
// Transfer submodel (docs/MODEL.md 7.7): absorptive-capacity learning (Cohen & Levinthal 1990).
// The receiver closes a fraction alpha of its gap to the giver wherever the giver knows more;
// the giver loses nothing:
//
//   k_r,t <- k_r,t + alpha * max(0, k_g,t - k_r,t)
//
// Explicit knowledge moves over any tie at rate alpha (the receiver's absorptive capacity).
// Tacit knowledge moves only over strong ties whose trust (receiver in giver) reaches
// transfer.trust_threshold, at rate alpha * transfer.tacit_rate. The giver learns by teaching:
// its level in each transferred topic rises by teaching_gain x the amount transferred.
// Barter mode (Cowan & Jonard 2004): an exchange happens only when each side knows more than
// the other in some topic; then both learn.

#include <span>

#include "tacit/model/params.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// One transfer over all topics from `giver` to `receiver`; returns the total gained.
double absorb(std::span<float> receiver, std::span<const float> giver, float alpha);

/// One transfer in one topic; returns the amount gained (>= 0).
inline float absorb_one(float& receiver, float giver, float alpha) {
  const float gap = giver - receiver;
  if (gap <= 0.0f) return 0.0f;
  const float step = alpha * gap;
  receiver += step;
  return step;
}

/// True when tacit knowledge may cross a tie of this kind at this trust.
inline bool tacit_allowed(network::TieKind kind, double trust, const TransferParams& params) {
  return kind == network::TieKind::strong && trust >= params.trust_threshold;
}

/// Cowan & Jonard's condition for a barter: each knows strictly more than the other in at least
/// one topic.
bool barter_possible(std::span<const float> a, std::span<const float> b);

}  // namespace tacit::model
