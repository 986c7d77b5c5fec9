// find_shared_passages on synthetic plans with planted shared passages: N = 100 .. 1,000
// documents of about 2,000 words (a productivity plan is 2,000 to 5,000), each planted passage
// copied into 2 to 6 documents at random sentence boundaries. Reports words per second and
// checks that every planted passage of at least min_words words is found with all its copies
// (`planted_recall`, which must read 1 for the default options). Default options: 8-word shingles, 12-word passages, 16 bands x 4 rows, stride 1.
// BM_shared_passages_common adds one 27-word passage to every document, as unmasked template
// wording would be: the worst case, since every pair of documents then shares a window.
//
//   build/release/benchmarks/bench_shared_passages --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>

#include <plansim/corpus/readers.hpp>
#include <plansim/plans/shared_passages.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "synthetic_corpus.hpp"

namespace {

std::size_t word_count(const std::string& text);

struct planted_corpus {
  plansim::corpus corpus;
  std::vector<std::string> passages;  // the planted texts
  std::vector<std::size_t> copies;    // in how many documents each was planted
  std::size_t words = 0;
};

// Documents from synthetic_corpus.hpp; then N / 4 passages of about 20 to 80 words (drawn from the
// same Zipf model, seed 7) are each inserted after a full stop of 2..6 distinct random documents.
const planted_corpus& corpus_of(std::size_t n, bool common) {
  static std::map<std::pair<std::size_t, bool>, planted_corpus> cache;
  auto it = cache.find({n, common});
  if (it != cache.end()) return it->second;
  plansim_bench::synthetic_corpus_options o;
  o.documents = n;
  o.mean_length = 2000;
  o.length_sigma = 0.3;
  std::vector<std::string> texts = plansim_bench::make_synthetic_corpus(o);
  plansim_bench::synthetic_corpus_options p;
  p.documents = n / 4;
  p.mean_length = 45;
  p.length_sigma = 0.4;
  p.seed = 7;
  std::vector<std::string> passages = plansim_bench::make_synthetic_corpus(p);
  plansim_bench::random_bits rng(11);
  planted_corpus out;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> inserts(n);  // (offset, passage)
  for (std::string& passage : passages) {
    if (passage.size() < 150) passage += " " + passage;  // at least ~20 words
    const std::size_t copies = 2 + rng.next() % 5;
    std::vector<std::size_t> chosen;
    while (chosen.size() < copies) {
      const std::size_t d = rng.next() % n;
      bool seen = false;
      for (const std::size_t c : chosen) seen = seen || c == d;
      if (!seen) chosen.push_back(d);
    }
    out.passages.push_back("Planted " + passage + " End");
    out.copies.push_back(copies);
    for (const std::size_t d : chosen) {
      const std::string& text = texts[d];
      const std::size_t at = text.find(". ", static_cast<std::size_t>(rng.next() % text.size()));
      inserts[d].emplace_back(at == std::string::npos ? text.size() : at + 1, out.passages.size() - 1);
    }
  }
  // Insert from the end, at offsets into the original text, so no passage splits another.
  for (std::size_t d = 0; d < n; ++d) {
    std::sort(inserts[d].rbegin(), inserts[d].rend());
    for (const auto& [at, i] : inserts[d]) texts[d].insert(at, " " + out.passages[i]);
  }
  if (common) {
    const std::string everywhere =
        "How you plan to take advantage of technology and make better use of data to improve decision making, "
        "service design and use of resources in every council.";
    for (std::string& text : texts) text = everywhere + " " + text;
  }
  out.corpus = plansim::from_strings(std::move(texts));
  for (const plansim::document& d : out.corpus) out.words += word_count(d.text);
  return cache.emplace(std::pair<std::size_t, bool>(n, common), std::move(out)).first->second;
}

std::size_t word_count(const std::string& text) {
  std::size_t pos = 0, words = 0;
  const plansim::word_tokenizer tok = plansim::plans_detail::plans_tokenizer();
  while (tok.next(text, pos)) ++words;
  return words;
}

void run(benchmark::State& state, bool common, const plansim::shared_options& base) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const planted_corpus& c = corpus_of(n, common);
  plansim::shared_options options = base;
  options.threads = static_cast<std::size_t>(state.range(1));
  std::vector<plansim::shared_passage> found;
  for (auto _ : state) {
    found = plansim::find_shared_passages(c.corpus, options);
    benchmark::DoNotOptimize(found.data());
  }
  // Recall of the planted passages: each must be one passage holding all its copies (a copy
  // can also extend a little when the words around two insertion points agree).
  std::size_t recalled = 0, long_enough = 0;
  for (std::size_t i = 0; i < c.passages.size(); ++i) {
    if (word_count(c.passages[i]) < options.min_words) continue;
    ++long_enough;
    for (const plansim::shared_passage& p : found) {
      if (p.text.find(c.passages[i]) != std::string::npos && p.occurrences.size() >= c.copies[i]) {
        ++recalled;
        break;
      }
    }
  }
  state.counters["documents"] = static_cast<double>(n);
  state.counters["words"] = static_cast<double>(c.words);
  state.counters["words_per_s"] =
      benchmark::Counter(static_cast<double>(c.words), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["passages"] = static_cast<double>(found.size());
  state.counters["planted_recall"] =
      long_enough == 0 ? 1.0 : static_cast<double>(recalled) / static_cast<double>(long_enough);
}

void BM_shared_passages(benchmark::State& state) { run(state, false, {}); }
void BM_shared_passages_common(benchmark::State& state) { run(state, true, {}); }

// Strided windows, where LSH does the work: 16-word windows every 4 words, 5-word shingles,
// 30-word passages, 16 bands of 2 rows. Recall is probabilistic here (see the header).
plansim::shared_options strided() {
  plansim::shared_options o;
  o.shingle_words = 5;
  o.min_words = 30;
  o.window_words = 16;
  o.window_stride = 4;
  o.bands = 16;
  o.rows = 2;
  return o;
}
void BM_shared_passages_strided(benchmark::State& state) { run(state, false, strided()); }
void BM_shared_passages_strided_common(benchmark::State& state) { run(state, true, strided()); }

}  // namespace

BENCHMARK(BM_shared_passages_common)
    ->ArgNames({"N", "threads"})
    ->Args({100, 1})
    ->Args({300, 1})
    ->Args({1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_shared_passages_strided)
    ->ArgNames({"N", "threads"})
    ->Args({100, 1})
    ->Args({300, 1})
    ->Args({1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_shared_passages_strided_common)
    ->ArgNames({"N", "threads"})
    ->Args({100, 1})
    ->Args({300, 1})
    ->Args({1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_shared_passages)
    ->ArgNames({"N", "threads"})
    ->Args({100, 1})
    ->Args({300, 1})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
