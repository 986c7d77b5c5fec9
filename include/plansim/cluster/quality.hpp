#pragma once
/// @file
/// Internal quality of one clustering: silhouettes, Calinski–Harabasz and Davies–Bouldin, each as
/// scikit-learn computes it, on sparse rows (weight_matrix) or dense rows.
///
///     silhouette(i) = (b_i − a_i) / max(a_i, b_i)
///       a_i = mean distance from i to the other members of its cluster,
///       b_i = least mean distance from i to the members of another cluster;
///       0 for a document alone in its cluster, and 0 when a_i = b_i = 0.
///     (Rousseeuw, "Silhouettes", J. Comput. Appl. Math. 20, 1987.)
///
///     CH = [Σ_j n_j ‖c_j − c‖² / (k − 1)] / [Σ_i ‖x_i − c_{l(i)}‖² / (N − k)]; 1 when the
///          within-cluster sum is 0. (Caliński and Harabasz, Comm. Statistics 3, 1974.)
///
///     DB = (1/k) Σ_j max_{m≠j} (s_j + s_m) / ‖c_j − c_m‖,  s_j = mean ‖x_i − c_j‖ over cluster j;
///          0 when all s_j or all centroid distances are within 1e-8 of 0 (numpy allclose);
///          a pair of coincident centroids contributes 0. (Davies and Bouldin, IEEE PAMI 1, 1979.)
///
/// Silhouettes take a distance_metric (cosine or euclidean, see cluster/distance.hpp for
/// definitions and the zero-vector rule); CH and DB are Euclidean by definition (use unit rows
/// for a cosine view). Labels may be any non-negative ints; they are encoded in sorted order.
/// Silhouettes cost O(N² · row length) and need no N × N matrix; results do not depend on
/// `threads`.
///
/// Errors (`[plansim.cluster.n]`): labels not one per row 12 (dimension_mismatch); fewer than 2
/// distinct labels, or as many as there are documents, 9 (scikit-learn's rule); negative labels
/// 10; NaN or infinity 1; an all-zero row under cosine 2.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plansim/cluster/distance.hpp"
#include "plansim/cluster/kmeans.hpp"
#include "plansim/cluster/labels.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"

namespace plansim {

namespace detail {

/// Labels encoded 0..k−1 in sorted order, after the checks every quality index shares.
inline std::vector<int> quality_labels(std::span<const int> labels, std::size_t rows, const char* caller,
                                       std::size_t& k) {
  if (labels.size() != rows)
    throw dimension_mismatch("cluster", 12, caller,
                             std::to_string(labels.size()) + " labels for " + std::to_string(rows) + " documents",
                             "give one label per document (row)");
  check_labels_non_negative(labels, caller);
  std::vector<int> distinct(labels.begin(), labels.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  k = distinct.size();
  if (k < 2 || k >= rows)
    throw invalid_argument("cluster", 9, caller,
                           "there are " + std::to_string(k) + " distinct labels for " + std::to_string(rows) + " documents",
                           "use between 2 and N - 1 clusters");
  std::vector<int> out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    out[i] = static_cast<int>(std::lower_bound(distinct.begin(), distinct.end(), labels[i]) - distinct.begin());
  return out;
}

/// Centroids (k × d, column-major) and sizes of encoded labels on scaled rows.
template <class Rows>
Eigen::MatrixXd centroids_of(const scaled_rows<Rows>& x, const std::vector<int>& labels, std::size_t k,
                             std::vector<double>& sizes) {
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(x.dims()));
  sizes.assign(k, 0.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto j = static_cast<Eigen::Index>(labels[i]);
    sizes[static_cast<std::size_t>(j)] += 1.0;
    x.for_each(i, [&](std::size_t t, double v) { c(j, static_cast<Eigen::Index>(t)) += v; });
  }
  for (std::size_t j = 0; j < k; ++j) c.row(static_cast<Eigen::Index>(j)) /= sizes[j];
  return c;
}

}  // namespace detail

/// The silhouette of every document (row of `x`) under `labels`.
template <class Matrix>
Eigen::VectorXd silhouette_samples(const Matrix& x, std::span<const int> labels, distance_metric metric,
                                   std::size_t threads = 1) {
  std::size_t k = 0;
  const auto encoded = detail::quality_labels(labels, static_cast<std::size_t>(x.rows()), "silhouette_samples", k);
  const auto rows = detail::distance_rows(x, metric, "silhouette_samples");
  const std::size_t n = rows.size();
  std::vector<double> size(k, 0.0);
  for (const int l : encoded) size[static_cast<std::size_t>(l)] += 1.0;
  Eigen::VectorXd out(static_cast<Eigen::Index>(n));
  constexpr std::size_t chunk_rows = 16;
  const std::size_t chunks = (n + chunk_rows - 1) / chunk_rows;
  const std::size_t workers = detail::thread_count(threads, chunks);
  std::vector<detail::distance_scratch> scratch(workers, detail::distance_scratch(rows.dims()));
  std::vector<std::vector<double>> sums(workers, std::vector<double>(k));
  detail::for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t worker) {
    auto& s = scratch[worker];
    auto& sum = sums[worker];
    for (std::size_t i = chunk * chunk_rows; i < std::min(n, (chunk + 1) * chunk_rows); ++i) {
      std::fill(sum.begin(), sum.end(), 0.0);
      s.load(rows, i);
      for (std::size_t j = 0; j < n; ++j) sum[static_cast<std::size_t>(encoded[j])] += s.distance_to(rows, i, j, metric);
      const auto own = static_cast<std::size_t>(encoded[i]);
      double value = 0.0;
      if (size[own] > 1.0) {
        const double a = sum[own] / (size[own] - 1.0);
        double b = std::numeric_limits<double>::infinity();
        for (std::size_t c = 0; c < k; ++c)
          if (c != own) b = std::min(b, sum[c] / size[c]);
        const double denominator = std::max(a, b);
        value = denominator > 0.0 ? (b - a) / denominator : 0.0;
      }
      out[static_cast<Eigen::Index>(i)] = value;
    }
  });
  return out;
}

/// The mean silhouette over all documents.
template <class Matrix>
double silhouette_score(const Matrix& x, std::span<const int> labels, distance_metric metric, std::size_t threads = 1) {
  return silhouette_samples(x, labels, metric, threads).mean();
}

namespace detail {

template <class Rows>
double calinski_harabasz_rows(const scaled_rows<Rows>& rows, const std::vector<int>& encoded, std::size_t k) {
  std::vector<double> size;
  const Eigen::MatrixXd c = centroids_of(rows, encoded, k, size);
  const std::size_t n = rows.size();
  Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(rows.dims()));
  for (std::size_t j = 0; j < k; ++j) mean += size[j] * c.row(static_cast<Eigen::Index>(j));
  mean /= static_cast<double>(n);
  double extra = 0.0, intra = 0.0;
  for (std::size_t j = 0; j < k; ++j) extra += size[j] * (c.row(static_cast<Eigen::Index>(j)) - mean).squaredNorm();
  const Eigen::VectorXd norms = c.rowwise().squaredNorm();
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = static_cast<std::size_t>(encoded[i]);
    intra += squared_distance_to_centre(rows, i, c, j, norms[static_cast<Eigen::Index>(j)]);
  }
  if (intra == 0.0) return 1.0;
  return extra * static_cast<double>(n - k) / (intra * static_cast<double>(k - 1));
}

template <class Rows>
double davies_bouldin_rows(const scaled_rows<Rows>& rows, const std::vector<int>& encoded, std::size_t k) {
  std::vector<double> size;
  const Eigen::MatrixXd c = centroids_of(rows, encoded, k, size);
  const Eigen::VectorXd norms = c.rowwise().squaredNorm();
  std::vector<double> spread(k, 0.0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto j = static_cast<std::size_t>(encoded[i]);
    spread[j] += std::sqrt(squared_distance_to_centre(rows, i, c, j, norms[static_cast<Eigen::Index>(j)]));
  }
  for (std::size_t j = 0; j < k; ++j) spread[j] /= size[j];
  Eigen::MatrixXd between(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (Eigen::Index a = 0; a < between.rows(); ++a)
    for (Eigen::Index b = 0; b < between.cols(); ++b) between(a, b) = (c.row(a) - c.row(b)).norm();
  const auto all_near_zero = [](auto range) {
    return std::all_of(range.begin(), range.end(), [](double v) { return std::abs(v) <= 1e-8; });
  };
  if (all_near_zero(spread) || all_near_zero(between.reshaped())) return 0.0;
  double total = 0.0;
  for (std::size_t a = 0; a < k; ++a) {
    double worst = 0.0;
    for (std::size_t b = 0; b < k; ++b) {
      const double d = between(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
      if (b == a || d == 0.0) continue;
      worst = std::max(worst, (spread[a] + spread[b]) / d);
    }
    total += worst;
  }
  return total / static_cast<double>(k);
}

}  // namespace detail

/// Calinski–Harabasz index (variance ratio criterion); higher is better.
template <class Matrix>
double calinski_harabasz(const Matrix& x, std::span<const int> labels) {
  std::size_t k = 0;
  const auto encoded = detail::quality_labels(labels, static_cast<std::size_t>(x.rows()), "calinski_harabasz", k);
  return detail::calinski_harabasz_rows(detail::prepare_rows(x, false, "cluster", 1, 2, "calinski_harabasz"), encoded, k);
}

/// Davies–Bouldin index; lower is better, 0 at best.
template <class Matrix>
double davies_bouldin(const Matrix& x, std::span<const int> labels) {
  std::size_t k = 0;
  const auto encoded = detail::quality_labels(labels, static_cast<std::size_t>(x.rows()), "davies_bouldin", k);
  return detail::davies_bouldin_rows(detail::prepare_rows(x, false, "cluster", 1, 2, "davies_bouldin"), encoded, k);
}

}  // namespace plansim
