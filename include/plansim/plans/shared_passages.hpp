#pragma once
/// @file
/// Shared passages: text that two or more plans have in common, word for word, and which plan
/// published it first.
///
/// Why: councils borrow passages from each other (and from consultants, the LGA, the
/// government). Finding the exact text, where it sits in each plan, and who had it first shows
/// borrowing that bag-of-words similarity only hints at.
///
/// **Words.** Each document is read as normalised words (plansim's word tokenizer with hyphens
/// split and no minimum length; full Unicode case folding; U+2019 as an apostrophe), each with
/// its byte range, so "Decision-making," and "decision making" match and a match maps back to
/// bytes. Two texts share a passage when they have the same run of normalised words; case,
/// punctuation, whitespace and line breaks between words do not matter.
///
/// **Candidates: MinHash and LSH.** A shingle is k = shingle_words consecutive words, hashed
/// with a seeded 64-bit hash. Each document is cut into windows of w = window_words words
/// starting every s = window_stride words (plus one window ending at the document's end). Each
/// window gets a MinHash signature of bands × rows values: value f is the minimum over the
/// window's shingles x of h_f(x), a seeded mix of x (Broder 1997, "On the resemblance and
/// containment of documents"), computed for all windows of a document at once with a sliding
/// minimum. Two windows whose shingle sets have Jaccard similarity J agree on a value with
/// probability J. The signature is cut into `bands` bands of `rows` values; windows of different
/// documents whose band keys agree in at least one band are candidates, which happens with
/// probability 1 - (1 - J^rows)^bands (Leskovec, Rajaraman and Ullman, "Mining of Massive
/// Datasets", ch. 3.4). Windows are bucketed by sorting band keys, never compared all pairs.
///
/// **Verification and alignment.** For each candidate window pair, the shingles the two windows
/// share are found exactly (the k words compared, not their hashes); each shared shingle is an
/// anchor, extended left and right over the two word sequences to the maximal common run of
/// words. Runs of at least min_words words are kept, as (document, first word, last word) in
/// each plan, then mapped to byte offsets into document::text: from the first byte of the
/// first word to the last byte of the last.
///
/// **Recall.** With the defaults (window_stride 1, window_words = min_words) every maximal
/// common run of at least min_words words is found, whatever bands and rows: such a run holds
/// the same w-word window in both plans, and equal windows have equal signatures, so they meet
/// in every band, the first included. So the result equals an all-pairs comparison of every word
/// position (the tests check this). In this mode only the first band is used, and of its
/// candidates only the window pairs that are word for word equal (each is then its own anchor):
/// other bands and near-duplicate pairs could only add runs shorter than min_words or already
/// found. A stride s > 1 or windows longer than min_words use all the bands and trade
/// recall for speed: a run of L >= w + 2s - 1 words holds a whole window of one plan and, at
/// most s - 1 words off the aligned position, a whole window of the other, so their Jaccard
/// similarity is at least (m - s + 1) / (m + s - 1) with m = w - k + 1 shingles per window. Later
/// bands skip window pairs that are word for word equal (the first band found them).
///
/// **Groups.** A shared_passage is one distinct run of normalised words with every place it was
/// found as a maximal common run between two plans. When plans A, B and C all share the same
/// text, that is one passage with three occurrences. When A and B share 60 words and C only 50 of
/// them, there are two passages: the 60 words in A and B, and the 50 words in A, B and C.
/// Occurrences are ordered by (document, begin); passages by their first occurrence, then by
/// longer first.
///
/// **Earliest.** `earliest` indexes the occurrence whose document has the earliest date in a
/// metadata column (default "published"). Dates are ISO 8601 prefixes, "YYYY", "YYYY-MM" or
/// "YYYY-MM-DD", each read as the interval of days it names: one plan is earlier than another
/// only when its interval ends before the other's begins ("2024-06" is before "2024-07" and
/// "2024-07-15"; "2024-07" and "2024-07-15" are tied). earliest is SIZE_MAX when the corpus has
/// no such column, when any occurrence's document has no date (an empty value), or when no one
/// document is earlier than all the others (a tie). Several occurrences in the earliest document
/// are not a tie: the first of them is taken.
///
/// **Template text.** Passing a template_report (template_mask.hpp) in shared_options::exclude
/// makes every word that overlaps a template span unmatchable, so the government's own wording,
/// quoted by many plans, is never reported as shared.
///
/// **Cost.** For T words in all, W = T / s windows, b bands used and r rows: O(T·(k + w)) to
/// hash shingles and windows, O(T·b·r) for the signatures (sliding minima, Lemire 2006), O(b·W)
/// to bucket band keys (radix sort), and O(C·m log m) to verify C candidate window pairs with m
/// shingles per window, plus the length of the runs found. C grows with the square of the
/// number of plans that share one window: text shared by hundreds of plans (template wording)
/// is best masked first (see `exclude`). Memory is O(T + W + C). Signatures and verification
/// run in parallel over documents and document pairs; the result is the same for any thread
/// count. benchmarks/README.md has timings.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"
#include "plansim/plans/detail/words.hpp"
#include "plansim/plans/template_mask.hpp"

namespace plansim {

/// Options of find_shared_passages.
struct shared_options {
  /// Words per shingle (k). At least 1, at most min_words and window_words.
  std::size_t shingle_words = 8;
  /// The shortest passage reported, in words, so boilerplate like "the council will" is not.
  std::size_t min_words = 12;
  /// LSH: the MinHash signature has bands × rows values, cut into `bands` bands.
  std::size_t bands = 16, rows = 4;
  /// Seed of the shingle and MinHash hashes.
  std::uint64_t seed = 0;
  /// Threads, 0 for all cores; results do not depend on it.
  std::size_t threads = 1;
  /// Words per window; 0 means min_words (which, with window_stride 1, finds every passage).
  std::size_t window_words = 0;
  /// A window starts every window_stride words. At least 1.
  std::size_t window_stride = 1;
  /// When set, words overlapping the report's template spans are never part of a passage. The
  /// report must have been made for the same corpus; it must outlive the call.
  const template_report* exclude = nullptr;
};

/// Where a shared passage occurs: bytes [begin, end) of document::text.
struct shared_occurrence {
  std::size_t document = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// One text shared by two or more plans (see the file comment for the grouping rule).
struct shared_passage {
  std::vector<shared_occurrence> occurrences;  ///< by (document, begin); at least two documents
  std::size_t words = 0;                       ///< normalised words in the passage
  std::string text;                            ///< the first occurrence's bytes of document::text
  std::size_t earliest = SIZE_MAX;             ///< index into occurrences, or SIZE_MAX (see above)
};

namespace plans_detail {

/// An ISO 8601 date prefix as the closed interval of days it names, encoded y*10000 + m*100 + d.
struct date_interval {
  std::int64_t first = 0;
  std::int64_t last = 0;
};

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (surrounding spaces ignored); false otherwise.
inline bool parse_date(std::string_view s, date_interval& out) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  const auto digits = [&](std::size_t at, std::size_t n, std::int64_t& v) {
    if (at + n > s.size()) return false;
    v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  std::int64_t y = 0, m = 0, d = 0;
  if (!digits(0, 4, y)) return false;
  if (s.size() == 4) {
    out = {y * 10000 + 101, y * 10000 + 1231};
    return true;
  }
  if (s.size() < 7 || s[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) return false;
  if (s.size() == 7) {
    out = {y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31};
    return true;
  }
  if (s.size() != 10 || s[7] != '-' || !digits(8, 2, d) || d < 1 || d > 31) return false;
  out = {y * 10000 + m * 100 + d, y * 10000 + m * 100 + d};
  return true;
}

/// A maximal common run: words [a0, a0 + length) of document a equal [b0, b0 + length) of b.
struct word_match {
  std::uint32_t a = 0, b = 0;
  std::size_t a0 = 0, b0 = 0, length = 0;
};

/// A candidate window pair: window starting at word pa of document a, pb of document b (a < b).
struct window_pair {
  std::uint32_t a, b, pa, pb;
  bool operator<(const window_pair& o) const noexcept {
    return std::tie(a, b, pa, pb) < std::tie(o.a, o.b, o.pa, o.pb);
  }
  bool operator==(const window_pair& o) const noexcept = default;
};

/// Window starts of a sequence of n words: 0, s, 2s, ... and n - w, for windows of
/// min(w, n) words; none when n < k.
inline std::vector<std::uint32_t> window_starts(std::size_t n, std::size_t w, std::size_t s, std::size_t k) {
  std::vector<std::uint32_t> out;
  if (n < k) return out;
  if (n <= w) return {0};
  for (std::size_t p = 0; p + w <= n; p += s) out.push_back(static_cast<std::uint32_t>(p));
  if (out.back() + w < n) out.push_back(static_cast<std::uint32_t>(n - w));
  return out;
}

/// Minimum of v over each window [start, start + m) for the given starts (ascending), by a
/// monotone queue of indices (Lemire 2006, "Streaming maximum-minimum filter using no more than
/// three comparisons per element"): O(|v|). Windows are clipped to v's end. `queue` is scratch.
inline void sliding_minima(const std::vector<std::uint64_t>& v, std::size_t m, const std::vector<std::uint32_t>& starts,
                           std::vector<std::uint64_t>& out, std::vector<std::uint32_t>& queue) {
  out.resize(starts.size());
  queue.resize(v.size() + 1);
  std::size_t head = 0, tail = 0;  // queue[head, tail): indices with increasing values
  std::size_t next = 0;            // next index of v to push
  for (std::size_t w = 0; w < starts.size(); ++w) {
    const std::size_t begin = starts[w];
    const std::size_t end = std::min(v.size(), begin + m);
    if (next < begin) {  // a stride jumped past elements: start afresh
      head = tail = 0;
      next = begin;
    }
    while (next < end) {
      while (tail > head && v[queue[tail - 1]] >= v[next]) --tail;
      queue[tail++] = static_cast<std::uint32_t>(next++);
    }
    while (queue[head] < begin) ++head;
    out[w] = v[queue[head]];
  }
}

/// One window's key in one band: window `window` (an index into its document's starts) of `doc`.
struct band_entry {
  std::uint64_t key;
  std::uint32_t doc, window;
};

/// Sorts entries by key, keeping the order of equal keys (LSD radix sort, 16 bits a pass):
/// entries made in (doc, window) order come out in (key, doc, window) order. O(n), `buffer` is scratch.
inline void radix_sort_by_key(std::vector<band_entry>& entries, std::vector<band_entry>& buffer) {
  buffer.resize(entries.size());
  std::vector<std::size_t> count(65536);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (const band_entry& e : entries) ++count[(e.key >> shift) & 0xffff];
    std::size_t total = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = total;
      total += here;
    }
    for (const band_entry& e : entries) buffer[count[(e.key >> shift) & 0xffff]++] = e;
    entries.swap(buffer);
  }
}

}  // namespace plans_detail

/// Finds the passages two or more documents share (see the file comment for the method,
/// recall, grouping, `earliest` and cost).
/// @throws invalid_argument [plansim.shared_passages.1] shingle_words is 0,
///         [plansim.shared_passages.2] bands or rows is 0,
///         [plansim.shared_passages.3] the corpus is empty,
///         [plansim.shared_passages.4] min_words or window_words below shingle_words,
///         [plansim.shared_passages.5] window_stride is 0,
///         [plansim.shared_passages.6] `exclude` was not made for this corpus;
///         data_error [plansim.shared_passages.7] a date that is not an ISO 8601 prefix
[[nodiscard]] inline std::vector<shared_passage> find_shared_passages(const corpus& c, const shared_options& options = {},
                                                                     std::string_view date_column = "published") {
  constexpr std::string_view caller = "find_shared_passages";
  const std::size_t k = options.shingle_words;
  if (k == 0) {
    throw invalid_argument("shared_passages", 1, caller, "shingle_words is 0", "use at least 1; 8 is the default");
  }
  if (options.bands == 0 || options.rows == 0) {
    throw invalid_argument("shared_passages", 2, caller,
                           "bands * rows is 0 (bands " + std::to_string(options.bands) + ", rows " +
                               std::to_string(options.rows) + ")",
                           "use at least one band of at least one row; 16 bands of 4 rows is the default");
  }
  if (c.empty()) {
    throw invalid_argument("shared_passages", 3, caller, "the corpus is empty", "read at least one document");
  }
  const std::size_t w = options.window_words == 0 ? options.min_words : options.window_words;
  if (options.min_words < k || w < k) {
    throw invalid_argument("shared_passages", 4, caller,
                           "min_words (" + std::to_string(options.min_words) + ") or window_words (" +
                               std::to_string(w) + ") is below shingle_words (" + std::to_string(k) + ")",
                           "a passage and a window must hold at least one shingle");
  }
  if (options.window_stride == 0) {
    throw invalid_argument("shared_passages", 5, caller, "window_stride is 0", "use 1 to start a window at every word");
  }
  if (options.exclude != nullptr) {
    plans_detail::check_template_report(c, *options.exclude, caller, "shared_passages", 6);
  }
  // Dates first, so a bad value fails before the work.
  const std::size_t n_docs = c.size();
  std::vector<plans_detail::date_interval> dates(n_docs);
  std::vector<bool> dated(n_docs, false);
  if (!date_column.empty() && c.has_metadata_column(date_column)) {
    for (std::size_t d = 0; d < n_docs; ++d) {
      const std::string_view value = c.metadata(d, date_column);
      if (value.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (!plans_detail::parse_date(value, dates[d])) {
        throw data_error("shared_passages", 7, caller,
                         "document \"" + c[d].name + "\" has " + std::string(date_column) + " \"" +
                             std::string(value) + "\", not a date",
                         "write dates as YYYY, YYYY-MM or YYYY-MM-DD, or leave the value empty");
      }
      dated[d] = true;
    }
  }

  // 1. Words, with template words made unmatchable (each gets an id of its own).
  std::vector<std::string_view> texts;
  texts.reserve(n_docs);
  for (const document& d : c) texts.push_back(d.text);
  plans_detail::word_table words = plans_detail::read_words(texts, options.threads);
  if (options.exclude != nullptr) {
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> spans(n_docs);
    for (const template_span& s : options.exclude->spans) spans[s.document].emplace_back(s.begin, s.end);
    std::uint64_t next_id = words.vocabulary;
    for (std::size_t d = 0; d < n_docs; ++d) {
      std::sort(spans[d].begin(), spans[d].end());
      std::size_t j = 0;
      for (std::size_t i = 0; i < words.ids[d].size(); ++i) {
        const plans_detail::word_span ws = words.spans[d][i];
        while (j < spans[d].size() && spans[d][j].second <= ws.begin) ++j;
        if (j < spans[d].size() && spans[d][j].first < ws.end) words.ids[d][i] = static_cast<std::uint32_t>(next_id++);
      }
    }
  }
  const auto& ids = words.ids;

  // 2. Shingles and windows per document.
  std::vector<std::vector<std::uint64_t>> shingles(n_docs);
  std::vector<std::vector<std::uint32_t>> starts(n_docs);
  std::vector<std::vector<std::uint64_t>> content(n_docs);  // hash of each window's words
  const auto window_length = [&](std::size_t d, std::size_t x) { return std::min(w, ids[d].size() - starts[d][x]); };
  detail::for_each_chunk(n_docs, options.threads, [&](std::size_t d, std::size_t) {
    shingles[d] = plans_detail::shingles_of(ids[d], k, options.seed);
    starts[d] = plans_detail::window_starts(ids[d].size(), w, options.window_stride, k);
    content[d].resize(starts[d].size());
    for (std::size_t x = 0; x < starts[d].size(); ++x)
      content[d][x] = plans_detail::shingle_hash(ids[d], starts[d][x], window_length(d, x), options.seed + 1);
  });
  // Word-for-word equal windows have equal signatures, so they meet in band 0: later bands skip them.
  const auto same_window = [&](const plans_detail::band_entry& x, const plans_detail::band_entry& y) {
    if (content[x.doc][x.window] != content[y.doc][y.window]) return false;
    const std::size_t length = window_length(x.doc, x.window);
    return length == window_length(y.doc, y.window) &&
           plans_detail::same_words(ids[x.doc], starts[x.doc][x.window], ids[y.doc], starts[y.doc][y.window], length);
  };
  const std::size_t m = w - k + 1;  // shingles per full window

  // 3. LSH, one band at a time: band keys of every window, sorted; equal keys are candidates.
  // Each document writes its windows' entries at its own offset, so the array is in (doc, window)
  // order before sorting, whatever the thread count.
  std::vector<std::size_t> offset(n_docs + 1, 0);
  for (std::size_t d = 0; d < n_docs; ++d) offset[d + 1] = offset[d] + starts[d].size();
  struct scratch_space {
    std::vector<std::uint64_t> values, minima;
    std::vector<std::uint32_t> queue;
  };
  std::vector<scratch_space> scratch(detail::thread_count(options.threads, n_docs));
  std::vector<plans_detail::band_entry> entries(offset[n_docs]), sort_buffer;
  std::vector<plans_detail::window_pair> candidates, found, merged;
  // With windows at every word and no longer than min_words, every passage holds a window
  // that is word for word the same in both plans, and such windows meet in every band: the
  // first band finds them all, and further bands, or unequal windows, could only add
  // candidates that verify to nothing new. So they are skipped, and an equal window pair is
  // extended directly.
  const bool every_word = options.window_stride == 1 && w <= options.min_words;
  const std::size_t bands = every_word ? 1 : options.bands;
  for (std::size_t band = 0; band < bands; ++band) {
    detail::for_each_chunk(n_docs, options.threads, [&](std::size_t d, std::size_t worker) {
      if (starts[d].empty()) return;
      scratch_space& s = scratch[worker];
      plans_detail::band_entry* const out = entries.data() + offset[d];
      const std::uint64_t first_key = plans_detail::mix64(options.seed + band + 1);
      for (std::size_t x = 0; x < starts[d].size(); ++x)
        out[x] = {first_key, static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(x)};
      s.values.resize(shingles[d].size());
      for (std::size_t r = 0; r < options.rows; ++r) {
        const std::uint64_t salt =
            plans_detail::mix64(options.seed ^ ((band * options.rows + r + 1) * 0xd1b54a32d192ed03ULL));
        for (std::size_t i = 0; i < s.values.size(); ++i) s.values[i] = plans_detail::mix64(shingles[d][i] ^ salt);
        plans_detail::sliding_minima(s.values, m, starts[d], s.minima, s.queue);
        for (std::size_t x = 0; x < starts[d].size(); ++x) out[x].key = plans_detail::mix64(out[x].key ^ s.minima[x]) + r;
      }
    });
    plans_detail::radix_sort_by_key(entries, sort_buffer);
    found.clear();
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t j = i + 1;
      while (j < entries.size() && entries[j].key == entries[i].key) ++j;
      bool all_same = band > 0;  // a bucket of copies of one window was seen whole in band 0
      for (std::size_t x = i + 1; x < j && all_same; ++x) all_same = same_window(entries[i], entries[x]);
      if (!all_same) {
        for (std::size_t x = i; x < j; ++x) {
          const plans_detail::band_entry& ex = entries[x];
          for (std::size_t y = x + 1; y < j; ++y) {
            const plans_detail::band_entry& ey = entries[y];
            if (ex.doc == ey.doc) continue;
            // With windows at every word only equal windows can lead to a passage (see above);
            // otherwise later bands leave out the equal ones, which band 0 found.
            const bool same = same_window(ex, ey);
            if (every_word ? same : !(band > 0 && same))
              found.push_back({ex.doc, ey.doc, starts[ex.doc][ex.window], starts[ey.doc][ey.window]});
          }
        }
      }
      i = j;
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    merged.clear();
    merged.reserve(candidates.size() + found.size());
    std::set_union(candidates.begin(), candidates.end(), found.begin(), found.end(), std::back_inserter(merged));
    candidates.swap(merged);  // the next band rewrites every entry whole, in (doc, window) order
  }

  // 4. Verification and alignment, per document pair: chunk = a run of candidates of one pair.
  std::vector<std::size_t> pair_begin;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (i == 0 || candidates[i].a != candidates[i - 1].a || candidates[i].b != candidates[i - 1].b) pair_begin.push_back(i);
  pair_begin.push_back(candidates.size());
  std::vector<std::vector<plans_detail::word_match>> pair_matches(pair_begin.size() - 1);
  detail::for_each_chunk(pair_begin.size() - 1, options.threads, [&](std::size_t chunk, std::size_t) {
    const std::uint32_t a = candidates[pair_begin[chunk]].a;
    const std::uint32_t b = candidates[pair_begin[chunk]].b;
    const std::vector<std::uint32_t>& ia = ids[a];
    const std::vector<std::uint32_t>& ib = ids[b];
    const std::vector<std::uint64_t>& sa = shingles[a];
    const std::vector<std::uint64_t>& sb = shingles[b];
    // Runs already extended, by (diagonal, first word in a) -> one past the last word in a.
    std::map<std::pair<std::int64_t, std::size_t>, std::size_t> done;
    std::vector<std::pair<std::uint64_t, std::size_t>> window_b;  // (hash, position), sorted
    std::vector<plans_detail::word_match>& out = pair_matches[chunk];
    // Extends the anchor "words [ta, ta + k) of a equal [tb, tb + k) of b" to its maximal run,
    // unless a run already found on the same diagonal holds it.
    const auto extend = [&](std::size_t ta, std::size_t tb) {
      const std::int64_t diagonal = static_cast<std::int64_t>(tb) - static_cast<std::int64_t>(ta);
      auto seen = done.upper_bound({diagonal, ta});
      if (seen != done.begin()) {
        --seen;
        if (seen->first.first == diagonal && seen->first.second <= ta && ta < seen->second) return;
      }
      std::size_t x0 = ta, y0 = tb;
      while (x0 > 0 && y0 > 0 && ia[x0 - 1] == ib[y0 - 1]) --x0, --y0;
      std::size_t x1 = ta + k, y1 = tb + k;
      while (x1 < ia.size() && y1 < ib.size() && ia[x1] == ib[y1]) ++x1, ++y1;
      done.emplace(std::pair<std::int64_t, std::size_t>(diagonal, x0), x1);
      if (x1 - x0 >= options.min_words) out.push_back({a, b, x0, y0, x1 - x0});
    };
    for (std::size_t ci = pair_begin[chunk]; ci < pair_begin[chunk + 1]; ++ci) {
      const plans_detail::window_pair& cand = candidates[ci];
      if (every_word) {  // the two windows are word for word equal: they are their own anchor
        extend(cand.pa, cand.pb);
        continue;
      }
      const std::size_t a_end = std::min(sa.size(), cand.pa + m);
      const std::size_t b_end = std::min(sb.size(), cand.pb + m);
      window_b.clear();
      for (std::size_t t = cand.pb; t < b_end; ++t) window_b.emplace_back(sb[t], t);
      std::sort(window_b.begin(), window_b.end());
      for (std::size_t ta = cand.pa; ta < a_end; ++ta) {
        auto it = std::lower_bound(window_b.begin(), window_b.end(), std::pair<std::uint64_t, std::size_t>(sa[ta], 0));
        for (; it != window_b.end() && it->first == sa[ta]; ++it) {
          if (plans_detail::same_words(ia, ta, ib, it->second, k)) extend(ta, it->second);  // else a hash collision
        }
      }
    }
    std::sort(out.begin(), out.end(), [](const plans_detail::word_match& p, const plans_detail::word_match& q) {
      return std::tie(p.a0, p.b0) < std::tie(q.a0, q.b0);
    });
  });

  // 5. Groups: one per distinct run of normalised words.
  struct group {
    std::uint32_t doc;  // a representative occurrence, to compare words exactly
    std::size_t first, length;
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> occurrences;  // (doc, first word, length)
  };
  std::vector<group> groups;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_hash;
  const auto group_of = [&](std::uint32_t doc, std::size_t first, std::size_t length) -> group& {
    std::uint64_t h = plans_detail::mix64(length);
    for (std::size_t i = first; i < first + length; ++i) h = plans_detail::mix64(h ^ (ids[doc][i] + std::uint64_t{1}));
    std::vector<std::size_t>& bucket = by_hash[h];
    for (const std::size_t g : bucket) {
      if (groups[g].length == length && plans_detail::same_words(ids[groups[g].doc], groups[g].first, ids[doc], first, length))
        return groups[g];
    }
    bucket.push_back(groups.size());
    groups.push_back({doc, first, length, {}});
    return groups.back();
  };
  for (const auto& matches : pair_matches) {
    for (const plans_detail::word_match& mt : matches) {
      group& g = group_of(mt.a, mt.a0, mt.length);
      g.occurrences.emplace_back(mt.a, mt.a0, mt.length);
      g.occurrences.emplace_back(mt.b, mt.b0, mt.length);
    }
  }
  std::vector<shared_passage> out;
  out.reserve(groups.size());
  for (group& g : groups) {
    std::sort(g.occurrences.begin(), g.occurrences.end());
    g.occurrences.erase(std::unique(g.occurrences.begin(), g.occurrences.end()), g.occurrences.end());
    shared_passage p;
    p.words = g.length;
    for (const auto& [doc, first, length] : g.occurrences) {
      p.occurrences.push_back({doc, words.spans[doc][first].begin, words.spans[doc][first + length - 1].end});
    }
    const shared_occurrence& o = p.occurrences.front();
    p.text = c[o.document].text.substr(o.begin, o.end - o.begin);
    // Earliest: the one document whose date interval ends before every other's begins.
    bool all_dated = true;
    for (const shared_occurrence& x : p.occurrences) all_dated = all_dated && dated[x.document];
    if (all_dated) {
      std::size_t best = 0;
      for (std::size_t i = 1; i < p.occurrences.size(); ++i)
        if (dates[p.occurrences[i].document].last < dates[p.occurrences[best].document].last) best = i;
      bool strictly = true;
      for (const shared_occurrence& x : p.occurrences) {
        if (x.document != p.occurrences[best].document &&
            !(dates[p.occurrences[best].document].last < dates[x.document].first))
          strictly = false;
      }
      if (strictly) p.earliest = best;
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const shared_passage& p, const shared_passage& q) {
    const shared_occurrence& x = p.occurrences.front();
    const shared_occurrence& y = q.occurrences.front();
    if (x.document != y.document) return x.document < y.document;
    if (x.begin != y.begin) return x.begin < y.begin;
    if (p.words != q.words) return p.words > q.words;
    return p.occurrences.size() > q.occurrences.size();
  });
  return out;
}

}  // namespace plansim
