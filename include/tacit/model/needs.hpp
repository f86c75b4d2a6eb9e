#pragma once
// Needs submodel (docs/MODEL.md 7.4): with probability needs.rate an agent faces a problem in
// one of its interest topics; with probability needs.complex_share the problem is complex and
// needs tacit knowledge, otherwise explicit knowledge suffices (Hansen 1999).

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"

namespace tacit::model {

struct Need {
  std::int32_t topic = -1;  ///< -1: no problem this tick
  bool complex = false;
  bool active() const { return topic >= 0; }
};

/// Draws agent i's need for this tick from its request stream. Draw order: one uniform for
/// "has a problem", then (only if it has one) the interest index, then one uniform for complexity.
Need draw_need(const Population& pop, std::uint32_t agent, const NeedsParams& params, Rng& rng);
/// Whether draw_need on the stream of `seed` finds a problem at its first draw, from the seed
/// alone (Rng::first_uniform): only then does the stream need seeding.
bool has_need(const NeedsParams& params, std::uint64_t seed);

}  // namespace tacit::model
