#pragma once
// Designs of experiments as plain data: the points of a sweep, each a set of scenario
// overrides. Pure functions, no I/O; the experiment file loader (experiment.hpp) builds the
// inputs and checks them.

#include <cstdint>
#include <string>
#include <vector>

namespace tacit::experiment {

/// The design points of a sweep: one column per scenario key, one row per point. A value is
/// override text exactly as `--set key=value` takes it; "" leaves the key at the base
/// scenario's value.
struct Design {
  std::vector<std::string> keys;                 ///< factor columns of runs.csv, in order
  std::vector<std::vector<std::string>> points;  ///< points[p][k]: value of keys[k]

  std::size_t size() const { return points.size(); }
  /// "key=value" for every set value of point p, in column order.
  std::vector<std::string> overrides(std::size_t point) const;
};

/// One factor of a full grid: a scenario key and its levels (override text).
struct Factor {
  std::string key;
  std::vector<std::string> values;
};

/// Full factorial design: every combination of the factors' levels; the first factor varies
/// slowest (nested loops in the order the factors are written). No factors: one empty point.
Design full_grid(const std::vector<Factor>& factors);

/// `steps` values from `from` to `to`, ends included, evenly spaced; with `log`, evenly spaced
/// in log(value) (from and to must then be > 0). steps = 1 gives {from}.
std::vector<double> range_values(double from, double to, std::uint32_t steps, bool log);

/// Latin hypercube sample of n points in [0, 1)^dims from a tacit::Rng seeded with `seed`: for
/// each dimension in order, a random permutation π of 0..n−1 (Fisher–Yates, drawing i from n−1
/// down to 1) then n uniforms u_i; point i's coordinate is (π_i + u_i) / n. Every one of the n
/// equal strata of each dimension holds exactly one point. result[i][k]: point i, dimension k.
std::vector<std::vector<double>> latin_hypercube(std::uint32_t n, std::size_t dims,
                                                 std::uint64_t seed);

}  // namespace tacit::experiment
