#include <plansim/matrix/term_counts.hpp>
#include <plansim/text/analyzer.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"
#include "test_analyzers.hpp"

using plansim_test::whitespace_analyzer;

namespace {

std::vector<std::vector<int>> dense(const plansim::count_matrix& m) {
  std::vector<std::vector<int>> out(static_cast<std::size_t>(m.rows()), std::vector<int>(static_cast<std::size_t>(m.cols())));
  for (Eigen::Index r = 0; r < m.outerSize(); ++r)
    for (plansim::count_matrix::InnerIterator it(m, r); it; ++it)
      out[static_cast<std::size_t>(r)][static_cast<std::size_t>(it.col())] = it.value();
  return out;
}

// Emits an empty term, then "x", for any text.
struct empty_term_analyzer {
  template <class F>
  void operator()(std::string_view, F&& on_term) const {
    on_term(std::string_view{});
    on_term(std::string_view{"x"});
  }
};

}  // namespace

TEST_CASE("counting a hand-worked corpus", "[matrix][counts]") {
  const std::vector<std::string> texts{"b a b", "c", "a a a c", ""};
  const auto result = plansim::count_terms(texts, whitespace_analyzer{});
  CHECK(result.vocabulary.terms() == std::vector<std::string>{"a", "b", "c"});
  CHECK(dense(result.counts) == std::vector<std::vector<int>>{{1, 2, 0}, {0, 0, 1}, {3, 0, 1}, {0, 0, 0}});
  CHECK(result.stats.documents == 4);
  CHECK(result.stats.document_frequency == std::vector<std::int64_t>{2, 1, 2});
  CHECK(result.stats.corpus_frequency == std::vector<std::int64_t>{4, 2, 2});
  CHECK(result.stats.document_length == std::vector<std::int64_t>{3, 1, 4, 0});
  CHECK(result.stats.average_length == Catch::Approx(2.0));
  CHECK(result.vocabulary.find("b") == plansim::term_id{1});
  CHECK_FALSE(result.vocabulary.find("z").has_value());
}

TEST_CASE("terms sort by byte order, as Python sorts str by code point", "[matrix][counts]") {
  const std::vector<std::string> texts{"zebra \xC3\xA9t\xC3\xA9 Zebra apple \xE2\x82\xAC 10 9"};
  const auto result = plansim::count_terms(texts, whitespace_analyzer{});
  CHECK(result.vocabulary.terms() ==
        std::vector<std::string>{"10", "9", "Zebra", "apple", "zebra", "\xC3\xA9t\xC3\xA9", "\xE2\x82\xAC"});
}

TEST_CASE("counts are identical for any thread count and chunk size", "[matrix][counts][threads]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> word(0, 400), length(0, 60);
  std::vector<std::string> texts(500);
  for (auto& t : texts) {
    const int n = length(rng);
    for (int i = 0; i < n; ++i) t += "w" + std::to_string(word(rng) * word(rng) % 997) + " ";
  }
  const auto one = plansim::count_terms(texts, whitespace_analyzer{}, {.threads = 1, .chunk_documents = 64});
  for (const std::size_t threads : {2u, 7u}) {
    for (const std::size_t chunk : {1u, 13u, 64u, 1000u}) {
      const auto many = plansim::count_terms(texts, whitespace_analyzer{}, {.threads = threads, .chunk_documents = chunk});
      CHECK(many.vocabulary.terms() == one.vocabulary.terms());
      CHECK(dense(many.counts) == dense(one.counts));
      CHECK(many.stats.document_length == one.stats.document_length);
      CHECK(many.stats.document_frequency == one.stats.document_frequency);
      CHECK(many.stats.corpus_frequency == one.stats.corpus_frequency);
      const auto fixed = plansim::count_terms(texts, whitespace_analyzer{}, one.vocabulary,
                                              {.threads = threads, .chunk_documents = chunk});
      CHECK(dense(fixed.counts) == dense(one.counts));
      CHECK(fixed.stats.document_frequency == one.stats.document_frequency);
      CHECK(fixed.stats.corpus_frequency == one.stats.corpus_frequency);
    }
  }
}

TEST_CASE("counts equal a naive count, past the first block of stored counts", "[matrix][counts]") {
  // Over a million stored counts, so the counting arena fills several blocks (256 KiB, doubling)
  // and chunks continue in the next; each row is checked against sorting and counting the words
  // directly. 20,000 terms: frequencies are summed in several blocks of columns.
  std::mt19937 rng(13);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> word(0, 19999);
  std::vector<std::string> texts(5200);
  std::vector<std::vector<std::string>> words(texts.size());
  for (std::size_t d = 0; d < texts.size(); ++d) {
    for (int i = 0; i < 230; ++i) {
      words[d].push_back("w" + std::to_string(word(rng)));
      texts[d] += words[d].back() + ' ';
    }
  }
  const auto result = plansim::count_terms(texts, whitespace_analyzer{});
  REQUIRE(result.counts.nonZeros() > (1 << 20));
  const auto& terms = result.vocabulary.terms();
  bool all_equal = true;
  for (std::size_t d = 0; d < texts.size(); ++d) {
    std::sort(words[d].begin(), words[d].end());  // byte order, as the vocabulary's columns
    std::vector<std::pair<std::string, int>> expected;
    for (const auto& w : words[d]) {
      if (!expected.empty() && expected.back().first == w) ++expected.back().second;
      else expected.emplace_back(w, 1);
    }
    std::vector<std::pair<std::string, int>> got;
    for (plansim::count_matrix::InnerIterator it(result.counts, static_cast<Eigen::Index>(d)); it; ++it)
      got.emplace_back(terms[static_cast<std::size_t>(it.col())], it.value());
    all_equal = all_equal && got == expected;
  }
  CHECK(all_equal);
  // Frequencies, summed per worker while counting, against a direct count of the words.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> frequency;  // term -> (df, cf)
  for (const auto& document : words) {
    for (std::size_t i = 0; i < document.size(); ++i) {
      auto& [df, cf] = frequency[document[i]];
      df += i == 0 || document[i - 1] != document[i];  // the words are sorted: first of a run
      cf += 1;
    }
  }
  std::vector<std::int64_t> df, cf;
  for (const auto& [term, f] : frequency) {
    df.push_back(f.first);
    cf.push_back(f.second);
  }
  CHECK(result.stats.document_frequency == df);
  CHECK(result.stats.corpus_frequency == cf);
  CHECK(std::ranges::equal(result.vocabulary.document_frequency(), df));
  for (const std::size_t threads : {2u, 5u}) {
    const auto many = plansim::count_terms(texts, whitespace_analyzer{}, {.threads = threads});
    CHECK(many.stats.document_frequency == df);
    CHECK(many.stats.corpus_frequency == cf);
    const auto fixed = plansim::count_terms(texts, whitespace_analyzer{}, result.vocabulary, {.threads = threads});
    CHECK(fixed.stats.document_frequency == df);
    CHECK(fixed.stats.corpus_frequency == cf);
  }
}

TEST_CASE("a document holding every term the counter has room for, then a repeat", "[matrix][counts]") {
  // The accumulator starts with room for 1,024 ids: a first document with exactly that many
  // distinct terms, then one of them again, once wrote past its list of touched ids (caught by
  // AddressSanitizer in the asan preset).
  std::string text;
  for (int i = 0; i < 1024; ++i) text += "t" + std::to_string(i) + ' ';
  text += "t5 t5";
  const std::vector<std::string> texts{text, "t5 u"};
  const auto result = plansim::count_terms(texts, whitespace_analyzer{});
  REQUIRE(result.vocabulary.size() == 1025);
  const auto t5 = static_cast<Eigen::Index>(*result.vocabulary.find("t5"));
  CHECK(result.counts.coeff(0, t5) == 3);
  CHECK(result.counts.coeff(1, t5) == 1);
  CHECK(result.counts.row(0).nonZeros() == 1024);
  CHECK(result.stats.document_frequency[static_cast<std::size_t>(t5)] == 2);
  CHECK(result.stats.corpus_frequency[static_cast<std::size_t>(t5)] == 4);
}

TEST_CASE("counts past a byte's range carry over exactly", "[matrix][counts]") {
  // The per-document count is one byte that carries 255 at a time: counts on both sides of each
  // carry, several carried terms in one document, and a plain document after a carried one.
  const std::vector<int> repeats{1, 254, 255, 256, 257, 510, 511, 765, 766, 5000};
  std::vector<std::string> texts;
  std::string mixed;
  for (std::size_t i = 0; i < repeats.size(); ++i) {
    std::string alone;
    for (int r = 0; r < repeats[i]; ++r) {
      alone += "r" + std::to_string(i) + ' ';
      mixed += "r" + std::to_string(i) + " x ";  // interleaved with another term
    }
    texts.push_back(alone);
  }
  texts.push_back(mixed);
  texts.push_back("r0 r1 x");
  // Chunks of 3 put the first count past 255 at a chunk's start; of 4 and 64, after packed rows.
  for (const auto& [threads, chunk] : {std::pair<std::size_t, std::size_t>{1, 3}, {2, 3}, {1, 4}, {2, 4}, {1, 64}}) {
    const auto result = plansim::count_terms(texts, whitespace_analyzer{}, {.threads = threads, .chunk_documents = chunk});
    std::int64_t total = 0;
    for (std::size_t i = 0; i < repeats.size(); ++i) {
      const auto column = static_cast<Eigen::Index>(*result.vocabulary.find("r" + std::to_string(i)));
      CHECK(result.counts.coeff(static_cast<Eigen::Index>(i), column) == repeats[i]);
      CHECK(result.counts.coeff(static_cast<Eigen::Index>(repeats.size()), column) == repeats[i]);
      CHECK(result.stats.corpus_frequency[static_cast<std::size_t>(column)] ==
            2 * repeats[i] + (i < 2 ? 1 : 0));
      total += repeats[i];
    }
    const auto x = static_cast<Eigen::Index>(*result.vocabulary.find("x"));
    CHECK(result.counts.coeff(static_cast<Eigen::Index>(repeats.size()), x) == total);
    CHECK(result.counts.coeff(static_cast<Eigen::Index>(repeats.size() + 1), x) == 1);
    CHECK(result.counts.coeff(static_cast<Eigen::Index>(repeats.size() + 1), 0) == 1);  // r0, after the carries
  }
}

TEST_CASE("stored counts are packed while they fit and turn wide mid-document when not", "[matrix][counts]") {
  using plansim::detail::fits_packed;
  CHECK(fits_packed(0, 0));
  CHECK(fits_packed((1u << 24) - 1, 255));
  CHECK_FALSE(fits_packed(1u << 24, 1));
  CHECK_FALSE(fits_packed(0, 256));

  // Tiny arena blocks, so that widening also moves the run to a new block.
  for (const std::size_t block : {std::size_t{4}, std::size_t{1} << 21}) {
    plansim::detail::count_scratch scratch;
    scratch.entries = plansim::detail::entry_arena(block);
    plansim::detail::counted_chunk chunk;
    scratch.entries.start_run();
    const auto add = [&](std::uint32_t id, int times) {
      for (int i = 0; i < times; ++i) scratch.add(id);
    };
    add(0, 1), add(1, 1), add(2, 7);  // packed
    scratch.flush(chunk);
    CHECK_FALSE(chunk.wide);
    add(3, 2), add(4, 300), add(5, 1);  // 300 does not fit: wide from its pair on
    scratch.flush(chunk);
    CHECK(chunk.wide);
    add(0, 1);
    scratch.flush(chunk);
    chunk.words = scratch.entries.run();
    CHECK(chunk.row_end == std::vector<std::size_t>{3, 6, 7});
    CHECK(chunk.pairs() == 7);
    std::vector<std::vector<std::pair<std::uint32_t, std::int32_t>>> rows;
    chunk.for_each_row([&](const auto& row) {
      rows.emplace_back();
      for (std::size_t i = 0; i < row.size; ++i) rows.back().emplace_back(row.term(i), row.count(i));
    });
    using pairs = std::vector<std::pair<std::uint32_t, std::int32_t>>;
    CHECK(rows == std::vector<pairs>{{{0, 1}, {1, 1}, {2, 7}}, {{3, 2}, {4, 300}, {5, 1}}, {{0, 1}}});
  }
}

TEST_CASE("a term's corpus frequency past 2^32 in one worker is summed exactly", "[matrix][counts]") {
  // Four billion tokens are too many for a test, so the worker's 32-bit frequency record starts
  // just below the wrap, as if it had counted them already.
  plansim::detail::count_scratch scratch;
  plansim::detail::counted_chunk chunk;
  scratch.entries.start_run();
  scratch.add(3);
  scratch.frequency[3].corpus = 0xFFFFFFFFu - 1;  // 2^32 - 2 occurrences so far
  scratch.frequency[3].documents = 7;
  for (int i = 0; i < 4; ++i) scratch.add(3);  // this document: 5 occurrences
  scratch.flush(chunk);
  chunk.lengths.push_back(5);
  chunk.words = scratch.entries.run();
  plansim::detail::counted_corpus counted;
  counted.scratch.push_back(std::move(scratch));
  counted.chunks.push_back(std::move(chunk));
  counted.columns = 4;
  plansim::detail::sum_statistics(counted, 1);
  CHECK(counted.stats.corpus_frequency[3] == (std::int64_t{1} << 32) - 2 + 5);
  CHECK(counted.stats.document_frequency[3] == 8);
  CHECK(counted.stats.document_length == std::vector<std::int64_t>{5});
}

TEST_CASE("the counted vocabulary finds every term at its column, for any thread count", "[matrix][counts]") {
  // One worker's counting table becomes the vocabulary's index (renumbered), several workers'
  // vocabularies are indexed afresh: both must find each term at its column, and nothing else.
  std::vector<std::string> texts;
  for (int d = 0; d < 300; ++d) {
    std::string text;
    for (int t = 0; t < 40; ++t) text += "w" + std::to_string((d * 7 + t * t) % 997) + (t % 3 == 0 ? "-long-suffix " : " ");
    texts.push_back(text);
  }
  for (const std::size_t threads : {1u, 2u}) {
    const auto result = plansim::count_terms(texts, whitespace_analyzer{}, {.threads = threads, .chunk_documents = 16});
    const auto& terms = result.vocabulary.terms();
    REQUIRE(terms.size() > 900);
    for (std::size_t i = 0; i < terms.size(); ++i) CHECK(result.vocabulary.find(terms[i]) == i);
    CHECK_FALSE(result.vocabulary.find("w998").has_value());
    CHECK_FALSE(result.vocabulary.find("w1-long-suffix-not").has_value());
    const auto copy = result.vocabulary;  // a copy keeps its own index
    CHECK(copy.find(terms.back()) == terms.size() - 1);
  }
}

TEST_CASE("term_table::renumber gives every term its new id and text", "[matrix][counts]") {
  plansim::detail::term_table table;
  const std::vector<std::string> words{"delta", "alpha", "a-term-longer-than-eight", "charlie", "bravo"};
  for (const auto& w : words) table.intern(w);
  std::vector<std::string> sorted = words;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::uint32_t> new_id(words.size());
  for (std::size_t i = 0; i < words.size(); ++i)
    new_id[i] = static_cast<std::uint32_t>(std::find(sorted.begin(), sorted.end(), words[i]) - sorted.begin());
  table.renumber(new_id.data(), sorted);
  for (std::uint32_t i = 0; i < sorted.size(); ++i) {
    CHECK(table.find(sorted[i]) == i);
    CHECK(table.text(i) == sorted[i]);
  }
  CHECK(table.find("echo") == plansim::detail::term_table::npos);
  CHECK(table.intern("echo") == sorted.size());  // new terms still get the next id
}

TEST_CASE("an analyzer that emits an empty term gets the vocabulary's error", "[matrix][counts][errors]") {
  CHECK_THROWS_WITH(plansim::count_terms(std::vector<std::string>{"anything"}, empty_term_analyzer{}),
                    Catch::Contains("[plansim.vocabulary.2]") && Catch::Contains("term 0 is empty"));
}

TEST_CASE("a fixed vocabulary maps new documents to the same columns", "[matrix][counts]") {
  const std::vector<std::string> train{"a b c", "b c d"};
  const auto fitted = plansim::count_terms(train, whitespace_analyzer{});
  const std::vector<std::string> fresh{"d d x a", "y"};
  const auto result = plansim::count_terms(fresh, whitespace_analyzer{}, fitted.vocabulary);
  CHECK(result.vocabulary.terms() == fitted.vocabulary.terms());
  CHECK(dense(result.counts) == std::vector<std::vector<int>>{{1, 0, 0, 2}, {0, 0, 0, 0}});
  CHECK(result.stats.document_length == std::vector<std::int64_t>{4, 1});  // unknown terms still count
  CHECK(result.stats.document_frequency == std::vector<std::int64_t>{1, 0, 0, 1});
  CHECK(result.stats.corpus_frequency == std::vector<std::int64_t>{1, 0, 0, 2});
}

TEST_CASE("an empty vocabulary is a clear error", "[matrix][counts][errors]") {
  const std::vector<std::string> texts{"", "   "};
  CHECK_THROWS_WITH(plansim::count_terms(texts, whitespace_analyzer{}),
                    "[plansim.vocabulary.4] count_terms: empty vocabulary: no document yields any term (2 documents) "
                    "(check that the documents hold text, and loosen stop words or the token pattern)");
  const std::vector<std::string> none;
  CHECK_THROWS_AS(plansim::count_terms(none, whitespace_analyzer{}), plansim::data_error);
}

TEST_CASE("pruning by document frequency and max_features follows scikit-learn", "[matrix][prune]") {
  // df: a=4, b=3, c=2, d=1, e=1 over 4 documents; cf: a=5, b=3, c=4, d=1, e=2
  const std::vector<std::string> texts{"a b c c", "a b c c", "a b d e e", "a a"};
  const auto counts = plansim::count_terms(texts, whitespace_analyzer{});
  using plansim::df_bound;

  auto kept = [&](plansim::prune_options o) { return plansim::prune(counts, o).vocabulary.terms(); };
  CHECK(kept({.min_df = df_bound::documents(2)}) == std::vector<std::string>{"a", "b", "c"});
  CHECK(kept({.max_df = df_bound::documents(3)}) == std::vector<std::string>{"b", "c", "d", "e"});
  CHECK(kept({.max_df = df_bound::share(0.75)}) == std::vector<std::string>{"b", "c", "d", "e"});
  CHECK(kept({.min_df = df_bound::share(0.5), .max_df = df_bound::share(0.9)}) == std::vector<std::string>{"b", "c"});
  // top 3 by corpus frequency: a (5), c (4), then b and e tie at 3 and 2... b=3 > e=2
  CHECK(kept({.max_features = 3}) == std::vector<std::string>{"a", "b", "c"});
  // ties broken by term: d and e are both below; with max_features 4, b (3) then e (2) beats d (1)
  CHECK(kept({.max_features = 4}) == std::vector<std::string>{"a", "b", "c", "e"});

  const auto pruned = plansim::prune(counts, {.min_df = df_bound::documents(2)});
  CHECK(dense(pruned.counts) == std::vector<std::vector<int>>{{1, 1, 2}, {1, 1, 2}, {1, 1, 0}, {2, 0, 0}});
  CHECK(pruned.stats.document_length == counts.stats.document_length);
  CHECK(pruned.stats.document_frequency == std::vector<std::int64_t>{4, 3, 2});
}

TEST_CASE("max_features ties go to the earlier term", "[matrix][prune]") {
  const std::vector<std::string> texts{"x y z w"};
  const auto counts = plansim::count_terms(texts, whitespace_analyzer{});
  CHECK(plansim::prune(counts, {.max_features = 2}).vocabulary.terms() == std::vector<std::string>{"w", "x"});
}

TEST_CASE("bad pruning options are clear errors", "[matrix][prune][errors]") {
  const std::vector<std::string> texts{"a b", "b c"};
  const auto counts = plansim::count_terms(texts, whitespace_analyzer{});
  using plansim::df_bound;
  CHECK_THROWS_WITH(plansim::prune(counts, {.min_df = df_bound::documents(2), .max_df = df_bound::documents(1)}),
                    "[plansim.vocabulary.6] prune: max_df (1 documents) is below min_df (2 documents) "
                    "(lower min_df or raise max_df)");
  CHECK_THROWS_AS(plansim::prune(counts, {.min_df = df_bound::share(1.5)}), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::prune(counts, {.min_df = df_bound::documents(-1)}), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::prune(counts, {.max_features = 0}), plansim::invalid_argument);
  const auto disjoint = plansim::count_terms(std::vector<std::string>{"a b", "c d"}, whitespace_analyzer{});
  CHECK_THROWS_WITH(plansim::prune(disjoint, {.min_df = df_bound::documents(2)}),
                    "[plansim.vocabulary.8] prune: no terms remain after pruning "
                    "(lower min_df, raise max_df or max_features)");
}

TEST_CASE("a vocabulary rejects unsorted or repeated terms", "[matrix][vocabulary][errors]") {
  CHECK_THROWS_AS(plansim::vocabulary({"b", "a"}), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::vocabulary({"a", "a"}), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::vocabulary({""}), plansim::invalid_argument);
  CHECK(plansim::vocabulary::from_terms({"b", "a", "b"}).terms() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("row_sorter orders rows as std::sort does, over small and large column spans", "[matrix][counts]") {
  std::mt19937 rng(5);  // fixed seed: the test is deterministic
  for (const std::uint32_t columns : {1u, 63u, 64u, 65u, 4096u, 4097u, 100000u}) {
    plansim::detail::row_sorter sorter(columns);
    // Local ids are columns reversed, so the sorter must order by the remapped id, not the stored one.
    const auto remap = [&](std::uint32_t local) { return columns - 1 - local; };
    std::uniform_int_distribution<std::uint32_t> column(0, columns - 1);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::uint32_t> ids(static_cast<std::size_t>(round % 70));
      for (auto& id : ids) id = column(rng);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());  // a row holds each column once
      std::shuffle(ids.begin(), ids.end(), rng);
      // Counts up to 255 in the packed layout; the wide layout also gets larger ones.
      const auto count_of = [](std::uint32_t id, bool wide) {
        return static_cast<std::int32_t>(wide ? id % 1000 + 1 : id % 255 + 1);
      };
      for (const bool wide : {false, true}) {
        std::vector<std::uint32_t> words;
        for (const auto id : ids) {
          const auto local = remap(id);
          const auto count = static_cast<std::uint32_t>(count_of(id, wide));
          if (wide) words.insert(words.end(), {local, count});
          else words.push_back(local | count << 24);
        }
        std::vector<std::pair<int, std::int32_t>> expected;
        for (const auto id : ids) expected.emplace_back(static_cast<int>(id), count_of(id, wide));
        std::sort(expected.begin(), expected.end());
        std::vector<int> columns_out(ids.size() + 1, -1);
        std::vector<std::int32_t> counts_out(ids.size() + 1, -1);
        auto write = [&, k = std::size_t{0}](int c, std::int32_t count) mutable {
          columns_out[k] = c;
          counts_out[k++] = count;
        };
        if (wide)
          sorter.visit_sorted(plansim::detail::stored_row<true>{words.data(), ids.size()}, remap, write);
        else
          sorter.visit_sorted(plansim::detail::stored_row<false>{words.data(), ids.size()}, remap, write);
        std::vector<std::pair<int, std::int32_t>> got;
        for (std::size_t i = 0; i < ids.size(); ++i) got.emplace_back(columns_out[i], counts_out[i]);
        CHECK(got == expected);
        CHECK(columns_out.back() == -1);  // nothing written past the row
        CHECK(counts_out.back() == -1);
      }
    }
  }
}

TEST_CASE("chunk_sorter orders every row of a chunk as std::sort does", "[matrix][counts]") {
  std::mt19937 rng(7);  // fixed seed: the test is deterministic
  // Column spans from one column to the 2^24 limit, and chunks of 1 to 3,000 rows: (row, column)
  // spans 2 to 36 bits, sorted in one to four passes, on 32-bit keys while (row, column, count)
  // fits 32 bits and on 64-bit keys past that (2^18 columns: 32-bit keys up to 64 rows, 64-bit
  // from 65; one more column: 64-bit keys from 33 rows).
  for (const std::uint32_t columns : {1u, 200u, 256u, 257u, 2048u, 70000u, 1u << 18, (1u << 18) + 1, 1u << 24}) {
    plansim::detail::chunk_sorter sorter;
    // Local ids are columns reversed: the sorter orders by the remapped id, not the stored one.
    const auto remap = [&](std::uint32_t local) { return columns - 1 - local; };
    std::uniform_int_distribution<std::uint32_t> column(0, columns - 1);
    for (int round = 0; round < 30; ++round) {
      plansim::detail::counted_chunk chunk;
      std::vector<std::uint32_t> words;
      std::vector<std::vector<std::pair<int, std::int32_t>>> expected;
      const int rows = round % 7 == 0 ? 1 : round == 29 ? 3000 : 1 + round * 3;
      for (int r = 0; r < rows; ++r) {
        std::vector<std::uint32_t> ids(static_cast<std::size_t>((r * 37 + round) % 90));  // some rows empty
        if (ids.size() > columns) ids.resize(columns);
        for (auto& id : ids) id = column(rng);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());  // a row holds each column once
        std::shuffle(ids.begin(), ids.end(), rng);
        std::vector<std::pair<int, std::int32_t>> row;
        for (const auto id : ids) {
          const auto count = static_cast<std::int32_t>(id % 255 + 1);
          words.push_back(remap(id) | static_cast<std::uint32_t>(count) << 24);
          row.emplace_back(static_cast<int>(id), count);
        }
        std::sort(row.begin(), row.end());
        expected.push_back(row);
        chunk.row_end.push_back(words.size());
      }
      chunk.words = words;
      REQUIRE(plansim::detail::chunk_sorter::takes(chunk, columns));
      sorter.sort(chunk, columns, remap);
      for (std::size_t r = 0, begin = 0; r < chunk.row_end.size(); begin = chunk.row_end[r++]) {
        std::vector<std::pair<int, std::int32_t>> got;
        sorter.visit(begin, chunk.row_end[r], [&](int c, std::int32_t count) { got.emplace_back(c, count); });
        CHECK(got == expected[r]);
      }
    }
  }
  // Wide chunks and columns past 2^24 are row_sorter's.
  plansim::detail::counted_chunk wide;
  wide.wide = true;
  CHECK_FALSE(plansim::detail::chunk_sorter::takes(wide, 10));
  CHECK_FALSE(plansim::detail::chunk_sorter::takes(plansim::detail::counted_chunk{}, (std::size_t{1} << 24) + 1));
}

TEST_CASE("sort_by_prefix orders records as std::sort does with the full comparison", "[matrix][counts]") {
  // Records as count_corpus sorts them: the first 8 bytes big-endian, the text breaking ties.
  struct record {
    std::uint64_t prefix;
    std::string text;
    std::uint32_t id;
    bool operator<(const record& other) const noexcept {
      return prefix != other.prefix ? prefix < other.prefix : text < other.text;
    }
  };
  const auto make = [](std::string text, std::uint32_t id) {
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i)
      prefix = (prefix << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    return record{prefix, std::move(text), id};
  };
  std::mt19937 rng(11);  // fixed seed: the test is deterministic
  // Few letters, so that many terms share their first 8 bytes and the ties are ordered by text;
  // a zero byte, so that "ab" and "ab\0" share a prefix; high bytes, so that keys differ in every byte.
  const std::string alphabet("ab\0\xff\x80z", 6);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), length(0, 12);
  for (const std::size_t n : {0u, 1u, 2u, 3u, 100u, 5000u}) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < n; ++i) {
      std::string t(length(rng), ' ');
      for (auto& c : t) c = alphabet[letter(rng)];
      texts.push_back(std::move(t));
    }
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());  // a vocabulary holds each term once
    std::shuffle(texts.begin(), texts.end(), rng);
    std::vector<record> records, scratch(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) records.push_back(make(texts[i], static_cast<std::uint32_t>(i)));
    auto expected = records;
    std::sort(expected.begin(), expected.end());
    plansim::detail::sort_by_prefix(records.data(), records.size(), scratch.data(), std::less<>{});
    std::vector<std::uint32_t> got_ids, expected_ids;
    for (const auto& r : records) got_ids.push_back(r.id);
    for (const auto& r : expected) expected_ids.push_back(r.id);
    CHECK(got_ids == expected_ids);
  }
  // Keys that all share some bytes (those passes are skipped) and differ in others.
  std::vector<record> records;
  for (std::uint32_t i = 0; i < 300; ++i)
    records.push_back(make(std::string("same") + static_cast<char>('a' + (i * 7) % 26) + std::to_string(i), i));
  auto expected = records;
  std::sort(expected.begin(), expected.end());
  std::vector<record> scratch(records.size());
  plansim::detail::sort_by_prefix(records.data(), records.size(), scratch.data(), std::less<>{});
  for (std::size_t i = 0; i < records.size(); ++i) CHECK(records[i].id == expected[i].id);
}

TEST_CASE("term_entry compares terms as their bytes compare", "[matrix][counts]") {
  using plansim::detail::term_entry;
  std::mt19937 rng(5);  // fixed seed: the test is deterministic
  // Few letters, a zero byte and high bytes, lengths around 8: many pairs share a prefix.
  const std::string alphabet("ab\0\xff\x80", 5);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), length(0, 11);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    std::string t(length(rng), ' ');
    for (auto& c : t) c = alphabet[letter(rng)];
    texts.push_back(std::move(t));
  }
  std::uniform_int_distribution<std::size_t> short_length(0, 3);
  for (int i = 0; i < 100; ++i) {  // one 8-byte prefix: only the bytes past it tell these apart
    std::string t = "samepref" + std::string(short_length(rng), ' ');
    for (std::size_t k = 8; k < t.size(); ++k) t[k] = alphabet[letter(rng)];
    texts.push_back(std::move(t));
  }
  texts.push_back("ab"), texts.push_back(std::string("ab\0", 3)), texts.push_back(std::string("ab\0\0\0\0\0\0", 8));
  texts.push_back(std::string("ab\0\0\0\0\0\0\0", 9));
  for (const auto& a : texts)
    for (const auto& b : texts) {
      const term_entry x = term_entry::of(a, 0), y = term_entry::of(b, 1);
      const int order = std::string_view(a).compare(b);
      REQUIRE(x.compare(y) == (order < 0 ? -1 : order > 0 ? 1 : 0));
      REQUIRE((x < y) == (order < 0));
      REQUIRE(x.same_term(y) == (a == b));
    }
}

TEST_CASE("merge_vocabularies gives the sorted union and each worker's columns, cut in any pieces",
          "[matrix][counts][threads]") {
  using plansim::detail::huge_page_array;
  using plansim::detail::term_entry;
  std::mt19937 rng(17);  // fixed seed: the test is deterministic
  // A shared pool of terms with many common prefixes (long terms share their first 8 bytes, short
  // ones differ by a zero byte), from which each worker draws a subset in its own id order.
  std::vector<std::string> pool;
  for (int i = 0; i < 3000; ++i) {
    const std::string digits = std::to_string(i * 7919 % 3001);
    pool.push_back(i % 3 == 0 ? "prefix12" + digits : i % 3 == 1 ? digits : digits + std::string(1, '\0'));
  }
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  for (const std::size_t workers : {1u, 2u, 5u, 16u}) {
    std::vector<std::vector<std::string>> local(workers);  // each worker's terms by local id
    for (auto& terms : local) {
      std::bernoulli_distribution keep(0.6);
      for (const auto& t : pool)
        if (keep(rng)) terms.push_back(t);
      std::shuffle(terms.begin(), terms.end(), rng);
    }
    local.back().clear();  // a worker that met no term
    std::vector<std::string> expected;
    for (const auto& terms : local) expected.insert(expected.end(), terms.begin(), terms.end());
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());

    std::vector<huge_page_array<term_entry>> sorted(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      sorted[w] = huge_page_array<term_entry>(local[w].size());
      for (std::uint32_t id = 0; id < local[w].size(); ++id) sorted[w][id] = term_entry::of(local[w][id], id);
      std::sort(sorted[w].data(), sorted[w].data() + sorted[w].size());
    }
    for (const std::size_t threads : {1u, 3u})
      for (const std::size_t per_piece : {1u, 7u, 100u, 4096u}) {
        std::vector<huge_page_array<std::uint32_t>> local_to_global;
        for (std::size_t w = 0; w < workers; ++w) local_to_global.emplace_back(local[w].size());
        std::vector<std::string> terms;
        plansim::detail::merge_vocabularies(sorted, threads, terms, local_to_global, per_piece);
        REQUIRE(terms == expected);
        for (std::size_t w = 0; w < workers; ++w)
          for (std::uint32_t id = 0; id < local[w].size(); ++id) {
            const auto column = local_to_global[w][id];
            REQUIRE(column < terms.size());
            REQUIRE(terms[column] == local[w][id]);
          }
      }
  }
}

TEST_CASE("entry_arena keeps each run contiguous and earlier runs in place across blocks", "[matrix][counts]") {
  plansim::detail::entry_arena arena(8);  // tiny blocks: most runs cross a block's end
  std::mt19937 rng(11);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<std::size_t> rows(0, 4), row_size(0, 6);
  std::vector<std::span<std::uint32_t>> runs;
  std::vector<std::vector<std::uint32_t>> expected;
  std::uint32_t next = 0;
  for (int chunk = 0; chunk < 300; ++chunk) {
    arena.start_run();
    expected.emplace_back();
    for (std::size_t r = rows(rng); r > 0; --r) {
      const std::size_t n = row_size(rng);
      auto* at = arena.extend(n);
      for (std::size_t i = 0; i < n; ++i, ++next) {
        at[i] = next;
        expected.back().push_back(next);
      }
      CHECK(arena.run_size() == expected.back().size());
    }
    runs.push_back(arena.run());
  }
  for (std::size_t c = 0; c < runs.size(); ++c) {  // read after every block was written
    REQUIRE(runs[c].size() == expected[c].size());
    for (std::size_t i = 0; i < runs[c].size(); ++i) CHECK(runs[c][i] == expected[c][i]);
  }
}

TEST_CASE("huge_page_array is aligned to huge pages when large, and copies deeply", "[matrix][counts]") {
  const plansim::detail::huge_page_array<std::uint64_t> small(10);
  CHECK(small.size() == 10);
  const std::size_t n = plansim::detail::huge_page_bytes / sizeof(std::uint64_t) + 3;  // just over one huge page
  plansim::detail::huge_page_array<std::uint64_t> large(n);
  CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % plansim::detail::huge_page_bytes == 0);
  for (std::size_t i = 0; i < n; ++i) large[i] = i * 3;
  const auto copy = large;
  large[n - 1] = 0;
  REQUIRE(copy.size() == n);
  CHECK(copy[n - 1] == (n - 1) * 3);
  CHECK(copy[12345] == 12345 * 3);
  CHECK(copy.data() != large.data());
  // From the threshold (an eighth of a huge page) up, a buffer gets a whole huge page.
  const plansim::detail::huge_page_array<char> at_threshold(plansim::detail::huge_page_threshold);
  CHECK(reinterpret_cast<std::uintptr_t>(at_threshold.data()) % plansim::detail::huge_page_bytes == 0);
}

TEST_CASE("fresh arrays are cut at huge-page multiples and prepared on any thread count", "[matrix][counts][threads]") {
  using plansim::detail::byte_range;
  constexpr std::size_t step = 4 * plansim::detail::huge_page_bytes;
  plansim::detail::huge_page_array<char> block(3 * step + 100);
  char* const base = block.data();  // aligned to a huge page, not necessarily to `step`
  for (const std::size_t offset : {std::size_t{0}, std::size_t{1}, step - 1, step / 2 + 12345})
    for (const std::size_t bytes : {std::size_t{0}, std::size_t{1}, step - offset, step, 2 * step + 99}) {
      char* const first = base + offset;
      const auto pieces = plansim::detail::cut_into_pieces({{first, bytes}, {nullptr, 10}, {base, 7}}, step);
      // The first array's pieces tile it in order, each within one multiple of `step`; then the
      // third array whole (the null one gives none).
      std::size_t k = 0;
      for (char* at = first; at < first + bytes; ++k) {
        REQUIRE(k < pieces.size());
        CHECK(pieces[k].begin == at);
        REQUIRE(pieces[k].end > pieces[k].begin);
        const auto lo = reinterpret_cast<std::uintptr_t>(pieces[k].begin);
        const auto hi = reinterpret_cast<std::uintptr_t>(pieces[k].end) - 1;
        CHECK(lo / step == hi / step);
        CHECK((pieces[k].end == first + bytes || reinterpret_cast<std::uintptr_t>(pieces[k].end) % step == 0));
        at = pieces[k].end;
      }
      REQUIRE(pieces.size() == k + 1);
      CHECK(pieces[k].begin == base);
      CHECK(pieces[k].end == base + 7);
    }
  // Prepared on 1 to 3 threads, the arrays are there to be written in full.
  for (const std::size_t threads : {1u, 3u}) {
    plansim::detail::huge_page_array<std::uint32_t> a(3 * step / 4 + 5), b(1000);
    plansim::detail::prepare_fresh_arrays(threads, {{a.data(), a.size() * 4}, {b.data(), b.size() * 4}, {nullptr, 0}});
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint32_t>(i);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint32_t>(i);
    CHECK(a[a.size() - 1] == a.size() - 1);
    CHECK(b[999] == 999);
  }
}

TEST_CASE("term_table::build finds every term at its position", "[matrix][counts]") {
  std::mt19937 rng(23);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> letter('a', 'e'), length(1, 12);
  for (const std::size_t n : {0u, 1u, 5u, 100u, 5000u, 40000u}) {
    std::vector<std::string> texts;
    while (texts.size() < n) {  // short and long terms, many sharing a prefix
      std::string t(static_cast<std::size_t>(length(rng)), ' ');
      for (auto& c : t) c = static_cast<char>(letter(rng));
      texts.push_back(texts.size() % 4 == 0 ? "shared-prefix-" + t : t);
    }
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
    std::shuffle(texts.begin(), texts.end(), rng);
    {
      const auto table = plansim::detail::term_table::build(texts);
      REQUIRE(table.size() == texts.size());
      for (std::uint32_t id = 0; id < texts.size(); ++id) {
        REQUIRE(table.find(texts[id]) == id);
        REQUIRE(table.text(id) == texts[id]);
      }
      CHECK(table.find("zzz") == plansim::detail::term_table::npos);  // no term holds a 'z'
      CHECK(table.find("shared-prefix-zz") == plansim::detail::term_table::npos);
      CHECK(table.find("") == plansim::detail::term_table::npos);
      auto grown = table;  // built tables take new terms as interned ones do
      CHECK(grown.intern("zzz") == texts.size());
      CHECK(grown.find("zzz") == texts.size());
      if (!texts.empty()) CHECK(grown.intern(texts.front()) == 0);
    }
  }
  // Terms whose home slots are the last four of a 64-slot table: their run passes the table's
  // end, and the terms that do not fit wrap around to its start.
  std::vector<std::string> crowded;
  for (int i = 0; crowded.size() < 20; ++i) {
    std::string t = "w" + std::to_string(i);
    if ((plansim::detail::hash_bytes(t) & 63) >= 60) crowded.push_back(std::move(t));
  }
  const auto table = plansim::detail::term_table::build(crowded);
  for (std::uint32_t id = 0; id < crowded.size(); ++id) CHECK(table.find(crowded[id]) == id);
}

TEST_CASE("term_table reserve keeps ids, texts and lookups", "[matrix][counts]") {
  plansim::detail::term_table table;
  CHECK(table.intern("alpha") == 0);
  CHECK(table.intern("beta") == 1);
  table.reserve(100000, 700000);
  CHECK(table.find("alpha") == 0);
  CHECK(table.text(1) == "beta");
  for (int i = 0; i < 70000; ++i) table.intern("term" + std::to_string(i));
  CHECK(table.size() == 70002);
  CHECK(table.find("term69999") == 70001);
  const auto copy = table;  // a copy looks up on its own slots
  CHECK(copy.find("term12") == 14);
  CHECK(copy.find("gamma") == plansim::detail::term_table::npos);
}

TEST_CASE("term_table tells apart terms sharing a key, a prefix or a length", "[matrix][counts]") {
  plansim::detail::term_table table;
  std::vector<std::string> terms{""};
  std::mt19937 rng(3);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> letter(0, 2);
  for (std::size_t length = 1; length <= 24; ++length) {
    for (int k = 0; k < 40; ++k) {
      std::string t(length, 'a');
      for (char& c : t) c = static_cast<char>('a' + letter(rng));  // few letters: many near-misses
      terms.push_back(t);
    }
  }
  std::vector<std::uint32_t> ids;
  for (const auto& t : terms) ids.push_back(table.intern(t));
  for (std::size_t i = 0; i < terms.size(); ++i) {
    CHECK(table.text(ids[i]) == terms[i]);
    CHECK(table.find(terms[i]) == ids[i]);
    bool consistent = true;
    for (std::size_t j = 0; j < i; ++j) consistent = consistent && (ids[i] == ids[j]) == (terms[i] == terms[j]);
    CHECK(consistent);
  }
  CHECK(table.find("abcabcabcabcabcabcabcabcabc") == plansim::detail::term_table::npos);
}

namespace {

// text_analyzer without its pads_terms() promise: counting takes the bounded path.
struct unpadded {
  plansim::text_analyzer inner;
  template <class F>
  void operator()(std::string_view text, F&& on_term) {
    inner(text, std::forward<F>(on_term));
  }
};

}  // namespace

TEST_CASE("padded and bounded term hashing agree, so one table serves both", "[matrix][counts]") {
  // Terms of every length up to 40 bytes, zero bytes and high bytes included, in a buffer with
  // term_padding bytes of junk after each: whole-word loads must give the same key and hash
  // as the loads that stay inside the term.
  std::mt19937 rng(17);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> byte(0, 255), pick(0, 3);
  plansim::detail::term_table padded_table, bounded_table;
  std::vector<std::string> terms;
  for (std::size_t length = 0; length <= 40; ++length) {
    for (int k = 0; k < 30; ++k) {
      std::string t(length, '\0');
      for (char& c : t) c = static_cast<char>(pick(rng) == 0 ? 0 : byte(rng));
      terms.push_back(t);
    }
  }
  for (const auto& t : terms) {
    std::string buffer = t + std::string(plansim::detail::term_padding, '\0');
    for (std::size_t i = t.size(); i < buffer.size(); ++i) buffer[i] = static_cast<char>(byte(rng));
    const std::string_view term(buffer.data(), t.size());
    const auto padded = plansim::detail::words_of<true>(term);
    const auto bounded = plansim::detail::words_of<false>(term);
    CHECK(padded.key == bounded.key);
    CHECK(padded.hash == bounded.hash);
    CHECK(padded_table.intern<true>(term) == bounded_table.intern(t));
  }
  for (const auto& t : terms) CHECK(padded_table.find(t) == bounded_table.find(t));
}

TEST_CASE("text_analyzer pads its terms only on the direct word path", "[matrix][counts]") {
  CHECK(plansim::text_analyzer(plansim::analyzer_options::sklearn()).pads_terms());
  CHECK(plansim::text_analyzer(plansim::analyzer_options::english()).pads_terms());
  auto stemmed = plansim::analyzer_options::english();
  stemmed.stem = true;
  CHECK_FALSE(plansim::text_analyzer(stemmed).pads_terms());
  auto bigrams = plansim::analyzer_options::sklearn();
  bigrams.ngram_max = 2;
  CHECK_FALSE(plansim::text_analyzer(bigrams).pads_terms());
  // Counting through the padded path gives what a plain analyzer (no promise) gives.
  std::vector<std::string> texts;
  for (std::size_t n = 0; n < 60; ++n) texts.push_back(std::string(n % 9, 'x') + " ab abcdefgh abcdefghi Über " + std::to_string(n));
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto direct = plansim::count_terms(texts, analyzer);
  const auto plain = plansim::count_terms(texts, unpadded{analyzer});
  CHECK(direct.vocabulary.terms() == plain.vocabulary.terms());
  CHECK(dense(direct.counts) == dense(plain.counts));
  CHECK(direct.stats.document_frequency == plain.stats.document_frequency);
}

TEST_CASE("moving counts hands over the matrix's storage instead of copying it", "[matrix][counts]") {
  // Eigen 3.4's SparseMatrix has no move operations: term_counts' own swap the matrix.
  auto counts = plansim::count_terms(std::vector<std::string>{"a b b", "c a"}, whitespace_analyzer{});
  const auto* values = counts.counts.valuePtr();
  plansim::term_counts moved(std::move(counts));
  CHECK(moved.counts.valuePtr() == values);
  CHECK(dense(moved.counts) == std::vector<std::vector<int>>{{1, 2, 0}, {1, 0, 1}});
  plansim::term_counts assigned;
  assigned = std::move(moved);
  CHECK(assigned.counts.valuePtr() == values);
  CHECK(assigned.vocabulary.terms() == std::vector<std::string>{"a", "b", "c"});
  CHECK(assigned.stats.document_length == std::vector<std::int64_t>{3, 2});
  const plansim::term_counts copy = assigned;  // copies stay deep
  CHECK(copy.counts.valuePtr() != values);
  CHECK(dense(copy.counts) == dense(assigned.counts));
}
