#pragma once
/// @file
/// Okapi BM25 term weights as document vectors for similarity.
///
///     w(t, d) = idf(t) · tf · (k1 + 1) / (tf + k1 · (1 − b + b · |d| / avgdl))
///     idf(t)  = ln(1 + (N − df + 0.5) / (df + 0.5))
///
/// tf is the count of t in d, |d| the document's length in terms (before pruning) and avgdl the
/// mean length. The idf is the non-negative form Lucene uses, so a term in most documents still
/// weighs >= 0. k1 (>= 0) sets how fast repeated terms saturate; b (in [0, 1]) how much long
/// documents are discounted. Defaults k1 = 1.2, b = 0.75.
///
/// References: Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
/// Foundations and Trends in IR 3(4), 2009; Lucene's BM25Similarity.

#include <cmath>
#include <string>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/weighting/tf_idf.hpp"

namespace plansim {

struct bm25 {
  double k1 = 1.2;
  double b = 0.75;
  norm normalization = norm::l2;
};

/// BM25 weights of `counts`, with N, df and avgdl from `stats`.
/// @throws invalid_argument `[plansim.weighting.3]` for k1 < 0 or b outside [0, 1].
template <class Scalar = double>
weight_matrix<Scalar> weigh(const count_matrix& counts, const corpus_stats& stats, const bm25& scheme) {
  if (!(scheme.k1 >= 0.0) || !std::isfinite(scheme.k1) || !(scheme.b >= 0.0 && scheme.b <= 1.0))
    throw invalid_argument("weighting", 3, "bm25",
                           "k1 = " + detail::format_number(scheme.k1) + ", b = " + detail::format_number(scheme.b) + " are out of range",
                           "use k1 >= 0 (typically 1.2 to 2) and b in [0, 1] (typically 0.75)");
  detail::check_stats(counts, stats, "weigh(bm25)");
  if (static_cast<std::size_t>(counts.rows()) != stats.document_length.size())
    throw dimension_mismatch("weighting", 4, "weigh(bm25)", "document lengths do not match the matrix rows",
                             "weigh counts with the corpus_stats they were counted with");
  const auto n = static_cast<double>(stats.documents);
  std::vector<double> idf_of(stats.document_frequency.size());
  for (std::size_t t = 0; t < idf_of.size(); ++t) {
    const auto df = static_cast<double>(stats.document_frequency[t]);
    idf_of[t] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
  const double avgdl = stats.average_length > 0.0 ? stats.average_length : 1.0;
  return detail::weigh_counts<Scalar>(counts, scheme.normalization, [&](Eigen::Index row, int term, double tf, double) {
    const auto length = static_cast<double>(stats.document_length[static_cast<std::size_t>(row)]);
    const double saturation = tf * (scheme.k1 + 1.0) / (tf + scheme.k1 * (1.0 - scheme.b + scheme.b * length / avgdl));
    return idf_of[static_cast<std::size_t>(term)] * saturation;
  }, 1, false);  // BM25 has no use for the row's max count
}

}  // namespace plansim
