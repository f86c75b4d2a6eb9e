#include "tacit/model/metrics.hpp"

#include <limits>

#include "tacit/core/stats.hpp"
#include "tacit/model/esm.hpp"
#include "tacit/model/knowledge.hpp"
#include "tacit/model/trust.hpp"

namespace tacit::model {

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = {
      "knowledge_mean",      "knowledge_explicit_mean", "knowledge_tacit_mean",
      "knowledge_variance",  "knowledge_cv",            "knowledge_gini",
      "variance_between_teams", "variance_within_teams",
      "requests",            "shares",                  "shares_strong",
      "shares_weak",         "share_rate",              "unanswered",
      "tacit_transfers",     "knowledge_gained",        "sharer_fraction",
      "free_rider_fraction", "trust_strong_mean",       "trust_weak_mean",
      "image_mean",          "reputation_gini",         "innovations",
      "payoff_mean",
    };
    for (const auto& name : esm_metric_names()) v.push_back(name);
    return v;
  }();
  return names;
}

void compute_metrics(const network::Network& net, const Population& pop, const TieState& ties, const Esm& esm,
                     const ModelParams& params, const TickCounters& c, std::uint32_t tick,
                     MetricsScratch& scratch, std::vector<double>& out) {
  const std::uint32_t n = pop.size();
  const double dn = n > 0 ? static_cast<double>(n) : 1.0;
  scratch.stock.resize(n);
  double explicit_sum = 0.0;
  double tacit_sum = 0.0;
  std::uint64_t cooperators = 0;
  std::uint64_t free_riders = 0;
  double image_sum = 0.0;
  double payoff_sum = 0.0;
  // Free rider: received help within the window but helped nobody within it.
  const std::uint32_t window = params.metrics.free_rider_window;
  const std::uint32_t since = tick >= window ? tick - window + 1 : 1;
  scratch.values.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const double e = explicit_stock(pop, i);
    const double t = tacit_stock(pop, i);
    explicit_sum += e;
    tacit_sum += t;
    scratch.stock[i] = e + t;
    cooperators += pop.strategy[i] == k_cooperate ? 1u : 0u;
    const bool received = pop.ledger[i].last_received_tick >= since && pop.ledger[i].last_received_tick > 0;
    const bool helped = pop.ledger[i].last_helped_tick >= since && pop.ledger[i].last_helped_tick > 0;
    free_riders += received && !helped ? 1u : 0u;
    image_sum += pop.image[i];
    // Reputation Gini on image scores shifted to be non-negative.
    scratch.values[i] = static_cast<double>(pop.image[i] - params.reputation.image_min);
    payoff_sum += pop.payoff[i];
  }
  const core::VarianceSplit split = core::variance_by_group(scratch.stock, net.team(), net.num_teams());

  double trust_sum[2] = {0.0, 0.0};
  double trust_count[2] = {0.0, 0.0};
  const std::uint32_t arcs = net.num_arcs();
  for (network::ArcId a = 0; a < arcs; ++a) {
    const auto kind = static_cast<std::size_t>(net.arc_kind(a));
    trust_sum[kind] += expected_trust(ties.arc[a].trust_r, ties.arc[a].trust_s);
    trust_count[kind] += 1.0;
  }
  auto ratio = [](double num, double den) { return den > 0.0 ? num / den : std::numeric_limits<double>::quiet_NaN(); };

  out = {
      (explicit_sum + tacit_sum) / dn,
      explicit_sum / dn,
      tacit_sum / dn,
      split.total,
      core::coefficient_of_variation(scratch.stock),
      core::gini(scratch.stock, scratch.sort),
      split.between,
      split.within,
      static_cast<double>(c.requests),
      static_cast<double>(c.shares),
      static_cast<double>(c.shares_strong),
      static_cast<double>(c.shares_weak),
      ratio(static_cast<double>(c.shares), static_cast<double>(c.requests)),
      static_cast<double>(c.unanswered),
      static_cast<double>(c.tacit_transfers),
      c.gained,
      static_cast<double>(cooperators) / dn,
      static_cast<double>(free_riders) / dn,
      ratio(trust_sum[0], trust_count[0]),
      ratio(trust_sum[1], trust_count[1]),
      image_sum / dn,
      core::gini(scratch.values, scratch.sort),
      static_cast<double>(c.innovations),
      payoff_sum / dn,
  };
  append_esm_metrics(esm, scratch.values, scratch.sort, out);
}

}  // namespace tacit::model
