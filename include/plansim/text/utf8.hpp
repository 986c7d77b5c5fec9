#pragma once
/// @file
/// UTF-8 decoding, encoding and validation: the gate every document passes before tokenizing.
///
/// Well-formed sequences are exactly those of the Unicode Standard, Table 3-7 (section 3.9):
/// no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncation.
/// Invalid input is replaced following the "substitution of maximal subparts" practice
/// (Unicode section 3.9, U+FFFD substitution; also the WHATWG Encoding Standard): each maximal
/// prefix of a well-formed sequence that cannot be completed, or else each single bad byte,
/// becomes one U+FFFD.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "plansim/error.hpp"

namespace plansim {

/// One decoded code point, or the extent of one invalid maximal subpart.
struct utf8_decoded {
  char32_t code_point = 0;  ///< the code point; U+FFFD when !valid
  std::size_t length = 0;   ///< bytes consumed, 1..4 (for invalid input: the maximal subpart)
  bool valid = false;       ///< whether the bytes form a well-formed sequence
};

/// Decodes the sequence starting at `text[pos]` (pos < text.size()).
/// Invalid input gives valid == false and length == the maximal subpart (at least 1 byte), so
/// that stepping by length implements substitution of maximal subparts.
[[nodiscard]] constexpr utf8_decoded decode_utf8(std::string_view text, std::size_t pos) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  const std::uint8_t b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t need = 0;
  char32_t cp = 0;
  // Table 3-7: the range allowed for the second byte depends on the first (this is what rules
  // out overlongs, surrogates and code points above U+10FFFF).
  std::uint8_t lo = 0x80;
  std::uint8_t hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {U'\uFFFD', 1, false};  // C0, C1, F5..FF, or a stray continuation byte
  }
  std::size_t i = 1;
  for (; i <= need; ++i) {
    if (pos + i >= text.size()) return {U'\uFFFD', i, false};  // truncated
    const std::uint8_t b = byte(pos + i);
    if (b < lo || b > hi) return {U'\uFFFD', i, false};
    cp = (cp << 6) | (b & 0x3Fu);
    lo = 0x80;
    hi = 0xBF;
  }
  return {cp, need + 1, true};
}

/// Appends the UTF-8 encoding of `cp` (which must be a Unicode scalar value) to `out`.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    const char bytes[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 2);
  } else if (cp < 0x10000) {
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    const char bytes[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
  }
}

/// The byte offset of the first invalid sequence in `text`, or std::string_view::npos when
/// `text` is valid UTF-8. ASCII runs are checked 8 bytes at a time.
[[nodiscard]] inline std::size_t find_invalid_utf8(std::string_view text) noexcept {
  std::size_t pos = 0;
  const std::size_t n = text.size();
  while (pos < n) {
    // Fast path: 8 ASCII bytes have no high bit set (memcpy: no aliasing or alignment issues).
    while (pos + 8 <= n) {
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, text.data() + pos, 8);
      if ((chunk & 0x8080808080808080ull) != 0) break;
      pos += 8;
    }
    if (pos >= n) break;
    if (static_cast<std::uint8_t>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const utf8_decoded d = decode_utf8(text, pos);
    if (!d.valid) return pos;
    pos += d.length;
  }
  return std::string_view::npos;
}

/// What to do with bytes that are not valid UTF-8.
enum class invalid_utf8 {
  replace,  ///< replace each maximal invalid subpart with U+FFFD
  stop,     ///< throw plansim::data_error naming the source and the byte offset
};

/// The offset of the NUL byte that makes `bytes` look binary rather than text, or npos: the first
/// NUL in the first 8 KiB (the heuristic of git and GNU grep). Readers name it in their errors.
[[nodiscard]] inline std::size_t binary_marker_offset(std::string_view bytes) noexcept {
  const std::size_t n = bytes.size() < 8192 ? bytes.size() : 8192;
  const void* nul = std::memchr(bytes.data(), 0, n);
  return nul == nullptr ? std::string_view::npos
                        : static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
}

/// Whether `bytes` looks like a binary file rather than text (see binary_marker_offset).
[[nodiscard]] inline bool looks_binary(std::string_view bytes) noexcept {
  return binary_marker_offset(bytes) != std::string_view::npos;
}

/// `bytes` as valid UTF-8: a leading byte order mark (EF BB BF) is removed, and invalid input is
/// replaced or rejected by `policy`.
///
/// @param source_name names the input in error messages (a file path, say)
/// @throws data_error `[plansim.utf8.1]` under invalid_utf8::stop, with the byte offset of the
///         first invalid byte counted from the start of `bytes` (BOM included), e.g.
///         `[plansim.utf8.1] a.txt: invalid UTF-8 at byte offset 3 (line 1, byte 0xFF) (re-save the
///         file as UTF-8 ...)`
[[nodiscard]] inline std::string to_valid_utf8(std::string_view bytes, invalid_utf8 policy,
                                               std::string_view source_name) {
  std::size_t start = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  const std::string_view text = bytes.substr(start);
  std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return std::string(text);
  if (policy == invalid_utf8::stop) {
    const utf8_decoded d = decode_utf8(text, bad);
    std::size_t line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string problem = "invalid UTF-8 at byte offset " + std::to_string(start + bad) + " (line " +
                          std::to_string(line) + (d.length == 1 ? ", byte" : ", bytes");
    for (std::size_t i = 0; i < d.length; ++i) {
      const auto b = static_cast<std::uint8_t>(text[bad + i]);
      problem += " 0x";
      problem += hex[b >> 4];
      problem += hex[b & 0xF];
    }
    problem += ')';
    throw data_error("utf8", 1, source_name, problem,
                     "re-save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8), or read it with "
                     "invalid_utf8::replace (--invalid-utf8 replace) to substitute U+FFFD");
  }
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t done = 0;
  while (bad != std::string_view::npos) {
    out.append(text.substr(done, bad - done));
    out += "\xEF\xBF\xBD";
    done = bad + decode_utf8(text, bad).length;
    const std::size_t next = find_invalid_utf8(text.substr(done));
    bad = next == std::string_view::npos ? next : done + next;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace plansim
