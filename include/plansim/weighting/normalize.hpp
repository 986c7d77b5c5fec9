#pragma once
/// @file
/// Row normalisation of a document-term matrix (documents are rows).
///
/// `l2` divides each row by sqrt(Σ w²), so the dot product of two rows is their cosine;
/// `l1` divides by Σ |w|, turning non-negative rows into distributions. A row of zeros (an empty
/// document) stays zero: no division by zero, no NaN.

#include <Eigen/SparseCore>

#include <cmath>

namespace plansim {

enum class norm { none, l1, l2 };

/// Normalises every row of `matrix` in place.
template <class Scalar, int Options, class StorageIndex>
void normalize_rows(Eigen::SparseMatrix<Scalar, Options, StorageIndex>& matrix, norm kind) {
  static_assert(Options & Eigen::RowMajor, "normalize_rows expects a row-major matrix (documents are rows)");
  if (kind == norm::none) return;
  using matrix_type = Eigen::SparseMatrix<Scalar, Options, StorageIndex>;
  for (Eigen::Index r = 0; r < matrix.outerSize(); ++r) {
    double total = 0.0;  // accumulate in double: rows can hold thousands of terms
    for (typename matrix_type::InnerIterator it(matrix, r); it; ++it) {
      const double v = static_cast<double>(it.value());
      total += kind == norm::l1 ? std::abs(v) : v * v;
    }
    if (total == 0.0) continue;
    const double divisor = kind == norm::l1 ? total : std::sqrt(total);  // divide, as scikit-learn does
    for (typename matrix_type::InnerIterator it(matrix, r); it; ++it)
      it.valueRef() = static_cast<Scalar>(static_cast<double>(it.value()) / divisor);
  }
}

}  // namespace plansim
