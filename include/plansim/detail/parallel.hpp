#pragma once
/// @file
/// Deterministic fork-join over index ranges. Not API.
///
/// Work is cut into chunks whose boundaries depend on the item count and chunk size alone, never
/// on the thread count, and every chunk writes only to its own output slot. Results therefore do
/// not depend on how many threads ran or in which order chunks finished.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define PLANSIM_DETAIL_HAS_GETPID 1
#endif

namespace plansim::detail {

/// Threads to use for `requested` (0 means all hardware threads), never more than `chunks`.
inline std::size_t thread_count(std::size_t requested, std::size_t chunks) noexcept {
  std::size_t threads = requested != 0 ? requested : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(threads, chunks));
}

/// Threads kept waiting between parallel steps, reused by every for_each_chunk. Why: starting a
/// thread costs tens of microseconds, and one vectorize call runs about eight parallel steps
/// (k-means one per iteration): a step of trivial work takes 52 us with 2 new threads and 1.5 ms
/// with 16 on this project's 2-core machine, and 27 us and 83 us on the pool (bench_text's
/// BM_parallel_step). The pool holds no data of any call, so it is not state that
/// a result could depend on; it grows to the most threads a step has asked for and lives as long
/// as the process (never destroyed, so that no thread waits on a destroyed mutex at exit).
///
/// It serves one step at a time. A step asked for while it is busy (another thread's step, or a
/// step started inside a pool job), in a child process after fork() (the pool's threads are not
/// copied), or for more than `max_threads` threads starts threads of its own, as before the pool.
class worker_pool {
 public:
  using job_function = void (*)(void* context, std::size_t worker);
  static constexpr std::size_t max_threads = 256;

  /// The process's pool, made on first use.
  static worker_pool& shared() {
    static worker_pool* const pool = new worker_pool;  // never deleted: see the class comment
    return *pool;
  }

  /// Runs `job(context, w)` for w in [1, workers) on pool threads and `job(context, 0)` on the
  /// calling thread, and returns true once all have returned; `job` must not throw. Returns
  /// false, having run nothing, when the pool cannot serve the step (see the class comment).
  bool try_run(std::size_t workers, job_function job, void* context) {
    if (workers > max_threads || inside_job()) return false;
#ifdef PLANSIM_DETAIL_HAS_GETPID
    if (::getpid() != owner_) return false;
#endif
    const std::unique_lock caller(caller_mutex_, std::try_to_lock);
    if (!caller.owns_lock()) return false;
    {
      const std::lock_guard lock(mutex_);
      while (threads_.size() + 1 < workers)
        threads_.emplace_back(&worker_pool::serve, this, threads_.size() + 1, generation_);
      job_ = job;
      context_ = context;
      wanted_ = workers - 1;
      remaining_ = workers - 1;
      ++generation_;
    }
    wake_.notify_all();
    inside_job() = true;
    job(context, 0);
    inside_job() = false;
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return remaining_ == 0; });
    return true;
  }

 private:
  worker_pool() = default;

  // Whether this thread is running a job (a pool thread always is): such a thread's own steps
  // must not wait on the pool it is part of.
  static bool& inside_job() noexcept {
    thread_local bool inside = false;
    return inside;
  }

  void serve(std::size_t index, std::uint64_t seen) {
    inside_job() = true;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (index > wanted_) continue;
      const job_function job = job_;
      void* const context = context_;
      lock.unlock();
      job(context, index);
      lock.lock();
      if (--remaining_ == 0) done_.notify_one();
    }
  }

#ifdef PLANSIM_DETAIL_HAS_GETPID
  const ::pid_t owner_ = ::getpid();
#endif
  std::mutex caller_mutex_;  // held by the step the pool is serving
  std::mutex mutex_;         // guards the fields below
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;  // pool thread i - 1 is worker i
  std::uint64_t generation_ = 0;      // steps started so far
  job_function job_ = nullptr;
  void* context_ = nullptr;
  std::size_t wanted_ = 0;     // workers 1..wanted_ take part in the current step
  std::size_t remaining_ = 0;  // of those, how many have not finished
};

/// Where for_each_chunk's threads come from: the shared worker_pool (when it can serve the step),
/// or threads started for the step and joined after it (benchmarks and tests compare the two).
enum class thread_source { pool, own };

/// Calls `work(chunk, worker)` for every chunk in [0, chunks) on up to `threads` threads. Chunks are
/// handed out in increasing order. If chunks throw, the exception of the lowest-numbered failing
/// chunk is rethrown after all threads end, so even the error does not depend on the thread count.
/// `worker` in [0, threads) names the thread, for per-thread scratch state; which chunks a worker
/// gets varies from run to run, so results must not depend on it.
template <class Work>
void for_each_chunk(std::size_t chunks, std::size_t threads, Work&& work, thread_source source = thread_source::pool) {
  threads = thread_count(threads, chunks);
  if (threads <= 1) {
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) work(chunk, std::size_t{0});
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> failed_chunk{chunks};
  std::mutex failure_mutex;  // taken only when a chunk throws
  std::exception_ptr failure;
  auto worker = [&](std::size_t worker_index) {
    for (;;) {
      const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed);
      if (chunk >= chunks || chunk > failed_chunk.load(std::memory_order_relaxed)) return;
      try {
        work(chunk, worker_index);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (chunk < failed_chunk.load(std::memory_order_relaxed)) {
          failed_chunk.store(chunk, std::memory_order_relaxed);
          failure = std::current_exception();
        }
      }
    }
  };
  using worker_type = decltype(worker);
  const auto job = [](void* context, std::size_t worker_index) { (*static_cast<worker_type*>(context))(worker_index); };
  if (source != thread_source::pool || !worker_pool::shared().try_run(threads, job, &worker)) {
    std::vector<std::thread> own;
    own.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) own.emplace_back(worker, t);
    worker(std::size_t{0});
    for (auto& thread : own) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace plansim::detail
