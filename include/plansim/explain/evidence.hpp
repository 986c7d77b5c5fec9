#pragma once
/// @file
/// Evidence for an explaining term: passages of the cluster's documents that use it, with their
/// byte offsets, so a report can quote the source exactly.
///
/// Passages are counted with the same analyzer and vocabulary that produced the document counts
/// (scikit-learn's `transform` against a fixed vocabulary), so "uses the term" means exactly what
/// it meant when the term was scored, stemming and n-grams included.
///
/// Passages are chosen to show the term's spread: first the best passage of each member document
/// (most occurrences, then earliest), documents taken in order of that passage's occurrences; then
/// second-best passages, and so on, until `per_term` are chosen.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/passages.hpp"
#include "plansim/explain/cluster_terms.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/matrix/vocabulary.hpp"

namespace plansim {

/// A passage quoted as evidence, and how often it uses the term.
struct evidence_passage {
  passage span;
  std::int32_t occurrences = 0;
};

/// The evidence for one explaining term of one cluster.
struct term_evidence {
  term_id term = 0;
  std::vector<evidence_passage> passages;
};

struct evidence_options {
  /// Passages quoted per term.
  std::size_t per_term = 3;
  /// Threads for counting the passages; the result does not depend on it.
  std::size_t threads = 1;
};

/// For each cluster and each of its terms (as cluster_terms returned them), up to `per_term`
/// passages of the cluster's documents that use the term. `passages` are spans of `docs` (such as
/// split_paragraphs(docs)); `labels` has one cluster per document of `docs`; `analyzer` and
/// `terms` must be those the counts were made with.
/// @throws dimension_mismatch [plansim.explain.1], invalid_argument [plansim.explain.2] for labels
/// @throws invalid_argument [plansim.explain.4] for a passage outside the corpus
template <analyzer Analyzer>
[[nodiscard]] std::vector<std::vector<term_evidence>> evidence_passages(
    const corpus& docs, std::span<const passage> passages, const Analyzer& analyzer, const vocabulary& terms,
    std::span<const int> labels, const std::vector<std::vector<term_score>>& explaining,
    const evidence_options& options = {}) {
  detail::check_cluster_labels(labels, docs.size(), "evidence_passages");
  std::vector<std::string_view> texts;
  texts.reserve(passages.size());
  for (const auto& p : passages) {
    if (p.document >= docs.size() || p.begin > p.end || p.end > docs[p.document].text.size()) {
      throw invalid_argument("explain", 4, "evidence_passages",
                             "passage " + std::to_string(p.index) + " of document " + std::to_string(p.document) +
                                 " lies outside the corpus",
                             "split the passages from the same corpus");
    }
    texts.push_back(std::string_view(docs[p.document].text).substr(p.begin, p.end - p.begin));
  }
  const auto counted = count_terms(texts, analyzer, terms, {.threads = options.threads});

  // Which terms are wanted, and for each, the passages that use it (in passage order).
  constexpr std::size_t unwanted = static_cast<std::size_t>(-1);
  std::vector<std::size_t> slot(terms.size(), unwanted);
  std::vector<std::vector<evidence_passage>> uses;
  for (const auto& list : explaining) {
    for (const auto& s : list) {
      if (s.term < slot.size() && slot[s.term] == unwanted) {
        slot[s.term] = uses.size();
        uses.emplace_back();
      }
    }
  }
  for (std::size_t i = 0; i < passages.size(); ++i) {
    for (count_matrix::InnerIterator it(counted.counts, static_cast<Eigen::Index>(i)); it; ++it) {
      const auto s = slot[static_cast<std::size_t>(it.col())];
      if (s != unwanted && it.value() > 0) uses[s].push_back({passages[i], it.value()});
    }
  }

  std::vector<std::vector<term_evidence>> result(explaining.size());
  std::vector<evidence_passage> candidates;
  for (std::size_t k = 0; k < explaining.size(); ++k) {
    for (const auto& s : explaining[k]) {
      term_evidence e{s.term, {}};
      candidates.clear();
      if (s.term < slot.size()) {
        for (const auto& u : uses[slot[s.term]]) {
          if (u.span.document < labels.size() && labels[u.span.document] == static_cast<int>(k)) candidates.push_back(u);
        }
      }
      // Each document's passages best first; then rank r of every document before rank r + 1.
      std::stable_sort(candidates.begin(), candidates.end(), [](const evidence_passage& a, const evidence_passage& b) {
        if (a.span.document != b.span.document) return a.span.document < b.span.document;
        return a.occurrences > b.occurrences;
      });
      struct ranked {
        std::size_t rank;
        std::int32_t best_in_document;
        std::size_t document;
        std::size_t position;
      };
      std::vector<ranked> order;
      order.reserve(candidates.size());
      for (std::size_t i = 0, rank = 0; i < candidates.size(); ++i) {
        rank = (i > 0 && candidates[i - 1].span.document == candidates[i].span.document) ? rank + 1 : 0;
        const std::size_t first = i - rank;
        order.push_back({rank, candidates[first].occurrences, candidates[i].span.document, i});
      }
      std::sort(order.begin(), order.end(), [](const ranked& a, const ranked& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (a.best_in_document != b.best_in_document) return a.best_in_document > b.best_in_document;
        return a.position < b.position;
      });
      for (std::size_t i = 0; i < order.size() && i < options.per_term; ++i) e.passages.push_back(candidates[order[i].position]);
      result[k].push_back(std::move(e));
    }
  }
  return result;
}

}  // namespace plansim
