#pragma once
/// @file
/// Everything a weighting scheme needs to know about the corpus, in one value (after MeTA's
/// score_data): weighting functions take this, never the corpus itself.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plansim {

struct corpus_stats {
  /// N: the number of documents.
  std::size_t documents = 0;
  /// df(t): how many documents contain term t, per column.
  std::vector<std::int64_t> document_frequency;
  /// cf(t): how often term t occurs in the whole corpus, per column.
  std::vector<std::int64_t> corpus_frequency;
  /// |d|: how many terms the analyzer produced for each document, counted before pruning (so a
  /// pruned vocabulary does not make documents look shorter to BM25).
  std::vector<std::int64_t> document_length;
  /// avgdl: the mean of document_length (0 for an empty corpus).
  double average_length = 0.0;
};

}  // namespace plansim
