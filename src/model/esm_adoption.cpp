#include "tacit/model/esm_adoption.hpp"

#include <cmath>

namespace tacit::model {

Exposure exposure(const network::Network& net, std::span<const std::uint8_t> user, std::uint32_t i,
                  double strong_weight) {
  Exposure e;
  for (auto a = net.arc_begin(i); a < net.arc_end(i); ++a) {
    const double w = tie_weight(net.arc_kind(a), strong_weight);
    e.total += w;
    if (user[net.arc_target(a)]) e.adopted += w;
  }
  return e;
}

bool adopts(const EsmParams& params, const Exposure& e, double theta, Rng& rng) {
  switch (params.adoption_rule) {
    case AdoptionRule::probability:
      if (e.adopted <= 0.0) return false;
      return rng.uniform() < 1.0 - std::pow(1.0 - params.adoption_probability, e.adopted);
    case AdoptionRule::threshold_count:
      return e.adopted >= theta * (1.0 - 1e-12);
    case AdoptionRule::threshold_fraction:
      if (theta <= 0.0) return true;
      // A relative tolerance so that, e.g., 3 of 99 meets theta = 3/99 despite rounding.
      return e.total > 0.0 && e.adopted >= theta * e.total * (1.0 - 1e-12);
  }
  return false;
}

}  // namespace tacit::model
