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
    case KeyType::signed_integer: {
      auto x = std::get<std::int64_t>(d);
      return x < k.signed_integers.max ? x + 1 : x - 1;
    }
    case KeyType::distribution: {
      // A beta inside the range: never a default (those are constants and uniforms).
      tacit::model::Distribution b;
      b.kind = tacit::model::DistKind::beta;
      b.alpha = 2.0;
      b.beta = 5.0;
      b.min = k.numbers.min_open ? k.numbers.min + 0.25 : k.numbers.min;
      b.max = std::isfinite(k.numbers.max) ? k.numbers.max : b.min + 2.0;
      return DistributionValue{b};
    }
    case KeyType::weights: {
      auto w = std::get<Weights>(d);
      w.emplace_back(k.choices.back(), 0.5);
      return w;
    }
    case KeyType::list: {
      tacit::model::Persona experts;
      experts.name = "experts";
      experts.share = 0.25;
      experts.traits.altruism = tacit::model::Distribution::uniform(0.5, 1.0);
      experts.traits.decision = tacit::model::DecisionRule::strategy;
      tacit::model::Persona rest;
      rest.name = "rest";
      rest.share = 0.75;
      rest.traits.learning_rules = {{tacit::model::LearningRule::fermi, 0.5},
                                    {tacit::model::LearningRule::repeat, 0.5}};
      return PersonaList{{experts, rest}};
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
  interests: 4
agents:
  absorptive_capacity: 1
  initial_explicit: {dist: uniform, min: 0.2, max: 0.4}
transfer:
  mode: barter
reputation:
  image_min: -10
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
  CHECK(s.model.population.interests == 4);
  const auto& traits = s.model.population.defaults;
  CHECK(traits.absorptive_capacity.kind == tacit::model::DistKind::constant);
  CHECK(traits.absorptive_capacity.value == 1.0);
  CHECK(traits.initial_explicit.kind == tacit::model::DistKind::uniform);
  CHECK(traits.initial_explicit.min == 0.2);
  CHECK(traits.initial_explicit.max == 0.4);
  CHECK(s.model.transfer.mode == tacit::model::TransferMode::barter);
  CHECK(s.model.reputation.image_min == -10);
  CHECK(s.model.population.personas.empty());
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
  CHECK(errors_of("platform:\n  moderators: 2\n") ==
        Strings{"s.yaml:1:1: unknown key 'platform' at the top level; see 'tacit schema' for the keys"});
  CHECK(errors_of("esm:\n  moderator: 2\n") ==
        Strings{"s.yaml:2:3: unknown key 'moderator' in 'esm'; did you mean 'moderators'?"});
  CHECK(errors_of("esm:\n  introduction: sideways\n") ==
        Strings{"s.yaml:2:17: 'esm.introduction' must be one of none, top_down, bottom_up, hybrid; got 'sideways'"});
  // The right key in the wrong place.
  CHECK(errors_of("team_size: 5\n") ==
        Strings{"s.yaml:1:1: unknown key 'team_size' at the top level; did you mean "
                "'network.team_size'?"});
  CHECK(errors_of("agents: 5\n") ==
        Strings{"s.yaml:1:9: 'agents' must be a mapping of keys such as 'altruism' and "
                "'recognition'; got '5'; did you mean 'network.agents'?"});
  CHECK(errors_of("network.agents: 5\n") ==
        Strings{"s.yaml:1:1: unknown key 'network.agents' at the top level; dotted paths are "
                "for --set: write 'agents' under 'network:'"});
}

TEST_CASE("loader error: wrong type", "[scenario][loader][errors]") {
  CHECK(errors_of("network:\n  team_size: ten\n") ==
        Strings{"s.yaml:2:14: 'network.team_size' must be an integer; got 'ten'"});
  CHECK(errors_of("transfer:\n  tacit_rate: lots\n") ==
        Strings{"s.yaml:2:15: 'transfer.tacit_rate' must be a number; got 'lots'"});
  CHECK(errors_of("agents:\n  absorptive_capacity: lots\n") ==
        Strings{"s.yaml:2:24: 'agents.absorptive_capacity' must be a number or a distribution "
                "such as {dist: uniform, min: 0, max: 1}; got 'lots'"});
  CHECK(errors_of("reputation:\n  image_max: 2.5\n") ==
        Strings{"s.yaml:2:14: 'reputation.image_max' must be an integer; got '2.5'"});
  CHECK(errors_of("output:\n  edges_csv: yes\n") ==
        Strings{"s.yaml:2:14: 'output.edges_csv' must be true or false; got 'yes'"});
  CHECK(errors_of("ticks:\n") == Strings{"s.yaml:1:1: 'ticks' must be an integer; got nothing"});
  CHECK(errors_of("name: ''\n") == Strings{"s.yaml:1:7: 'name' must be non-empty text; got ''"});
}

TEST_CASE("loader error: out of range", "[scenario][loader][errors]") {
  CHECK(errors_of("agents:\n  absorptive_capacity: 1.5\n") ==
        Strings{"s.yaml:2:24: 'agents.absorptive_capacity' must be in (0, 1]; got 1.5"});
  CHECK(errors_of("reputation:\n  image_min: 0\n") ==
        Strings{"s.yaml:2:14: 'reputation.image_min' must be in -128..-1; got 0"});
  CHECK(errors_of("decision:\n  temperature: 0\n") ==
        Strings{"s.yaml:2:16: 'decision.temperature' must be in (0, inf); got 0"});
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
  CHECK(errors_of("knowledge:\n  topics: 4\n  interests: 5\n") ==
        Strings{"s.yaml:3:3: 'knowledge.interests' must be at most 'knowledge.topics' (4); got "
                "5"});
  CHECK(errors_of("trust:\n  initial_weak: 0.2\n") ==
        Strings{"s.yaml:2:3: 'trust.initial_weak' must be in [1/(w+2), (w+1)/(w+2)] = [0.25, "
                "0.75] for 'trust.prior_weight' w = 2 (a larger w allows more extreme values); "
                "got 0.2"});
  CHECK(parse_scenario("trust:\n  initial_weak: 0.2\n  prior_weight: 3\n", "s.yaml")
            .model.trust.initial_weak == 0.2);
  CHECK(errors_of("network:\n  agents: 20\n  team_size: 5\ngame:\n  kind: donation\n"
                  "  initial: single_defector\n  initial_node: 20\n") ==
        Strings{"s.yaml:7:3: 'game.initial_node' must be less than the number of agents (20); "
                "got 20"});
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
  CHECK(errors_of("knowledge:\n  interests: 9\n  topics: 2\nticks: x\nnetwork:\n"
                  "  agnets: 3\n") ==
        Strings{"s.yaml:2:3: 'knowledge.interests' must be at most 'knowledge.topics' (2); got 9",
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
       "network.agents=100", "description=", "knowledge={topics: 3, interests: 2}",
       "reputation.image_min=-7", "agents.learning_rules=fermi"});
  CHECK(s.ticks == 20);
  CHECK(s.network.strong_p == 0.25);
  CHECK(s.output.edges_csv);
  CHECK(s.name == "my run: two");  // free text need not be a YAML scalar
  CHECK(s.network.generator == tacit::network::Generator::stochastic_block);
  CHECK(s.network.blocks == std::vector<std::uint32_t>{40, 60});
  CHECK(s.seed == 7u);
  CHECK(s.description.empty());
  CHECK(s.model.knowledge.topics == 3);
  CHECK(s.model.population.interests == 2);
  CHECK(s.model.reputation.image_min == -7);
  REQUIRE(s.model.population.defaults.learning_rules.size() == 1);
  CHECK(s.model.population.defaults.learning_rules[0].rule == tacit::model::LearningRule::fermi);
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
  CHECK(errors_of("ticks: 1\n", {"agents.absorptive_capacity=0"}) ==
        Strings{"--set agents.absorptive_capacity=0: 'agents.absorptive_capacity' must be in "
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
    CHECK(yaml.find("\nagents:\n  altruism: {dist: constant, value: 0.5} ") != std::string::npos);
    CHECK(yaml.find("\n  initial_explicit: {dist: uniform, min: 0.0, max: 1.0} ") !=
          std::string::npos);
    CHECK(yaml.find("\n  learning_rules: {none: 1.0} ") != std::string::npos);
    CHECK(yaml.find("\npersonas: [] ") != std::string::npos);
    check_same(parse_scenario(yaml, "r.yaml"), s);
  }
  SECTION("every key changed, seed set") {
    Scenario s;
    for (const auto& k : schema_keys()) k.set(s, other_value(k));
    // Keep the combination consistent: only the lattice, knowledge, trust and game rules apply.
    s.network.generator = tacit::network::Generator::lattice;
    s.model.trust.initial_strong = 0.6;
    s.model.trust.initial_weak = 0.4;
    s.seed = 18446744073709551615ULL;
    s.description = "quotes \" and \\ and\nnewline, tab\t, unicode é";
    s.model.population.defaults.absorptive_capacity = tacit::model::Distribution::constant(1.0 / 3.0);
    s.model.population.personas[0].traits.sharing_cost.kind = tacit::model::DistKind::normal;
    s.model.population.personas[0].traits.sharing_cost.mean = 1.0 / 7.0;
    s.model.population.personas[0].traits.sharing_cost.sd = 0.1;
    s.network.weak_weight = 0.1f;
    s.source_file = "r.yaml";
    const std::string yaml = to_resolved_yaml(s);
    CHECK(yaml.find("\nseed: 18446744073709551615 ") != std::string::npos);
    CHECK(yaml.find("\npersonas: ") != std::string::npos);
    CHECK(yaml.find("\n  - name: \"experts\" ") != std::string::npos);
    CHECK(yaml.find("\n    sharing_cost: {dist: normal, mean: 0.14285714285714285, sd: 0.1} ") !=
          std::string::npos);
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

// ---- distributions ---------------------------------------------------------------------------

TEST_CASE("loader: every distribution form, in flow and block style",
          "[scenario][loader][distribution]") {
  using tacit::model::DistKind;
  const Scenario s = parse_scenario(R"(agents:
  altruism: 0.3
  recognition: {dist: constant, value: 0.7}
  reciprocity: {dist: uniform, min: 0.2, max: 0.6}
  learning: {dist: normal, mean: 0.4, sd: 0.05}
  visibility: {dist: beta, alpha: 2, beta: 5}
  sharing_cost: {dist: beta, alpha: 0.5, beta: 0.5, min: 1, max: 3}
  absorptive_capacity:
    dist: uniform
    max: 0.3
    min: 0.05
  initial_tacit: {dist: normal, mean: 0, sd: 1}
)",
                                    "s.yaml");
  const auto& t = s.model.population.defaults;
  CHECK(t.altruism.kind == DistKind::constant);
  CHECK(t.altruism.value == 0.3);
  CHECK(t.recognition.kind == DistKind::constant);
  CHECK(t.recognition.value == 0.7);
  CHECK(t.reciprocity.kind == DistKind::uniform);
  CHECK(t.reciprocity.min == 0.2);
  CHECK(t.reciprocity.max == 0.6);
  CHECK(t.learning.kind == DistKind::normal);
  CHECK(t.learning.mean == 0.4);
  CHECK(t.learning.sd == 0.05);
  CHECK(t.visibility.kind == DistKind::beta);
  CHECK(t.visibility.alpha == 2.0);
  CHECK(t.visibility.beta == 5.0);
  CHECK(t.visibility.min == 0.0);  // beta's min and max default to 0 and 1
  CHECK(t.visibility.max == 1.0);
  CHECK(t.sharing_cost.kind == DistKind::beta);
  CHECK(t.sharing_cost.min == 1.0);
  CHECK(t.sharing_cost.max == 3.0);
  CHECK(t.absorptive_capacity.kind == DistKind::uniform);
  CHECK(t.absorptive_capacity.min == 0.05);
  CHECK(t.absorptive_capacity.max == 0.3);
  CHECK(t.initial_tacit.kind == DistKind::normal);  // a half-normal on [0, inf)
  CHECK(t.initial_explicit.kind == DistKind::uniform);  // untouched default
}

TEST_CASE("loader error: distributions, each problem where it is written",
          "[scenario][loader][distribution][errors]") {
  auto one = [](const std::string& value) {
    return errors_of("agents:\n  altruism: " + value + "\n");
  };
  // The value starts at column 13: "  altruism: ".
  CHECK(one("[0, 1]") ==
        Strings{"s.yaml:2:13: 'agents.altruism' must be a number or a distribution such as "
                "{dist: uniform, min: 0, max: 1}; got a list"});
  CHECK(one("1.5") == Strings{"s.yaml:2:13: 'agents.altruism' must be in [0, 1]; got 1.5"});
  CHECK(one("{min: 0, max: 1}") ==
        Strings{"s.yaml:2:13: 'agents.altruism' must name its distribution with dist: "
                "constant, uniform, normal or beta, such as {dist: uniform, min: 0, max: 1}"});
  CHECK(one("{dist: unifrom, min: 0, max: 1}") ==
        Strings{"s.yaml:2:20: 'agents.altruism.dist' must be one of constant, uniform, normal, "
                "beta; got 'unifrom'; did you mean 'uniform'?"});
  CHECK(one("{dist: poisson, lambda: 1}") ==
        Strings{"s.yaml:2:20: 'agents.altruism.dist' must be one of constant, uniform, normal, "
                "beta; got 'poisson'"});
  CHECK(one("{dist: [uniform]}") ==
        Strings{"s.yaml:2:20: 'agents.altruism.dist' must be one of constant, uniform, normal, "
                "beta; got a list"});
  CHECK(one("{dist: uniform, mn: 0, max: 1}") ==
        Strings{"s.yaml:2:29: unknown key 'mn' in 'agents.altruism'; did you mean 'min'?"});
  CHECK(one("{dist: uniform, mean: 0.5, sd: 0.1}") ==
        Strings{"s.yaml:2:29: unknown key 'mean' in 'agents.altruism'; dist uniform takes min "
                "and max",
                "s.yaml:2:40: unknown key 'sd' in 'agents.altruism'; dist uniform takes min and "
                "max"});
  CHECK(one("{dist: uniform, max: 1}") ==
        Strings{"s.yaml:2:13: 'agents.altruism' with dist uniform must give 'min'"});
  CHECK(one("{dist: normal}") ==
        Strings{"s.yaml:2:13: 'agents.altruism' with dist normal must give 'mean'",
                "s.yaml:2:13: 'agents.altruism' with dist normal must give 'sd'"});
  CHECK(one("{dist: constant, value: high}") ==
        Strings{"s.yaml:2:37: 'agents.altruism.value' must be a number; got 'high'"});
  CHECK(one("{dist: constant, value: 2}") ==
        Strings{"s.yaml:2:37: 'agents.altruism.value' must be in [0, 1]; got 2"});
  CHECK(one("{dist: uniform, min: -0.5, max: 0.5}") ==
        Strings{"s.yaml:2:34: 'agents.altruism.min' must be in [0, 1]; got -0.5"});
  CHECK(one("{dist: uniform, min: 0.8, max: 0.2}") ==
        Strings{"s.yaml:2:13: 'agents.altruism' must have min < max; got min 0.8, max 0.2"});
  CHECK(one("{dist: normal, mean: 0.5, sd: 0}") ==
        Strings{"s.yaml:2:43: 'agents.altruism.sd' must be in (0, inf); got 0"});
  CHECK(one("{dist: normal, mean: 1.5, sd: 0.1}") ==
        Strings{"s.yaml:2:34: 'agents.altruism.mean' must be in [0, 1]; got 1.5"});
  CHECK(one("{dist: beta, alpha: 0, beta: 5}") ==
        Strings{"s.yaml:2:33: 'agents.altruism.alpha' must be in (0, inf); got 0"});
  CHECK(one("{dist: beta, alpha: 2, beta: 5, min: 0.5, max: 0.5}") ==
        Strings{"s.yaml:2:13: 'agents.altruism' must have min < max; got min 0.5, max 0.5"});
  CHECK(one("{dist: beta, alpha: 2, beta: 5, min: 0, min: 0.1}") ==
        Strings{"s.yaml:2:53: duplicate key 'min' in 'agents.altruism' (first given at line 2); "
                "keep one"});
  // Beta's default min (0) is outside an open range: the message says to give it.
  CHECK(errors_of("agents:\n  absorptive_capacity: {dist: beta, alpha: 2, beta: 5}\n") ==
        Strings{"s.yaml:2:24: 'agents.absorptive_capacity' with dist beta must give 'min' here: "
                "its default 0.0 is outside (0, 1]"});
  // Block style: each problem on its own line.
  CHECK(errors_of("agents:\n  sharing_cost:\n    dist: normal\n    mean: -1\n    sd: .inf\n") ==
        Strings{"s.yaml:4:11: 'agents.sharing_cost.mean' must be in [0, inf); got -1",
                "s.yaml:5:9: 'agents.sharing_cost.sd' must be in (0, inf); got .inf"});
}

TEST_CASE("loader: learning rule weights, and their errors", "[scenario][loader][distribution]") {
  using tacit::model::LearningRule;
  const auto rules =
      parse_scenario("agents:\n  learning_rules: {fermi: 0.5, win_stay_lose_shift: 1.5}\n", "s.yaml")
          .model.population.defaults.learning_rules;
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].rule == LearningRule::fermi);
  CHECK(rules[0].weight == 0.5);
  CHECK(rules[1].rule == LearningRule::win_stay_lose_shift);
  CHECK(rules[1].weight == 1.5);
  CHECK(errors_of("agents:\n  learning_rules: {fermy: 1}\n") ==
        Strings{"s.yaml:2:20: each name in 'agents.learning_rules' must be one of none, fermi, "
                "pairwise, death_birth, birth_death, imitation, imitate_best, repeat, "
                "mimic_majority, win_stay_lose_shift, mimic_winners; got 'fermy'; did you mean "
                "'fermi'?"});
  CHECK(errors_of("agents:\n  learning_rules: {fermi: -1}\n") ==
        Strings{"s.yaml:2:27: 'agents.learning_rules.fermi' must be in [0, inf); got -1"});
  CHECK(errors_of("agents:\n  learning_rules: {fermi: 0, repeat: 0}\n") ==
        Strings{"s.yaml:2:19: 'agents.learning_rules' must give at least one a positive weight, "
                "such as {fermi: 1}"});
  CHECK(errors_of("agents:\n  learning_rules: [fermi]\n") ==
        Strings{"s.yaml:2:19: 'agents.learning_rules' must be a mapping of names to weights such "
                "as {fermi: 1}; got a list"});
}

TEST_CASE("loader: --set of a distribution goes through the same checks",
          "[scenario][loader][distribution][set]") {
  using tacit::model::DistKind;
  const Scenario s = parse_scenario(
      "agents:\n  altruism: {dist: beta, alpha: 2, beta: 2}\n", "s.yaml",
      {"agents.altruism=0.3", "agents.recognition={dist: uniform, min: 0, max: 1}",
       "agents.learning_rules={fermi: 0.5, repeat: 0.5}"});
  CHECK(s.model.population.defaults.altruism.kind == DistKind::constant);
  CHECK(s.model.population.defaults.altruism.value == 0.3);
  CHECK(s.model.population.defaults.recognition.kind == DistKind::uniform);
  CHECK(s.model.population.defaults.recognition.max == 1.0);
  CHECK(s.model.population.defaults.learning_rules.size() == 2);
  CHECK(errors_of("ticks: 1\n", {"agents.altruism={dist: uniform, min: 0, max: 2}"}) ==
        Strings{"--set agents.altruism={dist: uniform, min: 0, max: 2}: 'agents.altruism.max' "
                "must be in [0, 1]; got 2"});
  CHECK(errors_of("ticks: 1\n", {"agents.altruism=1.5"}) ==
        Strings{"--set agents.altruism=1.5: 'agents.altruism' must be in [0, 1]; got 1.5"});
  CHECK(errors_of("ticks: 1\n", {"agents.altruism={dist: uniform, min: 0.5, max: 0.1}"}) ==
        Strings{"--set agents.altruism={dist: uniform, min: 0.5, max: 0.1}: 'agents.altruism' "
                "must have min < max; got min 0.5, max 0.1"});
  CHECK(errors_of("ticks: 1\n", {"agents.altruism.min=0.2"}) ==
        Strings{"--set agents.altruism.min=0.2: 'agents.altruism' is a key, not a section; got "
                "'agents.altruism.min'; set the whole distribution, such as --set "
                "'agents.altruism={dist: uniform, min: 0, max: 1}'"});
}

// ---- personas --------------------------------------------------------------------------------

namespace {
const std::string k_personas = R"(agents:
  altruism: 0.2
  absorptive_capacity: {dist: uniform, min: 0.05, max: 0.15}
personas:
  - name: experts
    share: 0.1
    altruism: {dist: beta, alpha: 5, beta: 2}
    decision: strategy
  - name: newcomers
    share: 0.6
    absorptive_capacity: 0.3
    learning_rules: {imitate_best: 1}
  - name: regular
    share: 0.3
)";
}  // namespace

TEST_CASE("loader: personas start from the agents: values and override what they name",
          "[scenario][loader][personas]") {
  using tacit::model::DistKind;
  const Scenario s = parse_scenario(k_personas, "s.yaml");
  const auto& p = s.model.population.personas;
  REQUIRE(p.size() == 3);
  CHECK(p[0].name == "experts");
  CHECK(p[0].share == 0.1);
  CHECK(p[0].traits.altruism.kind == DistKind::beta);
  CHECK(p[0].traits.altruism.alpha == 5.0);
  CHECK(p[0].traits.decision == tacit::model::DecisionRule::strategy);
  CHECK(p[0].traits.absorptive_capacity.kind == DistKind::uniform);  // from agents:
  CHECK(p[0].traits.absorptive_capacity.min == 0.05);
  CHECK(p[1].traits.altruism.value == 0.2);  // from agents:
  CHECK(p[1].traits.absorptive_capacity.kind == DistKind::constant);
  CHECK(p[1].traits.absorptive_capacity.value == 0.3);
  CHECK(p[1].traits.learning_rules.size() == 1);
  CHECK(p[1].traits.learning_rules[0].rule == tacit::model::LearningRule::imitate_best);
  CHECK(p[1].traits.decision == tacit::model::DecisionRule::utility);  // the default
  CHECK(p[2].traits.recognition.value == 0.5);  // neither names it: the struct default
  CHECK(p[2].traits.altruism.value == 0.2);
  // A --set of an agents: trait reaches every persona that does not name it, whatever the order.
  const Scenario t = parse_scenario(k_personas, "s.yaml", {"agents.altruism=0.4"});
  CHECK(t.model.population.personas[0].traits.altruism.kind == DistKind::beta);
  CHECK(t.model.population.personas[1].traits.altruism.value == 0.4);
  CHECK(t.model.population.personas[2].traits.altruism.value == 0.4);
  // No personas: an empty list (the model uses one persona 'regular' = agents:).
  CHECK(parse_scenario("personas:\n", "s.yaml").model.population.personas.empty());
  CHECK(parse_scenario("personas: []\n", "s.yaml").model.population.personas.empty());
  // --set replaces the whole list.
  const Scenario u = parse_scenario(k_personas, "s.yaml",
                                    {"personas=[{name: a, share: 0.5}, {name: b, share: 0.5, "
                                     "altruism: 0.9}]"});
  REQUIRE(u.model.population.personas.size() == 2);
  CHECK(u.model.population.personas[1].traits.altruism.value == 0.9);
  CHECK(parse_scenario(k_personas, "s.yaml", {"personas=[]"}).model.population.personas.empty());
}

TEST_CASE("loader error: persona shares must sum to 1", "[scenario][loader][personas][errors]") {
  CHECK(errors_of("personas:\n  - {name: a, share: 0.5}\n  - {name: b, share: 0.4}\n") ==
        Strings{"s.yaml:1:1: the shares of 'personas' must sum to 1; got a sum of 0.9"});
  CHECK(errors_of("personas:\n  - {name: a, share: 0.7}\n  - {name: b, share: 0.7}\n") ==
        Strings{"s.yaml:1:1: the shares of 'personas' must sum to 1; got a sum of 1.4"});
  // Thirds written to 10 decimals are within 1e-9 of 1.
  CHECK(parse_scenario("personas:\n  - {name: a, share: 0.3333333333}\n"
                       "  - {name: b, share: 0.3333333333}\n  - {name: c, share: 0.3333333334}\n",
                       "s.yaml")
            .model.population.personas.size() == 3);
  CHECK(errors_of("personas:\n  - {name: a, share: 0.333}\n  - {name: b, share: 0.333}\n"
                  "  - {name: c, share: 0.333}\n") ==
        Strings{"s.yaml:1:1: the shares of 'personas' must sum to 1; got a sum of 0.999"});
  CHECK(errors_of("ticks: 1\n", {"personas=[{name: a, share: 0.5}]"}) ==
        Strings{"--set personas=[{name: a, share: 0.5}]: the shares of 'personas' must sum to 1; "
                "got a sum of 0.5"});
  // A share that was rejected is not summed.
  CHECK(errors_of("personas:\n  - {name: a, share: 2}\n") ==
        Strings{"s.yaml:2:22: 'personas[0].share' must be in (0, 1]; got 2"});
}

TEST_CASE("loader error: persona keys and values, with did-you-mean and positions",
          "[scenario][loader][personas][errors]") {
  CHECK(errors_of("personas:\n  - name: a\n    share: 1\n    altruim: 0.3\n") ==
        Strings{"s.yaml:4:5: unknown key 'altruim' in 'personas[0]'; did you mean 'altruism'?"});
  CHECK(errors_of("personas:\n  - name: a\n    share: 1\n    mood: happy\n") ==
        Strings{"s.yaml:4:5: unknown key 'mood' in 'personas[0]'; a persona takes 'name', "
                "'share' and the keys of 'agents'"});
  CHECK(errors_of("personas:\n  - {name: a, share: 0.5}\n  - {name: b, shar: 0.5}\n") ==
        Strings{"s.yaml:3:5: 'personas[1]' must give 'share' ((0, 1])",
                "s.yaml:3:15: unknown key 'shar' in 'personas[1]'; did you mean 'share'?"});
  CHECK(errors_of("personas:\n  - {share: 1}\n") ==
        Strings{"s.yaml:2:5: 'personas[0]' must give 'name' (non-empty text)"});
  CHECK(errors_of("personas:\n  - {name: a, share: 0.5}\n  - {name: a, share: 0.5}\n") ==
        Strings{"s.yaml:3:12: 'personas[1].name' must be unique; got 'a' again (first given at "
                "line 2)"});
  CHECK(errors_of("personas:\n  - {name: '', share: 1}\n") ==
        Strings{"s.yaml:2:12: 'personas[0].name' must be non-empty text; got ''"});
  CHECK(errors_of("personas:\n  - {name: a, share: 1, altruism: {dist: uniform, min: 0.9, "
                  "max: 0.1}}\n") ==
        Strings{"s.yaml:2:35: 'personas[0].altruism' must have min < max; got min 0.9, max "
                "0.1"});
  CHECK(errors_of("personas:\n  - {name: a, share: 1, absorptive_capacity: 0}\n") ==
        Strings{"s.yaml:2:46: 'personas[0].absorptive_capacity' must be in (0, 1]; got 0"});
  CHECK(errors_of("personas:\n  - experts\n") ==
        Strings{"s.yaml:2:5: 'personas[0]' must be a mapping such as {name: experts, share: "
                "0.2, altruism: 0.9}; got 'experts'"});
  CHECK(errors_of("personas:\n  name: experts\n") ==
        Strings{"s.yaml:2:3: 'personas' must be a list of mappings such as [{name: experts, "
                "share: 0.2, altruism: 0.9}]; got a mapping"});
  CHECK(errors_of("personas:\n  - {name: a, share: 1, share: 1}\n") ==
        Strings{"s.yaml:2:25: duplicate key 'share' in 'personas[0]' (first given at line 2); "
                "keep one"});
}

TEST_CASE("loader: personas round-trip through the resolved YAML, every trait as a mapping",
          "[scenario][loader][personas][resolved]") {
  const Scenario s = parse_scenario(k_personas, "s.yaml", {"agents.altruism=0.4"});
  const std::string yaml = to_resolved_yaml(s);
  CHECK(yaml.find("\npersonas:") != std::string::npos);
  CHECK(yaml.find("\n  - name: \"experts\" ") != std::string::npos);
  CHECK(yaml.find("\n    share: 0.1 ") != std::string::npos);
  CHECK(yaml.find("\n    altruism: {dist: beta, alpha: 5.0, beta: 2.0, min: 0.0, max: 1.0} ") !=
        std::string::npos);
  CHECK(yaml.find("\n  - name: \"newcomers\"") != std::string::npos);
  CHECK(yaml.find("\n    absorptive_capacity: {dist: constant, value: 0.3}") !=
        std::string::npos);
  CHECK(yaml.find("\n    learning_rules: {imitate_best: 1.0}") != std::string::npos);
  // Every item key once per persona.
  std::size_t lines = 0;
  for (auto at = yaml.find("\n    initial_tacit: "); at != std::string::npos;
       at = yaml.find("\n    initial_tacit: ", at + 1)) {
    ++lines;
  }
  CHECK(lines == 3);
  const Scenario back = parse_scenario(yaml, "r.yaml");
  check_same(back, s);
  CHECK(to_resolved_yaml(back) == yaml);
  // ...and a later --set of agents: does not reach them: each persona names every trait.
  const Scenario again = parse_scenario(yaml, "r.yaml", {"agents.altruism=0.9"});
  const KeyInfo* personas = find_key("personas");
  REQUIRE(personas != nullptr);
  CHECK(personas->get(again) == personas->get(s));
}
