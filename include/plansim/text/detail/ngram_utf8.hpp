#pragma once
/// @file
/// Not API. The few UTF-8 and whitespace helpers that the n-gram, stemming and stop-word headers
/// need: decode one code point, check a string is valid, and Python's definition of whitespace.
/// (The full UTF-8 toolkit is text/utf8.hpp; this one stays private so the two never collide.)

#include <cstddef>
#include <string>
#include <string_view>

namespace plansim::detail::ngram_utf8 {

/// One decoded unit: a code point and how many bytes it took. An invalid sequence decodes as
/// its first byte alone, with `valid == false` and `code_point` set to that byte, so callers
/// can step through any byte string one unit at a time and never loop forever.
struct unit {
  char32_t code_point;
  std::size_t length;
  bool valid;
};

/// Decodes the unit that starts at `text[at]` (`at < text.size()`), per RFC 3629: no overlong
/// forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
[[nodiscard]] constexpr unit decode(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  const unit invalid{static_cast<char32_t>(lead), 1, false};
  if (lead < 0x80U) {
    return {static_cast<char32_t>(lead), 1, true};
  }
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t minimum = 0;  // the smallest code point this length may encode (rejects overlong forms)
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    code_point = lead & 0x1FU;
    minimum = 0x80;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    code_point = lead & 0x0FU;
    minimum = 0x800;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    code_point = lead & 0x07U;
    minimum = 0x10000;
  } else {
    return invalid;
  }
  if (text.size() - at < length) {
    return invalid;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(at + i);
    if ((next & 0xC0U) != 0x80U) {
      return invalid;
    }
    code_point = (code_point << 6U) | (next & 0x3FU);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return invalid;
  }
  return {code_point, length, true};
}

/// Byte offset of the first invalid sequence in `text`, or `text.size()` when it is all valid.
[[nodiscard]] constexpr std::size_t first_invalid(std::string_view text) noexcept {
  std::size_t at = 0;
  while (at < text.size()) {
    const unit u = decode(text, at);
    if (!u.valid) {
      return at;
    }
    at += u.length;
  }
  return text.size();
}

/// Byte length of the unit starting at `text[at]`; 1 for an invalid byte (see decode).
[[nodiscard]] constexpr std::size_t unit_length(std::string_view text, std::size_t at) noexcept {
  const auto lead = static_cast<unsigned char>(text[at]);
  return lead < 0x80U ? 1 : decode(text, at).length;
}

/// Appends the UTF-8 encoding of a valid code point (not a surrogate, at most U+10FFFF).
inline void append(std::string& out, char32_t c) {
  const auto put = [&](char32_t v) { out.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0U | (c >> 6U));
    put(0x80U | (c & 0x3FU));
  } else if (c < 0x10000) {
    put(0xE0U | (c >> 12U));
    put(0x80U | ((c >> 6U) & 0x3FU));
    put(0x80U | (c & 0x3FU));
  } else {
    put(0xF0U | (c >> 18U));
    put(0x80U | ((c >> 12U) & 0x3FU));
    put(0x80U | ((c >> 6U) & 0x3FU));
    put(0x80U | (c & 0x3FU));
  }
}

/// True for exactly the code points Python 3 treats as whitespace: those where `str.isspace()`
/// holds, which are also what `str.split()` splits on and what `\s` matches in a `str` regex
/// (CPython's `Py_UNICODE_ISSPACE`; checked over all of Unicode with Python 3.11):
/// U+0009..U+000D, U+001C..U+001F, U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000. Note U+001C..U+001F (the ASCII separators) are included and
/// U+200B (zero width space) and U+FEFF are not.
[[nodiscard]] constexpr bool is_python_space(char32_t c) noexcept {
  if (c <= 0x20) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  }
  if (c < 0x85) {
    return false;
  }
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

}  // namespace plansim::detail::ngram_utf8
