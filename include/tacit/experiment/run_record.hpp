#pragma once
// One run of a sweep, executed in memory and turned into the text of its output rows. The same
// function serves the local thread pool and the MPI workers, so every way of running a sweep
// writes the same bytes. Column meanings: docs/EXPERIMENTS.md.

#include <cstdint>
#include <string>

#include "tacit/experiment/experiment.hpp"

namespace tacit::experiment {

/// What a sweep keeps of one run: its lines of runs.csv and timeseries.csv.
struct RunRecord {
  std::uint64_t run = 0;
  bool failed = false;
  std::string runs_row;    ///< one runs.csv line, ending in '\n'
  std::string timeseries;  ///< its timeseries.csv lines ("" when failed or not kept)
};

/// runs.csv header: run, point, replicate, seed, status, error, the factor keys,
/// final.<metric>..., window.<metric>... (window columns only with keep.window).
std::string runs_header(const Experiment& experiment);
/// timeseries.csv header: run, tick, then the metrics of Simulation::metric_names().
std::string timeseries_header();
/// False when keep.timeseries_every is 0 (no timeseries.csv).
bool keeps_timeseries(const Experiment& experiment);

/// Runs run `run` (1 thread inside) and formats its rows. Never throws for a failing run: a bad
/// override value or a runtime error gives status "failed" and the message in `error`.
RunRecord execute_run(const Experiment& experiment, std::uint64_t run);

/// Index of the run a runs.csv or timeseries.csv data line belongs to (its first field);
/// false when the line does not start with an unsigned integer and a comma.
bool run_of_line(const std::string& line, std::uint64_t& run);

}  // namespace tacit::experiment
