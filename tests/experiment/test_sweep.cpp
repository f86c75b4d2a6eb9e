// tacit sweep through the real binary: outputs, reproduction of a run by `tacit run`,
// independence of --jobs, failed runs, resume after SIGKILL, and the errors.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "experiment_fixtures.hpp"
#include "tacit/experiment/csv.hpp"

using namespace tacit_test;
namespace fs = std::filesystem;

namespace {
const std::string k_grid = R"(name: grid
scenario: base.yaml
seed: 5
replications: 3
factors:
  organization.transparency: [0, 1]
  network.weak_ties: {from: 0.5, to: 8, steps: 3, log: true}
keep:
  final: [knowledge_mean, share_rate]
  window: {from: 10, to: 20}
  timeseries_every: 10
)";

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::istringstream in(slurp(p));
  tacit::experiment::CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.push_back(fields);
  return rows;
}

std::size_t journaled_runs(const fs::path& journal) {
  std::istringstream in(slurp(journal));
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) n += line.rfind("run ", 0) == 0 && !in.eof();
  return n;
}
}  // namespace

TEST_CASE("sweep writes runs.csv, timeseries.csv, the resolved experiment and the manifest",
          "[sweep]") {
  const auto dir = experiment_dir("sweep-outputs", k_grid);
  const auto r = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -o " + sh(dir / "out") + " --jobs 2");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("grid: 18 runs (6 points x 3 replications), root seed 5, 2 jobs: 18 ok, 0 failed,", 0) == 0);
  const auto runs = read_csv(dir / "out" / "runs.csv");
  REQUIRE(runs.size() == 19);
  CHECK(runs[0] == std::vector<std::string>{"run", "point", "replicate", "seed", "status", "error",
                                            "organization.transparency", "network.weak_ties",
                                            "final.knowledge_mean", "final.share_rate",
                                            "window.knowledge_mean", "window.share_rate"});
  // Run 7 = point 2 (transparency 0, weak ties 8), replicate 1.
  CHECK(runs[8][0] == "7");
  CHECK(runs[8][1] == "2");
  CHECK(runs[8][2] == "1");
  CHECK(runs[8][4] == "ok");
  CHECK(runs[8][6] == "0");
  CHECK(runs[8][7] == "8");
  const std::string ts = slurp(dir / "out" / "timeseries.csv");
  CHECK(ts.rfind("run,tick,knowledge_mean,", 0) == 0);
  CHECK(lines(ts) == 1 + 18 * 4);  // ticks 0, 10, 20, 30 of each run
  const std::string manifest = slurp(dir / "out" / "manifest.json");
  CHECK(manifest.find("\"root_seed\": 5,") != std::string::npos);
  CHECK(manifest.find("\"runs\": 18,") != std::string::npos);
  CHECK(manifest.find("\"complete\": true,") != std::string::npos);
  CHECK(slurp(dir / "out" / "experiment.resolved.yaml").find("network.weak_ties: [0.5, 2, 8]") !=
        std::string::npos);
}

TEST_CASE("tacit run with a run's seed and overrides reproduces its time series byte for byte",
          "[sweep]") {
  const auto dir = experiment_dir("sweep-reproduce", k_grid);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "out")).code == 0);
  const auto runs = read_csv(dir / "out" / "runs.csv");
  const std::string ts = slurp(dir / "out" / "timeseries.csv");
  for (const std::size_t run : {4u, 13u}) {
    const auto& row = runs[run + 1];
    const auto r = tacit_test::tacit("run " + sh(dir / "base.yaml") + " -q --seed " + row[3] +
                         " --set organization.transparency=" + row[6] + " --set network.weak_ties=" +
                         row[7] + " --set output.every=10 -o " + sh(dir / ("run" + std::to_string(run))));
    REQUIRE(r.code == 0);
    std::string alone = slurp(dir / ("run" + std::to_string(run)) / "timeseries.csv");
    alone = alone.substr(alone.find('\n') + 1);  // without the header
    std::string in_sweep;
    std::istringstream lines_in(ts);
    const std::string prefix = std::to_string(run) + ",";
    for (std::string line; std::getline(lines_in, line);) {
      if (line.rfind(prefix, 0) == 0) in_sweep += line.substr(prefix.size()) + "\n";
    }
    CHECK(alone == in_sweep);
    CHECK(!alone.empty());
  }
}

TEST_CASE("outputs are byte-identical whatever the number of jobs", "[sweep]") {
  const auto dir = experiment_dir("sweep-jobs", k_grid);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q --jobs 1 -o " + sh(dir / "j1")).code == 0);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q --jobs 2 -o " + sh(dir / "j2")).code == 0);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q --jobs 7 -o " + sh(dir / "j7")).code == 0);
  for (const char* f : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml"}) {
    CHECK(slurp(dir / "j1" / f) == slurp(dir / "j2" / f));
    CHECK(slurp(dir / "j1" / f) == slurp(dir / "j7" / f));
  }
}

TEST_CASE("a failed run is recorded with its error and the sweep goes on, exit 1", "[sweep]") {
  const auto dir = experiment_dir("sweep-failed", R"(scenario: base.yaml
seed: 2
replications: 2
factors:
  organization.transparency: [0.5, 2]
keep:
  final: [knowledge_mean]
)");
  const auto r = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -o " + sh(dir / "out"));
  CHECK(r.code == 1);
  CHECK(r.err.find("tacit: 2 of 4 runs failed (status and error in ") != std::string::npos);
  const auto runs = read_csv(dir / "out" / "runs.csv");
  REQUIRE(runs.size() == 5);
  CHECK(runs[1][4] == "ok");
  CHECK(runs[3][4] == "failed");
  CHECK(runs[3][5] ==
        "--set organization.transparency=2: 'organization.transparency' must be in [0, 1]; got 2");
  CHECK(runs[3][7].empty());  // no final value
  CHECK(lines(slurp(dir / "out" / "timeseries.csv")) == 1 + 2 * 31);
  CHECK(slurp(dir / "out" / "manifest.json").find("\"runs_failed\": 2,") != std::string::npos);
}

TEST_CASE("a sweep killed with SIGKILL and resumed writes the same bytes as one never killed",
          "[sweep]") {
  // 600 runs of 400 agents: long enough (a second or two) to be killed in the middle.
  const std::string base = R"(name: bigger
ticks: 60
network:
  generator: teams
  agents: 400
  team_size: 10
  teams_per_department: 2
knowledge:
  topics: 3
)";
  const auto dir = experiment_dir("sweep-kill", R"(scenario: base.yaml
seed: 3
replications: 200
factors:
  organization.transparency: [0, 0.5, 1]
keep:
  timeseries_every: 10
)", base);
  const fs::path out = dir / "out";
  const std::string e = (dir / "e.yaml").string();
  const std::string o = out.string();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execl(TACIT_BINARY, "tacit", "sweep", e.c_str(), "-o", o.c_str(), "-q", "--jobs", "2",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool exited = false;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    if (fs::exists(out / "sweep.journal") && journaled_runs(out / "sweep.journal") >= 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  REQUIRE_FALSE(exited);  // killed in the middle, not finished
  REQUIRE(WIFSIGNALED(status));
  REQUIRE_FALSE(fs::exists(out / "manifest.json"));
  const std::size_t done = journaled_runs(out / "sweep.journal");
  CHECK(done < 600);
  // A crash can also tear the last lines: simulate it on every file.
  {
    std::ofstream(out / "runs.csv", std::ios::app) << "599,199,2,1234";
    std::ofstream(out / "timeseries.csv", std::ios::app) << "599,10,0.5";
    std::ofstream(out / "sweep.journal", std::ios::app) << "run 599 o";
  }

  const auto resumed = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -o " + sh(out) + " --resume --jobs 2");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(resumed.out.find("resumed: " + std::to_string(done) + " runs were already done") != std::string::npos);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "ref") + " --jobs 2").code == 0);
  for (const char* f : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml"}) {
    INFO(f);
    CHECK(slurp(out / f) == slurp(dir / "ref" / f));
  }
  CHECK(journaled_runs(out / "sweep.journal") == 600);
  CHECK(slurp(out / "manifest.json").find("\"resumed_runs\": " + std::to_string(done) + ",") != std::string::npos);
  // Resuming a complete sweep runs nothing and changes no row.
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(out) + " --resume").code == 0);
  CHECK(slurp(out / "runs.csv") == slurp(dir / "ref" / "runs.csv"));
}

TEST_CASE("without a seed the sweep draws one, prints and records it, and resume reuses it",
          "[sweep]") {
  const auto dir = experiment_dir("sweep-drawn", "scenario: base.yaml\nreplications: 3\n"
                                                 "keep: {final: [knowledge_mean], timeseries_every: 0}\n");
  const auto r = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "out"));
  REQUIRE(r.code == 0);
  CHECK(r.err.find("tacit: the experiment has no seed; drew root seed ") == 0);
  CHECK_FALSE(fs::exists(dir / "out" / "timeseries.csv"));  // timeseries_every: 0
  const std::string resolved = slurp(dir / "out" / "experiment.resolved.yaml");
  const auto at = resolved.find("\nseed: ");
  REQUIRE(at != std::string::npos);
  const std::string seed = resolved.substr(at + 7, resolved.find('\n', at + 1) - at - 7);
  CHECK(r.err.find(seed) != std::string::npos);
  // The resolved experiment repeats the sweep exactly.
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "out" / "experiment.resolved.yaml") + " -q -o " + sh(dir / "again")).code == 0);
  CHECK(slurp(dir / "again" / "runs.csv") == slurp(dir / "out" / "runs.csv"));
  // --resume of a finished sweep with a drawn seed takes the journal's seed.
  const auto again = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q --resume -o " + sh(dir / "out"));
  CHECK(again.code == 0);
  CHECK(again.err.empty());
}

TEST_CASE("sweep errors: bad input exits 2 before any run", "[sweep]") {
  const auto dir = experiment_dir("sweep-errors", k_grid);
  const std::string cmd = "sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "out");
  REQUIRE(tacit_test::tacit(cmd).code == 0);
  const auto again = tacit_test::tacit(cmd);
  CHECK(again.code == 2);
  CHECK(again.err.find("is not empty; use --force to replace its sweep outputs, --resume to continue "
                       "an interrupted sweep, or choose another -o") != std::string::npos);
  CHECK(tacit_test::tacit(cmd + " --force").code == 0);

  // Resuming with a changed experiment is refused.
  write_file(dir / "e2.yaml", k_grid + "common_seeds: true\n");
  const auto changed = tacit_test::tacit("sweep " + sh(dir / "e2.yaml") + " -q --resume -o " + sh(dir / "out"));
  CHECK(changed.code == 2);
  CHECK(changed.err.find("holds a sweep of a different experiment") != std::string::npos);
  const auto shard = tacit_test::tacit(cmd + " --resume --shard 2/2");
  CHECK(shard.code == 2);
  CHECK(shard.err.find("holds shard 1/1 of this sweep, not 2/2; resume it with --shard 1/1") != std::string::npos);

  CHECK(tacit_test::tacit(cmd + " --shard 3/2").code == 2);
  CHECK(tacit_test::tacit(cmd + " --jobs 0").code == 2);
  CHECK(tacit_test::tacit("sweep --help").code == 0);
  write_file(dir / "bad.yaml", "scenario: base.yaml\nfactor:\n  network.agents: [10]\n");
  const auto bad = tacit_test::tacit("sweep " + sh(dir / "bad.yaml") + " -o " + sh(dir / "bad"));
  CHECK(bad.code == 2);
  CHECK(bad.err == (dir / "bad.yaml").string() +
                       ":2:1: unknown key 'factor' at the top level of the experiment; did you mean "
                       "'factors'?\n");
  CHECK_FALSE(fs::exists(dir / "bad"));
}
