// The cluster scripts of docs/CLUSTER.md, run here without a scheduler: a Slurm or HTCondor
// submit file is a shell script whose #SBATCH lines are comments, so each array task is run
// locally with the variables the scheduler would set. The merged shards must be the bytes of a
// one-process sweep. Where OpenMPI is installed, the MPI batch script runs under mpirun too.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "experiment_fixtures.hpp"

using namespace tacit_test;

namespace {

const std::string k_experiment = R"(scenario: base.yaml
seed: 99
replications: 4
common_seeds: true
factors:
  organization.transparency: [0, 1]
  decision.indirect_reciprocity: [0, 0.5]
keep:
  final: [free_rider_fraction, share_rate]
  window: {from: 10, to: 30}
  timeseries_every: 4
)";

/// Runs a shell command line from the source directory; stdout and stderr captured.
Result shell(const std::filesystem::path& dir, const std::string& command) {
  const auto out = dir / "shell.out";
  const auto err = dir / "shell.err";
  const std::string cmd = cat({"cd '", TACIT_SOURCE_DIR, "' && ", command, " >", sh(out), " 2>", sh(err),
                               " </dev/null"});
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

void require_same_sweep(const std::filesystem::path& a, const std::filesystem::path& b) {
  for (const char* f : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml"}) {
    INFO(f);
    const std::string x = slurp(a / f);
    CHECK(!x.empty());
    CHECK(x == slurp(b / f));
  }
}

}  // namespace

TEST_CASE("the Slurm array script run task by task, then the merge script, give the one-process sweep",
          "[cluster]") {
  const auto dir = experiment_dir("slurm", k_experiment);
  REQUIRE(tacit("sweep " + sh(dir / "e.yaml") + " -q -j 1 -o " + sh(dir / "local")).code == 0);
  // --array=1-3 and --array=0-2 (Slurm numbers tasks as written); 3 shards of 16 runs.
  for (const int first : {1, 0}) {
    const std::string out = "out" + std::to_string(first);
    const std::string env = cat({"EXPERIMENT=", sh(dir / "e.yaml"), " OUT=", sh(dir / out), " TACIT='",
                                 TACIT_BINARY, "' SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=",
                                 std::to_string(first), " SLURM_ARRAY_TASK_MAX=", std::to_string(first + 2),
                                 " SLURM_CPUS_PER_TASK=2 "});
    for (int task = first; task < first + 3; ++task) {
      const auto r = shell(dir, cat({env, "SLURM_ARRAY_TASK_ID=", std::to_string(task),
                                     " bash scripts/cluster/slurm-array.sbatch"}));
      INFO("task " << task << ": " << r.err);
      REQUIRE(r.code == 0);
      // Task `first` is shard 1 of 3: runs 0, 3, 6, ...
      const int shard = task - first + 1;
      CHECK(slurp(dir / out / ("shard-" + std::to_string(shard)) / "manifest.json")
                .find("\"shard\": \"" + std::to_string(shard) + "/3\"") != std::string::npos);
    }
    const auto m = shell(dir, cat({"OUT=", sh(dir / out), " SHARDS=3 TACIT='", TACIT_BINARY,
                                   "' bash scripts/cluster/slurm-merge.sbatch"}));
    INFO(m.err);
    REQUIRE(m.code == 0);
    CHECK(m.out.find("merged 16 runs (0 failed) from 3 directories") != std::string::npos);
    require_same_sweep(dir / out / "merged", dir / "local");
  }

  SECTION("a requeued task resumes: its shard is left as it was") {
    const std::string env = cat({"EXPERIMENT=", sh(dir / "e.yaml"), " OUT=", sh(dir / "out1"), " TACIT='",
                                 TACIT_BINARY, "' SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 "
                                 "SLURM_ARRAY_TASK_MAX=3 SLURM_ARRAY_TASK_ID=2 "});
    const std::string before = slurp(dir / "out1/shard-2/runs.csv");
    REQUIRE(shell(dir, env + "bash scripts/cluster/slurm-array.sbatch").code == 0);
    CHECK(slurp(dir / "out1/shard-2/runs.csv") == before);
  }
  SECTION("a stepped array is refused, since task ids would not map to shards 1..N") {
    const auto r = shell(dir, cat({"EXPERIMENT=", sh(dir / "e.yaml"), " OUT=", sh(dir / "step"), " TACIT='",
                                   TACIT_BINARY, "' SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=0 "
                                   "SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_ID=2 bash scripts/cluster/slurm-array.sbatch"}));
    CHECK(r.code == 2);
    CHECK(r.err.find("--array must be a contiguous range such as 1-3 (got 0-4 for 3 tasks)") != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "step"));
  }
  SECTION("the merge script names a missing shard") {
    const auto r = shell(dir, cat({"OUT=", sh(dir / "out1"), " SHARDS=4 TACIT='", TACIT_BINARY,
                                   "' bash scripts/cluster/slurm-merge.sbatch"}));
    CHECK(r.code == 2);
    CHECK(r.err.find("shard-4") != std::string::npos);
  }
}

TEST_CASE("a sweep refuses a directory another sweep is writing (a task submitted twice)", "[cluster]") {
  const auto dir = experiment_dir("locked", k_experiment);
  const auto out = dir / "out" / "shard-1";
  std::filesystem::create_directories(out);
  // This process plays the other sweep: it holds the lock tacit sweep takes on its directory.
  const int fd = ::open(out.c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const std::string task = cat({"EXPERIMENT=", sh(dir / "e.yaml"), " OUT=", sh(dir / "out"), " TACIT='", TACIT_BINARY,
                                "' SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=2 "
                                "SLURM_ARRAY_TASK_ID=1 bash scripts/cluster/slurm-array.sbatch"});
  for (const char* extra : {"", " --force", " --resume"}) {
    const auto r = tacit_test::tacit(cat({"sweep ", sh(dir / "e.yaml"), " --shard 1/2 -o ", sh(out), extra}));
    INFO(extra);
    CHECK(r.code == 2);
    CHECK(r.err == cat({"tacit: error: another tacit sweep is writing to '", out.string(),
                        "'; wait for it to end (or stop it), or choose another -o\n"}));
  }
  const auto locked = shell(dir, task);
  CHECK(locked.code == 2);
  CHECK(std::filesystem::is_empty(out));  // nothing written beside the other sweep
  ::close(fd);                            // the other sweep ends
  const auto r = shell(dir, task);
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(std::filesystem::exists(out / "manifest.json"));
}

TEST_CASE("the HTCondor shard wrapper maps Process 0..N-1 to shards 1..N", "[cluster]") {
  const auto dir = experiment_dir("condor", k_experiment);
  REQUIRE(tacit("sweep " + sh(dir / "e.yaml") + " -q -j 1 -o " + sh(dir / "local")).code == 0);
  for (int process = 0; process < 2; ++process) {
    const auto r = shell(dir, cat({"TACIT='", TACIT_BINARY, "' bash scripts/cluster/htcondor-shard.sh ",
                                   std::to_string(process), " 2 ", sh(dir / "e.yaml"), " ", sh(dir / "out")}));
    INFO(r.err);
    REQUIRE(r.code == 0);
  }
  REQUIRE(tacit("merge " + sh(dir / "out/shard-1") + " " + sh(dir / "out/shard-2") + " -q -o " +
                sh(dir / "merged")).code == 0);
  require_same_sweep(dir / "merged", dir / "local");
  // A merge that finds a run missing writes nothing, not even its output directory.
  const auto bad = tacit("merge " + sh(dir / "out/shard-1") + " -o " + sh(dir / "bad"));
  CHECK(bad.code == 2);
  CHECK(bad.err.find("is in none of the directories; is a shard missing?") != std::string::npos);
  CHECK(!std::filesystem::exists(dir / "bad"));
}

#ifdef TACIT_TEST_MPIEXEC
TEST_CASE("the MPI batch script writes the bytes of a local sweep", "[cluster][mpi]") {
  const auto dir = experiment_dir("mpi-script", k_experiment);
  REQUIRE(tacit("sweep " + sh(dir / "e.yaml") + " -q -j 1 -o " + sh(dir / "local")).code == 0);
  const auto r = shell(dir, cat({"OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 SLURM_NTASKS=3 "
                                 "MPIRUN='", TACIT_TEST_MPIEXEC, " --oversubscribe' EXPERIMENT=",
                                 sh(dir / "e.yaml"), " OUT=", sh(dir / "mpi"), " TACIT='", TACIT_BINARY,
                                 "' bash scripts/cluster/mpi.sbatch"}));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("2 MPI workers: 16 ok, 0 failed") != std::string::npos);
  require_same_sweep(dir / "mpi", dir / "local");
}
#endif

TEST_CASE("docs/CLUSTER.md shows the cluster scripts as they are", "[cluster]") {
  const std::filesystem::path root = TACIT_SOURCE_DIR;
  const std::string doc = slurp(root / "docs/CLUSTER.md");
  for (const char* script : {"slurm-array.sbatch", "slurm-merge.sbatch", "submit-slurm.sh", "mpi.sbatch",
                             "htcondor.sub", "htcondor-shard.sh"}) {
    INFO(script);
    const std::string text = slurp(root / "scripts/cluster" / script);
    REQUIRE(!text.empty());
    CHECK(doc.find(text) != std::string::npos);
  }
}
