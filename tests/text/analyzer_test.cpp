#include <plansim/matrix/term_counts.hpp>
#include <plansim/text/analyzer.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "catch.hpp"

using strings = std::vector<std::string>;

TEST_CASE("the English analyzer folds case, keeps money whole and drops stop words", "[text][analyzer]") {
  plansim::text_analyzer analyzer(plansim::analyzer_options::english());
  CHECK(analyzer.terms("The Council’s plan saves £749.2m, 17% of the budget, through Housing-led reform.") ==
        strings{"council's", "plan", "saves", "£749.2m", "17%", "budget", "housing-led", "reform"});
}

TEST_CASE("stemming comes after stop words, n-grams after stemming", "[text][analyzer]") {
  auto options = plansim::analyzer_options::english();
  options.stem = true;
  plansim::text_analyzer stemmed(options);
  CHECK(stemmed.terms("Councils are sharing services") == strings{"council", "share", "servic"});
  options.ngram_max = 2;
  plansim::text_analyzer bigrams(options);
  CHECK(bigrams.terms("Councils are sharing services") ==
        strings{"council", "share", "servic", "council share", "share servic"});
}

TEST_CASE("character units skip the tokenizer, as scikit-learn's char and char_wb", "[text][analyzer]") {
  plansim::analyzer_options options;
  options.unit = plansim::analyzer_unit::character;
  options.ngram_min = options.ngram_max = 2;
  CHECK(plansim::text_analyzer(options).terms("Ab c") == strings{"ab", "b ", " c"});
  options.unit = plansim::analyzer_unit::character_word_bounded;
  CHECK(plansim::text_analyzer(options).terms("Ab c") == strings{" a", "ab", "b ", " c", "c "});
}

TEST_CASE("the scikit-learn preset keeps what scikit-learn keeps", "[text][analyzer]") {
  plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  CHECK(analyzer.terms("The council’s £749.2m plan: a 17% cut") ==
        strings{"the", "council", "749", "2m", "plan", "17", "cut"});
}

TEST_CASE("an empty n-gram range is a clear error", "[text][analyzer][errors]") {
  plansim::analyzer_options options;
  options.ngram_min = 2;
  options.ngram_max = 1;
  CHECK_THROWS_WITH(plansim::text_analyzer(options),
                    "[plansim.analyzer.1] text_analyzer: ngram range 2..1 is empty (give 1 <= ngram_min <= ngram_max, e.g. 1..2)");
  options.ngram_min = 0;
  CHECK_THROWS_AS(plansim::text_analyzer(options), plansim::invalid_argument);
}

TEST_CASE("counting the sample plans gives the same matrix on 1, 2 and 7 threads", "[text][analyzer][threads]") {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(PLANSIM_SAMPLE_CORPUS_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(texts.size() == 5);
  auto options = plansim::analyzer_options::english();
  options.stem = true;
  options.ngram_max = 2;
  const plansim::text_analyzer analyzer(options);
  const auto one = plansim::count_terms(texts, analyzer, {.threads = 1, .chunk_documents = 1});
  CHECK(one.vocabulary.size() > 5000);
  for (const std::size_t threads : {2u, 7u}) {
    const auto many = plansim::count_terms(texts, analyzer, {.threads = threads, .chunk_documents = 1});
    CHECK(many.vocabulary.terms() == one.vocabulary.terms());
    CHECK(many.counts.isApprox(one.counts));
    CHECK(Eigen::Map<const Eigen::VectorXi>(many.counts.valuePtr(), many.counts.nonZeros()) ==
          Eigen::Map<const Eigen::VectorXi>(one.counts.valuePtr(), one.counts.nonZeros()));
  }
}

TEST_CASE("memoised stems equal the stemmer's, before and after the memo is dropped", "[text][analyzer]") {
  auto options = plansim::analyzer_options::english();
  options.stem = true;
  plansim::text_analyzer analyzer(options);
  plansim::porter2_stemmer stemmer;
  // More distinct words than the memo keeps (2^18), in documents of 1,000, each word twice.
  bool all_equal = true;
  std::string text;
  strings expected;
  for (std::size_t i = 0; i < 300000; ++i) {
    std::string word = "x";
    for (std::size_t r = i; r != 0; r /= 26) word += static_cast<char>('a' + r % 26);
    word += "ing";
    text += word + " " + word + " ";
    const std::string stem(stemmer.stem(word));
    expected.push_back(stem);
    expected.push_back(stem);
    if (i % 1000 == 999) {
      all_equal = all_equal && analyzer.terms(text) == expected;
      text.clear();
      expected.clear();
    }
  }
  CHECK(all_equal);
}
