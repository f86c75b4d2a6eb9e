#pragma once
// An experiment: a base scenario, a design (points of overrides), replications, a root seed
// and what to keep of each run. Loaded from YAML by a strict loader (errors as
// "file:line:col: what is wrong; what is allowed", all at once, like the scenario loader);
// the format is documented in docs/EXPERIMENTS.md.
//
// Call order: load_experiment (or parse_experiment) → set_root_seed (the file's seed, a
// journal's, or a drawn one; builds a Latin hypercube, which may depend on it) → runs.
//
// Seeding rule (the reproducibility contract): run r (r = point · replications + replicate,
// in design order) runs the base scenario with the point's overrides and
// seed = derive_seed(root, Stream::experiment, r) — or, with common_seeds: true,
// derive_seed(root, Stream::experiment, replicate), the same for every point. So
// `tacit run BASE.yaml --set k=v ... --seed S` reproduces any run alone.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tacit/experiment/design.hpp"

namespace tacit::experiment {

/// How the design was given in the file.
enum class DesignKind : std::uint8_t {
  single,  ///< no design key: the base scenario alone (with replications)
  grid,    ///< factors: full factorial grid
  runs,    ///< runs: an explicit list of override maps
  lhs,     ///< lhs: Latin hypercube
  csv,     ///< design_csv: one row per point
};

/// "single", "factors", "runs", "lhs", "design_csv".
const char* design_kind_name(DesignKind kind);

/// One dimension of a Latin hypercube: a numeric scenario key and its interval.
struct LhsRange {
  std::string key;
  double low = 0.0;
  double high = 1.0;
  bool integer = false;  ///< integer key: values floor(low + (high − low + 1)·u), ≤ high
};

struct LhsSpec {
  std::uint32_t n = 0;
  std::optional<std::uint64_t> seed;  ///< absent: derive_seed(root, Stream::experiment, 0, 1)
  std::vector<LhsRange> ranges;
};

/// Mean of each kept metric over ticks from..to (inclusive; tick 0 = initial state).
struct Window {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

struct KeepSpec {
  std::vector<std::string> final_metrics;        ///< runs.csv final.<m> columns (default: all)
  std::optional<Window> window;                  ///< runs.csv window.<m> columns when given
  std::optional<std::uint32_t> timeseries_every; ///< 0: no timeseries.csv; absent: the run's output.every
};

struct Experiment {
  std::string file;  ///< the experiment file as given ("" when parsed from text)
  std::string name;
  std::string description;
  std::string scenario_file;      ///< base scenario, absolute
  std::string scenario_text;      ///< its contents, read once
  std::string scenario_resolved;  ///< to_resolved_yaml of the base scenario alone
  std::optional<std::uint64_t> seed;
  std::string seed_source;  ///< "experiment", "drawn" or "journal" (after set_root_seed)
  std::uint32_t replications = 1;
  bool common_seeds = false;

  DesignKind kind = DesignKind::single;
  std::vector<Factor> factors;  ///< grid, levels as override text (ranges expanded)
  LhsSpec lhs;                  ///< lhs
  std::string design_csv;       ///< csv: the file, absolute
  std::string design_csv_text;  ///< csv: its contents
  Design design;                ///< the points (lhs: built by set_root_seed)

  KeepSpec keep;

  std::uint64_t num_points() const { return design.size(); }
  std::uint64_t num_runs() const { return design.size() * replications; }
};

/// Reads and checks the experiment file and its base scenario (relative paths are resolved
/// against the experiment file's folder). Throws InputFileError with every problem found.
Experiment load_experiment(const std::string& path);
/// As load_experiment, from text; `file_name` names it in messages and anchors relative paths.
Experiment parse_experiment(const std::string& text, const std::string& file_name);

/// Fixes the root seed and builds what depends on it (a Latin hypercube without its own seed).
void set_root_seed(Experiment& experiment, std::uint64_t seed, std::string source);

/// The seed of run `run` (see the seeding rule above).
std::uint64_t run_seed(std::uint64_t root, std::uint64_t run, std::uint32_t replications,
                       bool common_seeds);

/// Overrides of run `run`: its point's "key=value" then "seed=S"; exactly the --set and --seed
/// of the `tacit run` that reproduces it.
std::vector<std::string> run_overrides(const Experiment& experiment, std::uint64_t run);

/// The experiment with every default filled, the seed set, ranges expanded and the base
/// scenario's path made absolute, as YAML that load_experiment reads back to the same runs
/// (experiment.resolved.yaml). Requires set_root_seed.
std::string resolved_yaml(const Experiment& experiment);

/// FNV-1a 64 (hex) of what determines the runs' results: the resolved experiment without
/// file paths, the base scenario's resolved YAML and the design CSV's contents. Shards of one
/// sweep share it; `tacit merge` and `--resume` check it.
std::string experiment_hash(const Experiment& experiment);

}  // namespace tacit::experiment
