#pragma once
/// @file
/// Transparent huge pages for large fresh buffers. Not API.
///
/// Why: the first write to each 4 KiB page of a new buffer is a page fault, and on virtual
/// machines a fault can cost far more than the work done on the page (bench_text's
/// BM_first_touch on the development VM: 17.8 µs a fault, 291 ms to first write a 64 MB block;
/// 5.1 ms for the same block on huge pages). Counting and weighting write tens of megabytes of fresh CSR arrays, so they
/// ask the kernel (Linux `madvise(MADV_HUGEPAGE)`) to back those buffers with 2 MiB pages before
/// the first write: 512 times fewer faults and fewer TLB misses. It is advice: where the kernel
/// declines (THP "never", other systems) nothing changes but speed. Define
/// `PLANSIM_NO_HUGE_PAGES` to turn it off.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "plansim/detail/parallel.hpp"

#if defined(__linux__) && !defined(PLANSIM_NO_HUGE_PAGES)
#include <sys/mman.h>
#define PLANSIM_DETAIL_HUGE_PAGES 1
#else
#define PLANSIM_DETAIL_HUGE_PAGES 0
#endif

namespace plansim::detail {

inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

/// From this size up huge_page_array rounds a buffer up to whole huge pages. Why not from 2 MiB:
/// a fresh 4 KiB page costs as much to fault in as a whole huge page costs to clear (on the
/// development VM, 17 µs a 4 KiB fault, 4.3 ms a MiB, against about 0.2 ms for a 2 MiB page),
/// so a quarter of a huge page in small pages already costs more than the whole huge page.
inline constexpr std::size_t huge_page_threshold = huge_page_bytes / 8;

/// Asks for huge pages under the whole 2 MiB pages inside [p, p + bytes). Call it before the
/// buffer is first written; the parts outside whole huge pages keep 4 KiB pages.
inline void advise_huge_pages([[maybe_unused]] const void* p, [[maybe_unused]] std::size_t bytes) noexcept {
#if PLANSIM_DETAIL_HUGE_PAGES
  if (p == nullptr || bytes < huge_page_bytes) return;
  const auto first = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t begin = (first + huge_page_bytes - 1) & ~(std::uintptr_t{huge_page_bytes} - 1);
  const std::uintptr_t end = (first + bytes) & ~(std::uintptr_t{huge_page_bytes} - 1);
  if (end > begin) static_cast<void>(::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE));
#endif
}

/// Faults in the pages of [p, p + bytes) in one system call (Linux 5.14's MADV_POPULATE_WRITE),
/// for a buffer about to be written in full. Why: a fault taken one page at a time crosses into
/// the kernel (and on a VM, the hypervisor) once per 4 KiB; populating the range costs one
/// crossing. Older kernels refuse the advice and the pages fault in as usual.
inline void populate_pages([[maybe_unused]] void* p, [[maybe_unused]] std::size_t bytes) noexcept {
#if PLANSIM_DETAIL_HUGE_PAGES && defined(MADV_POPULATE_WRITE)
  constexpr std::uintptr_t page = 4096;
  if (p == nullptr || bytes < 16 * page) return;
  const auto first = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t begin = (first + page - 1) & ~(page - 1);
  const std::uintptr_t end = (first + bytes) & ~(page - 1);
  if (end > begin) static_cast<void>(::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE));
#endif
}

/// Both of the above, for a freshly allocated array about to be written in full.
inline void prepare_fresh_array(void* p, std::size_t bytes) noexcept {
  advise_huge_pages(p, bytes);
  populate_pages(p, bytes);
}

/// A fresh array about to be written in full, for prepare_fresh_arrays.
struct fresh_array {
  void* data;
  std::size_t bytes;
};

/// A range of bytes [begin, end).
struct byte_range {
  char* begin;
  char* end;
};

/// The arrays cut into ranges at every multiple of `step` bytes in the address space (a power of
/// two, at least a huge page), so that no huge page is split between two ranges. Empty arrays
/// give none.
inline std::vector<byte_range> cut_into_pieces(std::initializer_list<fresh_array> arrays, std::size_t step) {
  std::vector<byte_range> pieces;
  for (const fresh_array& a : arrays) {
    if (a.data == nullptr || a.bytes == 0) continue;
    char* const begin = static_cast<char*>(a.data);
    const auto first = reinterpret_cast<std::uintptr_t>(begin);
    std::size_t done = 0;
    while (done < a.bytes) {
      const std::size_t to_cut = step - (first + done) % step;
      const std::size_t size = std::min(to_cut, a.bytes - done);
      pieces.push_back({begin + done, begin + done + size});
      done += size;
    }
  }
  return pieces;
}

/// prepare_fresh_array for each of `arrays`, their pages faulted in by up to `threads` threads,
/// in pieces of up to 8 MiB (whole huge pages). Why: a fresh page is cleared by the thread that
/// faults it in, and a many-threaded call's output is tens of megabytes (34.5 MB on the
/// benchmark corpus), whose clearing on one thread was the largest serial step of a two-thread
/// vectorize.
inline void prepare_fresh_arrays(std::size_t threads, std::initializer_list<fresh_array> arrays) {
  for (const fresh_array& a : arrays) advise_huge_pages(a.data, a.bytes);
  const std::vector<byte_range> pieces = cut_into_pieces(arrays, 4 * huge_page_bytes);
  for_each_chunk(pieces.size(), threads, [&](std::size_t k, std::size_t) {
    populate_pages(pieces[k].begin, static_cast<std::size_t>(pieces[k].end - pieces[k].begin));
  });
}

/// An uninitialised array of `n` implicit-lifetime `T` (no constructor runs: the caller writes
/// every element before reading it). From 2 MiB up it is aligned to, and sized in, whole huge
/// pages and advised onto them, so none of it is faulted in 4 KiB at a time.
template <class T>
class huge_page_array {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  huge_page_array() = default;
  huge_page_array(huge_page_array&&) noexcept = default;
  huge_page_array& operator=(huge_page_array&&) noexcept = default;
  huge_page_array(const huge_page_array& other) : huge_page_array(other.size_) {
    if (size_ != 0) std::memcpy(data(), other.data(), size_ * sizeof(T));
  }
  huge_page_array& operator=(const huge_page_array& other) {
    if (this != &other) *this = huge_page_array(other);
    return *this;
  }
  ~huge_page_array() = default;

  explicit huge_page_array(std::size_t n) : size_(n) {
    const std::size_t bytes = n * sizeof(T);
    const bool huge = bytes >= huge_page_threshold;
    const std::size_t alignment = huge ? huge_page_bytes : alignof(std::max_align_t);
    const std::size_t rounded = huge ? (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes : bytes;
    data_ = {static_cast<T*>(::operator new(rounded, std::align_val_t{alignment})), release{alignment}};
    if (huge) advise_huge_pages(data_.get(), rounded);
  }

  [[nodiscard]] T* data() const noexcept { return data_.get(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] T& operator[](std::size_t i) const noexcept { return data_.get()[i]; }

 private:
  struct release {
    std::size_t alignment = alignof(std::max_align_t);
    void operator()(T* p) const noexcept { ::operator delete(p, std::align_val_t{alignment}); }
  };
  std::unique_ptr<T, release> data_;
  std::size_t size_ = 0;
};

/// Grows `array` to `n` elements (no smaller), keeping its contents; the new elements are zero.
/// Why not std::vector::resize: a growing vector's new block is faulted in 4 KiB at a time,
/// while this one sits on huge pages from huge_page_threshold up.
template <class T>
void grow_zeroed(huge_page_array<T>& array, std::size_t n) {
  if (n <= array.size()) return;
  huge_page_array<T> grown(n);
  if (array.size() != 0) std::memcpy(grown.data(), array.data(), array.size() * sizeof(T));
  std::memset(static_cast<void*>(grown.data() + array.size()), 0, (n - array.size()) * sizeof(T));
  array = std::move(grown);
}

/// Reserves room for `n` elements in `v` and faults the new block in with one system call
/// (populate_pages), for a vector about to be filled: the vocabulary's and the statistics'
/// vectors are public std::vector members, whose blocks cannot be put on huge pages.
template <class Vector>
void reserve_populated(Vector& v, std::size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  populate_pages(v.data(), n * sizeof(typename Vector::value_type));
}

/// Makes room for `n` elements in `container` (a vector or a string), at least doubling its
/// capacity, and faults the new block in with one system call. Why: a container that grows one
/// element at a time past glibc's mmap threshold gets a fresh block at each doubling, faulted
/// in 4 KiB at a time (see populate_pages).
template <class Container>
void grow_populated(Container& container, std::size_t n) {
  if (n > container.capacity()) reserve_populated(container, std::max(n, 2 * container.capacity()));
}

}  // namespace plansim::detail
