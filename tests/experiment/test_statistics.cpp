// Statistics of `tacit compare` against reference values computed once with SciPy 1.10.1
// (Debian's python3-scipy; the tests do not need it). The exact commands:
//
//   /usr/bin/python3 -c 'import scipy.stats as st, scipy.special as sp; ...'
//   st.norm.cdf(x), st.norm.ppf(p), sp.betainc(a, b, x), st.t.cdf(t, df), st.t.ppf(p, df)
//   st.ttest_ind(b, a, equal_var=False)                      Welch t and p
//   st.mannwhitneyu(b, a, alternative="two-sided", method="exact")
//   st.mannwhitneyu(y, x, alternative="two-sided", method="asymptotic", use_continuity=True)
//   st.ttest_rel(pb, pa)
//   st.wilcoxon(pb, pa, alternative="two-sided", method="exact")
//   st.wilcoxon(qb, qa, alternative="two-sided", method="approx", correction=True,
//               zero_method="wilcox")
// and with numpy for what SciPy has no one function for: the Welch df, Cohen's d with the
// pooled sd, Cliff's delta by counting pairs. SciPy 1.10's t.ppf is off by up to ~1e-9 (at df 6
// its t.cdf(t.ppf(0.975)) is 0.97499999992), so Student-t quantiles, and the intervals built on
// them (the t interval of a mean, Welch's and the paired interval), come from mpmath (Debian's
// python3-mpmath) at 40 digits, solving 1 − betainc(df/2, 1/2, 0, df/(df+t²), regularized)/2 = p
// with mp.findroot; e.g. for the t interval of sample a:
//   mean(a) ± tq(0.975, 6)·sd(a)/√7 with mp.mpf arithmetic throughout.

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "tacit/experiment/statistics.hpp"

using namespace tacit::experiment::stats;
using Catch::Matchers::WithinRel;
using Catch::Matchers::WithinAbs;

namespace {
const std::vector<double> k_a = {2.1, 3.4, 1.9, 5.6, 4.2, 3.3, 2.8};
const std::vector<double> k_b = {4.5, 5.1, 3.9, 6.2, 5.8, 4.4, 5.0, 6.6};
// With ties (the normal approximation path).
const std::vector<double> k_x = {1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 9, 10, 11, 12, 12};
const std::vector<double> k_y = {3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 10, 10, 11, 12, 13, 13, 14, 15, 15, 16, 17, 18};
// Pairs with distinct |differences| (exact Wilcoxon).
const std::vector<double> k_pa = {10, 12, 9, 15, 11, 14, 13, 10.5};
const std::vector<double> k_pb = {11.5, 12.5, 8.75, 17.25, 11.75, 17.0, 14.25, 9.5};
// Pairs with tied |differences| and a zero difference (approximate Wilcoxon).
const std::vector<double> k_qa = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 5, 6, 7};
const std::vector<double> k_qb = {6, 8, 7, 9, 12, 11, 13, 12, 15, 13, 18, 17, 7, 5, 9};
}  // namespace

TEST_CASE("normal CDF and quantile match SciPy", "[statistics]") {
  CHECK_THAT(normal_cdf(-3.5), WithinRel(0.00023262907903552502, 1e-12));
  CHECK_THAT(normal_cdf(-1.0), WithinRel(0.15865525393145707, 1e-13));
  CHECK(normal_cdf(0.0) == 0.5);
  CHECK_THAT(normal_cdf(0.5), WithinRel(0.6914624612740131, 1e-13));
  CHECK_THAT(normal_cdf(2.0), WithinRel(0.9772498680518208, 1e-13));
  CHECK_THAT(normal_quantile(1e-6), WithinRel(-4.753424308822899, 1e-12));
  CHECK_THAT(normal_quantile(0.025), WithinRel(-1.9599639845400545, 1e-12));
  CHECK_THAT(normal_quantile(0.3), WithinRel(-0.5244005127080409, 1e-12));
  CHECK_THAT(normal_quantile(0.975), WithinRel(1.959963984540054, 1e-12));
}

TEST_CASE("regularized incomplete beta matches SciPy's betainc", "[statistics]") {
  CHECK_THAT(incomplete_beta(2, 3, 0.4), WithinRel(0.5247999999999999, 1e-12));
  CHECK_THAT(incomplete_beta(0.5, 0.5, 0.9), WithinRel(0.7951672353008662, 1e-12));
  CHECK_THAT(incomplete_beta(10, 2.5, 0.7), WithinRel(0.17733988080747012, 1e-12));
  CHECK_THAT(incomplete_beta(50, 0.5, 0.98), WithinRel(0.15624350786681956, 1e-11));
  CHECK(incomplete_beta(2, 3, 0.0) == 0.0);
  CHECK(incomplete_beta(2, 3, 1.0) == 1.0);
}

TEST_CASE("Student t CDF and quantile match SciPy, also for real-valued df", "[statistics]") {
  CHECK_THAT(student_t_cdf(-2.0, 3), WithinRel(0.06966298427942155, 1e-12));
  CHECK_THAT(student_t_cdf(1.5, 7.3), WithinRel(0.912218453598457, 1e-12));
  CHECK_THAT(student_t_cdf(0.2, 1), WithinRel(0.5628329581890013, 1e-12));
  CHECK_THAT(student_t_cdf(3.0, 200), WithinRel(0.998478476443047, 1e-12));
  CHECK_THAT(student_t_quantile(0.975, 4), WithinRel(2.7764451051977943, 1e-13));
  CHECK_THAT(student_t_quantile(0.975, 6), WithinRel(2.446911851144970, 1e-13));
  CHECK_THAT(student_t_quantile(0.975, 15.447638964890935), WithinRel(2.126082604761852, 1e-13));
  CHECK_THAT(student_t_quantile(0.05, 2.5), WithinRel(-2.5582186141359364, 1e-13));
  CHECK_THAT(student_t_quantile(0.999, 30), WithinRel(3.385184866829305, 1e-13));
}

TEST_CASE("mean, sd and the t interval of a mean", "[statistics]") {
  CHECK_THAT(mean(k_a), WithinRel(3.3285714285714287, 1e-14));
  CHECK_THAT(sample_sd(k_a), WithinRel(1.2750350135248387, 1e-13));
  const Interval i = t_interval(k_a);
  CHECK_THAT(i.low, WithinRel(2.149360717356345, 1e-13));
  CHECK_THAT(i.high, WithinRel(4.507782139786512, 1e-13));
  CHECK(std::isnan(sample_sd(std::vector<double>{1.0})));
  CHECK(std::isnan(t_interval(std::vector<double>{1.0}).low));
}

TEST_CASE("Welch test, Cohen's d and Cliff's delta", "[statistics]") {
  const WelchResult w = welch_test(k_a, k_b);
  CHECK_THAT(w.difference, WithinRel(mean(k_b) - mean(k_a), 1e-14));
  CHECK_THAT(w.t, WithinRel(3.175182689688149, 1e-12));
  CHECK_THAT(w.df, WithinRel(10.944597437181937, 1e-12));
  CHECK_THAT(w.p, WithinRel(0.008889187091924227, 1e-9));
  CHECK_THAT(w.interval.low, WithinRel(0.5695531432448683, 1e-12));
  CHECK_THAT(w.interval.high, WithinRel(3.1483039996122746, 1e-12));
  CHECK_THAT(cohens_d(k_a, k_b), WithinRel(1.6786063789891394, 1e-12));
  CHECK_THAT(cliffs_delta(k_a, k_b), WithinRel(0.7857142857142857, 1e-14));
  CHECK_THAT(cliffs_delta(k_x, k_y), WithinRel(0.475, 1e-14));
  CHECK(cliffs_delta(k_b, k_a) == -cliffs_delta(k_a, k_b));
}

TEST_CASE("Mann-Whitney U: exact without ties, normal approximation with ties", "[statistics]") {
  const MannWhitneyResult exact = mann_whitney(k_a, k_b);
  CHECK(exact.exact);
  CHECK(exact.u == 50.0);
  CHECK_THAT(exact.p, WithinRel(0.009324009324009324, 1e-12));
  const MannWhitneyResult approx = mann_whitney(k_x, k_y);
  CHECK_FALSE(approx.exact);
  CHECK(approx.u == 324.5);
  CHECK_THAT(approx.p, WithinRel(0.00867243741313105, 1e-10));
  // Every value tied: no evidence either way.
  CHECK(mann_whitney(std::vector<double>{1, 1}, std::vector<double>{1, 1, 1}).p == 1.0);
}

TEST_CASE("paired t-test and Wilcoxon signed-rank test", "[statistics]") {
  const PairedTResult t = paired_t_test(k_pa, k_pb);
  CHECK(t.difference == 1.0);
  CHECK_THAT(t.t, WithinRel(2.1831072916392613, 1e-12));
  CHECK_THAT(t.p, WithinRel(0.06534027921071002, 1e-9));
  CHECK_THAT(t.interval.low, WithinRel(-0.0831461470760907, 1e-12));
  CHECK_THAT(t.interval.high, WithinRel(2.0831461470760906, 1e-12));
  CHECK_THAT(t.dz, WithinRel(0.7718449849879598, 1e-12));

  const WilcoxonResult exact = wilcoxon_signed_rank(k_pa, k_pb);
  CHECK(exact.exact);
  CHECK(exact.w == 5.0);
  CHECK_THAT(exact.p, WithinRel(0.078125, 1e-12));
  const WilcoxonResult approx = wilcoxon_signed_rank(k_qa, k_qb);
  CHECK_FALSE(approx.exact);
  CHECK(approx.n == 13);  // two zero differences dropped
  CHECK(approx.w == 7.0);
  CHECK_THAT(approx.p, WithinRel(0.006887218146448286, 1e-10));
}

TEST_CASE("average ranks give ties their mean rank", "[statistics]") {
  CHECK(average_ranks(std::vector<double>{3, 1, 3, 2}) == std::vector<double>{3.5, 1, 3.5, 2});
}

TEST_CASE("percentile bootstrap interval is fixed by its seed and brackets the mean", "[statistics]") {
  const Interval a = bootstrap_mean_interval(k_a, 10000, 42);
  const Interval b = bootstrap_mean_interval(k_a, 10000, 42);
  CHECK(a.low == b.low);
  CHECK(a.high == b.high);
  CHECK(a.low < mean(k_a));
  CHECK(a.high > mean(k_a));
  // The bootstrap interval of a mean is close to the t interval for a symmetric sample, a bit
  // narrower (it ignores the t correction for small n).
  const Interval t = t_interval(k_a);
  CHECK(a.low > t.low);
  CHECK(a.high < t.high);
  CHECK_THAT(a.low, WithinAbs(t.low, 0.5));
  const Interval c = bootstrap_mean_interval(std::vector<double>{2.0, 2.0, 2.0}, 100, 1);
  CHECK(c.low == 2.0);
  CHECK(c.high == 2.0);
}
