// Quality indices: hand-worked silhouettes, scikit-learn fixtures (make_quality_fixture.py),
// sparse = dense, thread invariance, errors.
#include <plansim/cluster/quality.hpp>

#include <Eigen/Core>

#include <vector>

#include "catch.hpp"
#include "cluster_fixture.hpp"

TEST_CASE("quality: silhouettes on a line, worked by hand", "[cluster]") {
  Eigen::MatrixXd x(5, 1);
  x << 0, 2, 10, 12, 30;
  const std::vector<int> labels{0, 0, 1, 1, 2};
  const auto s = plansim::silhouette_samples(x, labels, plansim::distance_metric::euclidean);
  // Point 0: a = 2, b = min(mean(10, 12) = 11, 30) = 11 -> 9/11.
  CHECK(s[0] == Catch::Approx(9.0 / 11.0));
  // Point 2: a = 2, b = min(mean(10, 8) = 9, 20) = 9 -> 7/9.
  CHECK(s[2] == Catch::Approx(7.0 / 9.0));
  // Point 4 is alone in its cluster: 0.
  CHECK(s[4] == 0.0);
  CHECK(plansim::silhouette_score(x, labels, plansim::distance_metric::euclidean) == Catch::Approx(s.mean()));
}

TEST_CASE("quality: silhouettes, Calinski-Harabasz and Davies-Bouldin as scikit-learn computes them", "[cluster]") {
  for (const auto& c : cluster_fixture::load("quality_fixture.txt")) {
    DYNAMIC_SECTION(c.name) {
      const auto& x = c.matrices.at("x");
      const auto& labels = c.labels.at("labels");
      for (const auto metric : {plansim::distance_metric::cosine, plansim::distance_metric::euclidean}) {
        const auto& expected = c.vectors.at(metric == plansim::distance_metric::cosine ? "silhouette_cosine" : "silhouette_euclidean");
        const Eigen::VectorXd dense = plansim::silhouette_samples(x.dense, labels, metric);
        REQUIRE(static_cast<std::size_t>(dense.size()) == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
          CHECK_THAT(dense[static_cast<Eigen::Index>(i)], Catch::Matchers::WithinAbs(expected[i], 1e-9));
        if (x.sparse) {
          const Eigen::VectorXd sparse = plansim::silhouette_samples(x.rows, labels, metric, 3);
          CHECK((sparse - dense).cwiseAbs().maxCoeff() < 1e-12);
        }
      }
      CHECK_THAT(plansim::calinski_harabasz(x.dense, labels), Catch::Matchers::WithinRel(c.scalars.at("calinski_harabasz"), 1e-10));
      CHECK_THAT(plansim::davies_bouldin(x.dense, labels), Catch::Matchers::WithinRel(c.scalars.at("davies_bouldin"), 1e-10));
      if (x.sparse) {
        CHECK_THAT(plansim::calinski_harabasz(x.rows, labels), Catch::Matchers::WithinRel(c.scalars.at("calinski_harabasz"), 1e-10));
        CHECK_THAT(plansim::davies_bouldin(x.rows, labels), Catch::Matchers::WithinRel(c.scalars.at("davies_bouldin"), 1e-10));
      }
    }
  }
}

TEST_CASE("quality: silhouettes do not depend on the thread count", "[cluster]") {
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(90, 5);
  std::vector<int> labels(90);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int>(i % 4);
  const Eigen::VectorXd one = plansim::silhouette_samples(x, labels, plansim::distance_metric::cosine, 1);
  CHECK(plansim::silhouette_samples(x, labels, plansim::distance_metric::cosine, 2) == one);
  CHECK(plansim::silhouette_samples(x, labels, plansim::distance_metric::cosine, 3) == one);
}

TEST_CASE("quality: degenerate cases follow scikit-learn", "[cluster]") {
  // Every cluster a single repeated point: no spread, CH = 1 by convention, DB = 0.
  Eigen::MatrixXd x(4, 2);
  x << 1, 1, 1, 1, 5, 5, 5, 5;
  const std::vector<int> labels{0, 0, 1, 1};
  CHECK(plansim::calinski_harabasz(x, labels) == 1.0);
  CHECK(plansim::davies_bouldin(x, labels) == 0.0);
  CHECK(plansim::silhouette_score(x, labels, plansim::distance_metric::euclidean) == 1.0);
}

TEST_CASE("quality: bad labels and zero rows are refused", "[cluster]") {
  Eigen::MatrixXd x(4, 2);
  x << 1, 0, 0, 1, 1, 1, 2, 0;
  CHECK_THROWS_WITH(plansim::silhouette_score(x, std::vector<int>{0, 0, 0, 0}, plansim::distance_metric::cosine),
                    "[plansim.cluster.9] silhouette_samples: there are 1 distinct labels for 4 documents (use between 2 "
                    "and N - 1 clusters)");
  CHECK_THROWS_AS(plansim::calinski_harabasz(x, std::vector<int>{0, 1, 2, 3}), plansim::invalid_argument);
  CHECK_THROWS_WITH(plansim::davies_bouldin(x, std::vector<int>{0, 1, 1}),
                    "[plansim.cluster.12] davies_bouldin: 3 labels for 4 documents (give one label per document (row))");
  CHECK_THROWS_AS(plansim::silhouette_samples(x, std::vector<int>{0, 1, -1, 1}, plansim::distance_metric::cosine),
                  plansim::invalid_argument);
  x.row(2).setZero();
  CHECK_THROWS_WITH(plansim::silhouette_samples(x, std::vector<int>{0, 1, 0, 1}, plansim::distance_metric::cosine),
                    "[plansim.cluster.2] silhouette_samples: row 2 is all zeros, so it has no direction for cosine (drop "
                    "empty documents (or ones whose terms were all pruned) before clustering by cosine)");
  CHECK_NOTHROW(plansim::silhouette_samples(x, std::vector<int>{0, 1, 0, 1}, plansim::distance_metric::euclidean));
}
