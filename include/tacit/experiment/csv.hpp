#pragma once
// The little CSV the experiment layer needs (RFC 4180): quoting fields on the way out, and a
// reader of records (quoted fields may hold commas, quotes and newlines) that knows each
// record's line number for messages.

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "tacit/core/format.hpp"

namespace tacit::experiment {

/// Appends `field`, between double quotes (inner quotes doubled) when it holds , " CR or LF.
using core::append_csv_field;

/// Reads CSV records one at a time.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : m_in(in) {}
  /// Reads the next record into `fields`; false at the end of the input. Throws
  /// tacit::InputError on an unterminated quoted field.
  bool next(std::vector<std::string>& fields);
  /// Line (from 1) where the last record read starts.
  int line() const { return m_record_line; }

 private:
  std::istream& m_in;
  int m_line = 1;
  int m_record_line = 0;
};

/// Splits one record of text (no trailing newline needed) into fields.
std::vector<std::string> split_csv_record(std::string_view record);

}  // namespace tacit::experiment
