#pragma once
/// @file
/// The similarity and distance measures, their exact formulas, and how each reduces to one
/// sparse dot product s = x·y plus per-row statistics (so every kernel shares one product).
///
/// Documents are rows; x and y are two rows with n columns (terms, or embedding dimensions).
///
/// | measure          | kind       | formula                                                        | rows used          |
/// |------------------|------------|----------------------------------------------------------------|--------------------|
/// | `cosine`         | similarity | x·y / (‖x‖ ‖y‖), 0 when either row is all zero                  | x/‖x‖              |
/// | `dot`            | similarity | x·y                                                            | x                  |
/// | `jaccard`        | similarity | \|A∩B\| / \|A∪B\| = s / (\|A\| + \|B\| − s) on binary rows, 0 if both empty | 1[x ≠ 0] |
/// | `dice`           | similarity | 2 x·y / (‖x‖² + ‖y‖²), 0 if both zero (= 2\|A∩B\|/(\|A\|+\|B\|) on binary rows) | x |
/// | `tanimoto`       | similarity | x·y / (‖x‖² + ‖y‖² − x·y), 0 if both zero (extended Jaccard)     | x                  |
/// | `pearson`        | similarity | (n Σxy − Σx Σy) / √((n Σx² − (Σx)²)(n Σy² − (Σy)²)), 0 for a constant row | x    |
/// | `euclidean`      | distance   | √max(0, ‖x‖² + ‖y‖² − 2 x·y)                                   | x                  |
/// | `hellinger`      | distance   | √max(0, 1 − Σ √(p_i q_i)), p = x/Σx, q = y/Σy; 1 if either row is zero | √(x/Σx)   |
/// | `jensen_shannon` | distance   | √JSD(p, q), natural log; √ln 2 if either row is zero              | x/Σx (own pass)    |
///
/// Notes and references:
/// - Pearson is the correlation over ALL n columns, zeros included (as `numpy.corrcoef` on the
///   dense rows), computed from the sums and sums of squares of the sparse row. Untouched pairs
///   (no shared term) still have a non-constant score, so Pearson and Euclidean score every pair.
/// - Tanimoto: Tanimoto (1958), IBM internal report; Strehl & Ghosh, "Value-based customer
///   grouping from large retail data sets", SPIE 2000 (the "extended Jaccard").
/// - Dice: Dice, "Measures of the amount of ecologic association between species", Ecology 1945.
/// - Hellinger: Hellinger (1909); with the 1/√2 normalisation H(P, Q) = (1/√2)‖√p − √q‖₂ =
///   √(1 − BC(P, Q)), BC = Σ √(p_i q_i) the Bhattacharyya coefficient; H ∈ [0, 1]. Rows must be
///   non-negative; they are L1-normalised first. See Deza & Deza, Encyclopedia of Distances, 14.2.
/// - Jensen–Shannon: Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf.
///   Theory 37(1), 1991: JSD(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2, natural log, so
///   JSD ∈ [0, ln 2]; its square root is a metric (Endres & Schindelin, IEEE Trans. Inf. Theory
///   49(7), 2003) and is what `scipy.spatial.distance.jensenshannon(p, q)` returns. Not a
///   function of x·y: it needs a pass over the union of the two rows' nonzeros for every pair,
///   so it is OFF THE FAST PATH (quadratic in the number of documents).
/// - Empty documents (all-zero rows) are never NaN: similarities give 0 (even between two empty
///   documents), distances give their maximum for Hellinger and Jensen–Shannon, and the plain
///   formula for Euclidean.
///
/// Ordering: for top-k, "most similar" means the largest similarity or the SMALLEST distance;
/// ties are broken by document id, smaller first. A threshold t keeps pairs with similarity >= t,
/// or distance <= t.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>

namespace plansim {

enum class measure { cosine, dot, jaccard, dice, tanimoto, pearson, euclidean, hellinger, jensen_shannon };

/// The measure's name as written in the table above.
constexpr std::string_view measure_name(measure m) noexcept {
  switch (m) {
    case measure::cosine: return "cosine";
    case measure::dot: return "dot";
    case measure::jaccard: return "jaccard";
    case measure::dice: return "dice";
    case measure::tanimoto: return "tanimoto";
    case measure::pearson: return "pearson";
    case measure::euclidean: return "euclidean";
    case measure::hellinger: return "hellinger";
    case measure::jensen_shannon: return "jensen_shannon";
  }
  return "unknown";
}

/// True for distances (smaller = more alike), false for similarities.
constexpr bool is_distance(measure m) noexcept {
  return m == measure::euclidean || m == measure::hellinger || m == measure::jensen_shannon;
}

namespace detail {

// The per-row statistics a measure needs besides x·y, in double: Σx² (a count for jaccard) and
// Σx (for hellinger/jensen_shannon: 1 when the row has mass, else 0).
struct row_stat {
  double squares = 0.0;
  double sum = 0.0;
};

// True when a pair sharing no (non-cancelling) term always scores the same constant, so only
// pairs met in the inverted index need scoring; Pearson and Euclidean must score every pair.
constexpr bool untouched_is_constant(measure m) noexcept {
  return m != measure::pearson && m != measure::euclidean && m != measure::jensen_shannon;
}

// The score of a pair with x·y = 0 for measures where that is a constant.
constexpr double untouched_score(measure m) noexcept { return m == measure::hellinger ? 1.0 : 0.0; }

// The score from s = x'·y' (x', y' the transformed rows of the table above) and the statistics.
// `columns` is n, needed by Pearson.
inline double finish(measure m, double s, const row_stat& x, const row_stat& y, double columns) noexcept {
  switch (m) {
    case measure::dot: return s;
    case measure::cosine: return std::clamp(s, -1.0, 1.0);
    case measure::jaccard:
    case measure::tanimoto: {
      const double d = x.squares + y.squares - s;
      return d > 0.0 ? s / d : 0.0;
    }
    case measure::dice: {
      const double d = x.squares + y.squares;
      return d > 0.0 ? 2.0 * s / d : 0.0;
    }
    case measure::pearson: {
      const double vx = columns * x.squares - x.sum * x.sum;
      const double vy = columns * y.squares - y.sum * y.sum;
      // A constant row has zero variance; rounding can leave a tiny positive one instead.
      if (!(vx > 1e-12 * columns * x.squares) || !(vy > 1e-12 * columns * y.squares)) return 0.0;
      return std::clamp((columns * s - x.sum * y.sum) / std::sqrt(vx * vy), -1.0, 1.0);
    }
    case measure::euclidean: return std::sqrt(std::max(0.0, x.squares + y.squares - 2.0 * s));
    case measure::hellinger:
      if (!(x.sum > 0.0 && y.sum > 0.0)) return 1.0;
      return std::sqrt(std::max(0.0, 1.0 - s));
    case measure::jensen_shannon: return 0.0;  // never reached: it has its own pass
  }
  return 0.0;
}

// ½ [p ln(2p/(p+q)) + q ln(2q/(p+q))], one term of JSD, with 0 ln 0 = 0.
inline double jsd_term(double p, double q) noexcept {
  double out = 0.0;
  const double m = p + q;
  if (p > 0.0) out += p * std::log(2.0 * p / m);
  if (q > 0.0) out += q * std::log(2.0 * q / m);
  return 0.5 * out;
}

// √JSD from a finished divergence; the maximum √ln 2 when either row has no mass.
inline double js_distance(double divergence, bool x_has_mass, bool y_has_mass) noexcept {
  if (!x_has_mass || !y_has_mass) return std::sqrt(std::numbers::ln2);
  return std::sqrt(std::max(0.0, divergence));
}

// The bounds a threshold must lie in for `m`, used to reject nonsense thresholds early.
struct threshold_range {
  double low;
  double high;
};
constexpr threshold_range valid_thresholds(measure m) noexcept {
  constexpr double inf = std::numeric_limits<double>::infinity();
  switch (m) {
    case measure::cosine:
    case measure::jaccard:
    case measure::dice:
    case measure::tanimoto: return {0.0, 1.0};
    case measure::pearson: return {-1.0, 1.0};
    case measure::dot: return {-inf, inf};
    case measure::hellinger: return {0.0, 1.0};
    case measure::euclidean: return {0.0, inf};
    case measure::jensen_shannon: return {0.0, 1.0};
  }
  return {-inf, inf};
}

}  // namespace detail
}  // namespace plansim
