// plansim_tune: finds the fastest kernel_config for this machine on a synthetic tf-idf corpus and
// writes it with save_kernel_config; the library reads it back with load_kernel_config(path).
//
//   build/release/benchmarks/plansim_tune [--n N] [--output PATH]     (defaults 20000, plansim-kernel.cfg)
//
// Sweeps (coarse grid) query_block, doc_block, tile_docs, dense_terms (0 = pure sparse) and
// threads for sparse top-10, and query_block/tile_docs for dense top-10 (N/4 unit embeddings,
// d = 256, reported only: the file holds one configuration, chosen on the sparse path). Queries
// are a sample (the first 2,000 documents against all N) to keep the run near a minute or two.
// Each configuration must return the same neighbour ids as the default (ties within 1e-5 allowed).
#include <plansim/similarity.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "similarity_workloads.hpp"

namespace {

template <class Scalar>
bool same_neighbours(const plansim::neighbor_lists<Scalar>& a, const plansim::neighbor_lists<Scalar>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    const auto x = a[r], y = b[r];
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].id != y[i].id && std::fabs(static_cast<double>(x[i].score - y[i].score)) > 1e-5) return false;
  }
  return true;
}

template <class Run>
double best_seconds(Run&& run, int repeats) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 20000;
  std::string output = "plansim-kernel.cfg";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--n") == 0 && i + 1 < argc) n = std::stoul(argv[++i]);
    else if (std::strcmp(argv[i], "--output") == 0 && i + 1 < argc) output = argv[++i];
    else {
      std::fprintf(stderr, "usage: plansim_tune [--n N] [--output PATH]\n");
      return 2;
    }
  }
  const std::size_t hw = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  std::printf("corpus: %zu documents, vocabulary 50000, 200 words, Zipf 1.0\n", n);
  const auto x = plansim_bench::make_tfidf({.documents = n, .vocabulary = 50000});
  const Eigen::Index sample = std::min<Eigen::Index>(2000, x.rows());
  const plansim_bench::sparse_matrix queries = x.topRows(sample);

  auto run_sparse = [&](const plansim::kernel_config& config) {
    plansim::similarity_options options;
    options.kernel = config;
    return plansim::top_k(queries, x, 10, options);
  };
  const plansim::kernel_config defaults{};
  const auto expected = run_sparse(defaults);

  std::printf("\nsparse top-10, %lld queries x %zu documents\n", static_cast<long long>(sample), n);
  std::printf("%8s %8s %8s %8s %8s %10s %s\n", "qb", "db", "tile", "dense", "threads", "seconds", "check");
  plansim::kernel_config best = defaults;
  double best_time = 1e300;
  std::vector<std::size_t> thread_counts{1};
  if (hw > 1) thread_counts.push_back(hw);
  for (const std::size_t threads : thread_counts)
    for (const std::size_t qb : std::vector<std::size_t>{128, 256, 512})
      for (const std::size_t db : std::vector<std::size_t>{8192, 16384, 32768})
        for (const std::size_t tile : std::vector<std::size_t>{512, 1024})
          for (const std::size_t dense : std::vector<std::size_t>{0, 64, 128}) {
            if (dense == 0 && tile != 1024) continue;  // tile_docs only matters for the dense part
            plansim::kernel_config config = defaults;
            config.query_block = qb;
            config.doc_block = db;
            config.tile_docs = tile;
            config.dense_terms = dense;
            config.threads = threads;
            plansim::neighbor_lists<float> result;
            const double seconds = best_seconds([&] { result = run_sparse(config); }, 1);
            const bool ok = same_neighbours(result, expected);
            std::printf("%8zu %8zu %8zu %8zu %8zu %10.4f %s\n", qb, db, tile, dense, threads, seconds,
                        ok ? "ok" : "MISMATCH");
            if (ok && seconds < best_time) {
              best_time = seconds;
              best = config;
            }
          }

  // Dense path: report only.
  const auto embeddings = plansim_bench::make_unit_embeddings(std::max<std::size_t>(n / 4, 1), 256);
  const plansim_bench::dense_matrix dense_queries =
      embeddings.topRows(std::min<Eigen::Index>(sample, embeddings.rows()));
  auto run_dense = [&](const plansim::kernel_config& config) {
    plansim::similarity_options options;
    options.kernel = config;
    return plansim::top_k(dense_queries, embeddings, 10, options);
  };
  const auto dense_expected = run_dense(defaults);
  std::printf("\ndense top-10, %lld queries x %lld embeddings, d = 256, threads = %zu\n",
              static_cast<long long>(dense_queries.rows()), static_cast<long long>(embeddings.rows()), best.threads);
  std::printf("%8s %8s %10s %s\n", "qb", "tile", "seconds", "check");
  for (const std::size_t qb : std::vector<std::size_t>{128, 256, 512})
    for (const std::size_t tile : std::vector<std::size_t>{512, 1024, 2048}) {
      plansim::kernel_config config = defaults;
      config.query_block = qb;
      config.tile_docs = tile;
      config.threads = best.threads;
      plansim::neighbor_lists<float> result;
      const double seconds = best_seconds([&] { result = run_dense(config); }, 2);
      std::printf("%8zu %8zu %10.4f %s\n", qb, tile, seconds, same_neighbours(result, dense_expected) ? "ok" : "MISMATCH");
    }

  std::printf("\nbest (sparse): query_block=%zu doc_block=%zu tile_docs=%zu dense_terms=%zu threads=%zu: %.4f s\n",
              best.query_block, best.doc_block, best.tile_docs, best.dense_terms, best.threads, best_time);
  plansim::save_kernel_config(output, best);
  std::printf("wrote %s\n", output.c_str());
  return 0;
}
