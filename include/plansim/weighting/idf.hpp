#pragma once
/// @file
/// Inverse document frequency: how much a term is worth across the corpus.
///
/// With N documents, df(t) documents containing t, logarithm base B and additive offset c:
///
/// | kind            | idf(t)                                 | as in                                        |
/// |-----------------|----------------------------------------|----------------------------------------------|
/// | `none`          | 1                                      | scikit-learn `use_idf=False`                 |
/// | `inverse`       | log_B(N / df) + c                      | scikit-learn `smooth_idf=False` (B = e, c = 1); quanteda `dfm_tfidf` (B = 10, c = 0); gensim `df2idf` (B = 2, c = 0) |
/// | `smooth`        | log_B((1 + N) / (1 + df)) + c          | scikit-learn default (B = e, c = 1)          |
/// | `probabilistic` | max(0, log_B((N − df) / df)) + c       | SMART "p"; quanteda "inverseprob"            |
///
/// A term with df = 0 (possible only with a vocabulary given by the user) gets idf 0 under
/// `inverse` and `probabilistic`, instead of an infinity.
///
/// References: Sparck Jones, "A statistical interpretation of term specificity and its application
/// in retrieval", J. Documentation 28(1), 1972; Manning et al., *Introduction to Information
/// Retrieval*, 2008, table 6.15; scikit-learn `TfidfTransformer` documentation.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/detail/huge_pages.hpp"
#include "plansim/error.hpp"
#include "plansim/matrix/corpus_stats.hpp"

namespace plansim {

enum class idf_kind { none, inverse, smooth, probabilistic };

/// An idf formula; the defaults are scikit-learn's (`smooth`, natural log, + 1).
struct idf {
  idf_kind kind = idf_kind::smooth;
  double log_base = 2.718281828459045235360287471352662498;  // e
  double offset = 1.0;
};

/// idf(t) for every term in `stats`, in double precision.
/// @throws invalid_argument `[plansim.weighting.1]` for a log base that is not > 0 and != 1.
inline std::vector<double> idf_weights(const corpus_stats& stats, const idf& formula) {
  if (!(formula.log_base > 0.0) || formula.log_base == 1.0 || !std::isfinite(formula.log_base))
    throw invalid_argument("weighting", 1, "idf", "log_base = " + detail::format_number(formula.log_base) + " is not a valid base",
                           "use a base > 0 other than 1, such as e, 2 or 10");
  const double ln_base = std::log(formula.log_base);
  const auto n = static_cast<double>(stats.documents);
  std::vector<double> weights;
  detail::reserve_populated(weights, stats.document_frequency.size());
  weights.resize(stats.document_frequency.size());
  for (std::size_t t = 0; t < weights.size(); ++t) {
    const auto df = static_cast<double>(stats.document_frequency[t]);
    double w = 1.0;
    switch (formula.kind) {
      case idf_kind::none: w = 1.0; break;
      case idf_kind::inverse: w = df > 0 ? std::log(n / df) / ln_base + formula.offset : 0.0; break;
      case idf_kind::smooth: w = std::log((1.0 + n) / (1.0 + df)) / ln_base + formula.offset; break;
      case idf_kind::probabilistic:
        w = df > 0 ? std::max(0.0, n > df ? std::log((n - df) / df) / ln_base : 0.0) + formula.offset : 0.0;
        break;
    }
    weights[t] = w;
  }
  return weights;
}

}  // namespace plansim
