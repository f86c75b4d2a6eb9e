#pragma once
// Transfer submodel (docs/MODEL.md, Submodels: transfer): absorptive-capacity learning
// (Cohen & Levinthal 1990). The receiver closes a fraction alpha of its gap to the giver in
// every topic where the giver knows more; the giver loses nothing.
//
//   k_r,t <- k_r,t + alpha * max(0, k_g,t - k_r,t)

#include <span>

namespace tacit::model {

/// Applies one transfer from `giver` to `receiver` (same number of topics); returns the total
/// knowledge gained by the receiver (sum over topics).
double absorb(std::span<float> receiver, std::span<const float> giver, float alpha);

}  // namespace tacit::model
