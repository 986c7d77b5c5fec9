#pragma once
/// @file
/// Choosing the number of clusters: a sweep of k with every index side by side, and a
/// recommendation with its reason.
///
/// For each k in [k_min, k_max] the rows are clustered with k-means (`kmeans` options, with k set
/// and `spherical` set to metric == cosine) and scored by:
///   objective (k-means objective; always falls with k, shown for an elbow plot),
///   silhouette (mean, by `metric`; higher is better),
///   Calinski–Harabasz (higher is better) and Davies–Bouldin (lower is better), both Euclidean,
///     on unit-length rows when metric is cosine so that all four indices see the same geometry,
///   stability (mean Hennig Jaccard stability of the k clusters over `resamples` resamples of
///     `sample_fraction`; see cluster/stability.hpp; NaN when resamples = 0).
///
/// **Recommendation.** The k with the highest mean silhouette among those whose stability is at
/// least `stability_threshold` (0.6, below which Hennig calls a cluster dissolved); ties go to the
/// smaller k. If no k is that stable, the most stable k (ties to the higher silhouette, then the
/// smaller k), and the reason says so. With resamples = 0, the highest silhouette. A k whose
/// clustering produced fewer than 2 distinct clusters scores NaN and is never recommended.
///
/// k_max is lowered to N − 1 when larger (silhouettes need at most N − 1 clusters), with a note
/// at the start of the reason.
///
/// Errors (`[plansim.cluster.14]`): k_min < 2, k_min > k_max, or k_min > N − 1; stability_threshold
/// NaN; and the errors of k-means and stability.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plansim/cluster/distance.hpp"
#include "plansim/cluster/kmeans.hpp"
#include "plansim/cluster/quality.hpp"
#include "plansim/cluster/stability.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

struct choose_k_options {
  std::size_t k_min = 2, k_max = 10;
  distance_metric metric = distance_metric::cosine;
  kmeans_options kmeans;
  std::size_t resamples = 20;
  double sample_fraction = 0.8;
  /// Least mean Jaccard stability for a k to be recommended (Hennig 2007's 0.6).
  double stability_threshold = 0.6;
};

struct choose_k_row {
  std::size_t k;
  double objective, silhouette, calinski_harabasz, davies_bouldin, stability;
};

struct choose_k_result {
  std::vector<choose_k_row> rows;
  std::size_t recommended_k = 0;
  std::string reason;
};

namespace detail {

inline std::string format_score(double v) {
  if (std::isnan(v)) return "nan";
  const double rounded = std::round(v * 1000.0) / 1000.0;
  return format_number(rounded);
}

}  // namespace detail

/// Sweeps k over [k_min, k_max] (see the file comment) and recommends one.
template <class Matrix>
choose_k_result choose_k(const Matrix& x, const choose_k_options& options) {
  const char* caller = "choose_k";
  const auto n = static_cast<std::size_t>(x.rows());
  if (options.k_min < 2 || options.k_min > options.k_max || n < 1 || options.k_min > n - 1)
    throw invalid_argument("cluster", 14, caller,
                           "k_min = " + std::to_string(options.k_min) + ", k_max = " + std::to_string(options.k_max) +
                               " do not fit " + std::to_string(n) + " documents",
                           "use 2 <= k_min <= k_max and k_min <= N - 1");
  if (std::isnan(options.stability_threshold))
    throw invalid_argument("cluster", 14, caller, "stability_threshold is NaN", "use a number in [0, 1], typically 0.6");
  choose_k_result out;
  std::size_t k_max = options.k_max;
  if (k_max > n - 1) {
    out.reason = "k_max lowered from " + std::to_string(k_max) + " to N - 1 = " + std::to_string(n - 1) +
                 " (silhouettes need at most N - 1 clusters); ";
    k_max = n - 1;
  }
  const bool cosine = options.metric == distance_metric::cosine;
  const auto geometry = detail::prepare_rows(x, cosine, "cluster", 1, 2, caller);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = options.k_min; k <= k_max; ++k) {
    kmeans_options km = options.kmeans;
    km.k = k;
    km.spherical = cosine;
    km.initial_centroids = Eigen::MatrixXd();
    const auto result = kmeans(x, km);
    choose_k_row row{k, result.objective, nan, nan, nan, nan};
    std::vector<int> present(result.labels);
    std::sort(present.begin(), present.end());
    const auto distinct = static_cast<std::size_t>(std::unique(present.begin(), present.end()) - present.begin());
    if (distinct >= 2 && distinct <= n - 1) {
      std::size_t used = 0;
      const auto encoded = detail::quality_labels(result.labels, n, caller, used);
      row.silhouette = silhouette_score(x, result.labels, options.metric, km.threads);
      row.calinski_harabasz = detail::calinski_harabasz_rows(geometry, encoded, used);
      row.davies_bouldin = detail::davies_bouldin_rows(geometry, encoded, used);
      if (options.resamples > 0) {
        const auto s = stability(x, result.labels, km, options.resamples, options.sample_fraction);
        double sum = 0.0, count = 0.0;
        for (const double v : s.cluster_stability)
          if (!std::isnan(v)) {
            sum += v;
            count += 1.0;
          }
        row.stability = count > 0 ? sum / count : nan;
      }
    }
    out.rows.push_back(row);
  }
  // Recommendation.
  const choose_k_row* pick = nullptr;
  auto better_silhouette = [](const choose_k_row* a, const choose_k_row& b) { return !a || b.silhouette > a->silhouette; };
  if (options.resamples == 0) {
    for (const auto& row : out.rows)
      if (!std::isnan(row.silhouette) && better_silhouette(pick, row)) pick = &row;
    if (pick)
      out.reason += "k = " + std::to_string(pick->k) + " has the highest mean silhouette (" + detail::format_score(pick->silhouette) +
                    "); stability was not measured (resamples = 0)";
  } else {
    for (const auto& row : out.rows)
      if (!std::isnan(row.silhouette) && row.stability >= options.stability_threshold && better_silhouette(pick, row)) pick = &row;
    if (pick) {
      out.reason += "k = " + std::to_string(pick->k) + " has the highest mean silhouette (" + detail::format_score(pick->silhouette) +
                    ") among the k whose stability is at least " + detail::format_score(options.stability_threshold) +
                    " (its stability: " + detail::format_score(pick->stability) + ")";
    } else {
      for (const auto& row : out.rows) {
        if (std::isnan(row.stability) || std::isnan(row.silhouette)) continue;
        if (!pick || row.stability > pick->stability || (row.stability == pick->stability && row.silhouette > pick->silhouette))
          pick = &row;
      }
      if (pick)
        out.reason += "no k reached stability " + detail::format_score(options.stability_threshold) + "; k = " +
                      std::to_string(pick->k) + " is the most stable (" + detail::format_score(pick->stability) +
                      ", silhouette " + detail::format_score(pick->silhouette) + "), so treat its clusters as tentative";
    }
  }
  if (!pick) {
    out.recommended_k = 0;
    out.reason += "no k gave at least two distinct clusters; the documents may be near duplicates";
  } else {
    out.recommended_k = pick->k;
  }
  return out;
}

}  // namespace plansim
