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

// Hand-worked corpus: N = 3; terms a, b, c with df 2, 1, 3.
//   d0 = "a a b c"   d1 = "a c"   d2 = "c c c"
const plansim::term_counts& corpus() {
  static const auto counts =
      plansim::count_terms(std::vector<std::string>{"a a b c", "a c", "c c c"}, plansim_test::whitespace_analyzer{});
  return counts;
}

template <class Matrix>
double at(const Matrix& m, Eigen::Index r, Eigen::Index c) {
  return static_cast<double>(m.coeff(r, c));
}

}  // namespace

TEST_CASE("idf formulas by hand", "[weighting][idf]") {
  const auto& stats = corpus().stats;
  using plansim::idf_kind;
  const auto smooth = plansim::idf_weights(stats, {});
  CHECK(smooth[0] == Catch::Approx(std::log(4.0 / 3.0) + 1));
  CHECK(smooth[1] == Catch::Approx(std::log(4.0 / 2.0) + 1));
  CHECK(smooth[2] == Catch::Approx(1.0));
  const auto quanteda = plansim::idf_weights(stats, {idf_kind::inverse, 10.0, 0.0});
  CHECK(quanteda[0] == Catch::Approx(std::log10(1.5)));
  CHECK(quanteda[2] == 0.0);  // in every document: weight 0, as quanteda
  const auto gensim = plansim::idf_weights(stats, {idf_kind::inverse, 2.0, 0.0});
  CHECK(gensim[1] == Catch::Approx(std::log2(3.0)));
  const auto prob = plansim::idf_weights(stats, {idf_kind::probabilistic, 10.0, 0.0});
  CHECK(prob[0] == 0.0);  // log10((3-2)/2) < 0 is clamped
  CHECK(prob[1] == Catch::Approx(std::log10(2.0)));
  CHECK(plansim::idf_weights(stats, {idf_kind::none, 2.0, 0.0}) == std::vector<double>{1, 1, 1});
  CHECK_THROWS_AS(plansim::idf_weights(stats, {idf_kind::inverse, 1.0, 0.0}), plansim::invalid_argument);
}

TEMPLATE_TEST_CASE("tf-idf presets by hand", "[weighting][tfidf]", float, double) {
  const auto& c = corpus();
  const double tol = std::is_same_v<TestType, float> ? 1e-6 : 1e-12;

  const auto q = plansim::weigh<TestType>(c.counts, c.stats, plansim::tf_idf::quanteda());
  CHECK(at(q, 0, 0) == Catch::Approx(2 * std::log10(1.5)).epsilon(tol));
  CHECK(at(q, 0, 1) == Catch::Approx(std::log10(3.0)).epsilon(tol));
  CHECK(at(q, 2, 2) == 0.0);

  const auto g = plansim::weigh<TestType>(c.counts, c.stats, plansim::tf_idf::gensim());
  const double a = 2 * std::log2(1.5), b = std::log2(3.0);
  CHECK(at(g, 0, 0) == Catch::Approx(a / std::hypot(a, b)).epsilon(tol));
  CHECK(at(g, 0, 1) == Catch::Approx(b / std::hypot(a, b)).epsilon(tol));
  CHECK(at(g, 2, 2) == 0.0);  // the row is all zeros and stays so: no NaN

  const auto s = plansim::weigh<TestType>(c.counts, c.stats, plansim::tf_idf::sklearn());
  const double sa = 2 * (std::log(4.0 / 3) + 1), sb = std::log(2.0) + 1, sc = 1.0;
  const double n0 = std::sqrt(sa * sa + sb * sb + sc * sc);
  CHECK(at(s, 0, 0) == Catch::Approx(sa / n0).epsilon(tol));
  CHECK(at(s, 0, 2) == Catch::Approx(sc / n0).epsilon(tol));
  CHECK(at(s, 2, 2) == Catch::Approx(1.0).epsilon(tol));
}

TEST_CASE("tf schemes by hand", "[weighting][tf]") {
  const auto& c = corpus();
  const plansim::idf none{plansim::idf_kind::none, 2.0, 0.0};
  const auto log = plansim::weigh(c.counts, c.stats, {plansim::tf_scheme::log, none, plansim::norm::none});
  CHECK(at(log, 2, 2) == Catch::Approx(1 + std::log(3.0)));
  CHECK(at(log, 0, 1) == 1.0);
  const auto binary = plansim::weigh(c.counts, c.stats, {plansim::tf_scheme::binary, none, plansim::norm::none});
  CHECK(at(binary, 0, 0) == 1.0);
  const auto aug = plansim::weigh(c.counts, c.stats, {plansim::tf_scheme::augmented, none, plansim::norm::none});
  CHECK(at(aug, 0, 0) == 1.0);
  CHECK(at(aug, 0, 1) == Catch::Approx(0.75));
  const auto l1 = plansim::weigh(c.counts, c.stats, {plansim::tf_scheme::raw, none, plansim::norm::l1});
  CHECK(at(l1, 0, 0) == Catch::Approx(0.5));
  CHECK(at(l1, 1, 2) == Catch::Approx(0.5));
}

TEST_CASE("BM25 by hand, and its parameter checks", "[weighting][bm25]") {
  const auto& c = corpus();
  const auto w = plansim::weigh(c.counts, c.stats, plansim::bm25{.k1 = 1.2, .b = 0.75, .normalization = plansim::norm::none});
  const double avgdl = 3.0;
  auto expected = [&](double tf, double df, double dl) {
    const double idf = std::log(1 + (3 - df + 0.5) / (df + 0.5));
    return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl));
  };
  CHECK(at(w, 0, 0) == Catch::Approx(expected(2, 2, 4)));
  CHECK(at(w, 1, 2) == Catch::Approx(expected(1, 3, 2)));
  CHECK(at(w, 2, 2) == Catch::Approx(expected(3, 3, 3)));
  CHECK(at(w, 2, 2) > 0.0);  // Lucene's idf never goes negative

  CHECK_THROWS_WITH(plansim::weigh(c.counts, c.stats, plansim::bm25{.k1 = -1}),
                    "[plansim.weighting.3] bm25: k1 = -1, b = 0.75 are out of range "
                    "(use k1 >= 0 (typically 1.2 to 2) and b in [0, 1] (typically 0.75))");
  CHECK_THROWS_AS(plansim::weigh(c.counts, c.stats, plansim::bm25{.b = 1.5}), plansim::invalid_argument);
}

TEST_CASE("weighting with statistics of another vocabulary is a clear error", "[weighting][errors]") {
  const auto& c = corpus();
  plansim::corpus_stats other = c.stats;
  other.document_frequency.pop_back();
  CHECK_THROWS_AS(plansim::weigh(c.counts, other, plansim::tf_idf{}), plansim::dimension_mismatch);
}

namespace {

// The two-pass definition weigh() fuses: every count weighted, then normalize_rows.
template <class Scalar>
plansim::weight_matrix<Scalar> two_pass(const plansim::term_counts& c, const plansim::tf_idf& scheme) {
  const auto idf_of = plansim::idf_weights(c.stats, scheme.idf);
  plansim::weight_matrix<Scalar> out = c.counts.cast<Scalar>();
  for (Eigen::Index r = 0; r < c.counts.outerSize(); ++r) {
    double max_tf = 0.0;
    for (plansim::count_matrix::InnerIterator it(c.counts, r); it; ++it)
      max_tf = std::max(max_tf, static_cast<double>(it.value()));
    typename plansim::weight_matrix<Scalar>::InnerIterator o(out, r);
    for (plansim::count_matrix::InnerIterator it(c.counts, r); it; ++it, ++o)
      o.valueRef() = static_cast<Scalar>(plansim::tf_weight(scheme.tf, static_cast<double>(it.value()), max_tf) *
                                         idf_of[static_cast<std::size_t>(it.col())]);
  }
  plansim::normalize_rows(out, scheme.normalization);
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("weigh fuses weighting and normalisation bit-identically, for any thread count",
                   "[weighting][tfidf][threads]", float, double) {
  // ~700 documents (several row blocks) of random words, some rows empty.
  std::vector<std::string> docs;
  std::uint64_t state = 12345;
  const auto next = [&] { return (state = state * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
  for (int d = 0; d < 700; ++d) {
    std::string text;
    const auto words = next() % 40;
    for (std::uint64_t w = 0; w < words; ++w) text += "w" + std::to_string(next() % 300) + ' ';
    docs.push_back(text);
  }
  docs.push_back("x");
  const auto counts = plansim::count_terms(docs, plansim_test::whitespace_analyzer{});
  for (const auto tf : {plansim::tf_scheme::raw, plansim::tf_scheme::log, plansim::tf_scheme::augmented,
                        plansim::tf_scheme::binary}) {
    for (const auto n : {plansim::norm::none, plansim::norm::l1, plansim::norm::l2}) {
      plansim::tf_idf scheme;
      scheme.tf = tf;
      scheme.normalization = n;
      const auto expected = two_pass<TestType>(counts, scheme);
      for (const std::size_t threads : {1u, 3u}) {
        const auto got = plansim::weigh<TestType>(counts.counts, counts.stats, scheme, {.threads = threads});
        REQUIRE(got.nonZeros() == expected.nonZeros());
        CHECK(std::equal(got.outerIndexPtr(), got.outerIndexPtr() + got.outerSize() + 1, expected.outerIndexPtr()));
        CHECK(std::equal(got.innerIndexPtr(), got.innerIndexPtr() + got.nonZeros(), expected.innerIndexPtr()));
        CHECK(std::memcmp(got.valuePtr(), expected.valuePtr(), sizeof(TestType) * static_cast<std::size_t>(got.nonZeros())) == 0);
      }
    }
  }
}
