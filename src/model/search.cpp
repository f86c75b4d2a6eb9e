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
  const std::size_t degree = end - begin;
  if (degree == 1) return begin;  // the softmax of one score is 1
  const SearchParams& params = terms.params();
  // Each neighbour's score without the trust term (no division, no exp), and their largest.
  thread_local std::vector<double> partial;
  if (partial.size() < degree) partial.resize(degree);
  const double bias_strong = need.complex ? params.strong_bias_complex : 0.0;
  const double bias_weak = need.complex ? 0.0 : params.weak_bias_simple;
  const auto& k = need.complex ? pop.tacit_knowledge : pop.explicit_knowledge;
  const network::NodeId* targets = net.targets().data();
  const std::uint8_t* kinds = net.kinds().data();
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < degree; ++q) {
    const network::NodeId j = targets[begin + q];
    const double bias = kinds[begin + q] == static_cast<std::uint8_t>(network::TieKind::strong) ? bias_strong : bias_weak;
    const double p = bias + terms.reputation(pop.image[j]) + params.expertise * static_cast<double>(k(j, need.topic));
    partial[q] = p;
    best = std::max(best, p);
  }
  const double trust = params.trust;
  const auto score = [&](std::size_t q) {
    const Tie& tie = ties.arc[begin + q];
    return partial[q] + trust * expected_trust(tie.trust_r, tie.trust_s);
  };
  // Rejection sampling: a uniformly drawn neighbour is accepted with probability
  // exp((s_j - bound) / T) <= 1, so an accepted neighbour is j with probability exactly
  // exp(s_j / T) / sum_k exp(s_k / T). After `tries` rejections the choice is made from the
  // full softmax: conditioned on that, too, j has the same probability, so the choice has it
  // whatever the number of tries. E_ij is in (0, 1), so the trust term is at most max(0, trust).
  const double bound = best + std::max(0.0, trust);
  const std::size_t tries = (degree + 1) / 2;
  for (std::size_t t = 0; t < tries; ++t) {
    const auto q = static_cast<std::size_t>(rng.below(degree));
    const double u = rng.uniform();
    if (u < core::exp(terms.over_temperature(score(q) - bound))) return begin + static_cast<network::ArcId>(q);
  }
  thread_local std::vector<double> weight;
  if (weight.size() < degree) weight.resize(degree);
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < degree; ++q) {
    weight[q] = score(q);
    top = std::max(top, weight[q]);
  }
  double total = 0.0;
  for (std::size_t q = 0; q < degree; ++q) {
    weight[q] = core::exp(terms.over_temperature(weight[q] - top));
    total += weight[q];
  }
  double u = rng.uniform() * total;
  for (std::size_t q = 0; q < degree; ++q) {
    u -= weight[q];
    if (u < 0.0) return begin + static_cast<network::ArcId>(q);
  }
  return end - 1;  // rounding left u at ~0: the last neighbour
}

}  // namespace tacit::model
