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
#include <vector>

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

// Applies `weigh(row, column, count, max count in row)` to every stored count, then normalises.
template <class Scalar, class Weigh>
weight_matrix<Scalar> weigh_counts(const count_matrix& counts, norm normalization, Weigh&& weigh) {
  weight_matrix<Scalar> out(counts.rows(), counts.cols());
  out.resizeNonZeros(counts.nonZeros());
  std::copy_n(counts.outerIndexPtr(), counts.outerSize() + 1, out.outerIndexPtr());
  std::copy_n(counts.innerIndexPtr(), counts.nonZeros(), out.innerIndexPtr());
  const auto* outer = counts.outerIndexPtr();
  for (Eigen::Index r = 0; r < counts.outerSize(); ++r) {
    double max_tf = 0.0;
    for (auto i = outer[r]; i < outer[r + 1]; ++i) max_tf = std::max(max_tf, static_cast<double>(counts.valuePtr()[i]));
    for (auto i = outer[r]; i < outer[r + 1]; ++i)
      out.valuePtr()[i] = static_cast<Scalar>(
          weigh(r, counts.innerIndexPtr()[i], static_cast<double>(counts.valuePtr()[i]), max_tf));
  }
  normalize_rows(out, normalization);
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

/// tf-idf weights of `counts`, with idf taken from `stats` (the corpus the model was fitted on,
/// which is the counted corpus itself unless you transform new documents).
template <class Scalar = double>
weight_matrix<Scalar> weigh(const count_matrix& counts, const corpus_stats& stats, const tf_idf& scheme) {
  detail::check_stats(counts, stats, "weigh(tf_idf)");
  const std::vector<double> idf_of = idf_weights(stats, scheme.idf);
  return detail::weigh_counts<Scalar>(counts, scheme.normalization, [&](Eigen::Index, int term, double tf, double max_tf) {
    return tf_weight(scheme.tf, tf, max_tf) * idf_of[static_cast<std::size_t>(term)];
  });
}

}  // namespace plansim
