#include "tacit/experiment/sweep.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "sweep_output.hpp"
#include "tacit/core/error.hpp"
#include "tacit/core/format.hpp"
#include "tacit/output/manifest.hpp"
#include "tacit/version.hpp"

namespace tacit::experiment {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_sweep_files = {"runs.csv", "timeseries.csv",
                                                "experiment.resolved.yaml", "sweep.journal",
                                                "manifest.json"};

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

void remove_sweep_files(const fs::path& dir) {
  std::error_code ec;
  for (const auto& name : k_sweep_files) fs::remove(dir / name, ec);
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string number(std::uint64_t x) { return std::to_string(x); }

}  // namespace

// ---- files -----------------------------------------------------------------------------------

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    AppendFile f(temp, 0, true);
    f.append(text);
    f.sync();
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw Error("cannot rename " + temp.string() + " to " + path.string() + ": " + ec.message());
  }
}

// ---- the directory lock ----------------------------------------------------------------------

DirectoryLock::DirectoryLock(const fs::path& dir) {
  m_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (m_fd < 0) throw Error("cannot open output directory " + quoted(dir) + ": " + std::strerror(errno));
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(m_fd);
    m_fd = -1;
    if (e == EWOULDBLOCK) {
      throw InputError("another tacit sweep is writing to " + quoted(dir) +
                       "; wait for it to end (or stop it), or choose another -o");
    }
    throw Error("cannot lock output directory " + quoted(dir) + ": " + std::strerror(e));
  }
}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

DirectoryLock::~DirectoryLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing the last descriptor releases the lock
}

// ---- manifest --------------------------------------------------------------------------------

std::string manifest_json(const SweepManifest& m) {
  std::string s = "{\n";
  auto field = [&](const char* key, const std::string& value, bool last = false) {
    s += "  \"";
    s += key;
    s += "\": " + value + (last ? "\n" : ",\n");
  };
  auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      out += json_string(items[i]);
    }
    return out + "]";
  };
  std::string wall;
  core::append_number(wall, m.wall_seconds);
  field("tacit_version", json_string(k_version));
  field("git_commit", json_string(k_git_commit));
  field("command", json_string(m.command));
  field("sweep_name", json_string(m.sweep_name));
  field("experiment_file", json_string(m.experiment_file));
  field("scenario_file", json_string(m.scenario_file));
  field("experiment_hash", json_string(m.experiment_hash));
  field("root_seed", number(m.root_seed));
  field("root_seed_string", json_string(number(m.root_seed)));
  field("seed_source", json_string(m.seed_source));
  field("seeding", json_string(m.common_seeds
                                   ? "seed = derive_seed(root_seed, Stream::experiment, replicate)"
                                   : "seed = derive_seed(root_seed, Stream::experiment, run)"));
  field("design", json_string(m.design));
  field("factors", list(m.factors));
  field("points", number(m.points));
  field("replications", number(m.replications));
  field("common_seeds", m.common_seeds ? "true" : "false");
  field("runs", number(m.runs));
  field("shard", json_string(m.shard));
  field("shard_runs", number(m.shard_runs));
  field("runs_ok", number(m.runs_ok));
  field("runs_failed", number(m.runs_failed));
  field("resumed_runs", number(m.resumed_runs));
  field("complete", m.complete ? "true" : "false");
  field("timeseries", m.timeseries ? "true" : "false");
  field("jobs", number(m.jobs));
  field("host", json_string(m.host));
  field("start_time", json_string(m.start_time));
  field("end_time", json_string(m.end_time));
  field("wall_seconds", wall);
  if (!m.merged_from.empty()) field("merged_from", list(m.merged_from));
  std::vector<std::string> files = {"runs.csv"};
  if (m.timeseries) files.push_back("timeseries.csv");
  files.push_back("experiment.resolved.yaml");
  if (m.merged_from.empty()) files.push_back("sweep.journal");
  files.push_back("manifest.json");
  field("files", list(files), true);
  return s + "}\n";
}

SweepManifest read_sweep_manifest(const fs::path& dir) {
  const fs::path path = dir / "manifest.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(quoted(dir) + " has no manifest.json: not a complete sweep directory" +
                     (fs::exists(dir / "sweep.journal")
                          ? " (its sweep was interrupted: finish it with tacit sweep ... --resume)"
                          : ""));
  }
  // The manifest is tacit's own: one "key": value per line.
  std::map<std::string, std::string> values;
  std::string line;
  while (std::getline(in, line)) {
    const auto q1 = line.find('"');
    if (q1 == std::string::npos) continue;
    const auto q2 = line.find('"', q1 + 1);
    const auto colon = line.find(": ", q2);
    if (q2 == std::string::npos || colon == std::string::npos) continue;
    std::string value = line.substr(colon + 2);
    if (!value.empty() && value.back() == ',') value.pop_back();
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    values[line.substr(q1 + 1, q2 - q1 - 1)] = value;
  }
  auto get = [&](const char* key) -> const std::string& {
    auto it = values.find(key);
    if (it == values.end()) {
      throw InputError(path.string() + " has no '" + key + "': not a tacit sweep manifest");
    }
    return it->second;
  };
  auto get_u64 = [&](const char* key) {
    try {
      return static_cast<std::uint64_t>(std::stoull(get(key)));
    } catch (const std::logic_error&) {
      throw InputError(path.string() + ": '" + key + "' is not a number");
    }
  };
  SweepManifest m;
  m.sweep_name = get("sweep_name");
  m.experiment_file = get("experiment_file");
  m.scenario_file = get("scenario_file");
  m.experiment_hash = get("experiment_hash");
  m.root_seed = get_u64("root_seed");
  m.seed_source = get("seed_source");
  m.design = get("design");
  m.points = get_u64("points");
  m.replications = static_cast<std::uint32_t>(get_u64("replications"));
  m.common_seeds = get("common_seeds") == "true";
  if (auto it = values.find("factors"); it != values.end() && it->second.size() > 2) {
    // ["a", "b"]: factor keys hold no quotes or commas.
    std::istringstream items(it->second.substr(1, it->second.size() - 2));
    std::string item;
    while (std::getline(items, item, ',')) {
      const auto b = item.find('"');
      const auto e = item.rfind('"');
      if (b != std::string::npos && e > b) m.factors.push_back(item.substr(b + 1, e - b - 1));
    }
  }
  m.runs = get_u64("runs");
  m.shard = get("shard");
  m.shard_runs = get_u64("shard_runs");
  m.runs_ok = get_u64("runs_ok");
  m.runs_failed = get_u64("runs_failed");
  m.complete = get("complete") == "true";
  m.timeseries = get("timeseries") == "true";
  return m;
}

// ---- the output side -------------------------------------------------------------------------

SweepOutput::SweepOutput(Experiment& ex, const SweepOptions& options)
    : m_ex(ex), m_options(options), m_shard(options.shard) {
  m_start = std::chrono::steady_clock::now();
  m_last_commit = m_start;
  m_start_time = output::utc_now();
  m_dir = options.out_dir.empty() ? fs::path("out") / ex.name : options.out_dir;
  const fs::path journal_path = m_dir / "sweep.journal";

  std::error_code ec;
  const bool exists = fs::exists(m_dir, ec);
  if (exists && !fs::is_directory(m_dir, ec)) {
    throw InputError("output path " + quoted(m_dir) + " exists and is not a directory; choose another -o");
  }
  if (!exists) {
    fs::create_directories(m_dir, ec);
    if (ec) throw Error("cannot create output directory " + quoted(m_dir) + ": " + ec.message());
  }
  // Before looking at what the directory holds: another sweep may be writing it.
  m_lock = DirectoryLock(m_dir);
  const bool empty = !exists || fs::is_empty(m_dir, ec);
  JournalReplay replay;
  bool resuming = false;
  if (options.resume && !options.force && fs::exists(journal_path, ec)) {
    replay = read_journal(journal_path);
    // A journal torn while it was created holds no run: start afresh.
    resuming = replay.has_header;
  } else if (options.resume && !options.force && !empty) {
    throw InputError("output directory " + quoted(m_dir) +
                     " holds no sweep.journal: there is no sweep to resume there; use --force to "
                     "start one over its outputs, or choose another -o");
  }
  if (!resuming && !empty) {
    if (!options.force && !options.resume) {
      throw InputError("output directory " + quoted(m_dir) +
                       " is not empty; use --force to replace its sweep outputs, --resume to "
                       "continue an interrupted sweep, or choose another -o");
    }
    remove_sweep_files(m_dir);
  }
  fs::create_directories(m_dir, ec);
  if (ec) throw Error("cannot create output directory " + quoted(m_dir) + ": " + ec.message());

  // The root seed: the file's; when resuming, the journal's (a seed drawn by the first
  // invocation); else drawn from the OS entropy source, never the clock.
  if (resuming) {
    if (ex.seed && *ex.seed != replay.header.seed) {
      throw InputError(quoted(m_dir) + " holds a sweep with root seed " +
                       std::to_string(replay.header.seed) + ", but the experiment's seed is " +
                       std::to_string(*ex.seed) + "; use --force to start over, or choose another -o");
    }
    if (!ex.seed) set_root_seed(ex, replay.header.seed, replay.header.seed_source);
  } else if (!ex.seed) {
    std::random_device device;
    set_root_seed(ex, (static_cast<std::uint64_t>(device()) << 32) ^ device(), "drawn");
  }
  m_hash = experiment_hash(ex);
  m_shard_runs = m_shard.size_of(ex.num_runs());
  const bool timeseries = keeps_timeseries(ex);

  if (!resuming) {
    write_file_atomically(m_dir / "experiment.resolved.yaml", resolved_yaml(ex));
    m_runs = AppendFile(m_dir / "runs.csv", 0, true);
    m_runs.append(runs_header(ex));
    m_runs.sync();
    if (timeseries) {
      m_timeseries = AppendFile(m_dir / "timeseries.csv", 0, true);
      m_timeseries.append(timeseries_header());
      m_timeseries.sync();
    }
    JournalHeader header{m_hash, *ex.seed, ex.seed_source, m_shard, m_runs.size(),
                         timeseries ? m_timeseries.size() : 0};
    m_journal = AppendFile(journal_path, 0, true);
    m_journal.append(journal_header_text(header));
    m_journal.sync();
    return;
  }

  const JournalHeader& h = replay.header;
  if (h.experiment_hash != m_hash) {
    throw InputError(quoted(m_dir) + " holds a sweep of a different experiment (hash " +
                     h.experiment_hash + "; this one is " + m_hash +
                     "): the experiment file, its base scenario or its design changed since; "
                     "use --force to start over, or choose another -o");
  }
  if (h.shard.index != m_shard.index || h.shard.count != m_shard.count) {
    throw InputError(quoted(m_dir) + " holds shard " + h.shard.str() + " of this sweep, not " +
                     m_shard.str() + "; resume it with --shard " + h.shard.str());
  }
  // The journaled runs must be the first runs of the shard, in order.
  std::uint64_t k = 0;
  read_journal(journal_path, [&](const JournalEntry& e) {
    const std::uint64_t expected = (m_shard.index - 1) + k * m_shard.count;
    if (e.run != expected || k >= m_shard_runs) {
      throw Error(journal_path.string() + ": run " + std::to_string(e.run) + " is journaled where run " +
                  std::to_string(expected) + " was expected; start the sweep over with --force");
    }
    ++k;
  });
  m_done = m_done_at_start = replay.entries;
  m_failed = replay.failed;
  const std::uint64_t runs_bytes = replay.last ? replay.last->runs_bytes : h.runs_bytes;
  const std::uint64_t ts_bytes = replay.last ? replay.last->timeseries_bytes : h.timeseries_bytes;
  // Cut what was written after the last journaled run (and a torn journal line).
  m_journal = AppendFile(journal_path, replay.valid_bytes, false);
  m_runs = AppendFile(m_dir / "runs.csv", runs_bytes, false);
  if (timeseries) m_timeseries = AppendFile(m_dir / "timeseries.csv", ts_bytes, false);
  fs::remove(m_dir / "manifest.json", ec);  // written again when the sweep completes
  if (!fs::exists(m_dir / "experiment.resolved.yaml", ec)) {
    write_file_atomically(m_dir / "experiment.resolved.yaml", resolved_yaml(ex));
  }
}

void SweepOutput::write(const RunRecord& record) {
  if (m_done >= m_shard_runs || record.run != pending_run(m_done - m_done_at_start)) {
    throw Error("internal error: run " + std::to_string(record.run) + " written out of order");
  }
  m_runs.append(record.runs_row);
  if (m_timeseries.is_open()) m_timeseries.append(record.timeseries);
  ++m_done;
  if (record.failed) ++m_failed;
  m_pending_journal += journal_entry_text(
      JournalEntry{record.run, record.failed, m_runs.size(), m_timeseries.is_open() ? m_timeseries.size() : 0});
}

void SweepOutput::commit(bool now) {
  if (m_pending_journal.empty()) return;
  const auto t = std::chrono::steady_clock::now();
  if (!now && t - m_last_commit < std::chrono::milliseconds(250)) return;
  // Data first, then the journal lines that point into it: a journaled row is always durable.
  m_runs.sync();
  if (m_timeseries.is_open()) m_timeseries.sync();
  m_journal.append(m_pending_journal);
  m_journal.sync();
  m_pending_journal.clear();
  m_last_commit = t;
}

SweepProgress SweepOutput::progress() const {
  SweepProgress p;
  p.done = m_done;
  p.failed = m_failed;
  p.total = m_shard_runs;
  p.resumed = m_done_at_start;
  p.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  return p;
}

SweepSummary SweepOutput::finish(std::uint32_t jobs) {
  commit(true);
  SweepSummary s;
  s.name = m_ex.name;
  s.points = m_ex.num_points();
  s.replications = m_ex.replications;
  s.out_dir = m_dir;
  s.root_seed = *m_ex.seed;
  s.seed_source = m_ex.seed_source;
  s.total_runs = m_ex.num_runs();
  s.shard_runs = m_shard_runs;
  s.resumed = m_done_at_start;
  s.failed = m_failed;
  s.jobs = jobs;
  s.wall_seconds = progress().elapsed_seconds;

  SweepManifest m;
  m.command = m_options.command;
  m.sweep_name = m_ex.name;
  m.experiment_file = m_ex.file;
  m.scenario_file = m_ex.scenario_file;
  m.experiment_hash = m_hash;
  m.root_seed = s.root_seed;
  m.seed_source = s.seed_source;
  m.design = design_kind_name(m_ex.kind);
  m.factors = m_ex.design.keys;
  m.points = m_ex.num_points();
  m.replications = m_ex.replications;
  m.common_seeds = m_ex.common_seeds;
  m.runs = s.total_runs;
  m.shard = m_shard.str();
  m.shard_runs = m_shard_runs;
  m.runs_ok = m_done - m_failed;
  m.runs_failed = m_failed;
  m.resumed_runs = m_done_at_start;
  m.complete = m_done == m_shard_runs;
  m.timeseries = m_timeseries.is_open();
  m.jobs = jobs;
  m.host = output::host_name();
  m.start_time = m_start_time;
  m.end_time = output::utc_now();
  m.wall_seconds = s.wall_seconds;
  write_file_atomically(m_dir / "manifest.json", manifest_json(m));
  return s;
}

// ---- the local thread pool -------------------------------------------------------------------

SweepSummary run_sweep(Experiment& ex, const SweepOptions& options) {
  SweepOutput out(ex, options);
  return run_local(ex, out, options);
}

SweepSummary run_local(const Experiment& ex, SweepOutput& out, const SweepOptions& options) {
  const std::uint64_t total = out.pending();
  std::uint32_t jobs = options.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  const auto workers_count = static_cast<std::uint32_t>(std::min<std::uint64_t>(jobs, std::max<std::uint64_t>(total, 1)));
  // Finished runs wait here until every earlier run is written; a worker takes a new run only
  // while fewer than `window` runs are running or waiting, so memory stays bounded. The writer
  // wakes for a batch of finished runs (or the last ones, or whatever is finished after 0.1 s),
  // not for every run: small runs take some 100 microseconds, and a wake-up per run kept a
  // third thread switching in and out (more than 10 % of a 10^5-run sweep on 2 cores). When
  // the window is full, window - workers >= wake_batch runs are finished: it wakes the writer.
  const std::uint64_t wake_batch = 32;
  const std::uint64_t window = 4ull * workers_count + 2 * wake_batch;

  std::mutex mutex;
  std::condition_variable work_cv;
  std::condition_variable done_cv;
  std::uint64_t next = 0;     // position in the pending list of the next run to start
  std::uint64_t written = 0;  // runs written so far
  bool stop = false;
  std::map<std::uint64_t, RunRecord> ready;

  // Under the mutex: the next run to write is finished, and a batch is (or the last runs are).
  auto writable = [&] { return ready.count(written) > 0 && (ready.size() >= wake_batch || next >= total); };
  auto worker = [&] {
    while (true) {
      std::uint64_t position = 0;
      {
        std::unique_lock lock(mutex);
        work_cv.wait(lock, [&] { return stop || next >= total || next < written + window; });
        if (stop || next >= total) return;
        position = next++;
      }
      RunRecord record = execute_run(ex, out.pending_run(position));
      bool wake = false;
      {
        std::lock_guard lock(mutex);
        ready.emplace(position, std::move(record));
        wake = writable();
      }
      if (wake) done_cv.notify_one();
    }
  };
  std::vector<std::thread> threads;
  auto stop_all = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    work_cv.notify_all();
    for (auto& t : threads) t.join();
    threads.clear();
  };

  if (options.progress) options.progress(out.progress());
  try {
    for (std::uint32_t i = 0; i < workers_count && total > 0; ++i) threads.emplace_back(worker);
    std::vector<RunRecord> batch;
    while (written < total) {
      {
        std::unique_lock lock(mutex);
        // Long runs: whatever is finished gets written within 0.1 s (progress, journal).
        while (!writable()) {
          if (done_cv.wait_for(lock, std::chrono::milliseconds(100)) == std::cv_status::timeout &&
              ready.count(written) > 0) {
            break;
          }
        }
        for (auto it = ready.find(written); it != ready.end() && it->first == written + batch.size();
             it = ready.erase(it)) {
          batch.push_back(std::move(it->second));
        }
      }
      for (const auto& record : batch) out.write(record);
      {
        std::lock_guard lock(mutex);
        written += batch.size();
      }
      work_cv.notify_all();
      batch.clear();
      out.commit(false);
      if (options.progress) options.progress(out.progress());
    }
  } catch (...) {
    stop_all();
    throw;
  }
  stop_all();
  return out.finish(workers_count);
}

}  // namespace tacit::experiment
