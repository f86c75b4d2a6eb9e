#include "tacit/scenario/schema.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <type_traits>
#include <utility>

namespace tacit::scenario {

namespace {

// Largest network a run accepts; also bounds every size-like key so sums cannot overflow.
constexpr std::uint64_t k_max_agents = 50'000'000;
// Arc ids are 32-bit (network::ArcId) and each tie is two arcs.
constexpr std::uint64_t k_max_ties = 2'147'483'647;
constexpr double k_inf = std::numeric_limits<double>::infinity();

// Enumerator names, in each enum's declaration order (the table's `choices`). The mapping
// name <-> value is static_cast by index, so the order here must follow the enum; the tests
// check every enumerator by name.
const std::vector<std::string> k_generator_names{
    "teams",           "stochastic_block", "watts_strogatz",
    "barabasi_albert", "erdos_renyi",      "ring",
    "lattice",         "complete",         "file"};
const std::vector<std::string> k_activation_names{"random", "fixed", "synchronous"};
const std::vector<std::string> k_weak_mode_names{"count", "probability"};
const std::vector<std::string> k_neighbourhood_names{"von_neumann", "moore"};
const std::vector<std::string> k_format_names{"automatic", "csv", "graphml"};
const std::vector<std::string> k_tie_rule_names{"natural", "all_strong", "all_weak", "overlap",
                                                "weight_threshold"};

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

std::string to_text(std::uint64_t x) {
  std::array<char, 24> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  (void)ec;
  return std::string(buf.data(), end);
}

// Shortest round-trip form; integral values keep a ".0" so the type stays visible.
template <class T>
std::string number_text(T x) {
  if (std::isnan(x)) return ".nan";
  if (std::isinf(x)) return x > 0 ? ".inf" : "-.inf";
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  (void)ec;
  std::string out(buf.data(), end);
  if (out.find_first_not_of("-0123456789") == std::string::npos) out += ".0";
  return out;
}

// Plain shortest form for messages and ranges ("0.5", "200", "1000000", "inf").
std::string plain(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == std::floor(x) && std::fabs(x) < 1e15) {
    std::string out = x < 0 ? "-" : "";
    out += to_text(static_cast<std::uint64_t>(std::fabs(x)));
    return out;
  }
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  (void)ec;
  return std::string(buf.data(), end);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

std::string range_text(const NumberRange& r) {
  return std::string(r.min_open ? "(" : "[") + plain(r.min) + ", " + plain(r.max) +
         (r.max_open ? ")" : "]");
}

bool in_range(const NumberRange& r, double x) {
  if (std::isnan(x)) return false;
  bool lo = r.min_open ? x > r.min : x >= r.min;
  bool hi = r.max_open ? x < r.max : x <= r.max;
  return lo && hi;
}

bool in_range(const IntegerRange& r, std::uint64_t x) {
  return x >= r.min && x <= r.max;
}

std::string int_range_text(const IntegerRange& r) {
  return to_text(r.min) + ".." + to_text(r.max);
}

std::string what_to_name(const KeyInfo& key, bool item) {
  return item ? "each item of " + in_quotes(key.path) : in_quotes(key.path);
}

// ---- integers ------------------------------------------------------------------------------

enum class IntStatus { ok, not_integer, out_of_range };

IntStatus parse_integer(std::string_view text, std::uint64_t& out) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return IntStatus::not_integer;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  (void)ptr;
  if (ec == std::errc::result_out_of_range) return IntStatus::out_of_range;
  if (negative && out != 0) return IntStatus::out_of_range;
  return IntStatus::ok;
}

std::string read_integer(const KeyInfo& key, std::string_view text, std::uint64_t& out, bool item) {
  switch (parse_integer(text, out)) {
    case IntStatus::not_integer:
      return what_to_name(key, item) + " must be an integer; got " + in_quotes(text);
    case IntStatus::out_of_range:
      return what_to_name(key, item) + " must be in " + int_range_text(key.integers) + "; got " +
             std::string(text);
    case IntStatus::ok: break;
  }
  if (!in_range(key.integers, out)) {
    return what_to_name(key, item) + " must be in " + int_range_text(key.integers) + "; got " +
           std::string(text);
  }
  return {};
}

// ---- numbers -------------------------------------------------------------------------------

std::string read_number(const KeyInfo& key, std::string_view text, double& out) {
  const std::string not_number = in_quotes(key.path) + " must be a number; got " + in_quotes(text);
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body.empty()) return not_number;
  bool out_of_range = false;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    out = negative ? -k_inf : k_inf;
  } else if (body.front() != '.' && !std::isdigit(static_cast<unsigned char>(body.front()))) {
    return not_number;  // also rejects "nan", "inf", "0x10" spelled without digits first
  } else {
    auto [ptr, ec] =
        std::from_chars(body.data(), body.data() + body.size(), out, std::chars_format::general);
    if (ptr != body.data() + body.size() || ec == std::errc::invalid_argument) return not_number;
    out_of_range = ec == std::errc::result_out_of_range;
    if (negative) out = -out;
  }
  if (key.single_precision && !out_of_range) {
    out = static_cast<double>(static_cast<float>(out));  // check what will be stored
  }
  if (out_of_range || !in_range(key.numbers, out)) {
    return in_quotes(key.path) + " must be in " + range_text(key.numbers) + "; got " +
           std::string(text);
  }
  return {};
}

// ---- binding helpers -----------------------------------------------------------------------
// Each takes a generic lambda `[](auto& s) -> auto& { return s.some.field; }` naming the field
// once; it serves both the const getter and the setter.

template <class F>
using FieldType = std::remove_cvref_t<decltype(std::declval<F&>()(std::declval<Scenario&>()))>;

KeyInfo base_key(std::string path, KeyType type, std::string doc) {
  KeyInfo k;
  k.path = std::move(path);
  k.type = type;
  k.doc = std::move(doc);
  return k;
}

template <class F>
KeyInfo integer_key(std::string path, F field, std::uint64_t min, std::uint64_t max,
                    std::string doc) {
  using T = FieldType<F>;
  static_assert(std::is_unsigned_v<T>);
  if (max > std::numeric_limits<T>::max()) {
    throw std::logic_error("schema: range of '" + path + "' exceeds its field type");
  }
  KeyInfo k = base_key(std::move(path), KeyType::integer, std::move(doc));
  k.integers = {min, max};
  k.get = [field](const Scenario& s) -> Value { return std::uint64_t{field(s)}; };
  k.set = [field](Scenario& s, const Value& v) {
    field(s) = static_cast<T>(std::get<std::uint64_t>(v));
  };
  return k;
}

template <class F>
KeyInfo number_key(std::string path, F field, NumberRange range, std::string doc) {
  using T = FieldType<F>;
  static_assert(std::is_floating_point_v<T>);
  KeyInfo k = base_key(std::move(path), KeyType::number, std::move(doc));
  k.numbers = range;
  k.single_precision = std::is_same_v<T, float>;
  k.get = [field](const Scenario& s) -> Value { return static_cast<double>(field(s)); };
  k.set = [field](Scenario& s, const Value& v) { field(s) = static_cast<T>(std::get<double>(v)); };
  return k;
}

template <class F>
KeyInfo boolean_key(std::string path, F field, std::string doc) {
  KeyInfo k = base_key(std::move(path), KeyType::boolean, std::move(doc));
  k.get = [field](const Scenario& s) -> Value { return bool{field(s)}; };
  k.set = [field](Scenario& s, const Value& v) { field(s) = std::get<bool>(v); };
  return k;
}

template <class F>
KeyInfo string_key(std::string path, F field, std::string doc) {
  KeyInfo k = base_key(std::move(path), KeyType::string, std::move(doc));
  k.get = [field](const Scenario& s) -> Value { return std::string(field(s)); };
  k.set = [field](Scenario& s, const Value& v) { field(s) = std::get<std::string>(v); };
  return k;
}

template <class F>
KeyInfo enum_key(std::string path, F field, const std::vector<std::string>& names,
                 std::string doc) {
  using E = FieldType<F>;
  static_assert(std::is_enum_v<E>);
  KeyInfo k = base_key(std::move(path), KeyType::enumeration, std::move(doc));
  k.choices = names;
  k.get = [field, names](const Scenario& s) -> Value {
    return names.at(static_cast<std::size_t>(field(s)));
  };
  k.set = [field, names](Scenario& s, const Value& v) {
    auto it = std::find(names.begin(), names.end(), std::get<std::string>(v));
    field(s) = static_cast<E>(it - names.begin());
  };
  return k;
}

template <class F>
KeyInfo integer_list_key(std::string path, F field, std::uint64_t min, std::uint64_t max,
                         std::size_t min_items, std::string doc) {
  using T = typename FieldType<F>::value_type;
  if (max > std::numeric_limits<T>::max()) {
    throw std::logic_error("schema: range of '" + path + "' exceeds its field type");
  }
  KeyInfo k = base_key(std::move(path), KeyType::integer_list, std::move(doc));
  k.integers = {min, max};
  k.min_items = min_items;
  k.get = [field](const Scenario& s) -> Value {
    return std::vector<std::uint64_t>(field(s).begin(), field(s).end());
  };
  k.set = [field](Scenario& s, const Value& v) {
    const auto& items = std::get<std::vector<std::uint64_t>>(v);
    field(s).clear();
    for (auto x : items) field(s).push_back(static_cast<T>(x));
  };
  return k;
}

constexpr NumberRange k_probability{0.0, 1.0, false, false};

std::vector<KeyInfo> build_keys() {
  std::vector<KeyInfo> keys;
  auto add = [&keys](KeyInfo k) { keys.push_back(std::move(k)); };

  // top level
  {
    KeyInfo k = string_key(
        "name", [](auto& s) -> auto& { return s.name; },
        "short name of the scenario, recorded in the outputs");
    k.non_empty = true;
    add(std::move(k));
  }
  add(string_key(
      "description", [](auto& s) -> auto& { return s.description; },
      "free text: what the scenario is for"));
  {
    KeyInfo k = base_key("seed", KeyType::integer,
                         "root seed of every random stream; absent: drawn by the run and recorded");
    k.optional = true;
    k.get = [](const Scenario& s) -> Value {
      if (s.seed) return *s.seed;
      return std::monostate{};
    };
    k.set = [](Scenario& s, const Value& v) {
      if (std::holds_alternative<std::monostate>(v)) {
        s.seed.reset();
      } else {
        s.seed = std::get<std::uint64_t>(v);
      }
    };
    add(std::move(k));
  }
  add(integer_key(
      "ticks", [](auto& s) -> auto& { return s.ticks; }, 0, 1'000'000'000,
      "number of ticks (time steps) to run"));
  add(enum_key(
      "activation", [](auto& s) -> auto& { return s.activation; }, k_activation_names,
      "order in which agents act within a tick (synchronous: all on one snapshot)"));

  // network
  add(enum_key(
      "network.generator", [](auto& s) -> auto& { return s.network.generator; }, k_generator_names,
      "how the network is made: a generator, or file to import one"));
  add(integer_key(
      "network.agents", [](auto& s) -> auto& { return s.network.agents; }, 1, k_max_agents,
      "number of agents (ignored for file; lattice: width x height)"));
  add(integer_key(
      "network.team_size", [](auto& s) -> auto& { return s.network.team_size; }, 1, k_max_agents,
      "teams: agents per team (the last team may be smaller)"));
  add(integer_key(
      "network.teams_per_department",
      [](auto& s) -> auto& { return s.network.teams_per_department; }, 0, k_max_agents,
      "teams: teams per department; 0 for no departments"));
  add(number_key(
      "network.strong_p", [](auto& s) -> auto& { return s.network.strong_p; }, k_probability,
      "teams: probability of each within-team (strong) tie"));
  add(enum_key(
      "network.weak_mode", [](auto& s) -> auto& { return s.network.weak_mode; }, k_weak_mode_names,
      "teams: weak ties by mean count per agent, or by probability per cross-team pair"));
  add(number_key(
      "network.weak_ties", [](auto& s) -> auto& { return s.network.weak_ties; },
      NumberRange{0.0, 1e6, false, false}, "teams, weak_mode count: mean weak ties per agent"));
  add(number_key(
      "network.weak_p", [](auto& s) -> auto& { return s.network.weak_p; }, k_probability,
      "teams, weak_mode probability: probability per cross-team pair"));
  add(number_key(
      "network.weak_same_department",
      [](auto& s) -> auto& { return s.network.weak_same_department; }, k_probability,
      "teams: share of weak ties kept inside the department"));
  add(integer_list_key(
      "network.blocks", [](auto& s) -> auto& { return s.network.blocks; }, 1, k_max_agents, 1,
      "stochastic_block: block sizes (they become teams); must sum to agents"));
  add(number_key(
      "network.p_in", [](auto& s) -> auto& { return s.network.p_in; }, k_probability,
      "stochastic_block: tie probability inside a block (strong ties)"));
  add(number_key(
      "network.p_out", [](auto& s) -> auto& { return s.network.p_out; }, k_probability,
      "stochastic_block: tie probability across blocks (weak ties)"));
  add(integer_key(
      "network.k", [](auto& s) -> auto& { return s.network.k; }, 2, k_max_agents,
      "ring, watts_strogatz: even; k/2 nearest neighbours a side"));
  add(number_key(
      "network.rewire_p", [](auto& s) -> auto& { return s.network.rewire_p; }, k_probability,
      "watts_strogatz: probability of rewiring each lattice tie"));
  add(integer_key(
      "network.m", [](auto& s) -> auto& { return s.network.m; }, 1, k_max_agents,
      "barabasi_albert: ties each new agent makes (preferential attachment)"));
  add(number_key(
      "network.edge_p", [](auto& s) -> auto& { return s.network.edge_p; }, k_probability,
      "erdos_renyi: probability of each tie, G(n, p)"));
  add(integer_key(
      "network.width", [](auto& s) -> auto& { return s.network.width; }, 1, k_max_agents,
      "lattice: columns"));
  add(integer_key(
      "network.height", [](auto& s) -> auto& { return s.network.height; }, 1, k_max_agents,
      "lattice: rows"));
  add(enum_key(
      "network.neighbourhood", [](auto& s) -> auto& { return s.network.neighbourhood; },
      k_neighbourhood_names, "lattice: 4 neighbours (von_neumann) or 8 (moore)"));
  add(boolean_key(
      "network.periodic", [](auto& s) -> auto& { return s.network.periodic; },
      "lattice: wrap around the edges (a torus)"));
  {
    KeyInfo k = string_key(
        "network.path", [](auto& s) -> auto& { return s.network.path; },
        "file: edge-list CSV or GraphML; relative to the scenario's folder");
    k.relative_to_source = true;
    add(std::move(k));
  }
  add(enum_key(
      "network.format", [](auto& s) -> auto& { return s.network.format; }, k_format_names,
      "file: format of network.path (automatic: by its extension)"));
  add(enum_key(
      "network.tie_rule", [](auto& s) -> auto& { return s.network.tie_rule; }, k_tie_rule_names,
      "how ties without a given kind are classified strong or weak"));
  add(number_key(
      "network.overlap_threshold", [](auto& s) -> auto& { return s.network.overlap_threshold; },
      k_probability, "tie_rule overlap: neighbourhood overlap at or above which a tie is strong"));
  add(number_key(
      "network.weight_threshold", [](auto& s) -> auto& { return s.network.weight_threshold; },
      NumberRange{0.0, k_inf, false, true},
      "tie_rule weight_threshold: weight at or above which a tie is strong"));
  add(number_key(
      "network.strong_weight", [](auto& s) -> auto& { return s.network.strong_weight; },
      NumberRange{0.0, k_inf, true, true}, "weight given to generated strong ties"));
  add(number_key(
      "network.weak_weight", [](auto& s) -> auto& { return s.network.weak_weight; },
      NumberRange{0.0, k_inf, true, true}, "weight given to generated weak ties"));

  // knowledge, transfer (model parameters)
  add(integer_key(
      "knowledge.topics", [](auto& s) -> auto& { return s.model.knowledge.topics; }, 1, 1024,
      "number of knowledge topics"));
  add(number_key(
      "knowledge.initial_min", [](auto& s) -> auto& { return s.model.knowledge.initial_min; },
      k_probability, "initial levels are drawn uniformly in [initial_min, initial_max)"));
  add(number_key(
      "knowledge.initial_max", [](auto& s) -> auto& { return s.model.knowledge.initial_max; },
      k_probability, "upper end of the initial levels"));
  add(number_key(
      "transfer.absorptive_capacity",
      [](auto& s) -> auto& { return s.model.transfer.absorptive_capacity; },
      NumberRange{0.0, 1.0, true, false}, "alpha: share of the knowledge gap closed per exchange"));

  // output
  add(integer_key(
      "output.every", [](auto& s) -> auto& { return s.output.every; }, 1, 1'000'000'000,
      "time series row every k-th tick (tick 0 and the last always)"));
  add(boolean_key(
      "output.network_graphml", [](auto& s) -> auto& { return s.output.network_graphml; },
      "write network.graphml (Gephi, networkx)"));
  add(boolean_key(
      "output.edges_csv", [](auto& s) -> auto& { return s.output.edges_csv; }, "write edges.csv"));

  const Scenario defaults;
  for (auto& k : keys) k.default_value = k.get(defaults);
  return keys;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- cross-field rules ---------------------------------------------------------------------

const std::string& generator_name(network::Generator g) {
  return k_generator_names.at(static_cast<std::size_t>(g));
}

bool uses_k(const network::NetworkSpec& n) {
  return n.generator == network::Generator::ring ||
         n.generator == network::Generator::watts_strogatz;
}

std::vector<Constraint> build_constraints() {
  using network::Generator;
  std::vector<Constraint> rules;
  rules.push_back({{"network.team_size", "network.agents"},
                   "generator teams: network.team_size <= network.agents",
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (n.generator != Generator::teams || n.team_size <= n.agents) return {};
                     return "'network.team_size' must be at most 'network.agents' (" +
                            to_text(n.agents) + "); got " + to_text(n.team_size);
                   }});
  rules.push_back({{"network.k", "network.generator"},
                   "generators ring, watts_strogatz: network.k is even",
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (!uses_k(n) || n.k % 2 == 0) return {};
                     return "'network.k' must be even for generator " +
                            generator_name(n.generator) + " (k/2 neighbours a side); got " +
                            to_text(n.k);
                   }});
  rules.push_back({{"network.k", "network.agents"},
                   "generators ring, watts_strogatz: network.k < network.agents",
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (!uses_k(n) || n.k < n.agents) return {};
                     return "'network.k' must be less than 'network.agents' (" + to_text(n.agents) +
                            ") for generator " + generator_name(n.generator) + "; got " +
                            to_text(n.k);
                   }});
  rules.push_back({{"network.m", "network.agents"},
                   "generator barabasi_albert: network.m < network.agents",
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (n.generator != Generator::barabasi_albert || n.m < n.agents) return {};
                     return "'network.m' must be less than 'network.agents' (" + to_text(n.agents) +
                            ") for generator barabasi_albert; got " + to_text(n.m);
                   }});
  rules.push_back({{"network.blocks", "network.agents"},
                   "generator stochastic_block: sum of network.blocks == network.agents",
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (n.generator != Generator::stochastic_block) return {};
                     std::uint64_t sum = 0;
                     for (auto b : n.blocks) sum += b;
                     if (sum == n.agents) return {};
                     return "'network.blocks' must sum to 'network.agents' (" + to_text(n.agents) +
                            "); got a sum of " + to_text(sum);
                   }});
  rules.push_back({{"network.width", "network.height"},
                   "generator lattice: network.width * network.height <= " + to_text(k_max_agents),
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (n.generator != Generator::lattice) return {};
                     std::uint64_t cells = std::uint64_t{n.width} * n.height;
                     if (cells <= k_max_agents) return {};
                     return "'network.width' x 'network.height' must be at most " +
                            to_text(k_max_agents) + " agents; got " + to_text(n.width) + " x " +
                            to_text(n.height) + " = " + to_text(cells);
                   }});
  rules.push_back(
      {{"network.agents", "network.generator"},
       "generator complete: network.agents * (agents - 1) / 2 <= " + to_text(k_max_ties) +
           " ties (32-bit arc ids)",
       [](const Scenario& s) -> std::string {
         const auto& n = s.network;
         if (n.generator != Generator::complete) return {};
         std::uint64_t ties = std::uint64_t{n.agents} * (n.agents - 1) / 2;
         if (ties <= k_max_ties) return {};
         return "'network.agents' must be at most 65536 for generator complete (every pair is a "
                "tie; at most " +
                to_text(k_max_ties) + " ties fit); got " + to_text(n.agents);
       }});
  rules.push_back({{"network.edge_p", "network.agents"},
                   "generator erdos_renyi: expected ties edge_p * agents * (agents - 1) / 2 <= " +
                       to_text(k_max_ties),
                   [](const Scenario& s) -> std::string {
                     const auto& n = s.network;
                     if (n.generator != Generator::erdos_renyi) return {};
                     double agents = n.agents;
                     double ties = n.edge_p * agents * (agents - 1.0) / 2.0;
                     if (ties <= static_cast<double>(k_max_ties)) return {};
                     return "'network.edge_p' gives about " + plain(std::round(ties)) +
                            " ties for " + to_text(n.agents) + " agents, more than the " +
                            to_text(k_max_ties) + " that fit; got " + plain(n.edge_p);
                   }});
  rules.push_back(
      {{"network.path", "network.generator"},
       "generator file: network.path names an existing file; with format automatic its "
       "extension is .csv, .graphml or .xml",
       [](const Scenario& s) -> std::string {
         const auto& n = s.network;
         if (n.generator != Generator::file) return {};
         if (n.path.empty()) {
           return "'network.path' must be given when 'network.generator' is file; "
                  "add the path of an edge-list CSV or GraphML file";
         }
         std::error_code ec;
         auto status = std::filesystem::status(n.path, ec);
         if (std::filesystem::is_directory(status)) {
           return "'network.path' must name a file; got the directory " + in_quotes(n.path);
         }
         if (!std::filesystem::exists(status)) {
           return "'network.path' must name an existing file; got " + in_quotes(n.path);
         }
         std::string ext = lower(std::filesystem::path(n.path).extension().string());
         if (n.format == network::FileFormat::automatic && ext != ".csv" && ext != ".graphml" &&
             ext != ".xml") {
           return "'network.format' automatic cannot tell the format of " + in_quotes(n.path) +
                  " from its extension; set 'network.format' to csv or graphml";
         }
         return {};
       }});
  rules.push_back({{"knowledge.initial_min", "knowledge.initial_max"},
                   "knowledge.initial_min <= knowledge.initial_max",
                   [](const Scenario& s) -> std::string {
                     const auto& k = s.model.knowledge;
                     if (k.initial_min <= k.initial_max) return {};
                     return "'knowledge.initial_min' must be at most 'knowledge.initial_max' (" +
                            plain(k.initial_max) + "); got " + plain(k.initial_min);
                   }});
  return rules;
}

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [m, &d](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

// Wraps "a|b|c" into lines of at most `width`, breaking after '|'.
std::vector<std::string> wrap_allowed(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t bar = text.find('|', start);
    std::string piece =
        text.substr(start, bar == std::string::npos ? std::string::npos : bar - start + 1);
    start = bar == std::string::npos ? text.size() : bar + 1;
    if (!line.empty() && line.size() + piece.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += piece;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string default_text(const KeyInfo& key) {
  if (std::holds_alternative<std::monostate>(key.default_value)) return "none";
  return format_value(key, key.default_value);
}

}  // namespace

// ---- KeyInfo -------------------------------------------------------------------------------

std::string_view KeyInfo::name() const {
  std::string_view p = path;
  auto dot = p.rfind('.');
  return dot == std::string_view::npos ? p : p.substr(dot + 1);
}

std::string_view KeyInfo::section() const {
  std::string_view p = path;
  auto dot = p.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : p.substr(0, dot);
}

std::string KeyInfo::type_name() const {
  switch (type) {
    case KeyType::integer: return "integer";
    case KeyType::number: return "number";
    case KeyType::boolean: return "boolean";
    case KeyType::string: return "string";
    case KeyType::enumeration: return "enum";
    case KeyType::integer_list: return "integer list";
  }
  return "?";
}

std::string KeyInfo::allowed_text() const {
  std::string out;
  switch (type) {
    case KeyType::integer: out = int_range_text(integers); break;
    case KeyType::number: out = range_text(numbers); break;
    case KeyType::boolean: out = "true|false"; break;
    case KeyType::string:
      out = relative_to_source ? "file path" : non_empty ? "non-empty text" : "text";
      break;
    case KeyType::enumeration: out = join(choices, "|"); break;
    case KeyType::integer_list:
      out = "items in " + int_range_text(integers) + ", at least " + to_text(min_items);
      break;
  }
  if (optional) out += ", or absent";
  return out;
}

std::string KeyInfo::expected_text() const {
  switch (type) {
    case KeyType::integer: return "an integer";
    case KeyType::number: return "a number";
    case KeyType::boolean: return "true or false";
    case KeyType::string: return non_empty ? "non-empty text" : "text";
    case KeyType::enumeration: return "one of " + join(choices, ", ");
    case KeyType::integer_list: return "a list of integers such as [100, 100]";
  }
  return "?";
}

// ---- table access --------------------------------------------------------------------------

const std::vector<KeyInfo>& schema_keys() {
  static const std::vector<KeyInfo> keys = build_keys();
  return keys;
}

const KeyInfo* find_key(std::string_view path) {
  for (const auto& k : schema_keys()) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

const std::vector<Constraint>& schema_constraints() {
  static const std::vector<Constraint> rules = build_constraints();
  return rules;
}

// ---- reading and checking values -----------------------------------------------------------

std::string read_scalar(const KeyInfo& key, std::string_view text, Value& out) {
  switch (key.type) {
    case KeyType::integer:
    case KeyType::integer_list: {
      std::uint64_t x = 0;
      std::string error = read_integer(key, text, x, key.type == KeyType::integer_list);
      if (error.empty()) out = x;
      return error;
    }
    case KeyType::number: {
      double x = 0.0;
      std::string error = read_number(key, text, x);
      if (error.empty()) out = x;
      return error;
    }
    case KeyType::boolean: {
      if (text == "true" || text == "True" || text == "TRUE") {
        out = true;
      } else if (text == "false" || text == "False" || text == "FALSE") {
        out = false;
      } else {
        return in_quotes(key.path) + " must be true or false; got " + in_quotes(text);
      }
      return {};
    }
    case KeyType::string: {
      if (key.non_empty && text.empty()) {
        return in_quotes(key.path) + " must be non-empty text; got ''";
      }
      out = std::string(text);
      return {};
    }
    case KeyType::enumeration: {
      if (std::find(key.choices.begin(), key.choices.end(), text) != key.choices.end()) {
        out = std::string(text);
        return {};
      }
      std::string message = in_quotes(key.path) + " must be one of " + join(key.choices, ", ") +
                            "; got " + in_quotes(text);
      std::string hint = closest_match(text, key.choices);
      if (!hint.empty()) message += "; did you mean " + in_quotes(hint) + "?";
      return message;
    }
  }
  return "internal error: unknown key type";
}

std::string check_value(const KeyInfo& key, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    return key.optional ? std::string{} : in_quotes(key.path) + " must be given";
  }
  switch (key.type) {
    case KeyType::integer: {
      const auto* x = std::get_if<std::uint64_t>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be an integer";
      if (!in_range(key.integers, *x)) {
        return in_quotes(key.path) + " must be in " + int_range_text(key.integers) + "; got " +
               to_text(*x);
      }
      return {};
    }
    case KeyType::number: {
      const auto* x = std::get_if<double>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be a number";
      if (!in_range(key.numbers, *x)) {
        return in_quotes(key.path) + " must be in " + range_text(key.numbers) + "; got " +
               plain(*x);
      }
      return {};
    }
    case KeyType::boolean:
      return std::holds_alternative<bool>(value) ? std::string{}
                                                 : in_quotes(key.path) + " must be true or false";
    case KeyType::string:
    case KeyType::enumeration: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr) return in_quotes(key.path) + " must be " + key.expected_text();
      Value ignored;
      return read_scalar(key, *s, ignored);
    }
    case KeyType::integer_list: {
      const auto* items = std::get_if<std::vector<std::uint64_t>>(&value);
      if (items == nullptr) return in_quotes(key.path) + " must be " + key.expected_text();
      if (items->size() < key.min_items) {
        return in_quotes(key.path) + " must have at least " + to_text(key.min_items) +
               (key.min_items == 1 ? " item" : " items") + "; got " + format_value(key, value);
      }
      for (auto x : *items) {
        if (!in_range(key.integers, x)) {
          return "each item of " + in_quotes(key.path) + " must be in " +
                 int_range_text(key.integers) + "; got " + to_text(x);
        }
      }
      return {};
    }
  }
  return "internal error: unknown key type";
}

std::string format_value(const KeyInfo& key, const Value& value) {
  struct Visitor {
    const KeyInfo& key;
    std::string operator()(std::monostate) const { return "~"; }
    std::string operator()(std::uint64_t x) const { return to_text(x); }
    std::string operator()(double x) const {
      return key.single_precision ? number_text(static_cast<float>(x)) : number_text(x);
    }
    std::string operator()(bool x) const { return x ? "true" : "false"; }
    std::string operator()(const std::string& s) const {
      if (key.type == KeyType::enumeration) return s;
      std::string out = "\"";
      for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
          case '"': out += "\\\""; break;
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\t': out += "\\t"; break;
          case '\r': out += "\\r"; break;
          default:
            if (u < 0x20 || u == 0x7f) {
              static constexpr char k_hex[] = "0123456789abcdef";
              out += "\\x";
              out += k_hex[u >> 4];
              out += k_hex[u & 0xf];
            } else {
              out += c;
            }
        }
      }
      return out + "\"";
    }
    std::string operator()(const std::vector<std::uint64_t>& items) const {
      std::string out = "[";
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += to_text(items[i]);
      }
      return out + "]";
    }
  };
  return std::visit(Visitor{key}, value);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Close enough: about one edit per three letters, at most 3, and never the whole word.
  const std::string w = lower(word);
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, w.size() / 3));
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(w, lower(c));
    if (d < best_distance && d < w.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

// ---- rendering -----------------------------------------------------------------------------

std::string render_schema() {
  constexpr std::size_t k_allowed_width = 34;
  const auto& keys = schema_keys();
  std::size_t w_key = 3, w_type = 4, w_default = 7, w_allowed = 7;
  for (const auto& k : keys) {
    w_key = std::max(w_key, k.path.size());
    w_type = std::max(w_type, k.type_name().size());
    w_default = std::max(w_default, default_text(k).size());
    for (const auto& line : wrap_allowed(k.allowed_text(), k_allowed_width)) {
      w_allowed = std::max(w_allowed, line.size());
    }
  }
  auto pad = [](std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
  };
  auto row = [&](const std::string& a, const std::string& b, const std::string& c,
                 const std::string& d, const std::string& e) {
    std::string line = pad(a, w_key) + "  " + pad(b, w_type) + "  " + pad(c, w_default) + "  " +
                       pad(d, w_allowed) + "  " + e;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };

  std::string out =
      "Scenario keys. A dotted key is nested in YAML: network.agents is 'agents' under "
      "'network:'.\nOverride any key with --set key=value.\n\n";
  out += row("KEY", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION");
  for (const auto& k : keys) {
    auto allowed = wrap_allowed(k.allowed_text(), k_allowed_width);
    out += row(k.path, k.type_name(), default_text(k), allowed[0], k.doc);
    for (std::size_t i = 1; i < allowed.size(); ++i) out += row("", "", "", allowed[i], "");
  }
  out += "\nCross-field rules (checked after --set overrides):\n";
  for (const auto& c : schema_constraints()) out += "  " + c.doc + "\n";
  return out;
}

std::string render_schema_markdown() {
  auto cell = [](std::string s) {
    std::string out;
    for (char c : s) {
      if (c == '|') {
        out += "\\|";
      } else {
        out += c;
      }
    }
    return out;
  };
  std::string out =
      "| Key | Type | Default | Allowed | Description |\n"
      "|---|---|---|---|---|\n";
  for (const auto& k : schema_keys()) {
    std::string allowed = k.type == KeyType::enumeration ? join(k.choices, ", ") : k.allowed_text();
    out += "| `" + k.path + "` | " + k.type_name() + " | `" + cell(default_text(k)) + "` | " +
           cell(allowed) + " | " + cell(k.doc) + " |\n";
  }
  out += "\nCross-field rules, checked after `--set` overrides:\n\n";
  for (const auto& c : schema_constraints()) out += "- " + cell(c.doc) + "\n";
  return out;
}

}  // namespace tacit::scenario
