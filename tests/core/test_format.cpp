#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "tacit/core/format.hpp"

using tacit::core::format_number;

TEST_CASE("numbers are written in shortest round-trip form", "[format]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1.0) == "1");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1e-7) == "1e-07");
  CHECK(format_number(std::nan("")) == "nan");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-inf");
  const double x = 0.123456789012345678;
  CHECK(std::stod(format_number(x)) == x);
  std::string s;
  tacit::core::append_number(s, 0.1f);
  CHECK(s == "0.1");
}
