#include "tacit/experiment/merge.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>

#include "tacit/core/error.hpp"
#include "tacit/experiment/csv.hpp"
#include "tacit/experiment/run_record.hpp"
#include "tacit/experiment/sweep.hpp"
#include "tacit/output/manifest.hpp"

namespace tacit::experiment {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// One data file of one shard, read a line at a time, with the run of the current line.
class LineCursor {
 public:
  LineCursor(const fs::path& path, const std::string& what) : m_path(path), m_in(path, std::ios::binary) {
    if (!m_in) throw InputError("cannot open " + quoted(path) + " (" + what + ")");
    if (!std::getline(m_in, m_header)) throw InputError(quoted(path) + " is empty: not a sweep output");
    advance();
  }
  const std::string& header() const { return m_header; }
  bool has() const { return m_has; }
  std::uint64_t run() const { return m_run; }
  const std::string& line() const { return m_line; }
  const fs::path& path() const { return m_path; }
  void advance() {
    m_has = false;
    if (!std::getline(m_in, m_line)) return;
    if (m_in.eof()) {
      throw InputError(quoted(m_path) + " ends in a partial line: its sweep did not finish; "
                       "resume it with tacit sweep ... --resume");
    }
    std::uint64_t run = 0;
    if (!run_of_line(m_line, run)) {
      throw InputError(quoted(m_path) + ": a line does not start with a run index: " + m_line.substr(0, 60));
    }
    if (m_seen && run < m_run) {
      throw InputError(quoted(m_path) + ": run " + std::to_string(run) + " comes after run " +
                       std::to_string(m_run) + "; a sweep writes its runs in order");
    }
    m_run = run;
    m_seen = true;
    m_has = true;
  }

 private:
  fs::path m_path;
  std::ifstream m_in;
  std::string m_header;
  std::string m_line;
  std::uint64_t m_run = 0;
  bool m_has = false;
  bool m_seen = false;
};

struct ShardDir {
  fs::path dir;
  SweepManifest manifest;
  std::unique_ptr<LineCursor> runs;
  std::unique_ptr<LineCursor> timeseries;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError("cannot open " + quoted(p));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

MergeSummary merge_sweeps(const std::vector<fs::path>& dirs, const fs::path& out_dir, bool force,
                          const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  const std::string start_time = output::utc_now();
  if (dirs.empty()) throw InputError("merge needs at least one sweep directory");

  std::vector<ShardDir> shards;
  std::error_code ec;
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir, ec)) throw InputError(quoted(dir) + " is not a directory");
    for (const auto& other : shards) {
      if (fs::equivalent(other.dir, dir, ec)) {
        throw InputError(quoted(dir) + " is given twice; give each shard's directory once");
      }
    }
    ShardDir s;
    s.dir = dir;
    s.manifest = read_sweep_manifest(dir);
    if (!s.manifest.complete) {
      throw InputError(quoted(dir) + " holds an incomplete sweep (shard " + s.manifest.shard +
                       "); finish it with tacit sweep ... --resume");
    }
    const SweepManifest& first = shards.empty() ? s.manifest : shards.front().manifest;
    if (s.manifest.experiment_hash != first.experiment_hash) {
      throw InputError(quoted(dir) + " is a sweep of a different experiment (hash " +
                       s.manifest.experiment_hash + ") than " + quoted(shards.front().dir) +
                       " (hash " + first.experiment_hash + "); merge shards of one experiment only");
    }
    s.runs = std::make_unique<LineCursor>(dir / "runs.csv", "runs.csv");
    if (s.manifest.timeseries) {
      s.timeseries = std::make_unique<LineCursor>(dir / "timeseries.csv", "timeseries.csv");
    }
    if (!shards.empty()) {
      if (s.runs->header() != shards.front().runs->header() ||
          s.manifest.timeseries != shards.front().manifest.timeseries ||
          (s.timeseries && s.timeseries->header() != shards.front().timeseries->header())) {
        throw InputError(quoted(dir) + " has other columns than " + quoted(shards.front().dir) +
                         "; were they written by different versions of tacit?");
      }
    }
    shards.push_back(std::move(s));
  }
  const SweepManifest& first = shards.front().manifest;
  const std::uint64_t total = first.runs;

  // The output directory, written through temporary names renamed at the end.
  if (fs::exists(out_dir, ec)) {
    if (!fs::is_directory(out_dir, ec)) {
      throw InputError("output path " + quoted(out_dir) + " exists and is not a directory; choose another -o");
    }
    for (const auto& s : shards) {
      if (fs::equivalent(s.dir, out_dir, ec)) {
        throw InputError("the output directory " + quoted(out_dir) + " is one of the inputs; choose another -o");
      }
    }
    if (!fs::is_empty(out_dir, ec)) {
      if (!force) {
        throw InputError("output directory " + quoted(out_dir) +
                         " is not empty; use --force to replace its sweep outputs, or choose another -o");
      }
      for (const char* name : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml",
                               "sweep.journal", "manifest.json"}) {
        fs::remove(out_dir / name, ec);
      }
    }
  }
  const bool created = !fs::exists(out_dir, ec);
  fs::create_directories(out_dir, ec);
  if (ec) throw Error("cannot create output directory " + quoted(out_dir) + ": " + ec.message());
  const std::string suffix = ".tmp-" + std::to_string(::getpid());
  const fs::path runs_tmp = out_dir / ("runs.csv" + suffix);
  const fs::path ts_tmp = out_dir / ("timeseries.csv" + suffix);
  // A failed merge leaves nothing behind: not its temporary files, nor the directory it created.
  struct Cleanup {
    std::vector<fs::path> paths;
    fs::path created_dir;
    bool armed = true;
    ~Cleanup() {
      std::error_code e;
      if (armed) {
        for (const auto& p : paths) fs::remove(p, e);
        if (!created_dir.empty()) fs::remove(created_dir, e);  // only if empty
      }
    }
  } cleanup{{runs_tmp, ts_tmp}, created ? out_dir : fs::path(), true};
  std::ofstream runs_out(runs_tmp, std::ios::binary);
  std::ofstream ts_out;
  if (first.timeseries) ts_out.open(ts_tmp, std::ios::binary);
  runs_out << shards.front().runs->header() << '\n';
  if (first.timeseries) ts_out << shards.front().timeseries->header() << '\n';

  // k-way merge: every shard's rows are in run order, so run r is at the head of exactly one.
  MergeSummary summary;
  summary.out_dir = out_dir;
  for (std::uint64_t r = 0; r < total; ++r) {
    ShardDir* owner = nullptr;
    for (auto& s : shards) {
      if (!s.runs->has() || s.runs->run() != r) continue;
      if (owner != nullptr) {
        throw InputError("run " + std::to_string(r) + " is in both " + quoted(owner->dir) + " and " +
                         quoted(s.dir) + "; each run must come from one shard");
      }
      owner = &s;
    }
    if (owner == nullptr) {
      throw InputError("run " + std::to_string(r) + " of " + std::to_string(total) +
                       " is in none of the directories; is a shard missing? (the sweep's runs "
                       "are split by --shard I/N; give every shard's directory)");
    }
    const std::string& line = owner->runs->line();
    const auto fields = split_csv_record(line);
    if (fields.size() > 4 && fields[4] == "failed") ++summary.failed;
    runs_out << line << '\n';
    if (owner->timeseries) {
      LineCursor& ts = *owner->timeseries;
      while (ts.has() && ts.run() == r) {
        ts_out << ts.line() << '\n';
        ts.advance();
      }
      if (ts.has() && ts.run() < r) {
        throw InputError(quoted(ts.path()) + " has rows of run " + std::to_string(ts.run()) +
                         ", which its runs.csv does not list");
      }
    }
    owner->runs->advance();
    ++summary.runs;
  }
  for (const auto& s : shards) {
    if (s.runs->has()) {
      throw InputError(quoted(s.dir / "runs.csv") + " has run " + std::to_string(s.runs->run()) +
                       " twice or beyond the sweep's " + std::to_string(total) + " runs");
    }
    if (s.timeseries && s.timeseries->has()) {
      throw InputError(quoted(s.dir / "timeseries.csv") + " has rows of run " +
                       std::to_string(s.timeseries->run()) + ", which its runs.csv does not list");
    }
  }
  runs_out.close();
  if (first.timeseries) ts_out.close();
  if (!runs_out || (first.timeseries && !ts_out)) {
    throw Error("writing the merged outputs in " + quoted(out_dir) + " failed (disk full?)");
  }

  write_file_atomically(out_dir / "experiment.resolved.yaml",
                        slurp(shards.front().dir / "experiment.resolved.yaml"));
  fs::rename(runs_tmp, out_dir / "runs.csv");
  if (first.timeseries) fs::rename(ts_tmp, out_dir / "timeseries.csv");
  cleanup.armed = false;

  SweepManifest m = first;
  m.command = command;
  m.shard = "merged";
  m.shard_runs = summary.runs;
  m.runs_ok = summary.runs - summary.failed;
  m.runs_failed = summary.failed;
  m.resumed_runs = 0;
  m.complete = true;
  m.jobs = 1;
  m.host = output::host_name();
  m.start_time = start_time;
  m.end_time = output::utc_now();
  m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& s : shards) m.merged_from.push_back(s.dir.string());
  write_file_atomically(out_dir / "manifest.json", manifest_json(m));
  return summary;
}

}  // namespace tacit::experiment
