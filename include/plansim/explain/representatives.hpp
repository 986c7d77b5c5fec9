#pragma once
/// @file
/// Representative documents of each cluster: the members most like the rest of their cluster.
///
/// A member's typicality is its mean cosine similarity to the other members,
///
///     typicality(i) = (1 / (n - 1)) Σ_{j in cluster, j ≠ i} cos(x_i, x_j)
///
/// and the medoid (under cosine distance) is the member with the highest typicality. With unit
/// rows u_i and S = Σ_j u_j this is (u_i · S - 1) / (n - 1), so all members are scored in
/// O(nnz) rather than O(n²) pairs. A zero row has similarity 0 to everything.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "plansim/explain/cluster_terms.hpp"

namespace plansim {

/// One representative document and how typical of its cluster it is.
struct representative {
  std::size_t document = 0;
  /// Mean cosine similarity to the other members; 1 for a cluster of one.
  double typicality = 0;
  friend bool operator==(const representative&, const representative&) = default;
};

namespace detail {

template <class Derived>
double row_norm(const Eigen::SparseMatrixBase<Derived>& x, Eigen::Index row) {
  return x.derived().row(row).norm();
}
template <class Derived>
double row_norm(const Eigen::MatrixBase<Derived>& x, Eigen::Index row) {
  return static_cast<double>(x.derived().row(row).norm());
}

template <class Derived>
void add_unit_row(const Eigen::SparseMatrixBase<Derived>& x, Eigen::Index row, double scale, Eigen::VectorXd& sum) {
  for (typename Derived::InnerIterator it(x.derived(), row); it; ++it) sum[it.col()] += scale * static_cast<double>(it.value());
}
template <class Derived>
void add_unit_row(const Eigen::MatrixBase<Derived>& x, Eigen::Index row, double scale, Eigen::VectorXd& sum) {
  sum += scale * x.derived().row(row).transpose().template cast<double>();
}

template <class Derived>
double dot_row(const Eigen::SparseMatrixBase<Derived>& x, Eigen::Index row, const Eigen::VectorXd& v) {
  double s = 0;
  for (typename Derived::InnerIterator it(x.derived(), row); it; ++it) s += static_cast<double>(it.value()) * v[it.col()];
  return s;
}
template <class Derived>
double dot_row(const Eigen::MatrixBase<Derived>& x, Eigen::Index row, const Eigen::VectorXd& v) {
  return x.derived().row(row).template cast<double>().dot(v.transpose());
}

}  // namespace detail

/// For each cluster, up to `count` members, most typical first (ties by document id). Rows of
/// `x` are documents (a weighted sparse matrix such as weigh's output, or dense embeddings);
/// `x` must be row-major when sparse.
/// @throws dimension_mismatch [plansim.explain.1], invalid_argument [plansim.explain.2] for labels
template <class Matrix>
[[nodiscard]] std::vector<std::vector<representative>> representatives(const Matrix& x, std::span<const int> labels,
                                                                      std::size_t count = 3) {
  if constexpr (std::is_base_of_v<Eigen::SparseMatrixBase<Matrix>, Matrix>) {
    static_assert(Matrix::IsRowMajor, "representatives: give a row-major sparse matrix (documents as rows)");
  }
  const auto rows = static_cast<std::size_t>(x.rows());
  const std::size_t clusters = detail::check_cluster_labels(labels, rows, "representatives");
  std::vector<double> inverse_norm(rows, 0.0);
  std::vector<Eigen::VectorXd> sums(clusters, Eigen::VectorXd::Zero(x.cols()));
  std::vector<std::size_t> sizes(clusters, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    const double norm = detail::row_norm(x, static_cast<Eigen::Index>(i));
    inverse_norm[i] = norm > 0 ? 1.0 / norm : 0.0;
    const auto k = static_cast<std::size_t>(labels[i]);
    ++sizes[k];
    if (norm > 0) detail::add_unit_row(x, static_cast<Eigen::Index>(i), inverse_norm[i], sums[k]);
  }
  std::vector<std::vector<representative>> result(clusters);
  for (std::size_t i = 0; i < rows; ++i) {
    const auto k = static_cast<std::size_t>(labels[i]);
    const double n = static_cast<double>(sizes[k]);
    double typicality = 1.0;
    if (sizes[k] > 1) {
      // u_i · S counts u_i · u_i = 1 (or 0 for a zero row) once too many.
      const double self = inverse_norm[i] > 0 ? 1.0 : 0.0;
      typicality = (detail::dot_row(x, static_cast<Eigen::Index>(i), sums[k]) * inverse_norm[i] - self) / (n - 1.0);
    }
    result[k].push_back({i, typicality});
  }
  for (auto& list : result) {
    const auto n = std::min(count, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n), list.end(),
                      [](const representative& a, const representative& b) {
                        return a.typicality != b.typicality ? a.typicality > b.typicality : a.document < b.document;
                      });
    list.resize(n);
  }
  return result;
}

/// The medoid of each cluster under cosine distance (its most typical member); an empty cluster
/// gets `labels.size()`.
template <class Matrix>
[[nodiscard]] std::vector<std::size_t> medoids(const Matrix& x, std::span<const int> labels) {
  const auto lists = representatives(x, labels, 1);
  std::vector<std::size_t> result;
  result.reserve(lists.size());
  for (const auto& list : lists) result.push_back(list.empty() ? labels.size() : list.front().document);
  return result;
}

}  // namespace plansim
