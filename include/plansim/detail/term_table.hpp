#pragma once
/// @file
/// An open-addressing hash table from term text to a dense id, for counting. Not API.
///
/// Why not std::unordered_map<std::string, id>: it allocates a node and a string per new term and
/// chases a pointer per lookup. Here terms live back to back in one character buffer, slots hold
/// (short key, hash tag, id) in one array, and a lookup of a known short term touches one slot.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/detail/huge_pages.hpp"

// Forces inlining of the per-token helpers below. Why: in a large caller (count_terms' per-token
// callback) GCC's inliner gives up on some and a call per token costs more than their work.
#if defined(__GNUC__) || defined(__clang__)
#define PLANSIM_DETAIL_HOT_INLINE [[gnu::always_inline]] inline
#else
#define PLANSIM_DETAIL_HOT_INLINE inline
#endif

namespace plansim::detail {

__extension__ typedef unsigned __int128 uint128;  // __extension__: no -Wpedantic noise

// Loads of 4 and 8 bytes as little-endian words: byte i of the string at bits 8i, whatever the
// machine, so that a word built byte by byte (tail_word) equals one loaded whole
// (tail_word_padded). A byte swap on big-endian machines, nothing on others.
PLANSIM_DETAIL_HOT_INLINE std::uint64_t load_u64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}
PLANSIM_DETAIL_HOT_INLINE std::uint32_t load_u32(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap32(w);
  return w;
}

// `yes` when `condition` holds, else `no`, computed with masks. Why not `?:`: GCC turns a
// choice between two loads into a branch, and a branch on a term's length mispredicts often
// (term lengths vary at random): hashing measured 5 ns a term with the branch, a third of that
// without.
PLANSIM_DETAIL_HOT_INLINE std::uint64_t select_bits(bool condition, std::uint64_t yes, std::uint64_t no) noexcept {
  const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(condition);
  return (yes & mask) | (no & ~mask);
}
PLANSIM_DETAIL_HOT_INLINE const char* select_pointer(bool condition, const char* yes, const char* no) noexcept {
  return reinterpret_cast<const char*>(
      select_bits(condition, reinterpret_cast<std::uintptr_t>(yes), reinterpret_cast<std::uintptr_t>(no)));
}

// The last 0..8 bytes of a string as one little-endian word, zero above them, without reading
// outside [p, p + n): two overlapping 4-byte loads, or first/middle/last byte (wyhash's trick).
// Two tails of the same length are equal exactly when their words are, which both hashing and
// comparing rely on. Both forms are read (from a zero buffer when too short) and one kept,
// without a branch.
PLANSIM_DETAIL_HOT_INLINE std::uint64_t tail_word(const char* p, std::size_t n) noexcept {
  static constexpr char zeros[8] = {};
  const bool wide = n >= 4;
  const char* const q = select_pointer(wide, p, zeros);
  const std::size_t back = select_bits(wide, n - 4, 0);
  const std::uint64_t four = load_u32(q) | (static_cast<std::uint64_t>(load_u32(q + back)) << (8 * back));
  const char* const r = select_pointer(n != 0, p, zeros);
  const std::size_t m = select_bits(n != 0, n, 1);
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint64_t>(static_cast<unsigned char>(r[i])) << (8 * i);
  };
  const std::uint64_t three = byte(0) | byte(m >> 1) | byte(m - 1);
  return select_bits(wide, four, three);
}

// tail_word for a string followed by term_padding readable bytes: one load and a mask.
PLANSIM_DETAIL_HOT_INLINE std::uint64_t tail_word_padded(const char* p, std::size_t n) noexcept {
  static constexpr std::uint64_t low_bytes[9] = {0,
                                                 0xff,
                                                 0xffff,
                                                 0xffffff,
                                                 0xffffffff,
                                                 0xffffffffff,
                                                 0xffffffffffff,
                                                 0xffffffffffffff,
                                                 0xffffffffffffffff};
  return load_u64(p) & low_bytes[n];
}

PLANSIM_DETAIL_HOT_INLINE std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b) noexcept {
  const uint128 r = static_cast<uint128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

/// How many readable bytes an analyzer promises after each term it emits, when it pads them
/// (text_analyzer::pads_terms): enough for the last partial word of a term to be loaded whole.
inline constexpr std::size_t term_padding = 8;

// The first up-to-8 bytes of a term (the table's key) and its hash, computed together. With
// `Padded`, `term_padding` bytes past the term's end are readable and words are loaded whole;
// both ways give the same values, so one table serves both.
struct term_words {
  std::uint64_t key;
  std::uint64_t hash;
};

template <bool Padded>
PLANSIM_DETAIL_HOT_INLINE term_words words_of(std::string_view s) noexcept {
  constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
  const auto tail = [](const char* p, std::size_t n) { return Padded ? tail_word_padded(p, n) : tail_word(p, n); };
  const char* p = s.data();
  std::size_t n = s.size();
  if (n <= 8) {
    const std::uint64_t word = tail(p, n);
    return {word, hash_mix(word ^ k0 ^ (static_cast<std::uint64_t>(n) << 56), k1)};
  }
  const std::uint64_t key = load_u64(p);
  std::uint64_t h = k0 ^ n;
  for (; n > 8; p += 8, n -= 8) h = hash_mix(h ^ load_u64(p), k1);
  return {key, hash_mix(h ^ tail(p, n) ^ (static_cast<std::uint64_t>(n) << 56), k1 ^ k0)};
}

/// 64-bit hash of a byte string (the wyhash mixing step over 8-byte words). Only needs to spread
/// terms well; it is not stored anywhere that outlives the process. A string of up to 8 bytes
/// (most terms) costs one tail_word and one multiply.
PLANSIM_DETAIL_HOT_INLINE std::uint64_t hash_bytes(std::string_view s) noexcept { return words_of<false>(s).hash; }

// Whether the `n` bytes at `a` and `b` are equal. Inline, since terms are short and a libc
// memcmp call costs more than the comparison itself.
PLANSIM_DETAIL_HOT_INLINE bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  for (; n > 8; a += 8, b += 8, n -= 8)
    if (load_u64(a) != load_u64(b)) return false;
  return tail_word(a, n) == tail_word(b, n);
}

class term_table {
 public:
  static constexpr std::uint32_t npos = 0xffffffffU;

  term_table() { rehash(64); }

  [[nodiscard]] std::size_t size() const noexcept { return offsets_.size() - 1; }

  /// Makes room for `terms` terms of `characters` bytes in all, so that adding them does not
  /// grow the table step by step.
  void reserve(std::size_t terms, std::size_t characters = 0) {
    std::size_t capacity = std::max<std::size_t>(slots_.size(), 64);
    while (over_full(terms, capacity)) capacity *= 2;
    if (capacity != slots_.size()) rehash(capacity);
    offsets_.reserve(terms + 1);
    chars_.reserve(characters);
  }

  /// A table over `texts`, term i getting id i (the texts must be distinct). Why not intern()
  /// each: inserting a vocabulary's terms one at a time into a fresh table is a cache miss a term.
  /// Here the terms are inserted grouped by the region of the table (4 KiB or more) their home
  /// slot falls in, region after region, so the slots being probed sit in L1; a probe that
  /// passes a region's end goes on into the next, as intern()'s does. Linear probing finds a term
  /// whatever order terms were inserted in, so find() and intern() work on the result unchanged.
  /// 48,855 terms: 0.87-0.91 ms against 1.14-1.53 ms interned (bench_text's
  /// BM_index_vocabulary, 3 Dec 2026).
  static term_table build(const std::vector<std::string>& texts) {
    term_table table;
    const std::size_t n = texts.size();
    std::size_t capacity = 64;
    while (over_full(n, capacity)) capacity *= 2;
    std::size_t characters = 0;
    for (const auto& t : texts) characters += t.size();
    table.chars_.reserve(characters);
    table.offsets_.reserve(n + 1);
    for (const auto& t : texts) {
      table.chars_.append(t);
      table.offsets_.push_back(table.chars_.size());
    }
    table.slots_ = huge_page_array<entry>(capacity);
    table.mask_ = capacity - 1;
    entry* const slots = table.slots_.data();
    std::fill_n(slots, capacity, entry{});
    // Regions of 256 slots at least, at most 1,024 of them.
    const std::size_t regions = std::clamp<std::size_t>(capacity / 256, 1, 1024);
    const int region_shift = std::countr_zero(capacity / regions);
    struct placed {
      std::uint64_t key;
      std::uint32_t home;
      std::uint32_t meta;
      std::uint32_t id;
    };
    std::vector<placed> items(n);
    std::vector<std::size_t> region_begin(regions + 1, 0);
    for (std::size_t id = 0; id < n; ++id) {
      const probe p(texts[id], words_of<false>(texts[id]));
      items[id] = {p.key, static_cast<std::uint32_t>(p.hash & table.mask_), p.meta, static_cast<std::uint32_t>(id)};
      ++region_begin[(items[id].home >> region_shift) + 1];
    }
    for (std::size_t r = 0; r < regions; ++r) region_begin[r + 1] += region_begin[r];
    std::vector<placed> by_region(n);
    {
      std::vector<std::size_t> next(region_begin.begin(), region_begin.end() - 1);
      for (const placed& item : items) by_region[next[item.home >> region_shift]++] = item;
    }
    for (const placed& item : by_region) {
      std::size_t slot = item.home;
      while (slots[slot].id != npos) slot = (slot + 1) & table.mask_;
      slots[slot] = {item.key, item.id, item.meta};
    }
    return table;
  }

  /// The id of `term`, adding it with the next id if it is new. With `Padded`, the caller
  /// promises `term_padding` readable bytes after the term's end (hashing loads whole words).
  template <bool Padded = false>
  PLANSIM_DETAIL_HOT_INLINE std::uint32_t intern(std::string_view term) {
    return intern(hash_term<Padded>(term));
  }

 private:
  // What a lookup compares, computed once per term.
  struct probe {
    std::size_t hash = 0;
    std::uint64_t key = 0;
    std::uint32_t meta = 0;
    probe() = default;
    PLANSIM_DETAIL_HOT_INLINE probe(std::string_view term, term_words words) noexcept
        : hash(static_cast<std::size_t>(words.hash)),
          key(words.key),
          meta(static_cast<std::uint32_t>(std::min<std::size_t>(term.size(), 255) << 24) |
               static_cast<std::uint32_t>(words.hash >> 40)) {}
  };

 public:
  /// A term with its hash taken, to be looked up later: hash a batch of terms, prefetch() each
  /// one's slot a few terms ahead of intern(hashed_term). Why: a lookup of a rare term misses the
  /// cache, and looked up one by one as the tokenizer finds them, each miss waits on its own
  /// (the tokenizer's mispredicted branches keep the processor from running ahead); in a batch
  /// the misses of several terms overlap. The text must stay readable until it is interned.
  struct hashed_term {
    std::string_view text;
    probe p;
  };

  template <bool Padded = false>
  PLANSIM_DETAIL_HOT_INLINE static hashed_term hash_term(std::string_view term) noexcept {
    return {term, probe(term, words_of<Padded>(term))};
  }

  /// Starts loading the slot `term`'s lookup begins at.
  PLANSIM_DETAIL_HOT_INLINE void prefetch(const hashed_term& term) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(slots_.data() + (term.p.hash & mask_));
#else
    static_cast<void>(term);
#endif
  }

  /// intern() of a term hashed by hash_term.
  PLANSIM_DETAIL_HOT_INLINE std::uint32_t intern(const hashed_term& term) {
    std::size_t slot = term.p.hash & mask_;
    for (;;) {
      const entry& e = slots_[slot];
      if (e.id == npos) break;
      if (matches(e, term.p, term.text)) return e.id;
      slot = (slot + 1) & mask_;
    }
    return insert(term.text, term.p, slot);
  }

 private:

  // The miss path of intern(), kept out of the inlined lookup: new terms are rare after the
  // first documents.
  std::uint32_t insert(std::string_view term, const probe& p, std::size_t slot) {
    const auto id = static_cast<std::uint32_t>(size());
    grow_populated(chars_, chars_.size() + term.size());
    grow_populated(offsets_, offsets_.size() + 1);
    chars_.append(term);
    offsets_.push_back(chars_.size());
    slots_[slot] = {p.key, id, p.meta};
    if (over_full(size(), slots_.size())) rehash(2 * slots_.size());
    return id;
  }

 public:
  /// The id of `term`, or npos when it is not in the table.
  [[nodiscard]] std::uint32_t find(std::string_view term) const noexcept {
    const probe p(term, words_of<false>(term));
    for (std::size_t slot = p.hash & mask_;; slot = (slot + 1) & mask_) {
      const entry& e = slots_[slot];
      if (e.id == npos) return npos;
      if (matches(e, p, term)) return e.id;
    }
  }

  /// Gives term `id` the id `new_id[id]`, for every term; `texts[i]` must be the text of the
  /// term that gets id i (new_id is a permutation of the ids). Why: the vocabulary's index is the
  /// counting table with its ids turned into columns, which costs a pass over the slots instead
  /// of hashing and inserting every term again.
  void renumber(const std::uint32_t* new_id, const std::vector<std::string>& texts) {
    for (std::size_t slot = 0; slot < slots_.size(); ++slot)
      if (slots_[slot].id != npos) slots_[slot].id = new_id[slots_[slot].id];
    chars_.clear();
    offsets_.assign(1, 0);
    for (const auto& t : texts) {
      chars_.append(t);
      offsets_.push_back(chars_.size());
    }
  }

  /// The text of term `id`; valid until the next intern().
  [[nodiscard]] std::string_view text(std::uint32_t id) const noexcept {
    return {chars_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
  }

 private:
  // 16 bytes a slot. `key` holds a term of up to 8 bytes whole (its first 8 bytes otherwise) and
  // `meta` its length and 24 bits of hash, so most lookups are decided by the slot alone, one
  // cache miss, without visiting offsets_ and chars_ (two more misses on a large vocabulary).
  // Linear probing at load <= 1/2. Why not 3/4, which keeps a 49k-term vocabulary's slots in
  // 1 MB rather than 2 MB: a lookup of a rare term is a cache miss either way, while the longer
  // probe sequences at 3/4 cost every lookup (a probe loop that ends at a varying slot is a
  // mispredicted branch). Measured on 2 Dec, vectorize on the benchmark corpus, the two
  // versions alternated in one process: 1/2 was 2-10 % faster (a table from 256 KiB up sits
  // on huge pages either way, see huge_page_array).
  struct entry {
    std::uint64_t key = 0;
    std::uint32_t id = npos;
    std::uint32_t meta = 0;
  };

  // Equal key and length decide terms of up to 8 bytes (the key is injective for a given length,
  // see tail_word); longer ones are compared in full.
  [[nodiscard]] PLANSIM_DETAIL_HOT_INLINE bool matches(const entry& e, const probe& p, std::string_view term) const noexcept {
    if (e.key != p.key || e.meta != p.meta) return false;
    if (term.size() <= 8) return true;
    const std::size_t begin = offsets_[e.id];
    return offsets_[e.id + 1] - begin == term.size() && same_bytes(chars_.data() + begin, term.data(), term.size());
  }

  static constexpr bool over_full(std::size_t terms, std::size_t capacity) noexcept { return 2 * terms > capacity; }

  void rehash(std::size_t capacity) {
    huge_page_array<entry> fresh(capacity);
    std::fill_n(fresh.data(), capacity, entry{});
    mask_ = capacity - 1;
    for (std::uint32_t id = 0; id < size(); ++id) {
      const probe p(text(id), words_of<false>(text(id)));
      std::size_t slot = p.hash & mask_;
      while (fresh[slot].id != npos) slot = (slot + 1) & mask_;
      fresh[slot] = {p.key, id, p.meta};
    }
    slots_ = std::move(fresh);
  }

  huge_page_array<entry> slots_;  // a power of two in size; a large table sits on huge pages
  std::size_t mask_ = 0;
  std::string chars_;
  std::vector<std::size_t> offsets_{0};
};

}  // namespace plansim::detail
