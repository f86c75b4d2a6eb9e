#include "tacit/scenario/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

#include "tacit/core/error.hpp"
#include "tacit/scenario/schema.hpp"

namespace tacit::scenario {

namespace fs = std::filesystem;

namespace {

// ---- the section tree, derived from the dotted paths of the schema --------------------------

struct Section {
  struct Child {
    std::string name;
    const KeyInfo* key = nullptr;      // a leaf key, or
    const Section* section = nullptr;  // a nested section
  };
  std::string path;  // "" for the top level
  std::vector<Child> children;
  std::vector<std::string> names;  // children's names, for "did you mean"
  std::vector<std::unique_ptr<Section>> owned;

  const Child* find(std::string_view name) const {
    for (const auto& c : children) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
};

Section build_tree() {
  Section root;
  for (const auto& key : schema_keys()) {
    Section* sec = &root;
    std::string_view rest = key.path;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      std::string name(rest.substr(0, dot));
      rest.remove_prefix(dot + 1);
      Section* next = nullptr;
      for (const auto& c : sec->children) {
        if (c.name == name && c.section != nullptr) next = const_cast<Section*>(c.section);
      }
      if (next == nullptr) {
        auto child = std::make_unique<Section>();
        child->path = sec->path.empty() ? name : sec->path + "." + name;
        next = child.get();
        sec->children.push_back({name, nullptr, next});
        sec->names.push_back(name);
        sec->owned.push_back(std::move(child));
      }
      sec = next;
    }
    sec->children.push_back({std::string(rest), &key, nullptr});
    sec->names.push_back(std::string(rest));
  }
  return root;
}

const Section& tree() {
  static const Section root = build_tree();
  return root;
}

// "a mapping", "a list", "nothing" or the scalar quoted: the "got ..." part of messages.
std::string got(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return in_quotes(node.Scalar());
}

std::string section_keys_example(const Section& sec) {
  std::string out;
  for (std::size_t i = 0; i < sec.names.size() && i < 2; ++i) {
    out += (i == 0 ? "" : " and ") + in_quotes(sec.names[i]);
  }
  return out;
}

// ---- applying YAML to a Scenario ------------------------------------------------------------

// A persona as written: the item keys it gives. Resolved against the agents: values only after
// the file and every --set are applied, so that `--set agents.altruism=...` reaches every
// persona that does not name altruism itself.
struct PersonaSpec {
  std::vector<std::pair<const KeyInfo*, Value>> given;  // item key of the schema, its value
};

struct Context {
  Scenario& scenario;
  std::string file;
  fs::path base_dir;                    // anchors relative paths
  std::optional<SourceLocation> fixed;  // every location, while applying a --set
  std::vector<Diagnostic> diagnostics;
  std::map<std::string, SourceLocation> given_at;  // key path -> where its key was given
  std::set<std::string> failed;                    // keys whose value was rejected
  std::optional<std::vector<PersonaSpec>> personas;  // as last given (file, then --set)

  SourceLocation at(const YAML::Mark& mark) const {
    if (fixed) return *fixed;
    if (mark.line < 0) return SourceLocation{file, 0, 0};
    return SourceLocation{file, mark.line + 1, mark.column + 1};
  }
  void error(SourceLocation where, std::string message) {
    diagnostics.push_back(Diagnostic{std::move(where), std::move(message)});
  }
};

std::string unknown_key_message(const Section& sec, const std::string& name) {
  std::string message =
      "unknown key " + in_quotes(name) + " " +
      (sec.path.empty() ? std::string("at the top level") : "in " + in_quotes(sec.path));
  if (std::string hint = closest_match(name, sec.names); !hint.empty()) {
    return message + "; did you mean " + in_quotes(hint) + "?";
  }
  // A dotted name written inside a mapping: "network.agents: 5" at the top level.
  std::string full = sec.path.empty() ? name : sec.path + "." + name;
  if (const KeyInfo* key = find_key(full); key != nullptr && name.find('.') != std::string::npos) {
    return message + "; dotted paths are for --set: write " + in_quotes(key->name()) + " under " +
           in_quotes(std::string(key->section()) + ":");
  }
  // The right key in the wrong section: "agents" at the top level.
  for (const auto& key : schema_keys()) {
    if (key.name() == name && key.section() != sec.path) {
      return message + "; did you mean " + in_quotes(key.path) + "?";
    }
  }
  return message + "; see 'tacit schema' for the keys";
}

std::string resolve_path(const std::string& path, const fs::path& base_dir) {
  if (path.empty()) return path;
  fs::path p(path);
  if (p.is_relative()) p = base_dir / p;
  return p.lexically_normal().string();
}

void apply_map(const Section& sec, const YAML::Node& map, Context& ctx);

std::string where_text(const std::string& path) {
  return path.empty() ? std::string("at the top level") : "in " + in_quotes(path);
}

// Calls f(key_node, name, value) for each entry of `map` whose key is a plain name given once;
// reports the others. `path` names the mapping in messages; `examples` shows good keys.
template <class F>
void for_each_entry(const YAML::Node& map, const std::string& path, const std::string& examples,
                    Context& ctx, F f) {
  std::map<std::string, YAML::Mark> seen;
  for (const auto& pair : map) {  // a copy of the pair: it->first would dangle
    const YAML::Node key_node = pair.first;
    const YAML::Node value = pair.second;
    if (!key_node.IsScalar()) {
      ctx.error(ctx.at(key_node.Mark()),
                "keys must be plain names such as " + examples + "; got " + got(key_node));
      continue;
    }
    const std::string& name = key_node.Scalar();
    if (auto [first, inserted] = seen.emplace(name, key_node.Mark()); !inserted) {
      ctx.error(ctx.at(key_node.Mark()),
                "duplicate key " + in_quotes(name) + " " + where_text(path) +
                    " (first given at line " + std::to_string(first->second.line + 1) +
                    "); keep one");
      continue;
    }
    f(key_node, name, value);
  }
}

std::string quoted_list(const std::vector<std::string>& items, std::string_view last_sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(last_sep) : std::string(", ");
    out += items[i];
  }
  return out;
}

// {dist: uniform, min: 0, max: 1}: each parameter checked where it is written, then the rules
// across parameters (min < max) at the mapping.
bool read_distribution(const KeyInfo& key, const YAML::Node& map, Context& ctx, Value& out) {
  const SourceLocation map_loc = ctx.at(map.Mark());
  const auto& names = distribution_names();
  YAML::Node dist_node;
  bool has_dist = false;
  for (const auto& pair : map) {
    const YAML::Node k = pair.first;
    if (k.IsScalar() && k.Scalar() == "dist" && !has_dist) {
      dist_node = pair.second;
      has_dist = true;
    }
  }
  if (!has_dist) {
    ctx.error(map_loc, in_quotes(key.path) + " must name its distribution with dist: " +
                           quoted_list(names, " or ") +
                           ", such as {dist: uniform, min: 0, max: 1}");
    return false;
  }
  KeyInfo dist_key;
  dist_key.path = key.path + ".dist";
  dist_key.type = KeyType::enumeration;
  dist_key.choices = names;
  Value kind_name;
  if (!dist_node.IsScalar()) {
    ctx.error(ctx.at(dist_node.Mark()), in_quotes(dist_key.path) + " must be " +
                                            dist_key.expected_text() + "; got " + got(dist_node));
    return false;
  }
  if (std::string e = read_scalar(dist_key, dist_node.Scalar(), kind_name); !e.empty()) {
    ctx.error(ctx.at(dist_node.Mark()), std::move(e));
    return false;
  }
  const auto& kind_text = std::get<std::string>(kind_name);
  model::Distribution d;
  d.kind = static_cast<model::DistKind>(std::find(names.begin(), names.end(), kind_text) -
                                        names.begin());
  const auto& parameters = distribution_parameters(d.kind);
  std::vector<std::string> takes{"dist"};
  std::vector<std::string> parameter_names;
  for (const auto& p : parameters) {
    takes.push_back(p.name);
    parameter_names.push_back(p.name);
  }

  bool ok = true;
  bool unknown = false;  // an unknown key already says what the kind takes
  std::set<std::string> given;
  for_each_entry(map, key.path, "'dist' and '" + parameters.front().name + "'", ctx,
                 [&](const YAML::Node& key_node, const std::string& name, const YAML::Node& value) {
                   if (name == "dist") return;
                   auto it = std::find_if(parameters.begin(), parameters.end(),
                                          [&](const auto& p) { return p.name == name; });
                   if (it == parameters.end()) {
                     std::string message = "unknown key " + in_quotes(name) + " in " +
                                           in_quotes(key.path);
                     if (std::string hint = closest_match(name, takes); !hint.empty()) {
                       message += "; did you mean " + in_quotes(hint) + "?";
                     } else {
                       message += "; dist " + kind_text + " takes " +
                                  quoted_list(parameter_names, " and ");
                     }
                     ctx.error(ctx.at(key_node.Mark()), std::move(message));
                     ok = false;
                     unknown = true;
                     return;
                   }
                   given.insert(name);
                   const KeyInfo pk = distribution_parameter_key(key, *it);
                   Value x;
                   if (!value.IsScalar()) {
                     ctx.error(ctx.at(value.IsNull() ? key_node.Mark() : value.Mark()),
                               in_quotes(pk.path) + " must be a number; got " + got(value));
                     ok = false;
                   } else if (std::string e = read_scalar(pk, value.Scalar(), x); !e.empty()) {
                     ctx.error(ctx.at(value.Mark()), std::move(e));
                     ok = false;
                   } else {
                     d.*(it->field) = std::get<double>(x);
                   }
                 });
  for (const auto& p : parameters) {
    if (given.count(p.name) > 0 || unknown) continue;
    if (p.required) {
      ctx.error(map_loc, in_quotes(key.path) + " with dist " + kind_text + " must give " +
                             in_quotes(p.name));
      ok = false;
    } else if (const KeyInfo pk = distribution_parameter_key(key, p);
               !check_value(pk, Value{d.*p.field}).empty()) {
      ctx.error(map_loc, in_quotes(key.path) + " with dist " + kind_text + " must give " +
                             in_quotes(p.name) + " here: its default " +
                             format_value(pk, Value{d.*p.field}) + " is outside " +
                             pk.allowed_text());
      ok = false;
    }
  }
  if (!ok) return false;
  out = DistributionValue{d};
  if (std::string e = check_value(key, out); !e.empty()) {
    ctx.error(map_loc, std::move(e));
    return false;
  }
  return true;
}

// {fermi: 0.5, repeat: 0.5}: each name and weight checked where written, the total at the
// mapping.
bool read_weights(const KeyInfo& key, const YAML::Node& map, Context& ctx, Value& out) {
  bool ok = true;
  Weights weights;
  for_each_entry(map, key.path, "'" + key.choices.at(1) + "'", ctx,
                 [&](const YAML::Node& key_node, const std::string& name, const YAML::Node& value) {
                   Value probe;
                   if (std::string e = read_scalar(key, name, probe); !e.empty()) {
                     ctx.error(ctx.at(key_node.Mark()), std::move(e));
                     ok = false;
                     return;
                   }
                   const KeyInfo wk = weight_key(key, name);
                   Value x;
                   if (!value.IsScalar()) {
                     ctx.error(ctx.at(value.IsNull() ? key_node.Mark() : value.Mark()),
                               in_quotes(wk.path) + " must be a number; got " + got(value));
                     ok = false;
                   } else if (std::string e = read_scalar(wk, value.Scalar(), x); !e.empty()) {
                     ctx.error(ctx.at(value.Mark()), std::move(e));
                     ok = false;
                   } else {
                     weights.emplace_back(name, std::get<double>(x));
                   }
                 });
  if (!ok) return false;
  out = std::move(weights);
  if (std::string e = check_value(key, out); !e.empty()) {
    ctx.error(ctx.at(map.Mark()), std::move(e));
    return false;
  }
  return true;
}

// Reads and checks the value of one leaf key; false (with the problems reported) when rejected.
bool read_value(const KeyInfo& key, const YAML::Node& key_node, const YAML::Node& value,
                Context& ctx, Value& v) {
  const SourceLocation key_loc = ctx.at(key_node.Mark());
  bool ok = true;
  auto fail = [&](SourceLocation where, std::string message) {
    ctx.error(std::move(where), std::move(message));
    ok = false;
  };

  if (value.IsNull()) {
    // An empty value: absent for optional keys, "" for text; otherwise a type error. Located at
    // the key, because yaml-cpp places an empty value's mark on the following line.
    if (key.optional) {
      v = std::monostate{};
    } else if (key.type == KeyType::string && !key.non_empty) {
      v = std::string{};
    } else {
      fail(key_loc, in_quotes(key.path) + " must be " + key.expected_text() + "; got nothing");
    }
  } else if (key.type == KeyType::integer_list) {
    if (!value.IsSequence()) {
      fail(ctx.at(value.Mark()),
           in_quotes(key.path) + " must be " + key.expected_text() + "; got " + got(value));
    } else {
      std::vector<std::uint64_t> items;
      for (const auto& item : value) {
        Value x;
        if (!item.IsScalar()) {
          fail(ctx.at(item.Mark()),
               "each item of " + in_quotes(key.path) + " must be an integer; got " + got(item));
        } else if (std::string e = read_scalar(key, item.Scalar(), x); !e.empty()) {
          fail(ctx.at(item.Mark()), std::move(e));
        } else {
          items.push_back(std::get<std::uint64_t>(x));
        }
      }
      if (ok) {
        v = std::move(items);
        if (std::string e = check_value(key, v); !e.empty()) fail(ctx.at(value.Mark()), e);
      }
    }
  } else if (key.type == KeyType::distribution && value.IsMap()) {
    ok = read_distribution(key, value, ctx, v);
  } else if (key.type == KeyType::weights && value.IsMap()) {
    ok = read_weights(key, value, ctx, v);
  } else if (!value.IsScalar()) {
    fail(ctx.at(value.Mark()),
         in_quotes(key.path) + " must be " + key.expected_text() + "; got " + got(value));
  } else if (std::string e = read_scalar(key, value.Scalar(), v); !e.empty()) {
    fail(ctx.at(value.Mark()), std::move(e));
  }
  return ok;
}

// personas: a list of mappings; each item key is read like a leaf and kept for resolution.
void apply_personas(const KeyInfo& key, const YAML::Node& key_node, const YAML::Node& value,
                    Context& ctx) {
  const std::size_t errors_before = ctx.diagnostics.size();
  std::vector<PersonaSpec> specs;
  if (!value.IsNull() && !value.IsSequence()) {
    ctx.error(ctx.at(value.Mark()),
              in_quotes(key.path) + " must be " + key.expected_text() + "; got " + got(value));
  } else if (value.IsSequence()) {
    std::vector<std::string> item_names;
    for (const auto& item : key.items) item_names.emplace_back(item.name());
    std::map<std::string, SourceLocation> names;  // persona name -> where first given
    std::size_t index = 0;
    for (const auto& item : value) {
      std::string item_path = key.path;  // "personas[2]"
      item_path += '[';
      item_path += std::to_string(index);
      item_path += ']';
      if (!item.IsMap()) {
        ctx.error(ctx.at(item.Mark()), in_quotes(item_path) +
                                           " must be a mapping such as {name: experts, share: "
                                           "0.2, altruism: 0.9}; got " +
                                           got(item));
        ++index;
        continue;
      }
      PersonaSpec spec;
      std::set<std::string> written;
      for_each_entry(
          item, item_path, "'name' and 'share'", ctx,
          [&](const YAML::Node& item_key_node, const std::string& name, const YAML::Node& v) {
            auto it = std::find_if(key.items.begin(), key.items.end(),
                                   [&](const KeyInfo& k) { return k.name() == name; });
            if (it == key.items.end()) {
              std::string message =
                  "unknown key " + in_quotes(name) + " in " + in_quotes(item_path);
              if (std::string hint = closest_match(name, item_names); !hint.empty()) {
                message += "; did you mean " + in_quotes(hint) + "?";
              } else {
                message += "; a persona takes 'name', 'share' and the keys of 'agents'";
              }
              ctx.error(ctx.at(item_key_node.Mark()), std::move(message));
              return;
            }
            written.insert(name);
            const KeyInfo k = item_key_at(*it, index);
            Value x;
            if (!read_value(k, item_key_node, v, ctx, x)) return;
            if (name == "name") {
              const auto& persona = std::get<std::string>(x);
              const SourceLocation here = ctx.at(v.Mark());
              auto [first, inserted] = names.emplace(persona, here);
              if (!inserted) {
                std::string message = in_quotes(k.path) + " must be unique; got " +
                                      in_quotes(persona) + " again";
                if (first->second.line > 0) {
                  message += " (first given at line " + std::to_string(first->second.line) + ")";
                }
                ctx.error(here, std::move(message));
                return;
              }
            }
            spec.given.emplace_back(&*it, std::move(x));
          });
      for (const auto& k : key.items) {
        if (!k.required || written.count(std::string(k.name())) > 0) continue;
        ctx.error(ctx.at(item.Mark()), in_quotes(item_path) + " must give " +
                                           in_quotes(k.name()) + " (" + k.allowed_text() + ")");
      }
      specs.push_back(std::move(spec));
      ++index;
    }
    if (specs.size() > 65536) {
      ctx.error(ctx.at(value.Mark()), in_quotes(key.path) + " must have at most 65536 items; got " +
                                          std::to_string(specs.size()));
    }
  }
  if (ctx.diagnostics.size() > errors_before) ctx.failed.insert(key.path);
  ctx.personas = std::move(specs);
  ctx.given_at[key.path] = ctx.at(key_node.Mark());
}

void apply_leaf(const KeyInfo& key, const YAML::Node& key_node, const YAML::Node& value,
                Context& ctx) {
  if (key.type == KeyType::list) {
    apply_personas(key, key_node, value, ctx);
    return;
  }
  Value v;
  if (!read_value(key, key_node, value, ctx, v)) {
    ctx.failed.insert(key.path);
    return;
  }
  if (key.relative_to_source) {
    v = resolve_path(std::get<std::string>(v), ctx.base_dir);
  }
  key.set(ctx.scenario, v);
  ctx.given_at[key.path] = ctx.at(key_node.Mark());
}

// Every persona starts from the agents: values and takes what it names.
void resolve_personas(Context& ctx) {
  if (!ctx.personas) return;
  auto& population = ctx.scenario.model.population;
  std::vector<model::Persona> personas;
  for (const auto& spec : *ctx.personas) {
    model::Persona p;
    p.traits = population.defaults;
    for (const auto& [key, value] : spec.given) key->set_item(p, value);
    personas.push_back(std::move(p));
  }
  population.personas = std::move(personas);
}

void apply_child(const Section::Child& child, const YAML::Node& key_node, const YAML::Node& value,
                 Context& ctx) {
  if (child.key != nullptr) {
    apply_leaf(*child.key, key_node, value, ctx);
    return;
  }
  const Section& sec = *child.section;
  if (value.IsMap()) {
    apply_map(sec, value, ctx);
  } else if (!value.IsNull()) {  // an empty section is allowed: every key keeps its default
    std::string message = in_quotes(sec.path) + " must be a mapping of keys such as " +
                          section_keys_example(sec) + "; got " + got(value);
    // A key of the same name elsewhere: "agents: 5" meant network.agents.
    for (const auto& key : schema_keys()) {
      if (key.name() == child.name) {
        message += "; did you mean " + in_quotes(key.path) + "?";
        break;
      }
    }
    ctx.error(ctx.at(value.Mark()), std::move(message));
  }
}

void apply_map(const Section& sec, const YAML::Node& map, Context& ctx) {
  for_each_entry(map, sec.path, section_keys_example(sec), ctx,
                 [&](const YAML::Node& key_node, const std::string& name, const YAML::Node& value) {
                   const Section::Child* child = sec.find(name);
                   if (child == nullptr) {
                     ctx.error(ctx.at(key_node.Mark()), unknown_key_message(sec, name));
                     return;
                   }
                   apply_child(*child, key_node, value, ctx);
                 });
}

// ---- overrides ------------------------------------------------------------------------------

void apply_override(const std::string& arg, Context& ctx) {
  const SourceLocation loc{"--set " + arg, 0, 0};
  const auto eq = arg.find('=');
  if (eq == std::string::npos) {
    ctx.error(loc, "expected key.path=value, such as network.agents=500; got no '='");
    return;
  }
  std::string path = arg.substr(0, eq);
  while (!path.empty() && path.back() == ' ') path.pop_back();  // "key = value"
  while (!path.empty() && path.front() == ' ') path.erase(0, 1);
  const std::string text = arg.substr(eq + 1);
  if (path.empty()) {
    ctx.error(loc, "expected key.path=value, such as network.agents=500; the key is empty");
    return;
  }

  // Walk the path through the section tree.
  const Section* sec = &tree();
  const Section::Child* child = nullptr;
  std::string_view rest = path;
  while (true) {
    auto dot = rest.find('.');
    std::string name(rest.substr(0, dot));
    child = sec->find(name);
    if (child == nullptr) {
      ctx.error(loc, unknown_key_message(*sec, name));
      return;
    }
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
    if (child->section == nullptr) {
      std::string message =
          in_quotes(child->key->path) + " is a key, not a section; got " + in_quotes(path);
      if (child->key->type == KeyType::distribution) {
        message += "; set the whole distribution, such as --set '" + child->key->path +
                   "={dist: uniform, min: 0, max: 1}'";
      }
      ctx.error(loc, std::move(message));
      return;
    }
    sec = child->section;
  }

  // The value is read as YAML (a scalar, or a flow sequence / mapping), then goes through the
  // same code as a value in the file. Free text for a string key need not be valid YAML.
  YAML::Node value;
  const bool is_text = child->key != nullptr && child->key->type == KeyType::string;
  try {
    value = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    if (!is_text) {
      ctx.error(loc, "cannot read " + in_quotes(text) + " as a YAML value: " + e.msg);
      return;
    }
    value = YAML::Node(text);
  }
  if (is_text && !value.IsScalar() && !value.IsNull()) value = YAML::Node(text);

  ctx.fixed = loc;
  apply_child(*child, YAML::Node(path), value, ctx);
  ctx.fixed.reset();
}

// ---- cross-field rules ----------------------------------------------------------------------

void check_constraints(Context& ctx) {
  for (const auto& rule : schema_constraints()) {
    bool skip = std::any_of(rule.keys.begin(), rule.keys.end(),
                            [&](const std::string& k) { return ctx.failed.count(k) > 0; });
    if (skip) continue;  // a rejected value kept its default: do not judge the default
    std::string message = rule.check(ctx.scenario);
    if (message.empty()) continue;
    SourceLocation where{ctx.file, 0, 0};
    for (const auto& k : rule.keys) {
      if (auto it = ctx.given_at.find(k); it != ctx.given_at.end()) {
        where = it->second;
        break;
      }
    }
    ctx.error(std::move(where), std::move(message));
  }
}

[[noreturn]] void fail_with(Context& ctx) {
  // By position in the file, then the --set problems in the order given.
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

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& file_name,
                        const std::vector<std::string>& overrides) {
  Scenario scenario;
  scenario.source_file = file_name;
  Context ctx{scenario, file_name, folder_of(file_name), {}, {}, {}, {}, {}};

  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    throw InputFileError(ctx.at(e.mark), "invalid YAML: " + e.msg);
  }
  if (docs.empty() || (docs.size() == 1 && docs[0].IsNull())) {
    throw InputFileError(SourceLocation{file_name, 0, 0},
                         "the scenario is empty; expected a mapping of keys such as 'ticks' and "
                         "'network' (see 'tacit schema')");
  }
  if (docs.size() > 1) {
    ctx.error(ctx.at(docs[1].Mark()),
              "the file holds more than one YAML document; a scenario is a single mapping "
              "(remove the '---' separator)");
  }
  const YAML::Node& root = docs[0];
  if (!root.IsMap()) {
    ctx.error(
        ctx.at(root.Mark()),
        "the scenario must be a mapping of keys such as 'ticks' and 'network'; got " + got(root));
    fail_with(ctx);
  }
  apply_map(tree(), root, ctx);

  std::error_code ec;
  ctx.base_dir = fs::current_path(ec);  // --set paths are relative to where the user is
  for (const auto& o : overrides) apply_override(o, ctx);

  resolve_personas(ctx);
  check_constraints(ctx);
  if (!ctx.diagnostics.empty()) fail_with(ctx);
  return scenario;
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  const SourceLocation where{path, 0, 0};
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) {
    throw InputFileError(where, "cannot open the scenario: no such file; check the path");
  }
  if (fs::is_directory(status)) {
    throw InputFileError(where,
                         "cannot open the scenario: it is a directory; expected a YAML file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int code = errno;
    throw InputFileError(
        where, "cannot open the scenario: " +
                   (code != 0 ? std::generic_category().message(code) : std::string("unreadable")));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputFileError(where, "cannot read the scenario: read error");
  return parse_scenario(text.str(), path, overrides);
}

// ---- writing --------------------------------------------------------------------------------

namespace {

struct Line {
  std::string text;
  std::string comment;
};

// personas: a block list, every item key of every persona (docs on the first one).
void write_list(const KeyInfo& key, const Scenario& s, const std::string& indent,
                std::vector<Line>& lines) {
  const Value value = key.get(s);
  const auto& personas = std::get<PersonaList>(value).items;
  const std::string name(key.name());
  if (personas.empty()) {
    lines.push_back({indent + name + ": []", key.doc});
    return;
  }
  lines.push_back({indent + name + ":", key.doc});
  for (std::size_t i = 0; i < personas.size(); ++i) {
    for (std::size_t j = 0; j < key.items.size(); ++j) {
      const KeyInfo& item = key.items[j];
      lines.push_back({indent + (j == 0 ? "  - " : "    ") + std::string(item.name()) + ": " +
                           format_value(item, item.get_item(personas[i])),
                       i == 0 ? item.doc : std::string{}});
    }
  }
}

void write_section(const Section& sec, const Scenario& s, const std::string& indent,
                   std::vector<Line>& lines) {
  for (const auto& child : sec.children) {
    if (child.key != nullptr && child.key->type == KeyType::list) {
      write_list(*child.key, s, indent, lines);
    } else if (child.key != nullptr) {
      lines.push_back({indent + child.name + ": " + format_value(*child.key, child.key->get(s)),
                       child.key->doc});
    } else {
      lines.push_back({indent + child.name + ":", {}});
      write_section(*child.section, s, indent + "  ", lines);
    }
  }
}

}  // namespace

std::string to_resolved_yaml(const Scenario& scenario) {
  std::vector<Line> lines;
  write_section(tree(), scenario, "", lines);
  constexpr std::size_t k_comment_column = 44;
  std::string out =
      "# tacit scenario, resolved: every key with its effective value (defaults filled).\n";
  // The source file is recorded in manifest.json, not here: the resolved text (and so the
  // scenario hash) must depend only on the effective scenario, not on where it was read from.
  for (const auto& line : lines) {
    out += line.text;
    if (!line.comment.empty()) {
      out.append(line.text.size() < k_comment_column ? k_comment_column - line.text.size() : 1,
                 ' ');
      out += "# " + line.comment;
    }
    out += '\n';
  }
  return out;
}

}  // namespace tacit::scenario
