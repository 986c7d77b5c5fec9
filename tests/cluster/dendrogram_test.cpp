// Cuts, cophenetic distances, leaf order and the drawing layout against SciPy (fixture), plus
// hand-worked cases and the checks on malformed linkage matrices.
#include <plansim/cluster/dendrogram.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cluster/linkage_fixture.hpp"

using plansim::linkage_matrix;
using plansim::linkage_method;

TEST_CASE("cuts, cophenetic distances, leaves and layout match SciPy", "[cluster]") {
  for (const auto& c : plansim_test::scipy_cases()) {
    for (const auto& [method, want] : c.methods) {
      INFO(c.name << " " << plansim::linkage_method_name(method));
      const linkage_matrix z = want.rows;  // SciPy's own rows: these functions read any linkage
      for (const auto& [k, labels] : want.maxclust) {
        INFO("maxclust k = " << k);
        CHECK(plansim::cut_by_k(z, k) == labels);
      }
      for (const auto& [k, labels] : want.cuttree) {
        INFO("cut_tree k = " << k);
        CHECK(plansim::cut_exactly_k(z, k) == labels);
        CHECK(static_cast<std::size_t>(*std::max_element(labels.begin(), labels.end())) + 1 == k);
      }
      for (const auto& [t, labels] : want.distance) {
        INFO("distance t = " << t);
        CHECK(plansim::cut_by_height(z, t) == labels);
      }
      const std::vector<double> coph = plansim::cophenetic_distances(z);
      REQUIRE(coph.size() == want.cophenet.size());
      for (std::size_t p = 0; p < coph.size(); ++p) CHECK(coph[p] == want.cophenet[p]);
      if (std::isnan(want.corr)) {
        CHECK_THROWS_AS(plansim::cophenetic_correlation(z, c.condensed), plansim::invalid_argument);
      } else {
        CHECK_THAT(plansim::cophenetic_correlation(z, c.condensed), Catch::Matchers::WithinAbs(want.corr, 1e-12));
      }
      CHECK(plansim::leaves_order(z) == want.leaves);
      CHECK(plansim::is_monotone(z));
      const plansim::dendrogram_layout layout = plansim::dendrogram(z);
      CHECK(layout.leaves == want.leaves);
      for (std::size_t p = 0; p < c.n; ++p) CHECK(layout.leaf_x[want.leaves[p]] == static_cast<double>(p));
      std::vector<std::vector<double>> links;
      for (const auto& l : layout.links)
        links.push_back({l.x, l.height, l.left_x, l.left_height, l.right_x, l.right_height});
      std::sort(links.begin(), links.end());
      REQUIRE(links.size() == want.links.size());
      for (std::size_t k = 0; k < links.size(); ++k)
        for (std::size_t v = 0; v < 6; ++v) CHECK_THAT(links[k][v], Catch::Matchers::WithinAbs(want.links[k][v], 1e-12));
      // plansim's own linkage gives the same answers (it gives SciPy's rows).
      CHECK(plansim::cut_by_k(plansim::linkage(c.condensed, c.n, method), 2 > c.n ? c.n : 2) ==
            want.maxclust.at(2 > c.n ? c.n : 2));
    }
  }
}

TEST_CASE("cuts of a hand-worked tree, ties straddling the cut", "[cluster]") {
  // Points 0, 1, 3, 7 on a line, single linkage: {0,1} at 1, {0,1,2} at 2, all at 4.
  const linkage_matrix z{{0, 1, 1, 2}, {2, 4, 2, 3}, {3, 5, 4, 4}};
  CHECK(plansim::cut_by_k(z, 1) == std::vector<int>{0, 0, 0, 0});
  CHECK(plansim::cut_by_k(z, 2) == std::vector<int>{0, 0, 0, 1});
  CHECK(plansim::cut_by_k(z, 3) == std::vector<int>{0, 0, 1, 2});
  CHECK(plansim::cut_by_k(z, 4) == std::vector<int>{0, 1, 2, 3});
  CHECK(plansim::cut_by_height(z, 0.5) == std::vector<int>{0, 1, 2, 3});
  CHECK(plansim::cut_by_height(z, 1.0) == std::vector<int>{0, 0, 1, 2});  // inclusive
  CHECK(plansim::cut_by_height(z, 3.9) == std::vector<int>{0, 0, 0, 1});
  CHECK(plansim::cut_by_height(z, 1e9) == std::vector<int>{0, 0, 0, 0});
  CHECK(plansim::cut_by_height(z, -std::numeric_limits<double>::infinity()) == std::vector<int>{0, 1, 2, 3});
  // All three merges at one height: maxclust cannot split them, cut_tree can.
  const linkage_matrix tied{{0, 1, 1, 2}, {2, 3, 1, 2}, {4, 5, 1, 4}};
  CHECK(plansim::cut_by_k(tied, 2) == std::vector<int>{0, 0, 0, 0});
  CHECK(plansim::cut_by_k(tied, 3) == std::vector<int>{0, 0, 0, 0});
  CHECK(plansim::cut_by_k(tied, 4) == std::vector<int>{0, 1, 2, 3});
  CHECK(plansim::cut_exactly_k(tied, 2) == std::vector<int>{0, 0, 1, 1});
  CHECK(plansim::cut_exactly_k(tied, 3) == std::vector<int>{0, 0, 1, 2});
  // Canonical order: the larger cluster first, then the one holding the smaller document.
  const linkage_matrix z5{{3, 4, 0.5, 2}, {1, 5, 0.7, 3}, {0, 2, 0.8, 2}, {6, 7, 2.0, 5}};
  CHECK(plansim::cut_by_k(z5, 2) == std::vector<int>{1, 0, 1, 0, 0});
  CHECK(plansim::cut_by_k(z5, 3) == std::vector<int>{1, 0, 2, 0, 0});
  CHECK(plansim::leaves_order(z5) == std::vector<std::size_t>{1, 3, 4, 0, 2});
  // Cophenetic distances, condensed: (0,1) (0,2) (0,3) (0,4) (1,2) (1,3) (1,4) (2,3) (2,4) (3,4).
  CHECK(plansim::cophenetic_distances(z5) == std::vector<double>{2, 0.8, 2, 2, 2, 0.7, 0.7, 2, 2, 0.5});
  CHECK(plansim::cophenetic_distances(linkage_matrix{}).empty());
  CHECK(plansim::leaves_order(linkage_matrix{}) == std::vector<std::size_t>{0});
  CHECK(plansim::cut_by_k(linkage_matrix{}, 1) == std::vector<int>{0});
  CHECK(!plansim::is_monotone(linkage_matrix{{0, 1, 2, 2}, {2, 3, 1, 3}}));
}

TEST_CASE("the drawing layout of a hand-worked tree", "[cluster]") {
  const linkage_matrix z5{{3, 4, 0.5, 2}, {1, 5, 0.7, 3}, {0, 2, 0.8, 2}, {6, 7, 2.0, 5}};
  const plansim::dendrogram_layout layout = plansim::dendrogram(z5);
  CHECK(layout.leaf_x == std::vector<double>{3, 0, 4, 1, 2});
  REQUIRE(layout.links.size() == 4);
  CHECK(layout.links[0].x == 1.5);   // 3 and 4 sit at 1 and 2
  CHECK(layout.links[1].x == 0.75);  // 1 at 0, {3,4} at 1.5
  CHECK(layout.links[1].right_height == 0.5);
  CHECK(layout.links[3].x == (0.75 + 3.5) / 2);
  CHECK(layout.links[3].size == 5);
}

TEST_CASE("malformed linkages and bad cut arguments are errors", "[cluster]") {
  using Catch::Matchers::Equals;
  const linkage_matrix z{{0, 1, 1, 2}, {2, 3, 2, 3}};
  CHECK_THROWS_WITH(plansim::cut_by_k(z, 0),
                    Equals("[plansim.hierarchy.7] cut_by_k: k = 0 is outside 1..3 (ask for between 1 and N clusters)"));
  CHECK_THROWS_WITH(plansim::cut_exactly_k(z, 4), Equals("[plansim.hierarchy.7] cut_exactly_k: k = 4 is outside 1..3 "
                                                         "(ask for between 1 and N clusters)"));
  CHECK_THROWS_WITH(plansim::cut_by_height(z, std::nan("")),
                    Equals("[plansim.hierarchy.6] cut_by_height: the height is NaN (pass a number)"));
  const std::string advice = " (pass a linkage matrix as linkage() makes it (SciPy format))";
  CHECK_THROWS_WITH(plansim::leaves_order({{0, 1, 1, 2}, {1, 2, 2, 3}}),
                    Equals("[plansim.hierarchy.5] leaves_order: linkage row 1 uses cluster 1 a second time" + advice));
  CHECK_THROWS_WITH(plansim::cophenetic_distances({{0, 3, 1, 2}, {1, 2, 2, 2}}),
                    Equals("[plansim.hierarchy.5] cophenetic_distances: linkage row 0 uses cluster 3 before it is "
                           "formed" + advice));
  CHECK_THROWS_WITH(plansim::cut_by_k({{0, 1, 1, 3}}, 1),
                    Equals("[plansim.hierarchy.5] cut_by_k: linkage row 0 has size 3, but its sides hold 2" + advice));
  CHECK_THROWS_WITH(plansim::cut_by_height({{1, 1, 1, 2}}, 1),
                    Equals("[plansim.hierarchy.5] cut_by_height: linkage row 0 joins cluster 1 with itself" + advice));
  CHECK_THROWS_WITH(plansim::dendrogram({{0, 1, -1, 2}}),
                    Equals("[plansim.hierarchy.5] dendrogram: linkage row 0 has height -1" + advice));
  CHECK_THROWS_WITH(plansim::cophenetic_correlation({{0, 1, std::nan(""), 2}}, std::vector<double>{1}),
                    Equals("[plansim.hierarchy.5] cophenetic_correlation: linkage row 0 has height nan" + advice));
  CHECK_THROWS_AS(plansim::cophenetic_correlation(z, std::vector<double>{1, 2}), plansim::dimension_mismatch);
  CHECK_THROWS_WITH(plansim::cophenetic_correlation(z, std::vector<double>{1, 2}),
                    Equals("[plansim.hierarchy.8] cophenetic_correlation: the condensed distances hold 2 values, but "
                           "the linkage has N = 3 documents (pass the N(N-1)/2 distances the linkage was built from)"));
  CHECK_THROWS_WITH(plansim::cophenetic_correlation(z, std::vector<double>{1, 1, 1}),
                    Equals("[plansim.hierarchy.9] cophenetic_correlation: the distances or the cophenetic distances "
                           "are all equal, so the correlation is undefined (it needs N >= 3 and distances that "
                           "differ)"));
  CHECK(plansim::cophenetic_correlation(z, std::vector<double>{1, 2, 2}) == Catch::Approx(1.0));
}
