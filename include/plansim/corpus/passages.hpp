#pragma once
/// @file
/// Splitting documents into paragraphs and sentences, as byte ranges of their text.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// A span of one document's text: a paragraph or a sentence.
struct passage {
  std::size_t document = 0;  ///< the document's id
  std::size_t index = 0;     ///< 0-based position among that document's passages
  std::size_t begin = 0;     ///< byte offset into document::text where the passage starts
  std::size_t end = 0;       ///< byte offset one past its last byte (half-open)
};

/// The passage's text, a view into the corpus's document.
/// @throws invalid_argument [plansim.corpus.15] when the passage lies outside the corpus
[[nodiscard]] inline std::string_view text_of(const corpus& c, const passage& p) {
  if (p.document >= c.size() || p.begin > p.end || p.end > c[p.document].text.size()) {
    throw invalid_argument("corpus", 15, "text_of",
                           "passage [" + std::to_string(p.begin) + ", " + std::to_string(p.end) +
                               ") of document " + std::to_string(p.document) + " lies outside the corpus",
                           "use passages made from this corpus");
  }
  return std::string_view(c[p.document].text).substr(p.begin, p.end - p.begin);
}

namespace corpus_detail {

inline bool passage_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Adds [b, e) to `out`, less surrounding whitespace, unless nothing is left.
inline void add_trimmed(std::vector<passage>& out, std::string_view text, std::size_t doc, std::size_t b,
                        std::size_t e) {
  while (b < e && passage_space(text[b])) ++b;
  while (e > b && passage_space(text[e - 1])) --e;
  if (b < e) out.push_back({doc, out.size(), b, e});
}

/// A line that is a paragraph on its own: an ATX heading ("## Title"), a pipe table row
/// ("| a | b |"), or a row of a table converted to text with tabs between cells.
inline bool standalone_line(std::string_view line) noexcept {
  std::size_t b = 0;
  std::size_t e = line.size();
  while (b < e && passage_space(line[b])) ++b;
  while (e > b && passage_space(line[e - 1])) --e;
  if (b == e) return false;
  const std::string_view t = line.substr(b, e - b);
  if (t.front() == '|') return true;
  if (t.front() == '#') {
    const std::size_t hashes = t.find_first_not_of('#');
    return hashes == std::string_view::npos || (hashes <= 6 && (t[hashes] == ' ' || t[hashes] == '\t'));
  }
  return t.find('\t') != std::string_view::npos;
}

/// True when "...<word>." ending at `dot` must not end a sentence: an abbreviation, a single
/// initial, or a number at the start of a line, after nothing but markdown marks.
inline bool keeps_sentence_going(std::string_view text, std::size_t begin, std::size_t dot) noexcept {
  static constexpr std::array<std::string_view, 20> abbreviations{
      "e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "al", "viz", "Mr",
      "Mrs", "Ms",  "Dr",  "No", "Nos",    "St",   "Cllr", "Prof", "Sr", "Jr"};
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t w = dot;
  while (w > begin && (letter(text[w - 1]) || (text[w - 1] == '.' && w - 1 > begin && letter(text[w - 2])))) --w;
  const std::string_view word = text.substr(w, dot - w);
  if (!word.empty() && (w == begin || !(text[w - 1] >= '0' && text[w - 1] <= '9'))) {
    for (const std::string_view a : abbreviations) {
      if (word == a) return true;
      // "E.g." and "Etc." at the start of a sentence.
      if (word.size() == a.size() && a.front() >= 'a' && word.front() == a.front() - 'a' + 'A' &&
          word.substr(1) == a.substr(1))
        return true;
    }
    if (word.size() == 1 && word.front() >= 'A' && word.front() <= 'Z') return true;  // "J. Smith"
  }
  std::size_t d = dot;
  while (d > begin && text[d - 1] >= '0' && text[d - 1] <= '9') --d;
  if (d == dot) return false;
  // "1. How the council ..." opens a list item, "### **2. Plans" a numbered heading.
  const auto line_mark = [](char c) { return c == ' ' || c == '\t' || c == '#' || c == '*' || c == '_' || c == '>'; };
  while (d > begin && line_mark(text[d - 1])) --d;
  return d == begin || text[d - 1] == '\n';
}

/// True when a sentence may start at `k`: an upper-case letter, a digit, an opening quote or
/// bracket, a bullet, or a pound sign.
inline bool opens_sentence(std::string_view text, std::size_t k) noexcept {
  const char c = text[k];
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '-' || c == '*') return true;
  const std::string_view rest = text.substr(k, 3);
  if (rest == "\xE2\x80\x9C" || rest == "\xE2\x80\x98" || rest == "\xE2\x80\xA2") return true;  // “ ‘ •
  if (rest.substr(0, 2) == "\xC2\xA3") return true;                                             // £
  // Latin-1 capitals, À to Þ.
  return rest.size() >= 2 && rest[0] == '\xC3' && static_cast<unsigned char>(rest[1]) >= 0x80 &&
         static_cast<unsigned char>(rest[1]) <= 0x9E;
}

/// Length of a closing quote or bracket at `k`, or 0.
inline std::size_t closer_length(std::string_view text, std::size_t k) noexcept {
  const char c = text[k];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  const std::string_view rest = text.substr(k, 3);
  return rest == "\xE2\x80\x9D" || rest == "\xE2\x80\x99" ? 3 : 0;  // ” ’
}

/// Length of a list marker ("- ", "* ", "+ ", "• ", "12. ", "3) ") at `k`, or 0.
inline std::size_t list_marker(std::string_view text, std::size_t k, std::size_t e) noexcept {
  std::size_t m = k;
  if (text.substr(k, 3) == "\xE2\x80\xA2") {
    m += 3;
  } else if (text[k] == '-' || text[k] == '*' || text[k] == '+') {
    ++m;
  } else {
    while (m < e && text[m] >= '0' && text[m] <= '9') ++m;
    if (m == k || m >= e || (text[m] != '.' && text[m] != ')')) return 0;
    ++m;
  }
  return m < e && (text[m] == ' ' || text[m] == '\t') ? m - k : 0;
}

/// The text that shows a document's structure: before masking, when it was masked.
inline std::string_view structure_of(const document& d) noexcept {
  return d.from_markdown && d.unmasked_text.size() == d.text.size() ? std::string_view(d.unmasked_text)
                                                                    : std::string_view(d.text);
}

inline void sentences_of(std::vector<passage>& out, std::string_view text, std::string_view structure,
                         std::size_t doc, std::size_t pb, std::size_t pe) {
  std::size_t start = pb;
  std::size_t i = pb;
  while (i < pe) {
    const char c = text[i];
    if (c == '\n') {
      // A line that starts a list item ends the sentence before it, punctuated or not.
      std::size_t k = i + 1;
      while (k < pe && (structure[k] == ' ' || structure[k] == '\t')) ++k;
      if (k < pe && list_marker(structure, k, pe) != 0) {
        add_trimmed(out, text, doc, start, i);
        start = k;
      }
      ++i;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < pe && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    while (j < pe) {
      const std::size_t n = closer_length(text, j);
      if (n == 0) break;
      j += n;
    }
    if (j < pe && !passage_space(text[j])) {  // "749.2", "gov.uk", "e.g.,"
      i = j;
      continue;
    }
    std::size_t k = j;
    while (k < pe && passage_space(text[k])) ++k;
    const bool single_dot = c == '.' && j == i + 1;
    if (k < pe && (!opens_sentence(text, k) || (single_dot && keeps_sentence_going(text, pb, i)))) {
      i = j;
      continue;
    }
    add_trimmed(out, text, doc, start, j);
    start = k;
    i = k;
  }
  add_trimmed(out, text, doc, start, pe);
}

}  // namespace corpus_detail

/// Splits a document into paragraphs: blocks of lines separated by one or more blank lines
/// (lines of only whitespace). A heading line ("## Title"), a pipe table row ("| a | b |") and a
/// line with a tab between two cells (a table converted to text, as in the sample plans) are
/// paragraphs of their own, so table cells never merge with prose. In a masked markdown document
/// these marks are looked for in document::unmasked_text, and blank lines in document::text (where
/// table separator rows and code fences are blank). Each range is trimmed of whitespace in
/// document::text, so it starts and ends with text, not with blanked syntax; none is empty.
[[nodiscard]] inline std::vector<passage> split_paragraphs(const document& d) {
  std::vector<passage> out;
  const std::string_view text = d.text;
  const std::string_view structure = corpus_detail::structure_of(d);
  std::size_t block = std::string_view::npos;  // start of the paragraph being gathered
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    const std::string_view line = text.substr(start, stop - start);
    const bool blank = std::all_of(line.begin(), line.end(), corpus_detail::passage_space);
    if (blank || corpus_detail::standalone_line(structure.substr(start, stop - start))) {
      if (block != std::string_view::npos) corpus_detail::add_trimmed(out, text, d.id, block, start);
      block = std::string_view::npos;
      if (!blank) corpus_detail::add_trimmed(out, text, d.id, start, stop);
    } else if (block == std::string_view::npos) {
      block = start;
    }
    start = stop + 1;
  }
  if (block != std::string_view::npos) corpus_detail::add_trimmed(out, text, d.id, block, text.size());
  return out;
}

/// Splits a document into sentences, within its paragraphs (split_paragraphs): a paragraph's
/// end always ends a sentence. A sentence also ends after `.`, `!` or `?` (and any closing
/// quotes or brackets, `"` `'` `)` `]` `”` `’`) that are followed by whitespace and then an
/// upper-case letter, a digit, an opening quote or bracket, a bullet or `£`; but never after the
/// abbreviations e.g., i.e., etc., vs., approx., incl., cf., al., viz., Mr, Mrs, Ms, Dr, No, Nos,
/// St, Cllr, Prof, Sr, Jr (followed by `.`), a single capital initial ("J. Smith"), or the number
/// of an ordered list item or heading at the start of a line ("1. How ...", "## **2. Plans"). Decimal numbers (749.2) never
/// split, as no whitespace follows their dot. A line that starts a list item ("- ", "* ", "• ",
/// "2. ", "3) ") ends the sentence before it. Ranges are trimmed; none is empty.
[[nodiscard]] inline std::vector<passage> split_sentences(const document& d) {
  std::vector<passage> out;
  for (const passage& p : split_paragraphs(d)) {
    corpus_detail::sentences_of(out, d.text, corpus_detail::structure_of(d), d.id, p.begin, p.end);
  }
  return out;
}

/// The paragraphs of every document, ordered by document, then offset; index counts within
/// each document.
[[nodiscard]] inline std::vector<passage> split_paragraphs(const corpus& c) {
  std::vector<passage> out;
  for (const document& d : c) {
    const std::vector<passage> some = split_paragraphs(d);
    out.insert(out.end(), some.begin(), some.end());
  }
  return out;
}

/// The sentences of every document, ordered by document, then offset; index counts within
/// each document.
[[nodiscard]] inline std::vector<passage> split_sentences(const corpus& c) {
  std::vector<passage> out;
  for (const document& d : c) {
    const std::vector<passage> some = split_sentences(d);
    out.insert(out.end(), some.begin(), some.end());
  }
  return out;
}

}  // namespace plansim
