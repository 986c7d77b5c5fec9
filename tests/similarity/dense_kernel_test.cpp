#include <plansim/similarity.hpp>

#include <cstring>
#include <vector>

#include "catch.hpp"
#include "similarity/similarity_fixtures.hpp"

using plansim::measure;
using namespace plansim_test;

namespace {

std::vector<plansim::kernel_config> dense_configs() {
  return {plansim::kernel_config{}, plansim::kernel_config{.query_block = 3, .tile_docs = 5},
          plansim::kernel_config{.query_block = 16, .tile_docs = 7}};
}

}  // namespace

TEMPLATE_TEST_CASE("dense top-k and threshold match the naive reference", "[similarity][dense]", float, double) {
  for (const measure m : all_measures()) {
    INFO("measure " << plansim::measure_name(m));
    const bool non_negative = m == measure::hellinger || m == measure::jensen_shannon || m == measure::jaccard;
    const auto x = random_dense<TestType>(29, 6, 91, non_negative);
    const auto q = random_dense<TestType>(7, 6, 92, non_negative);
    const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q);
    const Eigen::MatrixXd self = plansim::naive_pairwise(xr, xr, m);
    const Eigen::MatrixXd cross = plansim::naive_pairwise(qr, xr, m);
    const double t = m == measure::dot ? 0.5 : m == measure::euclidean ? 0.8 : m == measure::pearson ? 0.2 : 0.4;
    for (const auto& config : dense_configs()) {
      const plansim::similarity_options options{.measure = m, .kernel = config};
      const double tol = tolerance<TestType>(m);
      for (const Eigen::Index k : {1, 5, 40}) {
        check_top_k(plansim::top_k(x, k, options), plansim::naive_top_k<TestType>(self, m, k, true), self, m, tol);
        check_top_k(plansim::top_k(q, x, k, options), plansim::naive_top_k<TestType>(cross, m, k, false), cross, m, tol);
      }
      check_pairs(plansim::threshold(x, t, options), plansim::naive_threshold<TestType>(self, m, t, true), self, t, tol);
      check_pairs(plansim::threshold(q, x, t, options), plansim::naive_threshold<TestType>(cross, m, t, false), cross, t, tol);
    }
  }
}

TEMPLATE_TEST_CASE("dense results are bit-identical for 1, 2 and 7 threads", "[similarity][dense][threads]", float,
                   double) {
  const auto x = random_dense<TestType>(150, 12, 93, false);
  auto with = [](std::size_t threads) {
    return plansim::similarity_options{.kernel = {.query_block = 8, .tile_docs = 32, .threads = threads}};
  };
  const auto one = plansim::top_k(x, 7, with(1));
  const auto pairs = plansim::threshold(x, 0.5, with(1));
  for (const std::size_t threads : {2u, 7u}) {
    const auto many = plansim::top_k(x, 7, with(threads));
    REQUIRE(many.entries().size() == one.entries().size());
    CHECK(same_bits(many.entries(), one.entries()));
    const auto many_pairs = plansim::threshold(x, 0.5, with(threads));
    REQUIRE(many_pairs.size() == pairs.size());
    CHECK(same_bits(many_pairs, pairs));
  }
}

TEMPLATE_TEST_CASE("dense edge cases, ties and masks", "[similarity][dense]", float, double) {
  const auto x = random_dense<TestType>(12, 4, 94, false);
  const auto nn = plansim::top_k(x, 3);
  // Rows 4..7 are copies: row 5's neighbours are 4, 6, 7, tied and ordered by id.
  CHECK(nn[5][0].id == 4);
  CHECK(nn[5][1].id == 6);
  CHECK(nn[5][2].id == 7);
  CHECK(nn[5][0].score == nn[5][2].score);
  // Row 1 is zero: cosine 0 with everything, never NaN.
  for (const auto& e : nn[1]) CHECK(e.score == TestType(0));
  CHECK(plansim::top_k(x, 100)[0].size() == 11);
  CHECK(plansim::top_k(x, 100, {.exclude_self = false})[0].size() == 12);
  const plansim_test::dense<TestType> empty(0, 4);
  CHECK(plansim::top_k(empty, 2).size() == 0);
  CHECK(plansim::threshold(empty, 0.2).empty());
  CHECK_THROWS_WITH(plansim::top_k(x, 0), "[plansim.similarity.1] top_k: k = 0 is not positive (ask for at least one neighbour)");
  CHECK_THROWS_AS(plansim::threshold(x, 2.0), plansim::invalid_argument);
  const plansim_test::dense<TestType> narrow(3, 3);
  CHECK_THROWS_AS(plansim::top_k(narrow, x, 2), plansim::dimension_mismatch);
  std::vector<std::int64_t> groups(12);
  for (std::size_t i = 0; i < groups.size(); ++i) groups[i] = static_cast<std::int64_t>(i / 4);
  const auto same = plansim::group_mask::same(groups);
  const auto masked = plansim::top_k(x, 10, {}, same);
  for (std::size_t i = 0; i < masked.size(); ++i) {
    CHECK(masked[i].size() == 3);
    for (const auto& e : masked[i]) CHECK(static_cast<std::size_t>(e.id) / 4 == i / 4);
  }
}
