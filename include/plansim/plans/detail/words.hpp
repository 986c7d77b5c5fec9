#pragma once
/// @file
/// Not API. The normalised word sequences that template masking and shared-passage detection
/// compare: every word of a text with its byte range, and an exact id for its normalised form.
///
/// A word is a token of plansim's word_tokenizer with hyphens split ("decision-making" and
/// "decision making" are the same two words) and min_length 1 (so "a" and "I" count, and word
/// counts are those a reader sees). Its normalised form is normalize_text with full case folding,
/// accents kept and U+2019 read as an apostrophe ("Council’s" and "council's" agree).
/// Punctuation and whitespace are not words, so they never stop two texts from matching.
/// Ids are exact (an interning table, not a hash), numbered by first appearance in text order.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "plansim/detail/parallel.hpp"
#include "plansim/text/normalize.hpp"
#include "plansim/text/tokenizer.hpp"

namespace plansim::plans_detail {

/// splitmix64's finaliser: a bijective 64-bit mix with full avalanche.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// One word of a text: bytes [begin, end) of it.
struct word_span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// The words of several texts: spans[t][i] and ids[t][i] for word i of text t.
struct word_table {
  std::vector<std::vector<word_span>> spans;
  std::vector<std::vector<std::uint32_t>> ids;
  std::size_t vocabulary = 0;  ///< distinct normalised words; ids are below it
};

/// The tokenizer every plans module uses to find words.
[[nodiscard]] inline word_tokenizer plans_tokenizer() {
  word_tokenizer_options options;
  options.split_hyphens = true;
  options.keep_money = true;
  options.min_length = 1;
  return word_tokenizer(options);
}

namespace words_detail {

struct folded_text {
  std::vector<word_span> spans;
  std::string folded;                 // normalised words, back to back
  std::vector<std::size_t> folded_end;  // end of word i in `folded`
};

struct transparent_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace words_detail

/// Tokenizes and normalises every text (in parallel), then numbers the normalised words in text
/// order (sequentially, so ids do not depend on the thread count).
[[nodiscard]] inline word_table read_words(std::span<const std::string_view> texts, std::size_t threads) {
  std::vector<words_detail::folded_text> folded(texts.size());
  const word_tokenizer tokenizer = plans_tokenizer();
  normalize_options normalize;
  normalize.casing = case_mapping::fold;
  normalize.accents = accent_mapping::keep;
  normalize.ascii_apostrophe = true;
  detail::for_each_chunk(texts.size(), threads, [&](std::size_t t, std::size_t) {
    const std::string_view text = texts[t];
    words_detail::folded_text& out = folded[t];
    std::string scratch;
    tokenizer(text, [&](std::string_view token) {
      const auto begin = static_cast<std::size_t>(token.data() - text.data());
      out.spans.push_back({begin, begin + token.size()});
      normalize_text(token, scratch, normalize);
      out.folded += scratch;
      out.folded_end.push_back(out.folded.size());
    });
  });
  word_table table;
  table.spans.resize(texts.size());
  table.ids.resize(texts.size());
  std::unordered_map<std::string, std::uint32_t, words_detail::transparent_hash, std::equal_to<>> ids;
  for (std::size_t t = 0; t < texts.size(); ++t) {
    words_detail::folded_text& f = folded[t];
    std::vector<std::uint32_t>& out = table.ids[t];
    out.reserve(f.spans.size());
    std::size_t start = 0;
    for (const std::size_t end : f.folded_end) {
      const std::string_view word = std::string_view(f.folded).substr(start, end - start);
      start = end;
      auto it = ids.find(word);
      if (it == ids.end()) it = ids.emplace(std::string(word), static_cast<std::uint32_t>(ids.size())).first;
      out.push_back(it->second);
    }
    table.spans[t] = std::move(f.spans);
    f.folded = std::string();
  }
  table.vocabulary = ids.size();
  return table;
}

/// The seeded hash of words [i, i + k) of `ids`: 64 bits, identical on every compiler.
[[nodiscard]] inline std::uint64_t shingle_hash(const std::vector<std::uint32_t>& ids, std::size_t i, std::size_t k,
                                                std::uint64_t seed) noexcept {
  std::uint64_t h = mix64(seed ^ 0x6a09e667f3bcc909ULL);
  for (std::size_t j = 0; j < k; ++j) h = mix64(h ^ ((ids[i + j] + std::uint64_t{1}) * 0x9e3779b97f4a7c15ULL));
  return h;
}

/// The shingle hashes of one word sequence: entry i for words [i, i + k); empty when it has
/// fewer than k words.
[[nodiscard]] inline std::vector<std::uint64_t> shingles_of(const std::vector<std::uint32_t>& ids, std::size_t k,
                                                            std::uint64_t seed) {
  std::vector<std::uint64_t> out;
  if (ids.size() < k) return out;
  out.resize(ids.size() - k + 1);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = shingle_hash(ids, i, k, seed);
  return out;
}

/// True when words [i, i + k) of `a` equal words [j, j + k) of `b`.
[[nodiscard]] inline bool same_words(const std::vector<std::uint32_t>& a, std::size_t i,
                                     const std::vector<std::uint32_t>& b, std::size_t j, std::size_t k) noexcept {
  for (std::size_t x = 0; x < k; ++x)
    if (a[i + x] != b[j + x]) return false;
  return true;
}

}  // namespace plansim::plans_detail
