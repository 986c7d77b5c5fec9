#pragma once
/// @file
/// The terms that explain each cluster, with the evidence a reader needs to trust them.
///
/// A term explains a cluster when its members use it more than the rest of the corpus does. Two
/// families of scores are offered (see `term_measure`): class-based tf-idf, which treats each
/// cluster as one long document (Grootendorst 2022, BERTopic), and keyness statistics, which test
/// the cluster against all other documents (keyness.hpp). Both are computed from raw counts.
///
/// Every term comes with its count in the cluster, its count elsewhere and the number of member
/// documents that use it. The last guards against the classic failure of cluster labels: one long
/// document whose pet phrase outweighs everything the other members share. By default a term must
/// be used by at least two member documents (or all of them, in a cluster of one) to be listed.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "plansim/error.hpp"
#include "plansim/explain/keyness.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/matrix/vocabulary.hpp"

namespace plansim {

/// How cluster_terms scores a term t for cluster k. Notation: a = count of t in k's documents,
/// b = count of t elsewhere, c and d = all counted tokens in and outside k.
enum class term_measure {
  /// Class-based tf-idf (Grootendorst 2022, "BERTopic: neural topic modeling with a class-based
  /// TF-IDF procedure", eq. 1): tf = a / c, idf = ln(1 + A / (a + b)), score = tf · idf, where A is
  /// the mean number of tokens per cluster. BERTopic truncates A to an integer; we do not.
  ctfidf,
  /// Signed log-likelihood G² of k against all other documents (log_likelihood_g2).
  log_likelihood,
  /// Signed Pearson χ² with Yates's correction (chi_squared).
  chi_squared,
  /// Weighted log-odds z-score with an informative Dirichlet prior (log_odds_z). The prior for
  /// term t is α_t = s · (a + b) and α_0 = s · (all tokens), s = `prior_scale`: the corpus itself,
  /// scaled, as tidylo does by default (s = 1).
  log_odds,
};

struct cluster_terms_options {
  term_measure measure = term_measure::log_likelihood;
  /// Terms listed per cluster (fewer when fewer qualify).
  std::size_t top = 10;
  /// A term must be used by at least min(min_documents, cluster size) member documents.
  std::size_t min_documents = 2;
  /// Prior strength s of term_measure::log_odds; must be positive.
  double prior_scale = 1.0;
};

/// One explaining term of a cluster.
struct term_score {
  term_id term = 0;
  /// The measure's value; higher explains the cluster better. Only positive scores are listed.
  double score = 0;
  /// Occurrences of the term in the cluster's documents (a).
  std::int64_t count = 0;
  /// How many of the cluster's documents use the term at least once.
  std::int64_t documents_using = 0;
  /// Occurrences of the term in all other documents (b).
  std::int64_t other_count = 0;
  friend bool operator==(const term_score&, const term_score&) = default;
};

namespace detail {

/// Number of clusters in `labels` (max + 1), after checking them against `rows` documents.
inline std::size_t check_cluster_labels(std::span<const int> labels, std::size_t rows, const char* caller) {
  if (labels.size() != rows) {
    throw dimension_mismatch("explain", 1, caller,
                             std::to_string(labels.size()) + " labels for " + std::to_string(rows) + " documents",
                             "give one cluster label per document (matrix row)");
  }
  int largest = -1;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) {
      throw invalid_argument("explain", 2, caller,
                             "document " + std::to_string(i) + " has label " + std::to_string(labels[i]),
                             "labels are cluster numbers 0..k-1");
    }
    largest = std::max(largest, labels[i]);
  }
  return static_cast<std::size_t>(largest + 1);
}

}  // namespace detail

/// For each cluster 0..k-1 (k = largest label + 1), its `top` terms, best first (ties by term id).
/// `counts` are raw term counts, documents as rows (count_terms); `labels` one per row.
/// A cluster with no members gets an empty list. Cost: O(nnz + k · terms).
/// @throws dimension_mismatch [plansim.explain.1] when labels and rows differ in number
/// @throws invalid_argument [plansim.explain.2] for a negative label, [plansim.explain.3] for a
///         prior_scale that is not positive
[[nodiscard]] inline std::vector<std::vector<term_score>> cluster_terms(const count_matrix& counts,
                                                                       std::span<const int> labels,
                                                                       const cluster_terms_options& options = {}) {
  const auto rows = static_cast<std::size_t>(counts.rows());
  const std::size_t clusters = detail::check_cluster_labels(labels, rows, "cluster_terms");
  if (!(options.prior_scale > 0) || !std::isfinite(options.prior_scale)) {
    throw invalid_argument("explain", 3, "cluster_terms",
                           "prior_scale is " + std::to_string(options.prior_scale),
                           "use a positive prior strength (1 uses the corpus counts as the prior)");
  }
  const auto terms = static_cast<std::size_t>(counts.cols());

  // Corpus totals, and the members of each cluster in document order.
  std::vector<std::int64_t> corpus_count(terms, 0);
  std::vector<std::int64_t> cluster_tokens(clusters, 0);
  std::vector<std::vector<std::size_t>> members(clusters);
  for (std::size_t row = 0; row < rows; ++row) {
    const auto k = static_cast<std::size_t>(labels[row]);
    members[k].push_back(row);
    for (count_matrix::InnerIterator it(counts, static_cast<Eigen::Index>(row)); it; ++it) {
      corpus_count[static_cast<std::size_t>(it.col())] += it.value();
      cluster_tokens[k] += it.value();
    }
  }
  std::int64_t all_tokens = 0;
  for (const auto n : cluster_tokens) all_tokens += n;
  std::size_t non_empty = 0;
  for (const auto& m : members) non_empty += m.empty() ? 0u : 1u;
  const double mean_cluster_tokens = non_empty == 0 ? 0.0 : static_cast<double>(all_tokens) / static_cast<double>(non_empty);

  std::vector<std::vector<term_score>> result(clusters);
  std::vector<std::int64_t> in_cluster(terms, 0);
  std::vector<std::int64_t> using_documents(terms, 0);
  std::vector<term_id> touched;
  for (std::size_t k = 0; k < clusters; ++k) {
    if (members[k].empty()) continue;
    touched.clear();
    for (const auto row : members[k]) {
      for (count_matrix::InnerIterator it(counts, static_cast<Eigen::Index>(row)); it; ++it) {
        const auto t = static_cast<std::size_t>(it.col());
        if (it.value() <= 0) continue;
        if (using_documents[t] == 0) touched.push_back(static_cast<term_id>(t));
        in_cluster[t] += it.value();
        ++using_documents[t];
      }
    }
    const auto required = static_cast<std::int64_t>(std::min(options.min_documents, members[k].size()));
    const double c = static_cast<double>(cluster_tokens[k]);
    const double d = static_cast<double>(all_tokens - cluster_tokens[k]);
    auto& listed = result[k];
    for (const auto t : touched) {
      term_score s;
      s.term = t;
      s.count = in_cluster[t];
      s.documents_using = using_documents[t];
      s.other_count = corpus_count[t] - in_cluster[t];
      in_cluster[t] = 0;
      using_documents[t] = 0;
      if (s.documents_using < required) continue;
      const keyness_table table{static_cast<double>(s.count), static_cast<double>(s.other_count), c, d};
      switch (options.measure) {
        case term_measure::ctfidf:
          s.score = table.a / c * std::log(1.0 + mean_cluster_tokens / (table.a + table.b));
          break;
        case term_measure::log_likelihood: s.score = log_likelihood_g2(table); break;
        case term_measure::chi_squared: s.score = chi_squared(table, true); break;
        case term_measure::log_odds:
          s.score = log_odds_z(table, options.prior_scale * (table.a + table.b),
                               options.prior_scale * static_cast<double>(all_tokens));
          break;
      }
      if (s.score > 0) listed.push_back(s);
    }
    const auto better = [](const term_score& x, const term_score& y) {
      return x.score != y.score ? x.score > y.score : x.term < y.term;
    };
    const auto n = std::min(options.top, listed.size());
    std::partial_sort(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(n), listed.end(), better);
    listed.resize(n);
  }
  return result;
}

}  // namespace plansim
