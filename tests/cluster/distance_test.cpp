// Distances: SciPy pdist order, naive dense reference, sparse = dense, threads, zero rows.
#include <plansim/cluster/distance.hpp>
#include <plansim/weighting/tf_idf.hpp>

#include <Eigen/Core>

#include <cmath>
#include <vector>

#include "catch.hpp"

TEST_CASE("distance: condensed order and values, worked by hand", "[cluster]") {
  Eigen::MatrixXd x(3, 2);
  x << 0, 0, 3, 4, 6, 8;
  // pdist order: (0,1), (0,2), (1,2)
  CHECK(plansim::condensed_distances(x, plansim::distance_metric::euclidean) == std::vector<double>{5, 10, 5});
  Eigen::MatrixXd y(3, 2);
  y << 1, 0, 0, 2, 1, 1;
  const auto c = plansim::condensed_distances(y, plansim::distance_metric::cosine);
  REQUIRE(c.size() == 3);
  CHECK(c[0] == Catch::Approx(1.0));
  CHECK(c[1] == Catch::Approx(1.0 - 1.0 / std::sqrt(2.0)));
  CHECK(c[2] == Catch::Approx(1.0 - 1.0 / std::sqrt(2.0)));
}

TEST_CASE("distance: sparse and dense rows agree with a naive reference, for any thread count", "[cluster]") {
  Eigen::MatrixXd dense = Eigen::MatrixXd::Random(37, 9);
  dense = dense.unaryExpr([](double v) { return v > 0.3 ? v : 0.0; });
  dense.row(3).setZero();
  dense(3, 4) = 2.0;
  plansim::weight_matrix<double> sparse = dense.sparseView();
  for (const auto metric : {plansim::distance_metric::cosine, plansim::distance_metric::euclidean}) {
    const auto reference = plansim::condensed_distances(dense, metric, 1);
    const Eigen::MatrixXd square = plansim::distance_matrix(sparse, metric, 2);
    std::size_t p = 0;
    for (Eigen::Index i = 0; i < dense.rows(); ++i) {
      CHECK(square(i, i) == 0.0);
      for (Eigen::Index j = i + 1; j < dense.rows(); ++j, ++p) {
        const double naive = metric == plansim::distance_metric::euclidean
                                 ? (dense.row(i) - dense.row(j)).norm()
                                 : 1.0 - dense.row(i).dot(dense.row(j)) / (dense.row(i).norm() * dense.row(j).norm());
        CHECK_THAT(reference[p], Catch::Matchers::WithinAbs(naive, 1e-12));
        CHECK(square(i, j) == square(j, i));
        CHECK_THAT(square(i, j), Catch::Matchers::WithinAbs(reference[p], 1e-14));
      }
    }
    CHECK(plansim::condensed_distances(sparse, metric, 3) == plansim::condensed_distances(sparse, metric, 1));
    const plansim::weight_matrix<float> single = sparse.cast<float>();
    CHECK(plansim::condensed_distances(single, metric).size() == reference.size());
  }
  // A copy of a row is at distance exactly 0 (no cancellation error).
  dense.row(1) = dense.row(0);
  CHECK(plansim::condensed_distances(dense, plansim::distance_metric::euclidean)[0] == 0.0);
}

TEST_CASE("distance: zero rows under cosine, NaN and tiny inputs", "[cluster]") {
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 0, 0, 1, 1;
  CHECK_THROWS_WITH(plansim::condensed_distances(x, plansim::distance_metric::cosine),
                    "[plansim.cluster.2] condensed_distances: row 1 is all zeros, so it has no direction for cosine (drop "
                    "empty documents (or ones whose terms were all pruned) before clustering by cosine)");
  CHECK_THROWS_AS(plansim::distance_matrix(x, plansim::distance_metric::cosine), plansim::data_error);
  CHECK(plansim::condensed_distances(x, plansim::distance_metric::euclidean)[0] == 1.0);
  x(2, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(plansim::distance_matrix(x, plansim::distance_metric::euclidean),
                    "[plansim.cluster.1] distance_matrix: row 2 holds NaN or infinity (clean or drop that document's "
                    "vector before clustering)");
  CHECK(plansim::condensed_distances(Eigen::MatrixXd::Zero(1, 2), plansim::distance_metric::euclidean).empty());
  CHECK(plansim::distance_matrix(Eigen::MatrixXd(0, 2), plansim::distance_metric::euclidean).size() == 0);
}
