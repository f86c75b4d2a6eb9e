#pragma once
// Simulation: the tick loop. Built from a network (immutable), model parameters and run
// options; owns the population and tie state; reports through an Observer.
//
// One tick of the sharing model (docs/MODEL.md §3):
//   1. needs and search — every agent draws its need and, if it has one, chooses whom to ask,
//      from its own request stream and the state at the start of the tick; in parallel, and
//      independent of order and thread count;
//   2. requests are served in activation order: decision to share, transfer, trust,
//      reputation and reciprocity, payoffs, innovation. random / fixed: each request sees the
//      updates of the requests served before it; synchronous: knowledge is read from the
//      start-of-tick snapshot (two-phase), requests applied in id order;
//   3. the enterprise social media step (model/esm), when a platform is introduced;
//   4. payoffs accumulate and agents revise strategies (learning).
// With game.kind != none a tick is one generation of the classic game instead (model/games).
// Results are byte-identical for a given seed whatever the thread count.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tacit/core/rng.hpp"
#include "tacit/model/esm.hpp"
#include "tacit/model/metrics.hpp"
#include "tacit/model/needs.hpp"
#include "tacit/model/observer.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/model/search.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// Whether the tick loops fetch memory ahead (prefetch the next asker's neighbours, request,
/// reader's feed entries). Never changes results; automatic fetches ahead when the population
/// is too large for the caches (core::worth_prefetching). The tests force both ways.
enum class FetchAhead : std::uint8_t { automatic, always, never };

struct RunOptions {
  std::uint64_t seed = 0;
  std::uint32_t ticks = 100;
  Activation activation = Activation::random;
  std::uint32_t threads = 1;  ///< worker threads inside a tick; never changes results
  FetchAhead fetch_ahead = FetchAhead::automatic;
};

/// Wall-clock seconds spent in each phase of the sharing tick, summed over the run (the
/// platform's parts: Esm::phase_seconds()).
struct PhaseSeconds {
  double draw_requests = 0.0, order = 0.0, serve = 0.0, esm = 0.0, settle = 0.0;
};

class Simulation {
 public:
  Simulation(const network::Network& network, const ModelParams& params, RunOptions options);

  /// Reports tick 0 (the initial state), then steps until options().ticks or, with
  /// game.stop = fixation, until one strategy has taken over.
  void run(Observer& observer);
  /// Advances one tick.
  void step();
  /// True when the run should stop before options().ticks (fixation in a game).
  bool finished() const;

  std::uint32_t tick() const { return m_tick; }
  const network::Network& network() const { return m_network; }
  const ModelParams& params() const { return m_params; }
  const RunOptions& options() const { return m_options; }
  const Population& population() const { return m_population; }
  const TieState& ties() const { return m_ties; }
  /// The enterprise social media platform (model/esm); inert when esm.introduction = none.
  const Esm& esm() const { return m_esm; }
  Esm& mutable_esm() { return m_esm; }
  /// Mutable state, for tests and set-ups that prescribe an initial state before the run.
  Population& mutable_population() { return m_population; }
  TieState& mutable_ties() { return m_ties; }

  /// Names of the per-tick metrics, in column order (docs/OUTPUTS.md, timeseries.csv).
  static const std::vector<std::string>& metric_names();
  /// Metric values of the current tick, computed on first request and cached for the tick.
  std::span<const double> metrics() const;
  /// What happened during the last tick.
  const TickCounters& counters() const { return m_counters; }
  /// Time spent in each phase so far (tacit-bench; never affects results).
  const PhaseSeconds& phase_seconds() const { return m_phase_seconds; }

  /// The order agents acted in during the last tick (for tests of the activation order).
  std::span<const std::uint32_t> last_order() const { return m_order; }
  /// The arc each agent asked along in the last tick (asker -> helper), or num_arcs() if it
  /// asked nobody.
  std::span<const network::ArcId> last_requests() const { return m_request; }
  /// The need each agent drew in the last tick.
  std::span<const Need> last_needs() const { return m_need; }

 private:
  void step_sharing();
  void step_game();
  /// Needs and searches; when shuffles_beside_searches(), also the activation order
  /// (shuffle_order), on one thread while the others search.
  void draw_requests();
  /// Whether the order is shuffled inside draw_requests: the searches run in blocks (fetching
  /// ahead) on two threads or more. Otherwise step_sharing shuffles it after them.
  bool shuffles_beside_searches() const;
  /// m_order for this tick (random activation; the identity stays otherwise).
  void shuffle_order();
  /// One request of phase 2, with what serving it looks up resolved in advance (a parallel
  /// pass), so the serving loop can prefetch a few requests ahead.
  struct Request {
    std::uint32_t asker = 0;
    std::uint32_t helper = 0;  ///< the asker itself when it has nobody to ask
    network::ArcId arc = 0;    ///< asker -> helper, or num_arcs()
    network::ArcId back = 0;   ///< helper -> asker
    std::int32_t topic = 0;
    bool complex = false;
    network::TieKind kind = network::TieKind::strong;  ///< of arc (when there is one)
    double gain = 0.0;  ///< knowledge the request moved (parallel rounds: summed afterwards in order)
  };
  void serve_all(bool from_snapshot);
  void prefetch(const Request& r, bool from_snapshot) const;
  /// Serves one request; returns the knowledge it moved (0 unless shared).
  double serve(const Request& r, bool from_snapshot, TickCounters& counters);
  void settle_payoffs_and_learn();

  const network::Network& m_network;
  ModelParams m_params;
  SearchTerms m_search_terms;  ///< of m_params
  std::vector<std::uint64_t> m_has_need;  ///< draw_requests: a bit per agent, whether it has a problem
  RunOptions m_options;
  Population m_population;
  TieState m_ties;
  Esm m_esm;
  std::uint32_t m_tick = 0;
  /// Seeds of this tick's request streams: Rng(seed, Stream::request, tick, b) for each b.
  SeedPrefix m_request_seeds{0, Stream::request, 0};
  bool m_any_learning = false;

  // Per-tick buffers, sized once: nothing is allocated inside the tick loop.
  std::vector<std::uint32_t> m_order;
  std::vector<Need> m_need;
  std::vector<network::ArcId> m_request;
  bool m_fetch_ahead = false;  ///< options().fetch_ahead resolved for this population
  KnowledgeMatrix m_snapshot_explicit;  ///< synchronous activation reads from these copies
  KnowledgeMatrix m_snapshot_tacit;
  std::vector<double> m_game_payoff;
  TickCounters m_counters;
  PhaseSeconds m_phase_seconds;
  // serve_all's rounds (reused; they reach their largest size in the first ticks).
  std::vector<Request> m_pending;                     ///< this tick's requests, in activation order
  std::vector<std::uint32_t> m_round_of;    ///< per request: its round within its half (1, 2, ...)
  std::vector<std::uint32_t> m_by_round;    ///< positions in m_pending, by round within each half
  /// The rounds of one half of m_pending, planned on its own thread (serve_all).
  struct RoundPlan {
    /// per agent: the last round that touches it, as base + round (at most base: none this
    /// tick), so nothing needs clearing between ticks
    std::vector<std::uint32_t> last_round;
    std::uint32_t base = 0;
    std::uint32_t rounds = 0;
    std::vector<std::uint32_t> round_start;  ///< rounds + 2: where each round ends in the half's m_by_round
  };
  std::array<RoundPlan, 2> m_round_plans;
  std::vector<std::uint64_t> m_asks;  ///< serving: bit i % 64 of word i / 64 = agent i has a problem
  std::vector<std::size_t> m_part_start;  ///< per thread: where its requests start in m_pending
  std::vector<std::vector<std::uint32_t>> m_part_askers;  ///< per thread: its part's askers in activation order
  std::vector<TickCounters> m_partial_counters;

  mutable std::vector<double> m_metrics;
  mutable std::uint32_t m_metrics_tick = UINT32_MAX;
  mutable MetricsScratch m_scratch;
};

}  // namespace tacit::model
