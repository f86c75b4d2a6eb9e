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
// Extension point: a list of objects (say `population.personas: [{name, share, altruism:
// {dist, min, max}}]`) becomes one more KeyType whose KeyInfo carries the item's own key table
// (relative paths, bindings over the item struct) plus bindings that read and resize the
// vector; the loader already walks sections generically from the paths, so such a key is one
// more case where a leaf is applied.

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tacit/scenario/scenario.hpp"

namespace tacit::scenario {

/// The type of a key's value, as the user writes it.
enum class KeyType : std::uint8_t {
  integer,       ///< unsigned decimal integer
  number,        ///< floating-point number
  boolean,       ///< true or false
  string,        ///< text
  enumeration,   ///< one of a fixed set of names (spelled as the C++ enumerators)
  integer_list,  ///< flow or block sequence of integers, e.g. [100, 100]
};

/// A key's value, independent of YAML. monostate = absent (only for optional keys);
/// integer -> uint64_t, number -> double, boolean -> bool, string and enumeration -> string
/// (the enumerator's name), integer_list -> vector<uint64_t>.
using Value = std::variant<std::monostate, std::uint64_t, double, bool, std::string,
                           std::vector<std::uint64_t>>;

/// Closed integer range min..max (also bounds each item of an integer list).
struct IntegerRange {
  std::uint64_t min = 0;
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
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
  NumberRange numbers;               ///< number
  std::vector<std::string> choices;  ///< enumeration, in the enum's order
  std::size_t min_items = 0;         ///< integer_list
  bool optional = false;             ///< may be absent (null); the default is then absent
  bool non_empty = false;            ///< string must not be empty
  bool single_precision = false;     ///< number stored as float: checked after rounding to float
  bool relative_to_source = false;   ///< string is a path resolved against the scenario's folder

  std::function<Value(const Scenario&)> get;         ///< read the field
  std::function<void(Scenario&, const Value&)> set;  ///< write the field (value already checked)
  Value default_value;                               ///< get(Scenario{})

  /// Last segment of the path ("team_size").
  std::string_view name() const;
  /// Section part of the path ("network"; "" at the top level).
  std::string_view section() const;
  /// "integer", "number", "boolean", "string", "enum", "integer list".
  std::string type_name() const;
  /// Allowed values for humans: "1..50000000", "(0, 1]", "teams|ring|...", "text".
  std::string allowed_text() const;
  /// What the key must be, for messages: "an integer", "a number", "one of a, b, c", ...
  std::string expected_text() const;
};

/// Every key, in schema order (the order of `tacit schema` and the resolved YAML).
const std::vector<KeyInfo>& schema_keys();

/// The key with this dotted path, or nullptr.
const KeyInfo* find_key(std::string_view path);

/// Reads one scalar written by the user (for integer_list: one item) into a checked value.
/// Returns "" and sets `out`, or returns the message saying what is wrong and what is allowed,
/// e.g. "'network.team_size' must be an integer; got 'ten'".
std::string read_scalar(const KeyInfo& key, std::string_view text, Value& out);

/// Checks a whole value (type, range, list length); "" when allowed, else the message.
std::string check_value(const KeyInfo& key, const Value& value);

/// The value as YAML text that read_scalar reads back to the same value: shortest round-trip
/// numbers (std::to_chars), double-quoted escaped strings, "[a, b]" lists, "~" when absent.
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

}  // namespace tacit::scenario
