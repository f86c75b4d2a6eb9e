#pragma once
// Internal to the experiment layer: the output side of a sweep, shared by the local thread
// pool (sweep.cpp) and the MPI driver (mpi_sweep.cpp). It prepares the directory (fresh or
// resumed), fixes the root seed, appends records strictly in run order, journals them after
// they are durable, and writes the manifest at the end.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "tacit/experiment/journal.hpp"
#include "tacit/experiment/run_record.hpp"
#include "tacit/experiment/sweep.hpp"

namespace tacit::experiment {

/// An exclusive flock(2) on a directory, held while the object lives: two sweeps writing one
/// directory (the same array task submitted twice, say) would interleave their rows.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  /// Throws InputError when another process holds the lock.
  explicit DirectoryLock(const std::filesystem::path& dir);
  DirectoryLock(DirectoryLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();

 private:
  int m_fd = -1;
};

class SweepOutput {
 public:
  /// Prepares options.out_dir and sets the experiment's root seed (the file's, the journal's
  /// when resuming, or drawn). Throws InputError for an unusable directory or a resume of a
  /// different experiment.
  SweepOutput(Experiment& experiment, const SweepOptions& options);

  /// Runs still to do in this shard.
  std::uint64_t pending() const { return m_shard_runs - m_done; }
  /// Run index of the i-th run still to do (i < pending(), in the order they must be written).
  std::uint64_t pending_run(std::uint64_t i) const {
    return (m_shard.index - 1) + (m_done_at_start + i) * m_shard.count;
  }
  /// Appends the record of the next run to do; records must come in pending order.
  void write(const RunRecord& record);
  /// Syncs the CSVs, then journals what was written since the last commit (at most every
  /// quarter second unless `now`).
  void commit(bool now);
  SweepProgress progress() const;
  /// Commits, writes manifest.json and returns the summary.
  SweepSummary finish(std::uint32_t jobs);

 private:
  Experiment& m_ex;
  SweepOptions m_options;
  std::filesystem::path m_dir;
  DirectoryLock m_lock;
  std::string m_hash;
  Shard m_shard;
  std::uint64_t m_shard_runs = 0;
  std::uint64_t m_done = 0;  ///< runs written (resumed ones included)
  std::uint64_t m_done_at_start = 0;
  std::uint64_t m_failed = 0;
  AppendFile m_runs;
  AppendFile m_timeseries;
  AppendFile m_journal;
  std::string m_pending_journal;  ///< lines for the runs written since the last commit
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_commit;
  std::string m_start_time;
};

/// Runs the pending runs of `out` on options.jobs threads (0: all cores) and finishes it.
SweepSummary run_local(const Experiment& experiment, SweepOutput& out, const SweepOptions& options);

}  // namespace tacit::experiment
