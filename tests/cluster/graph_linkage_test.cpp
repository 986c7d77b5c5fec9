// graph_linkage: hand-worked graphs, equality with the exact linkage on a complete graph, and on
// sparse graphs equality with the exact linkage of the completed distances (unlisted = cap).
#include <plansim/cluster/dendrogram.hpp>
#include <plansim/cluster/graph_linkage.hpp>
#include <plansim/cluster/linkage.hpp>
#include <plansim/similarity/dense_kernel.hpp>

#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include "catch.hpp"

using plansim::linkage_matrix;
using plansim::linkage_method;

namespace {

double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

void check_same(const linkage_matrix& got, const linkage_matrix& want, double tolerance) {
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO("row " << k);
    CHECK(got[k].a == want[k].a);
    CHECK(got[k].b == want[k].b);
    CHECK(got[k].size == want[k].size);
    CHECK_THAT(got[k].height, Catch::Matchers::WithinAbs(want[k].height, tolerance));
  }
}

// Both directions of every listed pair, as a top-k search of X against itself lists them.
plansim::neighbor_lists<double> lists_from_pairs(const plansim::pair_list<double>& pairs, std::size_t n) {
  return plansim::neighbor_lists_from_pairs(pairs, n, plansim::measure::cosine);
}

}  // namespace

TEST_CASE("graph_linkage on graphs worked by hand", "[cluster]") {
  // Two pairs and no edge between them: joined at the cap at the end.
  const plansim::pair_list<double> two_pairs{{0, 1, 0.9}, {2, 3, 0.75}};
  for (const auto method : {linkage_method::single, linkage_method::average}) {
    check_same(plansim::graph_linkage(two_pairs, 4, method), {{0, 1, 0.1, 2}, {2, 3, 0.25, 2}, {4, 5, 1.0, 4}},
               1e-15);
    check_same(plansim::graph_linkage(two_pairs, 4, method, {2.0}), {{0, 1, 0.1, 2}, {2, 3, 0.25, 2}, {4, 5, 2.0, 4}},
               1e-15);
    check_same(plansim::graph_linkage(lists_from_pairs(two_pairs, 4), method),
               {{0, 1, 0.1, 2}, {2, 3, 0.25, 2}, {4, 5, 1.0, 4}}, 1e-15);
  }
  // 0-1 at 0.2, 0-2 at 0.4, 1-2 unlisted (distance 1): single joins 2 at 0.4; average at
  // (0.4 + 1) / 2 = 0.7.
  const plansim::pair_list<double> path{{0, 1, 0.8}, {0, 2, 0.6}};
  check_same(plansim::graph_linkage(path, 3, linkage_method::single), {{0, 1, 0.2, 2}, {2, 3, 0.4, 3}}, 1e-15);
  check_same(plansim::graph_linkage(path, 3, linkage_method::average), {{0, 1, 0.2, 2}, {2, 3, 0.7, 3}}, 1e-15);
  // A document alone, self pairs ignored, a negative similarity clamped to the cap.
  check_same(plansim::graph_linkage(plansim::pair_list<double>{{0, 0, 1.0}, {0, 1, -0.5}}, 3, linkage_method::average),
             {{0, 1, 1.0, 2}, {2, 3, 1.0, 3}}, 0);
  CHECK(plansim::graph_linkage(plansim::pair_list<double>{}, 1, linkage_method::single).empty());
}

TEST_CASE("graph_linkage on a complete graph is the exact linkage", "[cluster]") {
  std::mt19937_64 rng(17);
  for (const std::size_t n : {2u, 5u, 30u, 90u}) {
    std::vector<double> y(n * (n - 1) / 2);
    plansim::pair_list<double> pairs;
    std::size_t p = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j, ++p) {
        y[p] = unit(rng);
        pairs.push_back({static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j), 1.0 - y[p]});
        y[p] = 1.0 - pairs.back().score;  // the distance the graph sees, bit for bit
      }
    for (const auto method : {linkage_method::single, linkage_method::average}) {
      INFO("n = " << n << ", " << plansim::linkage_method_name(method));
      const linkage_matrix want = plansim::linkage(y, n, method);
      check_same(plansim::graph_linkage(pairs, n, method), want, 1e-12);
      check_same(plansim::graph_linkage(lists_from_pairs(pairs, n), method), want, 1e-12);
    }
  }
  // A real top-k search with k = N - 1 of non-negative rows: the cosine linkage of those rows.
  Eigen::MatrixXd x = (Eigen::MatrixXd::Random(25, 8).array() + 1.0).matrix();
  const auto graph = plansim::top_k(x, 24);
  for (const auto method : {linkage_method::single, linkage_method::average})
    check_same(plansim::graph_linkage(graph, method), plansim::linkage(x, method, plansim::distance_metric::cosine),
               1e-9);
}

TEST_CASE("graph_linkage on a sparse graph is the exact linkage of the completed distances", "[cluster]") {
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 3 + static_cast<std::size_t>(trial) * 4;
    const double keep = 0.05 + 0.04 * trial;  // share of pairs listed
    const double cap = trial % 2 == 0 ? 1.0 : 1.5;
    std::vector<double> completed(n * (n - 1) / 2, cap);
    plansim::pair_list<double> pairs;
    std::size_t p = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j, ++p)
        if (unit(rng) < keep) {
          pairs.push_back({static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j), unit(rng)});
          completed[p] = 1.0 - pairs.back().score;
        }
    for (const auto method : {linkage_method::single, linkage_method::average}) {
      INFO("n = " << n << ", " << plansim::linkage_method_name(method) << ", cap " << cap);
      const linkage_matrix got = plansim::graph_linkage(pairs, n, method, {cap});
      const linkage_matrix want = plansim::linkage(completed, n, method);
      // Rows below the cap are unique; among the merges at the cap the order is free, and the
      // cophenetic distances (which do not depend on it) must agree.
      for (std::size_t k = 0; k < want.size() && want[k].height < cap - 1e-9; ++k) {
        CHECK(got[k].a == want[k].a);
        CHECK(got[k].b == want[k].b);
        CHECK(got[k].size == want[k].size);
        CHECK_THAT(got[k].height, Catch::Matchers::WithinAbs(want[k].height, 1e-12));
      }
      const std::vector<double> cg = plansim::cophenetic_distances(got), cw = plansim::cophenetic_distances(want);
      for (std::size_t q = 0; q < cg.size(); ++q) CHECK_THAT(cg[q], Catch::Matchers::WithinAbs(cw[q], 1e-12));
    }
  }
}

TEST_CASE("graph_linkage errors", "[cluster]") {
  using Catch::Matchers::Equals;
  const plansim::pair_list<double> pairs{{0, 1, 0.5}};
  CHECK_THROWS_WITH(plansim::graph_linkage(pairs, 2, linkage_method::ward),
                    Equals("[plansim.hierarchy.12] graph_linkage: method ward is not available on a graph (use "
                           "linkage_method::single or linkage_method::average, or linkage() on all distances)"));
  CHECK_THROWS_WITH(plansim::graph_linkage(pairs, 2, linkage_method::single, {0.0}),
                    Equals("[plansim.hierarchy.13] graph_linkage: missing_distance is 0 (pass a finite distance above "
                           "0, such as 1 for cosine)"));
  CHECK_THROWS_WITH(plansim::graph_linkage(pairs, 1, linkage_method::single),
                    Equals("[plansim.hierarchy.14] graph_linkage: the pair (0, 1) is outside the 1 documents (pass the "
                           "result of a search of the documents against themselves)"));
  CHECK_THROWS_WITH(plansim::graph_linkage(plansim::pair_list<double>{{0, 1, std::nan("")}}, 2, linkage_method::average),
                    Equals("[plansim.hierarchy.15] graph_linkage: the pair (0, 1) has score nan (similarities must be "
                           "finite)"));
  CHECK_THROWS_WITH(plansim::graph_linkage(plansim::neighbor_lists<float>{}, linkage_method::average),
                    Equals("[plansim.hierarchy.1] graph_linkage: there are no documents (n = 0) (pass n >= 1)"));
}

TEMPLATE_TEST_CASE("graph_linkage of a float or double top-k graph with k = N - 1 is the exact cosine linkage",
                   "[cluster]", float, double) {
  std::mt19937_64 rng(29);
  Eigen::Matrix<TestType, Eigen::Dynamic, Eigen::Dynamic> x(30, 6);
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j) x(i, j) = static_cast<TestType>(unit(rng) + 0.01);
  const auto graph = plansim::top_k(x, 29);
  const double tolerance = std::is_same_v<TestType, float> ? 1e-5 : 1e-12;
  for (const auto method : {linkage_method::single, linkage_method::average}) {
    const linkage_matrix want = plansim::linkage(x, method, plansim::distance_metric::cosine);
    const linkage_matrix got = plansim::graph_linkage(graph, method);
    // float similarities can reorder merges that are within rounding of each other: compare
    // what does not depend on that, the cophenetic distances.
    const std::vector<double> cg = plansim::cophenetic_distances(got), cw = plansim::cophenetic_distances(want);
    for (std::size_t q = 0; q < cg.size(); ++q) CHECK_THAT(cg[q], Catch::Matchers::WithinAbs(cw[q], tolerance));
    if constexpr (std::is_same_v<TestType, double>) check_same(got, want, tolerance);
  }
}
