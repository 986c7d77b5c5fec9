// Agreement between labellings: hand-worked contingency and ARI, scikit-learn fixtures for ARI,
// NMI and AMI (tests/data/cluster/make_agreement_fixture.py), string labels, errors.
#include <plansim/cluster/agreement.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "cluster_fixture.hpp"

TEST_CASE("agreement: contingency table, worked by hand", "[cluster]") {
  const std::vector<int> a{3, 3, 1, 1, 1, 7};
  const std::vector<int> b{0, 2, 2, 2, 0, 0};
  const auto c = plansim::contingency_table(a, b);
  CHECK(c.row_labels == std::vector<int>{1, 3, 7});
  CHECK(c.column_labels == std::vector<int>{0, 2});
  Eigen::MatrixXi expected(3, 2);
  expected << 1, 2, 1, 1, 1, 0;
  CHECK(c.counts == expected);
}

TEST_CASE("agreement: ARI of a small case, worked by hand", "[cluster]") {
  // a = {0,0,1,1}, b = {0,0,1,2}: pairs together in a: (0,1), (2,3); in b: (0,1).
  // tp = 1 pair (counted twice in scikit-learn's ordered form: 2), fp = 0, fn = 2, tn = 16-2-2-4... use
  // the index form: sum C(n_ij,2) = 1, sum C(a_i,2) = 2, sum C(b_j,2) = 1, C(4,2) = 6;
  // expected = 2·1/6 = 1/3, max = 3/2; ARI = (1 − 1/3)/(3/2 − 1/3) = 4/7.
  const std::vector<int> a{0, 0, 1, 1}, b{0, 0, 1, 2};
  CHECK(plansim::adjusted_rand_index(a, b) == Catch::Approx(4.0 / 7.0).epsilon(1e-14));
}

TEST_CASE("agreement: ARI, NMI and AMI as scikit-learn computes them", "[cluster]") {
  for (const auto& c : cluster_fixture::load("agreement_fixture.txt")) {
    DYNAMIC_SECTION(c.name) {
      const auto& a = c.labels.at("a");
      const auto& b = c.labels.at("b");
      CHECK_THAT(plansim::adjusted_rand_index(a, b), Catch::Matchers::WithinAbs(c.scalars.at("ari"), 1e-12));
      CHECK_THAT(plansim::normalized_mutual_info(a, b), Catch::Matchers::WithinAbs(c.scalars.at("nmi"), 1e-12));
      CHECK_THAT(plansim::adjusted_mutual_info(a, b), Catch::Matchers::WithinAbs(c.scalars.at("ami"), 1e-10));
      // Symmetric in its arguments.
      CHECK_THAT(plansim::adjusted_rand_index(b, a), Catch::Matchers::WithinAbs(c.scalars.at("ari"), 1e-12));
      CHECK_THAT(plansim::adjusted_mutual_info(b, a), Catch::Matchers::WithinAbs(c.scalars.at("ami"), 1e-10));
    }
  }
}

TEST_CASE("agreement: string labels (metadata columns) give the same numbers as their ids", "[cluster]") {
  const std::vector<int> clusters{0, 0, 1, 1, 2, 2, 2};
  const std::vector<std::string> region{"north", "north", "south", "south", "south", "east", "east"};
  const std::vector<int> region_ids{1, 1, 2, 2, 2, 0, 0};
  CHECK(plansim::adjusted_rand_index(clusters, region) == plansim::adjusted_rand_index(clusters, region_ids));
  CHECK(plansim::normalized_mutual_info(clusters, region) == plansim::normalized_mutual_info(clusters, region_ids));
  CHECK(plansim::adjusted_mutual_info(clusters, region) == plansim::adjusted_mutual_info(clusters, region_ids));
  CHECK(plansim::adjusted_rand_index(std::span<const std::string>(region), std::span<const std::string>(region)) == 1.0);
}

TEST_CASE("agreement: labellings of different lengths are refused", "[cluster]") {
  const std::vector<int> a{0, 1, 1}, b{0, 1};
  CHECK_THROWS_WITH(plansim::adjusted_rand_index(a, b),
                    "[plansim.cluster.12] adjusted_rand_index: the labellings cover 3 and 2 documents (compare two "
                    "labellings of the same documents, in the same order)");
  CHECK_THROWS_AS(plansim::normalized_mutual_info(a, b), plansim::dimension_mismatch);
  CHECK_THROWS_AS(plansim::adjusted_mutual_info(a, b), plansim::dimension_mismatch);
  CHECK_THROWS_AS(plansim::contingency_table(a, b), plansim::dimension_mismatch);
}
