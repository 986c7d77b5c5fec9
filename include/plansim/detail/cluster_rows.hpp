#pragma once
/// @file
/// One read-only view of "documents as rows" for the clustering code, whether they come as a
/// sparse row-major matrix (a weight_matrix<float/double>) or a dense Eigen matrix. Not API.
///
/// The view keeps a reference to sparse input (no copy) and copies dense input once into a
/// row-major double matrix. Every row may carry a scale factor (1/‖x‖ for spherical k-means and
/// cosine distances), applied on the fly so normalising never copies the data.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "plansim/error.hpp"

namespace plansim::detail {

/// Sparse rows (CSR through Eigen's row-major storage, compressed or not).
template <class Scalar, class Index>
class cluster_sparse_rows {
 public:
  using matrix_type = Eigen::SparseMatrix<Scalar, Eigen::RowMajor, Index>;
  explicit cluster_sparse_rows(const matrix_type& m) : m_(m) {}

  [[nodiscard]] std::size_t rows() const noexcept { return static_cast<std::size_t>(m_.rows()); }
  [[nodiscard]] std::size_t cols() const noexcept { return static_cast<std::size_t>(m_.cols()); }

  /// Calls f(column, value) for each stored entry of row i, in column order.
  template <class F>
  void for_each(std::size_t i, F&& f) const {
    const auto& outer = m_.outerIndexPtr();
    const Index* inner = m_.innerIndexPtr();
    const Scalar* value = m_.valuePtr();
    const Index begin = outer[i];
    const Index end = m_.isCompressed() ? outer[i + 1] : begin + m_.innerNonZeroPtr()[i];
    for (Index p = begin; p < end; ++p) f(static_cast<std::size_t>(inner[p]), static_cast<double>(value[p]));
  }

 private:
  const matrix_type& m_;
};

/// Dense rows, copied once into row-major doubles.
class cluster_dense_rows {
 public:
  template <class Derived>
  explicit cluster_dense_rows(const Eigen::MatrixBase<Derived>& m) : m_(m.template cast<double>()) {}

  [[nodiscard]] std::size_t rows() const noexcept { return static_cast<std::size_t>(m_.rows()); }
  [[nodiscard]] std::size_t cols() const noexcept { return static_cast<std::size_t>(m_.cols()); }

  template <class F>
  void for_each(std::size_t i, F&& f) const {
    const double* row = m_.data() + i * cols();
    const std::size_t d = cols();
    for (std::size_t j = 0; j < d; ++j) f(j, row[j]);
  }

 private:
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> m_;
};

template <class Scalar, int Options, class Index>
cluster_sparse_rows<Scalar, Index> make_rows(const Eigen::SparseMatrix<Scalar, Options, Index>& m) {
  static_assert(Options & Eigen::RowMajor,
                "plansim clustering takes documents as rows of a RowMajor sparse matrix (weight_matrix<Scalar>)");
  return cluster_sparse_rows<Scalar, Index>(m);
}

template <class Derived>
cluster_dense_rows make_rows(const Eigen::MatrixBase<Derived>& m) {
  return cluster_dense_rows(m);
}

/// Rows with a per-row scale (empty = all 1) and cached squared norms of the scaled rows.
template <class Rows>
struct scaled_rows {
  Rows rows;
  std::vector<double> scale;         // empty, or one factor per row
  std::vector<double> squared_norm;  // of the scaled rows

  [[nodiscard]] std::size_t size() const noexcept { return rows.rows(); }
  [[nodiscard]] std::size_t dims() const noexcept { return rows.cols(); }
  [[nodiscard]] double factor(std::size_t i) const noexcept { return scale.empty() ? 1.0 : scale[i]; }

  /// Calls f(column, scaled value) for row i.
  template <class F>
  void for_each(std::size_t i, F&& f) const {
    const double s = factor(i);
    rows.for_each(i, [&](std::size_t j, double v) { f(j, v * s); });
  }
};

/// Squared norms of the raw rows; throws data_error naming the first row with NaN or infinity.
template <class Rows>
std::vector<double> checked_squared_norms(const Rows& rows, std::string_view module, int number,
                                          std::string_view caller) {
  std::vector<double> out(rows.rows(), 0.0);
  for (std::size_t i = 0; i < rows.rows(); ++i) {
    double sum = 0.0;
    bool finite = true;
    rows.for_each(i, [&](std::size_t, double v) {
      finite = finite && std::isfinite(v);
      sum += v * v;
    });
    if (!finite)
      throw data_error(module, number, caller, "row " + std::to_string(i) + " holds NaN or infinity",
                       "clean or drop that document's vector before clustering");
    out[i] = sum;
  }
  return out;
}

/// The rows of `m` with NaN/infinity checked; with `unit` true each row is scaled to length 1 and
/// an all-zero row is rejected with data_error `[module.zero_number]` naming the row.
template <class Matrix>
auto prepare_rows(const Matrix& m, bool unit, std::string_view module, int nan_number, int zero_number,
                  std::string_view caller) {
  auto rows = make_rows(m);
  using rows_type = decltype(rows);
  scaled_rows<rows_type> out{std::move(rows), {}, {}};
  out.squared_norm = checked_squared_norms(out.rows, module, nan_number, caller);
  if (unit) {
    out.scale.resize(out.squared_norm.size());
    for (std::size_t i = 0; i < out.squared_norm.size(); ++i) {
      if (!(out.squared_norm[i] > 0.0))
        throw data_error(module, zero_number, caller,
                         "row " + std::to_string(i) + " is all zeros, so it has no direction for cosine",
                         "drop empty documents (or ones whose terms were all pruned) before clustering by cosine");
      out.scale[i] = 1.0 / std::sqrt(out.squared_norm[i]);
      out.squared_norm[i] = 1.0;
    }
  }
  return out;
}

/// Population variance of each column, averaged over columns (NumPy's np.var(X, axis=0).mean()),
/// on the scaled rows. Two passes for accuracy: column means, then squared deviations, with the
/// implicit zeros of sparse rows counted.
template <class Rows>
double mean_column_variance(const scaled_rows<Rows>& x) {
  const std::size_t n = x.size(), d = x.dims();
  if (n == 0 || d == 0) return 0.0;
  std::vector<double> mean(d, 0.0);
  for (std::size_t i = 0; i < n; ++i) x.for_each(i, [&](std::size_t j, double v) { mean[j] += v; });
  for (double& m : mean) m /= static_cast<double>(n);
  // sum_i (x_ij - m_j)^2 = sum over stored (x - m)^2 + (n - stored_j) m_j^2
  std::vector<double> sum(d, 0.0);
  std::vector<std::size_t> stored(d, 0);
  for (std::size_t i = 0; i < n; ++i)
    x.for_each(i, [&](std::size_t j, double v) {
      sum[j] += (v - mean[j]) * (v - mean[j]);
      ++stored[j];
    });
  double total = 0.0;
  for (std::size_t j = 0; j < d; ++j)
    total += (sum[j] + static_cast<double>(n - stored[j]) * mean[j] * mean[j]) / static_cast<double>(n);
  return total / static_cast<double>(d);
}

}  // namespace plansim::detail
