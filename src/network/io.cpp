#include "tacit/network/io.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tacit/core/error.hpp"
#include "tacit/network/generators.hpp"

namespace tacit::network {

namespace {

constexpr std::size_t k_max_diagnostics = 20;
constexpr float k_no_weight = std::numeric_limits<float>::quiet_NaN();

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// 1-based column of byte `offset` in `line`, counting UTF-8 characters, not bytes.
int column_of(std::string_view line, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
    column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
  }
  return column;
}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::optional<double> parse_number(std::string_view s) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<TieKind> parse_kind(std::string_view s) {
  const std::string v = lower(trim(s));
  if (v == "strong") return TieKind::strong;
  if (v == "weak") return TieKind::weak;
  return std::nullopt;
}

/// A weight as stored (float), if `s` is a finite number >= 0.
std::optional<float> parse_weight(std::string_view s) {
  const auto value = parse_number(trim(s));
  if (!value || !std::isfinite(*value) || *value < 0.0 ||
      *value > std::numeric_limits<float>::max()) {
    return std::nullopt;
  }
  return static_cast<float>(*value);
}

std::optional<std::int32_t> parse_group(std::string_view s) {
  s = trim(s);
  std::int32_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < -1) return std::nullopt;
  return value;
}

std::string read_all(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

/// Shortest round-trip decimal form (locale-independent).
template <class T>
std::string_view format_number(T value, char (&buffer)[32]) {
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, static_cast<std::size_t>(result.ptr - buffer)};
}

// ---------------------------------------------------------------------------------------------
// Diagnostics and the common end of both importers

/// The problems found in one file, thrown together.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : m_file(std::move(file)) {}

  void add(int line, int column, std::string message) {
    ++m_count;
    if (m_list.size() < k_max_diagnostics) {
      m_list.push_back(Diagnostic{SourceLocation{m_file, line, column}, std::move(message)});
    }
  }
  bool any() const { return m_count > 0; }
  [[noreturn]] void fail(int line, int column, std::string message) {
    add(line, column, std::move(message));
    throw_all();
  }
  void throw_if_any() {
    if (m_count > 0) throw_all();
  }

 private:
  [[noreturn]] void throw_all() {
    if (m_count > m_list.size()) {
      m_list.push_back(Diagnostic{SourceLocation{m_file},
                                  "... and " + std::to_string(m_count - m_list.size()) +
                                      " more problems not shown"});
    }
    throw InputFileError(std::move(m_list));
  }
  std::string m_file;
  std::vector<Diagnostic> m_list;
  std::size_t m_count = 0;
};

/// Nodes and ties read from a file, before they become a Network.
struct Import {
  std::vector<std::string> labels;
  std::unordered_map<std::string, NodeId> index;
  std::vector<Tie> ties;
  std::vector<std::int32_t> team;        // empty: the file gives no teams
  std::vector<std::int32_t> department;  // empty: the file gives no departments
  bool has_kinds = false;

  /// The node with this id, created on first mention.
  NodeId node(std::string_view id) {
    const auto [it, inserted] = index.try_emplace(std::string(id), 0);
    if (inserted) {
      if (labels.size() >= std::numeric_limits<NodeId>::max() - 1) {
        throw Error("network file has more than 2^32 - 2 nodes");
      }
      it->second = static_cast<NodeId>(labels.size());
      labels.push_back(it->first);
    }
    return it->second;
  }
};

Network finish(Import&& import, const NetworkSpec& spec) {
  const auto n = static_cast<std::uint32_t>(import.labels.size());
  NetworkBuilder builder(n);
  builder.reserve(import.ties.size());
  for (const Tie& t : import.ties) builder.add_tie(t.a, t.b, t.kind, t.weight);
  decltype(import.ties)().swap(import.ties);  // freed now (`= {}` would keep the capacity)
  decltype(import.index)().swap(import.index);
  for (NodeId v = 0; v < import.team.size() && v < n; ++v) builder.set_team(v, import.team[v]);
  for (NodeId v = 0; v < import.department.size() && v < n; ++v) {
    builder.set_department(v, import.department[v]);
  }
  builder.set_labels(std::move(import.labels));
  TieRule rule = spec.tie_rule;
  if (rule == TieRule::natural && !import.has_kinds) rule = TieRule::overlap;
  return apply_tie_rule(std::move(builder).build(), rule, spec, TieWeights::keep_given);
}

// ---------------------------------------------------------------------------------------------
// CSV

enum class Column : std::uint8_t { source, target, tie, weight };

const char* column_name(Column c) {
  switch (c) {
    case Column::source: return "source";
    case Column::target: return "target";
    case Column::tie: return "tie";
    case Column::weight: return "weight";
  }
  return "?";
}

struct Field {
  std::string value;
  std::size_t offset = 0;  // byte offset of the field's first character in its line
};

/// Splits one line into fields; on a quoting error returns (offset, message).
std::optional<std::pair<std::size_t, std::string>> split_fields(std::string_view line,
                                                                std::vector<Field>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    Field field;
    field.offset = i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          return std::pair{field.offset,
                           std::string("unterminated quoted field: add the closing '\"'")};
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.value += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.value += line[i++];
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',') {
        return std::pair{i, std::string("unexpected text after a closing quote: expected ',' "
                                        "or the end of the line")};
      }
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      field.value = std::string(trim(line.substr(i, comma - i)));
      i = comma;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return std::nullopt;
}

std::string describe(const std::vector<Column>& columns) {
  std::string out;
  for (const Column c : columns) {
    if (!out.empty()) out += ',';
    out += column_name(c);
  }
  return out;
}

Network parse_csv(std::string_view text, const std::string& file, const NetworkSpec& spec) {
  Diagnostics diagnostics(file);
  text = strip_bom(text);
  Import import;
  std::vector<Column> columns;
  std::vector<Field> fields;
  bool has_weights = false;
  int line_number = 0;
  bool seen_data = false;
  // Reads on after errors (storing only the first few) so that the count of problems is true.
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (const auto error = split_fields(line, fields)) {
      diagnostics.add(line_number, column_of(line, error->first), error->second);
      continue;
    }

    if (columns.empty()) {
      const bool header = std::any_of(fields.begin(), fields.end(), [](const Field& f) {
        const std::string name = lower(f.value);
        return name == "source" || name == "from";
      });
      if (header) {
        // A header names the columns.
        for (const Field& f : fields) {
          const std::string name = lower(f.value);
          Column c;
          if (name == "source" || name == "from") {
            c = Column::source;
          } else if (name == "target" || name == "to") {
            c = Column::target;
          } else if (name == "tie" || name == "kind") {
            c = Column::tie;
          } else if (name == "weight") {
            c = Column::weight;
          } else {
            diagnostics.add(line_number, column_of(line, f.offset),
                            "unknown column '" + f.value +
                                "' in the header; allowed: source, target, tie (or kind), weight");
            continue;
          }
          if (std::find(columns.begin(), columns.end(), c) != columns.end()) {
            diagnostics.add(line_number, column_of(line, f.offset),
                            "column '" + std::string(column_name(c)) +
                                "' appears twice in the header");
          }
          columns.push_back(c);
        }
        if (std::find(columns.begin(), columns.end(), Column::target) == columns.end()) {
          diagnostics.add(line_number, 1,
                          "the header has no 'target' (or 'to') column; it needs source and "
                          "target");
        }
        diagnostics.throw_if_any();  // rows cannot be read without their columns
        continue;
      }
      switch (fields.size()) {
        case 2: columns = {Column::source, Column::target}; break;
        case 3:
          columns = {Column::source, Column::target,
                     parse_number(fields[2].value) ? Column::weight : Column::tie};
          break;
        case 4: columns = {Column::source, Column::target, Column::tie, Column::weight}; break;
        default:
          diagnostics.fail(line_number, 1,
                           "expected 2 to 4 comma-separated fields "
                           "(source,target[,tie][,weight]), found " +
                               std::to_string(fields.size()));
      }
    }

    seen_data = true;
    if (fields.size() != columns.size()) {
      const int column = fields.size() > columns.size()
                             ? column_of(line, fields[columns.size()].offset)
                             : column_of(line, line.size());  // just past the end
      diagnostics.add(line_number, column,
                      "expected " + std::to_string(columns.size()) + " fields (" +
                          describe(columns) + "), found " + std::to_string(fields.size()));
      continue;
    }
    std::string_view source, target;
    TieKind kind = TieKind::strong;
    float weight = k_no_weight;
    bool ok = true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Field& f = fields[i];
      const int column = column_of(line, f.offset);
      switch (columns[i]) {
        case Column::source:
        case Column::target:
          if (f.value.empty()) {
            diagnostics.add(line_number, column,
                            "empty " + std::string(column_name(columns[i])) +
                                " id: every tie needs two node ids");
            ok = false;
          }
          (columns[i] == Column::source ? source : target) = f.value;
          break;
        case Column::tie:
          if (const auto k = parse_kind(f.value)) {
            kind = *k;
          } else {
            diagnostics.add(line_number, column,
                            "tie must be 'strong' or 'weak', got '" + f.value + "'");
            ok = false;
          }
          break;
        case Column::weight:
          if (const auto w = parse_weight(f.value)) {
            weight = *w;
          } else {
            diagnostics.add(line_number, column,
                            "weight must be a finite number >= 0, got '" + f.value + "'");
            ok = false;
          }
          break;
      }
    }
    if (!ok) continue;
    const NodeId a = import.node(source);
    const NodeId b = import.node(target);
    import.ties.push_back(Tie{a, b, kind, weight});
  }
  if (!seen_data && !diagnostics.any()) {
    diagnostics.add(0, 0, "no ties found: expected lines source,target[,tie][,weight]");
  }
  diagnostics.throw_if_any();

  import.has_kinds = std::find(columns.begin(), columns.end(), Column::tie) != columns.end();
  has_weights = std::find(columns.begin(), columns.end(), Column::weight) != columns.end();
  if (spec.tie_rule == TieRule::weight_threshold && !has_weights) {
    diagnostics.fail(0, 0,
                     "tie_rule weight_threshold needs a weight for every tie, but the file has no "
                     "weight column; add one (source,target,tie,weight) or choose another "
                     "tie_rule");
  }
  return finish(std::move(import), spec);
}

// ---------------------------------------------------------------------------------------------
// XML: a small pull reader, enough for GraphML, with line:column on every event

class XmlReader {
 public:
  enum class Event : std::uint8_t { start, end, text, done };
  struct Attribute {
    std::string name;
    std::string value;
    int line = 0;
    int column = 0;
  };
  struct Open {
    std::string name;
    int line = 0;
    int column = 0;
  };

  XmlReader(std::string_view text, Diagnostics& diagnostics)
      : m_text(text), m_diagnostics(diagnostics) {}

  Event next();
  /// Element name of a start or end event.
  const std::string& name() const { return m_name; }
  /// Attributes of a start event.
  const std::vector<Attribute>& attributes() const { return m_attributes; }
  const Attribute* attribute(std::string_view name) const {
    for (const Attribute& a : m_attributes) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }
  /// Decoded text of a text event.
  const std::string& text() const { return m_value; }
  /// Where the current event starts.
  int line() const { return m_line; }
  int column() const { return m_column; }
  /// Open elements, root first (for a start event, including the new element).
  const std::vector<Open>& open() const { return m_open; }

  [[noreturn]] void fail_at(std::size_t pos, const std::string& message) {
    int line = 0, column = 0;
    locate(pos, line, column);
    m_diagnostics.fail(line, column, message);
  }

 private:
  void locate(std::size_t pos, int& line, int& column) {
    if (pos < m_counted) {  // only when reporting an error behind the reader: count again
      m_counted = 0;
      m_counted_line = 1;
      m_counted_column = 1;
    }
    for (; m_counted < pos && m_counted < m_text.size(); ++m_counted) {
      const char c = m_text[m_counted];
      if (c == '\n') {
        ++m_counted_line;
        m_counted_column = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++m_counted_column;
      }
    }
    line = m_counted_line;
    column = m_counted_column;
  }
  bool starts_with(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }
  std::size_t find_or_fail(std::string_view what, std::size_t from, const char* construct) {
    const std::size_t at = m_text.find(what, from);
    if (at == std::string_view::npos) {
      fail_at(m_pos, std::string("unterminated ") + construct + ": no closing '" +
                         std::string(what) + "' before the end of the file");
    }
    return at;
  }
  static bool is_name_char(char c) {
    return !(is_blank(c) || c == '/' || c == '>' || c == '<' || c == '=' || c == '"' ||
             c == '\'' || c == '&');
  }
  std::string read_name() {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && is_name_char(m_text[m_pos])) ++m_pos;
    return std::string(m_text.substr(start, m_pos - start));
  }
  void skip_blanks() {
    while (m_pos < m_text.size() && is_blank(m_text[m_pos])) ++m_pos;
  }
  /// Decodes entity and character references of raw text starting at byte `base`.
  void decode(std::string_view raw, std::size_t base, std::string& out);
  Event read_tag();

  std::string_view m_text;
  Diagnostics& m_diagnostics;
  std::size_t m_pos = 0;
  std::size_t m_counted = 0;
  int m_counted_line = 1;
  int m_counted_column = 1;
  bool m_seen_root = false;
  bool m_pending_end = false;
  std::vector<Open> m_open;
  std::string m_name;
  std::vector<Attribute> m_attributes;
  std::string m_value;
  int m_line = 0;
  int m_column = 0;
};

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void XmlReader::decode(std::string_view raw, std::size_t base, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < raw.size();) {
    if (raw[i] != '&') {
      const std::size_t amp = std::min(raw.find('&', i), raw.size());
      out.append(raw.substr(i, amp - i));
      i = amp;
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    // Without a ';' the reference is malformed; show what follows the '&' in the message.
    const std::string_view entity =
        semi == std::string_view::npos ? raw.substr(i) : raw.substr(i, semi - i + 1);
    bool ok = true;
    if (entity == "&lt;") {
      out += '<';
    } else if (entity == "&gt;") {
      out += '>';
    } else if (entity == "&amp;") {
      out += '&';
    } else if (entity == "&quot;") {
      out += '"';
    } else if (entity == "&apos;") {
      out += '\'';
    } else if (entity.size() > 3 && entity[1] == '#') {
      const bool hex = entity[2] == 'x' || entity[2] == 'X';
      const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
      std::uint32_t cp = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      ok = ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() &&
           cp > 0 && cp <= 0x10FFFF;
      if (ok) append_utf8(cp, out);
    } else {
      ok = false;
    }
    if (!ok) {
      const std::string shown(entity.substr(0, std::min<std::size_t>(entity.size(), 12)));
      fail_at(base + i, "unknown or malformed reference '" + shown +
                            "'; XML allows &lt; &gt; &amp; &quot; &apos; &#N; &#xN; (write a "
                            "literal '&' as &amp;)");
    }
    i += entity.size();
  }
}

XmlReader::Event XmlReader::next() {
  if (m_pending_end) {
    m_pending_end = false;
    m_name = std::move(m_open.back().name);
    m_open.pop_back();
    return Event::end;
  }
  while (true) {
    if (m_pos >= m_text.size()) {
      if (!m_open.empty()) {
        const Open& o = m_open.back();
        fail_at(m_text.size(), "unexpected end of the file: <" + o.name + "> opened at " +
                                   std::to_string(o.line) + ":" + std::to_string(o.column) +
                                   " is not closed");
      }
      if (!m_seen_root) fail_at(m_text.size(), "no XML element found: expected <graphml>");
      return Event::done;
    }
    if (m_text[m_pos] != '<') {
      const std::size_t end = std::min(m_text.find('<', m_pos), m_text.size());
      const std::string_view raw = m_text.substr(m_pos, end - m_pos);
      if (m_open.empty()) {
        if (!trim(raw).empty()) {
          std::size_t first = 0;
          while (is_blank(raw[first])) ++first;
          fail_at(m_pos + first, "text outside the root element");
        }
        m_pos = end;
        continue;
      }
      locate(m_pos, m_line, m_column);
      decode(raw, m_pos, m_value);
      m_pos = end;
      return Event::text;
    }
    if (starts_with("<?")) {
      m_pos = find_or_fail("?>", m_pos + 2, "processing instruction") + 2;
    } else if (starts_with("<!--")) {
      m_pos = find_or_fail("-->", m_pos + 4, "comment") + 3;
    } else if (starts_with("<![CDATA[")) {
      const std::size_t end = find_or_fail("]]>", m_pos + 9, "CDATA section");
      if (m_open.empty()) fail_at(m_pos, "CDATA outside the root element");
      locate(m_pos, m_line, m_column);
      m_value.assign(m_text.substr(m_pos + 9, end - m_pos - 9));
      m_pos = end + 3;
      return Event::text;
    } else if (starts_with("<!")) {
      // <!DOCTYPE ...> possibly with an internal subset in brackets: skipped.
      int depth = 0;
      std::size_t i = m_pos + 2;
      for (; i < m_text.size(); ++i) {
        if (m_text[i] == '[') ++depth;
        if (m_text[i] == ']') --depth;
        if (m_text[i] == '>' && depth <= 0) break;
      }
      if (i >= m_text.size()) fail_at(m_pos, "unterminated <!DOCTYPE ...> declaration");
      m_pos = i + 1;
    } else {
      return read_tag();
    }
  }
}

XmlReader::Event XmlReader::read_tag() {
  const std::size_t tag_start = m_pos;
  locate(m_pos, m_line, m_column);
  if (starts_with("</")) {
    m_pos += 2;
    m_name = read_name();
    skip_blanks();
    if (m_pos >= m_text.size() || m_text[m_pos] != '>') {
      fail_at(m_pos, "expected '>' to end the closing tag </" + m_name + ">");
    }
    ++m_pos;
    if (m_open.empty()) fail_at(tag_start, "closing tag </" + m_name + "> with no open element");
    if (m_open.back().name != m_name) {
      const Open& o = m_open.back();
      fail_at(tag_start, "closing tag </" + m_name + "> does not match <" + o.name +
                             "> opened at " + std::to_string(o.line) + ":" +
                             std::to_string(o.column));
    }
    m_open.pop_back();
    return Event::end;
  }
  ++m_pos;
  m_name = read_name();
  if (m_name.empty()) fail_at(m_pos, "expected an element name after '<'");
  if (m_open.empty()) {
    if (m_seen_root) {
      fail_at(tag_start, "a second root element <" + m_name + ">; an XML file has exactly one");
    }
    m_seen_root = true;
  }
  m_attributes.clear();
  while (true) {
    skip_blanks();
    if (m_pos >= m_text.size()) fail_at(tag_start, "unterminated tag <" + m_name + ">");
    if (starts_with("/>")) {
      m_pos += 2;
      m_pending_end = true;
      break;
    }
    if (m_text[m_pos] == '>') {
      ++m_pos;
      break;
    }
    Attribute attribute;
    locate(m_pos, attribute.line, attribute.column);
    const std::size_t name_start = m_pos;
    attribute.name = read_name();
    if (attribute.name.empty()) {
      fail_at(m_pos, "expected an attribute name, '>' or '/>' in <" + m_name + ">");
    }
    skip_blanks();
    if (m_pos >= m_text.size() || m_text[m_pos] != '=') {
      fail_at(m_pos, "expected '=' after attribute name '" + attribute.name + "'");
    }
    ++m_pos;
    skip_blanks();
    if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\'')) {
      fail_at(m_pos, "the value of attribute '" + attribute.name + "' must be in quotes");
    }
    const char quote = m_text[m_pos];
    const std::size_t value_start = m_pos + 1;
    const std::size_t value_end = m_text.find(quote, value_start);
    if (value_end == std::string_view::npos) {
      fail_at(name_start, "unterminated value of attribute '" + attribute.name + "'");
    }
    const std::string_view raw = m_text.substr(value_start, value_end - value_start);
    if (const std::size_t lt = raw.find('<'); lt != std::string_view::npos) {
      fail_at(value_start + lt, "'<' in the value of attribute '" + attribute.name +
                                    "' (missing closing quote?); write it as &lt;");
    }
    decode(raw, value_start, attribute.value);
    m_pos = value_end + 1;
    m_attributes.push_back(std::move(attribute));
  }
  m_open.push_back(Open{m_name, m_line, m_column});
  return Event::start;
}

// ---------------------------------------------------------------------------------------------
// GraphML

enum class Role : std::uint8_t { other, tie, weight, team, department };

struct Key {
  std::string name;  // attr.name, or the id when there is none (lower case)
  bool for_node = false;
  bool for_edge = false;
  std::optional<std::string> default_value;
  int line = 0;
  int column = 0;

  Role role_on_edge() const {
    if (!for_edge) return Role::other;
    if (name == "tie" || name == "kind") return Role::tie;
    if (name == "weight") return Role::weight;
    return Role::other;
  }
  Role role_on_node() const {
    if (!for_node) return Role::other;
    if (name == "team") return Role::team;
    if (name == "department") return Role::department;
    return Role::other;
  }
};

struct Where {
  int line = 0;
  int column = 0;
};

Network parse_graphml(std::string_view text, const std::string& file, const NetworkSpec& spec) {
  Diagnostics diagnostics(file);
  XmlReader xml(strip_bom(text), diagnostics);
  Import import;
  std::unordered_map<std::string, Key> keys;
  std::vector<Where> first_mention;  // per node: where it was first named
  std::vector<bool> declared;        // per node: has a <node> element
  const Key* tie_key = nullptr;      // the last edge key meaning the tie kind
  const Key* weight_key = nullptr;
  std::optional<Where> missing_kind, missing_weight;

  Key* current_key = nullptr;
  bool in_default = false;
  std::string default_text;
  bool seen_graph = false;
  // A plain sentinel rather than std::optional: GCC 12 warns (falsely) maybe-uninitialized.
  constexpr NodeId k_no_node = std::numeric_limits<NodeId>::max();
  NodeId current_node = k_no_node;
  bool node_has_team = false, node_has_department = false;
  bool in_edge = false;
  Tie edge;
  bool edge_has_kind = false;
  Where edge_where;
  const Key* data_key = nullptr;
  Role data_role = Role::other;
  Where data_where;
  std::string data_text;

  auto mention = [&](const std::string& id, Where where) {
    const NodeId v = import.node(id);
    if (v == first_mention.size()) {
      first_mention.push_back(where);
      declared.push_back(false);
    }
    return v;
  };
  auto required = [&](const char* attribute) -> const XmlReader::Attribute& {
    const XmlReader::Attribute* a = xml.attribute(attribute);
    if (a == nullptr) {
      diagnostics.fail(xml.line(), xml.column(),
                       "<" + xml.name() + "> needs a '" + attribute + "' attribute");
    }
    return *a;
  };
  auto group_of = [&](std::vector<std::int32_t>& group, NodeId v) -> std::int32_t& {
    if (group.size() <= v) group.resize(std::size_t{v} + 1, -1);
    return group[v];
  };

  for (auto event = xml.next(); event != XmlReader::Event::done; event = xml.next()) {
    const auto& open = xml.open();
    if (event == XmlReader::Event::text) {
      if (in_default) default_text += xml.text();
      if (data_key != nullptr) data_text += xml.text();
      continue;
    }
    const std::string& name = xml.name();
    if (event == XmlReader::Event::start) {
      const std::size_t depth = open.size();  // includes this element
      const std::string parent = depth >= 2 ? open[depth - 2].name : std::string();
      const Where where{xml.line(), xml.column()};
      if (depth == 1) {
        if (name != "graphml") {
          diagnostics.fail(where.line, where.column,
                           "the root element is <" + name +
                               ">; a GraphML file has <graphml> as its root");
        }
      } else if (name == "key" && parent == "graphml") {
        const std::string id = required("id").value;
        const XmlReader::Attribute* for_attr = xml.attribute("for");
        const XmlReader::Attribute* name_attr = xml.attribute("attr.name");
        const std::string domain = for_attr ? for_attr->value : "all";
        Key key;
        key.name = lower(name_attr ? name_attr->value : id);
        key.for_node = domain == "node" || domain == "all";
        key.for_edge = domain == "edge" || domain == "all";
        key.line = where.line;
        key.column = where.column;
        const auto [it, inserted] = keys.try_emplace(id, std::move(key));
        if (!inserted) {
          diagnostics.add(where.line, where.column,
                          "duplicate key id '" + id + "' (first declared at " +
                              std::to_string(it->second.line) + ":" +
                              std::to_string(it->second.column) + ")");
          current_key = nullptr;
        } else {
          current_key = &it->second;
          if (current_key->role_on_edge() == Role::tie) tie_key = current_key;
          if (current_key->role_on_edge() == Role::weight) weight_key = current_key;
        }
      } else if (name == "default" && parent == "key") {
        in_default = true;
        default_text.clear();
      } else if (name == "graph") {
        if (parent != "graphml") {
          diagnostics.fail(where.line, where.column,
                           "nested <graph> elements are not supported: tacit reads one flat graph");
        }
        if (seen_graph) {
          diagnostics.fail(where.line, where.column,
                           "a second <graph>: tacit reads one graph per file");
        }
        seen_graph = true;
      } else if (name == "node" && parent == "graph") {
        const std::string& id = required("id").value;
        const NodeId v = mention(id, where);
        if (declared[v]) {
          diagnostics.add(where.line, where.column,
                          "duplicate node id '" + id + "' (first declared at " +
                              std::to_string(first_mention[v].line) + ":" +
                              std::to_string(first_mention[v].column) + ")");
        }
        declared[v] = true;
        current_node = v;
        node_has_team = node_has_department = false;
      } else if (name == "edge" && parent == "graph") {
        const std::string source = required("source").value;
        const std::string& target = required("target").value;
        edge = Tie{mention(source, where), mention(target, where), TieKind::strong, k_no_weight};
        edge_has_kind = false;
        edge_where = where;
        in_edge = true;
      } else if (name == "hyperedge") {
        diagnostics.fail(where.line, where.column,
                         "<hyperedge> is not supported; use <edge source=\"...\" target=\"...\">");
      } else if (name == "data" && (parent == "node" || parent == "edge") &&
                 (current_node != k_no_node || in_edge)) {
        const std::string& id = required("key").value;
        const auto it = keys.find(id);
        if (it == keys.end()) {
          diagnostics.add(where.line, where.column,
                          "data key '" + id + "' is not declared: add <key id=\"" + id +
                              "\" for=\"" + parent + "\" attr.name=\"...\"/> under <graphml>");
        } else {
          data_key = &it->second;
          data_role = parent == "edge" ? data_key->role_on_edge() : data_key->role_on_node();
          data_where = where;
          data_text.clear();
        }
      }
      continue;
    }

    // End of an element.
    if (name == "default" && in_default) {
      in_default = false;
      if (current_key != nullptr) current_key->default_value = std::string(trim(default_text));
    } else if (name == "key") {
      current_key = nullptr;
    } else if (name == "node" && current_node != k_no_node && !in_edge) {
      // Key defaults (keys precede nodes in GraphML) fill what the node's data left out; an
      // invalid default is reported after the loop.
      for (const auto& [id, key] : keys) {
        const Role role = key.role_on_node();
        if (!key.default_value || (role != Role::team && role != Role::department)) continue;
        if (role == Role::team ? node_has_team : node_has_department) continue;
        if (const auto g = parse_group(*key.default_value)) {
          group_of(role == Role::team ? import.team : import.department, current_node) = *g;
        }
      }
      current_node = k_no_node;
    } else if (name == "data" && data_key != nullptr) {
      const std::string value(trim(data_text));
      const Where w = data_where;
      switch (data_role) {
        case Role::tie:
          if (const auto k = parse_kind(value)) {
            edge.kind = *k;
            edge_has_kind = true;
          } else {
            diagnostics.add(w.line, w.column,
                            "tie must be 'strong' or 'weak', got '" + value + "'");
            edge_has_kind = true;  // reported once, not again as "without a tie kind"
          }
          break;
        case Role::weight:
          if (const auto x = parse_weight(value)) {
            edge.weight = *x;
          } else {
            diagnostics.add(w.line, w.column,
                            "weight must be a finite number >= 0, got '" + value + "'");
          }
          break;
        case Role::team:
        case Role::department:
          (data_role == Role::team ? node_has_team : node_has_department) = true;
          if (const auto g = parse_group(value)) {
            group_of(data_role == Role::team ? import.team : import.department, current_node) = *g;
          } else {
            diagnostics.add(w.line, w.column,
                            std::string(data_role == Role::team ? "team" : "department") +
                                " must be an integer >= -1 (-1: none), got '" + value + "'");
          }
          break;
        case Role::other:
          break;
      }
      data_key = nullptr;
    } else if (name == "edge" && in_edge) {
      in_edge = false;
      if (!edge_has_kind && tie_key != nullptr && tie_key->default_value) {
        if (const auto k = parse_kind(*tie_key->default_value)) {
          edge.kind = *k;
          edge_has_kind = true;
        }
      }
      if (std::isnan(edge.weight) && weight_key != nullptr && weight_key->default_value) {
        if (const auto x = parse_weight(*weight_key->default_value)) edge.weight = *x;
      }
      if (!edge_has_kind && !missing_kind) missing_kind = edge_where;
      if (std::isnan(edge.weight) && !missing_weight) missing_weight = edge_where;
      import.ties.push_back(edge);
    }
  }

  // Checks that need the whole file.
  for (const auto& [id, key] : keys) {
    if (!key.default_value) continue;
    const std::string& value = *key.default_value;
    if (key.role_on_edge() == Role::tie && !parse_kind(value)) {
      diagnostics.add(key.line, key.column,
                      "default tie must be 'strong' or 'weak', got '" + value + "'");
    } else if (key.role_on_edge() == Role::weight && !parse_weight(value)) {
      diagnostics.add(key.line, key.column,
                      "default weight must be a finite number >= 0, got '" + value + "'");
    } else if ((key.role_on_node() == Role::team || key.role_on_node() == Role::department) &&
               !parse_group(value)) {
      diagnostics.add(key.line, key.column,
                      "default " + key.name + " must be an integer >= -1, got '" + value + "'");
    }
  }
  for (NodeId v = 0; v < declared.size(); ++v) {
    if (!declared[v]) {
      diagnostics.add(first_mention[v].line, first_mention[v].column,
                      "edge end '" + import.labels[v] + "' is not declared by a <node id=\"" +
                          import.labels[v] + "\"/>");
    }
  }
  if (!seen_graph) diagnostics.add(0, 0, "no <graph> element: nothing to read");
  if (tie_key != nullptr && missing_kind) {
    diagnostics.add(missing_kind->line, missing_kind->column,
                    "<edge> without a tie kind: give every edge <data key=\"...\">strong</data> "
                    "or weak, or a <default> in the tie key");
  }
  if (spec.tie_rule == TieRule::weight_threshold && missing_weight) {
    diagnostics.add(missing_weight->line, missing_weight->column,
                    "tie_rule weight_threshold needs a weight on every edge, and this one has "
                    "none; add weight data (or a <default> in the weight key) or choose another "
                    "tie_rule");
  }
  diagnostics.throw_if_any();

  import.has_kinds = tie_key != nullptr;
  return finish(std::move(import), spec);
}

// ---------------------------------------------------------------------------------------------
// Writers

void write_xml_escaped(std::ostream& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '<': out << "&lt;"; break;
      case '>': out << "&gt;"; break;
      case '&': out << "&amp;"; break;
      case '"': out << "&quot;"; break;
      case '\'': out << "&apos;"; break;
      case '\n': out << "&#10;"; break;
      case '\r': out << "&#13;"; break;
      case '\t': out << "&#9;"; break;
      default: out << c;
    }
  }
}

void write_csv_field(std::ostream& out, std::string_view s) {
  const bool quote = s.empty() || s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     is_blank(s.front()) || is_blank(s.back()) || s.front() == '#';
  if (!quote) {
    out << s;
    return;
  }
  out << '"';
  for (const char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Network read_edges_csv(std::istream& in, const std::string& file, const NetworkSpec& spec) {
  return parse_csv(read_all(in), file, spec);
}

Network read_graphml(std::istream& in, const std::string& file, const NetworkSpec& spec) {
  return parse_graphml(read_all(in), file, spec);
}

Network read_network_file(const NetworkSpec& spec) {
  const std::filesystem::path path(spec.path);
  FileFormat format = spec.format;
  if (format == FileFormat::automatic) {
    const std::string extension = lower(path.extension().string());
    if (extension == ".csv") {
      format = FileFormat::csv;
    } else if (extension == ".graphml" || extension == ".xml") {
      format = FileFormat::graphml;
    } else {
      throw InputFileError(SourceLocation{spec.path},
                           "cannot tell the network file's format from its extension '" +
                               path.extension().string() +
                               "': use .csv, .graphml or .xml, or set format to csv or graphml");
    }
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputFileError(SourceLocation{spec.path},
                         "cannot read the network file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw InputFileError(SourceLocation{spec.path},
                         std::string("cannot read the network file: ") +
                             (error != 0 ? std::strerror(error) : "open failed"));
  }
  const std::string text = read_all(in);
  if (in.bad()) {
    throw InputFileError(SourceLocation{spec.path},
                         "cannot read the network file: read error");
  }
  return format == FileFormat::csv ? parse_csv(text, spec.path, spec)
                                   : parse_graphml(text, spec.path, spec);
}

void write_graphml(const Network& net, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"team\" for=\"node\" attr.name=\"team\" attr.type=\"int\"/>\n"
         "  <key id=\"department\" for=\"node\" attr.name=\"department\" attr.type=\"int\"/>\n"
         "  <key id=\"tie\" for=\"edge\" attr.name=\"tie\" attr.type=\"string\"/>\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <graph id=\"G\" edgedefault=\"undirected\">\n";
  const auto& labels = net.labels();
  char buffer[32];
  for (NodeId v = 0; v < net.num_nodes(); ++v) {
    out << "    <node id=\"";
    write_xml_escaped(out, labels[v]);
    out << "\"><data key=\"team\">" << format_number(net.team()[v], buffer)
        << "</data><data key=\"department\">" << format_number(net.department()[v], buffer)
        << "</data></node>\n";
  }
  for (NodeId u = 0; u < net.num_nodes(); ++u) {
    for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
      const NodeId v = net.arc_target(a);
      if (v < u) continue;
      out << "    <edge source=\"";
      write_xml_escaped(out, labels[u]);
      out << "\" target=\"";
      write_xml_escaped(out, labels[v]);
      out << "\"><data key=\"tie\">" << to_string(net.arc_kind(a))
          << "</data><data key=\"weight\">" << format_number(net.arc_weight(a), buffer)
          << "</data></edge>\n";
    }
  }
  out << "  </graph>\n</graphml>\n";
  if (!out) throw Error("writing GraphML failed");
}

void write_edges_csv(const Network& net, std::ostream& out) {
  out << "source,target,tie,weight\n";
  const auto& labels = net.labels();
  char buffer[32];
  for (NodeId u = 0; u < net.num_nodes(); ++u) {
    for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
      const NodeId v = net.arc_target(a);
      if (v < u) continue;
      write_csv_field(out, labels[u]);
      out << ',';
      write_csv_field(out, labels[v]);
      out << ',' << to_string(net.arc_kind(a)) << ',' << format_number(net.arc_weight(a), buffer)
          << '\n';
    }
  }
  if (!out) throw Error("writing the edge list failed");
}

}  // namespace tacit::network
