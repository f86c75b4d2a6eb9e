#include "tacit/scenario/schema.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
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
const std::vector<std::string> k_dist_names{"constant", "uniform", "normal", "beta"};
const std::vector<std::string> k_decision_rule_names{"utility", "strategy"};
const std::vector<std::string> k_learning_rule_names{
    "none",         "fermi",  "pairwise",       "death_birth",         "birth_death",  "imitation",
    "imitate_best", "repeat", "mimic_majority", "win_stay_lose_shift", "mimic_winners"};
const std::vector<std::string> k_transfer_mode_names{"gift", "barter"};
const std::vector<std::string> k_transfer_scope_names{"topic", "all"};
const std::vector<std::string> k_game_kind_names{"none", "donation", "prisoners_dilemma",
                                                 "public_goods"};
const std::vector<std::string> k_pg_cost_names{"per_game", "per_individual"};
const std::vector<std::string> k_initial_strategies_names{"fraction", "single_cooperator",
                                                          "single_defector"};
const std::vector<std::string> k_stop_rule_names{"ticks", "fixation"};
const std::vector<std::string> k_esm_introduction_names{"none", "top_down", "bottom_up", "hybrid"};
const std::vector<std::string> k_adoption_rule_names{"probability", "threshold_count",
                                                     "threshold_fraction"};
const std::vector<std::string> k_starter_mode_names{"random", "neighbourhood"};
const std::vector<std::string> k_audience_names{"community", "everyone"};

// Personas are indexed by a 16-bit id in model::Population.
constexpr std::size_t k_max_personas = 65536;
// Share sums within this of 1 are accepted (shares written with a few decimals, e.g. thirds).
constexpr double k_share_tolerance = 1e-9;

template <class I>
std::string to_text(I x) {
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

bool in_range(const SignedRange& r, std::int64_t x) {
  return x >= r.min && x <= r.max;
}

std::string signed_range_text(const SignedRange& r) {
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

std::string read_signed(const KeyInfo& key, std::string_view text, std::int64_t& out) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return in_quotes(key.path) + " must be an integer; got " + in_quotes(text);
  }
  std::uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  (void)ptr;
  const std::string out_of_range = in_quotes(key.path) + " must be in " +
                                   signed_range_text(key.signed_integers) + "; got " +
                                   std::string(text);
  constexpr auto k_limit = std::uint64_t{1} << 63;  // |INT64_MIN|
  if (ec == std::errc::result_out_of_range || magnitude > k_limit ||
      (!negative && magnitude == k_limit)) {
    return out_of_range;
  }
  out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  if (!in_range(key.signed_integers, out)) return out_of_range;
  return {};
}

// ---- numbers -------------------------------------------------------------------------------

std::string read_number(const KeyInfo& key, std::string_view text, double& out) {
  const std::string not_number =
      in_quotes(key.path) + " must be " +
      (key.type == KeyType::distribution ? key.expected_text() : std::string("a number")) +
      "; got " + in_quotes(text);
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
// once; it serves both the const getter and the setter. The root R is the Scenario for keys,
// model::Persona for the item keys of `personas`.

template <class R, class F>
using FieldType = std::remove_cvref_t<decltype(std::declval<F&>()(std::declval<R&>()))>;

KeyInfo base_key(std::string path, KeyType type, std::string doc) {
  KeyInfo k;
  k.path = std::move(path);
  k.type = type;
  k.doc = std::move(doc);
  return k;
}

// Stores the getter and setter: get/set over a Scenario, get_item/set_item over a Persona.
template <class R, class F, class ToValue, class FromValue>
void bind(KeyInfo& k, F field, ToValue to_value, FromValue from_value) {
  auto get = [field, to_value](const R& r) -> Value { return to_value(field(r)); };
  auto set = [field, from_value](R& r, const Value& v) { from_value(field(r), v); };
  if constexpr (std::is_same_v<R, Scenario>) {
    k.get = get;
    k.set = set;
  } else {
    static_assert(std::is_same_v<R, model::Persona>);
    k.get_item = get;
    k.set_item = set;
  }
}

template <class R = Scenario, class F>
KeyInfo integer_key(std::string path, F field, std::uint64_t min, std::uint64_t max,
                    std::string doc) {
  using T = FieldType<R, F>;
  static_assert(std::is_unsigned_v<T>);
  if (max > std::numeric_limits<T>::max()) {
    throw std::logic_error("schema: range of '" + path + "' exceeds its field type");
  }
  KeyInfo k = base_key(std::move(path), KeyType::integer, std::move(doc));
  k.integers = {min, max};
  bind<R>(
      k, field, [](const T& x) -> Value { return std::uint64_t{x}; },
      [](T& x, const Value& v) { x = static_cast<T>(std::get<std::uint64_t>(v)); });
  return k;
}

template <class R = Scenario, class F>
KeyInfo signed_key(std::string path, F field, std::int64_t min, std::int64_t max,
                   std::string doc) {
  using T = FieldType<R, F>;
  static_assert(std::is_signed_v<T> && std::is_integral_v<T>);
  if (min < std::numeric_limits<T>::min() || max > std::numeric_limits<T>::max()) {
    throw std::logic_error("schema: range of '" + path + "' exceeds its field type");
  }
  KeyInfo k = base_key(std::move(path), KeyType::signed_integer, std::move(doc));
  k.signed_integers = {min, max};
  bind<R>(
      k, field, [](const T& x) -> Value { return std::int64_t{x}; },
      [](T& x, const Value& v) { x = static_cast<T>(std::get<std::int64_t>(v)); });
  return k;
}

template <class R = Scenario, class F>
KeyInfo number_key(std::string path, F field, NumberRange range, std::string doc) {
  using T = FieldType<R, F>;
  static_assert(std::is_floating_point_v<T>);
  KeyInfo k = base_key(std::move(path), KeyType::number, std::move(doc));
  k.numbers = range;
  k.single_precision = std::is_same_v<T, float>;
  bind<R>(
      k, field, [](const T& x) -> Value { return static_cast<double>(x); },
      [](T& x, const Value& v) { x = static_cast<T>(std::get<double>(v)); });
  return k;
}

template <class R = Scenario, class F>
KeyInfo boolean_key(std::string path, F field, std::string doc) {
  KeyInfo k = base_key(std::move(path), KeyType::boolean, std::move(doc));
  bind<R>(
      k, field, [](const bool& x) -> Value { return x; },
      [](bool& x, const Value& v) { x = std::get<bool>(v); });
  return k;
}

template <class R = Scenario, class F>
KeyInfo string_key(std::string path, F field, std::string doc) {
  KeyInfo k = base_key(std::move(path), KeyType::string, std::move(doc));
  bind<R>(
      k, field, [](const std::string& x) -> Value { return x; },
      [](std::string& x, const Value& v) { x = std::get<std::string>(v); });
  return k;
}

template <class R = Scenario, class F>
KeyInfo enum_key(std::string path, F field, const std::vector<std::string>& names,
                 std::string doc) {
  using E = FieldType<R, F>;
  static_assert(std::is_enum_v<E>);
  KeyInfo k = base_key(std::move(path), KeyType::enumeration, std::move(doc));
  k.choices = names;
  bind<R>(
      k, field, [names](const E& x) -> Value { return names.at(static_cast<std::size_t>(x)); },
      [names](E& x, const Value& v) {
        auto it = std::find(names.begin(), names.end(), std::get<std::string>(v));
        x = static_cast<E>(it - names.begin());
      });
  return k;
}

template <class R = Scenario, class F>
KeyInfo integer_list_key(std::string path, F field, std::uint64_t min, std::uint64_t max,
                         std::size_t min_items, std::string doc) {
  using L = FieldType<R, F>;
  using T = typename L::value_type;
  if (max > std::numeric_limits<T>::max()) {
    throw std::logic_error("schema: range of '" + path + "' exceeds its field type");
  }
  KeyInfo k = base_key(std::move(path), KeyType::integer_list, std::move(doc));
  k.integers = {min, max};
  k.min_items = min_items;
  bind<R>(
      k, field,
      [](const L& x) -> Value { return std::vector<std::uint64_t>(x.begin(), x.end()); },
      [](L& x, const Value& v) {
        const auto& items = std::get<std::vector<std::uint64_t>>(v);
        x.clear();
        for (auto item : items) x.push_back(static_cast<T>(item));
      });
  return k;
}

template <class R = Scenario, class F>
KeyInfo distribution_key(std::string path, F field, NumberRange range, std::string doc) {
  static_assert(std::is_same_v<FieldType<R, F>, model::Distribution>);
  KeyInfo k = base_key(std::move(path), KeyType::distribution, std::move(doc));
  k.numbers = range;
  bind<R>(
      k, field, [](const model::Distribution& x) -> Value { return DistributionValue{x}; },
      [](model::Distribution& x, const Value& v) { x = std::get<DistributionValue>(v).dist; });
  return k;
}

// Weights of learning rules, by the rules' names.
template <class R = Scenario, class F>
KeyInfo rule_weights_key(std::string path, F field, std::string doc) {
  static_assert(std::is_same_v<FieldType<R, F>, std::vector<model::WeightedRule>>);
  KeyInfo k = base_key(std::move(path), KeyType::weights, std::move(doc));
  k.choices = k_learning_rule_names;
  k.numbers = NumberRange{0.0, std::numeric_limits<double>::infinity(), false, true};
  bind<R>(
      k, field,
      [](const std::vector<model::WeightedRule>& x) -> Value {
        Weights w;
        for (const auto& r : x) {
          w.emplace_back(k_learning_rule_names.at(static_cast<std::size_t>(r.rule)), r.weight);
        }
        return w;
      },
      [](std::vector<model::WeightedRule>& x, const Value& v) {
        x.clear();
        for (const auto& [name, weight] : std::get<Weights>(v)) {
          auto it = std::find(k_learning_rule_names.begin(), k_learning_rule_names.end(), name);
          x.push_back({static_cast<model::LearningRule>(it - k_learning_rule_names.begin()),
                       weight});
        }
      });
  return k;
}

constexpr NumberRange k_probability{0.0, 1.0, false, false};
constexpr NumberRange k_non_negative{0.0, k_inf, false, true};
constexpr NumberRange k_positive{0.0, k_inf, true, true};
constexpr NumberRange k_real{-k_inf, k_inf, true, true};
constexpr NumberRange k_share{0.0, 1.0, true, false};

// The keys of model::AgentTraits, under `agents.` (root Scenario) or `personas[].` (root
// Persona; every trait optional there, defaulting to the agents: value).
template <class R, class Traits>
void add_trait_keys(std::vector<KeyInfo>& keys, const std::string& prefix, Traits traits) {
  struct Trait {
    const char* name;
    model::Distribution model::AgentTraits::*field;
    NumberRange range;
    const char* doc;
  };
  static const Trait k_traits[] = {
      {"altruism", &model::AgentTraits::altruism, k_probability, "value of helping others"},
      {"recognition", &model::AgentTraits::recognition, k_probability,
       "reputation / recognition motive"},
      {"reciprocity", &model::AgentTraits::reciprocity, k_probability,
       "weight of direct and indirect reciprocity"},
      {"learning", &model::AgentTraits::learning, k_probability,
       "motive to learn by teaching"},
      {"sharing_cost", &model::AgentTraits::sharing_cost, k_non_negative,
       "effort (time) cost of sharing explicit knowledge"},
      {"absorptive_capacity", &model::AgentTraits::absorptive_capacity, k_share,
       "share of a knowledge gap closed per transfer"},
      {"visibility", &model::AgentTraits::visibility, k_probability,
       "preference for visible contribution"},
      {"initial_explicit", &model::AgentTraits::initial_explicit, k_non_negative,
       "initial explicit level, drawn per topic"},
      {"initial_tacit", &model::AgentTraits::initial_tacit, k_non_negative,
       "initial tacit level, drawn per topic"},
      {"adoption_threshold", &model::AgentTraits::adoption_threshold, k_non_negative,
       "ESM threshold rules: weighted count (threshold_count) or fraction (threshold_fraction) of "
       "adopted neighbours needed to adopt"},
      {"relevance_threshold", &model::AgentTraits::relevance_threshold, k_probability,
       "ESM: a user churns when the platform's pull stays below this for esm.churn_patience ticks"},
  };
  for (const auto& t : k_traits) {
    auto mp = t.field;
    keys.push_back(distribution_key<R>(
        prefix + t.name, [traits, mp](auto& r) -> auto& { return traits(r).*mp; }, t.range,
        t.doc));
  }
  keys.push_back(enum_key<R>(
      prefix + "decision", [traits](auto& r) -> auto& { return traits(r).decision; },
      k_decision_rule_names,
      "utility: logit choice on the motives; strategy: cooperate = share"));
  keys.push_back(number_key<R>(
      prefix + "initial_cooperate",
      [traits](auto& r) -> auto& { return traits(r).initial_cooperate; }, k_probability,
      "probability the initial strategy is cooperate"));
  keys.push_back(rule_weights_key<R>(
      prefix + "learning_rules", [traits](auto& r) -> auto& { return traits(r).learning_rules; },
      "learning rule weights, e.g. {fermi: 0.5, repeat: 0.5}; each agent draws one"));
}

KeyInfo persona_list_key() {
  KeyInfo k = base_key("personas", KeyType::list,
                       "agent types and their shares (sum 1); empty: one persona 'regular' = "
                       "agents:");
  KeyInfo name = string_key<model::Persona>(
      "personas[].name", [](auto& p) -> auto& { return p.name; },
      "unique name, written to agents.csv");
  name.non_empty = true;
  name.required = true;
  k.items.push_back(std::move(name));
  KeyInfo share = number_key<model::Persona>(
      "personas[].share", [](auto& p) -> auto& { return p.share; }, k_share,
      "fraction of the agents");
  share.required = true;
  k.items.push_back(std::move(share));
  add_trait_keys<model::Persona>(
      k.items, "personas[].", [](auto& p) -> auto& { return p.traits; });
  k.get = [](const Scenario& s) -> Value { return PersonaList{s.model.population.personas}; };
  k.set = [](Scenario& s, const Value& v) {
    s.model.population.personas = std::get<PersonaList>(v).items;
  };
  return k;
}

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

  // agents: the traits every persona starts from
  add_trait_keys<Scenario>(
      keys, "agents.", [](auto& s) -> auto& { return s.model.population.defaults; });
  add(persona_list_key());

  // knowledge
  add(integer_key(
      "knowledge.topics", [](auto& s) -> auto& { return s.model.knowledge.topics; }, 1, 1024,
      "number of knowledge topics"));
  add(integer_key(
      "knowledge.interests", [](auto& s) -> auto& { return s.model.population.interests; }, 1,
      1024, "topics each agent's work needs, drawn without replacement; <= topics"));

  // needs
  add(number_key(
      "needs.rate", [](auto& s) -> auto& { return s.model.needs.rate; }, k_probability,
      "probability per tick that an agent faces a problem"));
  add(number_key(
      "needs.complex_share", [](auto& s) -> auto& { return s.model.needs.complex_share; },
      k_probability, "probability a problem is complex (needs tacit knowledge)"));

  // search
  add(number_key(
      "search.strong_bias_complex",
      [](auto& s) -> auto& { return s.model.search.strong_bias_complex; }, k_real,
      "score bonus of a strong tie for a complex problem"));
  add(number_key(
      "search.weak_bias_simple", [](auto& s) -> auto& { return s.model.search.weak_bias_simple; },
      k_real, "score bonus of a weak tie for a simple problem"));
  add(number_key(
      "search.trust", [](auto& s) -> auto& { return s.model.search.trust; }, k_real,
      "score weight of the asker's trust in the neighbour"));
  add(number_key(
      "search.reputation", [](auto& s) -> auto& { return s.model.search.reputation; }, k_real,
      "score weight of the neighbour's image score"));
  add(number_key(
      "search.expertise", [](auto& s) -> auto& { return s.model.search.expertise; }, k_real,
      "score weight of the neighbour's level in the problem's topic"));
  add(number_key(
      "search.temperature", [](auto& s) -> auto& { return s.model.search.temperature; },
      k_positive, "softmax temperature of the choice; large: uniform"));

  // decision
  add(number_key(
      "decision.temperature", [](auto& s) -> auto& { return s.model.decision.temperature; },
      k_positive, "logit temperature tau of the sharing choice"));
  add(number_key(
      "decision.bias", [](auto& s) -> auto& { return s.model.decision.bias; }, k_real,
      "constant term of the sharing utility"));
  add(number_key(
      "decision.altruism", [](auto& s) -> auto& { return s.model.decision.altruism; },
      k_non_negative, "weight of altruism x value to the asker"));
  add(number_key(
      "decision.recognition", [](auto& s) -> auto& { return s.model.decision.recognition; },
      k_non_negative, "weight of recognition x visibility x recognition gain"));
  add(number_key(
      "decision.direct_reciprocity",
      [](auto& s) -> auto& { return s.model.decision.direct_reciprocity; }, k_non_negative,
      "weight of reciprocity x (favours received from the asker - given to it)"));
  add(number_key(
      "decision.indirect_reciprocity",
      [](auto& s) -> auto& { return s.model.decision.indirect_reciprocity; }, k_non_negative,
      "weight of reciprocity x the asker's image score"));
  add(number_key(
      "decision.learning", [](auto& s) -> auto& { return s.model.decision.learning; },
      k_non_negative, "weight of the learning motive (learning by teaching)"));
  add(number_key(
      "decision.trust", [](auto& s) -> auto& { return s.model.decision.trust; }, k_non_negative,
      "weight of (trust in the asker - 1/2)"));
  add(number_key(
      "decision.cost", [](auto& s) -> auto& { return s.model.decision.cost; }, k_non_negative,
      "weight of the sharing cost"));
  add(number_key(
      "decision.tacit_cost", [](auto& s) -> auto& { return s.model.decision.tacit_cost; },
      k_non_negative, "cost multiplier when the problem is complex (tacit)"));
  add(number_key(
      "decision.competition", [](auto& s) -> auto& { return s.model.decision.competition; },
      k_non_negative, "subtracted when asker and giver are in the same team"));

  // transfer
  add(enum_key(
      "transfer.mode", [](auto& s) -> auto& { return s.model.transfer.mode; },
      k_transfer_mode_names, "gift: the giver shares; barter: both must gain, both learn"));
  add(enum_key(
      "transfer.scope", [](auto& s) -> auto& { return s.model.transfer.scope; },
      k_transfer_scope_names, "topic: only the problem's topic moves; all: every topic"));
  add(number_key(
      "transfer.tacit_rate", [](auto& s) -> auto& { return s.model.transfer.tacit_rate; },
      k_probability, "tacit gap closed at absorptive_capacity x tacit_rate"));
  add(number_key(
      "transfer.trust_threshold",
      [](auto& s) -> auto& { return s.model.transfer.trust_threshold; }, k_probability,
      "tacit knowledge moves only over strong ties with trust >= this"));
  add(number_key(
      "transfer.teaching_gain", [](auto& s) -> auto& { return s.model.transfer.teaching_gain; },
      k_non_negative, "giver's gain per transfer, x the amount transferred"));

  // trust
  add(number_key(
      "trust.forgetting", [](auto& s) -> auto& { return s.model.trust.forgetting; },
      k_probability, "lambda: weight of past evidence per new outcome"));
  add(number_key(
      "trust.initial_strong", [](auto& s) -> auto& { return s.model.trust.initial_strong; },
      k_probability, "expected trust on a strong tie before any outcome"));
  add(number_key(
      "trust.initial_weak", [](auto& s) -> auto& { return s.model.trust.initial_weak; },
      k_probability, "expected trust on a weak tie before any outcome"));
  add(number_key(
      "trust.prior_weight", [](auto& s) -> auto& { return s.model.trust.prior_weight; },
      k_non_negative, "pseudo-observations behind the initial trust"));

  // reputation
  add(signed_key(
      "reputation.image_min", [](auto& s) -> auto& { return s.model.reputation.image_min; },
      -128, -1, "lowest image score"));
  add(signed_key(
      "reputation.image_max", [](auto& s) -> auto& { return s.model.reputation.image_max; }, 1,
      127, "highest image score"));

  // organization
  add(number_key(
      "organization.incentive", [](auto& s) -> auto& { return s.model.organization.incentive; },
      k_non_negative, "reward per contribution (added to utility and payoff)"));
  add(number_key(
      "organization.penalty", [](auto& s) -> auto& { return s.model.organization.penalty; },
      k_non_negative, "penalty for a refusal when the refuser is identified"));
  add(number_key(
      "organization.transparency",
      [](auto& s) -> auto& { return s.model.organization.transparency; }, k_probability,
      "probability that an agent's contributions and refusals are visible"));
  add(number_key(
      "organization.benefit", [](auto& s) -> auto& { return s.model.organization.benefit; },
      k_non_negative, "payoff to the asker per unit of knowledge received"));
  add(number_key(
      "organization.cost", [](auto& s) -> auto& { return s.model.organization.cost; },
      k_non_negative, "payoff cost to the giver per contribution"));

  // learning
  add(number_key(
      "learning.rate", [](auto& s) -> auto& { return s.model.learning.rate; }, k_probability,
      "probability per tick that an agent revises its strategy"));
  add(number_key(
      "learning.selection_intensity",
      [](auto& s) -> auto& { return s.model.learning.selection_intensity; }, k_non_negative,
      "s of the Fermi rule; w of fitness 1 - w + w P in games"));
  add(number_key(
      "learning.aspiration", [](auto& s) -> auto& { return s.model.learning.aspiration; }, k_real,
      "win_stay_lose_shift: payoff at or above which the strategy is kept"));
  add(number_key(
      "learning.payoff_memory", [](auto& s) -> auto& { return s.model.learning.payoff_memory; },
      k_probability, "running payoff P <- memory x P + this tick's payoff"));

  // innovation, metrics
  add(number_key(
      "innovation.rate", [](auto& s) -> auto& { return s.model.innovation.rate; }, k_probability,
      "probability that knowledge received over a weak cross-team tie yields an innovation"));
  add(integer_key(
      "metrics.free_rider_window",
      [](auto& s) -> auto& { return s.model.metrics.free_rider_window; }, 1, 1'000'000'000,
      "ticks: a free rider received help but gave none within the window"));

  // esm (model/esm, model/esm_adoption; docs/MODEL.md 7.15)
  auto esm_number = [&](const char* name, double model::EsmParams::*field, NumberRange range, const char* doc) {
    add(number_key(std::string("esm.") + name, [field](auto& s) -> auto& { return s.model.esm.*field; }, range, doc));
  };
  auto esm_integer = [&](const char* name, std::uint32_t model::EsmParams::*field, std::uint64_t lo,
                         std::uint64_t hi, const char* doc) {
    add(integer_key(std::string("esm.") + name, [field](auto& s) -> auto& { return s.model.esm.*field; }, lo, hi, doc));
  };
  add(enum_key(
      "esm.introduction", [](auto& s) -> auto& { return s.model.esm.introduction; },
      k_esm_introduction_names,
      "none: no platform; top_down: launched for everyone, broad spaces, mandate; bottom_up: "
      "starters, spread over ties, user-made communities; hybrid: bottom_up plus management "
      "support (communication, moderators, answers to ideas), no mandate"));
  esm_integer("launch_tick", &model::EsmParams::launch_tick, 1, 1'000'000'000,
              "tick of the launch (top_down with rollout: the first department's)");
  esm_integer("rollout_interval", &model::EsmParams::rollout_interval, 0, 1'000'000'000,
              "top_down: ticks between departments' launches; 0: all at once");
  esm_integer("spaces", &model::EsmParams::spaces, 1, 65535,
              "top_down: broad topic spaces; space s holds topics t with t mod spaces = s");
  add(enum_key(
      "esm.adoption_rule", [](auto& s) -> auto& { return s.model.esm.adoption_rule; },
      k_adoption_rule_names,
      "bottom_up, hybrid: contagion over ties; probability: 1-(1-p)^E; threshold_count: E >= "
      "agents.adoption_threshold; threshold_fraction: E / weighted degree >= it"));
  esm_number("adoption_probability", &model::EsmParams::adoption_probability, k_probability,
             "probability rule: p per unit of weighted exposure per tick");
  esm_number("strong_weight", &model::EsmParams::strong_weight, k_non_negative,
             "exposure weight of a strong tie (a weak tie weighs 1)");
  esm_integer("starters", &model::EsmParams::starters, 0, k_max_agents,
              "bottom_up, hybrid: practitioners who start the platform (those with a problem first)");
  add(enum_key(
      "esm.starter_mode", [](auto& s) -> auto& { return s.model.esm.starter_mode; },
      k_starter_mode_names, "random: the starters; neighbourhood: the starters and all their neighbours"));
  esm_number("mandate", &model::EsmParams::mandate, k_non_negative,
             "top_down: pull of the mandate at a unit's launch (adds to staying and posting)");
  esm_number("mandate_decay", &model::EsmParams::mandate_decay, k_probability,
             "top_down: factor of the mandate's pull per tick after the launch");
  esm_number("communication", &model::EsmParams::communication, k_probability,
             "top_down, hybrid: probability per tick that a non-user adopts through awareness");
  esm_integer("moderators", &model::EsmParams::moderators, 0, 1'000'000,
              "hybrid: moderators merging duplicate communities and moving off-topic posts");
  esm_integer("moderation_capacity", &model::EsmParams::moderation_capacity, 0, 1'000'000,
              "actions (merges, moves) per moderator per tick");
  esm_number("elaboration", &model::EsmParams::elaboration, k_probability,
             "with moderators: quality added to genuine posts (encouraged elaboration)");
  esm_number("management_response", &model::EsmParams::management_response, k_probability,
             "top_down, hybrid: probability per tick that management answers an open idea");
  add(boolean_key(
      "esm.monitoring", [](auto& s) -> auto& { return s.model.esm.monitoring; },
      "usage visible to management: strategic posts, and exposure deters private agents"));
  add(enum_key(
      "esm.audience", [](auto& s) -> auto& { return s.model.esm.audience; }, k_audience_names,
      "who sees a post: its community (exposure 1/2) or every user (exposure 1)"));
  esm_number("visibility_weight", &model::EsmParams::visibility_weight, k_non_negative,
             "posting utility loses this x max(0, exposure - agent's visibility preference)");
  esm_number("strategic", &model::EsmParams::strategic, k_probability,
             "under monitoring: P(a post is strategic) = this x recognition x visibility");
  esm_number("strategic_quality", &model::EsmParams::strategic_quality, k_probability,
             "quality (relevance factor) of a strategic post");
  esm_integer("reads", &model::EsmParams::reads, 0, 1'000'000, "posts a user reads per tick");
  esm_integer("post_lifetime", &model::EsmParams::post_lifetime, 1, 1'000'000,
              "ticks a post stays in the feeds");
  esm_number("critical_mass", &model::EsmParams::critical_mass, k_positive,
             "relevant reads per tick (smoothed) at which the content pull is 1/2");
  esm_number("post_rate", &model::EsmParams::post_rate, k_probability,
             "largest probability per tick that a user posts knowledge");
  esm_number("codification", &model::EsmParams::codification, k_probability,
             "share of the tacit level a post codifies (externalization); genuine post quality");
  esm_number("off_topic_relevance", &model::EsmParams::off_topic_relevance, k_probability,
             "relevance of a post outside the reader's interests");
  esm_number("ask", &model::EsmParams::ask, k_probability,
             "probability that a problem the ties did not solve becomes a question");
  esm_number("join", &model::EsmParams::join, k_probability,
             "probability per tick per interest to join a community a neighbour belongs to");
  esm_number("create", &model::EsmParams::create, k_probability,
             "probability per tick per interest to start a community when no neighbour has one");
  esm_integer("churn_patience", &model::EsmParams::churn_patience, 0, 65535,
              "ticks the pull stays below agents.relevance_threshold before a user churns; 0 never");
  esm_number("memory", &model::EsmParams::memory, k_probability,
             "smoothing of the content pull and of feeling heard");
  esm_number("post_bias", &model::EsmParams::post_bias, k_real, "posting utility: constant");
  esm_number("post_altruism", &model::EsmParams::post_altruism, k_real, "posting utility: x altruism");
  esm_number("post_recognition", &model::EsmParams::post_recognition, k_real,
             "posting utility: x recognition x exposure x (1 + liked in the latest tick)");
  esm_number("post_reciprocity", &model::EsmParams::post_reciprocity, k_real,
             "posting utility: x reciprocity, once a question of one's was answered");
  esm_number("post_learning", &model::EsmParams::post_learning, k_real, "posting utility: x learning motive");
  esm_number("post_content", &model::EsmParams::post_content, k_real, "posting utility: x content pull");
  esm_number("post_heard", &model::EsmParams::post_heard, k_real,
             "posting utility: x feeling heard (an idea answered by management)");
  esm_number("post_cost", &model::EsmParams::post_cost, k_real, "posting utility: - this x sharing_cost");

  // game
  add(enum_key(
      "game.kind", [](auto& s) -> auto& { return s.model.game.kind; }, k_game_kind_names,
      "none: the sharing model; else the sharing decision is this classic game"));
  add(number_key(
      "game.b", [](auto& s) -> auto& { return s.model.game.b; }, k_non_negative,
      "donation: benefit to each neighbour of a cooperator"));
  add(number_key(
      "game.c", [](auto& s) -> auto& { return s.model.game.c; }, k_non_negative,
      "donation: cost per neighbour"));
  add(number_key(
      "game.T", [](auto& s) -> auto& { return s.model.game.T; }, k_real,
      "prisoners_dilemma: temptation payoff"));
  add(number_key(
      "game.R", [](auto& s) -> auto& { return s.model.game.R; }, k_real,
      "prisoners_dilemma: reward payoff"));
  add(number_key(
      "game.P", [](auto& s) -> auto& { return s.model.game.P; }, k_real,
      "prisoners_dilemma: punishment payoff"));
  add(number_key(
      "game.S", [](auto& s) -> auto& { return s.model.game.S; }, k_real,
      "prisoners_dilemma: sucker's payoff"));
  add(boolean_key(
      "game.self_interaction", [](auto& s) -> auto& { return s.model.game.self_interaction; },
      "an agent also plays against itself"));
  add(number_key(
      "game.r", [](auto& s) -> auto& { return s.model.game.r; }, k_non_negative,
      "public_goods: multiplication factor of the pot"));
  add(enum_key(
      "game.cost", [](auto& s) -> auto& { return s.model.game.cost; }, k_pg_cost_names,
      "public_goods: a cooperator pays 1 per game, or 1 split over its games"));
  add(enum_key(
      "game.update", [](auto& s) -> auto& { return s.model.game.update; }, k_learning_rule_names,
      "strategy update rule in game mode"));
  add(enum_key(
      "game.initial", [](auto& s) -> auto& { return s.model.game.initial; },
      k_initial_strategies_names, "initial strategies: a random fraction, or one mutant"));
  add(number_key(
      "game.initial_fraction", [](auto& s) -> auto& { return s.model.game.initial_fraction; },
      k_probability, "initial fraction: share of initial cooperators"));
  add(integer_key(
      "game.initial_node", [](auto& s) -> auto& { return s.model.game.initial_node; }, 0,
      k_max_agents - 1, "single_cooperator, single_defector: the mutant's node; < agents"));
  add(enum_key(
      "game.stop", [](auto& s) -> auto& { return s.model.game.stop; }, k_stop_rule_names,
      "ticks: run all ticks; fixation: stop once one strategy is left"));

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
  rules.push_back({{"knowledge.interests", "knowledge.topics"},
                   "knowledge.interests <= knowledge.topics",
                   [](const Scenario& s) -> std::string {
                     const auto interests = s.model.population.interests;
                     const auto topics = s.model.knowledge.topics;
                     if (interests <= topics) return {};
                     return "'knowledge.interests' must be at most 'knowledge.topics' (" +
                            to_text(topics) + "); got " + to_text(interests);
                   }});
  // Beta reputation: E = (r + 1) / (r + s + 2) with r + s = w prior observations, so an
  // initial trust E needs r = E (w + 2) - 1 in [0, w].
  auto trust_rule = [](std::string key, double model::TrustParams::*field) {
    return Constraint{
        {key, "trust.prior_weight"},
        key + " in [1/(w+2), (w+1)/(w+2)] for w = trust.prior_weight",
        [key, field](const Scenario& s) -> std::string {
          const auto& t = s.model.trust;
          const double w = t.prior_weight;
          const double lo = 1.0 / (w + 2.0);
          const double hi = (w + 1.0) / (w + 2.0);
          const double e = t.*field;
          if (e >= lo && e <= hi) return {};
          return in_quotes(key) + " must be in [1/(w+2), (w+1)/(w+2)] = [" + plain(lo) + ", " +
                 plain(hi) + "] for 'trust.prior_weight' w = " + plain(w) +
                 " (a larger w allows more extreme values); got " + plain(e);
        }};
  };
  rules.push_back(trust_rule("trust.initial_strong", &model::TrustParams::initial_strong));
  rules.push_back(trust_rule("trust.initial_weak", &model::TrustParams::initial_weak));
  rules.push_back(
      {{"game.initial_node", "network.agents", "game.initial"},
       "game single_cooperator, single_defector: game.initial_node < agents (unchecked for "
       "file)",
       [](const Scenario& s) -> std::string {
         const auto& g = s.model.game;
         const auto& n = s.network;
         if (g.kind == model::GameKind::none ||
             g.initial == model::InitialStrategies::fraction ||
             n.generator == Generator::file) {
           return {};
         }
         const std::uint64_t agents = n.generator == Generator::lattice
                                          ? std::uint64_t{n.width} * n.height
                                          : std::uint64_t{n.agents};
         if (g.initial_node < agents) return {};
         return "'game.initial_node' must be less than the number of agents (" +
                to_text(agents) + "); got " + to_text(g.initial_node);
       }});
  rules.push_back({{"personas"}, "personas: the shares sum to 1",
                   [](const Scenario& s) -> std::string {
                     const auto& personas = s.model.population.personas;
                     if (personas.empty()) return {};
                     double sum = 0.0;
                     for (const auto& p : personas) sum += p.share;
                     if (std::fabs(sum - 1.0) <= k_share_tolerance) return {};
                     // 12 significant digits: 0.3 + 0.6 reads 0.9, not 0.8999999999999999.
                     std::array<char, 32> buf{};
                     auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), sum,
                                                    std::chars_format::general, 12);
                     (void)ec;
                     return "the shares of 'personas' must sum to 1; got a sum of " +
                            std::string(buf.data(), end);
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
  if (const auto* d = std::get_if<DistributionValue>(&key.default_value)) {
    return distribution_text(d->dist);  // the full mapping would widen the column
  }
  return format_value(key, key.default_value);
}

// For the listing: what an item key defaults to.
std::string item_default_text(const KeyInfo& item) {
  return item.required ? "required" : "(agents)";
}

std::string check_weight_name(const KeyInfo& key, std::string_view name) {
  if (std::find(key.choices.begin(), key.choices.end(), name) != key.choices.end()) return {};
  std::string message = "each name in " + in_quotes(key.path) + " must be one of " +
                        join(key.choices, ", ") + "; got " + in_quotes(name);
  if (std::string hint = closest_match(name, key.choices); !hint.empty()) {
    message += "; did you mean " + in_quotes(hint) + "?";
  }
  return message;
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
    case KeyType::signed_integer: return "integer";
    case KeyType::number: return "number";
    case KeyType::boolean: return "boolean";
    case KeyType::string: return "string";
    case KeyType::enumeration: return "enum";
    case KeyType::integer_list: return "integer list";
    case KeyType::distribution: return "distribution";
    case KeyType::weights: return "weights";
    case KeyType::list: return "list";
  }
  return "?";
}

std::string KeyInfo::allowed_text() const {
  std::string out;
  switch (type) {
    case KeyType::integer: out = int_range_text(integers); break;
    case KeyType::signed_integer: out = signed_range_text(signed_integers); break;
    case KeyType::number:
    case KeyType::distribution: out = range_text(numbers); break;
    case KeyType::boolean: out = "true|false"; break;
    case KeyType::string:
      out = relative_to_source ? "file path" : non_empty ? "non-empty text" : "text";
      break;
    case KeyType::enumeration: out = join(choices, "|"); break;
    case KeyType::integer_list:
      out = "items in " + int_range_text(integers) + ", at least " + to_text(min_items);
      break;
    case KeyType::weights: out = "weights >= 0 of " + join(choices, "|"); break;
    case KeyType::list: out = "mappings of the keys below"; break;
  }
  if (optional) out += ", or absent";
  return out;
}

std::string KeyInfo::expected_text() const {
  switch (type) {
    case KeyType::integer:
    case KeyType::signed_integer: return "an integer";
    case KeyType::number: return "a number";
    case KeyType::boolean: return "true or false";
    case KeyType::string: return non_empty ? "non-empty text" : "text";
    case KeyType::enumeration: return "one of " + join(choices, ", ");
    case KeyType::integer_list: return "a list of integers such as [100, 100]";
    case KeyType::distribution:
      return "a number or a distribution such as {dist: uniform, min: 0, max: 1}";
    case KeyType::weights:
      return "a mapping of names to weights such as {" + (choices.size() > 1 ? choices[1] : "x") +
             ": 1}";
    case KeyType::list:
      return "a list of mappings such as [{name: experts, share: 0.2, altruism: 0.9}]";
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

// ---- structured values ---------------------------------------------------------------------

const std::vector<std::string>& distribution_names() { return k_dist_names; }

const std::vector<DistributionParameter>& distribution_parameters(model::DistKind kind) {
  using D = model::Distribution;
  static const std::vector<DistributionParameter> k_constant{{"value", &D::value, true}};
  static const std::vector<DistributionParameter> k_uniform{{"min", &D::min, true},
                                                            {"max", &D::max, true}};
  static const std::vector<DistributionParameter> k_normal{{"mean", &D::mean, true},
                                                           {"sd", &D::sd, true}};
  static const std::vector<DistributionParameter> k_beta{{"alpha", &D::alpha, true},
                                                         {"beta", &D::beta, true},
                                                         {"min", &D::min, false},
                                                         {"max", &D::max, false}};
  switch (kind) {
    case model::DistKind::constant: return k_constant;
    case model::DistKind::uniform: return k_uniform;
    case model::DistKind::normal: return k_normal;
    case model::DistKind::beta: return k_beta;
  }
  throw std::logic_error("schema: unknown distribution kind");
}

KeyInfo distribution_parameter_key(const KeyInfo& key, const DistributionParameter& parameter) {
  KeyInfo k = base_key(key.path + "." + parameter.name, KeyType::number, key.doc);
  const NumberRange& r = key.numbers;
  if (parameter.name == "sd" || parameter.name == "alpha" || parameter.name == "beta") {
    k.numbers = k_positive;
  } else if (parameter.name == "mean") {
    // A normal is truncated to the range: its mean may sit on an open end, never at infinity.
    k.numbers = NumberRange{r.min, r.max, std::isinf(r.min), std::isinf(r.max)};
  } else {
    k.numbers = r;
  }
  return k;
}

KeyInfo weight_key(const KeyInfo& key, std::string_view name) {
  KeyInfo k = base_key(key.path + "." + std::string(name), KeyType::number, key.doc);
  k.numbers = key.numbers;
  return k;
}

KeyInfo item_key_at(const KeyInfo& item, std::size_t index) {
  KeyInfo k = item;
  if (auto at = k.path.find("[]"); at != std::string::npos) {
    std::string label(1, '[');  // built by appends: "[" + s trips GCC 12's -Wrestrict
    label += to_text(index);
    label += ']';
    k.path.replace(at, 2, label);
  }
  return k;
}

std::string distribution_text(const model::Distribution& d) {
  std::vector<std::string> args;
  for (const auto& p : distribution_parameters(d.kind)) args.push_back(plain(d.*p.field));
  if (d.kind == model::DistKind::constant) return args[0];
  return k_dist_names.at(static_cast<std::size_t>(d.kind)) + "(" + join(args, ", ") + ")";
}

bool DistributionValue::operator==(const DistributionValue& other) const {
  if (dist.kind != other.dist.kind) return false;
  for (const auto& p : distribution_parameters(dist.kind)) {
    if (dist.*p.field != other.dist.*p.field) return false;
  }
  return true;
}

bool PersonaList::operator==(const PersonaList& other) const {
  if (items.size() != other.items.size()) return false;
  const KeyInfo* list = find_key("personas");
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& k : list->items) {
      if (!(k.get_item(items[i]) == k.get_item(other.items[i]))) return false;
    }
  }
  return true;
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
    case KeyType::signed_integer: {
      std::int64_t x = 0;
      std::string error = read_signed(key, text, x);
      if (error.empty()) out = x;
      return error;
    }
    case KeyType::number: {
      double x = 0.0;
      std::string error = read_number(key, text, x);
      if (error.empty()) out = x;
      return error;
    }
    case KeyType::distribution: {
      double x = 0.0;
      std::string error = read_number(key, text, x);
      if (error.empty()) out = DistributionValue{model::Distribution::constant(x)};
      return error;
    }
    case KeyType::weights: {
      if (std::string error = check_weight_name(key, text); !error.empty()) return error;
      out = Weights{{std::string(text), 1.0}};
      return {};
    }
    case KeyType::list:
      return in_quotes(key.path) + " must be " + key.expected_text() + "; got " +
             in_quotes(text);
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

namespace {

std::string check_distribution(const KeyInfo& key, const model::Distribution& d) {
  if (static_cast<std::size_t>(d.kind) >= k_dist_names.size()) {
    return in_quotes(key.path) + " has an unknown distribution kind";
  }
  for (const auto& p : distribution_parameters(d.kind)) {
    const KeyInfo pk = distribution_parameter_key(key, p);
    if (std::string e = check_value(pk, Value{d.*p.field}); !e.empty()) return e;
  }
  if ((d.kind == model::DistKind::uniform || d.kind == model::DistKind::beta) && !(d.min < d.max)) {
    return in_quotes(key.path) + " must have min < max; got min " + plain(d.min) + ", max " +
           plain(d.max);
  }
  return {};
}

std::string check_weights(const KeyInfo& key, const Weights& weights) {
  double total = 0.0;
  std::set<std::string> seen;
  for (const auto& [name, weight] : weights) {
    if (std::string e = check_weight_name(key, name); !e.empty()) return e;
    if (!seen.insert(name).second) {
      return in_quotes(key.path) + " names " + in_quotes(name) + " twice; keep one";
    }
    if (std::string e = check_value(weight_key(key, name), Value{weight}); !e.empty()) return e;
    total += weight;
  }
  if (!(total > 0.0)) {
    return in_quotes(key.path) + " must give at least one a positive weight, such as {" +
           (key.choices.size() > 1 ? key.choices[1] : std::string("x")) + ": 1}";
  }
  return {};
}

std::string check_personas(const KeyInfo& key, const PersonaList& list) {
  if (list.items.size() > k_max_personas) {
    return in_quotes(key.path) + " must have at most " + to_text(k_max_personas) +
           " items; got " + to_text(list.items.size());
  }
  std::map<std::string, std::size_t> names;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    for (const auto& item : key.items) {
      const KeyInfo k = item_key_at(item, i);
      if (std::string e = check_value(k, item.get_item(list.items[i])); !e.empty()) return e;
    }
    const auto [first, inserted] = names.emplace(list.items[i].name, i);
    if (!inserted) {
      return "'personas[" + to_text(i) + "].name' must be unique; got " +
             in_quotes(list.items[i].name) + " again (as 'personas[" + to_text(first->second) +
             "].name')";
    }
  }
  return {};
}

}  // namespace

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
    case KeyType::signed_integer: {
      const auto* x = std::get_if<std::int64_t>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be an integer";
      if (!in_range(key.signed_integers, *x)) {
        return in_quotes(key.path) + " must be in " + signed_range_text(key.signed_integers) +
               "; got " + to_text(*x);
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
    case KeyType::distribution: {
      const auto* x = std::get_if<DistributionValue>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be " + key.expected_text();
      return check_distribution(key, x->dist);
    }
    case KeyType::weights: {
      const auto* x = std::get_if<Weights>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be " + key.expected_text();
      return check_weights(key, *x);
    }
    case KeyType::list: {
      const auto* x = std::get_if<PersonaList>(&value);
      if (x == nullptr) return in_quotes(key.path) + " must be " + key.expected_text();
      return check_personas(key, *x);
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
    std::string operator()(std::int64_t x) const { return to_text(x); }
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
    std::string operator()(const DistributionValue& x) const {
      const auto& d = x.dist;
      std::string out = "{dist: " + k_dist_names.at(static_cast<std::size_t>(d.kind));
      for (const auto& p : distribution_parameters(d.kind)) {
        out += ", " + p.name + ": " + number_text(d.*p.field);
      }
      return out + "}";
    }
    std::string operator()(const Weights& weights) const {
      std::string out = "{";
      for (std::size_t i = 0; i < weights.size(); ++i) {
        if (i > 0) out += ", ";
        out += weights[i].first + ": " + number_text(weights[i].second);
      }
      return out + "}";
    }
    std::string operator()(const PersonaList& list) const {
      std::string out = "[";
      for (std::size_t i = 0; i < list.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += "{";
        for (std::size_t j = 0; j < key.items.size(); ++j) {
          const KeyInfo& item = key.items[j];
          if (j > 0) out += ", ";
          out += std::string(item.name()) + ": " +
                 format_value(item, item.get_item(list.items[i]));
        }
        out += "}";
      }
      return out + "]";
    }
  };
  return std::visit(Visitor{key}, value);
}

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
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

namespace {

// Every key in listing order, a list key followed by its item keys.
struct Row {
  const KeyInfo* key;
  bool item;
};
std::vector<Row> listing_rows() {
  std::vector<Row> rows;
  for (const auto& k : schema_keys()) {
    rows.push_back({&k, false});
    for (const auto& item : k.items) rows.push_back({&item, true});
  }
  return rows;
}

}  // namespace

std::string render_schema() {
  constexpr std::size_t k_allowed_width = 34;
  const auto rows = listing_rows();
  auto default_of = [](const Row& r) {
    return r.item ? item_default_text(*r.key) : default_text(*r.key);
  };
  std::size_t w_key = 3, w_type = 4, w_default = 7, w_allowed = 7;
  for (const auto& r : rows) {
    w_key = std::max(w_key, r.key->path.size());
    w_type = std::max(w_type, r.key->type_name().size());
    w_default = std::max(w_default, default_of(r).size());
    for (const auto& line : wrap_allowed(r.key->allowed_text(), k_allowed_width)) {
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
      "'network:'.\nOverride any key with --set key=value; a mapping or list as YAML flow text, "
      "e.g.\n--set 'agents.altruism={dist: uniform, min: 0, max: 1}'.\n\n"
      "A distribution takes a number (a constant) or a mapping, drawn once per agent (per topic "
      "for\ninitial_*) and kept within ALLOWED:\n"
      "  {dist: constant, value: x}\n"
      "  {dist: uniform, min: a, max: b}                  U[a, b)\n"
      "  {dist: normal, mean: m, sd: s}                   truncated to ALLOWED by redrawing\n"
      "  {dist: beta, alpha: a, beta: b, min: 0, max: 1}  min + (max - min) x Beta(a, b)\n"
      "personas is a list of mappings with the personas[] keys; a persona's traits default to "
      "the\nagents: values, shown as (agents).\n\n";
  out += row("KEY", "TYPE", "DEFAULT", "ALLOWED", "DESCRIPTION");
  for (const auto& r : rows) {
    const KeyInfo& k = *r.key;
    auto allowed = wrap_allowed(k.allowed_text(), k_allowed_width);
    out += row(k.path, k.type_name(), default_of(r), allowed[0], k.doc);
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
  for (const auto& r : listing_rows()) {
    const KeyInfo& k = *r.key;
    std::string allowed = k.type == KeyType::enumeration ? join(k.choices, ", ") : k.allowed_text();
    const std::string def = r.item ? item_default_text(k) : default_text(k);
    out += "| `" + k.path + "` | " + k.type_name() + " | `" + cell(def) + "` | " + cell(allowed) +
           " | " + cell(k.doc) + " |\n";
  }
  out += "\nCross-field rules, checked after `--set` overrides:\n\n";
  for (const auto& c : schema_constraints()) out += "- " + cell(c.doc) + "\n";
  return out;
}

}  // namespace tacit::scenario
