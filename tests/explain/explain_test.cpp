#include <plansim/corpus.hpp>
#include <plansim/explain.hpp>
#include <plansim/matrix.hpp>
#include <plansim/text.hpp>
#include <plansim/weighting.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "test_analyzers.hpp"

namespace {

using plansim::keyness_table;

// Whitespace-separated documents counted with the whitespace analyzer.
plansim::term_counts count(const std::vector<std::string>& texts) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  return plansim::count_terms(views, plansim_test::whitespace_analyzer{});
}

plansim::term_id id_of(const plansim::term_counts& c, std::string_view term) {
  const auto id = c.vocabulary.find(term);
  REQUIRE(id.has_value());
  return *id;
}

}  // namespace

TEST_CASE("keyness statistics agree with SciPy's chi2_contingency", "[explain]") {
  std::ifstream in(PLANSIM_TEST_DATA_DIR "/explain/keyness_fixture.txt");
  REQUIRE(in);
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    double a, b, c, d, g2, yates, plain;
    fields >> a >> b >> c >> d >> g2 >> yates >> plain;
    const keyness_table t{a, b, c, d};
    const double sign = a * d > b * c ? 1.0 : (a * d < b * c ? -1.0 : 0.0);
    CAPTURE(line);
    CHECK_THAT(plansim::log_likelihood_g2(t), Catch::Matchers::WithinRel(sign * g2, 1e-9) || Catch::Matchers::WithinAbs(0, 1e-12));
    CHECK_THAT(plansim::chi_squared(t, true), Catch::Matchers::WithinRel(sign * yates, 1e-9) || Catch::Matchers::WithinAbs(0, 1e-12));
    CHECK_THAT(plansim::chi_squared(t, false), Catch::Matchers::WithinRel(sign * plain, 1e-9) || Catch::Matchers::WithinAbs(0, 1e-12));
    ++checked;
  }
  CHECK(checked == 20);
}

TEST_CASE("keyness statistics are signed by over- or under-use", "[explain]") {
  CHECK(plansim::log_likelihood_g2({10, 5, 100, 1000}) > 0);
  CHECK(plansim::log_likelihood_g2({1, 50, 100, 1000}) < 0);
  CHECK(plansim::chi_squared({1, 50, 100, 1000}, false) < 0);
  CHECK(plansim::log_odds_z({1, 50, 100, 1000}, 1.0, 10.0) < 0);
  // Never occurring, or an empty side: no evidence either way.
  CHECK(plansim::log_likelihood_g2({0, 0, 100, 1000}) == 0);
  CHECK(plansim::log_likelihood_g2({3, 0, 100, 0}) == 0);
  CHECK(plansim::chi_squared({0, 0, 100, 1000}) == 0);
}

TEST_CASE("weighted log-odds matches a hand-worked value", "[explain]") {
  // δ = ln(11 / 99) - ln(6 / 204) = 1.329136; σ = sqrt(1/11 + 1/6) = 0.507519; z = 2.618888.
  CHECK_THAT(plansim::log_odds_z({10, 5, 100, 200}, 1.0, 10.0), Catch::Matchers::WithinRel(2.6188879114797996, 1e-12));
}

TEST_CASE("cluster_terms counts members, other documents and documents using each term", "[explain]") {
  // Cluster 0: documents 0 and 1 share "housing"; document 1 alone repeats "parking" many times.
  // Cluster 1: documents 2 and 3 share "digital".
  const auto c = count({"housing housing budget council", "housing parking parking parking parking parking council",
                        "digital data council", "digital digital data budget council"});
  const std::vector<int> labels{0, 0, 1, 1};
  const auto terms = plansim::cluster_terms(c.counts, labels, {.top = 10});
  REQUIRE(terms.size() == 2);

  // "parking" is the most over-used term of cluster 0 by count, but one document uses it: it is
  // left out. "housing" is used by both members.
  REQUIRE_FALSE(terms[0].empty());
  CHECK(terms[0][0].term == id_of(c, "housing"));
  CHECK(terms[0][0].count == 3);
  CHECK(terms[0][0].documents_using == 2);
  CHECK(terms[0][0].other_count == 0);
  for (const auto& s : terms[0]) CHECK(s.term != id_of(c, "parking"));
  // "council" is relatively rarer in cluster 0 (2 of 11 tokens against 2 of 8): not listed.
  for (const auto& s : terms[0]) CHECK(s.term != id_of(c, "council"));

  // Cluster 1: "council" is relatively more frequent there (2 of 8 tokens) and used by both.
  REQUIRE(terms[1].size() == 3);
  CHECK(terms[1][0].term == id_of(c, "digital"));
  CHECK(terms[1][0].count == 3);
  CHECK(terms[1][1].term == id_of(c, "data"));
  CHECK(terms[1][2].term == id_of(c, "council"));

  // With min_documents = 1, the long document's pet term comes first.
  const auto loose = plansim::cluster_terms(c.counts, labels, {.min_documents = 1});
  CHECK(loose[0][0].term == id_of(c, "parking"));
  CHECK(loose[0][0].documents_using == 1);
  CHECK(loose[0][0].count == 5);
}

TEST_CASE("cluster_terms scores agree with a naive computation for every measure", "[explain]") {
  std::mt19937_64 rng(7);
  std::vector<std::string> texts;
  for (std::size_t d = 0; d < 30; ++d) {
    std::string t;
    const auto n = 5 + rng() % 40;
    for (std::size_t i = 0; i < n; ++i) t += "w" + std::to_string(rng() % (5 + (d % 3) * 7)) + " ";
    texts.push_back(t);
  }
  const auto c = count(texts);
  std::vector<int> labels;
  for (int d = 0; d < 30; ++d) labels.push_back(d % 3);
  const auto label_of = [&](Eigen::Index d) { return labels[static_cast<std::size_t>(d)]; };
  const auto dense = Eigen::MatrixXd(c.counts.cast<double>());

  for (const auto measure : {plansim::term_measure::ctfidf, plansim::term_measure::log_likelihood,
                             plansim::term_measure::chi_squared, plansim::term_measure::log_odds}) {
    const auto terms = plansim::cluster_terms(c.counts, labels, {.measure = measure, .top = 1000, .min_documents = 1, .prior_scale = 0.5});
    const double all = dense.sum();
    for (std::size_t k = 0; k < 3; ++k) {
      const int cluster = static_cast<int>(k);
      double in_tokens = 0;
      for (Eigen::Index d = 0; d < 30; ++d) in_tokens += label_of(d) == cluster ? dense.row(d).sum() : 0;
      std::vector<std::pair<double, plansim::term_id>> expected;
      for (Eigen::Index t = 0; t < dense.cols(); ++t) {
        double a = 0, b = 0;
        for (Eigen::Index d = 0; d < 30; ++d) (label_of(d) == cluster ? a : b) += dense(d, t);
        if (a == 0) continue;
        const keyness_table table{a, b, in_tokens, all - in_tokens};
        double score = 0;
        switch (measure) {
          case plansim::term_measure::ctfidf: score = a / in_tokens * std::log(1 + (all / 3) / (a + b)); break;
          case plansim::term_measure::log_likelihood: score = plansim::log_likelihood_g2(table); break;
          case plansim::term_measure::chi_squared: score = plansim::chi_squared(table); break;
          case plansim::term_measure::log_odds: score = plansim::log_odds_z(table, 0.5 * (a + b), 0.5 * all); break;
        }
        if (score > 0) expected.emplace_back(score, static_cast<plansim::term_id>(t));
      }
      std::sort(expected.begin(), expected.end(), [](auto x, auto y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
      REQUIRE(terms[k].size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(terms[k][i].term == expected[i].second);
        CHECK_THAT(terms[k][i].score, Catch::Matchers::WithinRel(expected[i].first, 1e-12));
      }
    }
  }
}

TEST_CASE("class-based tf-idf matches a hand-worked value", "[explain]") {
  // Cluster 0 has 4 tokens, cluster 1 has 6; mean 5. "a": 2 of cluster 0's tokens, 3 in all:
  // score = 2/4 · ln(1 + 5/3).
  const auto c = count({"a a b", "c", "a b b", "c c d"});
  const auto terms = plansim::cluster_terms(c.counts, std::vector<int>{0, 0, 1, 1},
                                            {.measure = plansim::term_measure::ctfidf, .min_documents = 1});
  REQUIRE_FALSE(terms[0].empty());
  const auto a = std::find_if(terms[0].begin(), terms[0].end(), [&](const auto& s) { return s.term == id_of(c, "a"); });
  REQUIRE(a != terms[0].end());
  CHECK_THAT(a->score, Catch::Matchers::WithinRel(0.5 * std::log(1 + 5.0 / 3.0), 1e-14));
}

TEST_CASE("cluster_terms rejects bad labels and priors by name", "[explain]") {
  const auto c = count({"a b", "b c"});
  try {
    (void)plansim::cluster_terms(c.counts, std::vector<int>{0});
    FAIL("expected an error");
  } catch (const plansim::dimension_mismatch& e) {
    CHECK(std::string(e.what()) ==
          "[plansim.explain.1] cluster_terms: 1 labels for 2 documents (give one cluster label per document (matrix row))");
  }
  try {
    (void)plansim::cluster_terms(c.counts, std::vector<int>{0, -1});
    FAIL("expected an error");
  } catch (const plansim::invalid_argument& e) {
    CHECK(std::string(e.what()) == "[plansim.explain.2] cluster_terms: document 1 has label -1 (labels are cluster numbers 0..k-1)");
  }
  CHECK_THROWS_AS(plansim::cluster_terms(c.counts, std::vector<int>{0, 1}, {.measure = plansim::term_measure::log_odds, .prior_scale = 0}),
                  plansim::invalid_argument);
  // A label with no documents gives an empty list, not an error.
  const auto gap = plansim::cluster_terms(c.counts, std::vector<int>{0, 2}, {.min_documents = 1});
  REQUIRE(gap.size() == 3);
  CHECK(gap[1].empty());
}

TEMPLATE_TEST_CASE("representatives agree with naive mean pairwise cosine", "[explain]", float, double) {
  std::mt19937_64 rng(11);
  const int n = 40, terms = 25;
  Eigen::Matrix<TestType, Eigen::Dynamic, Eigen::Dynamic> dense = Eigen::Matrix<TestType, Eigen::Dynamic, Eigen::Dynamic>::Zero(n, terms);
  for (int i = 0; i < n; ++i)
    for (int t = 0; t < terms; ++t)
      if (rng() % 4 == 0) dense(i, t) = static_cast<TestType>(1 + rng() % 9);
  dense.row(5).setZero();  // a zero row is similar to nothing
  std::vector<int> labels;
  for (int i = 0; i < n; ++i) labels.push_back(static_cast<int>(rng() % 4));
  labels[39] = 4;  // a cluster of one
  const Eigen::SparseMatrix<TestType, Eigen::RowMajor> sparse = dense.sparseView();

  const auto fast = plansim::representatives(sparse, labels, 100);
  const auto fast_dense = plansim::representatives(dense, labels, 100);
  REQUIRE(fast.size() == 5);
  for (std::size_t k = 0; k < fast.size(); ++k) {
    std::vector<plansim::representative> naive;
    for (int i = 0; i < n; ++i) {
      if (labels[static_cast<std::size_t>(i)] != static_cast<int>(k)) continue;
      double sum = 0;
      int others = 0;
      for (int j = 0; j < n; ++j) {
        if (j == i || labels[static_cast<std::size_t>(j)] != static_cast<int>(k)) continue;
        ++others;
        const double ni = dense.row(i).template cast<double>().norm(), nj = dense.row(j).template cast<double>().norm();
        if (ni > 0 && nj > 0) sum += dense.row(i).template cast<double>().dot(dense.row(j).template cast<double>()) / (ni * nj);
      }
      naive.push_back({static_cast<std::size_t>(i), others == 0 ? 1.0 : sum / others});
    }
    REQUIRE(fast[k].size() == naive.size());
    // Same members; each typicality agrees with the naive mean.
    for (const auto& r : fast[k]) {
      const auto it = std::find_if(naive.begin(), naive.end(), [&](const auto& x) { return x.document == r.document; });
      REQUIRE(it != naive.end());
      CHECK_THAT(r.typicality, Catch::Matchers::WithinAbs(it->typicality, 1e-5));
    }
    for (std::size_t i = 1; i < fast[k].size(); ++i) CHECK(fast[k][i - 1].typicality >= fast[k][i].typicality);
    REQUIRE(fast_dense[k].size() == fast[k].size());
    CHECK(fast_dense[k][0].document == fast[k][0].document);
  }
  CHECK(fast[4].size() == 1);
  CHECK(fast[4][0].typicality == 1.0);
  const auto m = plansim::medoids(sparse, labels);
  for (std::size_t k = 0; k < m.size(); ++k) CHECK(m[k] == fast[k][0].document);
}

TEST_CASE("evidence passages spread over member documents and quote exact offsets", "[explain]") {
  const auto docs = plansim::from_strings({"shared services save money.\n\nWe run a depot.\n\nshared services again, shared.",
                                           "Our shared services team.\n\nNothing here.", "Parking charges elsewhere."});
  const auto analyzer = plansim::text_analyzer(plansim::analyzer_options::sklearn());
  std::vector<std::string_view> texts;
  for (const auto& d : docs) texts.push_back(d.text);
  const auto c = plansim::count_terms(texts, analyzer);
  const std::vector<int> labels{0, 0, 1};
  const auto terms = plansim::cluster_terms(c.counts, labels, {.min_documents = 1});
  const auto paragraphs = plansim::split_paragraphs(docs);
  const auto evidence = plansim::evidence_passages(docs, paragraphs, analyzer, c.vocabulary, labels, terms, {.per_term = 2});
  REQUIRE(evidence.size() == 2);
  const auto shared = id_of(c, "shared");
  const auto it = std::find_if(evidence[0].begin(), evidence[0].end(), [&](const auto& e) { return e.term == shared; });
  REQUIRE(it != evidence[0].end());
  REQUIRE(it->passages.size() == 2);
  // Document a's best passage (two uses) first, then document b's before a's second passage.
  CHECK(it->passages[0].span.document == 0);
  CHECK(it->passages[0].occurrences == 2);
  CHECK(plansim::text_of(docs, it->passages[0].span) == "shared services again, shared.");
  CHECK(it->passages[1].span.document == 1);
  CHECK(plansim::text_of(docs, it->passages[1].span) == "Our shared services team.");
  // Evidence never comes from another cluster's documents.
  for (const auto& list : evidence[0])
    for (const auto& p : list.passages) CHECK(labels[p.span.document] == 0);
}

TEST_CASE("explaining two groups of the sample plans", "[explain][sample]") {
  plansim::folder_options read_options;
  read_options.markdown = plansim::markdown_mode::always;
  auto docs = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, read_options);
  REQUIRE(docs.size() == 5);
  const auto analyzer = plansim::text_analyzer(plansim::analyzer_options::english());
  std::vector<std::string_view> texts;
  for (const auto& d : docs) texts.push_back(d.text);
  const auto c = plansim::count_terms(texts, analyzer);
  // London boroughs (havering, waltham-forest) against the rest.
  std::vector<int> labels;
  for (const auto& d : docs) labels.push_back(d.name == "havering.txt" || d.name == "waltham-forest.txt" ? 0 : 1);
  const auto terms = plansim::cluster_terms(c.counts, labels, {.top = 8});
  const auto paragraphs = plansim::split_paragraphs(docs);
  const auto evidence = plansim::evidence_passages(docs, paragraphs, analyzer, c.vocabulary, labels, terms);
  for (std::size_t k = 0; k < 2; ++k) {
    REQUIRE(terms[k].size() == 8);
    for (std::size_t i = 0; i < terms[k].size(); ++i) {
      CHECK(terms[k][i].documents_using >= 2);
      REQUIRE_FALSE(evidence[k][i].passages.empty());
      for (const auto& p : evidence[k][i].passages) {
        CHECK(labels[p.span.document] == static_cast<int>(k));
        CHECK(p.occurrences > 0);
      }
    }
  }
  // "london" characterises the London boroughs.
  const auto london = c.vocabulary.find("london");
  REQUIRE(london.has_value());
  CHECK(std::any_of(terms[0].begin(), terms[0].end(), [&](const auto& s) { return s.term == *london; }));
}
