#pragma once
// Statistics for comparing the runs of a sweep (`tacit compare`): distributions, confidence
// intervals, effect sizes and two-sample tests. Self-contained (no third-party library); the
// formulas are written out in docs/EXPERIMENTS.md and the unit tests check them against values
// computed by SciPy. All p-values are two-sided. Samples must not contain NaN (callers drop it).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tacit::experiment::stats {

/// Standard normal CDF Φ(x) = erfc(−x/√2)/2.
double normal_cdf(double x);
/// Standard normal quantile Φ⁻¹(p), p in (0, 1) (Acklam's approximation + one Halley step).
double normal_quantile(double p);
/// Regularized incomplete beta I_x(a, b), by Lentz's continued fraction.
double incomplete_beta(double a, double b, double x);
/// Student-t CDF with `df` > 0 degrees of freedom (real-valued df, as Welch's test needs).
double student_t_cdf(double t, double df);
/// Student-t quantile: the t with student_t_cdf(t, df) = p, p in (0, 1).
double student_t_quantile(double p, double df);

/// Arithmetic mean (NaN when empty).
double mean(std::span<const double> x);
/// Sample standard deviation, divisor n − 1 (NaN when n < 2).
double sample_sd(std::span<const double> x);

/// A two-sided confidence interval.
struct Interval {
  double low = 0.0;
  double high = 0.0;
};

/// t interval for the mean: mean ± t_{1−α/2, n−1} · sd/√n (NaN ends when n < 2).
Interval t_interval(std::span<const double> x, double level = 0.95);

/// Percentile bootstrap interval for the mean: B resamples with replacement drawn from a
/// tacit::Rng seeded with `seed`; the ends are the α/2 and 1 − α/2 quantiles of the B means
/// (linear interpolation between order statistics, "type 7"). NaN ends when empty.
Interval bootstrap_mean_interval(std::span<const double> x, std::uint32_t resamples,
                                 std::uint64_t seed, double level = 0.95);

/// Welch's unequal-variance t-test of mean(b) − mean(a).
struct WelchResult {
  double difference = 0.0;  ///< mean(b) − mean(a)
  Interval interval;        ///< difference ± t_{1−α/2, df} · se
  double t = 0.0;           ///< difference / se, se = √(s_a²/n_a + s_b²/n_b)
  double df = 0.0;          ///< Welch–Satterthwaite degrees of freedom
  double p = 0.0;           ///< 2 · (1 − F_t(|t|, df))
};
WelchResult welch_test(std::span<const double> a, std::span<const double> b, double level = 0.95);

/// Cohen's d of b against a with the pooled sd: (mean(b) − mean(a)) / s_p,
/// s_p² = ((n_a − 1)s_a² + (n_b − 1)s_b²) / (n_a + n_b − 2).
double cohens_d(std::span<const double> a, std::span<const double> b);

/// Cliff's delta: P(b > a) − P(b < a) over all pairs, in [−1, 1].
double cliffs_delta(std::span<const double> a, std::span<const double> b);

/// Mann–Whitney U test (Wilcoxon rank-sum), two-sided.
struct MannWhitneyResult {
  double u = 0.0;      ///< U of b: pairs with b > a, plus half the tied pairs
  double p = 0.0;
  bool exact = false;  ///< exact null distribution (no ties, both n ≤ k_exact_max_n)
};
/// Exact when there are no ties and both samples have at most this many values.
inline constexpr std::size_t k_exact_max_n = 50;
MannWhitneyResult mann_whitney(std::span<const double> a, std::span<const double> b);

/// Paired t-test on d_i = b_i − a_i (equal lengths).
struct PairedTResult {
  double difference = 0.0;  ///< mean(d)
  Interval interval;        ///< mean(d) ± t_{1−α/2, n−1} · sd(d)/√n
  double t = 0.0;
  double df = 0.0;
  double p = 0.0;
  double dz = 0.0;  ///< effect size mean(d) / sd(d)
};
PairedTResult paired_t_test(std::span<const double> a, std::span<const double> b,
                            double level = 0.95);

/// Wilcoxon signed-rank test on d_i = b_i − a_i, two-sided; zero differences are dropped.
struct WilcoxonResult {
  double w = 0.0;      ///< min(W+, W−) over the non-zero differences
  std::size_t n = 0;   ///< non-zero differences
  double p = 0.0;
  bool exact = false;  ///< exact null distribution (no ties among |d|, n ≤ k_exact_max_n)
};
WilcoxonResult wilcoxon_signed_rank(std::span<const double> a, std::span<const double> b);

/// Ranks 1..n of x with ties given their average rank.
std::vector<double> average_ranks(std::span<const double> x);

}  // namespace tacit::experiment::stats
