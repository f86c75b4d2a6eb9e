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

namespace {

// The score without its trust term, tie bias + reputation + expertise, for one need: what does
// not depend on the neighbour is looked up once. choose_helper bounds the scores with it before
// it works out any trust term.
class ScoreWithoutTrust {
 public:
  ScoreWithoutTrust(const network::Network& net, const Population& pop, const Need& need, const SearchTerms& terms)
      : m_targets(net.targets().data()),
        m_kinds(net.kinds().data()),
        m_image(pop.image.data()),
        m_level(need.complex ? pop.tacit_knowledge : pop.explicit_knowledge),
        m_topic(need.topic),
        m_bias{need.complex ? terms.params().strong_bias_complex : 0.0,
               need.complex ? 0.0 : terms.params().weak_bias_simple},
        m_expertise(terms.params().expertise),
        m_terms(terms) {}
  double operator()(network::ArcId a) const {
    const network::NodeId j = m_targets[a];
    // A look-up, not a branch: the kinds of an asker's ties alternate unpredictably enough.
    const double bias = m_bias[m_kinds[a] != static_cast<std::uint8_t>(network::TieKind::strong)];
    return bias + m_terms.reputation(m_image[j]) + m_expertise * static_cast<double>(m_level(j, m_topic));
  }

 private:
  const network::NodeId* m_targets;
  const std::uint8_t* m_kinds;
  const std::int8_t* m_image;
  const KnowledgeMatrix& m_level;
  Eigen::Index m_topic;
  double m_bias[2];  ///< the tie bias of a strong tie, then of a weak one
  double m_expertise;
  const SearchTerms& m_terms;
};

double trust_term(const TieState& ties, network::ArcId a, double trust) {
  return trust * expected_trust(ties.arc[a].trust_r, ties.arc[a].trust_s);
}

}  // namespace

double search_score(const network::Network& net, const Population& pop, const TieState& ties,
                    network::ArcId a, const Need& need, const SearchTerms& terms) {
  return ScoreWithoutTrust(net, pop, need, terms)(a) + trust_term(ties, a, terms.params().trust);
}

network::ArcId choose_helper(const network::Network& net, const Population& pop, const TieState& ties,
                             std::uint32_t asker, const Need& need, const SearchTerms& terms, Rng& rng) {
  const network::ArcId begin = net.arc_begin(asker);
  const network::ArcId end = net.arc_end(asker);
  if (begin == end) return net.num_arcs();
  const std::size_t degree = end - begin;
  if (degree == 1) return begin;  // the softmax of one score is 1
  // Each neighbour's score without the trust term (no division, no exp), and their largest.
  thread_local std::vector<double> partial;
  if (partial.size() < degree) partial.resize(degree);
  const ScoreWithoutTrust score_without_trust(net, pop, need, terms);
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < degree; ++q) {
    partial[q] = score_without_trust(begin + static_cast<network::ArcId>(q));
    best = std::max(best, partial[q]);
  }
  const double trust = terms.params().trust;
  // search_score of the neighbour q, its first part already worked out.
  const auto score = [&](std::size_t q) { return partial[q] + trust_term(ties, begin + static_cast<network::ArcId>(q), trust); };
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
