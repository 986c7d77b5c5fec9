#pragma once
/// @file
/// Texts straight to tf-idf vectors, as scikit-learn's `TfidfVectorizer().fit_transform(texts)`.
///
/// `vectorize(texts, analyzer, scheme)` returns exactly, bit for bit, what
/// `weigh(count_terms(texts, analyzer).counts, stats, scheme)` returns, with the same vocabulary
/// and statistics, but never stores the count matrix: each row is weighed as it is put in
/// column order, while it is still in cache. Why a separate call: the count matrix takes 8 bytes
/// per stored count (the weights take 12) and is written once and read once; when only the
/// weights are wanted that is memory traffic for nothing. Use count_terms when you want
/// the counts too (to prune the vocabulary, or to weigh them several ways).
///
/// ```cpp
/// const auto vectors = plansim::vectorize(texts, plansim::text_analyzer(plansim::analyzer_options::sklearn()),
///                                         plansim::tf_idf::sklearn());
/// // vectors.weights(d, t): the weight of vectors.vocabulary.term(t) in text d
/// ```

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "plansim/detail/huge_pages.hpp"
#include "plansim/matrix/corpus_stats.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/matrix/vocabulary.hpp"
#include "plansim/weighting/idf.hpp"
#include "plansim/weighting/tf.hpp"
#include "plansim/weighting/tf_idf.hpp"

namespace plansim {

/// Weighted document vectors with the vocabulary and statistics they were computed from.
template <class Scalar>
struct tf_idf_vectors {
  plansim::vocabulary vocabulary;
  weight_matrix<Scalar> weights;  ///< row = text, column = term
  corpus_stats stats;             ///< of the counted texts, as count_terms gives them

  tf_idf_vectors() = default;
  tf_idf_vectors(const tf_idf_vectors&) = default;
  tf_idf_vectors& operator=(const tf_idf_vectors&) = default;
  ~tf_idf_vectors() = default;
  // Moves swap the matrix, as term_counts' do (Eigen 3.4's SparseMatrix would be copied).
  tf_idf_vectors(tf_idf_vectors&& other) noexcept
      : vocabulary(std::move(other.vocabulary)), stats(std::move(other.stats)) {
    weights.swap(other.weights);
  }
  tf_idf_vectors& operator=(tf_idf_vectors&& other) noexcept {
    vocabulary = std::move(other.vocabulary);
    weights.swap(other.weights);
    stats = std::move(other.stats);
    return *this;
  }
};

/// Counts the terms of every text, learning the vocabulary, and weighs them with `scheme`.
///
/// @throws data_error `[plansim.vocabulary.4]` when no text yields a single term.
/// The result is identical for any `options.threads`, and to count_terms followed by weigh.
template <class Scalar = double, class Texts, analyzer Analyzer>
tf_idf_vectors<Scalar> vectorize(const Texts& texts, const Analyzer& analyzer, const tf_idf& scheme,
                                 const count_options& options = {}) {
  auto counted = detail::count_corpus(texts, analyzer, options, "vectorize");
  const std::vector<double> idf_of = idf_weights(counted.stats, scheme.idf);
  const bool wants_max = scheme.tf == tf_scheme::augmented;
  const auto weigh = [&](Eigen::Index, int term, double tf, double max_tf) {
    const double weight = scheme.tf == tf_scheme::raw ? tf : tf_weight(scheme.tf, tf, max_tf);
    return weight * idf_of[static_cast<std::size_t>(term)];
  };

  tf_idf_vectors<Scalar> result;
  auto& weights = result.weights;
  weights.resize(static_cast<Eigen::Index>(counted.stats.documents), static_cast<Eigen::Index>(counted.columns));
  const std::size_t stored = counted.stored_counts();
  weights.resizeNonZeros(static_cast<Eigen::Index>(stored));
  auto* outer = weights.outerIndexPtr();
  auto* inner = weights.innerIndexPtr();
  Scalar* values = weights.valuePtr();
  detail::prepare_fresh_array(inner, stored * sizeof(*inner));
  detail::prepare_fresh_array(values, stored * sizeof(Scalar));
  outer[0] = 0;
  if (wants_max) {  // augmented tf needs each row's largest count before any of its weights
    // One row's counts, in column order, per worker: the only place counts are kept.
    const std::size_t workers = detail::thread_count(options.threads, counted.chunks.size());
    std::vector<std::vector<std::int32_t>> row_counts(workers, std::vector<std::int32_t>(counted.longest_row()));
    detail::sort_rows(counted, options.threads,
                      [&](std::size_t worker, detail::row_sorter& sorter, std::size_t row, std::size_t at,
                          const auto& pairs, const auto& to_column) {
                        const std::size_t size = pairs.size;
                        std::int32_t* counts = row_counts[worker].data();
                        sorter.sort_into(pairs, to_column, inner + at, counts);
                        detail::weigh_row(static_cast<Eigen::Index>(row), inner + at, counts, size, values + at,
                                          scheme.normalization, weigh, wants_max);
                        outer[row + 1] = static_cast<int>(at + size);
                      });
  } else {  // each pair weighed as the sorter hands it over, with weigh_row's arithmetic
    detail::sort_rows(counted, options.threads,
                      [&](std::size_t, detail::row_sorter& sorter, std::size_t row, std::size_t at,
                          const auto& pairs, const auto& to_column) {
                        const auto r = static_cast<Eigen::Index>(row);
                        int* columns = inner + at;
                        Scalar* out = values + at;
                        double total = 0.0;
                        sorter.visit_sorted(pairs, to_column, [&](int column, std::int32_t count) {
                          const auto v = static_cast<Scalar>(weigh(r, column, static_cast<double>(count), 0.0));
                          *columns++ = column;
                          *out++ = v;
                          detail::add_to_norm(total, v, scheme.normalization);
                        });
                        detail::divide_by_norm(values + at, pairs.size, total, scheme.normalization);
                        outer[row + 1] = static_cast<int>(at + pairs.size);
                      });
  }
  result.stats = std::move(counted.stats);
  result.vocabulary = detail::take_vocabulary(counted, result.stats);
  return result;
}

}  // namespace plansim
