#include <plansim/similarity.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "catch.hpp"
#include "similarity/similarity_fixtures.hpp"

using plansim::measure;
using namespace plansim_test;

namespace {

// Configurations that exercise every path: the defaults (purely sparse here: dense_min_df is
// above the frequent columns' share only when forced), tiny blocks, and the dense switch.
std::vector<plansim::kernel_config> configs() {
  plansim::kernel_config defaults;
  plansim::kernel_config tiny{.query_block = 3, .doc_block = 7, .tile_docs = 5, .dense_terms = 0};
  plansim::kernel_config hybrid{.query_block = 4, .doc_block = 16, .tile_docs = 9, .dense_terms = 3, .dense_min_df = 0.0};
  plansim::kernel_config no_prune{.dense_terms = 0, .prune = plansim::pruning::off};
  plansim::kernel_config pruned{.query_block = 5, .doc_block = 11, .prune = plansim::pruning::always};
  return {defaults, tiny, hybrid, no_prune, pruned};
}

}  // namespace

TEMPLATE_TEST_CASE("sparse top-k matches the naive reference for every measure", "[similarity][sparse]", float, double) {
  const auto x = random_sparse<TestType>(37, 23, 0.15, 11);
  const auto q = random_sparse<TestType>(9, 23, 0.2, 12);
  const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q);
  for (const measure m : all_measures()) {
    INFO("measure " << plansim::measure_name(m));
    const Eigen::MatrixXd self = plansim::naive_pairwise(xr, xr, m);
    const Eigen::MatrixXd cross = plansim::naive_pairwise(qr, xr, m);
    for (const auto& config : configs()) {
      INFO("query_block " << config.query_block << " doc_block " << config.doc_block << " dense_terms " << config.dense_terms);
      for (const Eigen::Index k : {1, 4, 40}) {
        const plansim::similarity_options options{.measure = m, .kernel = config};
        check_top_k(plansim::top_k(x, k, options), plansim::naive_top_k<TestType>(self, m, k, true), self, m,
                    tolerance<TestType>(m));
        check_top_k(plansim::top_k(q, x, k, options), plansim::naive_top_k<TestType>(cross, m, k, false), cross, m,
                    tolerance<TestType>(m));
      }
    }
  }
}

TEMPLATE_TEST_CASE("signed weights: negative products rank below untouched documents", "[similarity][sparse]", float,
                   double) {
  // With signed weights a touched document can score below the untouched ones (score 0), and a
  // product can cancel to exactly 0: top-k must still merge them in (score, id) order.
  const auto x = random_sparse<TestType>(31, 40, 0.05, 111, 2, true);
  const auto q = random_sparse<TestType>(6, 40, 0.08, 112, 2, true);
  const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q);
  for (const measure m : {measure::cosine, measure::dot, measure::pearson, measure::euclidean, measure::tanimoto}) {
    INFO("measure " << plansim::measure_name(m));
    const Eigen::MatrixXd self = plansim::naive_pairwise(xr, xr, m);
    const Eigen::MatrixXd cross = plansim::naive_pairwise(qr, xr, m);
    for (const auto& config : configs())
      for (const Eigen::Index k : {3, 29}) {
        const plansim::similarity_options options{.measure = m, .kernel = config};
        check_top_k(plansim::top_k(x, k, options), plansim::naive_top_k<TestType>(self, m, k, true), self, m,
                    tolerance<TestType>(m));
        check_top_k(plansim::top_k(q, x, k, options), plansim::naive_top_k<TestType>(cross, m, k, false), cross, m,
                    tolerance<TestType>(m));
      }
  }
}

TEMPLATE_TEST_CASE("sparse threshold matches filtering the full matrix", "[similarity][sparse]", float, double) {
  const auto x = random_sparse<TestType>(41, 19, 0.2, 21);
  const auto q = random_sparse<TestType>(8, 19, 0.25, 22);
  const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q);
  for (const measure m : all_measures()) {
    INFO("measure " << plansim::measure_name(m));
    const Eigen::MatrixXd self = plansim::naive_pairwise(xr, xr, m);
    const Eigen::MatrixXd cross = plansim::naive_pairwise(qr, xr, m);
    const std::vector<double> ts = m == measure::dot ? std::vector<double>{-1.0, 0.5, 1.5}
                                   : m == measure::euclidean ? std::vector<double>{0.0, 0.9, 1.6}
                                   : m == measure::pearson ? std::vector<double>{-0.2, 0.3}
                                                            : std::vector<double>{0.0, 0.3, 0.6, 1.0};
    for (const double t : ts)
      for (const auto& config : configs()) {
        INFO("t " << t << " query_block " << config.query_block << " dense_terms " << config.dense_terms << " prune "
                  << static_cast<int>(config.prune));
        const plansim::similarity_options options{.measure = m, .kernel = config};
        check_pairs(plansim::threshold(x, t, options), plansim::naive_threshold<TestType>(self, m, t, true), self, t,
                    tolerance<TestType>(m));
        check_pairs(plansim::threshold(q, x, t, options), plansim::naive_threshold<TestType>(cross, m, t, false), cross, t,
                    tolerance<TestType>(m));
      }
  }
}

TEMPLATE_TEST_CASE("sparse results are bit-identical for 1, 2 and 7 threads", "[similarity][sparse][threads]", float,
                   double) {
  const auto x = random_sparse<TestType>(120, 40, 0.1, 31);
  for (const auto& base : configs())
    for (const measure m : {measure::cosine, measure::pearson, measure::hellinger}) {
      auto with = [&](std::size_t threads) {
        plansim::similarity_options options{.measure = m, .kernel = base};
        options.kernel.threads = threads;
        options.kernel.query_block = 8;
        return options;
      };
      const auto one = plansim::top_k(x, 6, with(1));
      const auto pairs = plansim::threshold(x, m == measure::hellinger ? 0.7 : 0.4, with(1));
      for (const std::size_t threads : {2u, 7u}) {
        const auto many = plansim::top_k(x, 6, with(threads));
        REQUIRE(many.entries().size() == one.entries().size());
        CHECK(many.offsets() == one.offsets());
        CHECK(same_bits(many.entries(), one.entries()));
        const auto many_pairs = plansim::threshold(x, m == measure::hellinger ? 0.7 : 0.4, with(threads));
        REQUIRE(many_pairs.size() == pairs.size());
        CHECK(same_bits(many_pairs, pairs));
      }
    }
}

TEMPLATE_TEST_CASE("the dense switch and pruning change rounding only", "[similarity][sparse]", float, double) {
  const auto x = random_sparse<TestType>(90, 30, 0.12, 41, 6);
  const plansim::similarity_options sparse_only{.kernel = {.dense_terms = 0, .prune = plansim::pruning::off}};
  const plansim::similarity_options switched{.kernel = {.dense_terms = 6, .dense_min_df = 0.3, .prune = plansim::pruning::off}};
  const plansim::similarity_options pruned{.kernel = {.dense_terms = 0, .prune = plansim::pruning::always}};
  const auto a = plansim::top_k(x, 5, sparse_only);
  const auto b = plansim::top_k(x, 5, switched);
  REQUIRE(a.entries().size() == b.entries().size());
  for (std::size_t e = 0; e < a.entries().size(); ++e) {
    CHECK(a.entries()[e].id == b.entries()[e].id);
    CHECK(static_cast<double>(a.entries()[e].score) ==
          Catch::Approx(static_cast<double>(b.entries()[e].score)).margin(tolerance<TestType>(measure::cosine)));
  }
  const auto pa = plansim::threshold(x, 0.45, sparse_only);
  const auto pb = plansim::threshold(x, 0.45, switched);
  const auto pc = plansim::threshold(x, 0.45, pruned);
  REQUIRE(pa.size() == pb.size());
  REQUIRE(pa.size() == pc.size());
  for (std::size_t e = 0; e < pa.size(); ++e) {
    CHECK((pa[e].i == pb[e].i && pa[e].j == pb[e].j && pa[e].i == pc[e].i && pa[e].j == pc[e].j));
    CHECK(static_cast<double>(pa[e].score) ==
          Catch::Approx(static_cast<double>(pc[e].score)).margin(tolerance<TestType>(measure::cosine)));
  }
}

TEMPLATE_TEST_CASE("exact ties are ordered by document id", "[similarity][sparse]", float, double) {
  // Rows 4..7 are copies: each one's nearest others are the other copies, tied at score 1,
  // listed by id.
  const auto x = random_sparse<TestType>(30, 25, 0.15, 51, 0);
  for (const auto& config : configs()) {
    const auto nn = plansim::top_k(x, 3, {.kernel = config});
    const auto row5 = nn[5];
    REQUIRE(row5.size() == 3);
    CHECK(row5[0].id == 4);
    CHECK(row5[1].id == 6);
    CHECK(row5[2].id == 7);
    CHECK(row5[0].score == row5[1].score);
    CHECK(row5[1].score == row5[2].score);
    // The empty row 1 ties at 0 with every document: its list is the first ids.
    const auto row1 = nn[1];
    REQUIRE(row1.size() == 3);
    CHECK(row1[0].id == 0);
    CHECK(row1[1].id == 2);
    CHECK(row1[2].id == 3);
    CHECK(row1[0].score == TestType(0));
  }
}

TEMPLATE_TEST_CASE("sparse edge cases", "[similarity][sparse]", float, double) {
  const auto x = random_sparse<TestType>(6, 5, 0.3, 61);
  SECTION("k >= N returns every other document, or every document") {
    const auto nn = plansim::top_k(x, 10);
    for (std::size_t i = 0; i < nn.size(); ++i) CHECK(nn[i].size() == 5);
    const auto with_self = plansim::top_k(x, 10, {.exclude_self = false});
    for (std::size_t i = 0; i < with_self.size(); ++i) CHECK(with_self[i].size() == 6);
  }
  SECTION("all-zero rows have cosine 0, never NaN") {
    const sparse<TestType> zeros(4, 3);
    const auto nn = plansim::top_k(zeros, 2);
    for (const auto& e : nn.entries()) CHECK(e.score == TestType(0));
    const auto full = plansim::pairwise(zeros);
    CHECK(full.isZero());
    CHECK(plansim::threshold(zeros, 0.1).empty());
  }
  SECTION("an empty matrix gives empty results") {
    const sparse<TestType> empty(0, 5);
    CHECK(plansim::top_k(empty, 3).size() == 0);
    CHECK(plansim::threshold(empty, 0.5).empty());
    CHECK(plansim::top_k(x, empty, 3).size() == 6);
    CHECK(plansim::top_k(x, empty, 3)[0].empty());
    CHECK(plansim::pairwise(empty).size() == 0);
  }
  SECTION("bad k and thresholds are errors") {
    CHECK_THROWS_WITH(plansim::top_k(x, 0), "[plansim.similarity.1] top_k: k = 0 is not positive (ask for at least one neighbour)");
    CHECK_THROWS_AS(plansim::top_k(x, -3), plansim::invalid_argument);
    CHECK_THROWS_WITH(plansim::threshold(x, std::nan("")), "[plansim.similarity.2] threshold: the threshold is NaN (give a number)");
    CHECK_THROWS_WITH(plansim::threshold(x, -0.5),
                      "[plansim.similarity.2] threshold: threshold -0.5 is outside [0, 1] for cosine (give a threshold in [0, 1])");
    CHECK_THROWS_WITH(plansim::threshold(x, 1.5),
                      "[plansim.similarity.2] threshold: threshold 1.5 is outside [0, 1] for cosine (give a threshold in [0, 1])");
    CHECK_THROWS_AS(plansim::threshold(x, -1.0, {.measure = measure::euclidean}), plansim::invalid_argument);
  }
  SECTION("queries and documents must share columns") {
    const auto q = random_sparse<TestType>(2, 4, 0.5, 62);
    CHECK_THROWS_AS(plansim::top_k(q, x, 2), plansim::dimension_mismatch);
    CHECK_THROWS_WITH(plansim::threshold(q, x, 0.5),
                      "[plansim.similarity.3] threshold: the queries have 4 columns but the documents have 5 (build "
                      "both matrices over the same vocabulary or embedding)");
    CHECK_THROWS_AS(plansim::pairwise(q, x), plansim::dimension_mismatch);
  }
  SECTION("Hellinger needs non-negative rows") {
    sparse<TestType> negative = x;
    negative.coeffRef(0, 0) = TestType(-1);
    CHECK_THROWS_WITH(plansim::top_k(negative, 2, {.measure = measure::hellinger}),
                      "[plansim.similarity.5] top_k: hellinger needs non-negative rows, but row 0 holds -1 (use counts or "
                      "probabilities)");
  }
  SECTION("a bad kernel configuration is an error") {
    CHECK_THROWS_WITH(plansim::top_k(x, 2, {.kernel = {.doc_block = 0}}),
                      "[plansim.similarity.6] top_k: kernel_config.doc_block is 0 (use a positive block size and a share "
                      "in [0, 1])");
  }
}

TEMPLATE_TEST_CASE("masks restrict the pairs", "[similarity][sparse][mask]", float, double) {
  const auto x = random_sparse<TestType>(33, 20, 0.2, 71);
  const auto q = random_sparse<TestType>(7, 20, 0.2, 72);
  const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q);
  std::vector<std::int64_t> region(33), query_region(7);
  for (std::size_t i = 0; i < region.size(); ++i) region[i] = static_cast<std::int64_t>(i % 3);
  for (std::size_t i = 0; i < query_region.size(); ++i) query_region[i] = static_cast<std::int64_t>(i % 2);
  std::vector<Eigen::Triplet<int>> allowed;
  for (int i = 0; i < 33; ++i)
    for (int j = 0; j < 33; ++j)
      if ((i * 7 + j * 3) % 5 == 0) allowed.emplace_back(i, j, 1);
  Eigen::SparseMatrix<int> pattern(33, 33);
  pattern.setFromTriplets(allowed.begin(), allowed.end());
  const auto same = plansim::group_mask::same(region);
  const auto different = plansim::group_mask::different(region);
  const auto cross = plansim::group_mask::same(query_region, region);
  const plansim::pattern_mask listed(pattern);
  for (const measure m : {measure::cosine, measure::euclidean, measure::jaccard}) {
    const Eigen::MatrixXd s = plansim::naive_pairwise(xr, xr, m);
    const Eigen::MatrixXd c = plansim::naive_pairwise(qr, xr, m);
    for (const auto& config : configs()) {
      const plansim::similarity_options options{.measure = m, .kernel = config};
      const double tol = tolerance<TestType>(m);
      check_top_k(plansim::top_k(x, 4, options, same), plansim::naive_top_k<TestType>(s, m, 4, true, same), s, m, tol);
      check_top_k(plansim::top_k(x, 4, options, different), plansim::naive_top_k<TestType>(s, m, 4, true, different), s, m, tol);
      check_top_k(plansim::top_k(x, 4, options, listed), plansim::naive_top_k<TestType>(s, m, 4, true, listed), s, m, tol);
      check_top_k(plansim::top_k(q, x, 4, options, cross), plansim::naive_top_k<TestType>(c, m, 4, false, cross), c, m, tol);
      const double t = m == measure::euclidean ? 1.5 : 0.3;
      check_pairs(plansim::threshold(x, t, options, same), plansim::naive_threshold<TestType>(s, m, t, true, same), s, t, tol);
      check_pairs(plansim::threshold(x, t, options, listed), plansim::naive_threshold<TestType>(s, m, t, true, listed), s, t, tol);
    }
  }
  // A masked-out row can hold fewer than k.
  const auto sparse_pattern = plansim::top_k(x, 30, {}, listed);
  for (std::size_t i = 0; i < sparse_pattern.size(); ++i) {
    std::size_t expected = 0;
    for (int j = 0; j < 33; ++j) expected += (static_cast<int>(i) != j && (static_cast<int>(i) * 7 + j * 3) % 5 == 0);
    CHECK(sparse_pattern[i].size() == expected);
  }
  CHECK_THROWS_WITH(plansim::top_k(x, 2, {}, plansim::group_mask::same({1, 2})),
                    "[plansim.similarity.4] top_k: the group mask has 2 query and 2 document labels for 33 queries and "
                    "33 documents (give one label per row)");
  CHECK_THROWS_AS(plansim::top_k(q, x, 2, {}, listed), plansim::dimension_mismatch);
}

TEST_CASE("a large sparse corpus never needs an N x N matrix", "[similarity][sparse][large]") {
  // N = 200,000 documents: N x N floats would be 160 GB. Each row holds 3 of 100,000 terms.
  const Eigen::Index n = 200000, terms = 100000;
  std::mt19937 rng(81);
  std::uniform_int_distribution<int> term(0, static_cast<int>(terms) - 1);
  std::uniform_real_distribution<float> weight(0.1f, 1.0f);
  sparse<float> x(n, terms);
  x.reserve(Eigen::VectorXi::Constant(n, 3));
  for (Eigen::Index r = 0; r < n; ++r) {
    std::set<int> cols;
    while (cols.size() < 3) cols.insert(term(rng));
    for (const int c : cols) x.insert(r, c) = weight(rng);
  }
  x.makeCompressed();
  const auto nn = plansim::top_k(x, 5, {.kernel = {.threads = 2}});
  REQUIRE(nn.size() == static_cast<std::size_t>(n));
  CHECK(nn.entries().size() == static_cast<std::size_t>(n) * 5);
  // Spot-check a few rows against a brute-force product with every document.
  Eigen::SparseMatrix<float, Eigen::RowMajor> unit = x;
  for (Eigen::Index r = 0; r < n; ++r) unit.row(r) /= unit.row(r).norm();
  for (const Eigen::Index r : {Eigen::Index{0}, Eigen::Index{12345}, n - 1}) {
    const Eigen::VectorXf scores = Eigen::VectorXf(unit * unit.row(r).transpose());
    std::vector<Eigen::Index> ids;
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != r) ids.push_back(j);
    std::partial_sort(ids.begin(), ids.begin() + 5, ids.end(), [&](auto a, auto b) {
      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    });
    const auto got = nn[static_cast<std::size_t>(r)];
    for (std::size_t e = 0; e < 5; ++e)
      CHECK(static_cast<double>(got[e].score) == Catch::Approx(static_cast<double>(scores[ids[e]])).margin(1e-5));
  }
  const auto pairs = plansim::threshold(x, 0.9, {.kernel = {.threads = 2}});
  for (const auto& p : pairs) CHECK(p.i < p.j);
  CHECK(pairs.size() < static_cast<std::size_t>(n) * 10);
}
