#pragma once
/// @file
/// Unicode character properties and case/accent mappings, looked up in the generated tables of
/// detail/unicode_tables.hpp (scripts/gen_unicode_tables.py, Python 3.11's unicodedata,
/// Unicode 14.0).
///
/// The properties are Python's, not UTS #18's, because scikit-learn's tokenizer is Python's
/// `re`: for example `is_python_word` is exactly what `(?u)\w` matches in a str pattern.

#include <cstdint>
#include <span>

#include "plansim/text/detail/unicode_tables.hpp"

namespace plansim {

/// The Unicode version of plansim's tables, e.g. "14.0.0".
inline constexpr const char* unicode_version = detail::unicode::unicode_version;

/// Bits of unicode_properties(). The generator (scripts/gen_unicode_tables.py) uses the same values.
namespace unicode_property {
inline constexpr std::uint16_t python_word = 1u << 0;      ///< `c.isalnum() or c == '_'` (re's \w)
inline constexpr std::uint16_t alpha = 1u << 1;            ///< str.isalpha
inline constexpr std::uint16_t numeric = 1u << 2;          ///< str.isnumeric, isdigit or isdecimal
inline constexpr std::uint16_t combining = 1u << 3;        ///< canonical combining class != 0
inline constexpr std::uint16_t whitespace = 1u << 4;       ///< str.isspace
inline constexpr std::uint16_t letter_or_digit = 1u << 5;  ///< general category L*, M*, Nd, Nl, No
inline constexpr std::uint16_t mark = 1u << 6;             ///< general category M*
inline constexpr std::uint16_t cased = 1u << 7;            ///< Unicode Cased
inline constexpr std::uint16_t case_ignorable = 1u << 8;   ///< Unicode Case_Ignorable
}  // namespace unicode_property

namespace detail::unicode {

template <class Stage1, class Stage2>
[[nodiscard]] constexpr auto two_stage_lookup(const Stage1& stage1, const Stage2& stage2, unsigned shift,
                                              char32_t c) noexcept {
  const std::uint32_t block = stage1[c >> shift];
  return stage2[(block << shift) | (c & ((1u << shift) - 1u))];
}

inline constexpr char32_t hangul_first = 0xAC00;
inline constexpr char32_t hangul_last = 0xD7A3;

}  // namespace detail::unicode

/// The property bitset of `c` (bits in namespace unicode_property); 0 for c > U+10FFFF.
[[nodiscard]] constexpr std::uint16_t unicode_properties(char32_t c) noexcept {
  using namespace detail::unicode;
  if (c > 0x10FFFF) return 0;
  return property_classes[two_stage_lookup(property_stage1, property_stage2, property_shift, c)];
}

/// Python's `\w` for str patterns: `c.isalnum() or c == '_'`.
[[nodiscard]] constexpr bool is_python_word(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::python_word) != 0;
}
/// A letter, mark or digit (general category L*, M*, Nd, Nl, No): plansim's word characters.
[[nodiscard]] constexpr bool is_letter_or_digit(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::letter_or_digit) != 0;
}
/// A mark (general category M*), which attaches to the character before it.
[[nodiscard]] constexpr bool is_mark(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::mark) != 0;
}
/// Python's str.isalpha.
[[nodiscard]] constexpr bool is_alpha(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::alpha) != 0;
}
/// Python's str.isnumeric or isdigit or isdecimal.
[[nodiscard]] constexpr bool is_numeric(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::numeric) != 0;
}
/// `unicodedata.combining(c) != 0`: the character has a non-zero canonical combining class.
[[nodiscard]] constexpr bool is_combining(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::combining) != 0;
}
/// Python's str.isspace.
[[nodiscard]] constexpr bool is_whitespace(char32_t c) noexcept {
  return (unicode_properties(c) & unicode_property::whitespace) != 0;
}

namespace detail::unicode {

template <class Stage1, class Stage2, class Entries>
[[nodiscard]] constexpr std::span<const char32_t> mapping(const Stage1& stage1, const Stage2& stage2,
                                                          const Entries& entries, unsigned shift,
                                                          const char32_t& c) noexcept {
  if (c > 0x10FFFF) return {&c, 1};
  const std::uint32_t k = two_stage_lookup(stage1, stage2, shift, c);
  if (k == 0) return {&c, 1};
  const std::uint32_t entry = entries[k - 1];
  return {mapping_pool + (entry >> 5), entry & 31u};
}

}  // namespace detail::unicode

// The mappings return a span that may point at `c` itself: keep `c` alive while using it.

/// Python's `str.lower()` of the one-character string `c` (full mapping: U+0130 gives "i\u0307").
/// The one context-dependent rule of str.lower, Final_Sigma, is applied by normalize_text.
[[nodiscard]] constexpr std::span<const char32_t> lower_mapping(const char32_t& c) noexcept {
  using namespace detail::unicode;
  return mapping(lower_stage1, lower_stage2, lower_entries, lower_shift, c);
}

/// Python's `str.casefold()` of `c`: full Unicode case folding (CaseFolding.txt, status C and F),
/// e.g. U+00DF "ß" gives "ss".
[[nodiscard]] constexpr std::span<const char32_t> fold_mapping(const char32_t& c) noexcept {
  using namespace detail::unicode;
  return mapping(fold_stage1, fold_stage2, fold_entries, fold_shift, c);
}

/// scikit-learn's `strip_accents_unicode` of `c`: its NFKD decomposition without the characters
/// of non-zero combining class (empty for a combining mark). Hangul syllables, whose
/// decomposition is algorithmic (Unicode section 3.12), are not in the tables: `out` receives
/// their jamo, so the span may point into `out`, which must hold 3 code points.
[[nodiscard]] constexpr std::span<const char32_t> strip_accents_mapping(const char32_t& c,
                                                                        char32_t (&out)[3]) noexcept {
  using namespace detail::unicode;
  if (c >= hangul_first && c <= hangul_last) {
    const char32_t s = c - hangul_first;
    out[0] = 0x1100 + s / 588;
    out[1] = 0x1161 + (s % 588) / 28;
    out[2] = 0x11A7 + s % 28;
    return {out, out[2] == 0x11A7 ? 2u : 3u};
  }
  return mapping(strip_stage1, strip_stage2, strip_entries, strip_shift, c);
}

}  // namespace plansim
