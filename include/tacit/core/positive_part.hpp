#pragma once
// max(x, 0) without a branch, for tests that are as good as random from one call to the next.
// Written as a select or std::max, GCC compiles it to a compare and a jump at -O3 without
// SSE4 (docs/PERFORMANCE.md, "Mispredicted branches found and removed").

#include <cmath>

namespace tacit::core {

/// (x + |x|) / 2: exactly x when x > 0 (doubling and halving are exact), +0 otherwise (also for
/// x = -0), and the same number as x > 0 ? x : 0 for every finite x.
inline float positive_part(float x) { return (x + std::fabs(x)) * 0.5f; }

}  // namespace tacit::core
