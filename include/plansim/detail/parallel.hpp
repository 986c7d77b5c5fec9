#pragma once
/// @file
/// Deterministic fork-join over index ranges. Not API.
///
/// Work is cut into chunks whose boundaries depend on the item count and chunk size alone, never
/// on the thread count, and every chunk writes only to its own output slot. Results therefore do
/// not depend on how many threads ran or in which order chunks finished.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace plansim::detail {

/// Threads to use for `requested` (0 means all hardware threads), never more than `chunks`.
inline std::size_t thread_count(std::size_t requested, std::size_t chunks) noexcept {
  std::size_t threads = requested != 0 ? requested : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(threads, chunks));
}

/// Calls `work(chunk, worker)` for every chunk in [0, chunks) on up to `threads` threads. Chunks are
/// handed out in increasing order. If chunks throw, the exception of the lowest-numbered failing
/// chunk is rethrown after all threads end, so even the error does not depend on the thread count.
/// `worker` in [0, threads) names the thread, for per-thread scratch state; which chunks a worker
/// gets varies from run to run, so results must not depend on it.
template <class Work>
void for_each_chunk(std::size_t chunks, std::size_t threads, Work&& work) {
  threads = thread_count(threads, chunks);
  if (threads <= 1) {
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) work(chunk, std::size_t{0});
    return;
  }
  std::mutex mutex;  // guards the fields below: taken once per chunk, never inside a chunk's work
  std::size_t next = 0;
  std::size_t failed_chunk = chunks;
  std::exception_ptr failure;
  auto worker = [&](std::size_t worker_index) {
    for (;;) {
      std::size_t chunk = 0;
      {
        const std::lock_guard lock(mutex);
        if (next >= chunks || next > failed_chunk) return;
        chunk = next++;
      }
      try {
        work(chunk, worker_index);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (chunk < failed_chunk) {
          failed_chunk = chunk;
          failure = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(std::size_t{0});
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace plansim::detail
