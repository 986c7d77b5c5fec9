#pragma once
/// @file
/// An open-addressing hash table from term text to a dense id, for counting. Not API.
///
/// Why not std::unordered_map<std::string, id>: it allocates a node and a string per new term and
/// chases a pointer per lookup. Here terms live back to back in one character buffer, slots hold
/// (hash, id) pairs in one array, and a lookup of a known term touches one slot and one string.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace plansim::detail {

/// 64-bit hash of a byte string (the wyhash mixing step over 8-byte words). Only needs to spread
/// terms well; it is not stored anywhere that outlives the process.
__extension__ typedef unsigned __int128 uint128;  // __extension__: no -Wpedantic noise

inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
  auto mix = [](std::uint64_t a, std::uint64_t b) noexcept {
    const uint128 r = static_cast<uint128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
  };
  std::uint64_t h = k0 ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w, k1);
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  return mix(h ^ tail ^ (static_cast<std::uint64_t>(n) << 56), k1 ^ k0);
}

class term_table {
 public:
  static constexpr std::uint32_t npos = 0xffffffffU;

  term_table() { rehash(64); }

  [[nodiscard]] std::size_t size() const noexcept { return offsets_.size() - 1; }

  /// The id of `term`, adding it with the next id if it is new.
  std::uint32_t intern(std::string_view term) {
    const std::uint64_t h = hash_bytes(term);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    for (;;) {
      const entry& e = slots_[slot];
      if (e.id == npos) break;
      if (e.hash == h && text(e.id) == term) return e.id;
      slot = (slot + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(size());
    chars_.append(term);
    offsets_.push_back(chars_.size());
    slots_[slot] = {h, id};
    if (2 * size() > slots_.size()) rehash(2 * slots_.size());
    return id;
  }

  /// The id of `term`, or npos when it is not in the table.
  [[nodiscard]] std::uint32_t find(std::string_view term) const noexcept {
    const std::uint64_t h = hash_bytes(term);
    for (std::size_t slot = static_cast<std::size_t>(h) & mask_;; slot = (slot + 1) & mask_) {
      const entry& e = slots_[slot];
      if (e.id == npos) return npos;
      if (e.hash == h && text(e.id) == term) return e.id;
    }
  }

  /// The text of term `id`; valid until the next intern().
  [[nodiscard]] std::string_view text(std::uint32_t id) const noexcept {
    return std::string_view(chars_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }

 private:
  struct entry {
    std::uint64_t hash = 0;
    std::uint32_t id = npos;
  };

  void rehash(std::size_t capacity) {
    std::vector<entry> fresh(capacity);
    mask_ = capacity - 1;
    for (const entry& e : slots_) {
      if (e.id == npos) continue;
      std::size_t slot = static_cast<std::size_t>(e.hash) & mask_;
      while (fresh[slot].id != npos) slot = (slot + 1) & mask_;
      fresh[slot] = e;
    }
    slots_ = std::move(fresh);
  }

  std::vector<entry> slots_;
  std::size_t mask_ = 0;
  std::string chars_;
  std::vector<std::size_t> offsets_{0};
};

}  // namespace plansim::detail
