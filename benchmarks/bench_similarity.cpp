// Similarity kernel: top-k and threshold search over dense embeddings and sparse tf-idf, against
// the machine's own measured single-precision GEMM peak and naive baselines.
//
//   build/release/benchmarks/bench_similarity --benchmark_counters_tabular=true
//   build/release/benchmarks/bench_similarity --benchmark_filter='_once'   # the big cases (N >= 100,000)
//
// Without --benchmark_filter the N = 100,000 cases (tens of seconds each) are left out; any
// explicit filter selects among all cases. At start-up the harness measures the sgemm peak (Eigen
// float GEMM of square blocks, run independently on each of T threads at once) for T = 1 and
// T = hardware threads; `pct_peak` is each case's useful flops per second over that peak for its
// thread count. Useful work: dense 2·N²·d flops (N²·d MACs); sparse Σ_t df_t² MACs (the products
// of stored entries that X·Xᵀ needs), whatever the kernel actually executes.
#include <benchmark/benchmark.h>

#include <plansim/similarity.hpp>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "similarity_workloads.hpp"

namespace {

using plansim_bench::dense_matrix;
using plansim_bench::sparse_matrix;

std::size_t hardware_threads() { return std::max<std::size_t>(1, std::thread::hardware_concurrency()); }

// ---- sgemm peak ------------------------------------------------------------------------------

// Seconds for `reps` products C = A·B of `block`² floats, on each of `threads` threads at once.
double sgemm_seconds(std::size_t threads, Eigen::Index block, int reps) {
  std::vector<std::thread> workers;
  std::vector<Eigen::MatrixXf> a(threads), b(threads), c(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    a[t] = Eigen::MatrixXf::Random(block, block);
    b[t] = Eigen::MatrixXf::Random(block, block);
    c[t] = Eigen::MatrixXf::Zero(block, block);
    c[t].noalias() = a[t] * b[t];  // warm: packing buffers, pages
  }
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int r = 0; r < reps; ++r) c[t].noalias() = a[t] * b[t];
    });
  for (auto& w : workers) w.join();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  for (std::size_t t = 0; t < threads; ++t) benchmark::DoNotOptimize(c[t].data());
  return elapsed.count();
}

// Best FLOP/s over a few rounds and block sizes 512 and 1024.
double measure_sgemm_peak(std::size_t threads) {
  double best = 0.0;
  for (const Eigen::Index block : {512, 1024}) {
    const int reps = block == 512 ? 16 : 3;
    const double flops = 2.0 * static_cast<double>(block) * static_cast<double>(block) * static_cast<double>(block) *
                         reps * static_cast<double>(threads);
    for (int round = 0; round < 5; ++round) best = std::max(best, flops / sgemm_seconds(threads, block, reps));
  }
  return best;
}

std::map<std::size_t, double>& peaks() {
  static std::map<std::size_t, double> table;
  return table;
}

double sgemm_peak(std::size_t threads) {
  auto& table = peaks();
  const auto found = table.find(threads);
  if (found != table.end()) return found->second;
  return table[threads] = measure_sgemm_peak(threads);
}

void BM_sgemm_peak(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const auto block = static_cast<Eigen::Index>(state.range(1));
  const int reps = 4;
  double seconds = 0.0;
  for (auto _ : state) seconds += sgemm_seconds(threads, block, reps);
  const double flops = 2.0 * static_cast<double>(block) * static_cast<double>(block) * static_cast<double>(block) *
                       reps * static_cast<double>(threads) * static_cast<double>(state.iterations());
  state.counters["GFLOP_per_s"] = flops / seconds / 1e9;
  state.counters["GFLOP_per_s_per_core"] = flops / seconds / 1e9 / static_cast<double>(threads);
  state.counters["pct_peak"] = 100.0 * flops / seconds / sgemm_peak(threads);
}
BENCHMARK(BM_sgemm_peak)
    ->ArgNames({"threads", "block"})
    ->Args({1, 512})
    ->Args({1, 1024})
    ->Args({static_cast<std::int64_t>(hardware_threads()), 512})
    ->Args({static_cast<std::int64_t>(hardware_threads()), 1024})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- workloads, built once per process and parameter set -------------------------------------

const dense_matrix& embeddings(std::size_t n, std::size_t d) {
  static std::map<std::pair<std::size_t, std::size_t>, dense_matrix> cache;
  auto& slot = cache[{n, d}];
  if (slot.size() == 0) slot = plansim_bench::make_unit_embeddings(n, d);
  return slot;
}

struct sparse_workload {
  sparse_matrix x;
  double macs = 0.0;  // Σ_t df_t²
};

// n documents; vocabulary; words per document; Zipf exponent in hundredths.
const sparse_workload& tfidf(std::size_t n, std::size_t vocabulary, std::size_t length, std::size_t zipf_hundredths) {
  static std::map<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>, sparse_workload> cache;
  auto& slot = cache[{n, vocabulary, length, zipf_hundredths}];
  if (slot.x.rows() == 0) {
    slot.x = plansim_bench::make_tfidf({.documents = n,
                                        .vocabulary = vocabulary,
                                        .zipf_exponent = static_cast<double>(zipf_hundredths) / 100.0,
                                        .mean_length = static_cast<double>(length)});
    slot.macs = plansim_bench::useful_macs(slot.x);
  }
  return slot;
}

void set_counters(benchmark::State& state, double pairs, double macs, std::size_t threads) {
  state.counters["pairs_per_s"] = benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MAC_per_s"] = benchmark::Counter(macs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GMAC_per_s_per_core"] =
      benchmark::Counter(macs / 1e9 / static_cast<double>(threads), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = static_cast<double>(threads);
}

// Google Benchmark turns rate counters into per-second values only when reporting, so pct_peak is
// computed from the measured time here.
void set_pct_peak(benchmark::State& state, double macs, double seconds_per_iteration, std::size_t threads) {
  state.counters["pct_peak"] = 100.0 * 2.0 * macs / seconds_per_iteration / sgemm_peak(threads);
}

template <class Body>
double timed_loop(benchmark::State& state, Body&& body) {
  double best = 1e300;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    body();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  return best;
}

// ---- dense top-k -----------------------------------------------------------------------------

void BM_dense_top_k(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto d = static_cast<std::size_t>(state.range(1));
  const auto k = static_cast<Eigen::Index>(state.range(2));
  const auto threads = static_cast<std::size_t>(state.range(3));
  const auto& x = embeddings(n, d);
  plansim::similarity_options options;
  options.kernel.threads = threads;
  if (state.range(4) > 0) options.kernel.query_block = static_cast<std::size_t>(state.range(4));
  if (state.range(5) > 0) options.kernel.tile_docs = static_cast<std::size_t>(state.range(5));
  const double best = timed_loop(state, [&] {
    auto result = plansim::top_k(x, k, options);
    benchmark::DoNotOptimize(result.entries().data());
  });
  const double pairs = static_cast<double>(n) * static_cast<double>(n);
  const double macs = pairs * static_cast<double>(d);
  set_counters(state, pairs, macs, threads);
  set_pct_peak(state, macs, best, threads);
  state.counters["best_s"] = best;
}
// Args: n, d, k, threads, query_block (0: default), tile_docs (0: default).
void dense_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "d", "k", "threads", "qb", "tile"});
  for (const std::int64_t n : {1000, 10000})  // N = 100,000: BM_dense_top_k_once below
    for (const std::int64_t threads : {1, 2}) b->Args({n, 256, 10, threads, 0, 0});
}
BENCHMARK(BM_dense_top_k)->Apply(dense_args)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_dense_top_k)
    ->ArgNames({"n", "d", "k", "threads", "qb", "tile"})
    ->Args({100000, 256, 10, 1, 0, 0})
    ->Args({100000, 256, 10, 2, 0, 0})
    ->Iterations(1)
    ->Name("BM_dense_top_k_once")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- sparse top-k ----------------------------------------------------------------------------

void BM_sparse_top_k(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::size_t>(state.range(1));
  const auto k = static_cast<Eigen::Index>(state.range(2));
  const auto& w = tfidf(n, static_cast<std::size_t>(state.range(3)), static_cast<std::size_t>(state.range(4)),
                        static_cast<std::size_t>(state.range(5)));
  plansim::similarity_options options;
  options.kernel.threads = threads;
  if (state.range(6) > 0) options.kernel.query_block = static_cast<std::size_t>(state.range(6));
  if (state.range(7) > 0) options.kernel.doc_block = static_cast<std::size_t>(state.range(7));
  const double best = timed_loop(state, [&] {
    auto result = plansim::top_k(w.x, k, options);
    benchmark::DoNotOptimize(result.entries().data());
  });
  const double pairs = static_cast<double>(n) * static_cast<double>(n);
  set_counters(state, pairs, w.macs, threads);
  set_pct_peak(state, w.macs, best, threads);
  state.counters["best_s"] = best;
  state.counters["nnz_per_doc"] = static_cast<double>(w.x.nonZeros()) / static_cast<double>(n);
}
// Args: n, threads, k, vocabulary, words per document, Zipf exponent × 100, query_block (0:
// default), doc_block (0: default).
constexpr const char* sparse_names[] = {"n", "threads", "k", "vocab", "len", "zipf100", "qb", "db"};
void sparse_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({std::begin(sparse_names), std::end(sparse_names)});
  for (const std::int64_t n : {1000, 2000, 10000})
    for (const std::int64_t threads : {1, 2}) b->Args({n, threads, 10, 50000, 200, 100, 0, 0});
}
BENCHMARK(BM_sparse_top_k)->Apply(sparse_args)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_sparse_top_k)
    ->ArgNames({std::begin(sparse_names), std::end(sparse_names)})
    ->Args({100000, 1, 10, 50000, 200, 100, 0, 0})
    ->Args({100000, 2, 10, 50000, 200, 100, 0, 0})
    // The scaling curve on bigger machines (threads beyond the cores only oversubscribe), and
    // N = 1,000,000 (about 100x the N = 100,000 work: hours on 2 cores, minutes on 16).
    ->Args({100000, 4, 10, 50000, 200, 100, 0, 0})
    ->Args({100000, 8, 10, 50000, 200, 100, 0, 0})
    ->Args({100000, 16, 10, 50000, 200, 100, 0, 0})
    ->Args({1000000, 16, 10, 50000, 200, 100, 0, 0})
    ->Iterations(1)
    ->Name("BM_sparse_top_k_once")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- sparse threshold ------------------------------------------------------------------------

void BM_sparse_threshold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::size_t>(state.range(1));
  const double t = static_cast<double>(state.range(2)) / 100.0;
  const auto& w = tfidf(n, 50000, 200, 100);
  plansim::similarity_options options;
  options.kernel.threads = threads;
  std::size_t found = 0;
  const double best = timed_loop(state, [&] {
    auto result = plansim::threshold(w.x, t, options);
    found = result.size();
    benchmark::DoNotOptimize(result.data());
  });
  const double pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2.0;
  set_counters(state, pairs, w.macs / 2.0, threads);
  set_pct_peak(state, w.macs / 2.0, best, threads);
  state.counters["best_s"] = best;
  state.counters["pairs_found"] = static_cast<double>(found);
}
BENCHMARK(BM_sparse_threshold)
    ->ArgNames({"n", "threads", "t100"})
    ->Args({10000, 1, 50})
    ->Args({10000, 2, 50})
    ->Args({10000, 1, 80})
    ->Args({10000, 2, 80})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// ---- naive baselines (small N) ---------------------------------------------------------------

// Keeps the k best (score desc, id asc) of a row of scores, leaving out `self`.
void select_top_k(const float* scores, std::size_t n, std::size_t self, std::size_t k, std::vector<std::size_t>& ids,
                  std::vector<plansim::neighbor<float>>& out) {
  ids.resize(n);
  std::iota(ids.begin(), ids.end(), std::size_t{0});
  ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(self));
  const auto kk = std::min(k, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(kk), ids.end(),
                    [&](std::size_t a, std::size_t b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; });
  for (std::size_t r = 0; r < kk; ++r) out.push_back({static_cast<Eigen::Index>(ids[r]), scores[ids[r]]});
}

// Per pair: a merge of the two sorted sparse rows; then partial_sort of each row.
void BM_naive_sparse_top_k(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto& w = tfidf(n, 50000, 200, 100);
  const auto* outer = w.x.outerIndexPtr();
  const auto* inner = w.x.innerIndexPtr();
  const auto* value = w.x.valuePtr();
  std::vector<float> scores(n);
  std::vector<std::size_t> ids;
  std::vector<plansim::neighbor<float>> out;
  const double best = timed_loop(state, [&] {
    out.clear();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        int a = outer[i], b = outer[j];
        const int a_end = outer[i + 1], b_end = outer[j + 1];
        float dot = 0.0f;
        while (a < a_end && b < b_end) {
          if (inner[a] < inner[b]) ++a;
          else if (inner[b] < inner[a]) ++b;
          else dot += value[a++] * value[b++];
        }
        scores[j] = dot;
      }
      select_top_k(scores.data(), n, i, k, ids, out);
    }
    benchmark::DoNotOptimize(out.data());
  });
  set_counters(state, static_cast<double>(n) * static_cast<double>(n), w.macs, 1);
  set_pct_peak(state, w.macs, best, 1);
  state.counters["best_s"] = best;
}
BENCHMARK(BM_naive_sparse_top_k)->ArgNames({"n", "k"})->Args({2000, 10})->Unit(benchmark::kMillisecond)->UseRealTime();

// Eigen sparse X_b·Xᵀ for blocks of `block` rows, made dense, then partial_sort of each row.
void BM_eigen_sparse_top_k(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto k = static_cast<std::size_t>(state.range(1));
  const auto block = static_cast<Eigen::Index>(state.range(2));
  const auto& w = tfidf(n, 50000, 200, 100);
  const Eigen::SparseMatrix<float> xt = w.x.transpose();  // column-major Xᵀ: columns are documents
  std::vector<std::size_t> ids;
  std::vector<plansim::neighbor<float>> out;
  const double best = timed_loop(state, [&] {
    out.clear();
    for (Eigen::Index start = 0; start < w.x.rows(); start += block) {
      const Eigen::Index rows = std::min(block, w.x.rows() - start);
      const sparse_matrix product = w.x.middleRows(start, rows) * xt;
      const dense_matrix scores = dense_matrix(product);
      for (Eigen::Index r = 0; r < rows; ++r)
        select_top_k(scores.row(r).data(), n, static_cast<std::size_t>(start + r), k, ids, out);
    }
    benchmark::DoNotOptimize(out.data());
  });
  set_counters(state, static_cast<double>(n) * static_cast<double>(n), w.macs, 1);
  set_pct_peak(state, w.macs, best, 1);
  state.counters["best_s"] = best;
}
BENCHMARK(BM_eigen_sparse_top_k)
    ->ArgNames({"n", "k", "block"})
    ->Args({2000, 10, 500})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Dense: per-pair dot product loop, then partial_sort of each row.
void BM_naive_dense_top_k(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto d = static_cast<std::size_t>(state.range(1));
  const auto k = static_cast<std::size_t>(state.range(2));
  const auto& x = embeddings(n, d);
  std::vector<float> scores(n);
  std::vector<std::size_t> ids;
  std::vector<plansim::neighbor<float>> out;
  const double best = timed_loop(state, [&] {
    out.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const float* a = x.data() + i * d;
      for (std::size_t j = 0; j < n; ++j) {
        const float* b = x.data() + j * d;
        float dot = 0.0f;
        for (std::size_t c = 0; c < d; ++c) dot += a[c] * b[c];
        scores[j] = dot;
      }
      select_top_k(scores.data(), n, i, k, ids, out);
    }
    benchmark::DoNotOptimize(out.data());
  });
  const double pairs = static_cast<double>(n) * static_cast<double>(n);
  set_counters(state, pairs, pairs * static_cast<double>(d), 1);
  set_pct_peak(state, pairs * static_cast<double>(d), best, 1);
  state.counters["best_s"] = best;
}
BENCHMARK(BM_naive_dense_top_k)
    ->ArgNames({"n", "d", "k"})
    ->Args({2000, 256, 10})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// plansim at the naive baselines' size, for the speed-up.
BENCHMARK(BM_dense_top_k)
    ->ArgNames({"n", "d", "k", "threads", "qb", "tile"})
    ->Args({2000, 256, 10, 1, 0, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // Without an explicit filter, leave out the N = 100,000 and 1,000,000 cases (tens of seconds
  // to hours each); ask for them with --benchmark_filter='_once'.
  std::vector<char*> args(argv, argv + argc);
  bool filtered = false;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--benchmark_filter", 18) == 0) filtered = true;
  static char default_filter[] = "--benchmark_filter=-n:1000000?/";
  if (!filtered) args.push_back(default_filter);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  // The peaks every pct_peak is relative to, measured before any case runs.
  for (const std::size_t threads : {std::size_t{1}, hardware_threads()}) {
    const double peak = sgemm_peak(threads);
    benchmark::AddCustomContext("sgemm_peak_GFLOPs_threads_" + std::to_string(threads), std::to_string(peak / 1e9));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
