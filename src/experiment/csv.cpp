#include "tacit/experiment/csv.hpp"

#include <sstream>

#include "tacit/core/error.hpp"

namespace tacit::experiment {

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  int c = m_in.get();
  if (c == std::char_traits<char>::eof()) return false;
  m_record_line = m_line;
  std::string field;
  bool quoted = false;
  bool after_quote = false;  // a quoted field ended: only , or the end of the record may follow
  while (true) {
    if (c == std::char_traits<char>::eof()) {
      if (quoted) {
        throw InputError("line " + std::to_string(m_record_line) +
                         ": a quoted field is not closed before the end of the file");
      }
      fields.push_back(std::move(field));
      return true;
    }
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch == '"') {
        if (m_in.peek() == '"') {
          m_in.get();
          field += '"';
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (ch == '\n') ++m_line;
        field += ch;
      }
    } else if (ch == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && m_in.peek() == '\n') m_in.get();
      ++m_line;
      fields.push_back(std::move(field));
      return true;
    } else if (ch == '"' && field.empty() && !after_quote) {
      quoted = true;
    } else {
      field += ch;
    }
    c = m_in.get();
  }
}

std::vector<std::string> split_csv_record(std::string_view record) {
  std::istringstream in{std::string(record)};
  CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields)) fields.assign(1, std::string());
  return fields;
}

}  // namespace tacit::experiment
