// tacit compare: the report on a hand-made runs.csv (so the numbers are the statistics tests'
// reference samples), its CSV, and the command through the real binary.

#include <catch2/catch.hpp>

#include <cmath>

#include "experiment_fixtures.hpp"
#include "tacit/core/error.hpp"
#include "tacit/core/format.hpp"
#include "tacit/experiment/compare.hpp"
#include "tacit/experiment/csv.hpp"

using namespace tacit_test;
using namespace ::tacit::experiment;
using Catch::Matchers::WithinRel;
namespace fs = std::filesystem;

namespace {
// Group "lo" holds the statistics tests' sample a, group "hi" sample b (runs 0..6 and 7..14),
// plus one failed run and one NaN value.
fs::path handmade_sweep() {
  const auto dir = scratch("compare-handmade");
  const std::vector<double> a = {2.1, 3.4, 1.9, 5.6, 4.2, 3.3, 2.8};
  const std::vector<double> b = {4.5, 5.1, 3.9, 6.2, 5.8, 4.4, 5.0, 6.6};
  std::string csv = "run,point,replicate,seed,status,error,level,other,final.x,final.y\n";
  int run = 0;
  for (std::size_t i = 0; i < a.size(); ++i, ++run) {
    csv += std::to_string(run) + ",0," + std::to_string(i) + ",1,ok,,lo,1," + ::tacit::core::format_number(a[i]) + ",1\n";
  }
  for (std::size_t i = 0; i < b.size(); ++i, ++run) {
    csv += std::to_string(run) + ",1," + std::to_string(i) + ",1,ok,,hi,1," + ::tacit::core::format_number(b[i]) +
           (i == 0 ? ",nan\n" : ",2\n");
  }
  csv += std::to_string(run) + ",1,8,1,failed,\"boom, at tick 3\",hi,1,,\n";
  write_file(dir / "runs.csv", csv);
  return dir;
}
}  // namespace

TEST_CASE("compare groups runs by a factor and tests each group against the first", "[compare]") {
  CompareOptions options;
  options.dir = handmade_sweep();
  options.by = "level";
  const CompareReport r = compare_runs(options);
  CHECK(r.runs == 16);
  CHECK(r.failed == 1);
  REQUIRE(r.metrics.size() == 2);
  const MetricReport& x = r.metrics[0];
  CHECK(x.column == "final.x");
  REQUIRE(x.groups.size() == 2);
  CHECK(x.groups[0].label == "lo");
  CHECK(x.groups[0].n == 7);
  CHECK_THAT(x.groups[0].t_interval.low, WithinRel(2.149360717356345, 1e-13));
  REQUIRE(x.comparisons.size() == 1);
  const Comparison& c = x.comparisons[0];
  CHECK_THAT(c.welch.p, WithinRel(0.008889187091924227, 1e-9));
  CHECK_THAT(c.cohens_d, WithinRel(1.6786063789891394, 1e-12));
  CHECK(c.mann_whitney.exact);
  CHECK_THAT(c.mann_whitney.p, WithinRel(0.009324009324009324, 1e-12));
  // The NaN of final.y is left out of that metric only.
  CHECK(r.metrics[1].groups[1].n == 7);

  const std::string csv = render_compare_csv(r);
  std::istringstream in(csv);
  CsvReader reader(in);
  std::vector<std::string> header, row;
  REQUIRE(reader.next(header));
  while (reader.next(row)) CHECK(row.size() == header.size());
  CHECK(csv.find("final.x,hi,8,") != std::string::npos);

  const std::string table = render_compare_table(r);
  CHECK(table.rfind("16 runs (1 failed, left out), grouped by level\n", 0) == 0);
  CHECK(table.find("vs lo") != std::string::npos);
}

TEST_CASE("compare without --by groups by design point; errors name what there is", "[compare]") {
  CompareOptions options;
  options.dir = handmade_sweep();
  options.metrics = {"x"};
  const CompareReport r = compare_runs(options);
  REQUIRE(r.metrics.size() == 1);
  CHECK(r.metrics[0].groups[0].label == "level=lo, other=1");

  options.by = "levl";
  try {
    (void)compare_runs(options);
    FAIL("expected an error");
  } catch (const ::tacit::InputError& e) {
    CHECK(std::string(e.what()) == "'" + (options.dir / "runs.csv").string() +
                                       "' has no factor 'levl'; did you mean 'level'? (factors: level, other)");
  }
  options.by = "level";
  options.metrics = {"z"};
  CHECK_THROWS_AS(compare_runs(options), ::tacit::InputError);
}

TEST_CASE("compare --paired pairs runs by replicate; seeds shared with common_seeds", "[compare]") {
  const auto dir = experiment_dir("compare-paired", R"(scenario: base.yaml
seed: 4
replications: 6
common_seeds: true
factors:
  organization.transparency: [0, 1]
keep:
  final: [knowledge_mean, shares]
  timeseries_every: 0
)");
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "out")).code == 0);
  const auto r = tacit_test::tacit("compare " + sh(dir / "out") + " --by organization.transparency -m knowledge_mean --paired --csv " +
                       sh(dir / "c.csv"));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("12 runs (0 failed, left out), grouped by organization.transparency\n", 0) == 0);
  CHECK(r.out.find("Wilcoxon p") != std::string::npos);
  CHECK(r.out.find("note: paired runs did not share seeds") == std::string::npos);
  const std::string csv = slurp(dir / "c.csv");
  CHECK(csv.rfind("metric,group,n,mean,sd,", 0) == 0);
  CHECK(lines(csv) == 3);

  CompareOptions options;
  options.dir = dir / "out";
  options.by = "organization.transparency";
  options.paired = true;
  const CompareReport report = compare_runs(options);
  CHECK(report.seeds_shared);
  REQUIRE(report.metrics[0].comparisons[0].pairs);
  CHECK(*report.metrics[0].comparisons[0].pairs == 6);

  const auto bad = tacit_test::tacit("compare " + sh(dir / "out") + " --by transparency");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("has no factor 'transparency'") != std::string::npos);
  CHECK(tacit_test::tacit("compare " + sh(dir / "nothing")).code == 2);
}
