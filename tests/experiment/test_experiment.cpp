#include <catch2/catch.hpp>

#include <set>

#include "experiment_fixtures.hpp"
#include "tacit/core/error.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/experiment/experiment.hpp"

using namespace tacit::experiment;
using namespace tacit_test;
namespace fs = std::filesystem;

namespace {
// Parses `text` as <scratch>/e.yaml beside the base scenario; returns the message on error.
std::string error_of(const std::string& text) {
  const auto dir = experiment_dir("loader-errors", text);
  try {
    (void)load_experiment((dir / "e.yaml").string());
  } catch (const tacit::InputFileError& e) {
    std::string out = e.what();
    // Messages name the file by the path given; keep the tests independent of the scratch path.
    const std::string prefix = (dir / "e.yaml").string();
    for (auto pos = out.find(prefix); pos != std::string::npos; pos = out.find(prefix)) {
      out.replace(pos, prefix.size(), "e.yaml");
    }
    return out;
  }
  return "";
}

Experiment load(const std::string& name, const std::string& text) {
  const auto dir = experiment_dir(name, text);
  return load_experiment((dir / "e.yaml").string());
}
}  // namespace

TEST_CASE("an experiment file: grid, replications, seed, keep", "[experiment]") {
  const Experiment ex = load("grid", R"(name: g
scenario: base.yaml
seed: 7
replications: 3
factors:
  organization.transparency: [0, 0.5, 1]
  network.weak_ties: {from: 1, to: 4, steps: 3, log: true}
  network.agents: {from: 40, to: 60, steps: 3}
keep:
  final: [knowledge_mean, share_rate]
  window: {from: 10, to: 20}
  timeseries_every: 5
)");
  CHECK(ex.name == "g");
  CHECK(ex.kind == DesignKind::grid);
  CHECK(ex.seed == 7u);
  CHECK(ex.num_points() == 27);
  CHECK(ex.num_runs() == 81);
  REQUIRE(ex.factors.size() == 3);
  CHECK(ex.factors[1].values == std::vector<std::string>{"1", "2", "4"});
  CHECK(ex.factors[2].values == std::vector<std::string>{"40", "50", "60"});  // integer key
  CHECK(ex.keep.final_metrics == std::vector<std::string>{"knowledge_mean", "share_rate"});
  REQUIRE(ex.keep.window);
  CHECK(ex.keep.window->to == 20);
  CHECK(ex.keep.timeseries_every == 5u);
  CHECK(fs::path(ex.scenario_file).is_absolute());
}

TEST_CASE("the seeding rule: derive_seed(root, experiment, run), run = point * R + replicate",
          "[experiment]") {
  Experiment ex = load("seeding", "scenario: base.yaml\nseed: 11\nreplications: 4\n"
                                  "factors:\n  network.weak_ties: [1, 2]\n");
  CHECK(ex.name == "e");  // the file's stem
  CHECK(run_seed(11, 6, 4, false) == tacit::derive_seed(11, tacit::Stream::experiment, 6));
  CHECK(run_overrides(ex, 6) ==
        std::vector<std::string>{"network.weak_ties=2",
                                 "seed=" + std::to_string(tacit::derive_seed(11, tacit::Stream::experiment, 6))});
  // Common random numbers: replicate r has the same seed at every point.
  CHECK(run_seed(11, 6, 4, true) == tacit::derive_seed(11, tacit::Stream::experiment, 2));
  CHECK(run_seed(11, 2, 4, true) == run_seed(11, 6, 4, true));
}

TEST_CASE("runs: an explicit list; its columns are the keys in order of appearance", "[experiment]") {
  const Experiment ex = load("runs", R"(scenario: base.yaml
runs:
  - {network.agents: 40}
  - {organization.transparency: 0.5, network.agents: 50}
  - {}
  - {agents.altruism: {dist: uniform, min: 0, max: 1}}
)");
  CHECK(ex.kind == DesignKind::runs);
  CHECK(ex.design.keys ==
        std::vector<std::string>{"network.agents", "organization.transparency", "agents.altruism"});
  REQUIRE(ex.num_points() == 4);
  CHECK(ex.design.points[0] == std::vector<std::string>{"40", "", ""});
  CHECK(ex.design.points[1] == std::vector<std::string>{"50", "0.5", ""});
  CHECK(ex.design.points[2] == std::vector<std::string>{"", "", ""});
  CHECK(ex.design.points[3][2] == "{dist: uniform, min: 0, max: 1}");  // YAML flow text
  CHECK(!ex.seed);  // drawn later by the sweep
}

TEST_CASE("lhs: points from the root seed (or its own), integer keys as integers", "[experiment]") {
  Experiment ex = load("lhs", R"(scenario: base.yaml
seed: 3
lhs:
  n: 10
  ranges:
    organization.transparency: [0, 1]
    network.agents: [30, 39]
)");
  CHECK(ex.kind == DesignKind::lhs);
  REQUIRE(ex.num_points() == 10);
  std::set<std::string> agents;
  for (const auto& p : ex.design.points) {
    const double t = std::stod(p[0]);
    CHECK(t >= 0.0);
    CHECK(t < 1.0);
    agents.insert(p[1]);
  }
  CHECK(agents.size() == 10);  // ten strata of 30..39: each integer once
  CHECK(agents.count("30") == 1);
  CHECK(agents.count("39") == 1);
  const auto first = ex.design.points;
  set_root_seed(ex, 4, "test");
  CHECK(ex.design.points != first);  // no lhs.seed: derived from the root seed
}

TEST_CASE("design_csv: a header of scenario keys and one row per point", "[experiment]") {
  const auto dir = experiment_dir("csv", "scenario: base.yaml\ndesign_csv: d.csv\nseed: 1\n");
  write_file(dir / "d.csv", "organization.transparency,network.agents\n0.1,40\n0.9,\n\n");
  const Experiment ex = load_experiment((dir / "e.yaml").string());
  CHECK(ex.kind == DesignKind::csv);
  CHECK(ex.design.keys == std::vector<std::string>{"organization.transparency", "network.agents"});
  REQUIRE(ex.num_points() == 2);
  CHECK(ex.design.overrides(1) == std::vector<std::string>{"organization.transparency=0.9"});

  write_file(dir / "d.csv", "organization.transparancy\n0.1\n");
  try {
    (void)load_experiment((dir / "e.yaml").string());
    FAIL("expected an error");
  } catch (const tacit::InputFileError& e) {
    CHECK(std::string(e.what()) == (dir / "d.csv").string() +
                                       ":1: column 1: unknown scenario key 'organization.transparancy' in "
                                       "'design_csv'; did you mean 'organization.transparency'?");
  }
  write_file(dir / "d.csv", "organization.transparency,network.agents\n0.1\n");
  try {
    (void)load_experiment((dir / "e.yaml").string());
    FAIL("expected an error");
  } catch (const tacit::InputFileError& e) {
    CHECK(std::string(e.what()) == (dir / "d.csv").string() + ":2: the row has 1 fields; the header has 2");
  }
}

TEST_CASE("the resolved experiment reads back to the same experiment", "[experiment]") {
  for (const std::string& design :
       {std::string("factors:\n  organization.transparency: {from: 0, to: 1, steps: 3}\n"
                    "  agents.altruism: [0.2, '{dist: uniform, min: 0, max: 1}']\n"),
        std::string("runs:\n  - {network.agents: 40}\n  - {}\n"),
        std::string("lhs: {n: 4, ranges: {network.weak_ties: [0, 8]}}\n")}) {
    const auto dir = experiment_dir("resolved", "scenario: base.yaml\nseed: 9\nreplications: 2\n" + design);
    const Experiment ex = load_experiment((dir / "e.yaml").string());
    write_file(dir / "again.yaml", resolved_yaml(ex));
    const Experiment again = load_experiment((dir / "again.yaml").string());
    INFO(resolved_yaml(ex));
    CHECK(experiment_hash(again) == experiment_hash(ex));
    CHECK(again.design.points == ex.design.points);
    CHECK(resolved_yaml(again) == resolved_yaml(ex));
  }
}

TEST_CASE("the experiment hash changes with the base scenario and the design", "[experiment]") {
  const std::string text = "scenario: base.yaml\nseed: 9\nfactors:\n  network.agents: [40, 50]\n";
  const auto dir = experiment_dir("hash", text);
  const std::string h = experiment_hash(load_experiment((dir / "e.yaml").string()));
  write_file(dir / "base.yaml", k_base_scenario + "activation: synchronous\n");
  CHECK(experiment_hash(load_experiment((dir / "e.yaml").string())) != h);
  write_file(dir / "base.yaml", k_base_scenario);
  write_file(dir / "e.yaml", text + "replications: 2\n");
  CHECK(experiment_hash(load_experiment((dir / "e.yaml").string())) != h);
  write_file(dir / "e.yaml", text);
  CHECK(experiment_hash(load_experiment((dir / "e.yaml").string())) == h);
}

TEST_CASE("experiment errors are located, with what is allowed and did-you-mean", "[experiment]") {
  CHECK(error_of("scenario: base.yaml\nreplicatons: 3\n") ==
        "e.yaml:2:1: unknown key 'replicatons' at the top level of the experiment; did you mean "
        "'replications'?");
  CHECK(error_of("scenario: base.yaml\nfactors:\n  organization.transparancy: [0, 1]\n") ==
        "e.yaml:3:3: unknown scenario key 'organization.transparancy' in 'factors'; did you mean "
        "'organization.transparency'?");
  CHECK(error_of("scenario: base.yaml\nfactors:\n  seed: [1, 2]\n") ==
        "e.yaml:3:3: 'seed' cannot be a factor in 'factors': each run's seed is derived from the "
        "experiment's seed (docs/EXPERIMENTS.md)");
  CHECK(error_of("scenario: base.yaml\nreplications: 0\n") ==
        "e.yaml:2:15: 'replications' must be an integer in 1..1000000000; got '0'");
  CHECK(error_of("scenario: base.yaml\nfactors:\n  network.agents: [1]\nruns:\n  - {}\n") ==
        "e.yaml:4:1: 'runs' cannot be combined with 'factors': an experiment has one design "
        "(factors, runs, lhs or design_csv)");
  CHECK(error_of("scenario: base.yaml\nkeep:\n  final: [knowledge_man]\n") ==
        "e.yaml:3:11: unknown metric 'knowledge_man' in 'keep.final'; did you mean 'knowledge_mean'?");
  CHECK(error_of("scenario: base.yaml\nfactors:\n  activation: {from: 0, to: 1, steps: 2}\n") ==
        "e.yaml:3:15: a range needs a numeric key; 'activation' is one of random, fixed, "
        "synchronous: list its values instead, such as [a, b]");
  CHECK(error_of("scenario: base.yaml\nfactors:\n  network.agents: {from: 40, to: 41, steps: 5}\n") ==
        "e.yaml:3:19: the range 'factors.network.agents' gives '40' twice once rounded to integers; "
        "use fewer steps");
  CHECK(error_of("scenario: missing.yaml\n").find(
            "e.yaml:1:11: cannot open the base scenario '") == 0);
  CHECK(error_of("seed: 1\n") ==
        "e.yaml:1:1: missing key 'scenario': the base scenario file, relative to the experiment file");
  // Several problems at once, in file order.
  CHECK(error_of("scenario: base.yaml\nreplications: x\nkeep: {window: {from: 9, to: 2}}\n") ==
        "e.yaml:2:15: 'replications' must be an integer in 1..1000000000; got 'x'\n"
        "e.yaml:3:16: 'keep.window' must have from <= to; got from 9, to 2");
}
