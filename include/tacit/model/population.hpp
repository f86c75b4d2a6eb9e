#pragma once
// The agents' state as structure of arrays: Eigen matrices for knowledge (agents x topics,
// row-major so an agent's topics are contiguous) and one vector per trait or counter, except
// where a request reads or writes fields together for a random agent: those share a record
// (Traits, Ledger; Tie per arc), one cache line instead of one per array. Per-tie state lives
// in TieState, parallel to the network's arcs. No per-agent heap objects.

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "tacit/core/huge_pages.hpp"

namespace tacit::model {

/// Knowledge levels: one row per agent, one column per topic.
using KnowledgeMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// An empty matrix sized rows x cols on memory advised for huge pages (core/huge_pages.hpp):
/// Eigen allocates without writing, so the advice comes before the first write.
inline void size_on_huge_pages(KnowledgeMatrix& m, Eigen::Index rows, Eigen::Index cols) {
  m.resize(rows, cols);
  core::advise_huge_pages(m.data(), static_cast<std::size_t>(m.size()) * sizeof(float));
}

/// Values of Population::strategy.
inline constexpr std::uint8_t k_defect = 0;
inline constexpr std::uint8_t k_cooperate = 1;
/// Values of Population::last_action.
inline constexpr std::uint8_t k_refused = 0;
inline constexpr std::uint8_t k_shared = 1;
inline constexpr std::uint8_t k_not_asked = 2;

/// The traits an agent draws at initialization (model/population, from its persona's
/// AgentTraits) that requests read. One record per agent rather than one array per trait: a
/// request reads nearly all of them for a random giver, and one cache line then holds them all.
struct alignas(32) Traits {
  float altruism = 0.0f;
  float recognition = 0.0f;
  float reciprocity = 0.0f;
  float learning_motive = 0.0f;
  float sharing_cost = 0.0f;
  float absorptive_capacity = 0.0f;
  float visibility = 0.0f;
  std::uint8_t decision = 0;  ///< DecisionRule
  friend bool operator==(const Traits&, const Traits&) = default;
};

/// What a request writes of an agent, in one record of one cache line: its counters and the
/// knowledge it gained over the run, and its payoff and action this tick. A request updates
/// several of these of its asker and of its helper together; as separate arrays they cost a
/// random line each (docs/PERFORMANCE.md, "One line per agent for what a request writes").
struct alignas(64) Ledger {
  std::uint32_t asked = 0;               ///< requests this agent received
  std::uint32_t helped = 0;              ///< requests it answered by sharing
  std::uint32_t requests = 0;            ///< requests it made
  std::uint32_t received = 0;            ///< requests of its that were answered
  std::uint32_t unanswered = 0;          ///< requests of its that were refused or found nobody
  std::uint32_t innovations = 0;         ///< innovations it produced
  std::uint32_t last_helped_tick = 0;    ///< 0 = never
  std::uint32_t last_received_tick = 0;  ///< 0 = never
  double gained = 0.0;                   ///< total knowledge gained by transfer
  // This tick's, from serving until the tick settles (model/learning reads them), then cleared.
  double tick_payoff = 0.0;                ///< payoff earned this tick
  std::uint8_t last_action = k_not_asked;  ///< k_shared, k_refused or k_not_asked
  friend bool operator==(const Ledger&, const Ledger&) = default;
};
static_assert(sizeof(Ledger) == 64);

struct Population {
  // Knowledge (model/knowledge).
  KnowledgeMatrix explicit_knowledge;  ///< codified, transferable over any tie
  KnowledgeMatrix tacit_knowledge;     ///< moves only over trusted strong ties
  std::uint32_t interests_per_agent = 0;
  std::vector<std::uint16_t> interests;  ///< agents x interests_per_agent topic ids, flat

  // Traits drawn at initialization (model/population, from personas).
  std::vector<std::uint16_t> persona;  ///< index into ModelParams::population.personas
  std::vector<Traits> traits;          ///< motives, capacity, decision rule (one record each)
  std::vector<float> adoption_threshold;   ///< ESM: exposure needed to adopt (count or fraction)
  std::vector<float> relevance_threshold;  ///< ESM: churn when the platform's pull stays below
  std::vector<std::uint8_t> identified;     ///< 1: contribution behaviour visible (organization.transparency)
  std::vector<std::uint8_t> learning_rule;  ///< LearningRule

  // Behaviour and its consequences.
  std::vector<std::uint8_t> strategy;  ///< k_cooperate or k_defect
  std::vector<std::int8_t> image;      ///< image score (model/reputation)
  std::vector<double> payoff;          ///< running payoff (model/learning)

  // Counters, knowledge gained, this tick's payoff and action (one record each).
  std::vector<Ledger> ledger;

  std::uint32_t size() const { return static_cast<std::uint32_t>(explicit_knowledge.rows()); }
  std::uint32_t topics() const { return static_cast<std::uint32_t>(explicit_knowledge.cols()); }
};

/// State of one directed tie (arc). The three are read and written together (a request reads
/// trust and balance on both arcs between asker and helper), so they share a record: one cache
/// line instead of three for a random arc.
struct Tie {
  float trust_r = 0.0f;  ///< beta-reputation positive evidence of source about target
  float trust_s = 0.0f;  ///< negative evidence
  float balance = 0.0f;  ///< favours source gave target minus favours it received from target
  friend bool operator==(const Tie&, const Tie&) = default;
};

/// Per directed tie (arc) state, parallel to network::Network's arc arrays.
struct TieState {
  std::vector<Tie> arc;
};

}  // namespace tacit::model
