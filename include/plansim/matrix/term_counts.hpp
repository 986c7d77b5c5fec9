#pragma once
/// @file
/// From analysed documents to a sparse document-term count matrix, and vocabulary pruning.
///
/// Convention, used throughout plansim: **documents are rows, terms are columns**, as in
/// scikit-learn, stored row-major (CSR) so each document's terms are contiguous. Matrices are
/// built directly in compressed form, never through a dense intermediate.

#include <Eigen/SparseCore>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "plansim/config.hpp"
#include "plansim/detail/huge_pages.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/detail/term_table.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/matrix/corpus_stats.hpp"
#include "plansim/matrix/vocabulary.hpp"

namespace plansim {

/// Raw term counts: row = document, column = term id.
using count_matrix = Eigen::SparseMatrix<std::int32_t, Eigen::RowMajor>;

/// An analyzer turns one text into terms: `a(text, on_term)` calls `on_term(std::string_view)` once
/// per term occurrence. It is copied once per worker thread, so it may keep scratch buffers.
template <class A>
concept analyzer = std::copy_constructible<A> && requires(A& a, std::string_view text) {
  a(text, [](std::string_view) {});
};

/// The output of counting: the vocabulary, the counts and the statistics weighting needs.
struct term_counts {
  plansim::vocabulary vocabulary;
  count_matrix counts;
  corpus_stats stats;

  term_counts() = default;
  term_counts(const term_counts&) = default;
  term_counts& operator=(const term_counts&) = default;
  ~term_counts() = default;
  // Moves swap the matrix. Why written out: Eigen 3.4's SparseMatrix has no move operations, so
  // the defaults would copy every stored count.
  term_counts(term_counts&& other) noexcept
      : vocabulary(std::move(other.vocabulary)), stats(std::move(other.stats)) {
    counts.swap(other.counts);
  }
  term_counts& operator=(term_counts&& other) noexcept {
    vocabulary = std::move(other.vocabulary);
    counts.swap(other.counts);
    stats = std::move(other.stats);
    return *this;
  }
};

struct count_options {
  /// Worker threads; 0 means one per hardware thread. The result is identical for any value.
  std::size_t threads = 1;
  /// Documents per unit of work. Fixed boundaries keep the result independent of `threads`.
  std::size_t chunk_documents = 64;
};

namespace detail {

// Stored counts: per document, (term, count) pairs, the term a worker's local id until assembly.
// They are kept in one of two layouts of 32-bit words. Packed, one word a pair: the term in the
// low 24 bits, the count in the high 8, which holds nearly every pair (a worker meets fewer
// than 2^24 terms, a document repeats few terms 256 times). Wide, two words a pair: the term,
// then the count. A chunk is packed until a pair does not fit, and then wholly wide. Why pack:
// the stored counts are the largest buffer counting writes (as many pairs as the matrix has
// entries), all of it fresh memory the kernel must clear, and half the bytes measured about a
// tenth off the whole of vectorize.
inline constexpr std::uint32_t packed_term_limit = std::uint32_t{1} << 24;
inline constexpr std::int32_t packed_count_limit = 256;

[[nodiscard]] constexpr bool fits_packed(std::uint32_t term, std::int32_t count) noexcept {
  return term < packed_term_limit && count < packed_count_limit;
}

// One document's pairs in either layout, read in place.
template <bool Wide>
struct stored_row {
  const std::uint32_t* words = nullptr;
  std::size_t size = 0;  // pairs

  [[nodiscard]] std::uint32_t term(std::size_t i) const noexcept {
    if constexpr (Wide) return words[2 * i];
    else return words[i] & (packed_term_limit - 1);
  }
  [[nodiscard]] std::int32_t count(std::size_t i) const noexcept {
    if constexpr (Wide) return static_cast<std::int32_t>(words[2 * i + 1]);
    else return static_cast<std::int32_t>(words[i] >> 24);
  }
};

// One chunk's output: per document, its pairs in the worker's local ids.
struct counted_chunk {
  std::size_t worker = 0;
  std::span<std::uint32_t> words;    // in its worker's entry_arena
  std::size_t word_offset = 0;       // where `words` begins in an external arena (see below)
  bool wide = false;                 // the layout of `words` (see stored_row)
  std::vector<std::size_t> row_end;  // end of each document's pairs, in pairs
  std::vector<std::int64_t> lengths;

  [[nodiscard]] std::size_t pairs() const noexcept { return wide ? words.size() / 2 : words.size(); }

  // Calls `f(stored_row<wide>)` for each document in order.
  template <class F>
  void for_each_row(F&& f) const {
    const auto rows = [&](auto is_wide) {
      constexpr bool wide_layout = decltype(is_wide)::value;
      constexpr std::size_t step = wide_layout ? 2 : 1;
      for (std::size_t r = 0, begin = 0; r < row_end.size(); begin = row_end[r++])
        f(stored_row<wide_layout>{words.data() + step * begin, row_end[r] - begin});
    };
    if (wide) rows(std::true_type{});
    else rows(std::false_type{});
  }
};

// A buffer an entry_arena writes into instead of its own blocks: vectorize, with one worker,
// counts straight into the output matrix's index array, and then orders each row in place
// there. Why: the stored pairs are then never a buffer of their own (12 MB of fresh memory and
// a write and a read on the benchmark corpus). `grow(context, used, needed, capacity)` keeps the
// first `used` words, makes room for at least `needed`, sets `capacity` and returns the new
// start; earlier chunks' spans are re-pointed afterwards (counted_chunk::word_offset).
struct external_words {
  std::uint32_t* data = nullptr;
  std::size_t capacity = 0;
  void* context = nullptr;
  std::uint32_t* (*grow)(void* context, std::size_t used, std::size_t needed, std::size_t& capacity) = nullptr;
};

// A worker's storage for the counts of all its chunks: huge-page blocks of words written once,
// front to back. Why not a vector per chunk: a corpus's counts are tens of megabytes written
// once, and small heap blocks are faulted in 4 KiB at a time (see detail/huge_pages.hpp). A
// chunk's words stay contiguous: when a block fills, the chunk's run so far moves to the next.
// Blocks double from 256 KiB to 8 MiB. Why not 8 MiB from the start: with many workers each
// writes a small share, and 16 workers' first blocks were 128 MiB of fresh memory to clear for
// 12 MB of counts.
class entry_arena {
 public:
  explicit entry_arena(std::size_t largest_block_words = std::size_t{1} << 21)  // 8 MiB
      : largest_block_words_(largest_block_words) {}

  // Writes into `buffer` from now on instead of blocks of its own (before anything is written).
  void use(const external_words& buffer) noexcept { external_ = buffer; }

  void start_run() noexcept { run_ = used_; }

  // Room for `n` more words at the end of the current run.
  std::uint32_t* extend(std::size_t n) {
    if (external_.grow != nullptr) {
      if (used_ + n > external_.capacity)
        external_.data = external_.grow(external_.context, used_, used_ + n, external_.capacity);
      std::uint32_t* out = external_.data + used_;
      used_ += n;
      return out;
    }
    if (blocks_.empty() || used_ + n > blocks_.back().size()) grow(n);
    std::uint32_t* out = blocks_.back().data() + used_;
    used_ += n;
    return out;
  }

  [[nodiscard]] std::size_t run_size() const noexcept { return used_ - run_; }
  [[nodiscard]] std::size_t run_start() const noexcept { return run_; }
  [[nodiscard]] std::span<std::uint32_t> run() const noexcept {
    if (external_.grow != nullptr) return {external_.data + run_, used_ - run_};
    if (blocks_.empty()) return {};
    return {blocks_.back().data() + run_, used_ - run_};
  }
  [[nodiscard]] const external_words& external() const noexcept { return external_; }

 private:
  void grow(std::size_t n) {
    const std::size_t keep = run_size();
    const std::size_t first_words = std::min(largest_block_words_, std::size_t{1} << 16);  // 256 KiB
    const std::size_t doubled = first_words << std::min<std::size_t>(blocks_.size(), 16);
    huge_page_array<std::uint32_t> block(std::max(std::min(doubled, largest_block_words_), 2 * (keep + n)));
    if (keep != 0) std::memcpy(block.data(), blocks_.back().data() + run_, keep * sizeof(std::uint32_t));
    blocks_.push_back(std::move(block));
    run_ = 0;
    used_ = keep;
  }

  std::size_t largest_block_words_;
  external_words external_;
  std::vector<huge_page_array<std::uint32_t>> blocks_;
  std::size_t run_ = 0;   // where the current chunk's words begin in the last block
  std::size_t used_ = 0;  // words written in the last block
};

// A term's frequencies over one worker's documents: in how many it occurs, and how often. Eight
// bytes, not sixteen, because they are updated at random once per stored count and a smaller
// array misses the cache less: `corpus` keeps the low 32 bits and each wrap past 2^32 is noted
// in count_scratch::corpus_wraps (a worker's documents are fewer than 2^32).
struct term_frequency {
  std::uint32_t documents = 0;
  std::uint32_t corpus = 0;
};

// Per-worker scratch: a dense count per local id plus the list of ids touched by the current
// document (a sparse accumulator), so counting a document costs O(its terms), not O(vocabulary).
// Document and corpus frequencies are summed as each document is flushed, so that they are known
// before the matrix is assembled (vectorize weighs each row as it assembles it).
struct alignas(128) count_scratch {  // aligned: workers' scratch must not share cache lines
  // A term's count in the current document, in one byte: a table a quarter the size stays in
  // cache (the count of a rare term was a cache miss as often as its vocabulary slot). A count
  // that would pass 255 carries 255 into `carry` and goes on from 1, so a stored byte is never
  // 0 for a term in the document.
  // The per-id arrays grow on huge_page_array storage (see grow_zeroed), not as vectors.
  huge_page_array<std::uint8_t> count;
  huge_page_array<std::int32_t> carry;      // only read when `carried` says a count passed 255
  huge_page_array<std::uint32_t> touched;  // ids counted in the current document: the first `distinct`
  huge_page_array<term_frequency> frequency;  // per id, over this worker's documents so far
  std::vector<std::uint32_t> corpus_wraps;  // an id each time its frequency.corpus passed 2^32
  std::size_t distinct = 0;
  bool carried = false;
  entry_arena entries;  // every chunk this worker counted, kept until assembly

  PLANSIM_DETAIL_HOT_INLINE void add(std::uint32_t id) { add_all(&id, 1); }

  // add() of each of `ids`. Why the arrays' addresses and `distinct` are held in locals: a
  // count is a byte, and a store through a byte pointer may alias anything, so written against
  // the members the loop reloaded every one of them after each count and kept `distinct` in
  // memory, a store-to-load wait per term.
  PLANSIM_DETAIL_HOT_INLINE void add_all(const std::uint32_t* ids, std::size_t n) {
    std::uint8_t* counts = count.data();
    std::uint32_t* touched_ids = touched.data();
    std::size_t size = count.size();
    std::size_t d = distinct;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t id = ids[i];
      if (id >= size) [[unlikely]] {
        grow(id);
        counts = count.data();
        touched_ids = touched.data();
        size = count.size();
      }
      // Without a branch: whether a token is new to its document is a coin toss the predictor
      // loses about a third of the time.
      const std::uint8_t before = counts[id];
      touched_ids[d] = id;
      d += before == 0;
      if (before == 255) [[unlikely]] {
        carry[id] += 255;
        carried = true;
        counts[id] = 1;
      } else {
        counts[id] = static_cast<std::uint8_t>(before + 1);
      }
    }
    distinct = d;
  }

  // Appends the document's (id, count) pairs to the current run, in `out`'s layout (turning the
  // run wide when a pair does not fit packed), and resets the accumulator.
  void flush(counted_chunk& out) {
    const std::size_t n = distinct;
    std::uint32_t* at = entries.extend(out.wide ? 2 * n : n);
    std::size_t i = 0;
    if (!out.wide) {
      for (; i < n; ++i) {
        const std::uint32_t id = touched[i];
        const std::int32_t c = take(id);
        if (!fits_packed(id, c)) [[unlikely]] {
          at = widen_run(out, n - i);
          *at++ = id;
          *at++ = static_cast<std::uint32_t>(c);
          ++i;
          break;
        }
        *at++ = id | static_cast<std::uint32_t>(c) << 24;
      }
    }
    for (; i < n; ++i) {
      const std::uint32_t id = touched[i];
      *at++ = id;
      *at++ = static_cast<std::uint32_t>(take(id));
    }
    distinct = 0;
    carried = false;
    out.row_end.push_back(out.wide ? entries.run_size() / 2 : entries.run_size());
  }

 private:
  // Makes room in the per-id arrays for `id`.
  void grow(std::uint32_t id) {
    const std::size_t size = std::max<std::size_t>(2 * count.size(), id + std::size_t{1024});
    grow_zeroed(count, size);
    grow_zeroed(carry, size);
    grow_zeroed(frequency, size);
    // A document has at most `size` distinct ids, and a repeated token writes one past them.
    grow_zeroed(touched, size + 1);
  }

  // The count of `id` in the document, reset, and added to its frequencies.
  PLANSIM_DETAIL_HOT_INLINE std::int32_t take(std::uint32_t id) {
    std::int32_t c = std::exchange(count[id], std::uint8_t{0});
    if (carried) [[unlikely]]
      c += std::exchange(carry[id], 0);
    term_frequency& f = frequency[id];
    f.documents += 1;
    const std::uint32_t before = f.corpus;
    f.corpus = before + static_cast<std::uint32_t>(c);
    if (f.corpus < before) [[unlikely]]
      corpus_wraps.push_back(id);
    return c;
  }

  // Rewrites the current run, packed so far, in the wide layout, when `unwritten` of the words
  // reserved at its end are still to be written; returns where the first of those pairs goes.
  std::uint32_t* widen_run(counted_chunk& out, std::size_t unwritten) {
    const std::size_t run = entries.run_size();
    const std::size_t written = run - unwritten;
    entries.extend(run);  // twice the words; may move the run to a new block
    std::uint32_t* words = entries.run().data();
    const stored_row<false> packed{words, written};
    for (std::size_t k = written; k-- > 0;) {  // from the back: word k moves to 2k and 2k + 1
      const std::uint32_t term = packed.term(k);
      const auto times = static_cast<std::uint32_t>(packed.count(k));
      words[2 * k] = term;
      words[2 * k + 1] = times;
    }
    out.wide = true;
    return words + 2 * written;
  }
};

// Term look-ups for count_chunks: adding new terms to a worker's table, or finding them in a
// fixed vocabulary (which has no padded path: a transform is not the hot path).
struct intern_local {
  term_table* table = nullptr;
  template <bool Padded>
  PLANSIM_DETAIL_HOT_INLINE std::uint32_t operator()(std::string_view term, std::bool_constant<Padded>) const {
    return table->intern<Padded>(term);
  }
  // The batched form (see term_table::hashed_term), used when terms stay readable after the
  // analyzer's callback (padded terms).
  PLANSIM_DETAIL_HOT_INLINE static term_table::hashed_term hash(std::string_view term) noexcept {
    return term_table::hash_term<true>(term);
  }
  PLANSIM_DETAIL_HOT_INLINE void prefetch(const term_table::hashed_term& term) const noexcept { table->prefetch(term); }
  PLANSIM_DETAIL_HOT_INLINE std::uint32_t operator()(const term_table::hashed_term& term) const {
    return table->intern(term);
  }
};
struct find_fixed {
  const vocabulary* vocab = nullptr;
  template <bool Padded>
  std::uint32_t operator()(std::string_view term, std::bool_constant<Padded>) const {
    return vocab->find(term).value_or(term_table::npos);
  }
};

// Whether `analyzer` promises term_padding readable bytes after each term, and its terms readable
// until its next call (text_analyzer's pads_terms()); other analyzers make no such promise.
template <class Analyzer>
bool pads_terms(const Analyzer& analyzer) noexcept {
  if constexpr (requires { { analyzer.pads_terms() } -> std::convertible_to<bool>; }) return analyzer.pads_terms();
  else return false;
}

// Starts loading the first bytes of a text, the next document's while counting this one. Why:
// each document is a separate block of cold memory, and the hardware prefetcher only picks up a
// stream after its first misses, so the start of every document waited on memory: lower-casing,
// the first pass over a text, was 7.5 % of vectorize's samples, 4.4 % with the prefetch, and the
// whole call 0.978 of its time (benchmarks/README.md, ninth set).
PLANSIM_DETAIL_HOT_INLINE void prefetch_text(std::string_view text) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  constexpr std::size_t line = 64, most = 4096;
  const std::size_t bytes = std::min(text.size(), most);
  for (std::size_t at = 0; at < bytes; at += line) __builtin_prefetch(text.data() + at);
#else
  static_cast<void>(text);
#endif
}

// prefetch_text of document `d`, when reading it costs no more than a view (a range of strings
// or of views, not one that makes each text when read).
template <class Texts>
PLANSIM_DETAIL_HOT_INLINE void prefetch_document(const Texts& texts, std::size_t d) noexcept {
  using reference = std::ranges::range_reference_t<const Texts>;
  if constexpr (std::is_lvalue_reference_v<reference> || std::is_trivially_copyable_v<reference>)
    prefetch_text(std::ranges::begin(texts)[static_cast<std::ptrdiff_t>(d)]);
}

// Counts each chunk of documents on a worker, looking terms up with `look_ups[worker](term,
// padded)`, where `padded` (std::true_type or std::false_type) says whether the analyzer pads
// its terms.
template <class Texts, class Analyzer, class LookUp>
std::vector<counted_chunk> count_chunks(const Texts& texts, const Analyzer& prototype, const count_options& options,
                                        std::vector<LookUp>& look_ups, std::vector<count_scratch>& scratch,
                                        const external_words* external = nullptr) {
  if (options.chunk_documents == 0)
    throw invalid_argument("counting", 1, "count_terms", "chunk_documents is 0", "use a positive chunk size");
  const auto n = static_cast<std::size_t>(std::ranges::size(texts));
  const std::size_t chunks = (n + options.chunk_documents - 1) / options.chunk_documents;
  const std::size_t workers = thread_count(options.threads, chunks);
  // Each worker's state on its own cache lines: a neighbour's per-token writes (vector ends,
  // buffers) would otherwise bounce the line between cores and undo the second thread.
  struct alignas(128) padded_analyzer {
    Analyzer analyzer;
  };
  std::vector<padded_analyzer> analyzers(workers, padded_analyzer{prototype});
  scratch.clear();
  scratch.resize(workers);
  if (external != nullptr && workers == 1) scratch[0].entries.use(*external);
  look_ups.resize(workers, look_ups.empty() ? LookUp{} : look_ups.front());
  std::vector<counted_chunk> out(chunks);
  for_each_chunk(chunks, workers, [&](std::size_t chunk, std::size_t worker) {
    counted_chunk result;  // filled here, then moved: adjacent chunks of out run on other workers
    result.worker = worker;
    const std::size_t first = chunk * options.chunk_documents;
    const std::size_t last = std::min(n, first + options.chunk_documents);
    auto& acc = scratch[worker];
    auto& look_up = look_ups[worker];
    acc.entries.start_run();
    result.row_end.reserve(last - first);
    result.lengths.reserve(last - first);
    const auto count_documents = [&](auto padded) {
      for (std::size_t d = first; d < last; ++d) {
        std::int64_t length = 0;
        const std::string_view text = std::ranges::begin(texts)[static_cast<std::ptrdiff_t>(d)];
        if (d + 1 < last) prefetch_document(texts, d + 1);
        analyzers[worker].analyzer(text, [&](std::string_view term) {
          ++length;
          const std::uint32_t id = look_up(term, padded);
          if (id != term_table::npos) acc.add(id);
        });
        acc.flush(result);
        result.lengths.push_back(length);
      }
    };
    // Padded terms stay readable until the analyzer's next call, so they can be hashed as the
    // tokenizer finds them and looked up in batches (term_table::hashed_term): 256 terms, 10 KiB,
    // stay in L1, and each lookup prefetches the slot of the term `ahead` of it. (Generic, so
    // that it is compiled only for look-ups that have the batched form.)
    const auto count_documents_batched = [&](auto& batched_look_up) {
      constexpr std::size_t batch_size = 256, ahead = 8;
      std::array<term_table::hashed_term, batch_size> batch;
      std::array<std::uint32_t, batch_size> ids;
      std::size_t held = 0;
      const auto look_up_held = [&] {
        for (std::size_t i = 0; i < std::min(ahead, held); ++i) batched_look_up.prefetch(batch[i]);
        for (std::size_t i = 0; i < held; ++i) {
          if (i + ahead < held) batched_look_up.prefetch(batch[i + ahead]);
          ids[i] = batched_look_up(batch[i]);
        }
        acc.add_all(ids.data(), held);
        held = 0;
      };
      for (std::size_t d = first; d < last; ++d) {
        std::int64_t length = 0;
        const std::string_view text = std::ranges::begin(texts)[static_cast<std::ptrdiff_t>(d)];
        if (d + 1 < last) prefetch_document(texts, d + 1);
        analyzers[worker].analyzer(text, [&](std::string_view term) {
          ++length;
          batch[held++] = batched_look_up.hash(term);
          if (held == batch_size) look_up_held();
        });
        look_up_held();
        acc.flush(result);
        result.lengths.push_back(length);
      }
    };
    if constexpr (requires(const LookUp& l, term_table::hashed_term h) {
                    { l.hash(std::string_view{}) } -> std::same_as<term_table::hashed_term>;
                    l.prefetch(h);
                    { l(h) } -> std::same_as<std::uint32_t>;
                  }) {
      if (pads_terms(prototype)) count_documents_batched(look_up);
      else count_documents(std::false_type{});
    } else {
      if (pads_terms(prototype)) count_documents(std::true_type{});
      else count_documents(std::false_type{});
    }
    result.words = acc.entries.run();
    result.word_offset = acc.entries.run_start();
    out[chunk] = std::move(result);
  });
  if (workers == 1 && scratch[0].entries.external().grow != nullptr) {  // a later growth moved them
    std::uint32_t* const base = scratch[0].entries.external().data;
    for (auto& chunk : out) chunk.words = {base + chunk.word_offset, chunk.words.size()};
  }
  return out;
}

// Puts one row's (column, count) pairs in column order. Why not std::sort per row: rows hold a
// few hundred distinct terms out of tens of thousands, so marking them in a two-level bitmap over
// the columns and reading the bits back in order is linear in the row (plus a scan of the top
// level's touched span). A row whose span is large next to its length is sorted instead.
class row_sorter {
 public:
  explicit row_sorter(std::size_t columns)
      : value_(columns), low_((columns + 63) / 64), top_((low_.size() + 63) / 64) {}

  // Calls `visit(column, count)` for each pair of `row`, its ids mapped through `remap`, in
  // column order. Why one step: remapping in place, sorting and then copying out would read and
  // write the row three times; here the row is read once and each pair handed over once.
  template <bool Wide, class Remap, class Visit>
  PLANSIM_DETAIL_HOT_INLINE void visit_sorted(const stored_row<Wide>& row, Remap&& remap, Visit&& visit) {
    const std::size_t size = row.size;
    std::size_t lo = top_.size(), hi = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const std::uint32_t id = remap(row.term(i));
      lo = std::min<std::size_t>(lo, id >> 12);
      hi = std::max<std::size_t>(hi, id >> 12);
      value_[id] = row.count(i);
      low_[id >> 6] |= std::uint64_t{1} << (id & 63);
      top_[id >> 12] |= std::uint64_t{1} << ((id >> 6) & 63);
    }
    if (size == 0) return;
    if (hi - lo > 4 * size) {  // sparse over the columns: sorting beats scanning the bitmap
      sorted_.clear();
      for (std::size_t i = 0; i < size; ++i) {
        const std::uint32_t id = remap(row.term(i));
        sorted_.push_back(id);
        low_[id >> 6] = 0;
        top_[id >> 12] = 0;
      }
      std::sort(sorted_.begin(), sorted_.end());
      for (const std::uint32_t id : sorted_) visit(static_cast<int>(id), value_[id]);
      return;
    }
    for (std::size_t t = lo; t <= hi; ++t) {
      for (std::uint64_t words = std::exchange(top_[t], 0); words != 0; words &= words - 1) {
        const std::size_t w = t * 64 + static_cast<std::size_t>(std::countr_zero(words));
        for (std::uint64_t bits = std::exchange(low_[w], 0); bits != 0; bits &= bits - 1) {
          const auto id = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
          visit(static_cast<int>(id), value_[id]);
        }
      }
    }
  }

 private:
  std::vector<std::int32_t> value_;  // each column's count in the row being sorted
  std::vector<std::uint64_t> low_;   // bit per column
  std::vector<std::uint32_t> sorted_;
  std::vector<std::uint64_t> top_;  // bit per word of low_
};

// Puts every row of a packed chunk in column order at once: each pair becomes a key (row,
// column, count), with the row above the column, of 32 bits where that fits and 64 otherwise
// (see sort_keys), and the keys go through a least-significant-digit radix sort on (row,
// column), which leaves every row's pairs in its own range in column order. Why not row by row
// (row_sorter): a chunk's few thousand pairs share one set of digit counts instead of a set per
// row of a hundred or so, and no pass branches on the data. Why digits of up to 11 bits: (row,
// column) spans few bits (64 rows of a 48,855-term vocabulary: 6 + 16), so two passes of 2,048
// buckets cover it where bytes took three (two on the column, one on the row). On the benchmark
// corpus's 2.87M pairs, ordered and handed over (bench_text's BM_order_rows): 10.0-10.4 ms this
// way, 11.6-13.7 ms by bytes (2 Dec 2026); 8.1-8.2 ms with 32-bit keys, against 8.8-8.9 ms with
// 64-bit ones (4 Dec 2026). It takes packed chunks with columns up to 2^24 and rows up to 2^32,
// whose keys fit 64 bits (and fewer than 2^32 pairs); others go to row_sorter.
class chunk_sorter {
 public:
  [[nodiscard]] static bool takes(const counted_chunk& chunk, std::size_t columns) noexcept {
    constexpr std::size_t limit = std::size_t{1} << 32;  // rows, and pairs counted in 32 bits
    return !chunk.wide && columns <= (std::size_t{1} << 24) && chunk.row_end.size() <= limit &&
           chunk.words.size() < limit;
  }

  // Orders `chunk`'s pairs (takes(chunk, columns) must hold), ids mapped to columns below
  // `columns` through `remap`.
  template <class Remap>
  void sort(const counted_chunk& chunk, std::size_t columns, Remap&& remap) {
    column_bits_ = static_cast<unsigned>(std::bit_width(std::max<std::size_t>(columns, 2) - 1));
    const unsigned bits =
        column_bits_ + static_cast<unsigned>(std::bit_width(std::max<std::size_t>(chunk.row_end.size(), 2) - 1));
    narrow_ = bits + 8 <= 32;
    if (narrow_) sorted32_ = sort_keys(chunk, bits, keys32_, remap);
    else sorted64_ = sort_keys(chunk, bits, keys64_, remap);
  }

  // Calls `f(column, count)` for the pairs [begin, end) of the chunk sorted last (a row's range
  // in its chunk), in column order.
  template <class F>
  PLANSIM_DETAIL_HOT_INLINE void visit(std::size_t begin, std::size_t end, F&& f) const {
    const auto each = [&](const auto* sorted) {
      const auto column_mask = static_cast<std::uint32_t>((std::uint64_t{1} << column_bits_) - 1);
      for (std::size_t i = begin; i < end; ++i)
        f(static_cast<int>(static_cast<std::uint32_t>(sorted[i] >> 8) & column_mask),
          static_cast<std::int32_t>(sorted[i] & 0xffu));
    };
    if (narrow_) each(sorted32_);
    else each(sorted64_);
  }

 private:
  static constexpr unsigned max_digit_bits = 11;

  // The sort, on keys of type Key (std::uint32_t when (row, column, count) fits 32 bits, as it
  // does for chunks of 64 rows over up to 2^18 columns: half the bytes to move in each pass).
  // `bits` is the width of (row, column). Returns the sorted keys.
  template <class Key, class Remap>
  const Key* sort_keys(const counted_chunk& chunk, unsigned bits, huge_page_array<Key>& keys, Remap& remap) {
    const std::size_t n = chunk.words.size();
    const std::size_t rows = chunk.row_end.size();
    if (keys.size() < 2 * n) {  // keys, then scratch, in one block written in full: faulted in at once
      keys = huge_page_array<Key>(std::max(2 * n, 2 * keys.size()));
      prepare_fresh_array(keys.data(), keys.size() * sizeof(Key));
    }
    const unsigned passes = (bits + max_digit_bits - 1) / max_digit_bits;
    const unsigned digit_bits = (bits + passes - 1) / passes;
    const std::size_t digits = std::size_t{1} << digit_bits, last = digits - 1;
    // Per pass: how many keys have each digit, then where the next of them goes.
    start_.assign(passes * digits, 0);
    Key* from = keys.data();
    const auto make_keys = [&](auto count_digits) {
      for (std::size_t r = 0, begin = 0; r < rows; begin = chunk.row_end[r++])
        for (std::size_t i = begin; i < chunk.row_end[r]; ++i) {
          const std::uint32_t word = chunk.words[i];
          const Key position = static_cast<Key>(Key{static_cast<Key>(r)} << column_bits_ |
                                                remap(word & (packed_term_limit - 1)));
          from[i] = static_cast<Key>(position << 8 | word >> 24);
          count_digits(position);
        }
    };
    if (passes == 2) {  // the common case, with the two counts written out
      std::uint32_t* const low = start_.data();
      std::uint32_t* const high = start_.data() + digits;
      make_keys([&](Key position) {
        ++low[position & last];
        ++high[(position >> digit_bits) & last];
      });
    } else {
      make_keys([&](Key position) {
        for (unsigned p = 0; p < passes; ++p) ++start_[p * digits + ((position >> (p * digit_bits)) & last)];
      });
    }
    Key* to = keys.data() + n;
    for (unsigned p = 0; p < passes; ++p) {
      std::uint32_t* const slot = start_.data() + p * digits;
      const unsigned shift = 8 + p * digit_bits;
      if (n == 0 || slot[(from[0] >> shift) & last] == n) continue;  // one value: order unchanged
      for (std::uint32_t v = 0, total = 0; v < digits; ++v) total += std::exchange(slot[v], total);
      for (std::size_t i = 0; i < n; ++i) to[slot[(from[i] >> shift) & last]++] = from[i];
      std::swap(from, to);
    }
    return from;
  }

  huge_page_array<std::uint32_t> keys32_;  // the keys, then as many again as scratch
  huge_page_array<std::uint64_t> keys64_;
  std::vector<std::uint32_t> start_;       // per pass, per digit (see sort_keys)
  unsigned column_bits_ = 0;
  bool narrow_ = false;
  const std::uint32_t* sorted32_ = nullptr;
  const std::uint64_t* sorted64_ = nullptr;
};

// A corpus counted but not yet assembled: each chunk's rows in its worker's local ids, the
// column of each (worker, local id), the vocabulary's terms in column order, and the complete
// statistics (frequencies summed per worker while counting, then added up by column). Counts
// and tf-idf weights are both assembled from it (assemble_counts, vectorize).
struct counted_corpus {
  std::vector<count_scratch> scratch;  // owns the chunks' entries
  std::vector<counted_chunk> chunks;
  std::vector<huge_page_array<std::uint32_t>> local_to_global;  // empty: local ids are columns
  std::vector<std::string> terms;                          // empty for a fixed vocabulary
  std::optional<term_table> index;  // terms to columns (empty for a fixed vocabulary)
  std::size_t columns = 0;
  corpus_stats stats;

  [[nodiscard]] std::size_t stored_counts() const noexcept {
    std::size_t total = 0;
    for (const auto& chunk : chunks) total += chunk.pairs();
    return total;
  }
  [[nodiscard]] std::size_t longest_row() const noexcept {
    std::size_t longest = 0;
    for (const auto& chunk : chunks)
      for (std::size_t r = 0, begin = 0; r < chunk.row_end.size(); begin = chunk.row_end[r++])
        longest = std::max(longest, chunk.row_end[r] - begin);
    return longest;
  }
};

// Puts every row in column order and hands it to `write_row(worker, row, at, size, visit)`,
// which stores the row at offset `at` of the output arrays: `visit(f)` calls `f(column, count)`
// for each of the row's `size` pairs in column order. Chunks own fixed row ranges and, after a
// prefix sum, fixed ranges of the arrays, so they run in parallel with the same result for any
// `threads`. Releases each chunk's row list once it is written.
//
// vectorize keeps the pairs in the output's own index array, so no row may be written over
// pairs still to be read: a row's output begins at or before its pairs (a pair is one or two
// words), a packed chunk is read whole before its first row is written, and row_sorter reads
// each row before writing it.
template <class WriteRow>
void sort_rows(counted_corpus& counted, std::size_t threads, WriteRow&& write_row) {
  auto& chunks = counted.chunks;
  std::vector<std::size_t> first_entry(chunks.size() + 1, 0), first_row(chunks.size() + 1, 0);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    first_entry[c + 1] = first_entry[c] + chunks[c].pairs();
    first_row[c + 1] = first_row[c] + chunks[c].row_end.size();
  }
  const std::size_t workers = thread_count(threads, chunks.size());
  std::vector<chunk_sorter> chunk_sorters(workers);
  std::vector<std::optional<row_sorter>> row_sorters(workers);  // made when a chunk needs one
  for_each_chunk(chunks.size(), workers, [&](std::size_t c, std::size_t worker) {
    counted_chunk& chunk = chunks[c];
    const std::uint32_t* map = counted.local_to_global.empty() ? nullptr : counted.local_to_global[chunk.worker].data();
    const auto to_column = [map](std::uint32_t id) { return map ? map[id] : id; };
    std::size_t at = first_entry[c], row = first_row[c];
    if (chunk_sorter::takes(chunk, counted.columns)) {
      chunk_sorter& sorter = chunk_sorters[worker];
      sorter.sort(chunk, counted.columns, to_column);
      for (std::size_t r = 0, begin = 0; r < chunk.row_end.size(); begin = chunk.row_end[r++]) {
        const std::size_t end = chunk.row_end[r];
        write_row(worker, row++, at, end - begin, [&](auto&& f) { sorter.visit(begin, end, f); });
        at += end - begin;
      }
    } else {
      auto& sorter = row_sorters[worker];
      if (!sorter) sorter.emplace(counted.columns);
      chunk.for_each_row([&](const auto& pairs) {
        write_row(worker, row++, at, pairs.size, [&](auto&& f) { sorter->visit_sorted(pairs, to_column, f); });
        at += pairs.size;
      });
    }
    chunk = {};  // release memory as we go
  });
}

// The CSR count matrix of `counted`.
inline count_matrix assemble_counts(counted_corpus& counted, std::size_t threads) {
  count_matrix counts(static_cast<Eigen::Index>(counted.stats.documents), static_cast<Eigen::Index>(counted.columns));
  const std::size_t stored = counted.stored_counts();
  counts.resizeNonZeros(static_cast<Eigen::Index>(stored));
  auto* outer = counts.outerIndexPtr();
  auto* inner = counts.innerIndexPtr();
  auto* values = counts.valuePtr();
  prepare_fresh_arrays(threads, {{inner, stored * sizeof(*inner)}, {values, stored * sizeof(*values)}});
  outer[0] = 0;
  sort_rows(counted, threads, [&](std::size_t, std::size_t row, std::size_t at, std::size_t size, const auto& visit) {
    int* columns = inner + at;
    std::int32_t* out = values + at;
    visit([&](int column, std::int32_t count) {
      *columns++ = column;
      *out++ = count;
    });
    outer[row + 1] = static_cast<int>(at + size);
  });
  return counts;
}

// Sorts `n` records by `prefix` (an unsigned 64-bit key), then each run of equal prefixes by
// `less`; `scratch` has room for n records. Why not std::sort with `less` throughout: the merge
// sorts a whole vocabulary, and comparisons of random terms are a coin toss for the branch
// predictor, while a radix sort's passes (a byte of the key each, least significant first,
// stable) branch on nothing the data decides. 48,855 shuffled terms: std::sort 3.3 ms, this
// 0.8 ms. A byte that every key shares costs no pass.
template <class Record, class Less>
void sort_by_prefix(Record* data, std::size_t n, Record* scratch, Less less) {
  std::size_t start[8][256] = {};  // per byte of the key: how many records have each value, then where they go
  for (std::size_t i = 0; i < n; ++i)
    for (unsigned b = 0; b < 8; ++b) ++start[b][(data[i].prefix >> (8 * b)) & 0xffu];
  Record* from = data;
  Record* to = scratch;
  for (unsigned b = 0; b < 8; ++b) {
    std::size_t* const slot = start[b];
    if (n == 0 || slot[(data[0].prefix >> (8 * b)) & 0xffu] == n) continue;  // one value: order unchanged
    for (std::size_t v = 0, total = 0; v < 256; ++v) total += std::exchange(slot[v], total);
    for (std::size_t i = 0; i < n; ++i) to[slot[(from[i].prefix >> (8 * b)) & 0xffu]++] = from[i];
    std::swap(from, to);
  }
  if (from != data) std::copy(from, from + n, data);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && data[j].prefix == data[i].prefix) ++j;
    if (j - i > 1) std::sort(data + i, data + j, less);
    i = j;
  }
}

// A worker's term as the vocabulary merge sorts it: its first 8 bytes as a big-endian integer
// (zero-padded, so integer order is byte order), the text, and the worker's id for it.
struct term_entry {
  std::uint64_t prefix;
  std::string_view text;
  std::uint32_t id;

  [[nodiscard]] static term_entry of(std::string_view text, std::uint32_t id) noexcept {
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i)
      prefix = (prefix << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    return {prefix, text, id};
  }
  // Byte order of the texts. Two terms of up to 8 bytes with one prefix differ only in the zero
  // bytes past the shorter one's end, which byte order puts first: their lengths decide, with no
  // call to memcmp (most terms are that short).
  [[nodiscard]] int compare(const term_entry& other) const noexcept {
    if (prefix != other.prefix) return prefix < other.prefix ? -1 : 1;
    if (text.size() <= 8 && other.text.size() <= 8)
      return text.size() == other.text.size() ? 0 : text.size() < other.text.size() ? -1 : 1;
    const int order = text.compare(other.text);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  bool operator<(const term_entry& other) const noexcept { return compare(other) < 0; }
  [[nodiscard]] bool same_term(const term_entry& other) const noexcept {
    return prefix == other.prefix && text.size() == other.text.size() && (text.size() <= 8 || text == other.text);
  }
};

// A worker's terms as merge_vocabularies takes them: term_entry records in byte order.
inline huge_page_array<term_entry> sorted_terms(const term_table& table) {
  huge_page_array<term_entry> sorted(table.size());
  for (std::uint32_t id = 0; id < table.size(); ++id) sorted[id] = term_entry::of(table.text(id), id);
  huge_page_array<term_entry> scratch(table.size());
  sort_by_prefix(sorted.data(), sorted.size(), scratch.data(), std::less<>{});
  return sorted;
}

// Merges the workers' term lists `sorted` (each in order, each term once) into `terms`, the
// vocabulary in order, and gives every worker's local id its column in `local_to_global` (sized
// to each worker's terms). Why in pieces: every worker meets most of a corpus's frequent terms,
// so with W workers the merge reads W times the vocabulary, and one thread doing it undid the
// scaling (16 workers on the benchmark corpus: 499k entries, 68-89 ms in one heap, about as long
// as the whole call on one core; bench_text's BM_merge_vocabularies).
// The lists are cut at the same prefixes into pieces, each piece merged on its own, then placed
// after the pieces before it. The result does not depend on the pieces or the thread count.
// `entries_per_piece` sets how finely to cut (the tests cut small inputs into many pieces).
inline void merge_vocabularies(const std::vector<huge_page_array<term_entry>>& sorted, std::size_t threads,
                               std::vector<std::string>& terms,
                               std::vector<huge_page_array<std::uint32_t>>& local_to_global,
                               std::size_t entries_per_piece = 4096) {
  const std::size_t workers = sorted.size();
  std::size_t total = 0, largest = 0;
  for (std::size_t w = 0; w < workers; ++w) {
    total += sorted[w].size();
    if (sorted[w].size() > sorted[largest].size()) largest = w;
  }
  // Cuts: prefixes taken at even steps through the largest list, increasing. Piece k holds the
  // entries whose prefix is in [cut[k - 1], cut[k]) (from 0 for the first, to the end for the last),
  // so equal terms, which share their prefix, always fall in one piece.
  const std::size_t wanted =
      std::clamp<std::size_t>(total / std::max<std::size_t>(entries_per_piece, 1), 1, 8 * thread_count(threads, total));
  std::vector<std::uint64_t> cuts;
  for (std::size_t k = 1; k < wanted; ++k) {
    const std::uint64_t prefix = sorted[largest][k * sorted[largest].size() / wanted].prefix;
    if (prefix != 0 && (cuts.empty() || prefix > cuts.back())) cuts.push_back(prefix);
  }
  const std::size_t pieces = cuts.size() + 1;
  // bounds[k * workers + w]: where piece k begins in worker w's list (piece `pieces` = its end).
  std::vector<std::size_t> bounds((pieces + 1) * workers);
  for (std::size_t w = 0; w < workers; ++w) {
    const term_entry* const first = sorted[w].data();
    const term_entry* const last = first + sorted[w].size();
    bounds[w] = 0;
    for (std::size_t k = 1; k < pieces; ++k)
      bounds[k * workers + w] = static_cast<std::size_t>(
          std::partition_point(first, last, [&](const term_entry& e) { return e.prefix < cuts[k - 1]; }) - first);
    bounds[pieces * workers + w] = sorted[w].size();
  }
  // Each piece merged: its distinct terms in order (the union of the workers' ranges, built one
  // worker at a time by a linear merge), then each (worker, id) given its rank in the union by a
  // walk of the worker's range along it (a worker's terms are a subset of the union, in order).
  // Why not a heap over the workers' heads: each entry cost log W comparisons through two
  // pointers, ~100 ns an entry at 16 workers, against ~20 ns this way.
  std::vector<std::vector<std::string_view>> piece_terms(pieces);
  for_each_chunk(pieces, threads, [&](std::size_t k, std::size_t) {
    const auto range = [&](std::size_t w) {
      return std::span<const term_entry>(sorted[w].data() + bounds[k * workers + w],
                                         bounds[(k + 1) * workers + w] - bounds[k * workers + w]);
    };
    std::vector<term_entry> buffers[2];
    std::span<const term_entry> merged = range(0);  // one worker's range is already its union
    for (std::size_t w = 1; w < workers; ++w) {
      const std::span<const term_entry> b = range(w);
      std::vector<term_entry>& next = buffers[w % 2];  // merged is in the other buffer, or range(0)
      next.resize(merged.size() + b.size());
      term_entry* out = next.data();
      std::size_t i = 0, j = 0;
      while (i < merged.size() && j < b.size()) {
        const int order = merged[i].compare(b[j]);
        *out++ = order <= 0 ? merged[i] : b[j];
        i += order <= 0;
        j += order >= 0;
      }
      out = std::copy(merged.begin() + static_cast<std::ptrdiff_t>(i), merged.end(), out);
      out = std::copy(b.begin() + static_cast<std::ptrdiff_t>(j), b.end(), out);
      merged = std::span<const term_entry>(next.data(), static_cast<std::size_t>(out - next.data()));
    }
    for (std::size_t w = 0; w < workers; ++w) {
      std::size_t rank = 0;
      for (const term_entry& e : range(w)) {
        while (!merged[rank].same_term(e)) ++rank;
        local_to_global[w][e.id] = static_cast<std::uint32_t>(rank);
      }
    }
    piece_terms[k].resize(merged.size());
    for (std::size_t i = 0; i < merged.size(); ++i) piece_terms[k][i] = merged[i].text;
  });
  std::vector<std::size_t> offset(pieces + 1, 0);
  for (std::size_t k = 0; k < pieces; ++k) offset[k + 1] = offset[k] + piece_terms[k].size();
  terms.clear();
  reserve_populated(terms, offset[pieces]);
  terms.resize(offset[pieces]);
  for_each_chunk(pieces, threads, [&](std::size_t k, std::size_t) {
    for (std::size_t i = 0; i < piece_terms[k].size(); ++i) terms[offset[k] + i] = piece_terms[k][i];
    if (offset[k] == 0) return;
    for (std::size_t w = 0; w < workers; ++w)
      for (std::size_t i = bounds[k * workers + w]; i < bounds[(k + 1) * workers + w]; ++i)
        local_to_global[w][sorted[w][i].id] += static_cast<std::uint32_t>(offset[k]);
  });
}

// Fills `counted.stats` from the chunks and the workers' frequencies. The frequencies are added
// up by blocks of columns on up to `threads` threads (integer sums: the same in any order, so for
// any thread count). When local ids are mapped to columns, `sorted` holds each worker's terms in
// column order (the merge's input; only their ids are read) and tells which of a worker's ids
// fall in a block. Why in blocks: each worker's frequencies are read once, so the work grows with
// the workers, and on one thread it was serial work (~1.4 ms a call with 16 workers).
inline void sum_statistics(counted_corpus& counted, std::size_t threads,
                           const std::vector<huge_page_array<term_entry>>* sorted = nullptr) {
  PLANSIM_ASSERT(counted.local_to_global.empty() || sorted != nullptr, "mapped ids need the sorted terms");
  corpus_stats& stats = counted.stats;
  stats.documents = 0;
  for (const auto& chunk : counted.chunks) stats.documents += chunk.lengths.size();
  stats.document_length.clear();
  reserve_populated(stats.document_length, stats.documents);
  std::int64_t total = 0;
  for (const auto& chunk : counted.chunks)
    for (const auto length : chunk.lengths) {
      stats.document_length.push_back(length);
      total += length;
    }
  stats.average_length = stats.documents == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(stats.documents);
  const std::size_t columns = counted.columns;
  stats.document_frequency.clear();
  stats.corpus_frequency.clear();
  reserve_populated(stats.document_frequency, columns);
  reserve_populated(stats.corpus_frequency, columns);
  stats.document_frequency.assign(columns, 0);
  stats.corpus_frequency.assign(columns, 0);
  constexpr std::size_t block = 4096;
  for_each_chunk((columns + block - 1) / block, threads, [&](std::size_t b, std::size_t) {
    const std::size_t first = b * block, last = std::min(columns, first + block);
    for (std::size_t w = 0; w < counted.scratch.size(); ++w) {
      const auto& frequency = counted.scratch[w].frequency;
      const auto add = [&](std::size_t id, std::size_t column) {
        stats.document_frequency[column] += frequency[id].documents;
        stats.corpus_frequency[column] += frequency[id].corpus;
      };
      if (counted.local_to_global.empty()) {  // local ids are columns
        // frequency has room for more ids than were seen (it grows ahead), past the number of
        // columns with a fixed vocabulary: only ids that exist are read.
        for (std::size_t id = first; id < std::min(last, frequency.size()); ++id) add(id, id);
        continue;
      }
      const std::uint32_t* const map = counted.local_to_global[w].data();
      const term_entry* const begin = (*sorted)[w].data();
      const term_entry* const end = begin + (*sorted)[w].size();
      const term_entry* e = std::partition_point(begin, end, [&](const term_entry& x) { return map[x.id] < first; });
      for (; e != end && map[e->id] < last; ++e) add(e->id, map[e->id]);
    }
  });
  for (std::size_t w = 0; w < counted.scratch.size(); ++w) {
    const std::uint32_t* const map = counted.local_to_global.empty() ? nullptr : counted.local_to_global[w].data();
    for (const std::uint32_t id : counted.scratch[w].corpus_wraps)
      stats.corpus_frequency[map ? map[id] : id] += std::int64_t{1} << 32;
  }
}

template <class Texts>
constexpr void check_texts() {
  static_assert(std::ranges::random_access_range<Texts> && std::ranges::sized_range<Texts>,
                "count_terms needs a sized random-access range of texts (a vector, a span, a corpus)");
  static_assert(std::convertible_to<std::ranges::range_reference_t<const Texts>, std::string_view>,
                "count_terms needs texts convertible to std::string_view");
}

}  // namespace detail

namespace detail {

// Counts `texts` and merges the workers' vocabularies (count_terms before assembly).
// `caller` names the public function in errors.
template <class Texts, class Analyzer>
counted_corpus count_corpus(const Texts& texts, const Analyzer& analyzer, const count_options& options,
                            const char* caller, const external_words* external = nullptr) {
  check_texts<Texts>();
  struct alignas(128) padded_table {  // one worker's table, on cache lines of its own
    term_table table;
  };
  const auto n = static_cast<std::size_t>(std::ranges::size(texts));
  const std::size_t chunks = (n + std::max<std::size_t>(1, options.chunk_documents) - 1) /
                             std::max<std::size_t>(1, options.chunk_documents);
  const std::size_t workers = thread_count(options.threads, chunks);
  std::vector<padded_table> padded(workers);
  std::vector<intern_local> look_ups;
  for (auto& p : padded) look_ups.push_back({&p.table});
  counted_corpus counted;
  counted.chunks = count_chunks(texts, analyzer, options, look_ups, counted.scratch, external);

  // Merge the workers' local vocabularies into one sorted vocabulary: each worker's terms are
  // sorted in parallel (sorted_terms), then merged in parallel (merge_vocabularies).
  std::vector<huge_page_array<term_entry>> sorted(workers);
  for_each_chunk(workers, workers, [&](std::size_t w, std::size_t) { sorted[w] = sorted_terms(padded[w].table); });
  auto& local_to_global = counted.local_to_global;
  local_to_global.resize(workers);
  for (std::size_t w = 0; w < workers; ++w) local_to_global[w] = huge_page_array<std::uint32_t>(padded[w].table.size());
  std::vector<std::string>& terms = counted.terms;
  merge_vocabularies(sorted, options.threads, terms, local_to_global);

  if (terms.empty())
    throw data_error("vocabulary", 4, caller,
                     "empty vocabulary: no document yields any term (" + std::to_string(n) + " documents)",
                     "check that the documents hold text, and loosen stop words or the token pattern");
  counted.columns = terms.size();
  if (workers == 1) {  // its table, ids turned into columns, indexes the vocabulary
    padded[0].table.renumber(local_to_global[0].data(), terms);
    counted.index = std::move(padded[0].table);
  } else {  // the merged terms are sorted and unique: indexed without the vocabulary's checks
    counted.index = term_table::build(terms);
  }
  sum_statistics(counted, options.threads, &sorted);
  return counted;
}

// The vocabulary of `counted` (its terms are moved out), with the frequencies of `stats`.
inline vocabulary take_vocabulary(counted_corpus& counted, const corpus_stats& stats) {
  const auto copy = [](const std::vector<std::int64_t>& from) {
    std::vector<std::int64_t> to;
    reserve_populated(to, from.size());
    to.assign(from.begin(), from.end());
    return to;
  };
  // An analyzer that emits an empty term gets the checked constructor's error.
  if (counted.index && !counted.terms.front().empty())
    return vocabulary(counted_terms_t{}, std::move(counted.terms), copy(stats.document_frequency),
                      copy(stats.corpus_frequency), std::move(*counted.index));
  return vocabulary(std::move(counted.terms), copy(stats.document_frequency), copy(stats.corpus_frequency));
}

}  // namespace detail

/// Counts the terms of every text, learning the vocabulary from them.
///
/// @param texts    a sized random-access range of texts (anything convertible to string_view)
/// @param analyzer turns a text into terms (see the `analyzer` concept)
/// @throws data_error `[plansim.vocabulary.4]` when no text yields a single term.
/// The result is identical for any `options.threads`.
template <class Texts, analyzer Analyzer>
term_counts count_terms(const Texts& texts, const Analyzer& analyzer, const count_options& options = {}) {
  auto counted = detail::count_corpus(texts, analyzer, options, "count_terms");
  term_counts result;
  // swap, not assignment: Eigen 3.4's SparseMatrix has no move assignment, and assigning the
  // returned matrix copied every stored count (as long as counting them took, BM_count_sklearn)
  detail::assemble_counts(counted, options.threads).swap(result.counts);
  result.stats = std::move(counted.stats);
  result.vocabulary = detail::take_vocabulary(counted, result.stats);
  return result;
}

/// Counts the terms of every text against a fixed vocabulary (scikit-learn's `transform`): terms
/// outside it are not counted, though they still count toward each document's length.
template <class Texts, analyzer Analyzer>
term_counts count_terms(const Texts& texts, const Analyzer& analyzer, const vocabulary& fixed,
                        const count_options& options = {}) {
  detail::check_texts<Texts>();
  std::vector<detail::find_fixed> look_ups{detail::find_fixed{&fixed}};
  detail::counted_corpus counted;
  counted.chunks = detail::count_chunks(texts, analyzer, options, look_ups, counted.scratch);
  counted.columns = fixed.size();
  detail::sum_statistics(counted, options.threads);
  term_counts result;
  detail::assemble_counts(counted, options.threads).swap(result.counts);  // swap: see count_terms above
  result.stats = std::move(counted.stats);
  result.vocabulary = fixed;
  return result;
}

/// A document-frequency bound: an absolute number of documents, or a proportion of them
/// (scikit-learn's int versus float `min_df`/`max_df`).
struct df_bound {
  double value = 1.0;
  bool proportion = false;

  static constexpr df_bound documents(std::int64_t count) { return {static_cast<double>(count), false}; }
  static constexpr df_bound share(double fraction) { return {fraction, true}; }

  /// The bound in documents for a corpus of `n` documents (as scikit-learn: share × n, unrounded).
  [[nodiscard]] double in_documents(std::size_t n) const { return proportion ? value * static_cast<double>(n) : value; }
};

/// Which terms to keep, as scikit-learn's CountVectorizer decides: min_df <= df <= max_df, then the
/// `max_features` most frequent in the corpus (ties broken by term, in vocabulary order).
struct prune_options {
  df_bound min_df = df_bound::documents(1);
  df_bound max_df = df_bound::share(1.0);
  std::optional<std::size_t> max_features;
};

/// Keeps the terms `options` allows, renumbering columns in vocabulary order.
/// @throws invalid_argument for a bound out of range or min_df above max_df;
///         data_error `[plansim.vocabulary.8]` when no term survives.
inline term_counts prune(const term_counts& input, const prune_options& options) {
  auto check = [](const df_bound& bound, const char* name) {
    const bool bad = bound.proportion ? !(bound.value >= 0.0 && bound.value <= 1.0)
                                      : !(bound.value >= 0.0 && std::floor(bound.value) == bound.value);
    if (bad)
      throw invalid_argument("vocabulary", 5, "prune",
                             std::string(name) + " = " + detail::format_number(bound.value) + " is out of range",
                             "give a whole number of documents >= 0 or a proportion in [0, 1]");
  };
  check(options.min_df, "min_df");
  check(options.max_df, "max_df");
  const std::size_t n = input.stats.documents;
  const double low = options.min_df.in_documents(n), high = options.max_df.in_documents(n);
  if (high < low)
    throw invalid_argument("vocabulary", 6, "prune",
                           "max_df (" + detail::format_number(high) + " documents) is below min_df (" + detail::format_number(low) +
                               " documents)",
                           "lower min_df or raise max_df");
  if (options.max_features && *options.max_features == 0)
    throw invalid_argument("vocabulary", 7, "prune", "max_features is 0", "keep at least one feature, or leave it unset");

  const auto& df = input.stats.document_frequency;
  const auto& cf = input.stats.corpus_frequency;
  std::vector<std::uint32_t> kept;
  for (std::uint32_t t = 0; t < df.size(); ++t) {
    const auto d = static_cast<double>(df[t]);
    if (d >= low && d <= high) kept.push_back(t);
  }
  if (options.max_features && kept.size() > *options.max_features) {
    std::stable_sort(kept.begin(), kept.end(), [&](auto a, auto b) { return cf[a] > cf[b]; });
    kept.resize(*options.max_features);
    std::sort(kept.begin(), kept.end());
  }
  if (kept.empty())
    throw data_error("vocabulary", 8, "prune", "no terms remain after pruning",
                     "lower min_df, raise max_df or max_features");

  std::vector<std::int64_t> new_id(df.size(), -1);
  for (std::size_t i = 0; i < kept.size(); ++i) new_id[kept[i]] = static_cast<std::int64_t>(i);
  term_counts out;
  const auto& in = input.counts;
  out.counts.resize(in.rows(), static_cast<Eigen::Index>(kept.size()));
  std::size_t nnz = 0;
  for (Eigen::Index r = 0; r < in.outerSize(); ++r)
    for (count_matrix::InnerIterator it(in, r); it; ++it) nnz += new_id[static_cast<std::size_t>(it.col())] >= 0;
  out.counts.resizeNonZeros(static_cast<Eigen::Index>(nnz));
  std::size_t at = 0;
  out.counts.outerIndexPtr()[0] = 0;
  for (Eigen::Index r = 0; r < in.outerSize(); ++r) {
    for (count_matrix::InnerIterator it(in, r); it; ++it) {
      const auto id = new_id[static_cast<std::size_t>(it.col())];
      if (id < 0) continue;
      out.counts.innerIndexPtr()[at] = static_cast<int>(id);
      out.counts.valuePtr()[at] = it.value();
      ++at;
    }
    out.counts.outerIndexPtr()[r + 1] = static_cast<int>(at);
  }
  out.stats.documents = n;
  out.stats.document_length = input.stats.document_length;
  out.stats.average_length = input.stats.average_length;
  std::vector<std::string> terms;
  for (const auto t : kept) {
    terms.push_back(input.vocabulary.term(t));
    out.stats.document_frequency.push_back(df[t]);
    out.stats.corpus_frequency.push_back(cf[t]);
  }
  out.vocabulary = vocabulary(std::move(terms), out.stats.document_frequency, out.stats.corpus_frequency);
  return out;
}

}  // namespace plansim
