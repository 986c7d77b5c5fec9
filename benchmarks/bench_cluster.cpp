// k-means per Lloyd iteration on the tf-idf of the synthetic corpus (benchmarks/README.md,
// "Clustering"), the same workload that peers/sklearn_kmeans.py times for scikit-learn.
//
//   build/release/benchmarks/bench_cluster                       # the benchmarks
//   build/release/benchmarks/bench_cluster --export DIR           # writes DIR/tfidf_N.mtx for the peer
//
// Each case clusters N documents (vocabulary 50,000, mean length 200, Zipf 1) into k = 20 clusters
// from the first k documents as initial centres, tol = 0, at most 20 iterations (so both programs
// run the same iterations from the same start), and reports wall time per Lloyd iteration
// (whole fit time / iterations run, setup included).
#include <benchmark/benchmark.h>

#include <plansim/cluster/kmeans.hpp>
#include <plansim/matrix/matrix_market.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "similarity_workloads.hpp"

namespace {

constexpr std::size_t clusters = 20;
constexpr std::size_t lloyd_limit = 20;
constexpr std::size_t sizes[] = {1000, 5000, 20000};

const plansim_bench::sparse_matrix& workload(std::size_t n) {
  static std::map<std::size_t, plansim_bench::sparse_matrix> cache;
  auto& slot = cache[n];
  if (slot.rows() == 0)
    slot = plansim_bench::make_tfidf({.documents = n, .vocabulary = 50000, .zipf_exponent = 1.0, .mean_length = 200.0});
  return slot;
}

plansim::kmeans_options options_for(const plansim_bench::sparse_matrix& x, std::size_t threads) {
  plansim::kmeans_options options;
  options.k = clusters;
  options.n_init = 1;
  options.max_iter = lloyd_limit;
  options.tol = 0.0;
  options.threads = threads;
  options.initial_centroids = Eigen::MatrixXd(x.topRows(static_cast<Eigen::Index>(clusters)).cast<double>());
  return options;
}

void BM_kmeans_lloyd(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::size_t>(state.range(1));
  const auto& x = workload(n);
  const auto options = options_for(x, threads);
  std::size_t iterations = 0;
  double objective = 0.0;
  double best_cpu = 1e300;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t start_cpu = std::clock();
    const auto result = plansim::kmeans(x, options);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC /
                                      static_cast<double>(result.iterations));
    benchmark::DoNotOptimize(result.objective);
    iterations = result.iterations;
    objective = result.objective;
    state.SetIterationTime(elapsed.count() / static_cast<double>(result.iterations));
  }
  state.counters["lloyd_iterations"] = static_cast<double>(iterations);
  state.counters["nnz"] = static_cast<double>(x.nonZeros());
  state.counters["inertia"] = objective;  // compare with the peer's: same start, same algorithm
  // Process CPU time (all threads) per Lloyd iteration, best run, in ms: on a shared machine the
  // wall time also counts waiting for a core.
  state.counters["cpu_ms_per_lloyd"] = best_cpu * 1e3;
}

void kmeans_args(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "threads"});
  for (const auto n : sizes)
    for (const long threads : {1, 2}) b->Args({static_cast<long>(n), threads});
}

}  // namespace

BENCHMARK(BM_kmeans_lloyd)->Apply(kmeans_args)->UseManualTime()->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--export") == 0) {
    const std::filesystem::path folder = argv[2];
    std::filesystem::create_directories(folder);
    for (const auto n : sizes) {
      const auto path = folder / ("tfidf_" + std::to_string(n) + ".mtx");
      std::ofstream out(path);
      plansim::write_matrix_market(out, workload(n));
      std::cout << path.string() << '\n';
    }
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
