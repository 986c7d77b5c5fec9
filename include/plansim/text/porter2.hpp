#pragma once
/// @file
/// The Snowball English stemmer ("Porter2"), our own implementation.
///
/// Reference: M. F. Porter, "The English (Porter2) stemming algorithm",
/// https://snowballstem.org/algorithms/english/stemmer.html, and its Snowball source
/// (english.sbl). We implement the algorithm as published from November 2006 up to and including
/// Snowball 2.2 (libstemmer 2.2.0, the version in Debian 12), which is the version the official
/// test vocabulary (snowball-data, voc.txt -> output.txt, 29,417 words) was made with; our tests
/// check every one of those words. In order:
///
/// - words of two letters or fewer are left alone; the exceptional forms (skis, skies, dying,
///   lying, tying, idly, gently, ugly, early, only, singly, and the invariant sky, news, howe,
///   atlas, cosmos, bias, andes) are replaced whole;
/// - an initial apostrophe is removed; an initial y, and a y after a vowel, become Y (a
///   consonant); R1 and R2 are found, with R1 starting after the prefixes gener, commun, arsen;
/// - steps 0 and 1a; then the invariant words inning, outing, canning, herring, earring,
///   proceed, exceed, succeed stop the stemming; else steps 1b, 1c, 2, 3, 4, 5; Y becomes y.
///
/// Snowball 3.0.0 revised the algorithm (no undoubling after a single a, e or o; evening,
/// past, universe, lateral, -ogist; the ing/eed exceptions moved into step 1b). Those changes
/// are not implemented: the vocabulary we test against (Debian 12's snowball-data) predates
/// them, and libstemmer 2.x, NLTK and most other tools still give the 2.x stems. The website
/// page now describes 3.0; its change list says exactly what differs.
///
/// Input is one lower-case word in UTF-8. Like libstemmer's UTF-8 stemmer, we count letters in
/// code points: a non-ASCII letter is one non-vowel letter (so "né" has two letters and is left
/// alone, and "café" + "s" stems to "café"). Bytes that are not valid UTF-8 are kept, each one
/// counted as a non-vowel letter. The apostrophe rules (step 0, the initial apostrophe) use the
/// ASCII apostrophe U+0027 only: callers should map U+2019 (’) and U+02BC to ' first (a
/// tokenizer's normalisation step); otherwise ’ is an ordinary non-vowel letter and
/// "council’s" stems to "council’", exactly as libstemmer does. Upper-case input is not
/// folded, and an upper-case Y would be taken for the algorithm's consonant marker.
///
/// Example:
/// @code
///   plansim::porter2_stemmer stemmer;
///   std::string_view s = stemmer.stem("generously");   // "generous", valid until the next call
/// @endcode

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "plansim/text/detail/ngram_utf8.hpp"

namespace plansim {

namespace detail::porter2 {

/// A suffix and what replaces it.
struct rule {
  std::string_view suffix;
  std::string_view replacement;
};

[[nodiscard]] constexpr bool is_vowel(char32_t c) noexcept {
  return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u' || c == U'y';
}

[[nodiscard]] constexpr bool is_double(char32_t c) noexcept {
  return c == U'b' || c == U'd' || c == U'f' || c == U'g' || c == U'm' || c == U'n' || c == U'p' ||
         c == U'r' || c == U't';
}

[[nodiscard]] constexpr bool is_valid_li(char32_t c) noexcept {
  return c == U'c' || c == U'd' || c == U'e' || c == U'g' || c == U'h' || c == U'k' || c == U'm' ||
         c == U'n' || c == U'r' || c == U't';
}

// Exceptional forms, matched against the whole word before anything else.
inline constexpr std::array<rule, 18> exception1{{{"skis", "ski"},
                                                  {"skies", "sky"},
                                                  {"dying", "die"},
                                                  {"lying", "lie"},
                                                  {"tying", "tie"},
                                                  {"idly", "idl"},
                                                  {"gently", "gentl"},
                                                  {"ugly", "ugli"},
                                                  {"early", "earli"},
                                                  {"only", "onli"},
                                                  {"singly", "singl"},
                                                  {"sky", "sky"},
                                                  {"news", "news"},
                                                  {"howe", "howe"},
                                                  {"atlas", "atlas"},
                                                  {"cosmos", "cosmos"},
                                                  {"bias", "bias"},
                                                  {"andes", "andes"}}};

// Words left as they are once step 1a has run.
inline constexpr std::array<std::string_view, 8> exception2{"inning",  "outing",  "canning", "herring",
                                                            "earring", "proceed", "exceed",  "succeed"};

inline constexpr std::array<std::string_view, 3> r1_prefixes{"gener", "commun", "arsen"};

// Step 2 and 3 rules. "ogi" and "li" carry extra conditions, checked in step_2.
inline constexpr std::array<rule, 24> step2_rules{
    {{"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},   {"abli", "able"},   {"entli", "ent"},
     {"izer", "ize"},    {"ization", "ize"}, {"ational", "ate"}, {"ation", "ate"},   {"ator", "ate"},
     {"alism", "al"},    {"aliti", "al"},    {"alli", "al"},     {"fulness", "ful"}, {"ousli", "ous"},
     {"ousness", "ous"}, {"iveness", "ive"}, {"iviti", "ive"},   {"biliti", "ble"},  {"bli", "ble"},
     {"ogi", "og"},      {"fulli", "ful"},   {"lessli", "less"}, {"li", ""}}};

inline constexpr std::array<rule, 9> step3_rules{{{"tional", "tion"},
                                                  {"ational", "ate"},
                                                  {"alize", "al"},
                                                  {"icate", "ic"},
                                                  {"iciti", "ic"},
                                                  {"ical", "ic"},
                                                  {"ful", ""},
                                                  {"ness", ""},
                                                  {"ative", ""}}};

inline constexpr std::array<std::string_view, 18> step4_suffixes{
    "al",   "ance", "ence", "er",  "ic",  "able", "ible", "ant", "ement",
    "ment", "ent",  "ism",  "ate", "iti", "ous",  "ive",  "ize", "ion"};

/// The algorithm over one word held as a string of letters: `char` for ASCII words, `char32_t`
/// (one element per code point) otherwise, so letter counts and positions are code points.
template <class Char>
class algorithm {
 public:
  using string = std::basic_string<Char>;

  /// Stems `w` in place.
  void run(string& w) {
    w_ = &w;
    if (whole_word_exception(w)) {
      return;
    }
    if (w.size() <= 2) {
      return;
    }
    prelude();
    mark_regions();
    step_0();
    step_1a();
    if (!is_one_of(exception2)) {
      step_1b();
      step_1c();
      step_2();
      step_3();
      step_4();
      step_5();
    }
    if (y_found_) {
      for (Char& c : w) {
        if (c == Char('Y')) {
          c = Char('y');
        }
      }
    }
  }

 private:
  [[nodiscard]] std::size_t size() const noexcept { return w_->size(); }
  [[nodiscard]] Char at(std::size_t i) const noexcept { return (*w_)[i]; }
  [[nodiscard]] static char32_t wide(Char c) noexcept { return static_cast<char32_t>(c); }
  [[nodiscard]] bool vowel_at(std::size_t i) const noexcept { return is_vowel(wide(at(i))); }

  [[nodiscard]] bool equals(std::string_view s) const noexcept {
    if (size() != s.size()) {
      return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (at(i) != Char(s[i])) {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] bool ends_with(std::string_view s) const noexcept {
    if (size() < s.size()) {
      return false;
    }
    const std::size_t start = size() - s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (at(start + i) != Char(s[i])) {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] bool starts_with(std::string_view s) const noexcept {
    if (size() < s.size()) {
      return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (at(i) != Char(s[i])) {
        return false;
      }
    }
    return true;
  }

  template <std::size_t N>
  [[nodiscard]] bool is_one_of(const std::array<std::string_view, N>& words) const noexcept {
    for (std::string_view word : words) {
      if (equals(word)) {
        return true;
      }
    }
    return false;
  }

  void replace_suffix(std::size_t suffix_length, std::string_view replacement) {
    w_->resize(size() - suffix_length);
    for (char c : replacement) {
      w_->push_back(Char(c));
    }
  }

  /// The longest rule whose suffix ends the word, or nullptr. Snowball's `among` picks the
  /// longest match and never falls back to a shorter one when its condition then fails.
  template <std::size_t N>
  [[nodiscard]] const rule* longest(const std::array<rule, N>& rules) const noexcept {
    const rule* best = nullptr;
    for (const rule& r : rules) {
      if ((best == nullptr || r.suffix.size() > best->suffix.size()) && ends_with(r.suffix)) {
        best = &r;
      }
    }
    return best;
  }

  bool whole_word_exception(string& w) {
    for (const rule& r : exception1) {
      if (equals(r.suffix)) {
        replace_suffix(w.size(), r.replacement);
        return true;
      }
    }
    return false;
  }

  /// Does the word, cut at `end`, end in a short syllable? Either non-vowel (not w, x or Y),
  /// vowel, non-vowel; or vowel, non-vowel as the whole word.
  [[nodiscard]] bool short_syllable_before(std::size_t end) const noexcept {
    if (end >= 3) {
      const Char last = at(end - 1);
      if (!vowel_at(end - 1) && last != Char('w') && last != Char('x') && last != Char('Y') &&
          vowel_at(end - 2) && !vowel_at(end - 3)) {
        return true;
      }
    }
    return end == 2 && vowel_at(0) && !vowel_at(1);
  }

  void prelude() {
    string& w = *w_;
    if (w.front() == Char('\'')) {
      w.erase(0, 1);
    }
    y_found_ = false;
    if (w.front() == Char('y')) {
      w.front() = Char('Y');
      y_found_ = true;
    }
    // Left to right, so in "sayyid" the second y follows Y (a consonant) and stays a vowel.
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == Char('y') && vowel_at(i - 1)) {
        w[i] = Char('Y');
        y_found_ = true;
      }
    }
  }

  /// Position just past the first non-vowel that follows a vowel, searching from `from`.
  [[nodiscard]] std::size_t region_after(std::size_t from) const noexcept {
    std::size_t i = from;
    while (i < size() && !vowel_at(i)) {
      ++i;
    }
    while (i < size() && vowel_at(i)) {
      ++i;
    }
    return i < size() ? i + 1 : size();
  }

  void mark_regions() {
    p1_ = region_after(0);
    for (std::string_view prefix : r1_prefixes) {
      if (starts_with(prefix)) {  // "generous": R1 is "ous", not "erous"
        p1_ = prefix.size();
        break;
      }
    }
    p2_ = region_after(p1_);
  }

  [[nodiscard]] bool in_r1(std::size_t suffix_length) const noexcept { return size() - suffix_length >= p1_; }
  [[nodiscard]] bool in_r2(std::size_t suffix_length) const noexcept { return size() - suffix_length >= p2_; }

  void step_0() {
    for (std::string_view suffix : {std::string_view("'s'"), std::string_view("'s"), std::string_view("'")}) {
      if (ends_with(suffix)) {
        replace_suffix(suffix.size(), "");
        return;
      }
    }
  }

  void step_1a() {
    if (ends_with("sses")) {
      replace_suffix(4, "ss");
    } else if (ends_with("ied") || ends_with("ies")) {
      replace_suffix(3, size() > 4 ? "i" : "ie");  // "ties" -> "tie", "cries" -> "cri"
    } else if (ends_with("us") || ends_with("ss")) {
      // unchanged
    } else if (ends_with("s") && size() >= 2) {
      // Delete if a vowel comes before the letter just before the s: "gaps" -> "gap", "gas" stays.
      for (std::size_t i = 0; i + 2 < size(); ++i) {
        if (vowel_at(i)) {
          replace_suffix(1, "");
          return;
        }
      }
    }
  }

  void step_1b() {
    static constexpr std::array<rule, 6> rules{
        {{"eed", ""}, {"eedly", ""}, {"ed", ""}, {"edly", ""}, {"ing", ""}, {"ingly", ""}}};
    const rule* r = longest(rules);
    if (r == nullptr) {
      return;
    }
    const std::size_t n = r->suffix.size();
    if (r->suffix.starts_with("eed")) {
      if (in_r1(n)) {
        replace_suffix(n, "ee");
      }
      return;
    }
    bool has_vowel = false;
    for (std::size_t i = 0; i + n < size(); ++i) {
      has_vowel = has_vowel || vowel_at(i);
    }
    if (!has_vowel) {
      return;
    }
    replace_suffix(n, "");
    if (ends_with("at") || ends_with("bl") || ends_with("iz")) {
      replace_suffix(0, "e");
    } else if (size() >= 2 && at(size() - 1) == at(size() - 2) && is_double(wide(at(size() - 1)))) {
      replace_suffix(1, "");
    } else if (size() == p1_ && short_syllable_before(size())) {
      // "Short word": R1 (fixed before the deletion) is now empty, and it ends in a short syllable.
      replace_suffix(0, "e");
    }
  }

  void step_1c() {
    const std::size_t n = size();
    if (n >= 3 && (at(n - 1) == Char('y') || at(n - 1) == Char('Y')) && !vowel_at(n - 2)) {
      (*w_)[n - 1] = Char('i');  // "cry" -> "cri"; "by" (n == 2) and "say" are kept
    }
  }

  void step_2() {
    const rule* r = longest(step2_rules);
    if (r == nullptr || !in_r1(r->suffix.size())) {
      return;
    }
    const std::size_t before = size() - r->suffix.size();  // index of the letter before the suffix
    if (r->suffix == "ogi" && (before == 0 || at(before - 1) != Char('l'))) {
      return;
    }
    if (r->suffix == "li" && (before == 0 || !is_valid_li(wide(at(before - 1))))) {
      return;
    }
    replace_suffix(r->suffix.size(), r->replacement);
  }

  void step_3() {
    const rule* r = longest(step3_rules);
    if (r == nullptr || !in_r1(r->suffix.size())) {
      return;
    }
    if (r->suffix == "ative" && !in_r2(r->suffix.size())) {
      return;
    }
    replace_suffix(r->suffix.size(), r->replacement);
  }

  void step_4() {
    std::string_view best;
    for (std::string_view suffix : step4_suffixes) {
      if (suffix.size() > best.size() && ends_with(suffix)) {
        best = suffix;
      }
    }
    if (best.empty() || !in_r2(best.size())) {
      return;
    }
    if (best == "ion") {
      const std::size_t before = size() - 3;
      if (before == 0 || (at(before - 1) != Char('s') && at(before - 1) != Char('t'))) {
        return;
      }
    }
    replace_suffix(best.size(), "");
  }

  void step_5() {
    const std::size_t n = size();
    if (ends_with("e")) {
      if (in_r2(1) || (in_r1(1) && !short_syllable_before(n - 1))) {
        replace_suffix(1, "");
      }
    } else if (ends_with("l")) {
      if (in_r2(1) && n >= 2 && at(n - 2) == Char('l')) {
        replace_suffix(1, "");
      }
    }
  }

  string* w_ = nullptr;
  std::size_t p1_ = 0;
  std::size_t p2_ = 0;
  bool y_found_ = false;
};

}  // namespace detail::porter2

/// Stems lower-case English words with the Snowball English (Porter2) algorithm; see the file
/// comment for the exact version and the rules for non-ASCII input.
///
/// Not thread-safe: each thread needs its own stemmer. After the buffers have grown to the
/// longest word seen, `stem` allocates nothing.
class porter2_stemmer {
 public:
  /// Returns the stem of `lowercase_word` (lower-case, UTF-8). The view points into this
  /// stemmer's buffer and stays valid until the next call to `stem` or the stemmer's end.
  [[nodiscard]] std::string_view stem(std::string_view lowercase_word) {
    bool ascii = true;
    for (char c : lowercase_word) {
      ascii = ascii && static_cast<unsigned char>(c) < 0x80U;
    }
    if (ascii) {
      bytes_.assign(lowercase_word);
      narrow_.run(bytes_);
      return bytes_;
    }
    return stem_code_points(lowercase_word);
  }

 private:
  // Bytes that are not valid UTF-8 travel through the code point path as U+DC80..U+DCFF (as
  // Python's "surrogateescape" does) and are written back unchanged.
  static constexpr char32_t escaped_byte_base = 0xDC00;

  std::string_view stem_code_points(std::string_view word) {
    code_points_.clear();
    std::size_t at = 0;
    while (at < word.size()) {
      const detail::ngram_utf8::unit u = detail::ngram_utf8::decode(word, at);
      code_points_.push_back(u.valid ? u.code_point : escaped_byte_base + u.code_point);
      at += u.length;
    }
    wide_.run(code_points_);
    bytes_.clear();
    for (char32_t c : code_points_) {
      if (c >= escaped_byte_base + 0x80 && c <= escaped_byte_base + 0xFF) {
        bytes_.push_back(static_cast<char>(static_cast<unsigned char>(c - escaped_byte_base)));
      } else {
        detail::ngram_utf8::append(bytes_, c);
      }
    }
    return bytes_;
  }

  std::string bytes_;
  std::u32string code_points_;
  detail::porter2::algorithm<char> narrow_;
  detail::porter2::algorithm<char32_t> wide_;
};

}  // namespace plansim
