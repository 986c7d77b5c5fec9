#pragma once
/// @file
/// Byte classification 8 bytes at a time in plain integers (SWAR). Not API.
///
/// Why SWAR: it is portable C++20 and the compiler vectorises it further where the target allows
/// (-march=native); the one exception, the tokenizer's 64-byte classifier, also has an SSE2 form,
/// used on every x86-64 build (see ascii_word_mask64). Every helper
/// assumes bytes below 0x80 (callers check `high_bits` first), so per-byte additions never carry
/// into the neighbouring byte.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
inline std::uint64_t ascii_word_mask64_swar(const char* p, bool& non_ascii) noexcept {
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

#if defined(__SSE2__)
#define PLANSIM_DETAIL_HAS_SSE2 1
/// The same with SSE2 (every x86-64 CPU has it), 16 bytes an instruction.
inline std::uint64_t ascii_word_mask64_sse2(const char* p, bool& non_ascii) noexcept {
  // Byte x lies in [lo, hi] exactly when x - lo, as unsigned, is below hi - lo + 1; SSE2 only
  // compares signed bytes, so both sides are shifted by -128.
  const auto in_range16 = [](__m128i x, int lo, int hi) {
    const __m128i shifted = _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(-lo - 128)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(hi - lo + 1 - 128)));
  };
  std::uint64_t mask = 0, high_bits = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    high_bits |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << (16 * i);
    const __m128i letter = in_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    const __m128i digit = in_range16(v, '0', '9');
    const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(word))) << (16 * i);
  }
  non_ascii = high_bits != 0;
  return mask;
}
#else
#define PLANSIM_DETAIL_HAS_SSE2 0
#endif

/// The tokenizer's classifier. Why two: on baseline x86-64 builds (no -march) the compiler
/// leaves the SWAR code scalar, and SSE2 is four times faster (5.6 against 1.5 ms per 20 MB,
/// measured). SSE2 also wins with -march=native, inside the tokenizer's loop: tokenizing the
/// 20 MB benchmark corpus took 16.6 ms with the SWAR form, 10.7 ms with this one, and 11.6 ms
/// with the same code on AVX2's 32 bytes (measured 2 Dec 2026; an earlier figure, 0.8 ms for
/// the vectorised SWAR form, timed the classifier on its own). The tests compare both with each
/// other and with a table.
inline std::uint64_t ascii_word_mask64(const char* p, bool& non_ascii) noexcept {
#if PLANSIM_DETAIL_HAS_SSE2
  return ascii_word_mask64_sse2(p, non_ascii);
#else
  return ascii_word_mask64_swar(p, non_ascii);
#endif
}

}  // namespace plansim::detail::swar
