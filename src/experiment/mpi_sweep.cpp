// The MPI driver of a sweep (built with -DTACIT_MPI=ON). Protocol, all point to point on
// MPI_COMM_WORLD between rank 0 and each worker w:
//   w → 0  ready   (no payload)                 once, at the start
//   0 → w  work    (the run index, uint64)      one run to do
//   w → 0  result  (the serialized RunRecord)   its rows; also asks for the next run
//   0 → w  stop    (no payload)                 no run left
// Rank 0 hands runs out in run order, at most 4 per worker ahead of the oldest unwritten one,
// keeps finished ones until every earlier run is written (SweepOutput writes in order), so
// memory stays bounded and the bytes equal a local sweep's.

#include "tacit/experiment/mpi_sweep.hpp"

#include <mpi.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <vector>

#include "sweep_output.hpp"
#include "tacit/core/error.hpp"

namespace tacit::experiment {

namespace {

enum Tag : int { k_ready = 1, k_work = 2, k_result = 3, k_stop = 4 };

void put_u64(std::string& out, std::uint64_t x) {
  char b[8];
  std::memcpy(b, &x, 8);
  out.append(b, 8);
}

std::uint64_t get_u64(const std::vector<char>& in, std::size_t& at) {
  std::uint64_t x = 0;
  if (at + 8 > in.size()) throw Error("MPI: truncated result message");
  std::memcpy(&x, in.data() + at, 8);
  at += 8;
  return x;
}

std::string serialize(const RunRecord& r) {
  std::string out;
  put_u64(out, r.run);
  put_u64(out, r.failed ? 1 : 0);
  put_u64(out, r.runs_row.size());
  out += r.runs_row;
  put_u64(out, r.timeseries.size());
  out += r.timeseries;
  return out;
}

RunRecord deserialize(const std::vector<char>& in) {
  RunRecord r;
  std::size_t at = 0;
  r.run = get_u64(in, at);
  r.failed = get_u64(in, at) != 0;
  for (std::string* s : {&r.runs_row, &r.timeseries}) {
    const std::uint64_t n = get_u64(in, at);
    if (at + n > in.size()) throw Error("MPI: truncated result message");
    s->assign(in.data() + at, n);
    at += n;
  }
  return r;
}

// MPI_Init on construction, MPI_Finalize on destruction (each once per process).
struct MpiSession {
  MpiSession() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) MPI_Init(nullptr, nullptr);
  }
  ~MpiSession() {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
};

// A failure after the workers started: they wait for messages that will never come.
[[noreturn]] void abort_all(int rank, const char* what) {
  std::fprintf(stderr, "tacit: error: MPI rank %d: %s\n", rank, what);
  MPI_Abort(MPI_COMM_WORLD, static_cast<int>(ExitCode::runtime_failure));
  std::abort();
}

void work(const Experiment& ex) {
  MPI_Send(nullptr, 0, MPI_BYTE, 0, k_ready, MPI_COMM_WORLD);
  while (true) {
    MPI_Status status;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == k_stop) {
      MPI_Recv(nullptr, 0, MPI_BYTE, 0, k_stop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      return;
    }
    std::uint64_t run = 0;
    MPI_Recv(&run, 1, MPI_UINT64_T, 0, k_work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const std::string bytes = serialize(execute_run(ex, run));
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
      throw Error("run " + std::to_string(run) + " kept more than 2 GB of rows; use a larger timeseries_every");
    }
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, k_result, MPI_COMM_WORLD);
  }
}

SweepSummary dispatch(SweepOutput& out, int workers, const SweepOptions& options) {
  const std::uint64_t total = out.pending();
  const std::uint64_t window = 4ull * static_cast<std::uint64_t>(workers);
  std::uint64_t next = 0;
  std::uint64_t written = 0;
  int stopped = 0;
  std::map<std::uint64_t, RunRecord> ready;    // position in the pending list -> record
  std::map<int, std::uint64_t> outstanding;    // worker -> position of its run
  std::vector<int> idle;                       // workers waiting for the window to move

  auto give = [&](int w) {
    if (next < total && next < written + window) {
      const std::uint64_t run = out.pending_run(next);
      outstanding[w] = next++;
      MPI_Send(&run, 1, MPI_UINT64_T, w, k_work, MPI_COMM_WORLD);
    } else if (next >= total) {
      MPI_Send(nullptr, 0, MPI_BYTE, w, k_stop, MPI_COMM_WORLD);
      ++stopped;
    } else {
      idle.push_back(w);
    }
  };

  if (options.progress) options.progress(out.progress());
  std::vector<char> buffer;
  while (stopped < workers) {
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    buffer.resize(static_cast<std::size_t>(count));
    const int w = status.MPI_SOURCE;
    MPI_Recv(buffer.data(), count, MPI_BYTE, w, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (status.MPI_TAG == k_result) {
      ready.emplace(outstanding.at(w), deserialize(buffer));
      outstanding.erase(w);
      bool moved = false;
      while (!ready.empty() && ready.begin()->first == written) {
        out.write(ready.begin()->second);
        ready.erase(ready.begin());
        ++written;
        moved = true;
      }
      if (moved) {
        out.commit(false);
        if (options.progress) options.progress(out.progress());
        std::vector<int> waiting;
        waiting.swap(idle);
        for (int v : waiting) give(v);
      }
    }
    give(w);
  }
  if (written != total) throw Error("MPI: " + std::to_string(total - written) + " runs were not written");
  return out.finish(static_cast<std::uint32_t>(workers));
}

}  // namespace

bool mpi_available() { return true; }

MpiSweepResult run_sweep_mpi(const std::string& path, const SweepOptions& options) {
  MpiSession session;
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);

  // Rank 0 alone loads the experiment and prepares the directory; the others learn whether it
  // worked, and the root seed (which may have been drawn) and the experiment hash.
  std::optional<Experiment> ex;
  std::optional<SweepOutput> out;
  std::exception_ptr error;
  int status = 0;
  std::uint64_t seed = 0;
  char hash[17] = {};
  if (rank == 0) {
    try {
      ex = load_experiment(path);
      out.emplace(*ex, options);
      seed = *ex->seed;
      std::snprintf(hash, sizeof hash, "%s", experiment_hash(*ex).c_str());
    } catch (const InputError&) {
      status = static_cast<int>(ExitCode::bad_input);
      error = std::current_exception();
    } catch (...) {
      status = static_cast<int>(ExitCode::runtime_failure);
      error = std::current_exception();
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (status != 0) {
    if (rank == 0) std::rethrow_exception(error);
    return MpiSweepResult{false, status, {}};
  }
  MPI_Bcast(&seed, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  MPI_Bcast(hash, sizeof hash, MPI_CHAR, 0, MPI_COMM_WORLD);

  if (rank != 0) {
    try {
      ex = load_experiment(path);
      set_root_seed(*ex, seed, "mpi");
      if (experiment_hash(*ex) != hash) {
        throw InputError("the experiment (or its base scenario) this rank read differs from rank 0's "
                         "(hash " + experiment_hash(*ex) + ", rank 0: " + hash +
                         "); every rank must see the same files");
      }
      work(*ex);
    } catch (const std::exception& e) {
      abort_all(rank, e.what());
    }
    return MpiSweepResult{false, 0, {}};
  }

  MpiSweepResult result;
  result.root = true;
  try {
    result.summary = size == 1 ? run_local(*ex, *out, options) : dispatch(*out, size - 1, options);
  } catch (const std::exception& e) {
    if (size == 1) throw;
    abort_all(rank, e.what());
  }
  return result;
}

}  // namespace tacit::experiment
