// k-means: hand-worked cases, properties (non-increasing objective, thread invariance), errors.
#include <plansim/cluster/kmeans.hpp>
#include <plansim/weighting/tf_idf.hpp>

#include <Eigen/Core>

#include <string>
#include <vector>

#include "catch.hpp"

namespace {

// Two tight groups on a line: {0, 1, 2} and {10, 11, 12}.
Eigen::MatrixXd line_points() {
  Eigen::MatrixXd x(6, 1);
  x << 0, 1, 2, 10, 11, 12;
  return x;
}

}  // namespace

TEST_CASE("kmeans: two groups on a line, worked by hand", "[cluster]") {
  plansim::kmeans_options options;
  options.k = 2;
  options.initial_centroids = Eigen::MatrixXd(2, 1);
  options.initial_centroids << 0, 1;
  const auto result = plansim::kmeans(line_points(), options);
  // Iteration 0: centres 0, 1 -> {0} and {1..12}; means 0 and 46/5 = 9.2.
  // Iteration 1: 2 is nearer 0 than 9.2? |2-0| = 2 < 7.2, and 1 too -> {0,1,2}, {10,11,12}; means 1, 11.
  // Iteration 2: labels unchanged -> strict convergence after 3 iterations.
  CHECK(result.labels == std::vector<int>{0, 0, 0, 1, 1, 1});
  CHECK(result.centroids(0, 0) == Catch::Approx(1.0));
  CHECK(result.centroids(1, 0) == Catch::Approx(11.0));
  CHECK(result.objective == Catch::Approx(4.0));
  CHECK(result.iterations == 3);
  REQUIRE(result.objective_trace.size() == 3);
  // Iteration 0 objective: 0 + 0 + 1 + 81 + 100 + 121 = 303.
  CHECK(result.objective_trace[0] == Catch::Approx(303.0));
}
