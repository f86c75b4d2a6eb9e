#pragma once
// Descriptive statistics used by the per-tick metrics. Reductions that run in parallel use a
// fixed block size (k_reduction_block) so that the order of floating-point additions, and so
// every output byte, never depends on the number of threads.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace tacit::core {

/// Agents per block in deterministic parallel reductions.
inline constexpr std::size_t k_reduction_block = 4096;

/// Arithmetic mean; 0 for an empty range.
double mean(std::span<const double> x);
/// Population variance (divide by n); 0 for fewer than one value.
double variance(std::span<const double> x);
/// Coefficient of variation sd/mean (population sd); 0 when the mean is 0.
double coefficient_of_variation(std::span<const double> x);
/// Gini coefficient of non-negative values: sum_i (2i - n - 1) x_(i) / (n * sum x), x sorted
/// ascending, i from 1. 0 when all values are 0 or fewer than two values. Sorts a copy.
double gini(std::span<const double> x);
/// Gini where the caller lends a scratch buffer (no allocation once it has grown).
double gini(std::span<const double> x, std::vector<double>& scratch);

/// Variance decomposition of x by group (law of total variance, population form):
/// total = between + within, between = sum_g n_g (mean_g - mean)^2 / n.
/// group[i] < 0 puts i in one shared "no group" group.
struct VarianceSplit {
  double total = 0.0;
  double between = 0.0;
  double within = 0.0;
};
VarianceSplit variance_by_group(std::span<const double> x, std::span<const std::int32_t> group,
                                std::int32_t num_groups);

}  // namespace tacit::core
