#pragma once
/// @file
/// Tokenizers: split valid UTF-8 text into words, as std::string_view into the text.
///
/// Both tokenizers are small value types with the same two entry points:
///   - `next(text, pos)` finds the next token at or after byte `pos`, advances `pos` past it and
///     returns it, or returns std::nullopt at the end (the step that views::tokenize builds on);
///   - `tok(text, on_token)` calls `on_token(std::string_view)` for every token, in order.
/// Neither allocates nor makes a virtual call per token. ASCII bytes are classified by a table
/// (or, in sklearn_tokenizer's operator(), 64 at a time); only non-ASCII bytes are decoded.
/// Invalid UTF-8 is read as U+FFFD (not a word character); run to_valid_utf8 first to decide what
/// invalid input should do.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "plansim/detail/ascii_block.hpp"
#include "plansim/error.hpp"
#include "plansim/text/unicode.hpp"
#include "plansim/text/utf8.hpp"

namespace plansim {

/// scikit-learn's default tokenizer: Python's `re.findall(r"(?u)\b\w\w+\b", text)`.
///
/// `\w` is Python's (is_python_word: `c.isalnum() or c == '_'`). Because `\w\w+` is greedy and
/// `\b` needs a word/non-word transition on both sides, a match can neither start nor end inside
/// a run of `\w` characters: the tokens are exactly the maximal runs of at least two `\w` code
/// points. So "naïve" is one token when precomposed (U+00EF is alphabetic), but "nai\u0308ve"
/// gives "nai" and "ve", since a combining mark is not `\w`: normalise first (normalize_text).
class sklearn_tokenizer {
 public:
  /// The next token at or after byte `pos`, with `pos` moved past it; std::nullopt at the end.
  [[nodiscard]] std::optional<std::string_view> next(std::string_view text, std::size_t& pos) const noexcept {
    const std::size_t n = text.size();
    while (pos < n) {
      std::size_t length = 0;
      if (!is_word_at(text, pos, length)) {
        pos += length;
        continue;
      }
      const std::size_t start = pos;
      std::size_t code_points = 0;
      do {
        pos += length;
        ++code_points;
      } while (pos < n && is_word_at(text, pos, length));
      if (code_points >= 2) return text.substr(start, pos - start);
    }
    return std::nullopt;
  }

  /// Calls `on_token(std::string_view)` for each token of `text`, in order.
  ///
  /// Why two paths: most text is ASCII, where `\w` is [0-9A-Za-z_] and a code point is a byte, so
  /// 64-byte blocks are classified at once into a bitmask (detail/ascii_block.hpp) and token
  /// boundaries found with bit scans. A block holding any non-ASCII byte hands over to next(), the
  /// exact scalar path, from the start of the token in progress; the tests check both agree.
  template <class F>
  void operator()(std::string_view text, F&& on_token) const {
    const std::size_t n = text.size();
    const char* const data = text.data();
    std::size_t pos = 0;              // start of the current block
    std::size_t start = 0;            // start of the token in progress, when in_token
    bool in_token = false;            // a run of \w continues from the previous block
    const auto emit = [&](std::size_t first, std::size_t last) {
      if (last - first >= 2) on_token(std::string_view(data + first, last - first));  // in range: no substr check
    };
    while (pos < n) {
      const std::size_t length = std::min<std::size_t>(64, n - pos);
      bool non_ascii = false;
      std::uint64_t word = 0;
      if (length == 64) {
        word = detail::swar::ascii_word_mask64(data + pos, non_ascii);
      } else {
        char tail[64] = {};  // zero bytes are not \w, so the short block ends any run
        std::memcpy(tail, data + pos, length);
        word = detail::swar::ascii_word_mask64(tail, non_ascii);
      }
      if (non_ascii) {  // exact path until past this block, then back to blocks at a boundary
        std::size_t p = in_token ? start : pos;
        in_token = false;
        const std::size_t block_end = pos + length;
        for (;;) {
          const std::optional<std::string_view> token = next(text, p);
          if (!token) return;
          on_token(*token);
          if (p >= block_end) break;
        }
        pos = p;  // next() stops on a non-word code point (or the end): no token is in progress
        continue;
      }
      if (in_token) {
        const int run = std::countr_one(word);
        if (run == 64) {
          pos += 64;
          continue;
        }
        emit(start, pos + static_cast<std::size_t>(run));
        in_token = false;
        word &= ~((std::uint64_t{1} << run) - 1);
      }
      // The runs' first bits, decoded to positions before any token is emitted: each run's end
      // is then found from its own start, not from the previous run's end, so tokens do not
      // wait on one another (clearing each run from `word` in turn chained every token to the
      // one before it).
      const std::uint64_t starts = word & ~(word << 1);
      std::uint8_t first[64];
      const int runs = decode_bits(starts, first);
      for (int i = 0; i < runs; ++i) {
        const int end = first[i] + std::countr_one(word >> first[i]);
        if (end == 64) {  // the run reaches the block's end: it may go on in the next block
          in_token = true;
          start = pos + first[i];
          break;
        }
        emit(pos + first[i], pos + static_cast<std::size_t>(end));
      }
      pos += length;
    }
    if (in_token) emit(start, n);
  }

 private:
  // Writes the positions of the set bits of `bits` to `out`, lowest first, and returns how many.
  // Eight at a time without a loop test: a block holds about ten runs, so the count tests are
  // predictable where a test per bit was not. Positions past the count are junk.
  static int decode_bits(std::uint64_t bits, std::uint8_t* out) noexcept {
    const int count = std::popcount(bits);
    for (int done = 0; done < count; done += 8, out += 8) {
      for (int k = 0; k < 8; ++k) {
        out[k] = static_cast<std::uint8_t>(std::countr_zero(bits) & 63);
        bits &= bits - 1;
      }
    }
    return count;
  }

  static constexpr std::array<bool, 128> ascii_word_ = [] {
    std::array<bool, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = is_python_word(c);
    return t;
  }();

  // Whether the code point at `pos` is \w; sets `length` to its size in bytes.
  static bool is_word_at(std::string_view text, std::size_t pos, std::size_t& length) noexcept {
    const auto b = static_cast<std::uint8_t>(text[pos]);
    if (b < 0x80) {
      length = 1;
      return ascii_word_[b];
    }
    const utf8_decoded d = decode_utf8(text, pos);
    length = d.length;
    return d.valid && is_python_word(d.code_point);
  }
};

/// Options of word_tokenizer.
struct word_tokenizer_options {
  /// Split "housing-led" into "housing" and "led" (true), or keep it whole (false).
  bool split_hyphens = false;
  /// Keep amounts of money, percentages and grouped or decimal numbers as single tokens
  /// ("£749.2m", "17%", "1,200"); see word_tokenizer for the exact forms.
  bool keep_money = true;
  /// Drop tokens of fewer code points than this (2, like scikit-learn's `\w\w+`). At least 1.
  std::size_t min_length = 2;
};

/// plansim's word tokenizer, for prose in any script.
///
/// **Words.** A word starts with a letter or digit of any script (general category L*, Nd, Nl,
/// No) and continues over letters, digits and marks (M*, so Devanagari vowel signs and
/// combining accents stay inside the word). Inside a word, that is with a letter or digit on
/// both sides, these join:
///   - the apostrophes U+0027 ' and U+2019 ’ ("council's", "council’s"; never at either end),
///   - the hyphens U+002D -, U+2010 ‐ and U+2011 ‑ ("housing-led"), unless `split_hyphens`.
/// Everything else separates words, including the underscore, punctuation, symbols and emoji.
///
/// **Money and numbers** (`keep_money`). At the start of a token, with D an ASCII digit:
///
///     number  = D+ ("," D D D)* ("." D+)?        a "," group needs exactly three digits
///     money   = ("£" | "$" | "€" | "¥") number ("k" | "m" | "bn" | "tn")?   suffix in any ASCII case
///     percent = number "%"
///
/// The longest such match is one token ("£749.2m", "£18", "£1.23m", "$5bn", "£600k", "17%",
/// "2.5%", "1,200", "3.5") provided it is not followed by a letter or digit, nor by a joining
/// apostrophe or hyphen; otherwise the text is read as words ("£5million" gives "5million",
/// "2024-25" stays one hyphenated word). A currency sign not followed by a digit is not part of
/// any token. Without `keep_money`, "£1,200.50" gives "1", "200" and "50" (before min_length).
class word_tokenizer {
 public:
  /// @throws invalid_argument `[plansim.text.1]` when options.min_length is 0
  explicit word_tokenizer(word_tokenizer_options options = {}) : options_(options) {
    if (options_.min_length == 0) {
      throw invalid_argument("text", 1, "word_tokenizer", "min_length is 0",
                             "use 1 to keep every token");
    }
  }

  /// The options this tokenizer was made with.
  [[nodiscard]] const word_tokenizer_options& options() const noexcept { return options_; }

  /// The next token at or after byte `pos`, with `pos` moved past it; std::nullopt at the end.
  [[nodiscard]] std::optional<std::string_view> next(std::string_view text, std::size_t& pos) const noexcept {
    while (pos < text.size()) {
      const std::size_t start = pos;
      const unit u = read(text, pos);
      if (options_.keep_money && (u.kind_of == kind::digit || u.kind_of == kind::currency)) {
        const std::size_t end = match_number(text, pos, u);
        if (end != 0) {
          pos = end;
          if (long_enough(text.substr(start, end - start))) return text.substr(start, end - start);
          continue;
        }
      }
      if (!starts_word(u.kind_of)) {
        pos += u.length;
        continue;
      }
      pos = scan_word(text, pos + u.length);
      if (long_enough(text.substr(start, pos - start))) return text.substr(start, pos - start);
    }
    return std::nullopt;
  }

  /// Calls `on_token(std::string_view)` for each token of `text`, in order.
  template <class F>
  void operator()(std::string_view text, F&& on_token) const {
    std::size_t pos = 0;
    while (const std::optional<std::string_view> token = next(text, pos)) on_token(*token);
  }

 private:
  enum class kind : std::uint8_t { other, letter, digit, mark, apostrophe, hyphen, currency, percent, end };

  struct unit {
    kind kind_of = kind::end;
    std::size_t length = 0;
  };

  static constexpr std::array<kind, 128> ascii_kinds_ = [] {
    std::array<kind, 128> t{};
    for (char32_t c = 0; c < 128; ++c) {
      t[c] = c >= '0' && c <= '9' ? kind::digit : is_letter_or_digit(c) ? kind::letter : kind::other;
    }
    t['\''] = kind::apostrophe;
    t['-'] = kind::hyphen;
    t['$'] = kind::currency;
    t['%'] = kind::percent;
    return t;
  }();

  // What the code point at `pos` is, and its length in bytes (kind::end past the text).
  static unit read(std::string_view text, std::size_t pos) noexcept {
    if (pos >= text.size()) return {kind::end, 0};
    const auto b = static_cast<std::uint8_t>(text[pos]);
    if (b < 0x80) return {ascii_kinds_[b], 1};
    const utf8_decoded d = decode_utf8(text, pos);
    if (!d.valid) return {kind::other, d.length};
    switch (d.code_point) {
      case U'\u2019': return {kind::apostrophe, d.length};
      case U'\u2010':
      case U'\u2011': return {kind::hyphen, d.length};
      case U'\u00A3':
      case U'\u20AC':
      case U'\u00A5': return {kind::currency, d.length};
      default: break;
    }
    const std::uint16_t p = unicode_properties(d.code_point);
    if ((p & unicode_property::mark) != 0) return {kind::mark, d.length};
    if ((p & unicode_property::letter_or_digit) != 0) return {kind::letter, d.length};
    return {kind::other, d.length};
  }

  static constexpr bool starts_word(kind k) noexcept { return k == kind::letter || k == kind::digit; }
  static constexpr bool continues_word(kind k) noexcept { return starts_word(k) || k == kind::mark; }

  bool joins(kind k) const noexcept {
    return k == kind::apostrophe || (k == kind::hyphen && !options_.split_hyphens);
  }

  bool long_enough(std::string_view token) const noexcept {
    std::size_t code_points = 0;
    for (const char c : token) code_points += (static_cast<std::uint8_t>(c) & 0xC0u) != 0x80u;
    return code_points >= options_.min_length;
  }

  // The end of the word whose first code point ends at `pos`.
  std::size_t scan_word(std::string_view text, std::size_t pos) const noexcept {
    for (;;) {
      const unit u = read(text, pos);
      if (continues_word(u.kind_of)) {
        pos += u.length;
      } else if (joins(u.kind_of) && starts_word(read(text, pos + u.length).kind_of)) {
        pos += u.length;  // the letter after the joiner is taken on the next round
      } else {
        return pos;
      }
    }
  }

  // Whether a number/money token may end at `pos`: no letter, digit or joined word follows.
  bool may_end_at(std::string_view text, std::size_t pos) const noexcept {
    const unit u = read(text, pos);
    if (continues_word(u.kind_of)) return false;
    return !(joins(u.kind_of) && starts_word(read(text, pos + u.length).kind_of));
  }

  static std::size_t digits_from(std::string_view text, std::size_t pos) noexcept {
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    return pos;
  }

  static bool ascii_is(std::string_view text, std::size_t pos, char lower) noexcept {
    return pos < text.size() && (text[pos] | 0x20) == lower;
  }

  // The end of the money, percent or number token starting at `pos` (whose first code point is
  // `first`), or 0 when there is none. Grammar in the class comment.
  std::size_t match_number(std::string_view text, std::size_t pos, unit first) const noexcept {
    const bool money = first.kind_of == kind::currency;
    std::size_t i = money ? pos + first.length : pos;
    const std::size_t int_end = digits_from(text, i);
    if (int_end == i) return 0;  // a currency sign without a digit
    i = int_end;
    // "," groups of exactly three digits.
    while (i < text.size() && text[i] == ',') {
      const std::size_t group_end = digits_from(text, i + 1);
      if (group_end != i + 4) break;
      i = group_end;
    }
    if (i + 1 < text.size() && text[i] == '.' && text[i + 1] >= '0' && text[i + 1] <= '9') {
      i = digits_from(text, i + 1);
    }
    if (money) {
      // Longest suffix first, and only when it ends the token.
      if ((ascii_is(text, i, 'b') || ascii_is(text, i, 't')) && ascii_is(text, i + 1, 'n') &&
          may_end_at(text, i + 2)) {
        i += 2;
      } else if ((ascii_is(text, i, 'k') || ascii_is(text, i, 'm')) && may_end_at(text, i + 1)) {
        i += 1;
      }
    } else if (i < text.size() && text[i] == '%') {
      ++i;
    }
    return may_end_at(text, i) ? i : 0;
  }

  word_tokenizer_options options_;
};

}  // namespace plansim
