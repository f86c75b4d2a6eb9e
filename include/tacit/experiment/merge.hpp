#pragma once
// `tacit merge`: joins the output directories of the shards of one sweep into one directory
// whose runs.csv, timeseries.csv and experiment.resolved.yaml are byte-identical to those of
// the unsharded sweep. Checks that every directory is a complete sweep of the same experiment
// (same experiment hash) and that every run is there exactly once. Streams: memory does not
// grow with the number of runs.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace tacit::experiment {

struct MergeSummary {
  std::uint64_t runs = 0;
  std::uint64_t failed = 0;
  std::filesystem::path out_dir;
};

/// Merges `dirs` into `out_dir` (refused when non-empty unless `force`). Throws InputError
/// naming the directory and run for anything missing, doubled or mismatched.
MergeSummary merge_sweeps(const std::vector<std::filesystem::path>& dirs,
                          const std::filesystem::path& out_dir, bool force,
                          const std::string& command);

}  // namespace tacit::experiment
