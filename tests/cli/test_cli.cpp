#include <catch2/catch.hpp>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using namespace tacit_test;

namespace {
// The scenario without its seed line, and with it.
const std::string k_unseeded = R"(name: small
ticks: 30
network:
  generator: teams
  agents: 60
  team_size: 6
  teams_per_department: 2
knowledge:
  topics: 3
)";
const std::string k_small = k_unseeded + "seed: 11\n";

// Built with += rather than "'" + s + "'": GCC 12 at -O3 warns falsely (-Wrestrict, PR 105651)
// on the latter.
std::string quoted(const fs::path& p) {
  std::string s(1, '\'');
  s += p.string();
  s += '\'';
  return s;
}
}  // namespace

TEST_CASE("version and help exit 0, no verb or a bad option exits 2", "[cli]") {
  const auto v = tacit("--version");
  CHECK(v.code == 0);
  CHECK(v.out.rfind("tacit 0.1.0", 0) == 0);
  CHECK(tacit("--help").code == 0);
  CHECK(tacit("run --help").code == 0);
  CHECK(tacit("validate --help").code == 0);
  CHECK(tacit("schema --help").code == 0);
  CHECK(tacit("").code == 2);
  CHECK(tacit("run").code == 2);
  CHECK(tacit("frobnicate").code == 2);
  CHECK(tacit("run x.yaml --threads 0").code == 2);
}

TEST_CASE("run writes every output atomically and a summary", "[cli]") {
  const auto dir = scratch("run");
  write_file(dir / "s.yaml", k_small + "output:\n  network_graphml: true\n  edges_csv: true\n");
  const auto r = tacit("run " + quoted(dir / "s.yaml") + " -o " + quoted(dir / "out"));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("small: 60 agents") != std::string::npos);
  for (const char* f : {"timeseries.csv", "agents.csv", "scenario.resolved.yaml", "manifest.json",
                        "network.graphml", "edges.csv"})
    CHECK(fs::exists(dir / "out" / f));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir / "out")) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 6);  // no temporaries left
  const std::string ts = slurp(dir / "out" / "timeseries.csv");
  CHECK(ts.rfind("tick,knowledge_mean,", 0) == 0);
  // header + ticks 0..30
  CHECK(std::count(ts.begin(), ts.end(), '\n') == 32);
  const std::string manifest = slurp(dir / "out" / "manifest.json");
  CHECK(manifest.find("\"seed\": 11,") != std::string::npos);
  CHECK(manifest.find("\"seed_source\": \"scenario\"") != std::string::npos);
  // The summary names the final metrics; the esm_* ones only when a platform is introduced.
  CHECK(r.out.find("  knowledge_mean ") != std::string::npos);
  CHECK(r.out.find("esm_") == std::string::npos);
  CHECK(ts.find(",esm_users,") != std::string::npos);  // the CSV keeps every column
  const auto esm = tacit("run " + quoted(dir / "s.yaml") + " -o " + quoted(dir / "esm") +
                         " --set esm.introduction=top_down");
  REQUIRE(esm.code == 0);
  CHECK(esm.out.find("  esm_users ") != std::string::npos);
}

TEST_CASE("an existing non-empty output directory is refused unless --force", "[cli]") {
  const auto dir = scratch("force");
  write_file(dir / "s.yaml", k_small);
  const std::string cmd = "run " + quoted(dir / "s.yaml") + " -q -o " + quoted(dir / "out");
  REQUIRE(tacit(cmd).code == 0);
  const auto again = tacit(cmd);
  CHECK(again.code == 2);
  CHECK(again.err.find("is not empty; use --force") != std::string::npos);
  CHECK(tacit(cmd + " --force").code == 0);
}

TEST_CASE("same seed gives the same bytes at any thread count and with exports on or off",
          "[cli][determinism]") {
  const auto dir = scratch("determinism");
  write_file(dir / "s.yaml", k_small);
  const std::string base = "run " + quoted(dir / "s.yaml") + " -q --set network.agents=600 --ticks 20";
  REQUIRE(tacit(base + " --threads 1 -o " + quoted(dir / "t1")).code == 0);
  REQUIRE(tacit(base + " --threads 2 -o " + quoted(dir / "t2")).code == 0);
  REQUIRE(tacit(base + " --threads 2 --set output.network_graphml=true -o " + quoted(dir / "exp")).code == 0);
  REQUIRE(tacit(base + " --threads 2 --seed 12 -o " + quoted(dir / "s12")).code == 0);
  for (const char* f : {"timeseries.csv", "agents.csv"}) {
    CHECK(slurp(dir / "t1" / f) == slurp(dir / "t2" / f));
    CHECK(slurp(dir / "t1" / f) == slurp(dir / "exp" / f));
    CHECK(slurp(dir / "t1" / f) != slurp(dir / "s12" / f));
  }
  CHECK(slurp(dir / "t1" / "scenario.resolved.yaml") == slurp(dir / "t2" / "scenario.resolved.yaml"));
  for (const char* a : {"synchronous", "fixed"}) {
    const std::string b = base + " --set activation=" + a;
    REQUIRE(tacit(b + " --threads 1 -o " + quoted(dir / (std::string(a) + "1"))).code == 0);
    REQUIRE(tacit(b + " --threads 2 -o " + quoted(dir / (std::string(a) + "2"))).code == 0);
    CHECK(slurp(dir / (std::string(a) + "1") / "agents.csv") == slurp(dir / (std::string(a) + "2") / "agents.csv"));
  }
}

TEST_CASE("the resolved scenario reproduces the run by itself", "[cli][determinism]") {
  const auto dir = scratch("resolved");
  write_file(dir / "s.yaml", k_small);
  REQUIRE(tacit("run " + quoted(dir / "s.yaml") + " -q -o " + quoted(dir / "a")).code == 0);
  REQUIRE(tacit("run " + quoted(dir / "a" / "scenario.resolved.yaml") + " -q -o " + quoted(dir / "b")).code == 0);
  CHECK(slurp(dir / "a" / "timeseries.csv") == slurp(dir / "b" / "timeseries.csv"));
  CHECK(slurp(dir / "a" / "scenario.resolved.yaml") == slurp(dir / "b" / "scenario.resolved.yaml"));
}

TEST_CASE("a missing seed is drawn, printed and recorded, and --seed reproduces it", "[cli]") {
  const auto dir = scratch("drawn");
  write_file(dir / "s.yaml", k_unseeded);
  const auto r = tacit("run " + quoted(dir / "s.yaml") + " -q -o " + quoted(dir / "a"));
  REQUIRE(r.code == 0);
  const auto at = r.err.find("drew seed ");
  REQUIRE(at != std::string::npos);
  const std::string seed = r.err.substr(at + 10, r.err.find(' ', at + 10) - at - 10);
  CHECK(slurp(dir / "a" / "manifest.json").find("\"seed_string\": \"" + seed + "\"") != std::string::npos);
  CHECK(slurp(dir / "a" / "manifest.json").find("\"seed_source\": \"drawn\"") != std::string::npos);
  REQUIRE(tacit("run " + quoted(dir / "s.yaml") + " -q --seed " + seed + " -o " + quoted(dir / "b")).code == 0);
  CHECK(slurp(dir / "a" / "agents.csv") == slurp(dir / "b" / "agents.csv"));
}

TEST_CASE("validate: exit 0 for good files, 2 with file:line:col for bad ones", "[cli]") {
  const auto dir = scratch("validate");
  write_file(dir / "good.yaml", k_small);
  write_file(dir / "bad.yaml", "name: bad\nnetwork:\n  team_sise: 5\n");
  const auto ok = tacit("validate " + quoted(dir / "good.yaml"));
  CHECK(ok.code == 0);
  CHECK(ok.out.find("good.yaml: ok") != std::string::npos);
  const auto bad = tacit("validate " + quoted(dir / "good.yaml") + " " + quoted(dir / "bad.yaml"));
  CHECK(bad.code == 2);
  CHECK(bad.err.find((dir / "bad.yaml").string() + ":3:3: unknown key 'team_sise'") != std::string::npos);
  CHECK(bad.err.find("did you mean 'team_size'?") != std::string::npos);
  CHECK(tacit("validate " + quoted(dir / "missing.yaml")).code == 2);
  CHECK(tacit("validate " + quoted(dir)).code == 2);
  const auto empty = dir / "empty.yaml";
  write_file(empty, "");
  CHECK(tacit("validate " + quoted(empty)).code == 2);
}

TEST_CASE("run: bad input exits 2 and writes nothing", "[cli]") {
  const auto dir = scratch("badrun");
  write_file(dir / "s.yaml", k_small);
  const auto r = tacit("run " + quoted(dir / "s.yaml") + " --set network.team_size=abc -o " + quoted(dir / "out"));
  CHECK(r.code == 2);
  CHECK(r.err.find("--set network.team_size=abc") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
  const auto big = tacit("run " + quoted(dir / "s.yaml") + " --set network.team_size=100 -o " + quoted(dir / "out"));
  CHECK(big.code == 2);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("run: an output directory that cannot be created is a runtime failure (exit 1)", "[cli]") {
  const auto dir = scratch("io");
  write_file(dir / "s.yaml", k_small);
  write_file(dir / "blocker", "a file, not a directory");
  const auto r = tacit("run " + quoted(dir / "s.yaml") + " -q -o " + quoted(dir / "blocker" / "sub"));
  CHECK(r.code == 1);
  CHECK(r.err.rfind("tacit: error: cannot create output directory", 0) == 0);
}

TEST_CASE("schema lists every key with type, default and doc", "[cli]") {
  const auto r = tacit("schema");
  CHECK(r.code == 0);
  for (const char* key : {"ticks", "activation", "network.generator", "network.team_size",
                          "knowledge.topics", "agents.absorptive_capacity", "personas[].share",
                          "output.every"})
    CHECK(r.out.find(key) != std::string::npos);
}

TEST_CASE("network prints the structure of a scenario's network; bad input exits 2", "[cli]") {
  const auto dir = scratch("network");
  // A ring of 12 with k = 4: C = 3(k-2)/(4(k-1)) = 1/2; each node reaches 4 nodes at distance 1,
  // 4 at 2, 3 at 3: L = (4 + 8 + 9) / 11 = 21/11.
  write_file(dir / "ring.yaml", "seed: 1\nnetwork:\n  generator: ring\n  agents: 12\n  k: 4\n");
  const auto r = tacit("network " + quoted(dir / "ring.yaml"));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("agents 12\nties 24\n") != std::string::npos);
  CHECK(r.out.find("clustering 0.5\n") != std::string::npos);
  CHECK(r.out.find("path_length 1.9090909090909") != std::string::npos);
  CHECK(tacit("network " + quoted(dir / "missing.yaml")).code == 2);
  CHECK(tacit("network " + quoted(dir / "ring.yaml") + " --set network.k=3").code == 2);  // odd k
}

TEST_CASE("a run that stops at fixation writes its last tick whatever output.every", "[cli]") {
  const auto dir = scratch("fixation-every");
  write_file(dir / "g.yaml", "seed: 3\nticks: 100000\nnetwork:\n  generator: ring\n  agents: 20\n  k: 4\n"
                             "game:\n  kind: donation\n  b: 5\n  c: 1\n  stop: fixation\n");
  auto last_tick = [](const std::string& csv) {
    const auto end = csv.find_last_not_of('\n');
    const auto start = csv.rfind('\n', end);
    const std::string row = csv.substr(start + 1, end - start);
    return std::stoul(row.substr(0, row.find(',')));
  };
  REQUIRE(tacit("run " + quoted(dir / "g.yaml") + " -q -o " + quoted(dir / "every1")).code == 0);
  const auto fixed_at = last_tick(slurp(dir / "every1" / "timeseries.csv"));
  CHECK(fixed_at < 100000);
  REQUIRE(tacit("run " + quoted(dir / "g.yaml") + " -q -o " + quoted(dir / "every7") + " --set output.every=7")
              .code == 0);
  CHECK(last_tick(slurp(dir / "every7" / "timeseries.csv")) == fixed_at);
}
