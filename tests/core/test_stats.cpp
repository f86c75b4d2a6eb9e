#include <catch2/catch.hpp>

#include <vector>

#include "tacit/core/stats.hpp"

using namespace tacit::core;

TEST_CASE("mean, variance and coefficient of variation by hand", "[stats]") {
  const std::vector<double> x{1, 2, 3, 4};
  CHECK(mean(x) == Approx(2.5));
  // population variance: (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
  CHECK(variance(x) == Approx(1.25));
  // sqrt(1.25) / 2.5 = 0.4472136
  CHECK(coefficient_of_variation(x) == Approx(0.4472136));
  CHECK(mean(std::vector<double>{}) == 0.0);
  CHECK(coefficient_of_variation(std::vector<double>{0, 0}) == 0.0);
}

TEST_CASE("Gini coefficient by hand", "[stats]") {
  // Sorted {1,2,3,4}: sum (2i-n-1) x_i = -3*1 -1*2 +1*3 +3*4 = 10; n*sum = 4*10 = 40 -> 0.25
  CHECK(gini(std::vector<double>{4, 1, 3, 2}) == Approx(0.25));
  CHECK(gini(std::vector<double>{5, 5, 5}) == Approx(0.0));
  // One holds everything among n = 4: (n-1)/n = 0.75
  CHECK(gini(std::vector<double>{0, 0, 0, 8}) == Approx(0.75));
  CHECK(gini(std::vector<double>{0, 0}) == 0.0);
  CHECK(gini(std::vector<double>{3}) == 0.0);
}

TEST_CASE("variance splits into between and within groups", "[stats]") {
  // Groups {1,3} (mean 2) and {5,7} (mean 6); overall mean 4.
  // total = (9+1+1+9)/4 = 5; between = (2*4 + 2*4)/4 = 4; within = 1.
  const std::vector<double> x{1, 3, 5, 7};
  const std::vector<std::int32_t> g{0, 0, 1, 1};
  const VarianceSplit s = variance_by_group(x, g, 2);
  CHECK(s.total == Approx(5.0));
  CHECK(s.between == Approx(4.0));
  CHECK(s.within == Approx(1.0));
  // No groups: everything is within.
  const std::vector<std::int32_t> none{-1, -1, -1, -1};
  const VarianceSplit t = variance_by_group(x, none, 0);
  CHECK(t.between == Approx(0.0));
  CHECK(t.within == Approx(5.0));
}
