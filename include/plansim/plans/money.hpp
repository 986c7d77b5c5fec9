#pragma once
/// @file
/// Amounts of money and percentages mentioned in a plan, normalised so plans can be compared:
/// "£749.2m" is 749,200,000 pounds wherever it appears, and "17 per cent" is 17%.
///
/// **Money** (all forms case-insensitive in their letters):
///
///     "£" [spaces] number [unit]              £18, £1,234, £749.2m, £600k, £1.2bn, £ 5m
///     "£" number spaces word-unit             £18 million, £1.94 billion, £3 thousand
///     number [spaces word-unit] spaces "pounds"    18 million pounds, 500 pounds
///
/// number = digits, then groups of "," and exactly three digits, then optionally "." and digits
/// (a "," not followed by three digits ends the number: "£12,287, the" is 12,287). An attached
/// unit is k (thousand), m or mn (million), bn (billion), tn (trillion), or a word-unit
/// (thousand, million, billion, trillion, singular or plural) attached or after spaces; "bn" may
/// also follow spaces. A unit must end the word ("£5 more" is £5, "£5million" is £5 million).
/// The value is computed from the decimal digits exactly: mantissa × unit / 10^decimals, so
/// "£749.2m" is exactly 749200000.
///
/// **Percentages**: number, then "%" (optionally after spaces), or spaces and "per cent" or
/// "percent": 17%, 17 %, 17 per cent, 17.5 percent.
///
/// **Ranges** are one mention spanning both ends: "£2m-£3m", "£2m – £3m", "£2m to £3m",
/// "£2 to £3 million", "£2-3m", "5-10%", "5 to 10 per cent", "5%-10%". `pounds` (or `percent`)
/// holds the low end as written and `pounds_high` (`percent_high`) the high end; for a single
/// amount both are equal. A low end without a unit takes the high end's ("£2 to £3 million" is
/// 2,000,000 to 3,000,000). The separator is "-", "–" (en dash), "—" (em dash) or "to", with any
/// spaces around it; the high end must carry "£" or a unit (money) or a percent sign or words
/// (percent), must not lack a unit the low end has ("£2m to £3" is one amount, £2m), and must
/// not be below the low end, so "£5 to 10 staff", "£2m to 2025" and "from 2020 to 17%" are
/// single amounts. "between £2m and £3m" is
/// two mentions.
///
/// **Per annum**: an amount or range followed (after spaces, an optional comma) by "per annum",
/// "per year", "a year", "each year", "every year", "annually", "p.a.", "pa", "/yr" or "/year"
/// (words on word boundaries, any case) has `per_annum` set, and `end` still stops at the amount.
/// "£45.6 per head" is not per annum.
///
/// A number touching a letter or digit before it ("A4", "x2") or after it ("2024-25" is no range
/// of percents, "5G") is no mention. Offsets are bytes into document::text; `sentence_begin` and
/// `sentence_end` are the sentence (split_sentences) holding the mention's first byte.
/// Themes come from segment_themes: theme_at(themed, document, mention.begin).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/corpus/passages.hpp"

namespace plansim {

/// An amount of money or a percentage found in a document.
struct money_mention {
  std::size_t document = 0;  ///< the document's id
  std::size_t begin = 0;     ///< bytes of the amount (or range) in document::text
  std::size_t end = 0;
  std::string text;          ///< the amount as written
  double pounds = std::numeric_limits<double>::quiet_NaN();       ///< normalised; NaN for a percentage
  bool percentage = false;
  double percent = std::numeric_limits<double>::quiet_NaN();      ///< 17 for "17%"; NaN for money
  bool per_annum = false;
  std::size_t sentence_begin = 0;  ///< bytes of the sentence holding the amount
  std::size_t sentence_end = 0;
  double pounds_high = std::numeric_limits<double>::quiet_NaN();  ///< high end of a range, else = pounds
  double percent_high = std::numeric_limits<double>::quiet_NaN(); ///< high end of a range, else = percent
};

namespace money_detail {

inline bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool alnum(char c) noexcept { return digit(c) || letter(c); }
inline char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) noexcept {
  if (at + word.size() > text.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (lower(text[at + k]) != word[k]) return false;
  }
  return true;
}

/// A word ends at `at`: no letter or digit follows.
inline bool word_ends(std::string_view text, std::size_t at) noexcept { return at >= text.size() || !alnum(text[at]); }

inline std::size_t skip_spaces(std::string_view text, std::size_t at) noexcept {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  // A no-break space (U+00A0) counts too.
  while (at + 1 < text.size() && text[at] == '\xC2' && text[at + 1] == '\xA0') {
    at += 2;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  }
  return at;
}

inline bool pound_at(std::string_view text, std::size_t at) noexcept {
  return at + 1 < text.size() && text[at] == '\xC2' && text[at + 1] == '\xA3';
}

struct number {
  std::size_t end = 0;
  double mantissa = 0.0;    ///< all digits as one integer
  int decimals = 0;         ///< digits after the point
};

/// The number at `at` (grammar in the file comment), or end = 0.
inline number read_number(std::string_view text, std::size_t at) noexcept {
  number n;
  std::size_t i = at;
  if (i >= text.size() || !digit(text[i])) return n;
  while (i < text.size() && digit(text[i])) n.mantissa = n.mantissa * 10.0 + (text[i++] - '0');
  while (i + 3 < text.size() && text[i] == ',' && digit(text[i + 1]) && digit(text[i + 2]) && digit(text[i + 3]) &&
         (i + 4 >= text.size() || !digit(text[i + 4]))) {
    for (std::size_t k = 1; k <= 3; ++k) n.mantissa = n.mantissa * 10.0 + (text[i + k] - '0');
    i += 4;
  }
  if (i + 1 < text.size() && text[i] == '.' && digit(text[i + 1])) {
    ++i;
    while (i < text.size() && digit(text[i])) {
      n.mantissa = n.mantissa * 10.0 + (text[i++] - '0');
      ++n.decimals;
    }
  }
  n.end = i;
  return n;
}

struct unit {
  std::size_t end = 0;  ///< 0 when there is none
  double multiplier = 1.0;
};

/// A unit right after a number ending at `at` (attached, or a word after spaces).
inline unit read_unit(std::string_view text, std::size_t at) noexcept {
  struct form {
    std::string_view word;
    double multiplier;
    bool after_space;
  };
  static constexpr form forms[] = {
      {"thousands", 1e3, true},  {"thousand", 1e3, true},   {"millions", 1e6, true},  {"million", 1e6, true},
      {"billions", 1e9, true},   {"billion", 1e9, true},    {"trillions", 1e12, true}, {"trillion", 1e12, true},
      {"bn", 1e9, true},         {"mn", 1e6, false},        {"tn", 1e12, false},      {"m", 1e6, false},
      {"k", 1e3, false},
  };
  const std::size_t spaced = skip_spaces(text, at);
  for (const form& f : forms) {
    if (starts_with_ci(text, at, f.word) && word_ends(text, at + f.word.size())) return {at + f.word.size(), f.multiplier};
    if (f.after_space && spaced > at && starts_with_ci(text, spaced, f.word) && word_ends(text, spaced + f.word.size()))
      return {spaced + f.word.size(), f.multiplier};
  }
  return {};
}

/// A percent marker after a number ending at `at`: its end, or 0.
inline std::size_t read_percent(std::string_view text, std::size_t at) noexcept {
  const std::size_t spaced = skip_spaces(text, at);
  if (spaced < text.size() && text[spaced] == '%') return spaced + 1;
  if (spaced == at) return 0;
  if (starts_with_ci(text, spaced, "percent") && word_ends(text, spaced + 7)) return spaced + 7;
  if (starts_with_ci(text, spaced, "per cent") && word_ends(text, spaced + 8)) return spaced + 8;
  return 0;
}

/// One end of an amount: "£2m", "3 million pounds", "17%", or a bare "2".
struct amount {
  std::size_t begin = 0, end = 0;  ///< end = 0: none
  bool pound = false;              ///< "£" before or "pounds" after
  bool has_unit = false;
  bool percent = false;
  number value;
  double multiplier = 1.0;
};

inline amount read_amount(std::string_view text, std::size_t at) noexcept {
  amount a;
  a.begin = at;
  std::size_t i = at;
  if (pound_at(text, i)) {
    a.pound = true;
    i = skip_spaces(text, i + 2);
  }
  a.value = read_number(text, i);
  if (a.value.end == 0) return {};
  i = a.value.end;
  if (!a.pound) {
    const std::size_t p = read_percent(text, i);
    if (p != 0) {
      a.percent = true;
      a.end = p;
      return a;
    }
  }
  const unit u = read_unit(text, i);
  if (u.end != 0) {
    a.has_unit = true;
    a.multiplier = u.multiplier;
    i = u.end;
  } else if (i < text.size() && alnum(text[i])) {
    return {};  // "5G", "2nd"
  }
  if (!a.pound) {
    const std::size_t s = skip_spaces(text, i);
    if (s > i && starts_with_ci(text, s, "pound")) {
      std::size_t e = s + 5;
      if (e < text.size() && lower(text[e]) == 's') ++e;
      if (word_ends(text, e)) {
        a.pound = true;
        i = e;
      }
    }
  }
  a.end = i;
  return a;
}

inline double value_of(const number& n, double multiplier) noexcept {
  return n.mantissa * multiplier / std::pow(10.0, n.decimals);
}

/// The end of a range separator at `at` ("-", "–", "—", "to", with spaces), or 0.
inline std::size_t read_separator(std::string_view text, std::size_t at) noexcept {
  std::size_t i = at;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && text[i] == '-') {
    ++i;
  } else if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94") {
    i += 3;
  } else if (i > at && starts_with_ci(text, i, "to") && i + 2 < text.size() && text[i + 2] == ' ') {
    i += 2;
  } else {
    return 0;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  return i;
}

/// The end of a per-annum phrase after `at`, or 0.
inline std::size_t read_per_annum(std::string_view text, std::size_t at) noexcept {
  std::size_t i = skip_spaces(text, at);
  if (i < text.size() && text[i] == ',') i = skip_spaces(text, i + 1);
  static constexpr std::string_view phrases[] = {"per annum", "per year", "a year", "each year", "every year",
                                                 "annually", "p.a.", "pa", "/yr", "/year", "per yr"};
  for (const std::string_view p : phrases) {
    if (starts_with_ci(text, i, p) && (p.back() == '.' || word_ends(text, i + p.size()))) return i + p.size();
  }
  // "/yr" and "/year" attach to the amount.
  if (starts_with_ci(text, at, "/yr") && word_ends(text, at + 3)) return at + 3;
  if (starts_with_ci(text, at, "/year") && word_ends(text, at + 5)) return at + 5;
  return 0;
}

}  // namespace money_detail

/// The amounts of money and percentages in `d`, in text order; see the file comment.
[[nodiscard]] inline std::vector<money_mention> find_money(const document& d) {
  using namespace money_detail;
  const std::string_view text = d.text;
  std::vector<money_mention> out;
  const std::vector<passage> sentences = split_sentences(d);
  std::size_t i = 0;
  while (i < text.size()) {
    const bool pound = pound_at(text, i);
    if (!pound && !(digit(text[i]) && (i == 0 || !(alnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == ',')))) {
      ++i;
      continue;
    }
    amount low = read_amount(text, i);
    if (low.end == 0) {
      i += pound ? 2 : 1;
      while (i < text.size() && digit(text[i])) ++i;
      continue;
    }
    amount high;
    if (const std::size_t s = read_separator(text, low.end); s != 0) {
      const amount h = read_amount(text, s);
      const double low_value = value_of(low.value, low.has_unit ? low.multiplier : h.multiplier);
      const bool ordered = h.end != 0 && low_value <= value_of(h.value, h.multiplier);
      const bool money_range = ordered && !low.percent && !h.percent && (h.pound || h.has_unit) &&
                               (low.pound || h.pound) && (h.has_unit || !low.has_unit);
      const bool percent_range = ordered && h.percent && (low.percent || (!low.pound && !low.has_unit));
      if (money_range || percent_range) high = h;
    }
    if (high.end == 0 && !low.pound && !low.percent) {  // a bare number
      i = low.value.end;
      continue;
    }
    money_mention m;
    m.document = d.id;
    m.begin = low.begin;
    m.end = high.end != 0 ? high.end : low.end;
    m.text = std::string(text.substr(m.begin, m.end - m.begin));
    if (low.percent || high.percent) {
      m.percentage = true;
      m.percent = value_of(low.value, 1.0);
      m.percent_high = high.end != 0 ? value_of(high.value, 1.0) : m.percent;
    } else {
      const double low_multiplier = low.has_unit ? low.multiplier : (high.end != 0 ? high.multiplier : 1.0);
      m.pounds = value_of(low.value, low_multiplier);
      m.pounds_high = high.end != 0 ? value_of(high.value, high.multiplier) : m.pounds;
    }
    m.per_annum = read_per_annum(text, m.end) != 0;
    const auto s = std::upper_bound(sentences.begin(), sentences.end(), m.begin,
                                    [](std::size_t at, const passage& p) { return at < p.begin; });
    if (s != sentences.begin() && m.begin < std::prev(s)->end) {
      m.sentence_begin = std::prev(s)->begin;
      m.sentence_end = std::prev(s)->end;
    } else {
      m.sentence_begin = m.begin;
      m.sentence_end = m.end;
    }
    out.push_back(std::move(m));
    i = out.back().end;
  }
  return out;
}

/// find_money of every document, in document order.
[[nodiscard]] inline std::vector<money_mention> find_money(const corpus& c) {
  std::vector<money_mention> out;
  for (const document& d : c) {
    std::vector<money_mention> some = find_money(d);
    out.insert(out.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
  }
  return out;
}

}  // namespace plansim
