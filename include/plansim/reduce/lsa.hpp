#pragma once
/// @file
/// Latent semantic analysis: a truncated SVD of the weighted document–term matrix, X ≈ U S Vᵀ,
/// giving each document D coordinates (U S) in place of one weight per term.
///
/// **Algorithm.** The randomized range finder with power iterations of Halko, Martinsson and
/// Tropp, "Finding structure with randomness", SIAM Review 53(2), 2011 (Algorithms 4.4 and 5.1):
///
///     Ω  = terms × ℓ standard normal matrix,   ℓ = min(D + oversamples, N, terms)
///     Q  = orth(X Ω)
///     repeat power_iterations times:  Q = orth(X orth(Xᵀ Q))     (QR between every product)
///     B  = Qᵀ X  (ℓ × terms);   B = Ũ S Vᵀ (dense SVD);   U = Q Ũ
///
/// keeping the first D singular triplets. Power iterations sharpen the spectrum (error factor
/// (σ_{ℓ+1}/σ_D)^(2q+1)); when ℓ reaches min(N, terms) the result is the exact SVD up to rounding.
/// Ω comes from splitmix64 and Box–Muller (detail/random.hpp), so a seed gives the same result on
/// every compiler. Sparse products run over fixed row chunks (Xᵀ is built once as a row-major
/// copy), so the result is bit-identical for any thread count.
///
/// **Outputs**, as scikit-learn's TruncatedSVD defines them:
///   embedding = U S (fit_transform), singular_values = S descending, components = Vᵀ (D × terms),
///   explained_variance[d] = population variance of embedding column d,
///   explained_variance_ratio[d] = explained_variance[d] / Σ_t var(X_·t)  (X uncentred, as LSA).
///
/// **Signs.** Singular vectors are defined up to sign. plansim makes the entry of largest
/// absolute value in each component (row of Vᵀ) positive, the first such entry on ties, and flips
/// the matching column of U with it (scikit-learn ≥ 1.5 uses the same rule; older releases fixed
/// the sign on U instead).
///
/// Errors (`[plansim.reduce.n]`): dimensions 0 or above min(N, terms) 1; NaN or infinity 2; an
/// empty matrix 3.

#include <Eigen/Core>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "plansim/detail/parallel.hpp"
#include "plansim/detail/random.hpp"
#include "plansim/error.hpp"
#include "plansim/weighting/tf_idf.hpp"

namespace plansim {

struct lsa_options {
  /// D, the number of dimensions kept.
  std::size_t dimensions = 100;
  /// Extra random directions sampled beyond D (ℓ = D + oversamples).
  std::size_t oversamples = 10;
  /// Power iterations q; 4 suits slowly decaying text spectra.
  std::size_t power_iterations = 4;
  std::uint64_t seed = 0;
  std::size_t threads = 1;
};

struct lsa_result {
  /// N × D: U S (as scikit-learn's TruncatedSVD.transform).
  Eigen::MatrixXd embedding;
  /// D, descending.
  Eigen::VectorXd singular_values;
  /// D × terms (Vᵀ), sign fixed as the file comment says.
  Eigen::MatrixXd components;
  Eigen::VectorXd explained_variance, explained_variance_ratio;
};

namespace detail {

using row_major_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A · B for row-major sparse A and dense B, one fixed chunk of A's rows per task.
inline row_major_matrix sparse_times_dense(const weight_matrix<double>& a, const row_major_matrix& b, std::size_t threads) {
  row_major_matrix out = row_major_matrix::Zero(a.rows(), b.cols());
  constexpr std::size_t chunk_rows = 256;
  const auto n = static_cast<std::size_t>(a.rows());
  const std::size_t chunks = (n + chunk_rows - 1) / chunk_rows;
  for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t) {
    for (std::size_t i = chunk * chunk_rows; i < std::min(n, (chunk + 1) * chunk_rows); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      for (weight_matrix<double>::InnerIterator it(a, row); it; ++it) out.row(row).noalias() += it.value() * b.row(it.col());
    }
  });
  return out;
}

/// An orthonormal basis of the columns of y (thin Householder Q).
inline row_major_matrix orthonormal_basis(const row_major_matrix& y) {
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(y);
  return qr.householderQ() * Eigen::MatrixXd::Identity(y.rows(), y.cols());
}

}  // namespace detail

/// LSA of the rows of `x` (see the file comment).
template <class Scalar>
lsa_result lsa(const weight_matrix<Scalar>& x, const lsa_options& options = {}) {
  const char* caller = "lsa";
  const auto n = static_cast<std::size_t>(x.rows()), terms = static_cast<std::size_t>(x.cols());
  if (n == 0 || terms == 0)
    throw invalid_argument("reduce", 3, caller,
                           "the matrix is empty (" + std::to_string(n) + " rows, " + std::to_string(terms) + " columns)",
                           "reduce at least one document with at least one term");
  const std::size_t most = std::min(n, terms);
  if (options.dimensions < 1 || options.dimensions > most)
    throw invalid_argument("reduce", 1, caller,
                           "dimensions = " + std::to_string(options.dimensions) + " is outside 1.." + std::to_string(most) +
                               " (the smaller of " + std::to_string(n) + " documents and " + std::to_string(terms) + " terms)",
                           "ask for at least 1 and at most min(documents, terms) dimensions");
  weight_matrix<double> a = x.template cast<double>();
  a.makeCompressed();
  for (Eigen::Index p = 0; p < a.nonZeros(); ++p)
    if (!std::isfinite(a.valuePtr()[p])) {
      const auto row = static_cast<std::size_t>(std::upper_bound(a.outerIndexPtr(), a.outerIndexPtr() + a.rows() + 1, p) -
                                                a.outerIndexPtr() - 1);
      throw data_error("reduce", 2, caller, "row " + std::to_string(row) + " holds NaN or infinity",
                       "clean or drop that document's vector first");
    }
  const weight_matrix<double> at = a.transpose();
  const std::size_t d = options.dimensions;
  const std::size_t l = std::min(d + options.oversamples, most);
  const auto L = static_cast<Eigen::Index>(l);

  detail::splitmix64 rng(options.seed);
  detail::row_major_matrix omega(static_cast<Eigen::Index>(terms), L);
  for (Eigen::Index j = 0; j < L; ++j)
    for (Eigen::Index t = 0; t < omega.rows(); ++t) omega(t, j) = rng.normal();

  detail::row_major_matrix q = detail::orthonormal_basis(detail::sparse_times_dense(a, omega, options.threads));
  for (std::size_t iteration = 0; iteration < options.power_iterations; ++iteration) {
    const detail::row_major_matrix z = detail::orthonormal_basis(detail::sparse_times_dense(at, q, options.threads));
    q = detail::orthonormal_basis(detail::sparse_times_dense(a, z, options.threads));
  }
  // Bᵀ = Xᵀ Q (terms × ℓ) = V S Ũᵀ, so B's right singular vectors V are Bᵀ's left ones.
  const Eigen::MatrixXd bt = detail::sparse_times_dense(at, q, options.threads);
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(bt, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const auto D = static_cast<Eigen::Index>(d);
  lsa_result out;
  out.singular_values = svd.singularValues().head(D);
  out.components = svd.matrixU().leftCols(D).transpose();
  Eigen::MatrixXd u = Eigen::MatrixXd(q) * svd.matrixV().leftCols(D);
  for (Eigen::Index c = 0; c < D; ++c) {
    Eigen::Index at_max = 0;
    const double biggest = out.components.row(c).cwiseAbs().maxCoeff();
    for (Eigen::Index t = 0; t < out.components.cols(); ++t)
      if (std::abs(out.components(c, t)) == biggest) {
        at_max = t;
        break;
      }
    if (out.components(c, at_max) < 0) {
      out.components.row(c) *= -1.0;
      u.col(c) *= -1.0;
    }
  }
  out.embedding = u * out.singular_values.asDiagonal();
  const double rows = static_cast<double>(n);
  out.explained_variance.resize(D);
  for (Eigen::Index c = 0; c < D; ++c) {
    const double mean = out.embedding.col(c).mean();
    out.explained_variance[c] = (out.embedding.col(c).array() - mean).square().sum() / rows;
  }
  // Σ_t var(X_·t), two passes per column for accuracy: Σ (x − mean)² including implicit zeros.
  Eigen::VectorXd column_sum = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(terms));
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (weight_matrix<double>::InnerIterator it(a, i); it; ++it) column_sum[it.col()] += it.value();
  double total = 0.0;
  {
    Eigen::VectorXd mean = column_sum / rows;
    Eigen::VectorXd deviation = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(terms));
    Eigen::VectorXi stored = Eigen::VectorXi::Zero(static_cast<Eigen::Index>(terms));
    for (Eigen::Index i = 0; i < a.rows(); ++i)
      for (weight_matrix<double>::InnerIterator it(a, i); it; ++it) {
        deviation[it.col()] += (it.value() - mean[it.col()]) * (it.value() - mean[it.col()]);
        ++stored[it.col()];
      }
    for (Eigen::Index t = 0; t < mean.size(); ++t) total += (deviation[t] + (rows - stored[t]) * mean[t] * mean[t]) / rows;
  }
  out.explained_variance_ratio = total > 0.0 ? Eigen::VectorXd(out.explained_variance / total)
                                             : Eigen::VectorXd(Eigen::VectorXd::Zero(D));
  return out;
}

}  // namespace plansim
