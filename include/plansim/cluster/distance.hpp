#pragma once
/// @file
/// Pairwise distances between documents (rows), as the clustering code and SciPy use them.
///
///     euclidean(u, v) = sqrt( Σ_t (u_t − v_t)² )
///     cosine(u, v)    = 1 − u·v / (‖u‖ ‖v‖), clipped to [0, 2]
///
/// Euclidean distances are summed term by term over the union of the two rows' stored entries
/// (no ‖u‖² + ‖v‖² − 2u·v shortcut), so a document is at distance exactly 0 from a copy of
/// itself, as in SciPy's pdist. The cosine distance of a row with itself is 0.
///
/// **Zero vectors.** SciPy returns NaN for the cosine distance of an all-zero row. plansim throws
/// instead: data_error `[plansim.cluster.2]` naming the row, because a document with no terms left
/// has no direction and would silently poison every linkage or silhouette that touches it. Drop
/// such documents first (or use euclidean).
///
/// Condensed order is SciPy's pdist order: the pairs (i, j), i < j, row after row, so pair (i, j)
/// sits at index N·i − i·(i+1)/2 + (j − i − 1). Results are bit-identical for any thread count:
/// each distance is computed by one thread from the two rows alone.
///
/// Errors: NaN or infinity in a row, data_error `[plansim.cluster.1]`; an all-zero row under
/// cosine, `[plansim.cluster.2]`.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "plansim/detail/cluster_rows.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// How far apart two documents are. Used by silhouettes, linkages and choosing k.
enum class distance_metric { cosine, euclidean };

namespace detail {

/// Position of pair (i, j), i < j, in a condensed distance vector over n points (SciPy order).
constexpr std::size_t condensed_index(std::size_t n, std::size_t i, std::size_t j) noexcept {
  return n * i - i * (i + 1) / 2 + (j - i - 1);
}

/// Scratch for distances from one row to others: the row scattered into a dense vector, its
/// stored columns, and a stamp array to find the columns the other row lacks.
struct distance_scratch {
  std::vector<double> dense;
  std::vector<std::size_t> stamp;
  std::vector<std::size_t> columns;
  std::size_t current = 0;

  explicit distance_scratch(std::size_t dims) : dense(dims, 0.0), stamp(dims, 0) { columns.reserve(dims); }

  template <class Rows>
  void load(const scaled_rows<Rows>& x, std::size_t i) {
    for (const std::size_t c : columns) dense[c] = 0.0;
    columns.clear();
    x.for_each(i, [&](std::size_t c, double v) {
      dense[c] = v;
      columns.push_back(c);
    });
  }

  /// Distance from the loaded row (index i, same scaled rows) to row j.
  template <class Rows>
  double distance_to(const scaled_rows<Rows>& x, std::size_t i, std::size_t j, distance_metric metric) {
    if (i == j) return 0.0;
    if (metric == distance_metric::cosine) {
      double dot = 0.0;
      x.for_each(j, [&](std::size_t c, double v) { dot += dense[c] * v; });
      return std::clamp(1.0 - dot, 0.0, 2.0);
    }
    ++current;
    double sum = 0.0;
    x.for_each(j, [&](std::size_t c, double v) {
      const double diff = dense[c] - v;
      sum += diff * diff;
      stamp[c] = current;
    });
    for (const std::size_t c : columns)
      if (stamp[c] != current) sum += dense[c] * dense[c];
    return std::sqrt(sum);
  }
};

/// Rows prepared for `metric`: unit length for cosine (zero rows rejected), as they are otherwise.
template <class Matrix>
auto distance_rows(const Matrix& x, distance_metric metric, std::string_view caller) {
  return prepare_rows(x, metric == distance_metric::cosine, "cluster", 1, 2, caller);
}

}  // namespace detail

/// The N(N−1)/2 distances between the rows of `x` in SciPy pdist order (i < j, row-major).
/// `x` is a weight_matrix<float/double> (sparse rows) or a dense Eigen matrix.
template <class Matrix>
std::vector<double> condensed_distances(const Matrix& x, distance_metric metric, std::size_t threads = 1) {
  const auto rows = detail::distance_rows(x, metric, "condensed_distances");
  const std::size_t n = rows.size();
  std::vector<double> out(n < 2 ? 0 : n * (n - 1) / 2);
  constexpr std::size_t chunk_rows = 16;
  const std::size_t chunks = (n + chunk_rows - 1) / chunk_rows;
  std::vector<detail::distance_scratch> scratch(detail::thread_count(threads, chunks),
                                               detail::distance_scratch(rows.dims()));
  detail::for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t worker) {
    auto& s = scratch[worker];
    for (std::size_t i = chunk * chunk_rows; i < std::min(n, (chunk + 1) * chunk_rows); ++i) {
      s.load(rows, i);
      double* row_out = out.data() + (n * i - i * (i + 1) / 2);
      for (std::size_t j = i + 1; j < n; ++j) row_out[j - i - 1] = s.distance_to(rows, i, j, metric);
    }
  });
  return out;
}

/// The N×N symmetric matrix of distances between the rows of `x` (zero diagonal).
template <class Matrix>
Eigen::MatrixXd distance_matrix(const Matrix& x, distance_metric metric, std::size_t threads = 1) {
  const auto rows = detail::distance_rows(x, metric, "distance_matrix");
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(n, n);
  constexpr std::size_t chunk_rows = 16;
  const std::size_t chunks = (rows.size() + chunk_rows - 1) / chunk_rows;
  std::vector<detail::distance_scratch> scratch(detail::thread_count(threads, chunks),
                                               detail::distance_scratch(rows.dims()));
  // Each chunk fills the upper triangle of its rows; the mirror is copied afterwards.
  detail::for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t worker) {
    auto& s = scratch[worker];
    for (std::size_t i = chunk * chunk_rows; i < std::min(rows.size(), (chunk + 1) * chunk_rows); ++i) {
      s.load(rows, i);
      for (std::size_t j = i + 1; j < rows.size(); ++j)
        out(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = s.distance_to(rows, i, j, metric);
    }
  });
  for (Eigen::Index j = 1; j < n; ++j)
    for (Eigen::Index i = 0; i < j; ++i) out(i, j) = out(j, i);
  return out;
}

}  // namespace plansim
