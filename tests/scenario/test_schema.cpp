// The key table: complete, self-consistent, and the single source of `tacit schema`.

#include <catch2/catch.hpp>
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
  // Scenario: name, description, seed, ticks, activation (keys) + network, model, output
  // (sections) + source_file (set by the loader, not a key).
  STATIC_REQUIRE(field_count<Scenario>() == 9);
  CHECK(keys_under("") == 5);
  CHECK(keys_under("network") == field_count<tacit::network::NetworkSpec>());
  STATIC_REQUIRE(field_count<tacit::model::ModelParams>() == 2);  // knowledge, transfer
  CHECK(keys_under("knowledge") == field_count<tacit::model::KnowledgeParams>());
  CHECK(keys_under("transfer") == field_count<tacit::model::TransferParams>());
  CHECK(keys_under("output") == field_count<OutputSpec>());
  CHECK(schema_keys().size() == 5 + keys_under("network") + keys_under("knowledge") +
                                    keys_under("transfer") + keys_under("output"));
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
  }
}

TEST_CASE("schema: every default lies within its own allowed range",
          "[scenario][schema]") {
  const Scenario defaults;
  for (const auto& k : schema_keys()) {
    INFO(k.path);
    CHECK(k.default_value == k.get(defaults));
    CHECK(check_value(k, k.default_value) == "");
    // ...and reads back from its own text.
    if (k.type != KeyType::integer_list && !k.optional) {
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
    const auto& k = key("transfer.absorptive_capacity");
    CHECK(read_scalar(k, "0.25", v) == "");
    CHECK(v == Value{0.25});
    CHECK(read_scalar(k, ".5", v) == "");
    CHECK(v == Value{0.5});
    CHECK(read_scalar(k, "+1e-3", v) == "");
    CHECK(v == Value{0.001});
    CHECK(read_scalar(k, "1", v) == "");
    CHECK(v == Value{1.0});
    CHECK(read_scalar(k, "0", v) == "'transfer.absorptive_capacity' must be in (0, 1]; got 0");
    CHECK(read_scalar(k, "1.5", v) == "'transfer.absorptive_capacity' must be in (0, 1]; got 1.5");
    CHECK(read_scalar(k, "1e400", v) ==
          "'transfer.absorptive_capacity' must be in (0, 1]; got 1e400");
    CHECK(read_scalar(k, ".inf", v) ==
          "'transfer.absorptive_capacity' must be in (0, 1]; got .inf");
    CHECK(read_scalar(k, "half", v) ==
          "'transfer.absorptive_capacity' must be a number; got 'half'");
    CHECK(read_scalar(k, ".nan", v) ==
          "'transfer.absorptive_capacity' must be a number; got '.nan'");
    CHECK(read_scalar(k, "nan", v) == "'transfer.absorptive_capacity' must be a number; got 'nan'");
    CHECK(read_scalar(k, "0.5x", v) ==
          "'transfer.absorptive_capacity' must be a number; got '0.5x'");
    CHECK(read_scalar(key("network.weight_threshold"), "-0.1", v) ==
          "'network.weight_threshold' must be in [0, inf); got -0.1");
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
  auto row = text.find("\ntransfer.absorptive_capacity");
  REQUIRE(row != std::string::npos);
  auto line = text.substr(row + 1, text.find('\n', row + 1) - row - 1);
  CHECK(line.substr(type_col, 7) == "number ");
  CHECK(line.find(" 0.1 ") != std::string::npos);
  CHECK(line.find(" (0, 1] ") != std::string::npos);
  CHECK(line.find("share of the knowledge gap") != std::string::npos);

  const std::string md = render_schema_markdown();
  CHECK(md.find("| `network.generator` | enum | `teams` | teams, stochastic_block,") !=
        std::string::npos);
  CHECK(md.find("| `seed` | integer | `none` |") != std::string::npos);
}
