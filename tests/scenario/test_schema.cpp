// The key table: complete, self-consistent, and the single source of `tacit schema`.

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <utility>

#include "tacit/scenario/schema.hpp"

using namespace tacit::scenario;

namespace {

// Number of members of an aggregate: the largest N for which T{any, ..., any} (N times) is
// well-formed. Lets the tests notice a field added to a struct without a schema key.
struct AnyValue {
  template <class U>
  operator U() const;
};
template <class T, std::size_t... I>
constexpr bool init_with(std::index_sequence<I...>) {
  return requires {
    T{(void(I), AnyValue{})...};
  };
}
template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
  if constexpr (init_with<T>(std::make_index_sequence<N + 1>{})) {
    return field_count<T, N + 1>();
  } else {
    return N;
  }
}

std::size_t keys_under(const std::string& section) {
  std::size_t n = 0;
  for (const auto& k : schema_keys()) n += k.section() == section ? 1 : 0;
  return n;
}

const KeyInfo& key(const std::string& path) {
  const KeyInfo* k = find_key(path);
  REQUIRE(k != nullptr);
  return *k;
}

}  // namespace

TEST_CASE("schema: one key per field of every settable struct", "[scenario][schema]") {
  namespace m = tacit::model;
  // Scenario: name, description, seed, ticks, activation (keys) + network, model, output
  // (sections) + source_file (set by the loader, not a key).
  STATIC_REQUIRE(field_count<Scenario>() == 9);
  // Top level: the five keys above and the list personas.
  CHECK(keys_under("") == 6);
  CHECK(keys_under("network") == field_count<tacit::network::NetworkSpec>());
  STATIC_REQUIRE(field_count<m::ModelParams>() == 14);
  // PopulationParams: defaults (agents.*), personas (the list), interests (knowledge.interests).
  STATIC_REQUIRE(field_count<m::PopulationParams>() == 3);
  CHECK(keys_under("agents") == field_count<m::AgentTraits>());
  STATIC_REQUIRE(field_count<m::Persona>() == 3);  // name, share, traits
  CHECK(key("personas").items.size() == 2 + field_count<m::AgentTraits>());
  CHECK(keys_under("knowledge") == field_count<m::KnowledgeParams>() + 1);
  CHECK(keys_under("needs") == field_count<m::NeedsParams>());
  CHECK(keys_under("search") == field_count<m::SearchParams>());
  CHECK(keys_under("decision") == field_count<m::DecisionParams>());
  CHECK(keys_under("transfer") == field_count<m::TransferParams>());
  CHECK(keys_under("trust") == field_count<m::TrustParams>());
  CHECK(keys_under("reputation") == field_count<m::ReputationParams>());
  CHECK(keys_under("organization") == field_count<m::OrganizationParams>());
  CHECK(keys_under("learning") == field_count<m::LearningParams>());
  CHECK(keys_under("innovation") == field_count<m::InnovationParams>());
  CHECK(keys_under("metrics") == field_count<m::MetricsParams>());
  CHECK(keys_under("esm") == field_count<m::EsmParams>());
  CHECK(keys_under("game") == field_count<m::GameParams>());
  CHECK(keys_under("output") == field_count<OutputSpec>());
  std::size_t sections = 0;
  for (const char* sec : {"network", "agents", "knowledge", "needs", "search", "decision",
                          "transfer", "trust", "reputation", "organization", "learning",
                          "innovation", "metrics", "esm", "game", "output"}) {
    sections += keys_under(sec);
  }
  CHECK(schema_keys().size() == 6 + sections);
}

TEST_CASE("schema: paths are unique and every key is complete", "[scenario][schema]") {
  std::set<std::string> seen;
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    CHECK(seen.insert(k.path).second);
    CHECK_FALSE(k.doc.empty());
    CHECK(k.get);
    CHECK(k.set);
    if (k.type == KeyType::enumeration) CHECK(k.choices.size() >= 2);
    CHECK(k.items.empty() == (k.type != KeyType::list));
    for (const auto& item : k.items) {
      INFO(item.path);
      CHECK(item.path.rfind(k.path + "[].", 0) == 0);
      CHECK(seen.insert(item.path).second);
      CHECK_FALSE(item.doc.empty());
      CHECK(item.get_item);
      CHECK(item.set_item);
      CHECK_FALSE(item.get);
    }
  }
  // Every trait under agents: is also a persona key, with the same type and range.
  for (const auto& k : schema_keys()) {
    if (k.section() != "agents") continue;
    INFO(k.path);
    const auto& items = key("personas").items;
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const KeyInfo& i) { return i.name() == k.name(); });
    REQUIRE(it != items.end());
    CHECK(it->type == k.type);
    CHECK(it->allowed_text() == k.allowed_text());
    CHECK_FALSE(it->required);
  }
}

TEST_CASE("schema: every default lies within its own allowed range",
          "[scenario][schema]") {
  const Scenario defaults;
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    CHECK(k.default_value == k.get(defaults));
    CHECK(check_value(k, k.default_value) == "");
    // ...and reads back from its own text (structured values: see the loader's tests).
    const bool scalar = k.type != KeyType::integer_list && k.type != KeyType::distribution &&
                        k.type != KeyType::weights && k.type != KeyType::list;
    if (scalar && !k.optional) {
      Value back;
      std::string text = format_value(k, k.default_value);
      if (k.type == KeyType::string) text = std::get<std::string>(k.default_value);
      CHECK(read_scalar(k, text, back) == "");
      CHECK(back == k.default_value);
    }
  }
  CHECK(std::holds_alternative<std::monostate>(key("seed").default_value));
}

TEST_CASE("schema: enum names map to the enumerators of the same name",
          "[scenario][schema]") {
  using namespace tacit::network;
  using tacit::model::Activation;
  auto set = [](const std::string& path, const std::string& name) {
    Scenario s;
    key(path).set(s, Value{name});
    CHECK(std::get<std::string>(key(path).get(s)) == name);
    return s;
  };
  CHECK(set("network.generator", "teams").network.generator == Generator::teams);
  CHECK(set("network.generator", "stochastic_block").network.generator ==
        Generator::stochastic_block);
  CHECK(set("network.generator", "watts_strogatz").network.generator == Generator::watts_strogatz);
  CHECK(set("network.generator", "barabasi_albert").network.generator ==
        Generator::barabasi_albert);
  CHECK(set("network.generator", "erdos_renyi").network.generator == Generator::erdos_renyi);
  CHECK(set("network.generator", "ring").network.generator == Generator::ring);
  CHECK(set("network.generator", "lattice").network.generator == Generator::lattice);
  CHECK(set("network.generator", "complete").network.generator == Generator::complete);
  CHECK(set("network.generator", "file").network.generator == Generator::file);
  CHECK(key("network.generator").choices.size() == 9);
  CHECK(set("activation", "random").activation == Activation::random);
  CHECK(set("activation", "fixed").activation == Activation::fixed);
  CHECK(set("activation", "synchronous").activation == Activation::synchronous);
  CHECK(set("network.weak_mode", "count").network.weak_mode == WeakTieMode::count);
  CHECK(set("network.weak_mode", "probability").network.weak_mode == WeakTieMode::probability);
  CHECK(set("network.neighbourhood", "von_neumann").network.neighbourhood ==
        Neighbourhood::von_neumann);
  CHECK(set("network.neighbourhood", "moore").network.neighbourhood == Neighbourhood::moore);
  CHECK(set("network.format", "automatic").network.format == FileFormat::automatic);
  CHECK(set("network.format", "csv").network.format == FileFormat::csv);
  CHECK(set("network.format", "graphml").network.format == FileFormat::graphml);
  CHECK(set("network.tie_rule", "natural").network.tie_rule == TieRule::natural);
  CHECK(set("network.tie_rule", "all_strong").network.tie_rule == TieRule::all_strong);
  CHECK(set("network.tie_rule", "all_weak").network.tie_rule == TieRule::all_weak);
  CHECK(set("network.tie_rule", "overlap").network.tie_rule == TieRule::overlap);
  CHECK(set("network.tie_rule", "weight_threshold").network.tie_rule == TieRule::weight_threshold);

  namespace m = tacit::model;
  CHECK(set("agents.decision", "utility").model.population.defaults.decision ==
        m::DecisionRule::utility);
  CHECK(set("agents.decision", "strategy").model.population.defaults.decision ==
        m::DecisionRule::strategy);
  CHECK(set("transfer.mode", "gift").model.transfer.mode == m::TransferMode::gift);
  CHECK(set("transfer.mode", "barter").model.transfer.mode == m::TransferMode::barter);
  CHECK(set("transfer.scope", "topic").model.transfer.scope == m::TransferScope::topic);
  CHECK(set("transfer.scope", "all").model.transfer.scope == m::TransferScope::all);
  CHECK(set("game.kind", "none").model.game.kind == m::GameKind::none);
  CHECK(set("game.kind", "donation").model.game.kind == m::GameKind::donation);
  CHECK(set("game.kind", "prisoners_dilemma").model.game.kind == m::GameKind::prisoners_dilemma);
  CHECK(set("game.kind", "public_goods").model.game.kind == m::GameKind::public_goods);
  CHECK(set("game.cost", "per_game").model.game.cost == m::PgCost::per_game);
  CHECK(set("game.cost", "per_individual").model.game.cost == m::PgCost::per_individual);
  CHECK(set("game.initial", "fraction").model.game.initial == m::InitialStrategies::fraction);
  CHECK(set("game.initial", "single_cooperator").model.game.initial ==
        m::InitialStrategies::single_cooperator);
  CHECK(set("game.initial", "single_defector").model.game.initial ==
        m::InitialStrategies::single_defector);
  CHECK(set("game.stop", "ticks").model.game.stop == m::StopRule::ticks);
  CHECK(set("game.stop", "fixation").model.game.stop == m::StopRule::fixation);
  using R = m::LearningRule;
  const std::pair<const char*, R> rules[] = {
      {"none", R::none},
      {"fermi", R::fermi},
      {"pairwise", R::pairwise},
      {"death_birth", R::death_birth},
      {"birth_death", R::birth_death},
      {"imitation", R::imitation},
      {"imitate_best", R::imitate_best},
      {"repeat", R::repeat},
      {"mimic_majority", R::mimic_majority},
      {"win_stay_lose_shift", R::win_stay_lose_shift},
      {"mimic_winners", R::mimic_winners}};
  CHECK(key("game.update").choices.size() == std::size(rules));
  CHECK(key("agents.learning_rules").choices == key("game.update").choices);
  for (const auto& [name, rule] : rules) {
    INFO(name);
    CHECK(set("game.update", name).model.game.update == rule);
    Scenario s;
    key("agents.learning_rules").set(s, Value{Weights{{name, 0.5}}});
    REQUIRE(s.model.population.defaults.learning_rules.size() == 1);
    CHECK(s.model.population.defaults.learning_rules[0].rule == rule);
    CHECK(s.model.population.defaults.learning_rules[0].weight == 0.5);
  }
  CHECK(distribution_names() == std::vector<std::string>{"constant", "uniform", "normal", "beta"});
  CHECK(distribution_parameters(m::DistKind::beta).size() == 4);
}

TEST_CASE("schema: read_scalar parses and checks each type", "[scenario][schema]") {
  Value v;
  SECTION("integer") {
    const auto& k = key("network.agents");
    CHECK(read_scalar(k, "500", v) == "");
    CHECK(v == Value{std::uint64_t{500}});
    CHECK(read_scalar(k, "+7", v) == "");
    CHECK(v == Value{std::uint64_t{7}});
    CHECK(read_scalar(k, "ten", v) == "'network.agents' must be an integer; got 'ten'");
    CHECK(read_scalar(k, "1e6", v) == "'network.agents' must be an integer; got '1e6'");
    CHECK(read_scalar(k, "1.0", v) == "'network.agents' must be an integer; got '1.0'");
    CHECK(read_scalar(k, "", v) == "'network.agents' must be an integer; got ''");
    CHECK(read_scalar(k, "0", v) == "'network.agents' must be in 1..50000000; got 0");
    CHECK(read_scalar(k, "-5", v) == "'network.agents' must be in 1..50000000; got -5");
    CHECK(read_scalar(k, "99999999999999999999999", v) ==
          "'network.agents' must be in 1..50000000; got 99999999999999999999999");
  }
  SECTION("seed takes the full unsigned 64-bit range") {
    const auto& k = key("seed");
    CHECK(read_scalar(k, "18446744073709551615", v) == "");
    CHECK(v == Value{std::uint64_t{18446744073709551615ULL}});
    CHECK(read_scalar(k, "18446744073709551616", v) ==
          "'seed' must be in 0..18446744073709551615; got 18446744073709551616");
  }
  SECTION("number") {
    const auto& k = key("needs.rate");
    CHECK(read_scalar(k, "0.25", v) == "");
    CHECK(v == Value{0.25});
    CHECK(read_scalar(k, ".5", v) == "");
    CHECK(v == Value{0.5});
    CHECK(read_scalar(k, "+1e-3", v) == "");
    CHECK(v == Value{0.001});
    CHECK(read_scalar(k, "1", v) == "");
    CHECK(v == Value{1.0});
    CHECK(read_scalar(k, "-0.1", v) == "'needs.rate' must be in [0, 1]; got -0.1");
    CHECK(read_scalar(k, "1.5", v) == "'needs.rate' must be in [0, 1]; got 1.5");
    CHECK(read_scalar(k, "1e400", v) == "'needs.rate' must be in [0, 1]; got 1e400");
    CHECK(read_scalar(k, ".inf", v) == "'needs.rate' must be in [0, 1]; got .inf");
    CHECK(read_scalar(k, "half", v) == "'needs.rate' must be a number; got 'half'");
    CHECK(read_scalar(k, ".nan", v) == "'needs.rate' must be a number; got '.nan'");
    CHECK(read_scalar(k, "nan", v) == "'needs.rate' must be a number; got 'nan'");
    CHECK(read_scalar(k, "0.5x", v) == "'needs.rate' must be a number; got '0.5x'");
    CHECK(read_scalar(key("network.weight_threshold"), "-0.1", v) ==
          "'network.weight_threshold' must be in [0, inf); got -0.1");
    CHECK(read_scalar(key("search.temperature"), "0", v) ==
          "'search.temperature' must be in (0, inf); got 0");
    CHECK(read_scalar(key("game.S"), "-1e300", v) == "");
    CHECK(read_scalar(key("game.S"), "-.inf", v) == "'game.S' must be in (-inf, inf); got -.inf");
  }
  SECTION("signed integer") {
    const auto& k = key("reputation.image_min");
    CHECK(read_scalar(k, "-128", v) == "");
    CHECK(v == Value{std::int64_t{-128}});
    CHECK(read_scalar(k, "-1", v) == "");
    CHECK(read_scalar(k, "0", v) == "'reputation.image_min' must be in -128..-1; got 0");
    CHECK(read_scalar(k, "-129", v) == "'reputation.image_min' must be in -128..-1; got -129");
    CHECK(read_scalar(k, "-99999999999999999999", v) ==
          "'reputation.image_min' must be in -128..-1; got -99999999999999999999");
    CHECK(read_scalar(k, "-1.5", v) == "'reputation.image_min' must be an integer; got '-1.5'");
    CHECK(read_scalar(key("reputation.image_max"), "+127", v) == "");
    CHECK(v == Value{std::int64_t{127}});
    CHECK(read_scalar(key("reputation.image_max"), "128", v) ==
          "'reputation.image_max' must be in 1..127; got 128");
  }
  SECTION("distribution: a number is a constant") {
    const auto& k = key("agents.absorptive_capacity");
    CHECK(read_scalar(k, "0.25", v) == "");
    CHECK(v == Value{DistributionValue{tacit::model::Distribution::constant(0.25)}});
    CHECK(read_scalar(k, "0", v) == "'agents.absorptive_capacity' must be in (0, 1]; got 0");
    CHECK(read_scalar(k, "lots", v) ==
          "'agents.absorptive_capacity' must be a number or a distribution such as {dist: "
          "uniform, min: 0, max: 1}; got 'lots'");
    CHECK(read_scalar(key("agents.sharing_cost"), "7.5", v) == "");
    CHECK(read_scalar(key("agents.sharing_cost"), ".inf", v) ==
          "'agents.sharing_cost' must be in [0, inf); got .inf");
  }
  SECTION("weights: a name alone has weight 1") {
    const auto& k = key("agents.learning_rules");
    CHECK(read_scalar(k, "fermi", v) == "");
    CHECK(v == Value{Weights{{"fermi", 1.0}}});
    CHECK(read_scalar(k, "fermy", v) ==
          "each name in 'agents.learning_rules' must be one of none, fermi, pairwise, "
          "death_birth, birth_death, imitation, imitate_best, repeat, mimic_majority, "
          "win_stay_lose_shift, mimic_winners; got 'fermy'; did you mean 'fermi'?");
  }
  SECTION("list") {
    CHECK(read_scalar(key("personas"), "x", v) ==
          "'personas' must be a list of mappings such as [{name: experts, share: 0.2, altruism: "
          "0.9}]; got 'x'");
  }
  SECTION("number stored as float is checked after rounding") {
    const auto& k = key("network.strong_weight");
    CHECK(read_scalar(k, "0.1", v) == "");
    CHECK(std::get<double>(v) == static_cast<double>(0.1f));
    CHECK(read_scalar(k, "1e39", v) == "'network.strong_weight' must be in (0, inf); got 1e39");
    CHECK(read_scalar(k, "1e-50", v) == "'network.strong_weight' must be in (0, inf); got 1e-50");
  }
  SECTION("boolean") {
    const auto& k = key("output.edges_csv");
    CHECK(read_scalar(k, "true", v) == "");
    CHECK(v == Value{true});
    CHECK(read_scalar(k, "False", v) == "");
    CHECK(v == Value{false});
    CHECK(read_scalar(k, "yes", v) == "'output.edges_csv' must be true or false; got 'yes'");
  }
  SECTION("string") {
    CHECK(read_scalar(key("description"), "", v) == "");
    CHECK(read_scalar(key("name"), "", v) == "'name' must be non-empty text; got ''");
  }
  SECTION("enumeration") {
    const auto& k = key("activation");
    CHECK(read_scalar(k, "synchronous", v) == "");
    CHECK(read_scalar(k, "Fixed", v) ==
          "'activation' must be one of random, fixed, synchronous; got 'Fixed'; did you mean "
          "'fixed'?");
    CHECK(read_scalar(k, "parallel", v) ==
          "'activation' must be one of random, fixed, synchronous; got 'parallel'");
  }
  SECTION("list item") {
    const auto& k = key("network.blocks");
    CHECK(read_scalar(k, "50", v) == "");
    CHECK(read_scalar(k, "x", v) == "each item of 'network.blocks' must be an integer; got 'x'");
    CHECK(read_scalar(k, "0", v) == "each item of 'network.blocks' must be in 1..50000000; got 0");
    CHECK(check_value(k, Value{std::vector<std::uint64_t>{}}) ==
          "'network.blocks' must have at least 1 item; got []");
  }
}

TEST_CASE("schema: format_value writes text that reads back exactly",
          "[scenario][schema]") {
  const auto& p = key("network.p_in");
  for (double x : {0.1, 1.0 / 3.0, 1e-7, 0.0, 1.0, 0.30000000000000004, 5e-324}) {
    INFO(x);
    Value back;
    std::string text = format_value(p, Value{x});
    REQUIRE(read_scalar(p, text, back) == "");
    CHECK(std::get<double>(back) == x);
  }
  CHECK(format_value(p, Value{0.1}) == "0.1");
  CHECK(format_value(p, Value{1.0}) == "1.0");
  CHECK(format_value(p, Value{1e-7}) == "1e-07");
  CHECK(format_value(key("network.weak_weight"), Value{static_cast<double>(0.1f)}) == "0.1");
  CHECK(format_value(key("network.blocks"), Value{std::vector<std::uint64_t>{3, 4}}) == "[3, 4]");
  CHECK(format_value(key("seed"), Value{}) == "~");
  CHECK(format_value(key("name"), Value{std::string("a \"b\"\\\n\x01")}) ==
        "\"a \\\"b\\\"\\\\\\n\\x01\"");
  CHECK(format_value(key("network.generator"), Value{std::string("ring")}) == "ring");
}

TEST_CASE("schema: closest_match hints only when close", "[scenario][schema]") {
  const std::vector<std::string> keys{"moderators", "posts", "adoption"};
  CHECK(closest_match("moderater", keys) == "moderators");
  CHECK(closest_match("psots", keys) == "posts");  // a transposition is one edit
  CHECK(closest_match("Posts", keys) == "posts");
  CHECK(closest_match("colour", keys) == "");
  CHECK(closest_match("x", {"k", "m"}) == "");
}

TEST_CASE("schema: render_schema lists every key aligned, with defaults from the structs",
          "[scenario][schema]") {
  const std::string text = render_schema();
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    CHECK(text.find("\n" + k.path + " ") != std::string::npos);
  }
  CHECK(text.find("\nKEY ") != std::string::npos);
  CHECK(text.find("network.team_size <= network.agents") != std::string::npos);
  // Columns line up: TYPE starts at the same column in the header and in every key row.
  const auto header = text.find("\nKEY ");
  const auto type_col = text.find("TYPE", header) - header - 1;
  auto row = text.find("\nagents.absorptive_capacity");
  REQUIRE(row != std::string::npos);
  auto line = text.substr(row + 1, text.find('\n', row + 1) - row - 1);
  CHECK(line.substr(type_col, 13) == "distribution ");
  CHECK(line.find(" 0.1 ") != std::string::npos);
  CHECK(line.find(" (0, 1] ") != std::string::npos);
  CHECK(line.find("share of a knowledge gap closed per transfer") != std::string::npos);
  // Distributions are explained, personas have one line per item key.
  CHECK(text.find("{dist: beta, alpha: a, beta: b, min: 0, max: 1}") != std::string::npos);
  CHECK(text.find(" uniform(0, 1) ") != std::string::npos);
  for (const auto& item : key("personas").items) {
    INFO(item.path);
    CHECK(text.find("\n" + item.path + " ") != std::string::npos);
  }
  CHECK(text.find("\npersonas[].name ") != std::string::npos);
  CHECK(text.find("\npersonas[].share ") != std::string::npos);
  CHECK(text.find("\npersonas[].learning_rules ") != std::string::npos);
  CHECK(text.find(" required ") != std::string::npos);
  CHECK(text.find(" (agents) ") != std::string::npos);
  CHECK(text.find("personas: the shares sum to 1") != std::string::npos);

  const std::string md = render_schema_markdown();
  CHECK(md.find("| `network.generator` | enum | `teams` | teams, stochastic_block,") !=
        std::string::npos);
  CHECK(md.find("| `seed` | integer | `none` |") != std::string::npos);
  CHECK(md.find("| `personas[].share` | number | `required` | (0, 1] |") != std::string::npos);
}

// ---- structured values -----------------------------------------------------------------------

namespace {
tacit::model::Distribution dist(tacit::model::DistKind kind, double a, double b,
                                double lo = 0.0, double hi = 1.0) {
  tacit::model::Distribution d;
  d.kind = kind;
  switch (kind) {
    case tacit::model::DistKind::constant: d.value = a; break;
    case tacit::model::DistKind::uniform:
      d.min = a;
      d.max = b;
      break;
    case tacit::model::DistKind::normal:
      d.mean = a;
      d.sd = b;
      break;
    case tacit::model::DistKind::beta:
      d.alpha = a;
      d.beta = b;
      d.min = lo;
      d.max = hi;
      break;
  }
  return d;
}
Value dv(const tacit::model::Distribution& d) { return Value{DistributionValue{d}}; }
}  // namespace

TEST_CASE("schema: check_value of a distribution checks each parameter against the trait's range",
          "[scenario][schema]") {
  using K = tacit::model::DistKind;
  const auto& a = key("agents.altruism");             // [0, 1]
  const auto& c = key("agents.absorptive_capacity");  // (0, 1]
  const auto& s = key("agents.sharing_cost");         // [0, inf)
  CHECK(check_value(a, dv(dist(K::constant, 0.3, 0))) == "");
  CHECK(check_value(a, dv(dist(K::constant, 1.5, 0))) ==
        "'agents.altruism.value' must be in [0, 1]; got 1.5");
  CHECK(check_value(c, dv(dist(K::constant, 0.0, 0))) ==
        "'agents.absorptive_capacity.value' must be in (0, 1]; got 0");
  CHECK(check_value(a, dv(dist(K::uniform, 0.2, 0.4))) == "");
  CHECK(check_value(a, dv(dist(K::uniform, -0.2, 0.4))) ==
        "'agents.altruism.min' must be in [0, 1]; got -0.2");
  CHECK(check_value(a, dv(dist(K::uniform, 0.2, 1.4))) ==
        "'agents.altruism.max' must be in [0, 1]; got 1.4");
  CHECK(check_value(a, dv(dist(K::uniform, 0.4, 0.4))) ==
        "'agents.altruism' must have min < max; got min 0.4, max 0.4");
  CHECK(check_value(c, dv(dist(K::uniform, 0.0, 0.5))) ==
        "'agents.absorptive_capacity.min' must be in (0, 1]; got 0");
  CHECK(check_value(s, dv(dist(K::uniform, 0.0, 1e6))) == "");
  CHECK(check_value(a, dv(dist(K::normal, 0.5, 0.1))) == "");
  CHECK(check_value(c, dv(dist(K::normal, 0.0, 0.1))) == "");  // mean on the open end
  CHECK(check_value(s, dv(dist(K::normal, 0.0, 1.0))) == "");  // a half-normal
  CHECK(check_value(a, dv(dist(K::normal, 1.5, 0.1))) ==
        "'agents.altruism.mean' must be in [0, 1]; got 1.5");
  CHECK(check_value(a, dv(dist(K::normal, 0.5, 0.0))) ==
        "'agents.altruism.sd' must be in (0, inf); got 0");
  CHECK(check_value(a, dv(dist(K::beta, 2, 5))) == "");
  CHECK(check_value(s, dv(dist(K::beta, 2, 5, 1, 3))) == "");
  CHECK(check_value(a, dv(dist(K::beta, 0, 5))) ==
        "'agents.altruism.alpha' must be in (0, inf); got 0");
  CHECK(check_value(a, dv(dist(K::beta, 2, -1))) ==
        "'agents.altruism.beta' must be in (0, inf); got -1");
  CHECK(check_value(c, dv(dist(K::beta, 2, 5))) ==
        "'agents.absorptive_capacity.min' must be in (0, 1]; got 0");
  CHECK(check_value(a, dv(dist(K::beta, 2, 5, 0.5, 0.5))) ==
        "'agents.altruism' must have min < max; got min 0.5, max 0.5");
}

TEST_CASE("schema: distribution values compare by the parameters of their kind",
          "[scenario][schema]") {
  using K = tacit::model::DistKind;
  auto a = dist(K::uniform, 0.2, 0.4);
  auto b = a;
  b.mean = 123.0;  // not a parameter of uniform
  CHECK(DistributionValue{a} == DistributionValue{b});
  b.max = 0.5;
  CHECK_FALSE(DistributionValue{a} == DistributionValue{b});
  CHECK_FALSE(DistributionValue{dist(K::constant, 0.2, 0)} ==
              DistributionValue{dist(K::uniform, 0.2, 0.2)});
  CHECK(distribution_text(dist(K::constant, 0.5, 0)) == "0.5");
  CHECK(distribution_text(dist(K::uniform, 0, 1)) == "uniform(0, 1)");
  CHECK(distribution_text(dist(K::normal, 0.5, 0.1)) == "normal(0.5, 0.1)");
  CHECK(distribution_text(dist(K::beta, 2, 5)) == "beta(2, 5, 0, 1)");
}

TEST_CASE("schema: check_value of weights and of the persona list", "[scenario][schema]") {
  const auto& w = key("agents.learning_rules");
  CHECK(check_value(w, Value{Weights{{"fermi", 0.5}, {"repeat", 0.5}}}) == "");
  CHECK(check_value(w, Value{Weights{{"fermi", 0.0}, {"repeat", 0.0}}}) ==
        "'agents.learning_rules' must give at least one a positive weight, such as {fermi: 1}");
  CHECK(check_value(w, Value{Weights{}}) ==
        "'agents.learning_rules' must give at least one a positive weight, such as {fermi: 1}");
  CHECK(check_value(w, Value{Weights{{"fermi", -1.0}}}) ==
        "'agents.learning_rules.fermi' must be in [0, inf); got -1");
  CHECK(check_value(w, Value{Weights{{"fermi", 1.0}, {"fermi", 1.0}}}) ==
        "'agents.learning_rules' names 'fermi' twice; keep one");

  const auto& p = key("personas");
  tacit::model::Persona a;
  a.name = "experts";
  a.share = 0.2;
  tacit::model::Persona b = a;
  b.name = "rest";
  b.share = 0.8;
  CHECK(check_value(p, Value{PersonaList{{a, b}}}) == "");
  CHECK(check_value(p, Value{PersonaList{}}) == "");
  b.name = "experts";
  CHECK(check_value(p, Value{PersonaList{{a, b}}}) ==
        "'personas[1].name' must be unique; got 'experts' again (as 'personas[0].name')");
  b.name = "";
  CHECK(check_value(p, Value{PersonaList{{a, b}}}) ==
        "'personas[1].name' must be non-empty text; got ''");
  b.name = "rest";
  b.share = 0.0;
  CHECK(check_value(p, Value{PersonaList{{a, b}}}) ==
        "'personas[1].share' must be in (0, 1]; got 0");
  b.share = 0.8;
  b.traits.visibility = tacit::model::Distribution::constant(2.0);
  CHECK(check_value(p, Value{PersonaList{{a, b}}}) ==
        "'personas[1].visibility.value' must be in [0, 1]; got 2");
}

TEST_CASE("schema: format_value writes distributions, weights and personas as flow YAML",
          "[scenario][schema]") {
  using K = tacit::model::DistKind;
  const auto& a = key("agents.altruism");
  CHECK(format_value(a, dv(dist(K::constant, 0.5, 0))) == "{dist: constant, value: 0.5}");
  CHECK(format_value(a, dv(dist(K::uniform, 0, 1))) == "{dist: uniform, min: 0.0, max: 1.0}");
  CHECK(format_value(a, dv(dist(K::normal, 0.5, 0.1))) == "{dist: normal, mean: 0.5, sd: 0.1}");
  CHECK(format_value(a, dv(dist(K::beta, 2, 5))) ==
        "{dist: beta, alpha: 2.0, beta: 5.0, min: 0.0, max: 1.0}");
  CHECK(format_value(key("agents.learning_rules"), Value{Weights{{"fermi", 0.5}, {"none", 2}}}) ==
        "{fermi: 0.5, none: 2.0}");
  CHECK(format_value(key("personas"), Value{PersonaList{}}) == "[]");
  const tacit::model::Persona x{std::string("x"), 1.0, {}};
  const std::string one = format_value(key("personas"), Value{PersonaList{{x}}});
  CHECK(one.rfind("[{name: \"x\", share: 1.0, altruism: {dist: constant, value: 0.5}, ", 0) == 0);
  CHECK(one.find(", learning_rules: {none: 1.0}}]") != std::string::npos);
  CHECK(format_value(key("reputation.image_min"), Value{std::int64_t{-5}}) == "-5");
}

TEST_CASE("schema: cross-field rules of the model sections", "[scenario][schema]") {
  auto message = [](const Scenario& s, const std::string& first_key) {
    for (const auto& c : schema_constraints()) {
      if (c.keys.front() == first_key) return c.check(s);
    }
    FAIL("no rule on " << first_key);
    return std::string{};
  };
  Scenario s;
  CHECK(message(s, "knowledge.interests") == "");
  s.model.population.interests = 9;
  CHECK(message(s, "knowledge.interests") ==
        "'knowledge.interests' must be at most 'knowledge.topics' (8); got 9");

  // Beta reputation with w = 2 prior observations: E in [1/4, 3/4].
  s = Scenario{};
  s.model.trust.initial_strong = 0.75;
  s.model.trust.initial_weak = 0.25;
  CHECK(message(s, "trust.initial_strong") == "");
  CHECK(message(s, "trust.initial_weak") == "");
  s.model.trust.initial_strong = 0.8;
  CHECK(message(s, "trust.initial_strong") ==
        "'trust.initial_strong' must be in [1/(w+2), (w+1)/(w+2)] = [0.25, 0.75] for "
        "'trust.prior_weight' w = 2 (a larger w allows more extreme values); got 0.8");
  s.model.trust.prior_weight = 3.0;  // [0.2, 0.8]
  CHECK(message(s, "trust.initial_strong") == "");
  s.model.trust.initial_weak = 0.1;
  CHECK(message(s, "trust.initial_weak") ==
        "'trust.initial_weak' must be in [1/(w+2), (w+1)/(w+2)] = [0.2, 0.8] for "
        "'trust.prior_weight' w = 3 (a larger w allows more extreme values); got 0.1");

  s = Scenario{};
  s.model.game.initial_node = 500;
  CHECK(message(s, "game.initial_node") == "");  // no game
  s.model.game.kind = tacit::model::GameKind::donation;
  CHECK(message(s, "game.initial_node") == "");  // initial fraction: the node is unused
  s.model.game.initial = tacit::model::InitialStrategies::single_cooperator;
  CHECK(message(s, "game.initial_node") ==
        "'game.initial_node' must be less than the number of agents (200); got 500");
  s.network.generator = tacit::network::Generator::lattice;  // 10 x 10
  s.model.game.initial_node = 100;
  CHECK(message(s, "game.initial_node") ==
        "'game.initial_node' must be less than the number of agents (100); got 100");
  s.model.game.initial_node = 99;
  CHECK(message(s, "game.initial_node") == "");

  s = Scenario{};
  tacit::model::Persona a, b;
  a.share = 0.3;
  b.share = 0.6;
  s.model.population.personas = {a, b};
  CHECK(message(s, "personas") == "the shares of 'personas' must sum to 1; got a sum of 0.9");
  s.model.population.personas[1].share = 0.7;
  CHECK(message(s, "personas") == "");
}
