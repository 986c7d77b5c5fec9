#pragma once
/// @file
/// Unicode character properties and case/accent mappings, looked up in the generated tables of
/// detail/unicode_tables.hpp (scripts/gen_unicode_tables.py, Python 3.11's unicodedata,
/// Unicode 14.0).
///
/// The properties are Python's, not UTS #18's, because scikit-learn's tokenizer is Python's
/// `re`: for example `is_python_word` is exactly what `(?u)\w` matches in a str pattern.

#include <cstdint>
#include <cstddef>

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

/// The code points a character maps to (case mapping or accent stripping): a small value that
/// is a contiguous range of char32_t, either inside plansim's tables or held inline (the
/// character itself, a Hangul decomposition). Safe to copy and to keep.
class code_point_mapping {
 public:
  /// `size` code points stored at `pooled`, which must outlive the mapping (static tables).
  constexpr code_point_mapping(const char32_t* pooled, std::size_t size) noexcept
      : pooled_(pooled), size_(size) {}
  /// The code point `a` alone (implicit: most characters map to themselves).
  constexpr code_point_mapping(char32_t a) noexcept : inline_{a, 0, 0}, size_(1) {}
  /// The first `size` (at most 3) of a, b, c, held inline.
  constexpr code_point_mapping(char32_t a, char32_t b, char32_t c, std::size_t size) noexcept
      : inline_{a, b, c}, size_(size) {}

  [[nodiscard]] constexpr const char32_t* begin() const noexcept { return pooled_ ? pooled_ : inline_; }
  [[nodiscard]] constexpr const char32_t* end() const noexcept { return begin() + size_; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] constexpr char32_t operator[](std::size_t i) const noexcept { return begin()[i]; }

 private:
  const char32_t* pooled_ = nullptr;  // null: the code points are in inline_
  char32_t inline_[3] = {};
  std::size_t size_ = 0;
};

namespace detail::unicode {

template <class Stage1, class Stage2, class Entries>
[[nodiscard]] constexpr code_point_mapping mapping(const Stage1& stage1, const Stage2& stage2,
                                                   const Entries& entries, unsigned shift, char32_t c) noexcept {
  if (c > 0x10FFFF) return c;
  const std::uint32_t k = two_stage_lookup(stage1, stage2, shift, c);
  if (k == 0) return c;
  const std::uint32_t entry = entries[k - 1];
  return {mapping_pool + (entry >> 5), entry & 31u};
}

}  // namespace detail::unicode

/// Python's `str.lower()` of the one-character string `c` (full mapping: U+0130 gives "i\u0307").
/// The one context-dependent rule of str.lower, Final_Sigma, is applied by normalize_text.
[[nodiscard]] constexpr code_point_mapping lower_mapping(char32_t c) noexcept {
  using namespace detail::unicode;
  return mapping(lower_stage1, lower_stage2, lower_entries, lower_shift, c);
}

/// Python's `str.casefold()` of `c`: full Unicode case folding (CaseFolding.txt, status C and F),
/// e.g. U+00DF "ß" gives "ss".
[[nodiscard]] constexpr code_point_mapping fold_mapping(char32_t c) noexcept {
  using namespace detail::unicode;
  return mapping(fold_stage1, fold_stage2, fold_entries, fold_shift, c);
}

/// scikit-learn's `strip_accents_unicode` of `c`: its NFKD decomposition without the characters
/// of non-zero combining class (empty for a combining mark). Hangul syllables, whose
/// decomposition is algorithmic (Unicode section 3.12, "Conjoining Jamo Behavior"), are not in
/// the tables and are decomposed here.
[[nodiscard]] constexpr code_point_mapping strip_accents_mapping(char32_t c) noexcept {
  using namespace detail::unicode;
  if (c >= hangul_first && c <= hangul_last) {
    const char32_t s = c - hangul_first;
    const char32_t t = 0x11A7 + s % 28;  // 0x11A7: no trailing consonant
    return {0x1100 + s / 588, 0x1161 + (s % 588) / 28, t, t == 0x11A7 ? 2u : 3u};
  }
  return mapping(strip_stage1, strip_stage2, strip_entries, strip_shift, c);
}

}  // namespace plansim
