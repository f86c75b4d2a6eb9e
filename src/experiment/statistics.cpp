#include "tacit/experiment/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "tacit/core/rng.hpp"

namespace tacit::experiment::stats {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the incomplete beta function, modified Lentz method (Numerical Recipes
// §6.4, betacf). Converges quickly for x < (a + 1) / (a + b + 2); the caller uses the symmetry
// I_x(a, b) = 1 − I_{1−x}(b, a) otherwise.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double k_tiny = 1e-300;
  constexpr double k_eps = 1e-16;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < k_tiny) d = k_tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < k_tiny) d = k_tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < k_tiny) c = k_tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < k_tiny) d = k_tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < k_tiny) c = k_tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < k_eps) break;
  }
  return h;
}

// Quantile of sorted values at probability q, linear between order statistics (R's type 7).
double sorted_quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return k_nan;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

// Σ (t³ − t) over the groups of tied values of `sorted`.
double tie_term(const std::vector<double>& sorted) {
  double sum = 0.0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const auto t = static_cast<double>(j - i);
    sum += t * t * t - t;
    i = j;
  }
  return sum;
}

double two_sided_t_p(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return k_nan;
  return std::min(1.0, 2.0 * student_t_cdf(-std::fabs(t), df));
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();
    return k_nan;
  }
  // Acklam's rational approximation (relative error < 1.2e-9) ...
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  double x;
  if (p < p_low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - p_low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // ... refined by one Halley step on Φ(x) − p to full double precision.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2.0 * M_PI) * std::exp(x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

double incomplete_beta(double a, double b, double x) {
  if (std::isnan(x) || !(a > 0) || !(b > 0)) return k_nan;
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                           a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return k_nan;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  // P(T < −|t|) = I_{df/(df+t²)}(df/2, 1/2) / 2.
  const double tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
  return t > 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0)) return k_nan;
  if (p == 0.5) return 0.0;
  // Bracket the root, then bisect: the CDF is monotone, so this cannot fail.
  double lo = -1.0;
  double hi = 1.0;
  while (student_t_cdf(lo, df) > p) lo *= 2.0;
  while (student_t_cdf(hi, df) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::fabs(lo)); ++i) {
    const double mid = 0.5 * (lo + hi);
    if (student_t_cdf(mid, df) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

double mean(std::span<const double> x) {
  if (x.empty()) return k_nan;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double sample_sd(std::span<const double> x) {
  if (x.size() < 2) return k_nan;
  const double m = mean(x);
  double ss = 0.0;
  for (double v : x) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

Interval t_interval(std::span<const double> x, double level) {
  if (x.size() < 2) return {k_nan, k_nan};
  const double n = static_cast<double>(x.size());
  const double half = student_t_quantile(0.5 + level / 2.0, n - 1.0) * sample_sd(x) / std::sqrt(n);
  const double m = mean(x);
  return {m - half, m + half};
}

Interval bootstrap_mean_interval(std::span<const double> x, std::uint32_t resamples,
                                 std::uint64_t seed, double level) {
  if (x.empty() || resamples == 0) return {k_nan, k_nan};
  Rng rng(seed);
  std::vector<double> means(resamples);
  for (auto& m : means) {
    double sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) sum += x[rng.below(x.size())];
    m = sum / static_cast<double>(x.size());
  }
  std::sort(means.begin(), means.end());
  const double alpha = 1.0 - level;
  return {sorted_quantile(means, alpha / 2.0), sorted_quantile(means, 1.0 - alpha / 2.0)};
}

WelchResult welch_test(std::span<const double> a, std::span<const double> b, double level) {
  WelchResult r;
  r.difference = mean(b) - mean(a);
  if (a.size() < 2 || b.size() < 2) {
    r.interval = {k_nan, k_nan};
    r.t = r.df = r.p = k_nan;
    return r;
  }
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  const double va = std::pow(sample_sd(a), 2) / na;
  const double vb = std::pow(sample_sd(b), 2) / nb;
  const double se = std::sqrt(va + vb);
  r.df = (va + vb) * (va + vb) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
  if (se == 0.0) {
    // Both samples constant: no spread to test against.
    r.interval = {r.difference, r.difference};
    r.t = r.difference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), r.difference);
    r.df = na + nb - 2.0;
    r.p = r.difference == 0.0 ? 1.0 : 0.0;
    return r;
  }
  r.t = r.difference / se;
  const double half = student_t_quantile(0.5 + level / 2.0, r.df) * se;
  r.interval = {r.difference - half, r.difference + half};
  r.p = two_sided_t_p(r.t, r.df);
  return r;
}

double cohens_d(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2) return k_nan;
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  const double pooled = std::sqrt(((na - 1.0) * std::pow(sample_sd(a), 2) +
                                   (nb - 1.0) * std::pow(sample_sd(b), 2)) /
                                  (na + nb - 2.0));
  return (mean(b) - mean(a)) / pooled;
}

double cliffs_delta(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty()) return k_nan;
  // Sort a once; for each b, count the a below and above it by binary search.
  std::vector<double> sorted(a.begin(), a.end());
  std::sort(sorted.begin(), sorted.end());
  double greater = 0.0;
  double less = 0.0;
  for (double v : b) {
    const auto below = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
    const auto above = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), v);
    greater += static_cast<double>(below);
    less += static_cast<double>(above);
  }
  return (greater - less) / (static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

std::vector<double> average_ranks(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return x[i] < x[j]; });
  std::vector<double> ranks(x.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && x[order[j]] == x[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

MannWhitneyResult mann_whitney(std::span<const double> a, std::span<const double> b) {
  MannWhitneyResult r;
  if (a.empty() || b.empty()) {
    r.u = r.p = k_nan;
    return r;
  }
  const std::size_t na = a.size();
  const std::size_t nb = b.size();
  std::vector<double> all(a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  const std::vector<double> ranks = average_ranks(all);
  double rank_sum_b = 0.0;
  for (std::size_t i = na; i < all.size(); ++i) rank_sum_b += ranks[i];
  const double fa = static_cast<double>(na);
  const double fb = static_cast<double>(nb);
  r.u = rank_sum_b - fb * (fb + 1.0) / 2.0;
  const double u_max = std::max(r.u, fa * fb - r.u);

  std::sort(all.begin(), all.end());
  const double ties = tie_term(all);
  if (ties == 0.0 && na <= k_exact_max_n && nb <= k_exact_max_n) {
    // Exact: count[u] = arrangements of the two samples with statistic u, by the recurrence
    // f(i, j, u) = f(i − 1, j, u − j) + f(i, j − 1, u); p = 2 · P(U ≥ max(U_a, U_b)).
    const std::size_t max_u = na * nb;
    std::vector<std::vector<double>> prev(nb + 1, std::vector<double>(max_u + 1, 0.0));
    for (auto& v : prev) v[0] = 1.0;  // i = 0: one arrangement, U = 0
    std::vector<std::vector<double>> cur = prev;
    for (std::size_t i = 1; i <= na; ++i) {
      std::fill(cur[0].begin(), cur[0].end(), 0.0);
      cur[0][0] = 1.0;
      for (std::size_t j = 1; j <= nb; ++j) {
        for (std::size_t u = 0; u <= i * j; ++u) {
          cur[j][u] = (u >= j ? prev[j][u - j] : 0.0) + cur[j - 1][u];
        }
      }
      std::swap(prev, cur);
    }
    const std::vector<double>& count = prev[nb];
    double total = 0.0;
    double tail = 0.0;
    const auto threshold = static_cast<std::size_t>(std::llround(u_max));
    for (std::size_t u = 0; u <= max_u; ++u) {
      total += count[u];
      if (u >= threshold) tail += count[u];
    }
    r.p = std::min(1.0, 2.0 * tail / total);
    r.exact = true;
    return r;
  }
  // Normal approximation with tie and continuity corrections.
  const double n = fa + fb;
  const double sigma = std::sqrt(fa * fb / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0))));
  if (sigma == 0.0) {
    r.p = 1.0;  // every value tied: no evidence of a difference
    return r;
  }
  const double z = (u_max - fa * fb / 2.0 - 0.5) / sigma;
  r.p = std::clamp(2.0 * normal_cdf(-z), 0.0, 1.0);
  return r;
}

PairedTResult paired_t_test(std::span<const double> a, std::span<const double> b, double level) {
  PairedTResult r;
  const std::size_t n = std::min(a.size(), b.size());
  std::vector<double> d(n);
  for (std::size_t i = 0; i < n; ++i) d[i] = b[i] - a[i];
  r.difference = mean(d);
  if (n < 2) {
    r.interval = {k_nan, k_nan};
    r.t = r.df = r.p = r.dz = k_nan;
    return r;
  }
  const double sd = sample_sd(d);
  r.df = static_cast<double>(n) - 1.0;
  r.dz = r.difference / sd;
  if (sd == 0.0) {
    r.interval = {r.difference, r.difference};
    r.t = r.difference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), r.difference);
    r.p = r.difference == 0.0 ? 1.0 : 0.0;
    if (r.difference == 0.0) r.dz = 0.0;
    return r;
  }
  const double se = sd / std::sqrt(static_cast<double>(n));
  r.t = r.difference / se;
  const double half = student_t_quantile(0.5 + level / 2.0, r.df) * se;
  r.interval = {r.difference - half, r.difference + half};
  r.p = two_sided_t_p(r.t, r.df);
  return r;
}

WilcoxonResult wilcoxon_signed_rank(std::span<const double> a, std::span<const double> b) {
  WilcoxonResult r;
  std::vector<double> d;
  const std::size_t pairs = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < pairs; ++i) {
    if (b[i] != a[i]) d.push_back(b[i] - a[i]);
  }
  r.n = d.size();
  if (d.empty()) {
    r.p = 1.0;  // no non-zero difference
    return r;
  }
  std::vector<double> magnitude(d.size());
  for (std::size_t i = 0; i < d.size(); ++i) magnitude[i] = std::fabs(d[i]);
  const std::vector<double> ranks = average_ranks(magnitude);
  double w_plus = 0.0;
  double w_minus = 0.0;
  for (std::size_t i = 0; i < d.size(); ++i) (d[i] > 0 ? w_plus : w_minus) += ranks[i];
  r.w = std::min(w_plus, w_minus);
  const double n = static_cast<double>(r.n);

  std::sort(magnitude.begin(), magnitude.end());
  const double ties = tie_term(magnitude);
  if (ties == 0.0 && r.n <= k_exact_max_n) {
    // Exact: count[w] = subsets of the ranks 1..n summing to w; p = 2 · P(W ≤ min(W+, W−)).
    const std::size_t max_w = r.n * (r.n + 1) / 2;
    std::vector<double> count(max_w + 1, 0.0);
    count[0] = 1.0;
    for (std::size_t k = 1; k <= r.n; ++k) {
      for (std::size_t w = max_w; w >= k; --w) count[w] += count[w - k];
    }
    double total = 0.0;
    double tail = 0.0;
    const auto threshold = static_cast<std::size_t>(std::llround(r.w));
    for (std::size_t w = 0; w <= max_w; ++w) {
      total += count[w];
      if (w <= threshold) tail += count[w];
    }
    r.p = std::min(1.0, 2.0 * tail / total);
    r.exact = true;
    return r;
  }
  // Normal approximation with tie and continuity corrections.
  const double mu = n * (n + 1.0) / 4.0;
  const double sigma = std::sqrt((n * (n + 1.0) * (2.0 * n + 1.0) - ties / 2.0) / 24.0);
  if (sigma == 0.0) {
    r.p = 1.0;
    return r;
  }
  const double correction = r.w > mu ? 0.5 : (r.w < mu ? -0.5 : 0.0);
  const double z = (r.w - mu - correction) / sigma;
  r.p = std::clamp(2.0 * normal_cdf(-std::fabs(z)), 0.0, 1.0);
  return r;
}

}  // namespace tacit::experiment::stats
