#pragma once
// Learning submodel (docs/MODEL.md, Learning): how agents revise their strategy (cooperate =
// share, defect = refuse). Used by the sharing model, where each agent has its own rule
// (Population::learning_rule), and by the classic games (model/games), where every agent uses
// GameParams::update.
//
// Two families of rules:
// - Synchronous rules (fermi, pairwise, imitate_best, repeat, mimic_majority,
//   win_stay_lose_shift, mimic_winners) read one snapshot of strategies and payoffs and write
//   every agent's next strategy; each agent revises with probability `rate`, drawing from its
//   own stream Rng(seed, learning, tick, agent). Results never depend on thread count.
// - Event rules (death_birth, birth_death, imitation; Ohtsuki et al. 2006) are sequences of
//   elementary events drawn from the tick's sequential stream Rng(seed, learning, tick,
//   k_event_stream); each event sees the strategies left by the events before it. Fitness is
//   f = max(0, 1 - w + w P), w = selection_intensity.
// Agents whose rule is `none` never change.

#include <cstdint>
#include <span>
#include <vector>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// Label of the per-tick sequential stream of the event rules: Rng(seed, learning, tick, this).
/// Agent streams use labels 0..n-1, which never reach it.
inline constexpr std::uint64_t k_event_stream = ~std::uint64_t{0};

/// True for death_birth, birth_death and imitation (applied as elementary events).
bool is_event_rule(LearningRule rule);
/// True for rules other than none that are applied synchronously.
bool is_synchronous_rule(LearningRule rule);

/// Fitness of the fitness-proportional rules: f = 1 - w + w P, clamped at 0 (negative fitness
/// has no meaning; keep w small enough that 1 - w + w P_min >= 0 for the weak-selection sense).
inline double fitness(double payoff, double w) {
  const double f = 1.0 - w + w * payoff;
  return f > 0.0 ? f : 0.0;
}

/// The learning rule of every agent: per_agent[i] (LearningRule values) when given, else `all`.
struct RuleMap {
  std::span<const std::uint8_t> per_agent;
  LearningRule all = LearningRule::none;
  LearningRule operator[](std::uint32_t i) const {
    return per_agent.empty() ? all : static_cast<LearningRule>(per_agent[i]);
  }
};

/// Normalization M of the pairwise rule: the largest possible payoff difference between x and
/// y. With bounds by degree (lo[k] <= P <= hi[k] for any agent of degree k; games fill them),
/// M(x, y) = max(hi[k_x], hi[k_y]) - min(lo[k_x], lo[k_y]); with empty spans, M = `constant`
/// (the sharing model passes the snapshot's range max P - min P).
struct PairwiseBound {
  std::span<const double> lo;  ///< indexed by degree, or empty
  std::span<const double> hi;  ///< indexed by degree, or empty
  double constant = 1.0;
  double operator()(std::uint32_t k_x, std::uint32_t k_y) const {
    if (lo.empty()) return constant;
    const double h = hi[k_x] > hi[k_y] ? hi[k_x] : hi[k_y];
    const double l = lo[k_x] < lo[k_y] ? lo[k_x] : lo[k_y];
    return h - l;
  }
};

/// Read-only elements of type T spaced `stride` bytes apart: a plain array, or one field of an
/// array of records (this tick's action and payoff are fields of Population::ledger; a game
/// passes its strategies and payoffs as plain arrays).
template <class T>
class FieldView {
 public:
  FieldView() = default;
  FieldView(std::span<const T> plain) : m_first(bytes(plain.data())), m_stride(sizeof(T)) {}
  template <class Record>
  FieldView(std::span<const Record> records, const T Record::*field)
      : m_first(records.empty() ? nullptr : bytes(&(records.front().*field))), m_stride(sizeof(Record)) {}
  T operator[](std::size_t i) const { return *reinterpret_cast<const T*>(m_first + i * m_stride); }

 private:
  static const unsigned char* bytes(const T* p) { return reinterpret_cast<const unsigned char*>(p); }
  const unsigned char* m_first = nullptr;
  std::size_t m_stride = sizeof(T);
};

/// The snapshot the synchronous rules read (all spans of the population's size except
/// `identified`, which may be empty: every neighbour visible).
struct RevisionInput {
  std::span<const std::uint8_t> strategy;     ///< k_cooperate / k_defect
  std::span<const double> payoff;             ///< P of fermi, pairwise, imitate_best
  FieldView<std::uint8_t> last_action;       ///< k_shared / k_refused / k_not_asked (heuristics)
  std::span<const std::uint8_t> identified;   ///< 1: the agent's last action is visible
  FieldView<double> tick_payoff;              ///< this tick's payoff (win-stay/lose-shift, mimic_winners)
};

/// Synchronous revision: next[i] := the strategy agent i adopts from the snapshot `in`.
/// Agents with rule none or an event rule keep in.strategy[i]. Agent i draws from
/// Rng(seed, learning, tick, i): if rate < 1, first a uniform (revise iff < rate); then
///   fermi:    a uniform neighbour y; if s_y != s_x, copy with p = 1 / (1 + exp(-s (P_y - P_x)));
///   pairwise: a uniform neighbour y; if s_y != s_x and P_y > P_x, copy with p = (P_y - P_x) / M;
///   imitate_best: (no draw) copy the neighbour with the highest P if it beats P_x strictly
///             (among equal best neighbours the lowest id);
///   repeat:   s := last action, if the agent acted;
///   mimic_majority: s := the majority last action of visible neighbours that acted (tie: keep);
///   win_stay_lose_shift: keep if tick_payoff >= aspiration, else switch;
///   mimic_winners: s := the action whose visible practitioners (neighbours) earned the higher
///             mean tick_payoff; both groups must be non-empty and the means differ, else keep.
/// Isolated agents keep their strategy under the neighbour rules. `next` must not alias
/// in.strategy. Parallel over agents with `threads` threads.
void revise_synchronous(const network::Network& network, const RuleMap& rules, const RevisionInput& in,
                        const LearningParams& params, double rate, const PairwiseBound& bound,
                        std::span<std::uint8_t> next, std::uint64_t seed, std::uint32_t tick,
                        unsigned threads);

/// Samples agents proportional to fitness (a Fenwick tree): O(log n) per sample and update.
class FitnessSampler {
 public:
  /// Resets to these fitness values (all >= 0).
  void assign(std::span<const double> fitness);
  /// Sets agent i's fitness.
  void set(std::uint32_t i, double fitness);
  double value(std::uint32_t i) const { return m_value[i]; }
  double total() const;
  /// An agent drawn with probability f_i / total (one uniform); uniform if the total is 0.
  std::uint32_t sample(Rng& rng) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(m_value.size()); }

 private:
  std::vector<double> m_value;
  std::vector<double> m_tree;  // 1-based Fenwick partial sums
  std::uint32_t m_top = 0;     // highest power of two <= size
};

/// Death–birth event at `focal`: it dies and its neighbours compete for the site with
/// probability proportional to fitness (one uniform; uniform among them if all have fitness 0).
/// Returns true if strategy[focal] changed. Isolated agents: nothing happens, nothing is drawn.
bool death_birth_event(const network::Network& network, std::span<std::uint8_t> strategy,
                       std::span<const double> payoff, double w, std::uint32_t focal, Rng& rng);

/// Imitation event at `focal`: it keeps its strategy or copies a neighbour's, choosing among
/// self and neighbours with probability proportional to fitness (one uniform).
/// Returns true if strategy[focal] changed.
bool imitation_event(const network::Network& network, std::span<std::uint8_t> strategy,
                     std::span<const double> payoff, double w, std::uint32_t focal, Rng& rng);

/// Returned by birth_death_event when no strategy changed.
inline constexpr std::uint32_t k_unchanged = ~std::uint32_t{0};

/// Birth–death event: a reproducer drawn from `sampler` (proportional to fitness) puts its
/// strategy into a uniform random neighbour, if that neighbour's rule is birth_death.
/// Draws: the reproducer (one uniform), then the neighbour (if it has any). Returns the agent
/// whose strategy changed, or k_unchanged.
std::uint32_t birth_death_event(const network::Network& network, const RuleMap& rules,
                                std::span<std::uint8_t> strategy, const FitnessSampler& sampler, Rng& rng);

/// Buffers revise_strategies reuses from tick to tick.
struct LearningScratch {
  std::vector<std::uint8_t> next;
  std::vector<double> fitness;
  FitnessSampler sampler;
};

/// Strategy revision of the sharing model at the end of a tick, each agent by its own rule
/// (pop.learning_rule), from pop.strategy, pop.payoff (running payoff), pop.identified and this
/// tick's last_action and tick_payoff in pop.ledger:
///  1. synchronous rules: revise_synchronous with learning.rate on the snapshot; the pairwise
///     M is the snapshot's payoff range max P - min P;
///  2. then, if any agent has death_birth or imitation: round(rate N) events from the tick's
///     sequential stream, each at a uniformly drawn agent, applied by that agent's rule (an agent
///     with another rule lets the event pass);
///  3. then, if any agent has birth_death: round(rate N) birth–death events on the same stream
///     (fitness from pop.payoff, fixed during the tick).
/// Each agent is thus the focus of `rate` revisions per tick on average, whatever its rule.
void revise_strategies(const network::Network& network, Population& pop, const LearningParams& params,
                       std::uint64_t seed, std::uint32_t tick, unsigned threads, LearningScratch& scratch);
/// As above with a thread-local scratch.
void revise_strategies(const network::Network& network, Population& pop, const LearningParams& params,
                       std::uint64_t seed, std::uint32_t tick, unsigned threads);

}  // namespace tacit::model
