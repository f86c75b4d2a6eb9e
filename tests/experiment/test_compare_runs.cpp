// tacit compare on `tacit run` output directories (the issue: "takes sweep output (or run
// directories)"): each directory is one run, grouped by a scenario key and paired by seed. The
// same runs made by a sweep must give the same statistics, byte for byte.

#include <catch2/catch.hpp>

#include <sstream>

#include "experiment_fixtures.hpp"
#include "tacit/experiment/csv.hpp"

using namespace tacit_test;

TEST_CASE("compare on run directories gives the statistics of the same runs in a sweep", "[compare]") {
  // Values written as the resolved scenario writes them, so that the group labels agree too.
  const auto dir = experiment_dir("compare-runs", R"(scenario: base.yaml
seed: 31
replications: 4
common_seeds: true
factors:
  organization.transparency: [0.0, 1.0]
)");
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "sweep")).code == 0);

  // Every run of the sweep again, alone, with its factor value and seed from runs.csv.
  std::istringstream runs(slurp(dir / "sweep/runs.csv"));
  tacit::experiment::CsvReader reader(runs);
  std::vector<std::string> fields;
  REQUIRE(reader.next(fields));
  REQUIRE(fields.at(6) == "organization.transparency");
  std::string run_dirs;
  while (reader.next(fields)) {
    const auto out = dir / ("run" + fields[0]);
    const auto r = tacit_test::tacit(cat({"run ", sh(dir / "base.yaml"), " --quiet --set organization.transparency=",
                                          fields[6], " --seed ", fields[3], " -o ", sh(out)}));
    REQUIRE(r.code == 0);
    run_dirs += ' ';
    run_dirs += sh(out);
  }

  const std::string options = " --by organization.transparency -m share_rate -m knowledge_mean --paired --csv ";
  const auto a = tacit_test::tacit(cat({"compare ", sh(dir / "sweep"), options, sh(dir / "sweep.csv")}));
  const auto b = tacit_test::tacit(cat({"compare", run_dirs, options, sh(dir / "runs.csv")}));
  INFO(a.err << b.err);
  REQUIRE(a.code == 0);
  REQUIRE(b.code == 0);
  const std::string csv = slurp(dir / "runs.csv");
  CHECK(csv == slurp(dir / "sweep.csv"));
  CHECK(csv.find("final.share_rate,1.0,4,") != std::string::npos);  // 4 runs per group, paired
  CHECK(b.out == a.out);

  SECTION("without --by, run directories are grouped by scenario name") {
    const auto r = tacit_test::tacit(cat({"compare", run_dirs, " -m share_rate"}));
    REQUIRE(r.code == 0);
    CHECK(r.out.find("8 runs (0 failed, left out), grouped by name") != std::string::npos);
    CHECK(r.out.find("  small  8  ") != std::string::npos);
  }
  SECTION("errors: an unknown key, a window metric, a sweep among runs, a directory twice, not a run") {
    auto err = [&](const std::string& args) {
      const auto r = tacit_test::tacit(cat({"compare ", args}));
      CHECK(r.code == 2);
      return r.err;
    };
    const std::string one = sh(dir / "run0");
    const std::string two = sh(dir / "run1");
    CHECK(err(cat({one, " ", two, " --by organization.transparancy"}))
              .find("--by 'organization.transparancy': not a scenario key; did you mean "
                    "'organization.transparency'?") != std::string::npos);
    CHECK(err(cat({one, " ", two, " -m window.share_rate"})).find("run directories give final values only") !=
          std::string::npos);
    CHECK(err(cat({one, " ", sh(dir / "sweep")})).find("is a sweep directory: compare takes one sweep directory, "
                                                 "or any number of tacit run directories") != std::string::npos);
    CHECK(err(cat({one, " ", one})).find("is given twice") != std::string::npos);
    std::filesystem::create_directories(dir / "empty");
    CHECK(err(cat({one, " ", sh(dir / "empty")})).find("is neither a sweep directory (runs.csv) nor a run directory") !=
          std::string::npos);
  }
}
