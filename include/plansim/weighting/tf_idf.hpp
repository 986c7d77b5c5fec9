#pragma once
/// @file
/// tf-idf document vectors: w(t, d) = tf(t, d) · idf(t), then the row normalised.
///
/// tf from weighting/tf.hpp, idf from weighting/idf.hpp, the norm from weighting/normalize.hpp.
/// The named presets reproduce the defaults of the tools researchers compare against:
///
/// | preset       | tf  | idf                          | norm | matches                                        |
/// |--------------|-----|------------------------------|------|------------------------------------------------|
/// | `sklearn()`  | raw | ln((1 + N)/(1 + df)) + 1     | L2   | scikit-learn `TfidfVectorizer()`               |
/// | `quanteda()` | raw | log10(N / df)                | none | quanteda `dfm_tfidf(x)`                        |
/// | `gensim()`   | raw | log2(N / df)                 | L2   | gensim `TfidfModel(corpus)`                    |

#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "plansim/detail/huge_pages.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/matrix/corpus_stats.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/weighting/idf.hpp"
#include "plansim/weighting/normalize.hpp"
#include "plansim/weighting/tf.hpp"

namespace plansim {

/// A document-term matrix of weights: row = document, column = term.
template <class Scalar>
using weight_matrix = Eigen::SparseMatrix<Scalar, Eigen::RowMajor>;

struct tf_idf {
  tf_scheme tf = tf_scheme::raw;
  plansim::idf idf{};
  norm normalization = norm::l2;

  static constexpr tf_idf sklearn() { return {}; }
  static constexpr tf_idf quanteda() { return {tf_scheme::raw, {idf_kind::inverse, 10.0, 0.0}, norm::none}; }
  static constexpr tf_idf gensim() { return {tf_scheme::raw, {idf_kind::inverse, 2.0, 0.0}, norm::l2}; }
};

namespace detail {

// The two halves of a row's normalisation, for weigh_row and for callers that weigh a row's
// values one at a time (vectorize): each stored value added to the running total, then the
// division of every value by the norm.
template <class Scalar>
PLANSIM_DETAIL_HOT_INLINE void add_to_norm(double& total, Scalar value, norm normalization) noexcept {
  const double d = static_cast<double>(value);
  total += normalization == norm::l1 ? std::abs(d) : d * d;
}
template <class Scalar>
PLANSIM_DETAIL_HOT_INLINE void divide_by_norm(Scalar* values, std::size_t size, double total,
                                              norm normalization) noexcept {
  if (normalization == norm::none || total == 0.0) return;
  const double divisor = normalization == norm::l1 ? total : std::sqrt(total);
  for (std::size_t i = 0; i < size; ++i) values[i] = static_cast<Scalar>(static_cast<double>(values[i]) / divisor);
}

// Weighs one row: `weigh(row, column, count, max count in row)` for each of its `size` stored
// counts, written to `values`, then the row normalised. Why fused: the row's weights are still
// in L1 when their norm is summed and divided, where normalize_rows would read the whole matrix
// again. The arithmetic is normalize_rows' (the norm summed in double over the stored Scalar
// values, in column order, then a division), so the result is bit-identical to weighing and
// normalising in two passes. The max count is only found when `wants_max` (augmented tf).
template <class Scalar, class Weigh>
PLANSIM_DETAIL_HOT_INLINE void weigh_row(Eigen::Index row, const int* columns, const std::int32_t* counts,
                                         std::size_t size, Scalar* values, norm normalization, Weigh& weigh,
                                         bool wants_max) {
  double max_tf = 0.0;
  if (wants_max)
    for (std::size_t i = 0; i < size; ++i) max_tf = std::max(max_tf, static_cast<double>(counts[i]));
  double total = 0.0;  // as normalize_rows: in double, over the stored values
  for (std::size_t i = 0; i < size; ++i) {
    const Scalar v = static_cast<Scalar>(weigh(row, columns[i], static_cast<double>(counts[i]), max_tf));
    values[i] = v;
    add_to_norm(total, v, normalization);
  }
  divide_by_norm(values, size, total, normalization);
}

// Applies weigh_row to every row of `counts`. Rows are independent and written in place, so
// blocks of rows run on `threads` workers with the same result for any count.
template <class Scalar, class Weigh>
weight_matrix<Scalar> weigh_counts(const count_matrix& counts, norm normalization, Weigh&& weigh,
                                   std::size_t threads = 1, bool wants_max = true) {
  weight_matrix<Scalar> out(counts.rows(), counts.cols());
  out.resizeNonZeros(counts.nonZeros());
  const auto* outer = counts.outerIndexPtr();
  const auto* inner = counts.innerIndexPtr();
  const auto* count = counts.valuePtr();
  auto* out_outer = out.outerIndexPtr();
  auto* out_inner = out.innerIndexPtr();
  Scalar* value = out.valuePtr();
  const auto stored = static_cast<std::size_t>(counts.nonZeros());
  prepare_fresh_arrays(threads, {{out_inner, stored * sizeof(*out_inner)}, {value, stored * sizeof(Scalar)}});
  const auto rows = static_cast<std::size_t>(counts.outerSize());
  out_outer[0] = outer[0];
  constexpr std::size_t block_rows = 256;  // fixed blocks: the split never depends on threads
  const std::size_t blocks = (rows + block_rows - 1) / block_rows;
  for_each_chunk(blocks, thread_count(threads, blocks), [&](std::size_t block, std::size_t) {
    const std::size_t first = block * block_rows, last = std::min(rows, first + block_rows);
    for (std::size_t row = first; row < last; ++row) {
      const auto r = static_cast<Eigen::Index>(row);
      const auto begin = outer[r], end = outer[r + 1];
      out_outer[r + 1] = end;
      std::copy(inner + begin, inner + end, out_inner + begin);
      weigh_row(r, inner + begin, count + begin, static_cast<std::size_t>(end - begin), value + begin, normalization,
                weigh, wants_max);
    }
  });
  return out;
}

inline void check_stats(const count_matrix& counts, const corpus_stats& stats, const char* caller) {
  if (static_cast<std::size_t>(counts.cols()) != stats.document_frequency.size())
    throw dimension_mismatch("weighting", 2, caller,
                             "the matrix has " + std::to_string(counts.cols()) + " terms but the statistics have " +
                                 std::to_string(stats.document_frequency.size()),
                             "weigh counts with the corpus_stats of the same vocabulary");
}

}  // namespace detail

struct weigh_options {
  /// Worker threads; 0 means one per hardware thread. The result is identical for any value.
  std::size_t threads = 1;
};

/// tf-idf weights of `counts`, with idf taken from `stats` (the corpus the model was fitted on,
/// which is the counted corpus itself unless you transform new documents).
template <class Scalar = double>
weight_matrix<Scalar> weigh(const count_matrix& counts, const corpus_stats& stats, const tf_idf& scheme,
                            const weigh_options& options = {}) {
  detail::check_stats(counts, stats, "weigh(tf_idf)");
  const std::vector<double> idf_of = idf_weights(stats, scheme.idf);
  const bool wants_max = scheme.tf == tf_scheme::augmented;
  if (scheme.tf == tf_scheme::raw)  // the common case, without a switch per count
    return detail::weigh_counts<Scalar>(
        counts, scheme.normalization,
        [&](Eigen::Index, int term, double tf, double) { return tf * idf_of[static_cast<std::size_t>(term)]; },
        options.threads, false);
  return detail::weigh_counts<Scalar>(
      counts, scheme.normalization,
      [&](Eigen::Index, int term, double tf, double max_tf) {
        return tf_weight(scheme.tf, tf, max_tf) * idf_of[static_cast<std::size_t>(term)];
      },
      options.threads, wants_max);
}

}  // namespace plansim
