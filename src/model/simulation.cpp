#include "tacit/model/simulation.hpp"

#include <algorithm>
#include <numeric>

#include "tacit/core/error.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/core/stats.hpp"
#include "tacit/model/knowledge.hpp"
#include "tacit/model/transfer.hpp"

namespace tacit::model {

namespace {
constexpr std::size_t k_block = core::k_reduction_block;

std::size_t num_blocks(std::size_t n) { return (n + k_block - 1) / k_block; }
}  // namespace

Simulation::Simulation(const network::Network& network, const ModelParams& params,
                       RunOptions options)
    : m_network(network), m_params(params), m_options(options) {
  const std::uint32_t n = network.num_nodes();
  initialize_knowledge(m_population, n, params.knowledge, options.seed);
  m_order.resize(n);
  std::iota(m_order.begin(), m_order.end(), 0u);
  m_partner.assign(n, 0);
  m_learned.assign(n, 0);
  if (options.activation == Activation::synchronous) m_snapshot.resize(n, params.knowledge.topics);
  m_block_gain.assign(num_blocks(n), 0.0);
  m_block_exchanges.assign(num_blocks(n), 0);
  m_stock.resize(n);
  if (m_options.threads == 0) m_options.threads = 1;
}

Simulation::Simulation(const network::Network& network, const ModelParams& params,
                       RunOptions options, const KnowledgeMatrix& initial_knowledge)
    : Simulation(network, params, options) {
  if (initial_knowledge.rows() != m_population.knowledge.rows() ||
      initial_knowledge.cols() != m_population.knowledge.cols())
    throw Error("initial knowledge must be agents x topics (" + std::to_string(network.num_nodes()) + " x " +
                std::to_string(params.knowledge.topics) + ")");
  m_population.knowledge = initial_knowledge;
}

const std::vector<std::string>& Simulation::metric_names() {
  static const std::vector<std::string> names = {
      "knowledge_mean",         "knowledge_variance",    "knowledge_cv",
      "knowledge_gini",         "variance_between_teams", "variance_within_teams",
      "exchanges",              "knowledge_gained",
  };
  return names;
}

void Simulation::run(Observer& observer) {
  observer.on_run_start(*this);
  observer.on_tick_end(*this, m_tick);
  while (m_tick < m_options.ticks) {
    step();
    observer.on_tick_end(*this, m_tick);
  }
  observer.on_run_end(*this);
}

void Simulation::step() {
  ++m_tick;
  choose_partners();
  apply_transfers();
}

void Simulation::choose_partners() {
  const auto n = static_cast<std::int64_t>(m_network.num_nodes());
  const std::uint64_t seed = m_options.seed;
  const std::uint32_t tick = m_tick;
#pragma omp parallel for num_threads(m_options.threads) schedule(static)
  for (std::int64_t s = 0; s < n; ++s) {
    const auto i = static_cast<std::uint32_t>(s);
    const std::uint32_t degree = m_network.degree(i);
    if (degree == 0) {
      m_partner[i] = i;
      continue;
    }
    Rng rng(seed, Stream::agent, tick, i);
    m_partner[i] = m_network.neighbours(i)[rng.below(degree)];
  }

  if (m_options.activation == Activation::random) {
    // Fisher–Yates from the identity, so the order of tick t depends on (seed, t) only.
    std::iota(m_order.begin(), m_order.end(), 0u);
    Rng rng(seed, Stream::schedule, tick);
    for (std::size_t i = m_order.size(); i > 1; --i)
      std::swap(m_order[i - 1], m_order[rng.below(i)]);
  }
}

void Simulation::apply_transfers() {
  auto& k = m_population.knowledge;
  const auto topics = static_cast<std::size_t>(k.cols());
  const float alpha = static_cast<float>(m_params.transfer.absorptive_capacity);
  const std::size_t n = m_order.size();
  std::fill(m_block_gain.begin(), m_block_gain.end(), 0.0);
  std::fill(m_block_exchanges.begin(), m_block_exchanges.end(), 0u);

  auto learn = [&](std::uint32_t i, const float* giver_row) {
    const std::uint32_t j = m_partner[i];
    m_learned[i] = 0;
    if (j == i) return;
    const double gained = absorb({k.row(i).data(), topics}, {giver_row, topics}, alpha);
    if (gained > 0.0) {
      const std::size_t b = i / k_block;
      m_block_gain[b] += gained;
      m_block_exchanges[b] += 1;
      m_population.received[i] += 1;
      m_population.gained[i] += gained;
      m_learned[i] = 1;
    }
  };

  if (m_options.activation == Activation::synchronous) {
    m_snapshot = k;
    const auto blocks = static_cast<std::int64_t>(m_block_gain.size());
    // Parallel over fixed blocks: each agent writes only its own row and its block's sums.
#pragma omp parallel for num_threads(m_options.threads) schedule(static)
    for (std::int64_t b = 0; b < blocks; ++b) {
      const std::size_t end = std::min(n, static_cast<std::size_t>(b + 1) * k_block);
      for (std::size_t s = static_cast<std::size_t>(b) * k_block; s < end; ++s) {
        const auto i = static_cast<std::uint32_t>(s);
        learn(i, m_snapshot.row(m_partner[i]).data());
      }
    }
  } else {
    for (const std::uint32_t i : m_order) learn(i, k.row(m_partner[i]).data());
  }
  // "gave" is counted serially afterwards: in synchronous mode several threads may learn from
  // the same giver at once.
  for (std::uint32_t i = 0; i < n; ++i)
    if (m_learned[i]) m_population.gave[m_partner[i]] += 1;
  m_tick_gain = 0.0;
  m_tick_exchanges = 0;
  for (std::size_t b = 0; b < m_block_gain.size(); ++b) {
    m_tick_gain += m_block_gain[b];
    m_tick_exchanges += m_block_exchanges[b];
  }
}

std::span<const double> Simulation::metrics() const {
  if (m_metrics_tick != m_tick) {
    compute_metrics();
    m_metrics_tick = m_tick;
  }
  return m_metrics;
}

void Simulation::compute_metrics() const {
  const std::uint32_t n = m_population.size();
  for (std::uint32_t i = 0; i < n; ++i) m_stock[i] = knowledge_stock(m_population, i);
  const core::VarianceSplit split =
      core::variance_by_group(m_stock, m_network.team(), m_network.num_teams());
  const double mean = core::mean(m_stock);
  m_metrics = {
      mean,
      split.total,
      core::coefficient_of_variation(m_stock),
      core::gini(m_stock, m_scratch),
      split.between,
      split.within,
      static_cast<double>(m_tick == 0 ? 0 : m_tick_exchanges),
      m_tick == 0 ? 0.0 : m_tick_gain,
  };
}

}  // namespace tacit::model
