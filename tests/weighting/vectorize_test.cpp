// vectorize (texts straight to tf-idf vectors) against count_terms followed by weigh: the same
// vocabulary, statistics and matrix, bit for bit, for every scheme, scalar and thread count.
#include <plansim/text/analyzer.hpp>
#include <plansim/weighting.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "catch.hpp"
#include "test_analyzers.hpp"

namespace {

// ~900 documents of random words over a few hundred terms, with empty ones among them.
std::vector<std::string> random_corpus() {
  std::vector<std::string> docs;
  std::uint64_t state = 424242;  // fixed seed: the test is deterministic
  const auto next = [&] { return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (int d = 0; d < 900; ++d) {
    std::string text;
    const auto words = next() % 50;  // 0 now and then: an empty row
    for (std::uint64_t w = 0; w < words; ++w) text += "t" + std::to_string(next() % 500 * (next() % 3 + 1)) + ' ';
    docs.push_back(text);
  }
  return docs;
}

template <class Scalar>
void check_same(const plansim::tf_idf_vectors<Scalar>& got, const plansim::term_counts& counts,
                const plansim::weight_matrix<Scalar>& expected) {
  REQUIRE(got.vocabulary.terms() == counts.vocabulary.terms());
  CHECK(std::ranges::equal(got.vocabulary.document_frequency(), counts.vocabulary.document_frequency()));
  CHECK(std::ranges::equal(got.vocabulary.corpus_frequency(), counts.vocabulary.corpus_frequency()));
  CHECK(got.stats.documents == counts.stats.documents);
  CHECK(got.stats.document_length == counts.stats.document_length);
  CHECK(got.stats.document_frequency == counts.stats.document_frequency);
  CHECK(got.stats.corpus_frequency == counts.stats.corpus_frequency);
  CHECK(got.stats.average_length == counts.stats.average_length);
  const auto& w = got.weights;
  REQUIRE(w.rows() == expected.rows());
  REQUIRE(w.cols() == expected.cols());
  REQUIRE(w.nonZeros() == expected.nonZeros());
  CHECK(std::equal(w.outerIndexPtr(), w.outerIndexPtr() + w.outerSize() + 1, expected.outerIndexPtr()));
  CHECK(std::equal(w.innerIndexPtr(), w.innerIndexPtr() + w.nonZeros(), expected.innerIndexPtr()));
  CHECK(std::memcmp(w.valuePtr(), expected.valuePtr(), sizeof(Scalar) * static_cast<std::size_t>(w.nonZeros())) == 0);
}

}  // namespace

TEMPLATE_TEST_CASE("vectorize equals count_terms then weigh, bit for bit, for every scheme and thread count",
                   "[weighting][vectorize][threads]", float, double) {
  const auto docs = random_corpus();
  const plansim_test::whitespace_analyzer analyzer;
  const auto counts = plansim::count_terms(docs, analyzer);
  std::vector<plansim::tf_idf> schemes{plansim::tf_idf::sklearn(), plansim::tf_idf::quanteda(), plansim::tf_idf::gensim()};
  for (const auto tf : {plansim::tf_scheme::log, plansim::tf_scheme::augmented, plansim::tf_scheme::binary}) {
    for (const auto n : {plansim::norm::none, plansim::norm::l1, plansim::norm::l2}) {
      plansim::tf_idf scheme;
      scheme.tf = tf;
      scheme.normalization = n;
      schemes.push_back(scheme);
    }
  }
  plansim::tf_idf probabilistic;
  probabilistic.idf.kind = plansim::idf_kind::probabilistic;
  schemes.push_back(probabilistic);
  for (const auto& scheme : schemes) {
    const auto expected = plansim::weigh<TestType>(counts.counts, counts.stats, scheme);
    for (const std::size_t threads : {1u, 2u, 3u}) {
      for (const std::size_t chunk : {7u, 64u}) {
        INFO("tf " << static_cast<int>(scheme.tf) << ", idf " << static_cast<int>(scheme.idf.kind) << ", norm "
                   << static_cast<int>(scheme.normalization) << ", threads " << threads << ", chunk " << chunk);
        check_same(plansim::vectorize<TestType>(docs, analyzer, scheme, {.threads = threads, .chunk_documents = chunk}),
                   counts, expected);
      }
    }
  }
}

TEST_CASE("vectorize with scikit-learn's analyzer on Unicode paragraphs equals the two steps", "[weighting][vectorize]") {
  // plansim's own analyzer (case folding, curly apostrophes, accents), paragraphs as rows, one empty.
  std::vector<std::string> paragraphs;
  for (const std::string text : {"Service design in the council’s plan: £749.2m saved, 17% fewer visits.\n\nData, AI and "
                                 "the cloud.\n\n\n\nÉcoles et café: naïve façades.",
                                 "", "Barriers: funding, ring-fenced grants; council's data (2024/25)."}) {
    std::size_t begin = 0;
    for (;;) {
      const std::size_t end = text.find("\n\n", begin);
      paragraphs.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
      if (end == std::string::npos) break;
      begin = end + 2;
    }
  }
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto counts = plansim::count_terms(paragraphs, analyzer);
  const auto expected = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn());
  check_same(plansim::vectorize(paragraphs, analyzer, plansim::tf_idf::sklearn()), counts, expected);
  check_same(plansim::vectorize(paragraphs, analyzer, plansim::tf_idf::sklearn(), {.threads = 2, .chunk_documents = 1}),
             counts, expected);
}

TEST_CASE("vectorize: an empty vocabulary is a clear error naming vectorize", "[weighting][vectorize][errors]") {
  const std::vector<std::string> blank{"", "   ", " "};
  CHECK_THROWS_WITH(plansim::vectorize(blank, plansim_test::whitespace_analyzer{}, plansim::tf_idf::sklearn()),
                    "[plansim.vocabulary.4] vectorize: empty vocabulary: no document yields any term (3 documents) "
                    "(check that the documents hold text, and loosen stop words or the token pattern)");
  CHECK_THROWS_AS(plansim::vectorize(std::vector<std::string>{}, plansim_test::whitespace_analyzer{},
                                     plansim::tf_idf::sklearn()),
                  plansim::data_error);
}

TEST_CASE("vectorize by hand: one document, one repeated term", "[weighting][vectorize]") {
  // N = 2, "a" in both (idf = ln(3/3) + 1 = 1), "b" twice in d1 (idf = ln(3/2) + 1); L2 rows.
  const auto v = plansim::vectorize(std::vector<std::string>{"a", "a b b"}, plansim_test::whitespace_analyzer{},
                                    plansim::tf_idf::sklearn());
  REQUIRE(v.vocabulary.terms() == std::vector<std::string>{"a", "b"});
  CHECK(v.weights.coeff(0, 0) == 1.0);
  CHECK(v.weights.coeff(0, 1) == 0.0);
  const double b = 2.0 * (std::log(1.5) + 1.0), norm = std::sqrt(1.0 + b * b);
  CHECK(v.weights.coeff(1, 0) == Approx(1.0 / norm).epsilon(1e-15));
  CHECK(v.weights.coeff(1, 1) == Approx(b / norm).epsilon(1e-15));
  CHECK(v.stats.document_frequency == std::vector<std::int64_t>{2, 1});
  CHECK(v.stats.corpus_frequency == std::vector<std::int64_t>{2, 2});
}

TEST_CASE("moving tf-idf vectors hands over the matrix's storage", "[weighting][vectorize]") {
  auto v = plansim::vectorize(std::vector<std::string>{"a b", "b c"}, plansim_test::whitespace_analyzer{},
                              plansim::tf_idf::sklearn());
  const double* values = v.weights.valuePtr();
  plansim::tf_idf_vectors<double> moved(std::move(v));
  CHECK(moved.weights.valuePtr() == values);
  plansim::tf_idf_vectors<double> assigned;
  assigned = std::move(moved);
  CHECK(assigned.weights.valuePtr() == values);
  CHECK(assigned.weights.nonZeros() == 4);
  CHECK(assigned.vocabulary.size() == 3);
}

TEST_CASE("vectorize's in-place path grows its index array and keeps wide counts", "[weighting][vectorize]") {
  // One worker counts straight into the output's index array, reserved with a guess: here a
  // tiny one, so that it grows many times while chunks are counted, and documents repeating a
  // term 300 times make chunks wide (two words a pair) among packed ones. Two threads take the
  // arena path; both must equal count_terms then weigh, bit for bit.
  auto docs = random_corpus();
  for (std::size_t d = 5; d < docs.size(); d += 97) {
    std::string repeated;
    for (int r = 0; r < 300; ++r) repeated += "t7 ";
    docs[d] += repeated + "t9";
  }
  const plansim_test::whitespace_analyzer analyzer;
  for (const auto& scheme : {plansim::tf_idf::sklearn(),
                             plansim::tf_idf{.tf = plansim::tf_scheme::augmented}}) {
    for (const std::size_t chunk : {3u, 64u}) {
      const auto counts = plansim::count_terms(docs, analyzer, {.chunk_documents = chunk});
      const auto expected = plansim::weigh<double>(counts.counts, counts.stats, scheme);
      for (const std::size_t initial : {0u, 1u, 100u}) {
        const auto got = plansim::detail::vectorize_reserving<double>(docs, analyzer, scheme,
                                                                      {.threads = 1, .chunk_documents = chunk}, initial);
        check_same(got, counts, expected);
      }
      check_same(plansim::vectorize(docs, analyzer, scheme, {.threads = 2, .chunk_documents = chunk}), counts, expected);
      check_same(plansim::vectorize(docs, analyzer, scheme, {.threads = 1, .chunk_documents = chunk}), counts, expected);
    }
  }
}
