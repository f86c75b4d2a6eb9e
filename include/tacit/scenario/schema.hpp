#pragma once
// The one table of scenario keys. The loader's checks, `tacit schema`, the resolved YAML and
// the docs are all generated from it, so names, types, defaults, ranges and docs cannot drift.
//
// Each KeyInfo is one leaf key, named by its dotted YAML path ("network.team_size"); sections
// are implied by the paths. Defaults are never typed here: they are read through the key's
// binding from a default-constructed Scenario, whose member initializers are the one place
// defaults live. Cross-field rules ("team_size <= agents") are a second, smaller table
// (schema_constraints), also rendered by `tacit schema`.
//
// Structured values: a distribution key (`agents.altruism`) takes a number or a mapping
// {dist: ..., ...} checked parameter by parameter; a weights key (`agents.learning_rules`) maps
// names to weights; the list key `personas` holds one mapping per persona, whose keys (`items`)
// bind over a model::Persona instead of the Scenario. The loader walks sections generically
// from the paths; the persona items are its one special case.

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "tacit/scenario/scenario.hpp"

namespace tacit::scenario {

/// The type of a key's value, as the user writes it.
enum class KeyType : std::uint8_t {
  integer,         ///< unsigned decimal integer
  signed_integer,  ///< decimal integer, possibly negative
  number,          ///< floating-point number
  boolean,         ///< true or false
  string,          ///< text
  enumeration,     ///< one of a fixed set of names (spelled as the C++ enumerators)
  integer_list,    ///< flow or block sequence of integers, e.g. [100, 100]
  distribution,    ///< a number (a constant) or a mapping {dist: uniform, min: 0, max: 1}
  weights,         ///< mapping of names (`choices`) to weights >= 0, e.g. {fermi: 1}
  list,            ///< sequence of mappings, each with the keys in `items` (personas)
};

/// Value of a distribution key. Two are equal when of the same kind with the same parameters
/// of that kind; the parameters the kind does not take are ignored.
struct DistributionValue {
  model::Distribution dist;
  bool operator==(const DistributionValue& other) const;
};

/// Value of a weights key: (name, weight) pairs in the order written.
using Weights = std::vector<std::pair<std::string, double>>;

/// Value of the list key `personas`: fully resolved personas. Two are equal when every item
/// key of every persona reads the same.
struct PersonaList {
  std::vector<model::Persona> items;
  bool operator==(const PersonaList& other) const;
};

/// A key's value, independent of YAML. monostate = absent (only for optional keys);
/// integer -> uint64_t, signed_integer -> int64_t, number -> double, boolean -> bool, string
/// and enumeration -> string (the enumerator's name), integer_list -> vector<uint64_t>,
/// distribution -> DistributionValue, weights -> Weights, list -> PersonaList.
using Value = std::variant<std::monostate, std::uint64_t, std::int64_t, double, bool,
                           std::string, std::vector<std::uint64_t>, DistributionValue, Weights,
                           PersonaList>;

/// Closed integer range min..max (also bounds each item of an integer list).
struct IntegerRange {
  std::uint64_t min = 0;
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
};

/// Closed signed integer range min..max.
struct SignedRange {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

/// Interval of numbers; each end open or closed. An infinite end is always open.
struct NumberRange {
  double min = 0.0;
  double max = 1.0;
  bool min_open = false;
  bool max_open = false;
};

/// One leaf key of the scenario: name, type, allowed values, doc, and how to read and write it.
struct KeyInfo {
  std::string path;  ///< dotted YAML path, e.g. "network.team_size"
  KeyType type = KeyType::integer;
  std::string doc;  ///< one line for `tacit schema`

  IntegerRange integers;             ///< integer, and each item of integer_list
  SignedRange signed_integers;       ///< signed_integer
  NumberRange numbers;               ///< number; distribution: the values drawn; weights: each weight
  std::vector<std::string> choices;  ///< enumeration, in the enum's order; weights: the names
  std::size_t min_items = 0;         ///< integer_list
  bool optional = false;             ///< may be absent (null); the default is then absent
  bool non_empty = false;            ///< string must not be empty
  bool single_precision = false;     ///< number stored as float: checked after rounding to float
  bool relative_to_source = false;   ///< string is a path resolved against the scenario's folder
  bool required = false;             ///< an item key every item must give (personas[].name)

  std::function<Value(const Scenario&)> get;         ///< read the field
  std::function<void(Scenario&, const Value&)> set;  ///< write the field (value already checked)
  Value default_value;                               ///< get(Scenario{})

  /// list: the keys of each item, paths "personas[].name"; they bind over the item through
  /// get_item / set_item (get and set stay empty).
  std::vector<KeyInfo> items;
  std::function<Value(const model::Persona&)> get_item;
  std::function<void(model::Persona&, const Value&)> set_item;

  /// Last segment of the path ("team_size").
  std::string_view name() const;
  /// Section part of the path ("network"; "" at the top level).
  std::string_view section() const;
  /// "integer", "number", "boolean", "string", "enum", "integer list", "distribution",
  /// "weights", "list".
  std::string type_name() const;
  /// Allowed values for humans: "1..50000000", "(0, 1]", "teams|ring|...", "text".
  std::string allowed_text() const;
  /// What the key must be, for messages: "an integer", "a number", "one of a, b, c", ...
  std::string expected_text() const;
};

/// Every key, in schema order (the order of `tacit schema` and the resolved YAML). List item
/// keys are not here but in their list key's `items`.
const std::vector<KeyInfo>& schema_keys();

/// The key with this dotted path, or nullptr (item keys: find them in the list key's `items`).
const KeyInfo* find_key(std::string_view path);

/// Names of the distribution kinds, in model::DistKind order: constant, uniform, normal, beta.
const std::vector<std::string>& distribution_names();

/// One parameter of a distribution as written, e.g. `min` in {dist: uniform, min: 0, max: 1}.
struct DistributionParameter {
  std::string name;
  double model::Distribution::*field = nullptr;  ///< where it is stored
  bool required = true;  ///< false: beta's min and max, which default to 0 and 1
};

/// The parameters of `kind` in the order written: constant: value; uniform: min, max;
/// normal: mean, sd; beta: alpha, beta, min, max.
const std::vector<DistributionParameter>& distribution_parameters(model::DistKind kind);

/// The number key of one parameter of distribution key `key`, path "agents.altruism.min".
/// Ranges: value, min, max: the key's range; mean: the key's range with closed finite ends
/// (a normal is truncated to the range); sd, alpha, beta: (0, inf).
KeyInfo distribution_parameter_key(const KeyInfo& key, const DistributionParameter& parameter);

/// The number key of the weight of `name` in weights key `key`, path
/// "agents.learning_rules.fermi", range key.numbers.
KeyInfo weight_key(const KeyInfo& key, std::string_view name);

/// Copy of list item key `item` named for item `index`: "personas[].share" -> "personas[2].share".
KeyInfo item_key_at(const KeyInfo& item, std::size_t index);

/// Compact text of a distribution for listings: "0.5", "uniform(0, 1)", "normal(0.5, 0.1)",
/// "beta(2, 5, 0, 1)".
std::string distribution_text(const model::Distribution& dist);

/// Reads one scalar written by the user (for integer_list: one item) into a checked value.
/// A distribution key reads a number as a constant; a weights key reads a name as weight 1.
/// Returns "" and sets `out`, or returns the message saying what is wrong and what is allowed,
/// e.g. "'network.team_size' must be an integer; got 'ten'".
std::string read_scalar(const KeyInfo& key, std::string_view text, Value& out);

/// Checks a whole value (type, range, list length; a distribution's parameters and min < max;
/// weights' names and a positive total; every item of a list); "" when allowed, else the
/// first message.
std::string check_value(const KeyInfo& key, const Value& value);

/// The value as YAML text that reads back to the same value: shortest round-trip numbers
/// (std::to_chars), double-quoted escaped strings, "[a, b]" lists, "~" when absent, flow
/// mappings "{dist: uniform, min: 0.0, max: 1.0}" and "{fermi: 1.0}", and a persona list as
/// "[{name: ..., share: ..., ...}]" with every item key.
std::string format_value(const KeyInfo& key, const Value& value);

/// A rule across keys, checked after the file and the --set overrides are applied.
struct Constraint {
  std::vector<std::string> keys;  ///< keys involved; the error is located at the first given one
  std::string doc;                ///< one line for `tacit schema`
  /// "" when the scenario satisfies the rule, else the message.
  std::function<std::string(const Scenario&)> check;
};

/// Every cross-field rule, in the order they are checked.
const std::vector<Constraint>& schema_constraints();

/// Aligned plain-text listing (key, type, default, allowed, description) and the cross-field
/// rules: what `tacit schema` prints.
std::string render_schema();

/// The same as a Markdown table, for docs.
std::string render_schema_markdown();

/// Closest candidate by Damerau-Levenshtein distance, or "" when none is close enough to hint.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// `s` between single quotes, as messages name keys and values.
std::string in_quotes(std::string_view s);

}  // namespace tacit::scenario
