#pragma once
// Locale-independent number formatting: shortest round-trip form via std::to_chars, so every
// number tacit writes reads back to the same bits and no locale changes a byte.

#include <cstdint>
#include <string>
#include <string_view>

namespace tacit::core {

/// Appends x in shortest round-trip form ("0.1", "1e-07", "nan", "inf", "-inf").
void append_number(std::string& out, double x);
/// Appends x in shortest round-trip form of a float.
void append_number(std::string& out, float x);
void append_number(std::string& out, std::int64_t x);
void append_number(std::string& out, std::uint64_t x);
inline void append_number(std::string& out, std::uint32_t x) { append_number(out, std::uint64_t{x}); }
inline void append_number(std::string& out, std::int32_t x) { append_number(out, std::int64_t{x}); }

/// x as a string in shortest round-trip form.
std::string format_number(double x);

/// Appends a CSV field (RFC 4180): as is, or between double quotes with inner quotes doubled
/// when it holds a comma, a quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace tacit::core
