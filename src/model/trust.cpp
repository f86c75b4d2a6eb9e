#include "tacit/model/trust.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "tacit/core/error.hpp"
#include "tacit/core/format.hpp"
#include "tacit/core/huge_pages.hpp"

namespace tacit::model {

Evidence initial_evidence(double expected, double prior_weight) {
  const double lo = 1.0 / (prior_weight + 2.0);
  const double hi = (prior_weight + 1.0) / (prior_weight + 2.0);
  // A little slack for values written in decimal that sit on the boundary.
  if (!(expected >= lo - 1e-12 && expected <= hi + 1e-12))
    throw InputError("initial trust " + core::format_number(expected) + " cannot be expressed with prior weight " +
                     core::format_number(prior_weight) + "; allowed: [" + core::format_number(lo) + ", " +
                     core::format_number(hi) + "]");
  const double r = std::clamp(expected * (prior_weight + 2.0) - 1.0, 0.0, prior_weight);
  return Evidence{static_cast<float>(r), static_cast<float>(prior_weight - r)};
}

void initialize_trust(TieState& ties, const network::Network& net, const TrustParams& params) {
  const Evidence strong = initial_evidence(params.initial_strong, params.prior_weight);
  const Evidence weak = initial_evidence(params.initial_weak, params.prior_weight);
  const std::uint32_t arcs = net.num_arcs();
  core::assign_on_huge_pages(ties.arc, arcs, Tie{});
  for (network::ArcId a = 0; a < arcs; ++a) {
    const Evidence& e = net.arc_kind(a) == network::TieKind::strong ? strong : weak;
    ties.arc[a].trust_r = e.r;
    ties.arc[a].trust_s = e.s;
  }
}

}  // namespace tacit::model
