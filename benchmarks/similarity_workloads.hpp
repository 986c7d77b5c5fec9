#pragma once
// Workloads shared by bench_similarity and plansim_tune: random unit embeddings and the tf-idf of
// the synthetic corpus (synthetic_corpus.hpp), both deterministic, plus the useful-work counts
// the benchmarks report.
#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <plansim/matrix/term_counts.hpp>
#include <plansim/text/analyzer.hpp>
#include <plansim/weighting/tf_idf.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "synthetic_corpus.hpp"

namespace plansim_bench {

using dense_matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using sparse_matrix = Eigen::SparseMatrix<float, Eigen::RowMajor>;

// N random unit vectors of dimension d (Gaussian entries by Box-Muller, then normalised).
inline dense_matrix make_unit_embeddings(std::size_t n, std::size_t d, std::uint64_t seed = 42) {
  random_bits rng(seed);
  dense_matrix x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
      x(i, c) = static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    }
    x.row(i).normalize();
  }
  return x;
}

// scikit-learn's default TfidfVectorizer on the synthetic corpus, as float.
inline sparse_matrix make_tfidf(const synthetic_corpus_options& options, std::size_t threads = 2) {
  const auto texts = make_synthetic_corpus(options);
  const auto counts =
      plansim::count_terms(texts, plansim::text_analyzer(plansim::analyzer_options::sklearn()), {.threads = threads});
  return plansim::weigh<float>(counts.counts, counts.stats, plansim::tf_idf::sklearn());
}

// Useful multiply-adds of X·Xᵀ over the stored entries: Σ_t df_t².
inline double useful_macs(const sparse_matrix& x) {
  std::vector<double> df(static_cast<std::size_t>(x.cols()), 0.0);
  for (Eigen::Index k = 0; k < x.nonZeros(); ++k) df[static_cast<std::size_t>(x.innerIndexPtr()[k])] += 1.0;
  double total = 0.0;
  for (const double f : df) total += f * f;
  return total;
}

}  // namespace plansim_bench
