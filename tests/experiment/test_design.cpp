#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "tacit/experiment/design.hpp"

using namespace tacit::experiment;

TEST_CASE("a full grid varies the first factor slowest", "[design]") {
  const Design d = full_grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  REQUIRE(d.size() == 6);
  CHECK(d.keys == std::vector<std::string>{"a", "b"});
  CHECK(d.points[0] == std::vector<std::string>{"1", "x"});
  CHECK(d.points[1] == std::vector<std::string>{"1", "y"});
  CHECK(d.points[2] == std::vector<std::string>{"1", "z"});
  CHECK(d.points[3] == std::vector<std::string>{"2", "x"});
  CHECK(d.points[5] == std::vector<std::string>{"2", "z"});
  CHECK(d.overrides(4) == std::vector<std::string>{"a=2", "b=y"});
}

TEST_CASE("a grid without factors is one point without overrides", "[design]") {
  const Design d = full_grid({});
  REQUIRE(d.size() == 1);
  CHECK(d.overrides(0).empty());
}

TEST_CASE("empty values are left out of a point's overrides", "[design]") {
  Design d;
  d.keys = {"a", "b"};
  d.points = {{"", "3"}};
  CHECK(d.overrides(0) == std::vector<std::string>{"b=3"});
}

TEST_CASE("ranges: linear and logarithmic, ends exact", "[design]") {
  CHECK(range_values(0, 1, 5, false) == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
  const auto log = range_values(0.5, 8, 5, true);
  REQUIRE(log.size() == 5);
  CHECK(log[0] == 0.5);
  CHECK(log[1] == Approx(1.0));
  CHECK(log[2] == Approx(2.0));
  CHECK(log[3] == Approx(4.0));
  CHECK(log[4] == 8.0);
  CHECK(range_values(3, 9, 1, false) == std::vector<double>{3});
}

TEST_CASE("a Latin hypercube puts one point in each stratum of each dimension", "[design]") {
  const std::uint32_t n = 17;
  const auto points = latin_hypercube(n, 3, 99);
  REQUIRE(points.size() == n);
  for (std::size_t k = 0; k < 3; ++k) {
    std::set<std::uint32_t> strata;
    for (const auto& p : points) {
      REQUIRE(p[k] >= 0.0);
      REQUIRE(p[k] < 1.0);
      strata.insert(static_cast<std::uint32_t>(p[k] * n));
    }
    CHECK(strata.size() == n);
  }
  CHECK(latin_hypercube(n, 3, 99) == points);  // fixed by its seed
  CHECK(latin_hypercube(n, 3, 100) != points);
}
