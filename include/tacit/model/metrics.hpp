#pragma once
// Per-tick metrics (docs/OUTPUTS.md, timeseries.csv). Computed on demand from the state and
// the tick's counters; nothing here draws random numbers, so enabling outputs never changes a
// run.

#include <cstdint>
#include <string>
#include <vector>

#include "tacit/model/params.hpp"
#include "tacit/model/population.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

class Esm;

/// What happened during one tick (reset at its start).
struct TickCounters {
  std::uint64_t requests = 0;         ///< agents that had a problem and looked for help
  std::uint64_t shares = 0;           ///< requests answered by sharing
  std::uint64_t shares_strong = 0;    ///< ... over strong ties
  std::uint64_t shares_weak = 0;      ///< ... over weak ties
  std::uint64_t unanswered = 0;       ///< requests refused or with nobody to ask
  std::uint64_t tacit_transfers = 0;  ///< shares that moved tacit knowledge
  std::uint64_t innovations = 0;
  double gained = 0.0;                ///< knowledge gained by askers (and barter partners)
};

/// Column names, in order (after `tick`).
const std::vector<std::string>& metric_names();

/// Reusable buffers so that computing metrics allocates nothing after the first tick.
struct MetricsScratch {
  std::vector<double> stock;
  std::vector<double> values;
  std::vector<double> sort;
};

/// Fills `out` with metric_names().size() values for the current state.
void compute_metrics(const network::Network& net, const Population& pop, const TieState& ties, const Esm& esm,
                     const ModelParams& params, const TickCounters& counters, std::uint32_t tick,
                     MetricsScratch& scratch, std::vector<double>& out);

}  // namespace tacit::model
