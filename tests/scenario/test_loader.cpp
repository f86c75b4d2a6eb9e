// The loader: YAML and --set overrides -> Scenario, every error message exact with its position.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "tacit/core/error.hpp"
#include "tacit/scenario/loader.hpp"
#include "tacit/scenario/schema.hpp"

using namespace tacit::scenario;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;

// The diagnostics ("file:line:col: message") parse_scenario throws; fails if it does not throw.
Strings errors_of(const std::string& yaml, const Strings& overrides = {},
                  const std::string& file = "s.yaml") {
  try {
    (void)parse_scenario(yaml, file, overrides);
  } catch (const tacit::InputFileError& e) {
    Strings out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  FAIL("no error for:\n" << yaml);
  return {};
}

std::string error_of_file(const std::string& path) {
  try {
    (void)load_scenario_file(path);
  } catch (const tacit::InputFileError& e) {
    return e.what();
  }
  FAIL("no error for " << path);
  return {};
}

// Two scenarios are the same when every schema key reads the same.
void check_same(const Scenario& a, const Scenario& b) {
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    CHECK(k.get(a) == k.get(b));
  }
}

// A value of `k` that is in range and differs from its default.
Value other_value(const KeyInfo& k) {
  const Value& d = k.default_value;
  switch (k.type) {
    case KeyType::integer: {
      if (k.optional) return std::uint64_t{42};
      auto x = std::get<std::uint64_t>(d);
      return x < k.integers.max ? x + 1 : x - 1;
    }
    case KeyType::number: {
      double x = std::get<double>(d);
      double upper = std::isfinite(k.numbers.max) ? k.numbers.max : x + 2.0;
      double y = x + (upper - x) / 2.0;
      if (k.single_precision) y = static_cast<double>(static_cast<float>(y));
      if (y == x) y = x / 2.0;
      return y;
    }
    case KeyType::boolean: return !std::get<bool>(d);
    case KeyType::string:
      return k.relative_to_source ? std::string("/data/net.csv") : std::get<std::string>(d) + "x";
    case KeyType::enumeration: {
      auto it = std::find(k.choices.begin(), k.choices.end(), std::get<std::string>(d));
      auto i = static_cast<std::size_t>(it - k.choices.begin());
      return k.choices[(i + 1) % k.choices.size()];
    }
    case KeyType::integer_list: {
      auto items = std::get<std::vector<std::uint64_t>>(d);
      items.push_back(k.integers.min);
      return items;
    }
  }
  return {};
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("tacit-scenario-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

}  // namespace

// ---- good input ------------------------------------------------------------------------------

TEST_CASE("loader: absent keys take the defaults of a default-constructed Scenario",
          "[scenario][loader]") {
  const Scenario defaults;
  check_same(parse_scenario("ticks: 100\n", "s.yaml"), defaults);
  check_same(parse_scenario("network:\nknowledge: ~\n", "s.yaml"), defaults);
  const Scenario s = parse_scenario("name: unnamed\n", "dir/s.yaml");
  CHECK(s.source_file == "dir/s.yaml");
  CHECK_FALSE(s.seed.has_value());
}

TEST_CASE("loader: a full file sets every section", "[scenario][loader]") {
  const Scenario s = parse_scenario(R"(# an example
name: esm-pilot
description: |
  Two lines
  of text.
seed: 18446744073709551615
ticks: 250
activation: synchronous
network:
  generator: stochastic_block
  agents: 60
  blocks: [10, 20, 30]
  p_in: 0.3
  tie_rule: overlap
  strong_weight: 0.75
knowledge:
  topics: 16
  initial_min: 0.2
  initial_max: 0.4
transfer:
  absorptive_capacity: 1
output:
  every: 5
  edges_csv: true
)",
                                    "s.yaml");
  CHECK(s.name == "esm-pilot");
  CHECK(s.description == "Two lines\nof text.\n");
  CHECK(s.seed == 18446744073709551615ULL);
  CHECK(s.ticks == 250);
  CHECK(s.activation == tacit::model::Activation::synchronous);
  CHECK(s.network.generator == tacit::network::Generator::stochastic_block);
  CHECK(s.network.agents == 60);
  CHECK(s.network.blocks == std::vector<std::uint32_t>{10, 20, 30});
  CHECK(s.network.p_in == 0.3);
  CHECK(s.network.tie_rule == tacit::network::TieRule::overlap);
  CHECK(s.network.strong_weight == 0.75f);
  CHECK(s.model.knowledge.topics == 16);
  CHECK(s.model.knowledge.initial_min == 0.2);
  CHECK(s.model.knowledge.initial_max == 0.4);
  CHECK(s.model.transfer.absorptive_capacity == 1.0);
  CHECK(s.output.every == 5);
  CHECK(s.output.edges_csv);
  CHECK_FALSE(s.output.network_graphml);
}

TEST_CASE("loader: block lists, quoted numbers and explicit null seed",
          "[scenario][loader]") {
  const Scenario s = parse_scenario(
      "seed: ~\nnetwork:\n  generator: stochastic_block\n  agents: '30'\n  blocks:\n    - 10\n"
      "    - 20\n",
      "s.yaml");
  CHECK_FALSE(s.seed.has_value());
  CHECK(s.network.agents == 30);
  CHECK(s.network.blocks == std::vector<std::uint32_t>{10, 20});
}

TEST_CASE("loader: network.path is resolved against the scenario's folder",
          "[scenario][loader]") {
  const auto cwd = fs::current_path();
  CHECK(parse_scenario("network:\n  path: nets/a.csv\n", "/data/run/s.yaml").network.path ==
        "/data/run/nets/a.csv");
  CHECK(parse_scenario("network:\n  path: ../a.csv\n", "/data/run/s.yaml").network.path ==
        "/data/a.csv");
  CHECK(parse_scenario("network:\n  path: /abs/a.csv\n", "/data/run/s.yaml").network.path ==
        "/abs/a.csv");
  CHECK(parse_scenario("network:\n  path: a.csv\n", "s.yaml").network.path ==
        (cwd / "a.csv").string());
  // A --set value is relative to the working directory, where the user typed it.
  CHECK(parse_scenario("ticks: 1\n", "/data/run/s.yaml", {"network.path=b.csv"}).network.path ==
        (cwd / "b.csv").string());
  CHECK(parse_scenario("ticks: 1\n", "s.yaml").network.path.empty());
}

TEST_CASE("loader: load_scenario_file reads a file and imports a network next to it",
          "[scenario][loader]") {
  TempDir dir;
  dir.write("net.csv", "a,b\n");
  const std::string file =
      dir.write("s.yaml", "network:\n  generator: file\n  path: net.csv\n  format: csv\n");
  const Scenario s = load_scenario_file(file);
  CHECK(s.source_file == file);
  CHECK(s.network.path == (dir.path / "net.csv").string());
  CHECK(s.network.format == tacit::network::FileFormat::csv);
}

// ---- errors in the file: one test per class, exact text and position -----------------------

TEST_CASE("loader error: unknown key, with and without a hint",
          "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  agnets: 5\n") ==
        Strings{"s.yaml:2:3: unknown key 'agnets' in 'network'; did you mean 'agents'?"});
  CHECK(errors_of("knowledge:\n  topcs: 3\n") ==
        Strings{"s.yaml:2:3: unknown key 'topcs' in 'knowledge'; did you mean 'topics'?"});
  CHECK(errors_of("network:\n  colour: red\n") ==
        Strings{"s.yaml:2:3: unknown key 'colour' in 'network'; see 'tacit schema' for the keys"});
}

TEST_CASE("loader error: unknown top-level key or section", "[scenario][loader][errors]") {
  CHECK(errors_of("netwrok:\n  agents: 5\n") ==
        Strings{"s.yaml:1:1: unknown key 'netwrok' at the top level; did you mean 'network'?"});
  CHECK(errors_of("esm:\n  moderators: 2\n") ==
        Strings{"s.yaml:1:1: unknown key 'esm' at the top level; see 'tacit schema' for the keys"});
  // The right key in the wrong place.
  CHECK(errors_of("agents: 5\n") ==
        Strings{"s.yaml:1:1: unknown key 'agents' at the top level; did you mean "
                "'network.agents'?"});
  CHECK(errors_of("network.agents: 5\n") ==
        Strings{"s.yaml:1:1: unknown key 'network.agents' at the top level; dotted paths are "
                "for --set: write 'agents' under 'network:'"});
}

TEST_CASE("loader error: wrong type", "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  team_size: ten\n") ==
        Strings{"s.yaml:2:14: 'network.team_size' must be an integer; got 'ten'"});
  CHECK(errors_of("transfer:\n  absorptive_capacity: lots\n") ==
        Strings{"s.yaml:2:24: 'transfer.absorptive_capacity' must be a number; got 'lots'"});
  CHECK(errors_of("output:\n  edges_csv: yes\n") ==
        Strings{"s.yaml:2:14: 'output.edges_csv' must be true or false; got 'yes'"});
  CHECK(errors_of("ticks:\n") == Strings{"s.yaml:1:1: 'ticks' must be an integer; got nothing"});
  CHECK(errors_of("name: ''\n") == Strings{"s.yaml:1:7: 'name' must be non-empty text; got ''"});
}

TEST_CASE("loader error: out of range", "[scenario][loader][errors]") {
  CHECK(errors_of("transfer:\n  absorptive_capacity: 1.5\n") ==
        Strings{"s.yaml:2:24: 'transfer.absorptive_capacity' must be in (0, 1]; got 1.5"});
  CHECK(errors_of("ticks: -1\n") ==
        Strings{"s.yaml:1:8: 'ticks' must be in 0..1000000000; got -1"});
  CHECK(errors_of("knowledge:\n  topics: 2000\n") ==
        Strings{"s.yaml:2:11: 'knowledge.topics' must be in 1..1024; got 2000"});
}

TEST_CASE("loader error: bad enum value", "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  generator: tems\n") ==
        Strings{"s.yaml:2:14: 'network.generator' must be one of teams, stochastic_block, "
                "watts_strogatz, barabasi_albert, erdos_renyi, ring, lattice, complete, file; "
                "got 'tems'; did you mean 'teams'?"});
  CHECK(errors_of("activation: parallel\n") ==
        Strings{"s.yaml:1:13: 'activation' must be one of random, fixed, synchronous; got "
                "'parallel'"});
}

TEST_CASE("loader error: integer lists", "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  blocks: [100, x, 0]\n") ==
        Strings{"s.yaml:2:17: each item of 'network.blocks' must be an integer; got 'x'",
                "s.yaml:2:20: each item of 'network.blocks' must be in 1..50000000; got 0"});
  CHECK(errors_of("network:\n  blocks: 100\n") ==
        Strings{"s.yaml:2:11: 'network.blocks' must be a list of integers such as [100, 100]; "
                "got '100'"});
  CHECK(errors_of("network:\n  blocks: []\n") ==
        Strings{"s.yaml:2:11: 'network.blocks' must have at least 1 item; got []"});
  CHECK(errors_of("network:\n  blocks: [[1]]\n") ==
        Strings{"s.yaml:2:12: each item of 'network.blocks' must be an integer; got a list"});
}

TEST_CASE("loader error: duplicate key", "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  agents: 5\n  team_size: 5\n  agents: 6\n") ==
        Strings{"s.yaml:4:3: duplicate key 'agents' in 'network' (first given at line 2); keep "
                "one"});
  CHECK(errors_of("ticks: 1\nticks: 2\n") ==
        Strings{"s.yaml:2:1: duplicate key 'ticks' at the top level (first given at line 1); "
                "keep one"});
}

TEST_CASE("loader error: section given as a scalar, scalar given as a mapping",
          "[scenario][loader][errors]") {
  CHECK(errors_of("network: 5\n") ==
        Strings{"s.yaml:1:10: 'network' must be a mapping of keys such as 'generator' and "
                "'agents'; got '5'"});
  CHECK(errors_of("output: [1, 2]\n") ==
        Strings{"s.yaml:1:9: 'output' must be a mapping of keys such as 'every' and "
                "'network_graphml'; got a list"});
  CHECK(errors_of("ticks:\n  a: 1\n") ==
        Strings{"s.yaml:2:3: 'ticks' must be an integer; got a mapping"});
  CHECK(errors_of("[1]: 2\n") ==
        Strings{"s.yaml:1:1: keys must be plain names such as 'name' and 'description'; got a "
                "list"});
}

TEST_CASE("loader error: inconsistent combinations, located at the offending key",
          "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  agents: 50\n  team_size: 80\n") ==
        Strings{"s.yaml:3:3: 'network.team_size' must be at most 'network.agents' (50); got 80"});
  // team_size left at its default (10): located at agents instead.
  CHECK(errors_of("network:\n  agents: 5\n") ==
        Strings{"s.yaml:2:3: 'network.team_size' must be at most 'network.agents' (5); got 10"});
  CHECK(errors_of("network:\n  generator: ring\n  k: 5\n") ==
        Strings{"s.yaml:3:3: 'network.k' must be even for generator ring (k/2 neighbours a "
                "side); got 5"});
  CHECK(errors_of("network:\n  generator: watts_strogatz\n  agents: 6\n  k: 6\n") ==
        Strings{"s.yaml:4:3: 'network.k' must be less than 'network.agents' (6) for generator "
                "watts_strogatz; got 6"});
  CHECK(errors_of("network:\n  generator: barabasi_albert\n  agents: 2\n") ==
        Strings{"s.yaml:3:3: 'network.m' must be less than 'network.agents' (2) for generator "
                "barabasi_albert; got 2"});
  CHECK(errors_of("network:\n  generator: stochastic_block\n  blocks: [50, 100]\n") ==
        Strings{"s.yaml:3:3: 'network.blocks' must sum to 'network.agents' (200); got a sum of "
                "150"});
  CHECK(errors_of("knowledge:\n  initial_min: 0.8\n  initial_max: 0.5\n") ==
        Strings{"s.yaml:2:3: 'knowledge.initial_min' must be at most 'knowledge.initial_max' "
                "(0.5); got 0.8"});
  CHECK(errors_of("network:\n  generator: file\n") ==
        Strings{"s.yaml:2:3: 'network.path' must be given when 'network.generator' is file; add "
                "the path of an edge-list CSV or GraphML file"});
  CHECK(errors_of("network:\n  generator: file\n  path: /no/such/net.csv\n") ==
        Strings{"s.yaml:3:3: 'network.path' must name an existing file; got '/no/such/net.csv'"});
  {
    TempDir dir;
    const std::string net = dir.write("net.txt", "a,b\n");
    CHECK(errors_of("network:\n  generator: file\n  path: " + net + "\n") ==
          Strings{"s.yaml:3:3: 'network.format' automatic cannot tell the format of '" + net +
                  "' from its extension; set 'network.format' to csv or graphml"});
    CHECK(parse_scenario("network:\n  generator: file\n  format: csv\n  path: " + net + "\n",
                         "s.yaml")
              .network.format == tacit::network::FileFormat::csv);
  }
  CHECK(errors_of("network:\n  generator: file\n  path: /tmp\n") ==
        Strings{"s.yaml:3:3: 'network.path' must name a file; got the directory '/tmp'"});
  CHECK(errors_of("network:\n  generator: lattice\n  width: 10000\n  height: 10000\n") ==
        Strings{"s.yaml:3:3: 'network.width' x 'network.height' must be at most 50000000 agents; "
                "got 10000 x 10000 = 100000000"});
  CHECK(errors_of("network:\n  generator: complete\n  agents: 70000\n") ==
        Strings{"s.yaml:3:3: 'network.agents' must be at most 65536 for generator complete "
                "(every pair is a tie; at most 2147483647 ties fit); got 70000"});
  CHECK(errors_of("network:\n  generator: erdos_renyi\n  agents: 1000000\n") ==
        Strings{"s.yaml:3:3: 'network.edge_p' gives about 24999975000 ties for 1000000 agents, "
                "more than the 2147483647 that fit; got 0.05"});
  // A rule is not judged on a value that was rejected (the default would stand in for it).
  CHECK(errors_of("network:\n  agents: 5\n  team_size: x\n") ==
        Strings{"s.yaml:3:14: 'network.team_size' must be an integer; got 'x'"});
}

TEST_CASE("loader error: all problems at once, sorted by position",
          "[scenario][loader][errors]") {
  CHECK(errors_of("knowledge:\n  initial_min: 0.9\n  initial_max: 0.1\nticks: x\nnetwork:\n"
                  "  agnets: 3\n") ==
        Strings{"s.yaml:2:3: 'knowledge.initial_min' must be at most 'knowledge.initial_max' "
                "(0.1); got 0.9",
                "s.yaml:4:8: 'ticks' must be an integer; got 'x'",
                "s.yaml:6:3: unknown key 'agnets' in 'network'; did you mean 'agents'?"});
}

TEST_CASE("loader error: empty file, not YAML, not a mapping, several documents",
          "[scenario][loader][errors]") {
  const Strings empty{
      "s.yaml: the scenario is empty; expected a mapping of keys such as 'ticks' and 'network' "
      "(see 'tacit schema')"};
  CHECK(errors_of("") == empty);
  CHECK(errors_of("# only a comment\n\n") == empty);
  CHECK(errors_of("network: [1, 2\nticks: 3\n") ==
        Strings{"s.yaml:2:6: invalid YAML: end of sequence flow not found"});
  CHECK(errors_of("ticks: 1\n  bad: indent\n") ==
        Strings{"s.yaml:2:6: invalid YAML: illegal map value"});
  CHECK(errors_of("- 1\n- 2\n") ==
        Strings{"s.yaml:1:1: the scenario must be a mapping of keys such as 'ticks' and "
                "'network'; got a list"});
  CHECK(errors_of("hello\n") ==
        Strings{"s.yaml:1:1: the scenario must be a mapping of keys such as 'ticks' and "
                "'network'; got 'hello'"});
  CHECK(errors_of("ticks: 1\n---\nticks: 2\n") ==
        Strings{"s.yaml:3:1: the file holds more than one YAML document; a scenario is a single "
                "mapping (remove the '---' separator)"});
}

TEST_CASE("loader error: missing file, directory, unreadable file",
          "[scenario][loader][errors]") {
  TempDir dir;
  const std::string missing = (dir.path / "nope.yaml").string();
  CHECK(error_of_file(missing) ==
        missing + ": cannot open the scenario: no such file; check the path");
  CHECK(error_of_file(dir.path.string()) ==
        dir.path.string() + ": cannot open the scenario: it is a directory; expected a YAML file");
  const std::string locked = dir.write("locked.yaml", "ticks: 1\n");
  fs::permissions(locked, fs::perms::none);
  if (!std::ifstream(locked)) {  // root reads it anyway
    CHECK(error_of_file(locked) == locked + ": cannot open the scenario: Permission denied");
  }
  const std::string bad = dir.write("bad.yaml", "ticks: [\n");
  CHECK(error_of_file(bad) == bad + ":2:1: invalid YAML: end of sequence flow not found");
}

// ---- overrides -------------------------------------------------------------------------------

TEST_CASE("loader: --set of every type, applied after the file",
          "[scenario][loader][set]") {
  const Scenario s = parse_scenario(
      "ticks: 10\nnetwork:\n  agents: 100\n", "s.yaml",
      {"ticks = 20", "network.strong_p=0.25", "output.edges_csv=true", "name=my run: two",
       "network.generator=stochastic_block", "network.blocks=[40, 60]", "seed=7",
       "network.agents=100", "description=", "knowledge={topics: 3, initial_max: 0.5}"});
  CHECK(s.ticks == 20);
  CHECK(s.network.strong_p == 0.25);
  CHECK(s.output.edges_csv);
  CHECK(s.name == "my run: two");  // free text need not be a YAML scalar
  CHECK(s.network.generator == tacit::network::Generator::stochastic_block);
  CHECK(s.network.blocks == std::vector<std::uint32_t>{40, 60});
  CHECK(s.seed == 7u);
  CHECK(s.description.empty());
  CHECK(s.model.knowledge.topics == 3);
  CHECK(s.model.knowledge.initial_max == 0.5);
  CHECK_FALSE(parse_scenario("seed: 5\n", "s.yaml", {"seed=~"}).seed.has_value());
}

TEST_CASE("loader: --set of every key to its default text gives the defaults",
          "[scenario][loader][set]") {
  Strings overrides;
  for (const auto& k : schema_keys()) {
    overrides.push_back(k.path + "=" + format_value(k, k.default_value));
  }
  check_same(parse_scenario("ticks: 3\n", "s.yaml", overrides), Scenario{});
}

TEST_CASE("loader error: --set problems", "[scenario][loader][set][errors]") {
  CHECK(errors_of("ticks: 1\n", {"network.k=abc"}) ==
        Strings{"--set network.k=abc: 'network.k' must be an integer; got 'abc'"});
  CHECK(errors_of("ticks: 1\n", {"network.agnets=5"}) ==
        Strings{"--set network.agnets=5: unknown key 'agnets' in 'network'; did you mean "
                "'agents'?"});
  CHECK(errors_of("ticks: 1\n", {"netwrk.agents=5"}) ==
        Strings{"--set netwrk.agents=5: unknown key 'netwrk' at the top level; did you mean "
                "'network'?"});
  CHECK(errors_of("ticks: 1\n", {"network.k"}) ==
        Strings{"--set network.k: expected key.path=value, such as network.agents=500; got no "
                "'='"});
  CHECK(errors_of("ticks: 1\n", {"=5"}) ==
        Strings{"--set =5: expected key.path=value, such as network.agents=500; the key is "
                "empty"});
  CHECK(errors_of("ticks: 1\n", {"ticks.x=5"}) ==
        Strings{"--set ticks.x=5: 'ticks' is a key, not a section; got 'ticks.x'"});
  CHECK(errors_of("ticks: 1\n", {"network.blocks=[1, 2"}) ==
        Strings{"--set network.blocks=[1, 2: cannot read '[1, 2' as a YAML value: end of "
                "sequence flow not found"});
  CHECK(errors_of("ticks: 1\n", {"network.generator=rnig"}) ==
        Strings{"--set network.generator=rnig: 'network.generator' must be one of teams, "
                "stochastic_block, watts_strogatz, barabasi_albert, erdos_renyi, ring, lattice, "
                "complete, file; got 'rnig'; did you mean 'ring'?"});
  CHECK(errors_of("ticks: 1\n", {"transfer.absorptive_capacity=0"}) ==
        Strings{"--set transfer.absorptive_capacity=0: 'transfer.absorptive_capacity' must be in "
                "(0, 1]; got 0"});
  CHECK(errors_of("ticks: 1\n", {"network=5"}) ==
        Strings{"--set network=5: 'network' must be a mapping of keys such as 'generator' and "
                "'agents'; got '5'"});
  // File problems come first, by position; then the --set problems in the order given.
  CHECK(errors_of("ticks: x\n", {"ticks=y", "seed=-1"}) ==
        Strings{"s.yaml:1:8: 'ticks' must be an integer; got 'x'",
                "--set ticks=y: 'ticks' must be an integer; got 'y'",
                "--set seed=-1: 'seed' must be in 0..18446744073709551615; got -1"});
}

TEST_CASE("loader: cross-field rules run after --set, located at the override",
          "[scenario][loader][set][errors]") {
  CHECK(errors_of("network:\n  generator: ring\n", {"network.k=7"}) ==
        Strings{"--set network.k=7: 'network.k' must be even for generator ring (k/2 neighbours "
                "a side); got 7"});
  // An override can also repair the file.
  CHECK(parse_scenario("network:\n  generator: ring\n  k: 7\n", "s.yaml", {"network.k=8"})
            .network.k == 8);
}

// ---- the resolved YAML ----------------------------------------------------------------------

TEST_CASE("loader: to_resolved_yaml lists every key and loads back identically",
          "[scenario][loader][resolved]") {
  SECTION("defaults, seed absent") {
    const Scenario s;
    const std::string yaml = to_resolved_yaml(s);
    CHECK(yaml.rfind("# tacit scenario, resolved:", 0) == 0);
    CHECK(yaml.find("\nseed: ~ ") != std::string::npos);
    CHECK(yaml.find("\nnetwork:\n  generator: teams ") != std::string::npos);
    CHECK(yaml.find("\n  blocks: [100, 100] ") != std::string::npos);
    CHECK(yaml.find("\ntransfer:\n  absorptive_capacity: 0.1 ") != std::string::npos);
    check_same(parse_scenario(yaml, "r.yaml"), s);
  }
  SECTION("every key changed, seed set") {
    Scenario s;
    for (const auto& k : schema_keys()) k.set(s, other_value(k));
    // Keep the combination consistent: only the lattice and knowledge rules apply.
    s.network.generator = tacit::network::Generator::lattice;
    s.model.knowledge.initial_min = 0.25;
    s.model.knowledge.initial_max = 0.75;
    s.seed = 18446744073709551615ULL;
    s.description = "quotes \" and \\ and\nnewline, tab\t, unicode é";
    s.model.transfer.absorptive_capacity = 1.0 / 3.0;
    s.network.weak_weight = 0.1f;
    s.source_file = "r.yaml";
    const std::string yaml = to_resolved_yaml(s);
    CHECK(yaml.find("\nseed: 18446744073709551615 ") != std::string::npos);
    const Scenario back = parse_scenario(yaml, "r.yaml");
    check_same(back, s);
    CHECK(to_resolved_yaml(back) == to_resolved_yaml(s));  // source_file apart, a fixed point
  }
}

TEST_CASE("loader: every schema key reaches the resolved YAML",
          "[scenario][loader][resolved]") {
  const std::string base = to_resolved_yaml(Scenario{});
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    Scenario s;
    const Value v = other_value(k);
    REQUIRE(check_value(k, v) == "");
    k.set(s, v);
    CHECK(k.get(s) == v);
    CHECK(to_resolved_yaml(s) != base);
  }
}
