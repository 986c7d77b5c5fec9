#pragma once
/// @file
/// Keyness: how much more a term is used inside a group of documents than outside it.
///
/// Every statistic here compares one term's count in the target group (`a`, out of `c` tokens)
/// with its count in the reference group (`b`, out of `d` tokens), the 2 x 2 table
///
///                 term     other terms
///     target        a         c - a
///     reference     b         d - b
///
/// All are *signed*: positive when the term is relatively more frequent in the target
/// (a / c > b / d), negative when less, as quanteda's `textstat_keyness` reports them, so ranking
/// by the value puts the terms that characterise the target first.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace plansim {

/// The cells of one term's 2 x 2 table, as doubles (the formulas need them so).
struct keyness_table {
  double a = 0;  ///< occurrences of the term in the target
  double b = 0;  ///< occurrences of the term in the reference
  double c = 0;  ///< all tokens of the target
  double d = 0;  ///< all tokens of the reference
};

namespace detail {
inline double x_log_x_over(double x, double e) noexcept { return x > 0 ? x * std::log(x / e) : 0.0; }
inline double keyness_sign(const keyness_table& t) noexcept {
  // a/c > b/d without dividing, so an empty side does not produce NaN.
  const double lhs = t.a * t.d;
  const double rhs = t.b * t.c;
  return lhs > rhs ? 1.0 : (lhs < rhs ? -1.0 : 0.0);
}
}  // namespace detail

/// Log-likelihood ratio G² of the full 2 x 2 table (Dunning 1993, "Accurate methods for the
/// statistics of surprise and coincidence"; quanteda's "lr" without correction; SciPy's
/// `chi2_contingency(table, correction=False, lambda_="log-likelihood")`):
///
///     G² = 2 Σ_ij O_ij ln(O_ij / E_ij),   E_ij = row_i · column_j / N   (0 ln 0 = 0)
///
/// over the four cells above, signed as described in the file comment. Zero when the term never
/// occurs or one group is empty.
[[nodiscard]] inline double log_likelihood_g2(const keyness_table& t) noexcept {
  const double n = t.c + t.d;
  const double term = t.a + t.b;
  if (t.c <= 0 || t.d <= 0 || term <= 0 || term >= n) return 0.0;
  const double rest = n - term;
  const double g2 = 2.0 * (detail::x_log_x_over(t.a, t.c * term / n) + detail::x_log_x_over(t.c - t.a, t.c * rest / n) +
                           detail::x_log_x_over(t.b, t.d * term / n) + detail::x_log_x_over(t.d - t.b, t.d * rest / n));
  return detail::keyness_sign(t) * std::max(0.0, g2);
}

/// Pearson's χ² of the full 2 x 2 table, with Yates's continuity correction when `yates` (the
/// default of quanteda's "chi2" and of `scipy.stats.chi2_contingency`):
///
///     N = c + d,  δ = |a (d - b) - b (c - a)|,  δ' = max(0, δ - N / 2) with Yates, else δ
///     χ² = N δ'² / ((a + b) (N - a - b) c d)
///
/// signed as described in the file comment; zero when a margin is empty.
[[nodiscard]] inline double chi_squared(const keyness_table& t, bool yates = true) noexcept {
  const double n = t.c + t.d;
  const double term = t.a + t.b;
  const double denominator = term * (n - term) * t.c * t.d;
  if (denominator <= 0) return 0.0;
  double delta = std::abs(t.a * (t.d - t.b) - t.b * (t.c - t.a));
  if (yates) delta = std::max(0.0, delta - n / 2.0);
  return detail::keyness_sign(t) * n * delta * delta / denominator;
}

/// Weighted log-odds ratio with an informative Dirichlet prior, as a z-score (Monroe, Colaresi
/// and Quinn 2008, "Fightin' words", eq. 16-22). With prior pseudo-counts α_w for the term and
/// α_0 for all terms:
///
///     δ  = ln[(a + α_w) / (c + α_0 - a - α_w)] - ln[(b + α_w) / (d + α_0 - b - α_w)]
///     σ² ≈ 1 / (a + α_w) + 1 / (b + α_w)
///     z  = δ / σ
///
/// The prior shrinks rare terms towards zero, so a term used twice in a small group does not
/// outrank a term used throughout it. `prior_term` must be positive and below `prior_total`.
[[nodiscard]] inline double log_odds_z(const keyness_table& t, double prior_term, double prior_total) noexcept {
  const double in_target = t.a + prior_term;
  const double in_reference = t.b + prior_term;
  const double delta = std::log(in_target / (t.c + prior_total - in_target)) -
                       std::log(in_reference / (t.d + prior_total - in_reference));
  return delta / std::sqrt(1.0 / in_target + 1.0 / in_reference);
}

}  // namespace plansim
