#pragma once
// `tacit sweep`: every run of an experiment (or of one shard of it), N at a time, streamed to
// one output directory in run order, crash-safe and resumable (journal.hpp). The files and
// their columns are documented in docs/EXPERIMENTS.md:
//   runs.csv                  one row per run: ids, seed, status, error, factors, kept metrics
//   timeseries.csv            long format: run, tick, metrics (thinned; absent with every 0)
//   experiment.resolved.yaml  the experiment as run (seed set, defaults filled)
//   sweep.journal             finished runs, for --resume
//   manifest.json             provenance and counts, written when the sweep completes
// Outputs are byte-identical whatever the number of jobs, and a sweep that was killed and
// resumed writes the same bytes as one that was not.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tacit/experiment/experiment.hpp"
#include "tacit/experiment/journal.hpp"

namespace tacit::experiment {

/// Where a running sweep is (for a progress bar).
struct SweepProgress {
  std::uint64_t done = 0;    ///< runs of this shard finished, resumed ones included
  std::uint64_t failed = 0;  ///< of which failed
  std::uint64_t total = 0;   ///< runs of this shard
  std::uint64_t resumed = 0; ///< runs finished before this invocation
  double elapsed_seconds = 0.0;
};

struct SweepOptions {
  std::filesystem::path out_dir;  ///< empty: out/<experiment name>
  std::uint32_t jobs = 0;         ///< runs at once; 0: all cores
  Shard shard;
  bool resume = false;  ///< continue the sweep in out_dir (a fresh one when there is none)
  bool force = false;   ///< replace the sweep outputs in a non-empty out_dir
  std::string command;  ///< recorded in manifest.json
  std::function<void(const SweepProgress&)> progress;  ///< called from the calling thread
};

struct SweepSummary {
  std::string name;  ///< the experiment's
  std::uint64_t points = 0;
  std::uint32_t replications = 1;
  std::filesystem::path out_dir;
  std::uint64_t root_seed = 0;
  std::string seed_source;   ///< "experiment", "drawn" (printed by the CLI) or as journaled
  std::uint64_t total_runs = 0;  ///< of the whole experiment
  std::uint64_t shard_runs = 0;  ///< of this shard
  std::uint64_t resumed = 0;     ///< done before this invocation
  std::uint64_t failed = 0;      ///< failed runs of this shard, resumed ones included
  std::uint32_t jobs = 1;
  double wall_seconds = 0.0;
};

/// Runs the sweep. Throws InputError for unusable options or directories (before any run) and
/// tacit::Error for I/O failures; failed runs are recorded, never thrown.
SweepSummary run_sweep(Experiment& experiment, const SweepOptions& options);

/// manifest.json of a sweep or merged directory.
struct SweepManifest {
  std::string command;
  std::string sweep_name;
  std::string experiment_file;
  std::string scenario_file;
  std::string experiment_hash;
  std::uint64_t root_seed = 0;
  std::string seed_source;
  std::string design;  ///< design_kind_name
  std::vector<std::string> factors;
  std::uint64_t points = 0;
  std::uint32_t replications = 1;
  bool common_seeds = false;
  std::uint64_t runs = 0;        ///< of the whole experiment
  std::string shard;             ///< "I/N", or "merged"
  std::uint64_t shard_runs = 0;  ///< rows in this directory's runs.csv
  std::uint64_t runs_ok = 0;
  std::uint64_t runs_failed = 0;
  std::uint64_t resumed_runs = 0;
  bool complete = false;
  bool timeseries = false;
  std::uint32_t jobs = 1;
  std::string host;
  std::string start_time;
  std::string end_time;
  double wall_seconds = 0.0;
  std::vector<std::string> merged_from;  ///< merge only
};

/// The manifest as JSON (keys as in docs/EXPERIMENTS.md; tacit_version and git_commit added).
std::string manifest_json(const SweepManifest& manifest);
/// Reads the fields of DIR/manifest.json that merge checks (experiment_hash, runs, shard,
/// shard_runs, complete, timeseries, root_seed, ...). Throws InputError naming the file.
SweepManifest read_sweep_manifest(const std::filesystem::path& dir);

/// Writes `text` to `path` through a temporary file, fsync and rename: never half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace tacit::experiment
