// Text to weighted matrix: tokenizing + counting + weighting throughput, in bytes of text per
// second, by thread count, on the deterministic synthetic corpus (synthetic_corpus.hpp).
//
//   build/release/benchmarks/bench_text --benchmark_counters_tabular=true
//
// BM_tfidf_sklearn uses scikit-learn's default analyzer and weighting in one call (vectorize, as
// TfidfVectorizer().fit_transform), so its figure compares directly with
// benchmarks/peers/sklearn_tfidf.py on the same text (see benchmarks/README.md).
#include <benchmark/benchmark.h>

#include <plansim/detail/huge_pages.hpp>
#include <plansim/detail/parallel.hpp>
#include <plansim/matrix/term_counts.hpp>
#include <plansim/text/analyzer.hpp>
#include <plansim/text/tokenizer.hpp>
#include <plansim/weighting/tf_idf.hpp>
#include <plansim/weighting/vectorize.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "synthetic_corpus.hpp"

namespace {

// 20,000 documents of ~200 words (about 25 MB): big enough to leave the caches, small enough to
// build quickly. Same text as `make_synthetic_corpus corpus.txt 20000 50000 200`.
const std::vector<std::string>& corpus() {
  static const auto documents = plansim_bench::make_synthetic_corpus({.documents = 20000, .vocabulary = 50000});
  return documents;
}

void set_throughput(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(plansim_bench::total_bytes(corpus())));
  state.counters["threads"] = static_cast<double>(state.range(0));
}

void BM_tfidf_sklearn(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto threads = static_cast<std::size_t>(state.range(0));
  static_cast<void>(corpus());  // built before the clock starts, even with one iteration
  for (auto _ : state) {
    auto vectors = plansim::vectorize(corpus(), analyzer, plansim::tf_idf::sklearn(), {.threads = threads});
    benchmark::DoNotOptimize(vectors.weights.valuePtr());
  }
  set_throughput(state);
}
// "min" across repetitions: with one iteration a repetition (--benchmark_min_time=1e-9), the
// best of N single calls, the statistic benchmarks/peers/sklearn_tfidf.py reports (best of N).
// Read its time column: Google Benchmark applies the statistic to each counter, so its
// bytes_per_second is the slowest repetition's.
// Args past the machine's cores time what more workers add (their own term tables and scratch,
// a merge that reads each worker's vocabulary), not speed.
BENCHMARK(BM_tfidf_sklearn)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Arg(16)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });

// The same weights in two steps, keeping the count matrix: count_terms, then weigh.
void BM_tfidf_sklearn_two_steps(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    const auto counts = plansim::count_terms(corpus(), analyzer, {.threads = threads});
    auto weights = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn(), {.threads = threads});
    benchmark::DoNotOptimize(weights.valuePtr());
  }
  set_throughput(state);
}
BENCHMARK(BM_tfidf_sklearn_two_steps)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The stages of BM_tfidf_sklearn_two_steps apart: counting (tokenize, count, vocabulary, CSR
// assembly) and weighting (tf-idf and L2 norms of the counted matrix).
void BM_count_sklearn(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    const auto counts = plansim::count_terms(corpus(), analyzer, {.threads = threads});
    benchmark::DoNotOptimize(counts.counts.valuePtr());
  }
  set_throughput(state);
}
BENCHMARK(BM_count_sklearn)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_weigh_sklearn(benchmark::State& state) {
  const auto counts = plansim::count_terms(corpus(), plansim::text_analyzer(plansim::analyzer_options::sklearn()));
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto weights = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn(), {.threads = threads});
    benchmark::DoNotOptimize(weights.valuePtr());
  }
  set_throughput(state);
}
BENCHMARK(BM_weigh_sklearn)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Putting the counted pairs of every row in column order (detail::chunk_sorter, as vectorize
// does after counting), the rows handed over but not weighed: the corpus is counted once, before
// the clock, and each iteration sorts every chunk of it again.
void BM_order_rows(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto counted = plansim::detail::count_corpus(corpus(), analyzer, {}, "BM_order_rows");
  const std::uint32_t* const column_of = counted.local_to_global[0].data();
  const auto to_column = [column_of](std::uint32_t id) { return column_of[id]; };
  for (const auto& chunk : counted.chunks)
    if (!plansim::detail::chunk_sorter::takes(chunk, counted.columns)) {
      state.SkipWithError("a chunk is not chunk_sorter's (wide counts): this benchmark times chunk_sorter alone");
      return;
    }
  plansim::detail::chunk_sorter sorter;
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const auto& chunk : counted.chunks) {
      sorter.sort(chunk, counted.columns, to_column);
      for (std::size_t r = 0, begin = 0; r < chunk.row_end.size(); begin = chunk.row_end[r++])
        sorter.visit(begin, chunk.row_end[r], [&](int column, std::int32_t count) { sum += column ^ count; });
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["pairs_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(counted.stored_counts()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_order_rows)->Unit(benchmark::kMillisecond)->UseRealTime();

// Merging the vocabularies of Arg workers into one (detail::merge_vocabularies, as count_corpus
// does after counting), on one thread: the corpus is counted once by that many workers, before
// the clock, in chunks of 64 documents as vectorize counts them.
void BM_merge_vocabularies(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto workers = static_cast<std::size_t>(state.range(0));
  std::vector<plansim::detail::term_table> tables(workers);
  std::vector<plansim::detail::intern_local> look_ups;
  for (auto& table : tables) look_ups.push_back({&table});
  std::vector<plansim::detail::count_scratch> scratch;
  plansim::detail::count_chunks(corpus(), analyzer, {.threads = workers}, look_ups, scratch);
  std::vector<plansim::detail::huge_page_array<plansim::detail::term_entry>> sorted(workers);
  std::size_t entries = 0;
  for (std::size_t w = 0; w < workers; ++w) {
    sorted[w] = plansim::detail::sorted_terms(tables[w]);
    entries += sorted[w].size();
  }
  for (auto _ : state) {
    std::vector<plansim::detail::huge_page_array<std::uint32_t>> local_to_global;
    for (const auto& table : tables) local_to_global.emplace_back(table.size());
    std::vector<std::string> terms;
    plansim::detail::merge_vocabularies(sorted, 1, terms, local_to_global);
    benchmark::DoNotOptimize(terms.data());
  }
  state.counters["entries_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(entries), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_merge_vocabularies)->Arg(1)->Arg(2)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

// Indexing the benchmark corpus's vocabulary (48,855 sorted terms) for look-ups, as a vocabulary
// does: Arg 0 interns the terms one at a time into a fresh table (the way before 3 Dec 2026),
// Arg 1 is detail::term_table::build.
void BM_index_vocabulary(benchmark::State& state) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto terms = plansim::count_terms(corpus(), analyzer).vocabulary.terms();
  for (auto _ : state) {
    if (state.range(0) == 0) {
      plansim::detail::term_table table;
      table.reserve(terms.size());
      for (const auto& term : terms) table.intern(term);
      benchmark::DoNotOptimize(table.size());
    } else {
      const auto table = plansim::detail::term_table::build(terms);
      benchmark::DoNotOptimize(table.size());
    }
  }
  state.counters["terms_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(terms.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_index_vocabulary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_tfidf_english_stemmed(benchmark::State& state) {
  auto options = plansim::analyzer_options::english();
  options.stem = true;
  const plansim::text_analyzer analyzer(options);
  const auto threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto vectors = plansim::vectorize<float>(corpus(), analyzer, plansim::tf_idf::sklearn(), {.threads = threads});
    benchmark::DoNotOptimize(vectors.weights.valuePtr());
  }
  set_throughput(state);
}
BENCHMARK(BM_tfidf_english_stemmed)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_tokenize_only(benchmark::State& state) {
  const plansim::sklearn_tokenizer tokenizer;
  for (auto _ : state) {
    std::size_t tokens = 0;
    for (const auto& document : corpus()) tokenizer(document, [&](std::string_view) { ++tokens; });
    benchmark::DoNotOptimize(tokens);
  }
  set_throughput(state);
}
BENCHMARK(BM_tokenize_only)->Arg(1)->Unit(benchmark::kMillisecond);

// What a first write to fresh memory costs on this machine, per 4 KiB page: 64 MB from the heap
// (glibc maps a block this large afresh each time), with 4 KiB pages or advised onto huge pages
// as counting and weighting do (detail/huge_pages.hpp). Arg: 1 = huge-page advice.
void BM_first_touch(benchmark::State& state) {
  constexpr std::size_t bytes = std::size_t{64} << 20;
  for (auto _ : state) {
    if (state.range(0) != 0) {
      plansim::detail::huge_page_array<char> buffer(bytes);
      for (std::size_t i = 0; i < bytes; i += 4096) buffer[i] = 1;
      benchmark::DoNotOptimize(buffer.data());
    } else {
      const auto buffer = std::make_unique_for_overwrite<char[]>(bytes);
      for (std::size_t i = 0; i < bytes; i += 4096) buffer[i] = 1;
      benchmark::DoNotOptimize(buffer.get());
    }
  }
  state.counters["pages_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(bytes / 4096), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_first_touch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// One parallel step of trivial work (64 chunks), as vectorize runs about eight a call: what
// handing work to threads costs. Args: threads, and 1 = the shared worker pool, 0 = threads
// started and joined for the step (detail::thread_source).
void BM_parallel_step(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const auto source = state.range(1) != 0 ? plansim::detail::thread_source::pool : plansim::detail::thread_source::own;
  std::vector<std::size_t> out(64);
  for (auto _ : state) {
    plansim::detail::for_each_chunk(out.size(), threads, [&](std::size_t chunk, std::size_t) { out[chunk] += chunk; },
                                    source);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_parallel_step)->ArgsProduct({{2, 4, 16}, {0, 1}})->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
