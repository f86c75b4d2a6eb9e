#pragma once
// Simulation: the tick loop. Built from a network (immutable), model parameters and run
// options; owns the population state; reports through an Observer.
//
// One tick (docs/MODEL.md, Process overview and scheduling):
//   1. partner choice — every agent draws a uniformly random neighbour from its own stream
//      Rng(seed, agent, tick, i); done in parallel, it does not depend on order or threads;
//   2. transfer — in activation order, each agent learns from its partner (model/transfer).
//      random / fixed: sequential, each agent sees the updates made before it this tick;
//      synchronous: every agent learns from the state at the start of the tick (two-phase),
//      in parallel, since each agent writes only its own row.
// Results are byte-identical for a given seed whatever the thread count.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tacit/model/observer.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

struct RunOptions {
  std::uint64_t seed = 0;
  std::uint32_t ticks = 100;
  Activation activation = Activation::random;
  std::uint32_t threads = 1;  ///< worker threads inside a tick; never changes results
};

class Simulation {
 public:
  Simulation(const network::Network& network, const ModelParams& params, RunOptions options);
  /// As above, but starting from the given knowledge levels (agents x topics) instead of
  /// drawing them: for tests and for set-ups that prescribe the initial state.
  Simulation(const network::Network& network, const ModelParams& params, RunOptions options,
             const KnowledgeMatrix& initial_knowledge);

  /// Reports tick 0 (the initial state), then steps until options().ticks.
  void run(Observer& observer);
  /// Advances one tick.
  void step();

  std::uint32_t tick() const { return m_tick; }
  const network::Network& network() const { return m_network; }
  const ModelParams& params() const { return m_params; }
  const RunOptions& options() const { return m_options; }
  const Population& population() const { return m_population; }

  /// Names of the per-tick metrics, in column order (docs/OUTPUTS.md, timeseries.csv).
  static const std::vector<std::string>& metric_names();
  /// Metric values of the current tick, computed on first request and cached for the tick.
  std::span<const double> metrics() const;

  /// The order agents acted in during the last tick (for tests of the activation order).
  std::span<const std::uint32_t> last_order() const { return m_order; }
  /// The partner each agent learned from during the last tick (itself when isolated).
  std::span<const std::uint32_t> last_partners() const { return m_partner; }

 private:
  void choose_partners();
  void apply_transfers();
  void compute_metrics() const;

  const network::Network& m_network;
  ModelParams m_params;
  RunOptions m_options;
  Population m_population;
  std::uint32_t m_tick = 0;

  // Per-tick buffers, sized once: nothing is allocated inside the tick loop.
  std::vector<std::uint32_t> m_order;
  std::vector<std::uint32_t> m_partner;  ///< chosen neighbour, or the agent itself if isolated
  std::vector<std::uint8_t> m_learned;   ///< 1 where the agent gained knowledge this tick
  KnowledgeMatrix m_snapshot;            ///< synchronous activation reads from this copy
  std::vector<double> m_block_gain;      ///< per-block partial sums (fixed-block reduction)
  std::vector<std::uint32_t> m_block_exchanges;
  double m_tick_gain = 0.0;
  std::uint64_t m_tick_exchanges = 0;

  mutable std::vector<double> m_metrics;
  mutable std::uint32_t m_metrics_tick = UINT32_MAX;
  mutable std::vector<double> m_stock;
  mutable std::vector<double> m_scratch;
};

}  // namespace tacit::model
