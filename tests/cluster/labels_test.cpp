// Label utilities: canonical numbering, Hungarian assignment against brute force, matching.
#include <plansim/cluster/labels.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "catch.hpp"

TEST_CASE("labels: canonical numbering by size, then first document", "[cluster]") {
  const std::vector<int> labels{5, 2, 2, 9, 9, 5, 2, 7};
  // sizes: 2 -> 3, 5 -> 2 (first doc 0), 9 -> 2 (first doc 3), 7 -> 1
  CHECK(plansim::canonical_labels(labels) == std::vector<int>{1, 0, 0, 2, 2, 1, 0, 3});
  CHECK(plansim::canonical_labels(std::vector<int>{}).empty());
  CHECK_THROWS_WITH(plansim::canonical_labels(std::vector<int>{0, -1}),
                    "[plansim.cluster.10] canonical_labels: label -1 of document 1 is negative (number clusters 0, 1, 2, ...)");
}

namespace {

double brute_force(const Eigen::MatrixXd& cost) {
  // rows <= cols: try every injective row -> column map through permutations of the columns
  std::vector<std::size_t> columns(static_cast<std::size_t>(cost.cols()));
  std::iota(columns.begin(), columns.end(), std::size_t{0});
  double best = 1e300;
  do {
    double total = 0.0;
    for (Eigen::Index r = 0; r < cost.rows(); ++r) total += cost(r, static_cast<Eigen::Index>(columns[static_cast<std::size_t>(r)]));
    best = std::min(best, total);
  } while (std::next_permutation(columns.begin(), columns.end()));
  return best;
}

}  // namespace

TEST_CASE("labels: hungarian finds the least-cost assignment (brute force, square and rectangular)", "[cluster]") {
  std::uint64_t state = 99;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 40) / static_cast<double>(1ull << 24);
  };
  for (int trial = 0; trial < 200; ++trial) {
    const auto rows = static_cast<Eigen::Index>(1 + trial % 5);
    const auto cols = static_cast<Eigen::Index>(1 + (trial / 5) % 6);
    Eigen::MatrixXd cost(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
      for (Eigen::Index j = 0; j < cols; ++j) cost(i, j) = trial % 3 == 0 ? std::floor(next() * 4) : next() * 10 - 3;
    const auto assignment = plansim::hungarian(cost);
    REQUIRE(assignment.size() == static_cast<std::size_t>(rows));
    double total = 0.0;
    std::vector<char> used(static_cast<std::size_t>(cols), 0);
    std::size_t assigned = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const auto j = assignment[static_cast<std::size_t>(i)];
      if (j == plansim::no_column) continue;
      REQUIRE(j < static_cast<std::size_t>(cols));
      CHECK(!used[j]);
      used[j] = 1;
      ++assigned;
      total += cost(i, static_cast<Eigen::Index>(j));
    }
    CHECK(assigned == static_cast<std::size_t>(std::min(rows, cols)));
    const double best = rows <= cols ? brute_force(cost) : brute_force(cost.transpose());
    CHECK(total == Catch::Approx(best).margin(1e-9));
  }
}

TEST_CASE("labels: hungarian edge cases and errors", "[cluster]") {
  CHECK(plansim::hungarian(Eigen::MatrixXd(0, 3)).empty());
  CHECK(plansim::hungarian(Eigen::MatrixXd(2, 0)) == std::vector<std::size_t>{plansim::no_column, plansim::no_column});
  Eigen::MatrixXd cost(3, 3);
  cost << 4, 1, 3, 2, 0, 5, 3, 2, 2;
  CHECK(plansim::hungarian(cost) == std::vector<std::size_t>{1, 0, 2});  // 1 + 2 + 2 = 5
  cost(0, 0) = std::nan("");
  CHECK_THROWS_WITH(plansim::hungarian(cost),
                    "[plansim.cluster.11] hungarian: the cost matrix holds NaN or infinity (give finite costs (use a large "
                    "finite number for a forbidden pair))");
}

TEST_CASE("labels: match_labels renames clusters to agree with an earlier run", "[cluster]") {
  const std::vector<int> earlier{0, 0, 0, 1, 1, 2, 2, 2};
  // The same partition with other ids, one document moved.
  const std::vector<int> now{4, 4, 4, 9, 9, 1, 1, 9};
  CHECK(plansim::match_labels(now, earlier) == std::vector<int>{0, 0, 0, 1, 1, 2, 2, 1});
  // More clusters now: the extra one gets a fresh id above the earlier ones.
  const std::vector<int> split{0, 0, 3, 1, 1, 2, 2, 2};
  CHECK(plansim::match_labels(split, earlier) == std::vector<int>{0, 0, 3, 1, 1, 2, 2, 2});
  // Fewer clusters now.
  const std::vector<int> merged{7, 7, 7, 7, 7, 8, 8, 8};
  CHECK(plansim::match_labels(merged, earlier) == std::vector<int>{0, 0, 0, 0, 0, 2, 2, 2});
  CHECK_THROWS_AS(plansim::match_labels(merged, std::vector<int>{0, 1}), plansim::dimension_mismatch);
}
