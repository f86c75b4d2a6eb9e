#include "tacit/experiment/design.hpp"

#include <cmath>
#include <numeric>
#include <utility>

#include "tacit/core/rng.hpp"

namespace tacit::experiment {

std::vector<std::string> Design::overrides(std::size_t point) const {
  std::vector<std::string> out;
  const auto& values = points.at(point);
  for (std::size_t k = 0; k < keys.size() && k < values.size(); ++k) {
    if (!values[k].empty()) out.push_back(keys[k] + "=" + values[k]);
  }
  return out;
}

Design full_grid(const std::vector<Factor>& factors) {
  Design design;
  for (const auto& f : factors) design.keys.push_back(f.key);
  std::size_t total = 1;
  for (const auto& f : factors) total *= f.values.size();
  design.points.reserve(total);
  // Mixed-radix counter: the last factor is the fastest digit.
  std::vector<std::size_t> digit(factors.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    std::vector<std::string> point(factors.size());
    for (std::size_t k = 0; k < factors.size(); ++k) point[k] = factors[k].values[digit[k]];
    design.points.push_back(std::move(point));
    for (std::size_t k = factors.size(); k-- > 0;) {
      if (++digit[k] < factors[k].values.size()) break;
      digit[k] = 0;
    }
  }
  return design;
}

std::vector<double> range_values(double from, double to, std::uint32_t steps, bool log) {
  std::vector<double> out;
  if (steps == 0) return out;
  if (steps == 1) return {from};
  out.reserve(steps);
  const double last = static_cast<double>(steps - 1);
  for (std::uint32_t i = 0; i < steps; ++i) {
    const double f = static_cast<double>(i) / last;
    if (i + 1 == steps) {
      out.push_back(to);  // exact end, whatever the rounding on the way
    } else if (log) {
      out.push_back(from * std::pow(to / from, f));
    } else {
      out.push_back(from + (to - from) * f);
    }
  }
  return out;
}

std::vector<std::vector<double>> latin_hypercube(std::uint32_t n, std::size_t dims,
                                                 std::uint64_t seed) {
  std::vector<std::vector<double>> points(n, std::vector<double>(dims, 0.0));
  Rng rng(seed);
  std::vector<std::uint32_t> perm(n);
  for (std::size_t k = 0; k < dims; ++k) {
    std::iota(perm.begin(), perm.end(), 0u);
    for (std::uint32_t i = n; i-- > 1;) {
      std::swap(perm[i], perm[rng.below(std::uint64_t{i} + 1)]);
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      points[i][k] = (static_cast<double>(perm[i]) + rng.uniform()) / static_cast<double>(n);
    }
  }
  return points;
}

}  // namespace tacit::experiment
