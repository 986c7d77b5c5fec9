#pragma once
/// @file
/// The full similarity (or distance) matrix, for SMALL inputs: an Nq × N dense result.
///
///     Eigen::MatrixXd s = plansim::pairwise(x);                            // cosine, N × N
///     Eigen::MatrixXf d = plansim::pairwise(q, x, plansim::measure::euclidean);
///
/// Entry (i, j) is the measure of row i against row j with the formulas of measures.hpp. For X
/// against itself the upper triangle is computed and mirrored, so the result is exactly
/// symmetric. Memory O(Nq·N): for large N use top_k or threshold (sparse_kernel.hpp,
/// dense_kernel.hpp), which never hold the whole matrix. Products come from Eigen's sparse or
/// dense product; Jensen–Shannon takes its own O(nnz) pass per pair.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <string_view>
#include <type_traits>

#include "plansim/detail/similarity_rows.hpp"
#include "plansim/similarity/dense_kernel.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/sparse_kernel.hpp"

namespace plansim {

template <class Scalar>
using similarity_matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

namespace detail {

template <class Prepared>
similarity_matrix<typename decltype(Prepared::rows)::Scalar> finish_matrix(const Prepared& q, const Prepared& x, bool self,
                                                                          measure m) {
  using Scalar = typename decltype(Prepared::rows)::Scalar;
  const Eigen::Index nq = q.rows.rows(), nx = x.rows.rows();
  similarity_matrix<Scalar> out(nq, nx);
  if (m == measure::jensen_shannon) {
    for (Eigen::Index i = 0; i < nq; ++i)
      for (Eigen::Index j = self ? i : 0; j < nx; ++j)
        out(i, j) = static_cast<Scalar>(js_distance(js_divergence(q.rows, i, x.rows, j),
                                                    q.stats[static_cast<std::size_t>(i)].sum > 0.0,
                                                    x.stats[static_cast<std::size_t>(j)].sum > 0.0));
  } else {
    similarity_matrix<Scalar> products;
    if constexpr (std::is_same_v<Prepared, prepared_sparse<Scalar>>) {
      const sparse_rows<Scalar> product = q.rows * x.rows.transpose();
      products = product.toDense();
    } else {
      products.noalias() = q.rows * x.rows.transpose();
    }
    const auto columns = static_cast<double>(x.rows.cols());
    for (Eigen::Index i = 0; i < nq; ++i)
      for (Eigen::Index j = self ? i : 0; j < nx; ++j)
        out(i, j) = static_cast<Scalar>(finish(m, static_cast<double>(products(i, j)), q.stats[static_cast<std::size_t>(i)],
                                               x.stats[static_cast<std::size_t>(j)], columns));
  }
  if (self)
    for (Eigen::Index i = 0; i < nq; ++i)
      for (Eigen::Index j = 0; j < i; ++j) out(i, j) = out(j, i);
  return out;
}

}  // namespace detail

/// The N × N matrix of `m` between the rows of the sparse matrix `x` (exactly symmetric).
template <class Derived>
similarity_matrix<typename Derived::Scalar> pairwise(const Eigen::SparseMatrixBase<Derived>& x,
                                                     measure m = measure::cosine) {
  const auto p = detail::prepare(x, m, "pairwise");
  return detail::finish_matrix(p, p, true, m);
}

/// The Nq × N matrix of `m` between the rows of `q` and the rows of `x`.
/// @throws dimension_mismatch `[plansim.similarity.3]` when the column counts differ.
template <class DerivedQ, class DerivedX>
similarity_matrix<typename DerivedX::Scalar> pairwise(const Eigen::SparseMatrixBase<DerivedQ>& q,
                                                      const Eigen::SparseMatrixBase<DerivedX>& x,
                                                      measure m = measure::cosine) {
  detail::check_columns(q.cols(), x.cols(), "pairwise");
  return detail::finish_matrix(detail::prepare(q, m, "pairwise"), detail::prepare(x, m, "pairwise"), false, m);
}

/// The N × N matrix of `m` between the rows of the dense matrix `x` (exactly symmetric).
template <class Derived>
similarity_matrix<typename Derived::Scalar> pairwise(const Eigen::MatrixBase<Derived>& x, measure m = measure::cosine) {
  const auto p = detail::prepare(x, m, "pairwise");
  return detail::finish_matrix(p, p, true, m);
}

/// The Nq × N matrix of `m` between the rows of the dense matrices `q` and `x`.
template <class DerivedQ, class DerivedX>
similarity_matrix<typename DerivedX::Scalar> pairwise(const Eigen::MatrixBase<DerivedQ>& q,
                                                      const Eigen::MatrixBase<DerivedX>& x,
                                                      measure m = measure::cosine) {
  detail::check_columns(q.cols(), x.cols(), "pairwise");
  return detail::finish_matrix(detail::prepare(q, m, "pairwise"), detail::prepare(x, m, "pairwise"), false, m);
}

}  // namespace plansim
