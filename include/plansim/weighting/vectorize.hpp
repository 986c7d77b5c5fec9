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
/// the counts too (to prune the vocabulary, or to weigh them several ways). With one worker
/// (`threads = 1`, or one chunk of documents) even the counted pairs are written into the
/// weights' own index array and each row is ordered in place there; that array is reserved
/// from a guess (a pair per six bytes of text), so the matrix may keep unused capacity, never
/// written (`weights.data().squeeze()` gives it back).
///
/// ```cpp
/// const auto vectors = plansim::vectorize(texts, plansim::text_analyzer(plansim::analyzer_options::sklearn()),
///                                         plansim::tf_idf::sklearn());
/// // vectors.weights(d, t): the weight of vectors.vocabulary.term(t) in text d
/// ```

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <string_view>
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

namespace detail {

// external_words::grow for vectorize's index array: keeps the words written so far (Eigen's
// reallocation copies the first size() entries) and at least doubles the room.
template <class Scalar>
std::uint32_t* grow_index_array(void* context, std::size_t used, std::size_t needed, std::size_t& capacity) {
  auto& weights = *static_cast<weight_matrix<Scalar>*>(context);
  const std::size_t grown = std::max(needed, 2 * capacity);
  weights.data().resize(static_cast<Eigen::Index>(used));
  weights.data().reserve(static_cast<Eigen::Index>(grown - used));
  advise_huge_pages(weights.innerIndexPtr(), grown * sizeof(int));
  capacity = grown;
  // int and std::uint32_t may alias: the words are stored as the index array's bit patterns
  return reinterpret_cast<std::uint32_t*>(weights.innerIndexPtr());
}

// A first guess of the stored pairs of `texts`, for reserving the index array: a pair per six
// bytes of text (the benchmark corpus has one per seven); more grows it, less is never touched.
template <class Texts>
std::size_t guess_pairs(const Texts& texts) {
  std::size_t bytes = 0;
  for (const auto& text : texts) bytes += std::string_view(text).size();
  return bytes / 6 + 1024;
}

// vectorize, with room for `initial_pairs` reserved in the index array at first (the tests
// give a tiny one, so that it grows many times).
template <class Scalar, class Texts, class Analyzer>
tf_idf_vectors<Scalar> vectorize_reserving(const Texts& texts, const Analyzer& analyzer, const tf_idf& scheme,
                                           const count_options& options, std::size_t initial_pairs) {
  tf_idf_vectors<Scalar> result;
  auto& weights = result.weights;
  // With one worker the counted pairs go straight into the index array (external_words), and
  // each row is ordered in place there; with several, into the workers' arenas.
  const auto n = static_cast<std::size_t>(std::ranges::size(texts));
  const std::size_t chunk = std::max<std::size_t>(1, options.chunk_documents);
  const bool in_place = thread_count(options.threads, (n + chunk - 1) / chunk) == 1;
  external_words external;
  if (in_place) {
    weights.resize(static_cast<Eigen::Index>(n), 0);
    weights.reserve(static_cast<Eigen::Index>(initial_pairs));
    advise_huge_pages(weights.innerIndexPtr(), initial_pairs * sizeof(int));
    external = {reinterpret_cast<std::uint32_t*>(weights.innerIndexPtr()), initial_pairs, &weights,
                &grow_index_array<Scalar>};
  }
  auto counted = count_corpus(texts, analyzer, options, "vectorize", in_place ? &external : nullptr);
  const std::vector<double> idf_of = idf_weights(counted.stats, scheme.idf);
  const bool wants_max = scheme.tf == tf_scheme::augmented;
  const auto weigh = [&](Eigen::Index, int term, double tf, double max_tf) {
    const double weight = scheme.tf == tf_scheme::raw ? tf : tf_weight(scheme.tf, tf, max_tf);
    return weight * idf_of[static_cast<std::size_t>(term)];
  };

  const std::size_t stored = counted.stored_counts();
  if (in_place) {  // keeps the index array, with the pairs in it: they are ordered in place
    weights.conservativeResize(static_cast<Eigen::Index>(counted.stats.documents),
                               static_cast<Eigen::Index>(counted.columns));
  } else {
    weights.resize(static_cast<Eigen::Index>(counted.stats.documents), static_cast<Eigen::Index>(counted.columns));
  }
  weights.resizeNonZeros(static_cast<Eigen::Index>(stored));  // no more than the words written: no reallocation
  auto* outer = weights.outerIndexPtr();
  auto* inner = weights.innerIndexPtr();
  Scalar* values = weights.valuePtr();
  prepare_fresh_arrays(options.threads, {{in_place ? nullptr : inner, stored * sizeof(*inner)},
                                         {values, stored * sizeof(Scalar)}});
  outer[0] = 0;
  if (wants_max) {  // augmented tf needs each row's largest count before any of its weights
    // One row's counts, in column order, per worker: the only place counts are kept.
    const std::size_t workers = detail::thread_count(options.threads, counted.chunks.size());
    std::vector<std::vector<std::int32_t>> row_counts(workers, std::vector<std::int32_t>(counted.longest_row()));
    detail::sort_rows(counted, options.threads,
                      [&](std::size_t worker, std::size_t row, std::size_t at, std::size_t size, const auto& visit) {
                        int* columns = inner + at;
                        std::int32_t* counts = row_counts[worker].data();
                        visit([&, k = std::size_t{0}](int column, std::int32_t count) mutable {
                          columns[k] = column;
                          counts[k++] = count;
                        });
                        detail::weigh_row(static_cast<Eigen::Index>(row), inner + at, counts, size, values + at,
                                          scheme.normalization, weigh, wants_max);
                        outer[row + 1] = static_cast<int>(at + size);
                      });
  } else {  // each pair weighed as the sorter hands it over, with weigh_row's arithmetic
    detail::sort_rows(counted, options.threads,
                      [&](std::size_t, std::size_t row, std::size_t at, std::size_t size, const auto& visit) {
                        const auto r = static_cast<Eigen::Index>(row);
                        int* columns = inner + at;
                        Scalar* out = values + at;
                        double total = 0.0;
                        visit([&](int column, std::int32_t count) {
                          const auto v = static_cast<Scalar>(weigh(r, column, static_cast<double>(count), 0.0));
                          *columns++ = column;
                          *out++ = v;
                          detail::add_to_norm(total, v, scheme.normalization);
                        });
                        detail::divide_by_norm(values + at, size, total, scheme.normalization);
                        outer[row + 1] = static_cast<int>(at + size);
                      });
  }
  result.stats = std::move(counted.stats);
  result.vocabulary = detail::take_vocabulary(counted, result.stats);
  return result;
}

}  // namespace detail

/// Counts the terms of every text, learning the vocabulary, and weighs them with `scheme`.
///
/// @throws data_error `[plansim.vocabulary.4]` when no text yields a single term.
/// The result is identical for any `options.threads`, and to count_terms followed by weigh.
template <class Scalar = double, class Texts, analyzer Analyzer>
tf_idf_vectors<Scalar> vectorize(const Texts& texts, const Analyzer& analyzer, const tf_idf& scheme,
                                 const count_options& options = {}) {
  detail::check_texts<Texts>();
  return detail::vectorize_reserving<Scalar>(texts, analyzer, scheme, options, detail::guess_pairs(texts));
}

}  // namespace plansim
