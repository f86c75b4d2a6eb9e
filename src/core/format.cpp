#include "tacit/core/format.hpp"

#include <charconv>
#include <cmath>

namespace tacit::core {

namespace {
template <class T>
void append_chars(std::string& out, T x) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, result.ptr);
}

template <class F>
void append_float(std::string& out, F x) {
  // to_chars would write "-nan" for some NaNs; keep one spelling that pandas and R both read.
  if (std::isnan(x)) {
    out += "nan";
    return;
  }
  if (std::isinf(x)) {
    out += x > 0 ? "inf" : "-inf";
    return;
  }
  if (x == 0) x = 0;  // no "-0"
  append_chars(out, x);
}
}  // namespace

void append_number(std::string& out, double x) { append_float(out, x); }
void append_number(std::string& out, float x) { append_float(out, x); }
void append_number(std::string& out, std::int64_t x) { append_chars(out, x); }
void append_number(std::string& out, std::uint64_t x) { append_chars(out, x); }

std::string format_number(double x) {
  std::string out;
  append_number(out, x);
  return out;
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace tacit::core
