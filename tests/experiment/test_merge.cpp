// Shards and tacit merge through the real binary.

#include <catch2/catch.hpp>

#include "experiment_fixtures.hpp"

using namespace tacit_test;
namespace fs = std::filesystem;

namespace {
const std::string k_experiment = R"(scenario: base.yaml
seed: 8
replications: 4
factors:
  network.weak_ties: [1, 4]
keep:
  final: [knowledge_mean, shares]
  timeseries_every: 15
)";
}  // namespace

TEST_CASE("shards merged give the bytes of the unsharded sweep", "[merge]") {
  const auto dir = experiment_dir("merge", k_experiment);
  const std::string e = sh(dir / "e.yaml");
  REQUIRE(tacit_test::tacit("sweep " + e + " -q -o " + sh(dir / "all")).code == 0);
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    const auto r = tacit_test::tacit(cat({"sweep ", e, " -o ", sh(dir / cat({"s", n})), " --shard ", n, "/3"}));
    REQUIRE(r.code == 0);
    CHECK(r.out.find(cat({", shard ", std::to_string(i), "/3: ", i < 3 ? "3" : "2", " runs,"})) != std::string::npos);
  }
  CHECK(slurp(dir / "s2" / "manifest.json").find("\"shard\": \"2/3\",") != std::string::npos);
  // Shards in any order.
  const auto m = tacit_test::tacit("merge " + sh(dir / "s3") + " " + sh(dir / "s1") + " " + sh(dir / "s2") + " -o " +
                       sh(dir / "merged"));
  INFO(m.err);
  REQUIRE(m.code == 0);
  CHECK(m.out == cat({"merged 8 runs (0 failed) from 3 directories into ", (dir / "merged").string(), "/\n"}));
  for (const char* f : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml"}) {
    INFO(f);
    CHECK(slurp(dir / "merged" / f) == slurp(dir / "all" / f));
  }
  const std::string manifest = slurp(dir / "merged" / "manifest.json");
  CHECK(manifest.find("\"shard\": \"merged\",") != std::string::npos);
  CHECK(manifest.find("\"factors\": [\"network.weak_ties\"],") != std::string::npos);
  // The merged directory is a sweep directory like any other.
  CHECK(tacit_test::tacit("compare " + sh(dir / "merged") + " -m knowledge_mean").code == 0);
}

TEST_CASE("merge refuses a missing shard, a doubled one, another experiment, an unfinished one",
          "[merge]") {
  const auto dir = experiment_dir("merge-errors", k_experiment);
  const std::string e = sh(dir / "e.yaml");
  for (int i = 1; i <= 2; ++i) {
    const std::string n = std::to_string(i);
    REQUIRE(tacit_test::tacit(cat({"sweep ", e, " -q -o ", sh(dir / cat({"s", n})), " --shard ", n, "/2"})).code == 0);
  }
  const auto missing = tacit_test::tacit("merge " + sh(dir / "s1") + " -o " + sh(dir / "m"));
  CHECK(missing.code == 2);
  CHECK(missing.err == "tacit: error: run 1 of 8 is in none of the directories; is a shard missing? "
                       "(the sweep's runs are split by --shard I/N; give every shard's directory)\n");
  const auto twice = tacit_test::tacit("merge " + sh(dir / "s1") + " " + sh(dir / "s2") + " " + sh(dir / "s1") + " -o " + sh(dir / "m"));
  CHECK(twice.code == 2);
  CHECK(twice.err.find("is given twice") != std::string::npos);

  // The whole sweep and a shard of it overlap.
  REQUIRE(tacit_test::tacit("sweep " + e + " -q -o " + sh(dir / "all")).code == 0);
  const auto doubled = tacit_test::tacit("merge " + sh(dir / "all") + " " + sh(dir / "s2") + " -o " + sh(dir / "m"));
  CHECK(doubled.code == 2);
  CHECK(doubled.err.find("tacit: error: run 1 is in both ") != std::string::npos);

  write_file(dir / "other.yaml", k_experiment + "common_seeds: true\n");
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "other.yaml") + " -q -o " + sh(dir / "o2") + " --shard 2/2").code == 0);
  const auto other = tacit_test::tacit("merge " + sh(dir / "s1") + " " + sh(dir / "o2") + " -o " + sh(dir / "m"));
  CHECK(other.code == 2);
  CHECK(other.err.find("is a sweep of a different experiment") != std::string::npos);

  fs::remove(dir / "s2" / "manifest.json");  // as if it had been killed
  const auto unfinished = tacit_test::tacit("merge " + sh(dir / "s1") + " " + sh(dir / "s2") + " -o " + sh(dir / "m"));
  CHECK(unfinished.code == 2);
  CHECK(unfinished.err.find("has no manifest.json: not a complete sweep directory (its sweep was "
                            "interrupted: finish it with tacit sweep ... --resume)") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "m" / "runs.csv"));
}
