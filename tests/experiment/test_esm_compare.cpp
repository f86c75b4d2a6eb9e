// The ESM comparison experiment (scenarios/esm/compare.yaml) must run exactly the four scenario
// files of scenarios/esm/, and `tacit compare --paired` must pair the runs of an explicit run
// list whose keys make up each condition.

#include <catch2/catch.hpp>

#include <map>

#include "experiment_fixtures.hpp"
#include "tacit/experiment/compare.hpp"
#include "tacit/experiment/experiment.hpp"
#include "tacit/scenario/loader.hpp"

using namespace tacit;
using namespace tacit::experiment;
using namespace tacit_test;

namespace {
// The resolved YAML without the lines that name the scenario (name, description).
std::string without_names(const std::string& yaml) {
  std::string out;
  std::size_t at = 0;
  while (at < yaml.size()) {
    std::size_t end = yaml.find('\n', at);
    if (end == std::string::npos) end = yaml.size();
    const std::string line = yaml.substr(at, end - at);
    if (line.rfind("name:", 0) != 0 && line.rfind("description:", 0) != 0) out += line + '\n';
    at = end + 1;
  }
  return out;
}
}  // namespace

TEST_CASE("esm compare: each run of compare.yaml is one of the four scenario files", "[esm]") {
  const std::string dir = std::string(TACIT_SOURCE_DIR) + "/scenarios/esm/";
  Experiment ex = load_experiment(dir + "compare.yaml");
  set_root_seed(ex, *ex.seed, "experiment");
  REQUIRE(ex.num_points() == 4);
  std::map<std::string, int> seen;
  for (std::uint64_t point = 0; point < ex.num_points(); ++point) {
    std::vector<std::string> overrides = run_overrides(ex, point * ex.replications);
    std::string introduction;
    std::vector<std::string> keys;
    for (const auto& o : overrides) {
      if (o.rfind("seed=", 0) == 0) continue;  // the run's own seed; the files share one
      keys.push_back(o);
      if (o.rfind("esm.introduction=", 0) == 0) introduction = o.substr(17);
    }
    INFO(introduction);
    REQUIRE_FALSE(introduction.empty());
    ++seen[introduction];
    const auto from_experiment = scenario::load_scenario_file(dir + "none.yaml", keys);
    const auto from_file = scenario::load_scenario_file(dir + introduction + ".yaml");
    CHECK(without_names(scenario::to_resolved_yaml(from_experiment)) ==
          without_names(scenario::to_resolved_yaml(from_file)));
  }
  CHECK(seen == std::map<std::string, int>{{"none", 1}, {"top_down", 1}, {"bottom_up", 1}, {"hybrid", 1}});
}

TEST_CASE("compare --paired pairs an explicit run list by replicate", "[compare]") {
  // Each condition sets two keys; the second follows the first, so it must not keep the pairs
  // apart. A factor varying inside a group (here none) would.
  const auto dir = experiment_dir("compare-runs-paired", R"(scenario: base.yaml
seed: 9
replications: 5
common_seeds: true
runs:
  - {organization.transparency: 0}
  - {organization.transparency: 1, organization.incentive: 0.3}
keep:
  final: [knowledge_mean]
  timeseries_every: 0
)");
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "out")).code == 0);
  CompareOptions options;
  options.dir = dir / "out";
  options.by = "organization.transparency";
  options.paired = true;
  const CompareReport report = compare_runs(options);
  REQUIRE(report.metrics[0].comparisons.size() == 1);
  REQUIRE(report.metrics[0].comparisons[0].pairs);
  CHECK(*report.metrics[0].comparisons[0].pairs == 5);
  CHECK(report.seeds_shared);
}
