#include <plansim/detail/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#if defined(__unix__)
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "catch.hpp"

using plansim::detail::for_each_chunk;
using plansim::detail::thread_source;

namespace {

// Runs a step of `chunks` chunks and checks that each ran exactly once, on a worker below `threads`.
void check_step(std::size_t chunks, std::size_t threads, thread_source source) {
  std::vector<int> runs(chunks, 0);
  std::vector<std::size_t> worker_of(chunks, 0);
  for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t worker) {
    ++runs[chunk];
    worker_of[chunk] = worker;
  }, source);
  for (std::size_t c = 0; c < chunks; ++c) {
    CHECK(runs[c] == 1);
    CHECK(worker_of[c] < std::max<std::size_t>(threads, 1));
  }
}

}  // namespace

TEST_CASE("for_each_chunk runs every chunk once, pooled or on its own threads", "[parallel]") {
  for (const auto source : {thread_source::pool, thread_source::own})
    for (const std::size_t threads : {1u, 2u, 3u, 8u, 16u})
      for (const std::size_t chunks : {0u, 1u, 5u, 100u}) check_step(chunks, threads, source);
}

TEST_CASE("the pool's threads are reused from step to step, with the same results", "[parallel]") {
  std::vector<double> first(1000), again(1000);
  const auto fill = [](std::vector<double>& out, std::size_t threads) {
    for_each_chunk(out.size(), threads, [&](std::size_t c, std::size_t) { out[c] = static_cast<double>(c) * 0.5; });
  };
  fill(first, 1);
  for (int step = 0; step < 200; ++step) {  // steps of changing width: workers join and sit out
    fill(again, static_cast<std::size_t>(2 + step % 7));
    REQUIRE(again == first);
    std::fill(again.begin(), again.end(), 0.0);
  }
}

TEST_CASE("for_each_chunk rethrows the lowest failing chunk's error, and the pool serves the next step", "[parallel]") {
  for (const auto source : {thread_source::pool, thread_source::own}) {
    for (const std::size_t threads : {1u, 4u}) {
      try {
        for_each_chunk(50, threads, [](std::size_t chunk, std::size_t) {
          if (chunk == 17 || chunk == 31) throw std::runtime_error("chunk " + std::to_string(chunk));
        }, source);
        FAIL("no exception");
      } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "chunk 17");
      }
    }
  }
  check_step(64, 4, thread_source::pool);
}

TEST_CASE("a step inside a step runs on threads of its own", "[parallel]") {
  std::vector<std::size_t> sums(8, 0);
  for_each_chunk(sums.size(), 4, [&](std::size_t outer, std::size_t) {
    std::vector<std::size_t> inner(16, 0);
    for_each_chunk(inner.size(), 3, [&](std::size_t c, std::size_t) { inner[c] = c + outer; });
    sums[outer] = std::accumulate(inner.begin(), inner.end(), std::size_t{0});
  });
  for (std::size_t outer = 0; outer < sums.size(); ++outer) CHECK(sums[outer] == 120 + 16 * outer);
}

TEST_CASE("steps from several threads at once all finish, whichever gets the pool", "[parallel]") {
  std::atomic<int> wrong{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&] {
      for (int step = 0; step < 100; ++step) {
        std::vector<int> runs(32, 0);
        for_each_chunk(runs.size(), 3, [&](std::size_t c, std::size_t) { ++runs[c]; });
        for (const int r : runs) wrong += r != 1;
      }
    });
  for (auto& caller : callers) caller.join();
  CHECK(wrong == 0);
}

#if defined(__unix__)
TEST_CASE("a child process after fork() runs steps on threads of its own", "[parallel]") {
  check_step(64, 4, thread_source::pool);  // the parent's pool has threads now
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::alarm(20);  // a step waiting on the parent's threads would hang: end the child instead
    std::vector<int> runs(64, 0);
    for_each_chunk(runs.size(), 4, [&](std::size_t c, std::size_t) { ++runs[c]; });
    for (const int r : runs)
      if (r != 1) ::_exit(1);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
#endif
