#pragma once
/// @file
/// Pairwise distances between documents (rows), as the clustering code needs them.
///
/// - `condensed_distances(x, metric)`: the N·(N − 1)/2 distances d(i, j), i < j, in SciPy's
///   `pdist` order (row-major upper triangle): pair (i, j) sits at
///   N·i − i·(i + 1)/2 + (j − i − 1). This is the input of `linkage` (cluster/linkage.hpp).
/// - `distance_matrix(x, metric)`: the same distances as a symmetric N × N matrix, zero diagonal.
///
/// Metrics (both as `scipy.spatial.distance.pdist`):
/// - cosine: d(u, v) = 1 − u·v / (‖u‖ ‖v‖), the cosine clipped to [−1, 1] first so rounding never
///   gives a distance below 0 or above 2. A zero row has no direction: it is an error, named.
/// - euclidean: d(u, v) = ‖u − v‖₂, summed over the differences directly (not through
///   ‖u‖² + ‖v‖² − 2u·v, which cancels badly for close rows).
///
/// `x` is a sparse matrix (`weight_matrix<Scalar>`, any storage order) or a dense Eigen matrix of
/// float or double; sums are taken in double. Memory: the condensed vector holds N·(N − 1)/2
/// doubles (N = 20,000: 1.6 GB), so these are for the few thousand documents hierarchical
/// clustering is for; see cluster/graph_linkage.hpp beyond that. `threads` (0 = all cores) splits
/// the rows; every distance is computed the same way whatever the thread count, so the result is
/// bit-identical for any number of threads.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// How far apart two rows are: 1 − cosine similarity, or Euclidean distance.
enum class distance_metric { cosine, euclidean };

namespace detail {

/// Position of pair (i, j), i < j, in a condensed distance vector over n points (SciPy order).
constexpr std::size_t condensed_index(std::size_t n, std::size_t i, std::size_t j) noexcept {
  return n * i - i * (i + 1) / 2 + (j - i - 1);
}

/// Rows in double, each as a (sorted index, value) list: the one layout both metrics scan.
struct distance_rows {
  std::size_t n = 0;
  bool sparse = false;
  Eigen::MatrixXd dense;                                // sparse == false: one COLUMN per row of x
  Eigen::SparseMatrix<double, Eigen::RowMajor> rows;    // sparse == true
  std::vector<double> norms;                            // cosine only
};

template <class Matrix>
distance_rows prepare_distance_rows(const Matrix& x, distance_metric metric, const char* caller) {
  distance_rows out;
  if constexpr (std::is_base_of_v<Eigen::SparseMatrixBase<Matrix>, Matrix>) {
    out.sparse = true;
    out.rows = x.template cast<double>();
    out.rows.makeCompressed();
    out.n = static_cast<std::size_t>(out.rows.rows());
  } else {
    out.dense = x.template cast<double>().transpose();  // contiguous documents
    out.n = static_cast<std::size_t>(out.dense.cols());
  }
  if (out.n == 0)
    throw invalid_argument("distance", 1, caller, "the matrix has no rows", "pass at least one document");
  if (metric == distance_metric::cosine) out.norms.resize(out.n);
  for (std::size_t i = 0; i < out.n; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    const double squared = out.sparse ? out.rows.row(row).squaredNorm() : out.dense.col(row).squaredNorm();
    if (!std::isfinite(squared))
      throw invalid_argument("distance", 2, caller,
                             "row " + std::to_string(i) + " holds a NaN or infinite value",
                             "clean the input matrix");
    if (metric == distance_metric::cosine) {
      if (squared == 0)
        throw invalid_argument("distance", 3, caller,
                               "row " + std::to_string(i) + " is all zeros, so it has no cosine distance",
                               "drop empty documents first, or use distance_metric::euclidean");
      out.norms[i] = std::sqrt(squared);
    }
  }
  return out;
}

inline double sparse_dot(const Eigen::SparseMatrix<double, Eigen::RowMajor>& m, Eigen::Index a, Eigen::Index b) {
  const auto* outer = m.outerIndexPtr();
  const auto* inner = m.innerIndexPtr();
  const double* values = m.valuePtr();
  auto p = outer[a], pe = outer[a + 1], q = outer[b], qe = outer[b + 1];
  double sum = 0;
  while (p < pe && q < qe) {
    if (inner[p] < inner[q]) ++p;
    else if (inner[q] < inner[p]) ++q;
    else sum += values[p++] * values[q++];
  }
  return sum;
}

inline double sparse_squared_difference(const Eigen::SparseMatrix<double, Eigen::RowMajor>& m, Eigen::Index a,
                                        Eigen::Index b) {
  const auto* outer = m.outerIndexPtr();
  const auto* inner = m.innerIndexPtr();
  const double* values = m.valuePtr();
  auto p = outer[a], pe = outer[a + 1], q = outer[b], qe = outer[b + 1];
  double sum = 0;
  while (p < pe || q < qe) {
    double diff = 0;
    if (q >= qe || (p < pe && inner[p] < inner[q])) diff = values[p++];
    else if (p >= pe || inner[q] < inner[p]) diff = -values[q++];
    else diff = values[p++] - values[q++];
    sum += diff * diff;
  }
  return sum;
}

/// Distance between rows a and b of prepared rows.
inline double row_distance(const distance_rows& r, distance_metric metric, std::size_t a, std::size_t b) {
  const auto ia = static_cast<Eigen::Index>(a), ib = static_cast<Eigen::Index>(b);
  if (metric == distance_metric::euclidean) {
    const double squared = r.sparse ? sparse_squared_difference(r.rows, ia, ib)
                                    : (r.dense.col(ia) - r.dense.col(ib)).squaredNorm();
    return std::sqrt(squared);
  }
  const double dot = r.sparse ? sparse_dot(r.rows, ia, ib) : r.dense.col(ia).dot(r.dense.col(ib));
  const double cosine = std::clamp(dot / (r.norms[a] * r.norms[b]), -1.0, 1.0);
  return 1.0 - cosine;
}

/// Calls `emit(i, j, d)` for every pair i < j, rows split over threads in fixed chunks.
template <class Emit>
void for_each_distance(const distance_rows& r, distance_metric metric, std::size_t threads, Emit&& emit) {
  constexpr std::size_t rows_per_chunk = 32;
  const std::size_t chunks = (r.n + rows_per_chunk - 1) / rows_per_chunk;
  for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t) {
    const std::size_t end = std::min(r.n, (chunk + 1) * rows_per_chunk);
    for (std::size_t i = chunk * rows_per_chunk; i < end; ++i)
      for (std::size_t j = i + 1; j < r.n; ++j) emit(i, j, row_distance(r, metric, i, j));
  });
}

}  // namespace detail

/// The condensed distance vector of the rows of `x` (SciPy `pdist` order), N·(N − 1)/2 values.
/// @throws invalid_argument [plansim.distance.1] no rows, [.2] a NaN/infinite value,
///         [.3] an all-zero row under the cosine metric (the message names the row).
template <class Matrix>
std::vector<double> condensed_distances(const Matrix& x, distance_metric metric, std::size_t threads = 1) {
  const detail::distance_rows rows = detail::prepare_distance_rows(x, metric, "condensed_distances");
  std::vector<double> out(rows.n * (rows.n - 1) / 2);
  detail::for_each_distance(rows, metric, threads, [&](std::size_t i, std::size_t j, double d) {
    out[detail::condensed_index(rows.n, i, j)] = d;
  });
  return out;
}

/// The symmetric N × N distance matrix of the rows of `x`, zero on the diagonal.
/// @throws as condensed_distances.
template <class Matrix>
Eigen::MatrixXd distance_matrix(const Matrix& x, distance_metric metric, std::size_t threads = 1) {
  const detail::distance_rows rows = detail::prepare_distance_rows(x, metric, "distance_matrix");
  const auto n = static_cast<Eigen::Index>(rows.n);
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(n, n);
  detail::for_each_distance(rows, metric, threads, [&](std::size_t i, std::size_t j, double d) {
    out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = d;  // each chunk: its own rows i
    out(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = d;  // and so its own cells (j, i)
  });
  return out;
}

}  // namespace plansim
