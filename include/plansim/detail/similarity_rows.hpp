#pragma once
/// @file
/// Rows transformed for a measure (measures.hpp, column "rows used") and their statistics, for
/// sparse and dense inputs, plus the argument checks every similarity function shares. Not API.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim::detail {

template <class Scalar>
using sparse_rows = Eigen::SparseMatrix<Scalar, Eigen::RowMajor, int>;
template <class Scalar>
using dense_rows = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class Scalar>
constexpr void check_scalar() {
  static_assert(std::is_same_v<Scalar, float> || std::is_same_v<Scalar, double>,
                "plansim similarity works on float or double matrices");
}

// Statistics of one raw row from its values, in double; throws for values the measure rejects.
template <class Values>
row_stat raw_stat(measure m, const Values& values, Eigen::Index row, std::string_view caller) {
  row_stat stat;
  for (const auto value : values) {
    const double v = static_cast<double>(value);
    if (!std::isfinite(v))
      throw invalid_argument("similarity", 5, caller,
                             "row " + std::to_string(row) + " holds a non-finite value (" + format_number(v) + ")",
                             "remove NaN and infinite weights before comparing documents");
    if (v < 0.0 && (m == measure::hellinger || m == measure::jensen_shannon))
      throw invalid_argument("similarity", 5, caller,
                             std::string(measure_name(m)) + " needs non-negative rows, but row " + std::to_string(row) +
                                 " holds " + format_number(v),
                             "use counts or probabilities");
    stat.squares += v * v;
    stat.sum += v;
  }
  return stat;
}

// Transforms one row's values in place and returns the statistics `finish` needs.
template <class Scalar, class Values>
row_stat transform_row(measure m, Values&& values, row_stat raw) {
  switch (m) {
    case measure::cosine: {
      if (raw.squares > 0.0) {
        const double norm = std::sqrt(raw.squares);
        for (auto& v : values) v = static_cast<Scalar>(static_cast<double>(v) / norm);
      }
      return {raw.squares > 0.0 ? 1.0 : 0.0, 0.0};
    }
    case measure::jaccard: {
      double count = 0.0;
      for (auto& v : values) {
        v = v != Scalar(0) ? Scalar(1) : Scalar(0);
        count += static_cast<double>(v);
      }
      return {count, count};
    }
    case measure::hellinger:
    case measure::jensen_shannon: {
      if (raw.sum > 0.0)
        for (auto& v : values) {
          const double p = static_cast<double>(v) / raw.sum;
          v = static_cast<Scalar>(m == measure::hellinger ? std::sqrt(p) : p);
        }
      return {0.0, raw.sum > 0.0 ? 1.0 : 0.0};
    }
    default: return raw;
  }
}

template <class Scalar>
struct prepared_sparse {
  sparse_rows<Scalar> rows;
  std::vector<row_stat> stats;
};

template <class Scalar>
struct prepared_dense {
  dense_rows<Scalar> rows;
  std::vector<row_stat> stats;
};

template <class Derived>
prepared_sparse<typename Derived::Scalar> prepare(const Eigen::SparseMatrixBase<Derived>& x, measure m,
                                                  std::string_view caller) {
  using Scalar = typename Derived::Scalar;
  check_scalar<Scalar>();
  prepared_sparse<Scalar> out;
  out.rows = x.derived();
  out.rows.makeCompressed();
  out.stats.resize(static_cast<std::size_t>(out.rows.rows()));
  const int* outer = out.rows.outerIndexPtr();
  for (Eigen::Index r = 0; r < out.rows.rows(); ++r) {
    auto span = std::span<Scalar>(out.rows.valuePtr() + outer[r], static_cast<std::size_t>(outer[r + 1] - outer[r]));
    out.stats[static_cast<std::size_t>(r)] = transform_row<Scalar>(m, span, raw_stat(m, span, r, caller));
  }
  return out;
}

template <class Derived>
prepared_dense<typename Derived::Scalar> prepare(const Eigen::MatrixBase<Derived>& x, measure m, std::string_view caller) {
  using Scalar = typename Derived::Scalar;
  check_scalar<Scalar>();
  prepared_dense<Scalar> out;
  out.rows = x.derived();
  out.stats.resize(static_cast<std::size_t>(out.rows.rows()));
  const auto cols = static_cast<std::size_t>(out.rows.cols());
  for (Eigen::Index r = 0; r < out.rows.rows(); ++r) {
    auto span = std::span<Scalar>(out.rows.data() + r * out.rows.cols(), cols);
    out.stats[static_cast<std::size_t>(r)] = transform_row<Scalar>(m, span, raw_stat(m, span, r, caller));
  }
  return out;
}

// Key for ordering: larger is better, so distances are negated (exact in floating point).
template <class Scalar>
constexpr Scalar to_key(measure m, Scalar score) noexcept {
  return is_distance(m) ? -score : score;
}

// The key of cosine and dot straight from the product (cosine is clamped to [-1, 1], as in
// `finish`): a candidate whose key is below a sink's bar is certainly dropped, in any order.
template <class Scalar>
constexpr Scalar raw_key_of(measure m, Scalar product) noexcept {
  return m == measure::cosine ? std::clamp(product, Scalar(-1), Scalar(1)) : product;
}

inline void check_k(Eigen::Index k, std::string_view caller) {
  if (k <= 0)
    throw invalid_argument("similarity", 1, caller, "k = " + std::to_string(k) + " is not positive",
                           "ask for at least one neighbour");
}

inline void check_threshold(measure m, double t, std::string_view caller) {
  if (std::isnan(t))
    throw invalid_argument("similarity", 2, caller, "the threshold is NaN", "give a number");
  const auto range = valid_thresholds(m);
  if (t < range.low || t > range.high) {
    std::string bounds = "[" + format_number(range.low) + ", " + format_number(range.high) + "]";
    throw invalid_argument("similarity", 2, caller,
                           "threshold " + format_number(t) + " is outside " + bounds + " for " +
                               std::string(measure_name(m)),
                           "give a threshold in " + bounds);
  }
}

inline void check_columns(Eigen::Index query_columns, Eigen::Index document_columns, std::string_view caller) {
  if (query_columns != document_columns)
    throw dimension_mismatch("similarity", 3, caller,
                             "the queries have " + std::to_string(query_columns) + " columns but the documents have " +
                                 std::to_string(document_columns),
                             "build both matrices over the same vocabulary or embedding");
}

// The checks every search runs after its own argument (k or t), in one order for the sparse and
// dense paths alike, so a bad call gets the same error whichever kernel it reaches: the kernel
// configuration, the column counts, then the mask's size.
template <class Mask>
void check_search(const similarity_options& options, const Mask& mask, Eigen::Index query_rows,
                  Eigen::Index query_columns, Eigen::Index document_rows, Eigen::Index document_columns,
                  std::string_view caller) {
  check_kernel_config(options.kernel, caller);
  check_columns(query_columns, document_columns, caller);
  mask.check(query_rows, document_rows, caller);
}

}  // namespace plansim::detail
