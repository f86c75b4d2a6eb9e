#include "tacit/core/stats.hpp"

#include <algorithm>
#include <cmath>

namespace tacit::core {

double mean(std::span<const double> x) {
  if (x.empty()) return 0.0;
  double sum = 0.0;
  for (double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double variance(std::span<const double> x) {
  if (x.empty()) return 0.0;
  const double m = mean(x);
  double ss = 0.0;
  for (double v : x) ss += (v - m) * (v - m);
  return ss / static_cast<double>(x.size());
}

double coefficient_of_variation(std::span<const double> x) {
  const double m = mean(x);
  if (m == 0.0) return 0.0;
  return std::sqrt(variance(x)) / m;
}

double gini(std::span<const double> x, std::vector<double>& scratch) {
  const std::size_t n = x.size();
  if (n < 2) return 0.0;
  scratch.assign(x.begin(), x.end());
  std::sort(scratch.begin(), scratch.end());
  double sum = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += scratch[i];
    weighted += (2.0 * static_cast<double>(i + 1) - static_cast<double>(n) - 1.0) * scratch[i];
  }
  if (sum <= 0.0) return 0.0;
  return weighted / (static_cast<double>(n) * sum);
}

double gini(std::span<const double> x) {
  std::vector<double> scratch;
  return gini(x, scratch);
}

VarianceSplit variance_by_group(std::span<const double> x, std::span<const std::int32_t> group,
                                std::int32_t num_groups) {
  VarianceSplit out;
  const std::size_t n = x.size();
  if (n == 0) return out;
  // Slot num_groups collects agents without a group.
  std::vector<double> sum(static_cast<std::size_t>(num_groups) + 1, 0.0);
  std::vector<double> count(sum.size(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = group[i] < 0 ? static_cast<std::size_t>(num_groups) : static_cast<std::size_t>(group[i]);
    sum[g] += x[i];
    count[g] += 1.0;
  }
  const double m = mean(x);
  out.total = variance(x);
  double between = 0.0;
  for (std::size_t g = 0; g < sum.size(); ++g) {
    if (count[g] == 0.0) continue;
    const double d = sum[g] / count[g] - m;
    between += count[g] * d * d;
  }
  out.between = between / static_cast<double>(n);
  out.within = std::max(0.0, out.total - out.between);
  return out;
}

}  // namespace tacit::core
