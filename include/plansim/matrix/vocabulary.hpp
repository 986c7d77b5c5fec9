#pragma once
/// @file
/// The vocabulary: term text to column id, with the frequencies pruning needs.
///
/// Terms are kept in the order scikit-learn uses (`sorted(vocabulary)` in Python, i.e. by Unicode
/// code point, which for UTF-8 is plain byte order), so column j of a plansim matrix is column j
/// of scikit-learn's on the same vocabulary and outputs are reproducible.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/detail/term_table.hpp"
#include "plansim/error.hpp"

namespace plansim {

namespace detail {
struct counted_terms_t {};  // tags vocabulary's constructor for counted terms
}  // namespace detail

/// Identifies a term: its column in the document-term matrix.
using term_id = std::uint32_t;

/// A fixed, sorted set of terms with their document and corpus frequencies.
class vocabulary {
 public:
  vocabulary() = default;

  /// A vocabulary over `terms`, which must be sorted in byte order and free of duplicates.
  /// Frequencies default to zero (a vocabulary given by the user rather than counted).
  /// @throws invalid_argument when the terms are unsorted, repeated or empty strings.
  explicit vocabulary(std::vector<std::string> terms, std::vector<std::int64_t> document_frequency = {},
                      std::vector<std::int64_t> corpus_frequency = {})
      : terms_(std::move(terms)),
        document_frequency_(std::move(document_frequency)),
        corpus_frequency_(std::move(corpus_frequency)) {
    if (document_frequency_.empty()) document_frequency_.assign(terms_.size(), 0);
    if (corpus_frequency_.empty()) corpus_frequency_.assign(terms_.size(), 0);
    if (document_frequency_.size() != terms_.size() || corpus_frequency_.size() != terms_.size())
      throw dimension_mismatch("vocabulary", 1, "vocabulary", "frequency lists differ in length from the term list",
                               "give one frequency per term");
    for (std::size_t i = 0; i < terms_.size(); ++i) {
      if (terms_[i].empty())
        throw invalid_argument("vocabulary", 2, "vocabulary", "term " + std::to_string(i) + " is empty",
                               "remove empty terms");
      if (i > 0 && !(terms_[i - 1] < terms_[i]))
        throw invalid_argument("vocabulary", 3, "vocabulary",
                               "terms are not sorted and unique at '" + terms_[i] + "'",
                               "sort the terms in byte order and drop repeats, or use vocabulary::from_terms");
    }
    index_ = detail::term_table::build(terms_);
  }

  /// Not API: a vocabulary over terms known to be sorted and unique (counted ones), with `index`
  /// already mapping each term to its position. Why: checking the order and indexing the terms
  /// again cost a few percent of vectorize on a large vocabulary.
  vocabulary(detail::counted_terms_t, std::vector<std::string> terms, std::vector<std::int64_t> document_frequency,
             std::vector<std::int64_t> corpus_frequency, detail::term_table index)
      : terms_(std::move(terms)),
        document_frequency_(std::move(document_frequency)),
        corpus_frequency_(std::move(corpus_frequency)),
        index_(std::move(index)) {}

  /// A vocabulary from any list of terms: sorted and made unique first.
  static vocabulary from_terms(std::vector<std::string> terms) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return vocabulary(std::move(terms));
  }

  [[nodiscard]] std::size_t size() const noexcept { return terms_.size(); }
  [[nodiscard]] bool empty() const noexcept { return terms_.empty(); }

  /// The id of `term`, if it is in the vocabulary. Does not allocate.
  [[nodiscard]] std::optional<term_id> find(std::string_view term) const noexcept {
    const auto id = index_.find(term);
    if (id == detail::term_table::npos) return std::nullopt;
    return id;
  }

  [[nodiscard]] const std::string& term(term_id id) const { return terms_.at(id); }
  [[nodiscard]] const std::vector<std::string>& terms() const noexcept { return terms_; }
  /// Number of documents each term occurs in.
  [[nodiscard]] std::span<const std::int64_t> document_frequency() const noexcept { return document_frequency_; }
  /// Number of times each term occurs in the whole corpus.
  [[nodiscard]] std::span<const std::int64_t> corpus_frequency() const noexcept { return corpus_frequency_; }

 private:
  std::vector<std::string> terms_;
  std::vector<std::int64_t> document_frequency_;
  std::vector<std::int64_t> corpus_frequency_;
  detail::term_table index_;  // ids equal positions in terms_
};

}  // namespace plansim
