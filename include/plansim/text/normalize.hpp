#pragma once
/// @file
/// Text normalisation before tokenizing: case mapping, accent stripping, the typographic
/// apostrophe.
///
/// Order of operations, per code point of the input:
///   1. case mapping (`case_mapping::lower` is Python's `str.lower()`, including its one
///      context rule, Final_Sigma; `case_mapping::fold` is `str.casefold()`),
///   2. accent stripping of each resulting code point (scikit-learn's `strip_accents_unicode`),
///   3. U+2019 RIGHT SINGLE QUOTATION MARK becomes U+0027 APOSTROPHE.
/// Steps 1 and 2 are in scikit-learn's order: its `_preprocess` lowercases, then strips accents
/// (sklearn/feature_extraction/text.py, version 1.2), so with {lower, strip} the output equals
/// `strip_accents_unicode(doc.lower())` exactly. Step 3 cannot change scikit-learn's tokens,
/// since neither apostrophe is a `\w` character.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "plansim/detail/ascii_block.hpp"
#include "plansim/text/unicode.hpp"
#include "plansim/text/utf8.hpp"

namespace plansim {

/// Which case mapping normalize_text applies.
enum class case_mapping {
  none,   ///< keep case
  lower,  ///< Python's str.lower(), as scikit-learn's lowercase=True
  fold,   ///< full Unicode case folding, Python's str.casefold() ("Straße" and "STRASSE" agree)
};

/// Whether normalize_text strips accents.
enum class accent_mapping {
  keep,   ///< keep accents (scikit-learn's strip_accents=None)
  strip,  ///< NFKD, then drop combining marks (scikit-learn's strip_accents='unicode')
};

/// Options of normalize_text. The defaults are plansim's; scikit-learn's TfidfVectorizer
/// defaults are {case_mapping::lower, accent_mapping::keep}.
struct normalize_options {
  case_mapping casing = case_mapping::fold;       ///< step 1
  accent_mapping accents = accent_mapping::keep;  ///< step 2
  bool ascii_apostrophe = true;                   ///< step 3: U+2019 becomes '
};

namespace detail {

// Lowercase ASCII by table: the fast path for the common case.
inline constexpr std::array<char, 128> ascii_lower_table = [] {
  std::array<char, 128> t{};
  for (std::size_t i = 0; i < 128; ++i) {
    t[i] = static_cast<char>(i >= 'A' && i <= 'Z' ? i + ('a' - 'A') : i);
  }
  return t;
}();

// The code point that ends just before byte `end` of valid UTF-8 text, and where it starts.
inline utf8_decoded decode_utf8_before(std::string_view text, std::size_t end, std::size_t& start) noexcept {
  start = end - 1;
  while (start > 0 && (static_cast<std::uint8_t>(text[start]) & 0xC0u) == 0x80u) --start;
  return decode_utf8(text, start);
}

// Python's Final_Sigma test for the U+03A3 at bytes [pos, pos + 2) (Objects/unicodeobject.c,
// handle_capital_sigma; Unicode section 3.13, Table 3-17): preceded by a cased letter and not
// followed by one, case-ignorable characters skipped on both sides.
inline bool is_final_sigma(std::string_view text, std::size_t pos) noexcept {
  using namespace unicode_property;
  bool cased_before = false;
  for (std::size_t end = pos; end > 0;) {
    std::size_t start = 0;
    const std::uint16_t p = unicode_properties(decode_utf8_before(text, end, start).code_point);
    if ((p & case_ignorable) == 0) {
      cased_before = (p & cased) != 0;
      break;
    }
    end = start;
  }
  if (!cased_before) return false;
  for (std::size_t i = pos + 2; i < text.size();) {
    const utf8_decoded d = decode_utf8(text, i);
    const std::uint16_t p = unicode_properties(d.code_point);
    if ((p & case_ignorable) == 0) return (p & cased) == 0;
    i += d.length;
  }
  return true;
}

// Appends the ASCII prefix of `text` to the empty `out`, lowercased when `to_lower`, and returns
// its length. Why apart from the loop below: most documents are ASCII for most of their length,
// and finding the prefix and then converting it are loops without early exits, which compilers
// vectorise; the loop below tests every 8-byte word as it goes.
inline std::size_t copy_ascii_prefix(std::string_view text, std::string& out, bool to_lower) {
  std::size_t n = 0;
  constexpr std::size_t block = 32;
  for (; n + block <= text.size(); n += block) {
    unsigned char any = 0;
    for (std::size_t i = 0; i < block; ++i) any |= static_cast<unsigned char>(text[n + i]);
    if ((any & 0x80u) != 0) break;
  }
  while (n < text.size() && static_cast<unsigned char>(text[n]) < 0x80u) ++n;
  out.resize(n);
  char* const dst = out.data();
  if (to_lower) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      dst[i] = static_cast<char>(c | (static_cast<unsigned char>(c - 'A') < 26u ? 0x20u : 0u));
    }
  } else if (n != 0) {
    std::memcpy(dst, text.data(), n);
  }
  return n;
}

}  // namespace detail

/// Normalises `valid_utf8` into `out`, in the order documented at the top of this header.
/// `out` is overwritten (its capacity reused, so a loop over documents allocates rarely) and
/// must not alias the input. ASCII runs take a fast path (8 bytes at a time).
///
/// Precondition: the input is valid UTF-8 (see to_valid_utf8); an invalid byte becomes U+FFFD.
inline void normalize_text(std::string_view valid_utf8, std::string& out, const normalize_options& options) {
  out.clear();
  const std::string_view text = valid_utf8;
  const bool to_lower = options.casing != case_mapping::none;
  const bool strip = options.accents == accent_mapping::strip;
  out.reserve(text.size());

  const auto emit = [&](char32_t cp) {
    if (options.ascii_apostrophe && cp == U'\u2019') cp = U'\'';
    append_utf8(out, cp);
  };
  const auto emit_stripped = [&](char32_t cp) {
    if (!strip) {
      emit(cp);
      return;
    }
    for (const char32_t x : strip_accents_mapping(cp)) emit(x);
  };

  std::size_t pos = detail::copy_ascii_prefix(text, out, to_lower);
  while (pos < text.size()) {
    // ASCII run: only case mapping can change it (NFKD of ASCII is itself, with no marks). Whole
    // 8-byte words of ASCII are checked and lowercased at once (detail/ascii_block.hpp), in
    // windows of at most 256 bytes so that growing `out` ahead costs O(1) per non-ASCII code
    // point; the byte loop below finishes the run.
    while (text.size() - pos >= 8) {
      const std::size_t window = std::min<std::size_t>((text.size() - pos) / 8 * 8, 256);
      const std::size_t old_size = out.size();
      out.resize(old_size + window);
      char* const dst = out.data() + old_size;
      std::size_t done = 0;
      for (; done < window; done += 8) {
        const std::uint64_t w = detail::swar::load8(text.data() + pos + done);
        if ((w & detail::swar::high) != 0) break;
        detail::swar::store8(dst + done, to_lower ? detail::swar::ascii_lower(w) : w);
      }
      out.resize(old_size + done);
      pos += done;
      if (done < window) break;
    }
    if (pos == text.size()) break;
    std::size_t run = pos;
    while (run < text.size() && static_cast<std::uint8_t>(text[run]) < 0x80) ++run;
    if (run > pos) {
      if (to_lower) {
        for (std::size_t i = pos; i < run; ++i) {
          out += detail::ascii_lower_table[static_cast<std::uint8_t>(text[i])];
        }
      } else {
        out.append(text.substr(pos, run - pos));
      }
      pos = run;
      if (pos == text.size()) break;
    }
    const utf8_decoded d = decode_utf8(text, pos);
    const char32_t cp = d.code_point;  // U+FFFD when invalid
    switch (options.casing) {
      case case_mapping::none:
        emit_stripped(cp);
        break;
      case case_mapping::lower:
        if (cp == U'\u03A3') {
          emit_stripped(detail::is_final_sigma(text, pos) ? U'\u03C2' : U'\u03C3');
        } else {
          for (const char32_t x : lower_mapping(cp)) emit_stripped(x);
        }
        break;
      case case_mapping::fold:
        for (const char32_t x : fold_mapping(cp)) emit_stripped(x);
        break;
    }
    pos += d.length;
  }
}

/// Normalises `valid_utf8` into a new string; see the overload above.
[[nodiscard]] inline std::string normalize_text(std::string_view valid_utf8, const normalize_options& options = {}) {
  std::string out;
  normalize_text(valid_utf8, out, options);
  return out;
}

}  // namespace plansim
