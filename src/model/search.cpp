#include "tacit/model/search.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "tacit/core/exp.hpp"
#include "tacit/model/trust.hpp"

namespace tacit::model {

SearchTerms::SearchTerms(const SearchParams& params, const ReputationParams& reputation) : m_params(params) {
  for (int image = -128; image < 128; ++image)
    m_reputation[static_cast<std::uint8_t>(image)] =
        params.reputation * static_cast<double>(image) / static_cast<double>(reputation.image_max);
  int exponent = 0;
  const double inverse = 1.0 / params.temperature;
  m_exact_inverse = std::frexp(params.temperature, &exponent) == 0.5 && std::isnormal(inverse);
  m_inverse = m_exact_inverse ? inverse : 0.0;
}

double search_score(const network::Network& net, const Population& pop, const TieState& ties,
                    network::ArcId a, const Need& need, const SearchTerms& terms) {
  const SearchParams& params = terms.params();
  const network::NodeId j = net.arc_target(a);
  const bool strong = net.arc_kind(a) == network::TieKind::strong;
  double s = 0.0;
  if (need.complex && strong) s += params.strong_bias_complex;
  if (!need.complex && !strong) s += params.weak_bias_simple;
  s += params.trust * expected_trust(ties.arc[a].trust_r, ties.arc[a].trust_s);
  s += terms.reputation(pop.image[j]);
  const auto& k = need.complex ? pop.tacit_knowledge : pop.explicit_knowledge;
  s += params.expertise * static_cast<double>(k(j, need.topic));
  return s;
}

network::ArcId choose_helper(const network::Network& net, const Population& pop, const TieState& ties,
                             std::uint32_t asker, const Need& need, const SearchTerms& terms, Rng& rng) {
  const network::ArcId begin = net.arc_begin(asker);
  const network::ArcId end = net.arc_end(asker);
  if (begin == end) return net.num_arcs();
  // Scores once per neighbour into a per-thread buffer (it grows to the largest degree once,
  // then the tick loop allocates nothing); max first keeps exp() in range.
  thread_local std::vector<double> weight;
  const std::size_t degree = end - begin;
  if (weight.size() < degree) weight.resize(degree);
  double best = -std::numeric_limits<double>::infinity();
  for (network::ArcId a = begin; a < end; ++a) {
    const double s = search_score(net, pop, ties, a, need, terms);
    weight[a - begin] = s;
    best = std::max(best, s);
  }
  double total = 0.0;
  for (std::size_t k = 0; k < degree; ++k) {
    weight[k] = core::exp(terms.over_temperature(weight[k] - best));
    total += weight[k];
  }
  double u = rng.uniform() * total;
  for (std::size_t k = 0; k < degree; ++k) {
    u -= weight[k];
    if (u < 0.0) return begin + static_cast<network::ArcId>(k);
  }
  return end - 1;  // rounding left u at ~0: the last neighbour
}

}  // namespace tacit::model
