#pragma once
// One run from a scenario file to a committed output directory: load and validate, resolve the
// seed, build the network, simulate, write every output atomically. Used by `tacit run` and,
// later, by sweeps; knows nothing of the command line.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tacit/model/observer.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/scenario/scenario.hpp"

namespace tacit::runner {

struct RunRequest {
  std::string scenario_path;
  std::vector<std::string> overrides;  ///< "key.path=value", validated like file values
  std::optional<std::uint64_t> seed;   ///< --seed (wins over the scenario's seed)
  std::optional<std::uint32_t> ticks;  ///< --ticks (wins over the scenario's ticks)
  std::filesystem::path out_dir;       ///< empty: out/<scenario name>
  bool force = false;
  std::uint32_t threads = 1;
  std::string command;                 ///< recorded in manifest.json
  model::Observer* extra_observer = nullptr;  ///< e.g. a progress bar
};

struct RunSummary {
  std::uint64_t seed = 0;
  std::string seed_source;  ///< "scenario", "--seed" or "drawn"
  std::string scenario_name;
  std::filesystem::path out_dir;
  std::vector<std::filesystem::path> files;
  std::uint32_t agents = 0;
  std::uint64_t ties = 0;
  std::uint32_t ticks = 0;
  double wall_seconds = 0.0;
  std::vector<std::string> metric_names;
  std::vector<double> final_metrics;
  bool esm = false;  ///< the scenario introduces a platform (esm.introduction != none)
};

/// Runs the scenario. Throws InputError / InputFileError for bad input (before any file is
/// written), tacit::Error for runtime failures (no final file is left behind).
RunSummary execute(const RunRequest& request);

/// One run in memory, for sweeps: builds the network of `scenario` (its seed must be set) and
/// runs the simulation with `threads` threads, reporting to `observer`; writes no file.
/// Throws tacit::Error for runtime failures.
void simulate(const scenario::Scenario& scenario, model::Observer& observer, std::uint32_t threads = 1);

/// The simulation's options for `scenario` (its seed must be set): seed, ticks and activation
/// order from the scenario, `threads` threads.
model::RunOptions run_options(const scenario::Scenario& scenario, std::uint32_t threads);

/// Validates a scenario file (with overrides) without running it; throws like execute().
void validate(const std::string& scenario_path, const std::vector<std::string>& overrides = {});

}  // namespace tacit::runner
