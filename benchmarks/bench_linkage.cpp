// Hierarchical clustering: plansim::linkage on the condensed Euclidean distances of N random
// points in 16 dimensions (linkage_workloads.hpp), each method, one thread; the peer is SciPy's
// linkage on the same distances (peers/scipy_linkage.py).
//
//   build/release/benchmarks/bench_linkage                                  # N = 1,000 and 5,000
//   build/release/benchmarks/bench_linkage --benchmark_filter='/10000'      # N = 10,000 (0.4 GB)
//   build/release/benchmarks/bench_linkage --benchmark_filter='/20000'      # N = 20,000 (1.6 GB, x2)
//   build/release/benchmarks/bench_linkage --benchmark_filter='graph'       # graph_linkage, N up to 100,000
//
// BM_graph_linkage_*: graph_linkage on a synthetic top-10 graph (no peer): document i's
// neighbours are 10 documents among the next 1,000 (ids wrap), similarities uniform in [0, 1),
// both from splitmix64, so neighbourhoods overlap and clusters grow large.
//
// Without a filter the N >= 10,000 cases (seconds each, gigabytes) are left out. The distances
// are computed once per N, outside the timing; the time includes linkage's own copy of them
// (as SciPy's nn_chain copies too) and the final sort and relabelling.
#include <benchmark/benchmark.h>

#include <plansim/cluster/distance.hpp>
#include <plansim/cluster/graph_linkage.hpp>
#include <plansim/cluster/linkage.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "linkage_workloads.hpp"

namespace {

const std::vector<double>& condensed(long n) {
  static std::map<long, std::vector<double>> cache;
  auto it = cache.find(n);
  if (it == cache.end()) {
    cache.clear();  // one N at a time: 20,000 points are 1.6 GB
    it = cache
             .emplace(n, plansim::condensed_distances(plansim_bench::linkage_points(n),
                                                      plansim::distance_metric::euclidean, 0))
             .first;
  }
  return it->second;
}

void BM_linkage(benchmark::State& state, plansim::linkage_method method) {
  const long n = state.range(0);
  const std::vector<double>& y = condensed(n);
  double top = 0;
  for (auto _ : state) {
    const plansim::linkage_matrix z = plansim::linkage(y, static_cast<std::size_t>(n), method);
    top = z.back().height;
    benchmark::DoNotOptimize(z.data());
  }
  state.counters["top_height"] = top;
  state.counters["pairs_per_s"] =
      benchmark::Counter(static_cast<double>(y.size()) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

plansim::neighbor_lists<float> local_graph(std::size_t n, std::size_t k) {
  std::vector<std::size_t> offsets{0};
  std::vector<plansim::neighbor<float>> entries;
  entries.reserve(n * k);
  std::uint64_t counter = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t j = (i + 1 + plansim_bench::splitmix64(counter++) % 1000) % n;
      const auto score = static_cast<float>(static_cast<double>(plansim_bench::splitmix64(counter++) >> 11) * 0x1.0p-53);
      entries.push_back({static_cast<Eigen::Index>(j), score});
    }
    offsets.push_back(entries.size());
  }
  return {std::move(offsets), std::move(entries)};
}

void BM_graph_linkage(benchmark::State& state, plansim::linkage_method method) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const plansim::neighbor_lists<float> graph = local_graph(n, 10);
  for (auto _ : state) {
    const plansim::linkage_matrix z = plansim::graph_linkage(graph, method);
    benchmark::DoNotOptimize(z.data());
  }
  state.counters["edges_per_s"] = benchmark::Counter(static_cast<double>(graph.entries().size()) *
                                                         static_cast<double>(state.iterations()),
                                                     benchmark::Counter::kIsRate);
}

void register_all(bool big) {
  for (const auto method : {plansim::linkage_method::single, plansim::linkage_method::average}) {
    std::string name = "BM_graph_linkage_";
    name.append(plansim::linkage_method_name(method));
    auto* b = benchmark::RegisterBenchmark(name.c_str(), BM_graph_linkage, method);
    b->Unit(benchmark::kMillisecond)->UseRealTime();
    if (big) b->Arg(100000)->Iterations(1);
    else b->Arg(20000);
  }
  for (const auto method : {plansim::linkage_method::single, plansim::linkage_method::complete,
                            plansim::linkage_method::average, plansim::linkage_method::weighted,
                            plansim::linkage_method::ward}) {
    std::string name = "BM_linkage_";  // appended: GCC 12 warns falsely (-Wrestrict) on "..." + string
    name.append(plansim::linkage_method_name(method));
    auto* b = benchmark::RegisterBenchmark(name.c_str(), BM_linkage, method);
    b->Unit(benchmark::kMillisecond)->UseRealTime();
    if (big) b->Arg(10000)->Arg(20000)->Iterations(1);
    else b->Arg(1000)->Arg(5000);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool filtered = false;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--benchmark_filter", 18) == 0) filtered = true;
  register_all(false);
  if (filtered) register_all(true);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
