#pragma once
/// @file
/// Template masking: finding, and masking or down-weighting, the text a plan repeats from a
/// reference such as the government's own questions.
///
/// Why: every 2024 productivity plan answers the same four questions, and many plans copy the
/// questions as headings or restate them ("You have asked how we plan to take advantage of
/// technology ..."). Left in, that shared wording makes plans look alike for a reason that says
/// nothing about the councils, and shows up as "shared passages" between every pair of plans.
///
/// **Method.** Each reference and each document is read as a sequence of normalised words
/// (plansim's word tokenizer with hyphens split and no minimum length, full Unicode case folding,
/// U+2019 as an apostrophe; punctuation and whitespace are not words), each word keeping its
/// byte range. A *shingle* is a run of `shingle_words` consecutive words. A document word is
/// covered when it lies in a shingle that also occurs, word for word (compared exactly, not
/// by hash), in some reference. A template span is a maximal run of consecutive covered words;
/// it runs from the first byte of its first word to the last byte of its last, so it includes the
/// punctuation between its words but not what surrounds them. This is the shingle containment
/// of Broder (1997), "On the resemblance and containment of documents", applied per position.
/// With k = shingle_words, a repeated stretch of at least k words is found whole; a shorter one
/// never is, which keeps common phrases ("to make better use of") from being masked.
///
/// Cost: O(R + T log R) for R reference words and T document words (k word comparisons per
/// shingle hit), in parallel over documents; results do not depend on the thread count.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/detail/read_file.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"
#include "plansim/plans/detail/words.hpp"
#include "plansim/text/utf8.hpp"

namespace plansim {

/// The four themes the government asked every English council's 2024 productivity plan to
/// cover, in its own words, in theme order (transformation, technology and data, wasteful
/// spend, barriers).
///
/// Source: the letter of 16 April 2024 from the Minister for Local Government to council chief
/// executives (Department for Levelling Up, Housing and Communities). The wording is as the
/// sample plans quote it back: Waltham Forest uses all four as its section headings
/// (data/productivity-plans/waltham-forest.txt, lines 16, 34, 48 and 62; its theme 2 heading adds
/// "do" after "How"), Welwyn Hatfield uses the fourth verbatim, Leicester quotes the second
/// ("How the council plans to take advantage of technology and make better use of data to
/// improve decision making, service design and use of resources"), and LB Hounslow's published
/// plan uses the first verbatim. "decision making" is written without the hyphen some plans
/// use; the two read the same, as hyphens split words.
inline constexpr std::array<std::string_view, 4> productivity_plan_prompts{
    "How you have transformed the way you design and deliver services to make better use of resources.",
    "How you plan to take advantage of technology and make better use of data to improve decision making, "
    "service design and use of resources.",
    "Your plans to reduce wasteful spend within your organisation and systems.",
    "The barriers preventing progress that the Government can help to reduce or remove.",
};

/// Options of find_template_text.
struct template_options {
  /// Words per shingle: a document must repeat at least this many consecutive words of a
  /// reference for them to be masked. At least 1.
  std::size_t shingle_words = 8;
  /// Further reference texts (the government's letter, a sector template), numbered after the
  /// built-in prompts.
  std::vector<std::string> references;
  /// Start with productivity_plan_prompts as references 0 to 3.
  bool builtin_theme_prompts = true;
  /// Files of further reference texts (UTF-8), read whole, numbered after `references`.
  std::vector<std::filesystem::path> reference_files;
  /// Threads, 0 for all cores; results do not depend on it.
  std::size_t threads = 1;
};

/// A stretch of one document that repeats a reference.
struct template_span {
  std::size_t document = 0;   ///< the document's id
  std::size_t begin = 0;      ///< byte offset into document::text of its first word
  std::size_t end = 0;        ///< one past the last byte of its last word
  std::size_t reference = 0;  ///< index into template_report::references
  std::size_t words = 0;      ///< words in the span
};

/// What find_template_text found.
struct template_report {
  /// Ordered by document, then begin; within a document they do not overlap.
  std::vector<template_span> spans;
  /// Per document: bytes in its spans / bytes of its text (0 for an empty text).
  std::vector<double> masked_share;
  /// The reference texts, in index order: the built-in prompts (when on), then
  /// template_options::references, then the files' contents.
  std::vector<std::string> references;
};

namespace plans_detail {

/// Checks that `report` was made for `c`; `caller` names the function in the error.
inline void check_template_report(const corpus& c, const template_report& report, std::string_view caller,
                                  std::string_view module, int number) {
  bool fits = report.masked_share.size() == c.size();
  for (const template_span& s : report.spans) {
    fits = fits && s.document < c.size() && s.begin <= s.end && s.end <= c[s.document].text.size();
  }
  if (!fits) {
    throw invalid_argument(module, number, caller,
                           "the template report does not fit the corpus (it has " +
                               std::to_string(report.masked_share.size()) + " documents, the corpus " +
                               std::to_string(c.size()) + ", or a span lies outside its document)",
                           "pass the report find_template_text made for this corpus");
  }
}

}  // namespace plans_detail

/// Finds the text of each document that repeats a reference (see the file comment for the
/// method). Spans are ordered by document, then offset. When several references share a
/// shingle, the lowest-numbered one is credited with it; a span's reference is the one credited
/// with most of its shingles (ties: the lowest number).
/// @throws invalid_argument [plansim.template_mask.3] shingle_words is 0,
///         [plansim.template_mask.4] there are no references,
///         [plansim.template_mask.5] a reference has fewer than shingle_words words,
///         [plansim.template_mask.8] the corpus is empty;
///         io_error [plansim.template_mask.1] a reference file cannot be read,
///         [plansim.template_mask.2] it does not exist; data_error [plansim.template_mask.6] it
///         is not valid UTF-8
[[nodiscard]] inline template_report find_template_text(const corpus& c, const template_options& options = {}) {
  constexpr std::string_view caller = "find_template_text";
  if (options.shingle_words == 0) {
    throw invalid_argument("template_mask", 3, caller, "shingle_words is 0", "use at least 1; 8 is the default");
  }
  if (c.empty()) {
    throw invalid_argument("template_mask", 8, caller, "the corpus is empty", "read at least one document");
  }
  template_report report;
  if (options.builtin_theme_prompts) {
    for (const std::string_view p : productivity_plan_prompts) report.references.emplace_back(p);
  }
  for (const std::string& r : options.references) report.references.push_back(r);
  for (const std::filesystem::path& file : options.reference_files) {
    std::string bytes = corpus_detail::read_file_bytes(file, "template_mask");
    if (find_invalid_utf8(bytes) != std::string_view::npos) {
      throw data_error("template_mask", 6, file.string(), "the reference file is not valid UTF-8",
                       "save it as UTF-8");
    }
    report.references.push_back(std::move(bytes));
  }
  if (report.references.empty()) {
    throw invalid_argument("template_mask", 4, caller, "there are no references to look for",
                           "keep builtin_theme_prompts on, or give references or reference_files");
  }
  const std::size_t k = options.shingle_words;
  const std::size_t n_refs = report.references.size();
  std::vector<std::string_view> texts;
  texts.reserve(n_refs + c.size());
  for (const std::string& r : report.references) texts.push_back(r);
  for (const document& d : c) texts.push_back(d.text);
  const plans_detail::word_table words = plans_detail::read_words(texts, options.threads);

  // Every reference shingle, sorted by (hash, reference, position): equal_range finds a
  // document shingle's candidates, lowest reference first.
  struct ref_shingle {
    std::uint64_t hash;
    std::size_t reference, position;
    bool operator<(const ref_shingle& o) const noexcept {
      return hash != o.hash ? hash < o.hash : reference != o.reference ? reference < o.reference : position < o.position;
    }
  };
  std::vector<ref_shingle> table;
  for (std::size_t r = 0; r < n_refs; ++r) {
    const std::vector<std::uint32_t>& ids = words.ids[r];
    if (ids.size() < k) {
      throw invalid_argument("template_mask", 5, caller,
                             "reference " + std::to_string(r) + " has " + std::to_string(ids.size()) +
                                 " words, fewer than shingle_words (" + std::to_string(k) + ")",
                             "lower shingle_words, or give a longer reference");
    }
    for (std::size_t i = 0; i + k <= ids.size(); ++i) table.push_back({plans_detail::shingle_hash(ids, i, k, 0), r, i});
  }
  std::sort(table.begin(), table.end());

  std::vector<std::vector<template_span>> per_document(c.size());
  detail::for_each_chunk(c.size(), options.threads, [&](std::size_t d, std::size_t) {
    const std::vector<std::uint32_t>& ids = words.ids[n_refs + d];
    const std::vector<plans_detail::word_span>& spans = words.spans[n_refs + d];
    // credited[i]: the reference credited with the shingle starting at word i, or n_refs.
    std::vector<std::size_t> credited(ids.size(), n_refs);
    for (std::size_t i = 0; i + k <= ids.size(); ++i) {
      const std::uint64_t h = plans_detail::shingle_hash(ids, i, k, 0);
      auto it = std::lower_bound(table.begin(), table.end(), ref_shingle{h, 0, 0});
      for (; it != table.end() && it->hash == h; ++it) {
        if (plans_detail::same_words(ids, i, words.ids[it->reference], it->position, k)) {
          credited[i] = it->reference;
          break;
        }
      }
    }
    std::vector<std::size_t> votes(n_refs, 0);
    std::size_t i = 0;
    while (i < ids.size()) {
      if (credited[i] == n_refs) {
        ++i;
        continue;
      }
      // A run: credited shingles starting at i, i+1, ... that overlap or touch cover words [i, stop).
      std::fill(votes.begin(), votes.end(), 0);
      std::size_t stop = i + k;
      std::size_t j = i;
      while (j < ids.size() && j <= stop) {
        if (credited[j] != n_refs) {
          ++votes[credited[j]];
          stop = std::max(stop, j + k);
        }
        ++j;
      }
      const std::size_t best = static_cast<std::size_t>(std::max_element(votes.begin(), votes.end()) - votes.begin());
      per_document[d].push_back({d, spans[i].begin, spans[stop - 1].end, best, stop - i});
      i = stop;
    }
  });
  report.masked_share.assign(c.size(), 0.0);
  for (std::size_t d = 0; d < c.size(); ++d) {
    std::size_t bytes = 0;
    for (const template_span& s : per_document[d]) bytes += s.end - s.begin;
    if (!c[d].text.empty()) report.masked_share[d] = static_cast<double>(bytes) / static_cast<double>(c[d].text.size());
    report.spans.insert(report.spans.end(), per_document[d].begin(), per_document[d].end());
  }
  return report;
}

/// A copy of `c` (documents, names, paths and metadata) with every byte of each template span
/// replaced by a space, except line breaks (`\n`, `\r`), which are kept so paragraphs stay
/// apart. Offsets are unchanged, so passages and matches found in the masked corpus quote the
/// original text at the same bytes. Spans start and end on word boundaries, so the text stays
/// valid UTF-8. document::unmasked_text, when there is one, is kept as it was (markdown
/// structure only).
/// @throws invalid_argument [plansim.template_mask.7] when `report` was not made for `c`
[[nodiscard]] inline corpus mask_template_text(const corpus& c, const template_report& report) {
  plans_detail::check_template_report(c, report, "mask_template_text", "template_mask", 7);
  std::vector<document> documents(c.begin(), c.end());
  for (const template_span& s : report.spans) {
    std::string& text = documents[s.document].text;
    for (std::size_t b = s.begin; b < s.end; ++b)
      if (text[b] != '\n' && text[b] != '\r') text[b] = ' ';
  }
  corpus out(std::move(documents));
  for (const std::string& column : c.metadata_columns()) {
    std::vector<std::string> values(c.size());
    for (std::size_t d = 0; d < c.size(); ++d) values[d] = std::string(c.metadata(d, column));
    out.add_metadata_column(column, std::move(values));
  }
  return out;
}

/// The down-weighting alternative to masking: a weight for each byte offset (so for each token)
/// of each document, `inside` when it lies in a template span and 1 elsewhere. Multiply a
/// token's count by weight(document, token_begin) when counting terms to keep template wording
/// but let it count less; inside = 0 is masking. A lookup is a binary search, O(log s) for s
/// spans in the document.
class template_weights {
 public:
  /// @throws invalid_argument [plansim.template_mask.7] when `report` was not made for `c`,
  ///         [plansim.template_mask.9] when `inside` is not in [0, 1]
  template_weights(const corpus& c, const template_report& report, double inside) : inside_(inside) {
    plans_detail::check_template_report(c, report, "template_weights", "template_mask", 7);
    if (!(inside >= 0.0 && inside <= 1.0)) {
      throw invalid_argument("template_mask", 9, "template_weights",
                             "inside is " + std::to_string(inside) + ", not in [0, 1]",
                             "use 0 to drop template words, 1 to keep them as they are");
    }
    spans_.resize(c.size());
    for (const template_span& s : report.spans) spans_[s.document].emplace_back(s.begin, s.end);
    for (auto& v : spans_) std::sort(v.begin(), v.end());
  }

  /// The weight of the byte at `offset` of document `document` (an id of the corpus).
  [[nodiscard]] double operator()(std::size_t document, std::size_t offset) const noexcept {
    const auto& v = spans_[document];
    auto it = std::upper_bound(v.begin(), v.end(), std::pair<std::size_t, std::size_t>(offset, SIZE_MAX));
    if (it == v.begin()) return 1.0;
    --it;
    return offset < it->second ? inside_ : 1.0;
  }

  /// The weight given inside spans.
  [[nodiscard]] double inside() const noexcept { return inside_; }

 private:
  double inside_;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> spans_;
};

}  // namespace plansim
