#pragma once
/// @file
/// Byte classification 8 bytes at a time in plain integers (SWAR). Not API.
///
/// Why SWAR and not intrinsics: it is portable C++20, the compiler vectorises it further where the
/// target allows (-march=native), and there is no second code path to keep in step. Every helper
/// assumes bytes below 0x80 (callers check `high_bits` first), so per-byte additions never carry
/// into the neighbouring byte.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace plansim::detail::swar {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t high = 0x8080808080808080ULL;

/// Eight bytes from `p`, first byte in the low bits (the same on any endianness).
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&w, p, 8);  // one load (the byte loop below is not folded at -O2)
  } else {
    unsigned char b[8];
    std::memcpy(b, p, 8);
    for (int i = 7; i >= 0; --i) w = (w << 8) | b[i];
  }
  return w;
}

/// Stores `w` as eight bytes at `p`, low bits first (inverse of load8).
inline void store8(char* p, std::uint64_t w) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(p, &w, 8);
  } else {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(w >> (8 * i));
    std::memcpy(p, b, 8);
  }
}

/// 0x80 in each byte of `w` (all < 0x80) that lies in [lo, hi], 0 elsewhere.
inline constexpr std::uint64_t in_range(std::uint64_t w, unsigned lo, unsigned hi) noexcept {
  const std::uint64_t at_least_lo = w + ones * (0x80u - lo);
  const std::uint64_t above_hi = w + ones * (0x7Fu - hi);
  return at_least_lo & ~above_hi & high;
}

/// `w` (all bytes < 0x80) with A-Z turned into a-z.
inline constexpr std::uint64_t ascii_lower(std::uint64_t w) noexcept { return w | (in_range(w, 'A', 'Z') >> 2); }

/// 0x80 in each byte of `w` (all < 0x80) that is Python's ASCII `\w`: [0-9A-Za-z_].
inline constexpr std::uint64_t ascii_word(std::uint64_t w) noexcept {
  return in_range(w | (ones * 0x20u), 'a', 'z') | in_range(w, '0', '9') | in_range(w, '_', '_');
}

/// The high bit of each byte of `flags` (other bits zero) gathered into 8 bits, byte i to bit i.
inline constexpr std::uint64_t gather_high(std::uint64_t flags) noexcept {
  return ((flags >> 7) * 0x0102040810204080ULL) >> 56;
}

/// Classifies 64 bytes at `p`: returns a mask with bit i set when byte i is an ASCII `\w`
/// character, or sets `non_ascii` (and returns garbage) when any byte is >= 0x80.
inline std::uint64_t ascii_word_mask64(const char* p, bool& non_ascii) noexcept {
  std::uint64_t words[8];
  std::uint64_t any = 0;
  for (int i = 0; i < 8; ++i) {
    words[i] = load8(p + 8 * i);
    any |= words[i];
  }
  non_ascii = (any & high) != 0;
  std::uint64_t mask = 0;
  for (int i = 0; i < 8; ++i) mask |= gather_high(ascii_word(words[i])) << (8 * i);
  return mask;
}

}  // namespace plansim::detail::swar
