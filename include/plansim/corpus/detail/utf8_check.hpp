#pragma once
// Not API. A minimal UTF-8 validator for the corpus readers, kept private so that the shared
// one in plansim/text/utf8.hpp can replace it without changing the readers' interface.

#include <cstddef>
#include <string>
#include <string_view>

#include "plansim/corpus/read_options.hpp"
#include "plansim/error.hpp"

namespace plansim::corpus_detail {

/// Length of the valid UTF-8 sequence starting at `i`, or 0 if it is invalid; `valid_prefix`
/// receives how many bytes form the maximal valid prefix of the broken sequence (at least 1),
/// which Unicode's "substitution of maximal subparts" replaces with one U+FFFD.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i, std::size_t& valid_prefix) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  valid_prefix = 1;
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return 0;
    const unsigned char c = byte(i + k);
    const unsigned char lo = k == 1 ? low : static_cast<unsigned char>(0x80);
    const unsigned char hi = k == 1 ? high : static_cast<unsigned char>(0xBF);
    if (c < lo || c > hi) return 0;
    valid_prefix = k + 1;
  }
  return length;
}

/// Strips a leading UTF-8 byte order mark, then replaces each invalid byte sequence with U+FFFD
/// (policy replace) or throws data_error [plansim.corpus.3] naming `source`, the byte offset into
/// `bytes` and its line (policy stop).
inline std::string repair_utf8(std::string_view bytes, invalid_utf8 policy, std::string_view source) {
  std::size_t start = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  std::string out;
  out.reserve(bytes.size() - start);
  std::size_t line = 1;
  std::size_t i = start;
  while (i < bytes.size()) {
    std::size_t valid_prefix = 1;
    const std::size_t length = utf8_sequence_length(bytes, i, valid_prefix);
    if (length != 0) {
      if (bytes[i] == '\n') ++line;
      out.append(bytes.substr(i, length));
      i += length;
      continue;
    }
    if (policy == invalid_utf8::stop) {
      constexpr char hex[] = "0123456789abcdef";
      const auto b = static_cast<unsigned char>(bytes[i]);
      std::string problem = "invalid UTF-8 at byte offset " + std::to_string(i) + " (line " +
                            std::to_string(line) + ", byte 0x";
      problem += hex[b >> 4];
      problem += hex[b & 0xF];
      problem += ')';
      throw data_error("corpus", 3, source, problem,
                       "convert the file to UTF-8, e.g. with iconv -f WINDOWS-1252 -t UTF-8, or "
                       "read it with invalid_utf8::replace to substitute U+FFFD");
    }
    out += "\xEF\xBF\xBD";
    i += valid_prefix;
  }
  return out;
}

}  // namespace plansim::corpus_detail
