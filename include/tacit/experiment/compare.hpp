#pragma once
// `tacit compare`: statistics of a sweep's runs.csv by group — per group n, mean, sd, t and
// percentile-bootstrap 95% intervals; each group against the first: difference of means with
// Welch's interval, Cohen's d, Cliff's delta, Welch's t-test and the Mann–Whitney U test, and
// with `paired` the paired t-test and the Wilcoxon signed-rank test. Formulas in statistics.hpp
// and docs/EXPERIMENTS.md.

#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "tacit/experiment/statistics.hpp"

namespace tacit::experiment {

/// The bootstrap's fixed seed: the same data always give the same interval.
inline constexpr std::uint64_t k_bootstrap_seed = 20240611;

struct CompareOptions {
  std::filesystem::path dir;         ///< a sweep (or merged) directory holding runs.csv
  /// Instead of `dir`: one sweep directory, or any number of `tacit run` directories (each one
  /// run; its final values are the last row of its timeseries.csv, `by` is a scenario key read
  /// from its scenario.resolved.yaml, default `name`, and runs pair by seed).
  std::vector<std::filesystem::path> dirs;
  std::string by;                    ///< factor column to group by; "": every factor together
  std::vector<std::string> metrics;  ///< "M" (final.M), "final.M" or "window.M"; empty: all final.*
  bool paired = false;  ///< pair runs by replicate (and the values of the other factors)
  std::uint32_t bootstrap = 10000;
  std::uint64_t bootstrap_seed = k_bootstrap_seed;
};

struct GroupStats {
  std::string label;
  std::size_t n = 0;  ///< runs with a value (ok status, not NaN)
  double mean = 0.0;
  double sd = 0.0;
  stats::Interval t_interval;
  stats::Interval bootstrap_interval;
};

/// One group against the reference (the first group).
struct Comparison {
  std::size_t group = 0;
  stats::WelchResult welch;
  double cohens_d = 0.0;
  double cliffs_delta = 0.0;
  stats::MannWhitneyResult mann_whitney;
  std::optional<std::size_t> pairs;  ///< with paired: the pairs found
  stats::PairedTResult paired_t;
  stats::WilcoxonResult wilcoxon;
};

struct MetricReport {
  std::string column;  ///< runs.csv column, e.g. "final.knowledge_mean"
  std::vector<GroupStats> groups;
  std::vector<Comparison> comparisons;  ///< groups 1.. against group 0
};

struct CompareReport {
  std::string by;  ///< what groups the runs ("point" factors joined, or the --by factor)
  std::uint64_t runs = 0;
  std::uint64_t failed = 0;  ///< left out
  bool paired = false;
  bool seeds_shared = true;  ///< with paired: every pair ran on the same seed
  std::vector<MetricReport> metrics;
};

/// Reads DIR/runs.csv (or the run directories) and computes the report. Throws InputError for a
/// missing file, factor or metric (with the available ones and "did you mean").
CompareReport compare_runs(const CompareOptions& options);

/// The same from the text of a runs.csv; `path` names it in messages.
CompareReport compare_runs_csv(std::istream& in, const std::filesystem::path& path,
                               const CompareOptions& options);

/// The report as aligned plain-text tables (stdout of `tacit compare`).
std::string render_compare_table(const CompareReport& report);
/// The report as CSV, one row per metric and group (columns in docs/EXPERIMENTS.md).
std::string render_compare_csv(const CompareReport& report);

}  // namespace tacit::experiment
