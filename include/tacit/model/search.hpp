#pragma once
// Search submodel (docs/MODEL.md 7.5): whom an agent with a problem asks. Each neighbour j of
// asker i gets a score
//   s_j = strong_bias_complex [complex and tie strong] + weak_bias_simple [simple and tie weak]
//       + trust * E_ij + reputation * image_j / image_max + expertise * level_j,t
// (E_ij: i's beta-reputation trust in j; level: explicit level for simple problems, tacit for
// complex ones) and is chosen with probability exp(s_j / T) / sum_k exp(s_k / T)
// (multinomial logit, T = search.temperature). Complex problems favour strong ties, simple ones
// weak ties, which reach more diverse knowledge (Hansen 1999; Granovetter 1973).

#include <array>
#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/needs.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// What every search of a run shares, worked out once from the parameters instead of dividing
/// for every neighbour: the reputation term of each image value, formed as the score forms it
/// (reputation * image / image_max), and the division by the temperature, which is a
/// multiplication when the temperature is a power of two (as the default 1): its reciprocal is
/// then exact, and s / T and s * (1 / T) are the same number.
class SearchTerms {
 public:
  SearchTerms(const SearchParams& params, const ReputationParams& reputation);

  const SearchParams& params() const { return m_params; }
  /// reputation * image / image_max.
  double reputation(std::int8_t image) const { return m_reputation[static_cast<std::uint8_t>(image)]; }
  /// x / temperature.
  double over_temperature(double x) const { return m_exact_inverse ? x * m_inverse : x / m_params.temperature; }

 private:
  SearchParams m_params;
  std::array<double, 256> m_reputation{};  ///< by the image's byte
  bool m_exact_inverse = false;
  double m_inverse = 0.0;
};

/// Score of asking along arc a (from the asker) for the given need.
double search_score(const network::Network& net, const Population& pop, const TieState& ties,
                    network::ArcId a, const Need& need, const SearchTerms& terms);

/// The arc (asker -> helper) chosen for the need, or net.num_arcs() when the asker has no ties.
/// Drawn by rejection: a neighbour drawn uniformly (`below(degree)`) is accepted if a uniform
/// falls below exp((s_j - bound) / T), bound = the largest score without the trust term plus
/// max(0, trust) >= every s_j; after (degree + 1) / 2 rejections, one uniform chooses from the
/// full softmax. Each neighbour has exactly its softmax probability either way; most searches
/// work out the trust term and an exp for a few neighbours instead of all. An only neighbour is
/// asked without a draw. Allocates only to grow per-thread buffers to the largest degree seen.
network::ArcId choose_helper(const network::Network& net, const Population& pop, const TieState& ties,
                             std::uint32_t asker, const Need& need, const SearchTerms& terms, Rng& rng);

}  // namespace tacit::model
