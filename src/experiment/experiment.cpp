#include "tacit/experiment/experiment.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "tacit/core/error.hpp"
#include "tacit/core/format.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/experiment/csv.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/output/manifest.hpp"
#include "tacit/scenario/loader.hpp"
#include "tacit/scenario/schema.hpp"

namespace tacit::experiment {

namespace fs = std::filesystem;
using scenario::closest_match;
using scenario::in_quotes;

namespace {

const std::vector<std::string> k_top_keys = {"name",         "description", "scenario", "seed",
                                             "replications", "common_seeds", "factors", "runs",
                                             "lhs",          "design_csv",  "keep"};
const std::vector<std::string> k_design_keys = {"factors", "runs", "lhs", "design_csv"};

struct Context {
  std::string file;
  fs::path base_dir;
  std::vector<Diagnostic> diagnostics;

  SourceLocation at(const YAML::Mark& mark) const {
    if (mark.line < 0) return SourceLocation{file, 0, 0};
    return SourceLocation{file, mark.line + 1, mark.column + 1};
  }
  void error(const YAML::Node& node, std::string message) {
    diagnostics.push_back(Diagnostic{at(node.Mark()), std::move(message)});
  }
  void error(SourceLocation where, std::string message) {
    diagnostics.push_back(Diagnostic{std::move(where), std::move(message)});
  }
};

std::string got(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return in_quotes(node.Scalar());
}

// Where a value is, or its key when the value is empty ("key:" with nothing after it).
const YAML::Node& where_of(const YAML::Node& key, const YAML::Node& value) {
  return value.IsNull() ? key : value;
}

const std::vector<std::string>& scenario_key_paths() {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> out;
    for (const auto& k : scenario::schema_keys()) out.push_back(k.path);
    return out;
  }();
  return paths;
}

// "" when `key` may be a factor, else why not and what to try.
std::string factor_key_problem(const std::string& key, const std::string& where) {
  if (key == "seed") {
    return "'seed' cannot be a factor in " + in_quotes(where) +
           ": each run's seed is derived from the experiment's seed (docs/EXPERIMENTS.md)";
  }
  if (scenario::find_key(key) != nullptr) return "";
  std::string message = "unknown scenario key " + in_quotes(key) + " in " + in_quotes(where);
  if (std::string hint = closest_match(key, scenario_key_paths()); !hint.empty()) {
    return message + "; did you mean " + in_quotes(hint) + "?";
  }
  return message + "; factors are dotted scenario keys such as 'organization.transparency' "
                   "(see 'tacit schema')";
}

bool numeric_key(const scenario::KeyInfo& key) {
  using scenario::KeyType;
  return key.type == KeyType::integer || key.type == KeyType::signed_integer ||
         key.type == KeyType::number || key.type == KeyType::distribution;
}

bool integer_key(const scenario::KeyInfo& key) {
  return key.type == scenario::KeyType::integer || key.type == scenario::KeyType::signed_integer;
}

// Calls f(key_node, name, value) for each entry of a mapping whose key is a plain name given
// once; reports duplicates and non-scalar keys.
template <class F>
void for_each_entry(const YAML::Node& map, const std::string& where, Context& ctx, F f) {
  std::map<std::string, YAML::Mark> seen;
  for (const auto& pair : map) {
    const YAML::Node key_node = pair.first;
    const YAML::Node value = pair.second;
    if (!key_node.IsScalar()) {
      ctx.error(key_node, "keys in " + where + " must be plain names; got " + got(key_node));
      continue;
    }
    const std::string& name = key_node.Scalar();
    if (auto [first, inserted] = seen.emplace(name, key_node.Mark()); !inserted) {
      ctx.error(key_node, "duplicate key " + in_quotes(name) + " in " + where +
                              " (first given at line " + std::to_string(first->second.line + 1) +
                              "); keep one");
      continue;
    }
    f(key_node, name, value);
  }
}

std::string unknown_key(const std::string& name, const std::string& where,
                        const std::vector<std::string>& allowed) {
  std::string message = "unknown key " + in_quotes(name) + " " + where;
  if (std::string hint = closest_match(name, allowed); !hint.empty()) {
    return message + "; did you mean " + in_quotes(hint) + "?";
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  return message + "; allowed: " + list;
}

std::optional<std::uint64_t> read_uint(const YAML::Node& key, const YAML::Node& value,
                                       const std::string& what, std::uint64_t min,
                                       std::uint64_t max, Context& ctx) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  if (!value.IsScalar()) {
    ctx.error(where_of(key, value), in_quotes(what) + " must be an integer in " + range +
                                        "; got " + got(value));
    return std::nullopt;
  }
  const std::string& s = value.Scalar();
  std::uint64_t x = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || ptr != s.data() + s.size() || x < min || x > max) {
    ctx.error(value, in_quotes(what) + " must be an integer in " + range + "; got " + in_quotes(s));
    return std::nullopt;
  }
  return x;
}

std::optional<double> read_number(const YAML::Node& key, const YAML::Node& value,
                                  const std::string& what, Context& ctx) {
  if (value.IsScalar()) {
    const std::string& s = value.Scalar();
    double x = 0.0;
    const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), x);
    if (ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(x)) return x;
  }
  ctx.error(where_of(key, value), in_quotes(what) + " must be a finite number; got " + got(value));
  return std::nullopt;
}

std::optional<bool> read_bool(const YAML::Node& key, const YAML::Node& value,
                              const std::string& what, Context& ctx) {
  if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) {
    return value.Scalar() == "true";
  }
  ctx.error(where_of(key, value), in_quotes(what) + " must be true or false; got " + got(value));
  return std::nullopt;
}

std::optional<std::string> read_text(const YAML::Node& key, const YAML::Node& value,
                                     const std::string& what, bool non_empty, Context& ctx) {
  if (value.IsScalar() && !(non_empty && value.Scalar().empty())) return value.Scalar();
  if (value.IsNull() && !non_empty) return std::string();
  ctx.error(where_of(key, value),
            in_quotes(what) + " must be " + (non_empty ? "non-empty text" : "text") + "; got " +
                got(value));
  return std::nullopt;
}

// A factor value as override text: a scalar as written, a list or mapping as YAML flow text.
std::optional<std::string> value_text(const YAML::Node& where, const YAML::Node& value,
                                      const std::string& what, Context& ctx) {
  if (value.IsScalar() && !value.Scalar().empty()) return value.Scalar();
  if (value.IsSequence() || value.IsMap()) {
    YAML::Emitter e;
    e.SetSeqFormat(YAML::Flow);
    e.SetMapFormat(YAML::Flow);
    e << value;
    return std::string(e.c_str());
  }
  ctx.error(where_of(where, value),
            "a value of " + in_quotes(what) + " must not be empty; got " + got(value));
  return std::nullopt;
}

std::string integer_text(double x) {
  std::string out;
  core::append_number(out, static_cast<std::int64_t>(x));
  return out;
}

// ---- designs --------------------------------------------------------------------------------

// factors: {key: [levels] | {from, to, steps, log}}
void read_factors(const YAML::Node& node, Experiment& ex, Context& ctx) {
  if (!node.IsMap() || node.size() == 0) {
    ctx.error(node, "'factors' must be a mapping of scenario keys to values, such as "
                    "{organization.transparency: [0, 0.5, 1]}; got " + got(node));
    return;
  }
  for_each_entry(node, "'factors'", ctx, [&](const YAML::Node& key_node, const std::string& key,
                                              const YAML::Node& value) {
    if (std::string problem = factor_key_problem(key, "factors"); !problem.empty()) {
      ctx.error(key_node, std::move(problem));
      return;
    }
    const std::string what = "factors." + key;
    Factor factor{key, {}};
    if (value.IsSequence()) {
      if (value.size() == 0) {
        ctx.error(value, in_quotes(what) + " has no values; give a list such as [0, 0.5, 1] "
                                           "or a range {from: 0, to: 1, steps: 5}");
        return;
      }
      std::set<std::string> seen;
      for (const auto& item : value) {
        auto text = value_text(item, item, what, ctx);
        if (!text) continue;
        if (!seen.insert(*text).second) {
          ctx.error(item, "duplicate value " + in_quotes(*text) + " in " + in_quotes(what) +
                              "; give each level once (use replications for repeats)");
          continue;
        }
        factor.values.push_back(*text);
      }
    } else if (value.IsMap()) {
      const scenario::KeyInfo& info = *scenario::find_key(key);
      if (!numeric_key(info)) {
        ctx.error(value, "a range needs a numeric key; " + in_quotes(key) + " is " +
                             info.expected_text() + ": list its values instead, such "
                             "as [a, b]");
        return;
      }
      std::optional<double> from, to;
      std::optional<std::uint64_t> steps;
      bool log = false;
      bool ok = true;
      for_each_entry(value, in_quotes(what), ctx,
                     [&](const YAML::Node& k, const std::string& name, const YAML::Node& v) {
                       const std::string w = what + "." + name;
                       if (name == "from") {
                         from = read_number(k, v, w, ctx);
                         ok = ok && from;
                       } else if (name == "to") {
                         to = read_number(k, v, w, ctx);
                         ok = ok && to;
                       } else if (name == "steps") {
                         steps = read_uint(k, v, w, 1, 1000000, ctx);
                         ok = ok && steps;
                       } else if (name == "log") {
                         auto b = read_bool(k, v, w, ctx);
                         ok = ok && b;
                         log = b.value_or(false);
                       } else {
                         ctx.error(k, unknown_key(name, "in " + in_quotes(what),
                                                  {"from", "to", "steps", "log"}));
                         ok = false;
                       }
                     });
      if (!ok) return;
      if (!from || !to || !steps) {
        ctx.error(value, "the range " + in_quotes(what) +
                             " needs 'from', 'to' and 'steps', such as {from: 0, to: 1, steps: 5}");
        return;
      }
      if (log && (*from <= 0 || *to <= 0)) {
        ctx.error(value, "the log range " + in_quotes(what) + " needs from > 0 and to > 0");
        return;
      }
      std::set<std::string> seen;
      for (double x : range_values(*from, *to, static_cast<std::uint32_t>(*steps), log)) {
        std::string text = integer_key(info) ? integer_text(std::round(x)) : core::format_number(x);
        if (!seen.insert(text).second) {
          ctx.error(value, "the range " + in_quotes(what) + " gives " + in_quotes(text) +
                               " twice once rounded to integers; use fewer steps");
          return;
        }
        factor.values.push_back(std::move(text));
      }
    } else {
      ctx.error(where_of(key_node, value),
                in_quotes(what) + " must be a list of values such as [0, 0.5, 1] or a range "
                                  "such as {from: 0, to: 1, steps: 5}; got " + got(value));
      return;
    }
    if (!factor.values.empty()) ex.factors.push_back(std::move(factor));
  });
}

// runs: [{key: value, ...}, ...]
void read_runs(const YAML::Node& node, Experiment& ex, Context& ctx) {
  if (!node.IsSequence() || node.size() == 0) {
    ctx.error(node, "'runs' must be a non-empty list of mappings of scenario keys to values, "
                    "such as [{network.agents: 100}, {network.agents: 200}]; got " + got(node));
    return;
  }
  std::vector<std::map<std::string, std::string>> rows;
  std::size_t index = 0;
  for (const auto& item : node) {
    const std::string where = "runs[" + std::to_string(index++) + "]";
    std::map<std::string, std::string> row;
    if (item.IsNull()) {
      rows.push_back(row);  // "- {}" or "-": the base scenario as it is
      continue;
    }
    if (!item.IsMap()) {
      ctx.error(item, in_quotes(where) + " must be a mapping of scenario keys to values; got " +
                          got(item));
      continue;
    }
    for_each_entry(item, in_quotes(where), ctx,
                   [&](const YAML::Node& k, const std::string& key, const YAML::Node& v) {
                     if (std::string problem = factor_key_problem(key, where); !problem.empty()) {
                       ctx.error(k, std::move(problem));
                       return;
                     }
                     if (auto text = value_text(k, v, where + "." + key, ctx)) row[key] = *text;
                     if (std::find(ex.design.keys.begin(), ex.design.keys.end(), key) ==
                         ex.design.keys.end()) {
                       ex.design.keys.push_back(key);
                     }
                   });
    rows.push_back(std::move(row));
  }
  for (const auto& row : rows) {
    std::vector<std::string> point;
    for (const auto& key : ex.design.keys) {
      auto it = row.find(key);
      point.push_back(it == row.end() ? std::string() : it->second);
    }
    ex.design.points.push_back(std::move(point));
  }
}

// lhs: {n, seed?, ranges: {key: [low, high]}}
void read_lhs(const YAML::Node& node, Experiment& ex, Context& ctx) {
  if (!node.IsMap()) {
    ctx.error(node, "'lhs' must be a mapping such as {n: 50, ranges: {network.weak_ties: [0, 8]}}; "
                    "got " + got(node));
    return;
  }
  bool has_n = false;
  bool has_ranges = false;
  for_each_entry(node, "'lhs'", ctx, [&](const YAML::Node& k, const std::string& name,
                                          const YAML::Node& v) {
    if (name == "n") {
      has_n = true;
      if (auto n = read_uint(k, v, "lhs.n", 1, 10000000, ctx)) ex.lhs.n = static_cast<std::uint32_t>(*n);
    } else if (name == "seed") {
      ex.lhs.seed = read_uint(k, v, "lhs.seed", 0, UINT64_MAX, ctx);
    } else if (name == "ranges") {
      has_ranges = true;
      if (!v.IsMap() || v.size() == 0) {
        ctx.error(where_of(k, v), "'lhs.ranges' must map numeric scenario keys to [low, high], "
                                  "such as {network.weak_ties: [0, 8]}; got " + got(v));
        return;
      }
      for_each_entry(v, "'lhs.ranges'", ctx, [&](const YAML::Node& rk, const std::string& key,
                                                 const YAML::Node& rv) {
        if (std::string problem = factor_key_problem(key, "lhs.ranges"); !problem.empty()) {
          ctx.error(rk, std::move(problem));
          return;
        }
        const scenario::KeyInfo& info = *scenario::find_key(key);
        if (!numeric_key(info)) {
          ctx.error(rk, "'lhs.ranges' needs numeric keys; " + in_quotes(key) + " is " +
                            info.expected_text() + " (use factors or runs for it)");
          return;
        }
        const std::string what = "lhs.ranges." + key;
        if (!rv.IsSequence() || rv.size() != 2) {
          ctx.error(where_of(rk, rv), in_quotes(what) + " must be [low, high]; got " + got(rv));
          return;
        }
        auto low = read_number(rk, rv[0], what, ctx);
        auto high = read_number(rk, rv[1], what, ctx);
        if (!low || !high) return;
        if (!(*low < *high)) {
          ctx.error(rv, in_quotes(what) + " must have low < high; got [" +
                            core::format_number(*low) + ", " + core::format_number(*high) + "]");
          return;
        }
        ex.lhs.ranges.push_back(LhsRange{key, *low, *high, integer_key(info)});
        ex.design.keys.push_back(key);
      });
    } else {
      ctx.error(k, unknown_key(name, "in 'lhs'", {"n", "seed", "ranges"}));
    }
  });
  if (!has_n || !has_ranges) {
    ctx.error(node, "'lhs' needs 'n' (the number of points) and 'ranges', such as "
                    "{n: 50, ranges: {network.weak_ties: [0, 8]}}");
  }
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// design_csv: a header of scenario keys, then one row per point.
void read_design_csv(const YAML::Node& key_node, const YAML::Node& node, Experiment& ex,
                     Context& ctx) {
  auto name = read_text(key_node, node, "design_csv", true, ctx);
  if (!name) return;
  fs::path p(*name);
  if (p.is_relative()) p = ctx.base_dir / p;
  p = p.lexically_normal();
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    ctx.error(node, "cannot open the design CSV " + in_quotes(p.string()) +
                        ": no such file or unreadable; its path is relative to the experiment file");
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  ex.design_csv = p.string();
  ex.design_csv_text = text.str();

  const std::string file = p.string();
  std::istringstream csv(ex.design_csv_text);
  CsvReader reader(csv);
  std::vector<std::string> fields;
  try {
    if (!reader.next(fields) || (fields.size() == 1 && trim(fields[0]).empty())) {
      ctx.error(SourceLocation{file, 1, 0},
                "the design CSV is empty; expected a header of scenario keys, then one row per run");
      return;
    }
    bool ok = true;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string key = trim(fields[c]);
      if (std::string problem = factor_key_problem(key, "design_csv"); !problem.empty()) {
        ctx.error(SourceLocation{file, 1, 0}, "column " + std::to_string(c + 1) + ": " + problem);
        ok = false;
      } else if (std::find(ex.design.keys.begin(), ex.design.keys.end(), key) !=
                 ex.design.keys.end()) {
        ctx.error(SourceLocation{file, 1, 0}, "column " + std::to_string(c + 1) + ": duplicate key " +
                                                  in_quotes(key) + "; keep one");
        ok = false;
      }
      ex.design.keys.push_back(key);
    }
    if (!ok) return;
    bool rows = false;
    while (reader.next(fields)) {
      if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
      rows = true;
      if (fields.size() != ex.design.keys.size()) {
        ctx.error(SourceLocation{file, reader.line(), 0},
                  "the row has " + std::to_string(fields.size()) + " fields; the header has " +
                      std::to_string(ex.design.keys.size()));
        continue;
      }
      for (auto& f : fields) f = trim(std::move(f));
      ex.design.points.push_back(fields);
    }
    if (!rows) ctx.error(SourceLocation{file, 1, 0}, "the design CSV has a header but no rows");
  } catch (const InputError& e) {
    ctx.error(SourceLocation{file, 0, 0}, e.what());
  }
}

// keep: {final: [metrics], window: {from, to}, timeseries_every: k}
void read_keep(const YAML::Node& node, Experiment& ex, Context& ctx) {
  const auto& metrics = model::Simulation::metric_names();
  if (!node.IsMap()) {
    ctx.error(node, "'keep' must be a mapping such as {final: [knowledge_mean], "
                    "window: {from: 50, to: 100}, timeseries_every: 10}; got " + got(node));
    return;
  }
  for_each_entry(node, "'keep'", ctx, [&](const YAML::Node& k, const std::string& name,
                                           const YAML::Node& v) {
    if (name == "final") {
      if (v.IsScalar() && v.Scalar() == "all") return;
      if (!v.IsSequence() || v.size() == 0) {
        ctx.error(where_of(k, v), "'keep.final' must be a non-empty list of metric names, or "
                                  "'all'; got " + got(v));
        return;
      }
      std::vector<std::string> chosen;
      for (const auto& item : v) {
        if (!item.IsScalar()) {
          ctx.error(item, "'keep.final' lists metric names; got " + got(item));
          continue;
        }
        const std::string& m = item.Scalar();
        if (std::find(metrics.begin(), metrics.end(), m) == metrics.end()) {
          std::string message = "unknown metric " + in_quotes(m) + " in 'keep.final'";
          if (std::string hint = closest_match(m, metrics); !hint.empty()) {
            message += "; did you mean " + in_quotes(hint) + "?";
          } else {
            message += "; the metrics are the columns of timeseries.csv (docs/OUTPUTS.md)";
          }
          ctx.error(item, std::move(message));
        } else if (std::find(chosen.begin(), chosen.end(), m) != chosen.end()) {
          ctx.error(item, "metric " + in_quotes(m) + " is listed twice in 'keep.final'");
        } else {
          chosen.push_back(m);
        }
      }
      ex.keep.final_metrics = chosen;
    } else if (name == "window") {
      if (!v.IsMap()) {
        ctx.error(where_of(k, v), "'keep.window' must be {from: t0, to: t1}; got " + got(v));
        return;
      }
      std::optional<std::uint64_t> from, to;
      bool ok = true;
      for_each_entry(v, "'keep.window'", ctx,
                     [&](const YAML::Node& wk, const std::string& wname, const YAML::Node& wv) {
                       if (wname == "from") {
                         from = read_uint(wk, wv, "keep.window.from", 0, 1000000000, ctx);
                         ok = ok && from;
                       } else if (wname == "to") {
                         to = read_uint(wk, wv, "keep.window.to", 0, 1000000000, ctx);
                         ok = ok && to;
                       } else {
                         ctx.error(wk, unknown_key(wname, "in 'keep.window'", {"from", "to"}));
                         ok = false;
                       }
                     });
      if (!ok) return;
      if (!from || !to) {
        ctx.error(v, "'keep.window' needs 'from' and 'to', such as {from: 50, to: 100}");
      } else if (*from > *to) {
        ctx.error(v, "'keep.window' must have from <= to; got from " + std::to_string(*from) +
                         ", to " + std::to_string(*to));
      } else {
        ex.keep.window = Window{static_cast<std::uint32_t>(*from), static_cast<std::uint32_t>(*to)};
      }
    } else if (name == "timeseries_every") {
      if (auto every = read_uint(k, v, "keep.timeseries_every", 0, 1000000000, ctx)) {
        ex.keep.timeseries_every = static_cast<std::uint32_t>(*every);
      }
    } else {
      ctx.error(k, unknown_key(name, "in 'keep'", {"final", "window", "timeseries_every"}));
    }
  });
}

[[noreturn]] void fail_with(Context& ctx) {
  // By file (the experiment first), then position.
  auto group = [&ctx](const Diagnostic& d) { return d.where.file == ctx.file ? 0 : 1; };
  std::stable_sort(ctx.diagnostics.begin(), ctx.diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(group(a), a.where.line, a.where.column) <
                            std::tuple(group(b), b.where.line, b.where.column);
                   });
  throw InputFileError(std::move(ctx.diagnostics));
}

fs::path folder_of(const std::string& file_name) {
  std::error_code ec;
  fs::path parent = fs::path(file_name).parent_path();
  fs::path base = parent.empty() ? fs::current_path(ec) : fs::absolute(parent, ec);
  return ec ? parent : base;
}

void load_base_scenario(const YAML::Node& node, const std::string& name, Experiment& ex,
                        Context& ctx) {
  fs::path p(name);
  if (p.is_relative()) p = ctx.base_dir / p;
  p = p.lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    ctx.error(node, "cannot open the base scenario " + in_quotes(p.string()) +
                        ": no such file; 'scenario' is relative to the experiment file");
    fail_with(ctx);
  }
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    ctx.error(node, "cannot read the base scenario " + in_quotes(p.string()));
    fail_with(ctx);
  }
  ex.scenario_file = p.string();
  ex.scenario_text = text.str();
  // The base must be valid alone: its own errors, located in its own file.
  ex.scenario_resolved = scenario::to_resolved_yaml(scenario::parse_scenario(ex.scenario_text, ex.scenario_file));
}

}  // namespace

const char* design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::single: return "single";
    case DesignKind::grid: return "factors";
    case DesignKind::runs: return "runs";
    case DesignKind::lhs: return "lhs";
    case DesignKind::csv: return "design_csv";
  }
  return "?";
}

Experiment parse_experiment(const std::string& text, const std::string& file_name) {
  Context ctx{file_name, folder_of(file_name), {}};
  Experiment ex;
  ex.file = file_name;
  ex.keep.final_metrics = model::Simulation::metric_names();

  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputFileError(ctx.at(e.mark), "invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) {
    throw InputFileError(SourceLocation{file_name, 1, 1},
                         "the experiment must be a mapping with 'scenario' and a design "
                         "('factors', 'runs', 'lhs' or 'design_csv'); got " + got(root));
  }

  std::optional<std::string> scenario_name;
  YAML::Node scenario_node;
  bool has_scenario = false;
  YAML::Node design_node;
  std::string design_key;
  bool has_name = false;
  for_each_entry(root, "the experiment", ctx, [&](const YAML::Node& k, const std::string& name,
                                                   const YAML::Node& v) {
    if (std::find(k_design_keys.begin(), k_design_keys.end(), name) != k_design_keys.end()) {
      if (!design_key.empty()) {
        ctx.error(k, in_quotes(name) + " cannot be combined with " + in_quotes(design_key) +
                         ": an experiment has one design (factors, runs, lhs or design_csv)");
        return;
      }
      design_key = name;
    }
    if (name == "name") {
      has_name = true;
      if (auto s = read_text(k, v, "name", true, ctx)) ex.name = *s;
    } else if (name == "description") {
      if (auto s = read_text(k, v, "description", false, ctx)) ex.description = *s;
    } else if (name == "scenario") {
      has_scenario = true;
      scenario_name = read_text(k, v, "scenario", true, ctx);
      scenario_node = v.IsNull() ? k : v;
    } else if (name == "seed") {
      ex.seed = read_uint(k, v, "seed", 0, UINT64_MAX, ctx);
    } else if (name == "replications") {
      if (auto r = read_uint(k, v, "replications", 1, 1000000000, ctx)) {
        ex.replications = static_cast<std::uint32_t>(*r);
      }
    } else if (name == "common_seeds") {
      ex.common_seeds = read_bool(k, v, "common_seeds", ctx).value_or(false);
    } else if (name == "factors") {
      ex.kind = DesignKind::grid;
      read_factors(v, ex, ctx);
    } else if (name == "runs") {
      ex.kind = DesignKind::runs;
      read_runs(v, ex, ctx);
    } else if (name == "lhs") {
      ex.kind = DesignKind::lhs;
      read_lhs(v, ex, ctx);
    } else if (name == "design_csv") {
      ex.kind = DesignKind::csv;
      read_design_csv(k, v, ex, ctx);
    } else if (name == "keep") {
      read_keep(v, ex, ctx);
    } else {
      ctx.error(k, unknown_key(name, "at the top level of the experiment", k_top_keys));
    }
  });
  if (!has_scenario) {
    ctx.error(SourceLocation{file_name, 1, 1},
              "missing key 'scenario': the base scenario file, relative to the experiment file");
  }
  if (!has_name) ex.name = fs::path(file_name).stem().string();
  if (ex.name.empty()) ex.name = "experiment";
  if (!ctx.diagnostics.empty()) fail_with(ctx);

  if (ex.kind == DesignKind::grid || ex.kind == DesignKind::single) ex.design = full_grid(ex.factors);
  load_base_scenario(scenario_node, *scenario_name, ex, ctx);
  if (ex.seed) set_root_seed(ex, *ex.seed, "experiment");
  return ex;
}

Experiment load_experiment(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw InputFileError(SourceLocation{path, 0, 0},
                         fs::is_directory(path, ec)
                             ? "cannot open the experiment: it is a directory; expected a YAML file"
                             : "cannot open the experiment: no such file; check the path");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InputFileError(SourceLocation{path, 0, 0}, "cannot read the experiment file");
  return parse_experiment(text.str(), path);
}

void set_root_seed(Experiment& ex, std::uint64_t seed, std::string source) {
  ex.seed = seed;
  ex.seed_source = std::move(source);
  if (ex.kind != DesignKind::lhs) return;
  const std::uint64_t lhs_seed = ex.lhs.seed.value_or(derive_seed(seed, Stream::experiment, 0, 1));
  const auto unit = latin_hypercube(ex.lhs.n, ex.lhs.ranges.size(), lhs_seed);
  ex.design.points.clear();
  for (const auto& u : unit) {
    std::vector<std::string> point;
    for (std::size_t k = 0; k < ex.lhs.ranges.size(); ++k) {
      const LhsRange& r = ex.lhs.ranges[k];
      if (r.integer) {
        // n equal strata of the integers low..high.
        const double lo = std::ceil(r.low);
        const double hi = std::floor(r.high);
        point.push_back(integer_text(std::min(hi, std::floor(lo + (hi - lo + 1.0) * u[k]))));
      } else {
        point.push_back(core::format_number(r.low + (r.high - r.low) * u[k]));
      }
    }
    ex.design.points.push_back(std::move(point));
  }
}

std::uint64_t run_seed(std::uint64_t root, std::uint64_t run, std::uint32_t replications,
                       bool common_seeds) {
  const std::uint64_t label = common_seeds ? run % replications : run;
  return derive_seed(root, Stream::experiment, label);
}

std::vector<std::string> run_overrides(const Experiment& ex, std::uint64_t run) {
  std::vector<std::string> overrides = ex.design.overrides(run / ex.replications);
  overrides.push_back("seed=" + std::to_string(run_seed(*ex.seed, run, ex.replications, ex.common_seeds)));
  return overrides;
}

namespace {

std::string render(const Experiment& ex, bool for_hash) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << ex.name;
  e << YAML::Key << "description" << YAML::Value << ex.description;
  e << YAML::Key << "scenario" << YAML::Value << (for_hash ? std::string("<base scenario>") : ex.scenario_file);
  e << YAML::Key << "seed" << YAML::Value << std::to_string(ex.seed.value_or(0));
  e << YAML::Key << "replications" << YAML::Value << std::to_string(ex.replications);
  e << YAML::Key << "common_seeds" << YAML::Value << (ex.common_seeds ? "true" : "false");
  switch (ex.kind) {
    case DesignKind::single: break;
    case DesignKind::grid:
      e << YAML::Key << "factors" << YAML::Value << YAML::BeginMap;
      for (const auto& f : ex.factors) {
        e << YAML::Key << f.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& v : f.values) e << v;
        e << YAML::EndSeq;
      }
      e << YAML::EndMap;
      break;
    case DesignKind::runs:
      e << YAML::Key << "runs" << YAML::Value << YAML::BeginSeq;
      for (const auto& point : ex.design.points) {
        e << YAML::Flow << YAML::BeginMap;
        for (std::size_t k = 0; k < ex.design.keys.size(); ++k) {
          if (!point[k].empty()) e << YAML::Key << ex.design.keys[k] << YAML::Value << point[k];
        }
        e << YAML::EndMap;
      }
      e << YAML::EndSeq;
      break;
    case DesignKind::lhs:
      e << YAML::Key << "lhs" << YAML::Value << YAML::BeginMap;
      e << YAML::Key << "n" << YAML::Value << std::to_string(ex.lhs.n);
      e << YAML::Key << "seed" << YAML::Value
        << std::to_string(ex.lhs.seed.value_or(derive_seed(ex.seed.value_or(0), Stream::experiment, 0, 1)));
      e << YAML::Key << "ranges" << YAML::Value << YAML::BeginMap;
      for (const auto& r : ex.lhs.ranges) {
        e << YAML::Key << r.key << YAML::Value << YAML::Flow << YAML::BeginSeq
          << core::format_number(r.low) << core::format_number(r.high) << YAML::EndSeq;
      }
      e << YAML::EndMap << YAML::EndMap;
      break;
    case DesignKind::csv:
      e << YAML::Key << "design_csv" << YAML::Value << (for_hash ? std::string("<design csv>") : ex.design_csv);
      break;
  }
  e << YAML::Key << "keep" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "final" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& m : ex.keep.final_metrics) e << m;
  e << YAML::EndSeq;
  if (ex.keep.window) {
    e << YAML::Key << "window" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "from"
      << YAML::Value << std::to_string(ex.keep.window->from) << YAML::Key << "to" << YAML::Value
      << std::to_string(ex.keep.window->to) << YAML::EndMap;
  }
  if (ex.keep.timeseries_every) {
    e << YAML::Key << "timeseries_every" << YAML::Value << std::to_string(*ex.keep.timeseries_every);
  }
  e << YAML::EndMap;
  e << YAML::EndMap;
  std::string out = e.c_str();
  out += '\n';
  if (for_hash) {
    out += "--- base scenario\n" + ex.scenario_resolved;
    if (ex.kind == DesignKind::csv) out += "--- design csv\n" + ex.design_csv_text;
  }
  return out;
}

}  // namespace

std::string resolved_yaml(const Experiment& ex) {
  return "# The experiment as run by tacit sweep: defaults filled, the root seed set, ranges\n"
         "# expanded (docs/EXPERIMENTS.md). `tacit sweep` on this file repeats the sweep.\n" +
         render(ex, false);
}

std::string experiment_hash(const Experiment& ex) { return output::fnv1a_hex(render(ex, true)); }

}  // namespace tacit::experiment
