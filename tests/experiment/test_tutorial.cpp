// docs/TUTORIAL-free-riders.md runs scenarios/experiments/free_riders.yaml and draws three
// conclusions from tacit compare's statistics. This runs the same experiment through the
// binary and checks each conclusion, so that a change of the model or of the experiment layer
// that overturns one cannot leave the tutorial silently wrong. If one fails: rerun the
// tutorial's commands, paste the new outputs and rewrite its conclusions.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "experiment_fixtures.hpp"
#include "tacit/experiment/csv.hpp"

using namespace tacit_test;

namespace {

/// compare's CSV as (metric, group) -> column -> text.
std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> read_compare_csv(
    const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  tacit::experiment::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::string> fields;
  REQUIRE(reader.next(header));
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> rows;
  while (reader.next(fields)) {
    if (fields.size() != header.size()) continue;
    auto& row = rows[{fields[0], fields[1]}];
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
  }
  return rows;
}

double num(const std::map<std::string, std::string>& row, const std::string& column) {
  auto it = row.find(column);
  REQUIRE(it != row.end());
  REQUIRE(!it->second.empty());
  return std::stod(it->second);
}

}  // namespace

TEST_CASE("the free-rider tutorial's experiment runs and supports the tutorial's conclusions", "[tutorial]") {
  const auto dir = scratch("tutorial");
  const auto out = dir / "free_riders";
  const auto r = tacit_test::tacit("sweep scenarios/experiments/free_riders.yaml -q -o " + sh(out));
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string runs = slurp(out / "runs.csv");
  REQUIRE(lines(runs) == 121);  // header + 4 points x 30 replications
  CHECK(runs.find(",failed,") == std::string::npos);

  SECTION("H1: transparency lowers the free-rider share (paired, p < 0.001)") {
    const auto c = tacit_test::tacit("compare " + sh(out) + " --by organization.transparency -m window.free_rider_fraction "
                         "--paired --csv " + sh(dir / "h1.csv"));
    INFO(c.err);
    REQUIRE(c.code == 0);
    const auto rows = read_compare_csv(dir / "h1.csv");
    const auto& t1 = rows.at({"window.free_rider_fraction", "1"});
    CHECK(num(t1, "pairs") == 60);
    CHECK(num(t1, "paired_ci_high") < 0);
    CHECK(num(t1, "paired_t_p") < 0.001);
    CHECK(num(t1, "wilcoxon_p") < 0.001);
    CHECK(num(t1, "welch_p") < 0.001);
  }
  SECTION("without transparency the reputation weight changes nothing at all") {
    const auto c = tacit_test::tacit("compare " + sh(out) + " -m window.free_rider_fraction -m window.image_mean --paired --csv " +
                         sh(dir / "points.csv"));
    REQUIRE(c.code == 0);
    const auto rows = read_compare_csv(dir / "points.csv");
    const std::string g = "organization.transparency=0, decision.indirect_reciprocity=0.5";
    CHECK(num(rows.at({"window.free_rider_fraction", g}), "paired_diff") == 0);
    CHECK(num(rows.at({"window.image_mean", g}), "mean") == 0);
    // With transparency, images are mostly negative (the tutorial's explanation of H2).
    CHECK(num(rows.at({"window.image_mean", "organization.transparency=1, decision.indirect_reciprocity=0.5"}),
              "mean") < -1);
  }
  SECTION("H2 is not supported: with transparency, reputation raises the free-rider share") {
    // As in the tutorial: keep the header and the runs with transparency 1 (column 7).
    std::filesystem::create_directories(dir / "t1");
    std::istringstream in(runs);
    std::ofstream t1(dir / "t1/runs.csv", std::ios::binary);
    std::string line;
    std::getline(in, line);
    REQUIRE(tacit::experiment::split_csv_record(line).at(6) == "organization.transparency");
    t1 << line << '\n';
    while (std::getline(in, line)) {
      if (tacit::experiment::split_csv_record(line).at(6) == "1") t1 << line << '\n';
    }
    t1.close();
    const auto c = tacit_test::tacit("compare " + sh(dir / "t1") + " --by decision.indirect_reciprocity "
                         "-m window.free_rider_fraction -m window.share_rate --paired --csv " + sh(dir / "h2.csv"));
    INFO(c.err);
    REQUIRE(c.code == 0);
    const auto rows = read_compare_csv(dir / "h2.csv");
    const auto& fr = rows.at({"window.free_rider_fraction", "0.5"});
    CHECK(num(fr, "pairs") == 30);
    CHECK(num(fr, "paired_ci_low") > 0);
    CHECK(num(fr, "paired_t_p") < 0.001);
    CHECK(num(rows.at({"window.share_rate", "0.5"}), "paired_ci_high") < 0);
  }
}
