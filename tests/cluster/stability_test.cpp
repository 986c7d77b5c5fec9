// Stability under resampling and choosing k: planted blobs give the true k and stability near 1;
// properties of the co-assignment matrix; thread invariance; errors.
#include <plansim/cluster/choose_k.hpp>
#include <plansim/cluster/stability.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <vector>

#include "catch.hpp"

namespace {

// `groups` tight blobs of `per` points in 3-D, centres far apart, deterministic noise.
Eigen::MatrixXd blobs(std::size_t groups, std::size_t per, double spread) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(groups * per), 3);
  std::uint64_t state = 12345;
  auto noise = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (static_cast<double>(state >> 11) * 0x1.0p-53 - 0.5) * spread;
  };
  for (std::size_t g = 0; g < groups; ++g)
    for (std::size_t p = 0; p < per; ++p) {
      const auto i = static_cast<Eigen::Index>(g * per + p);
      // centres on the axes and their sum, all at distance >= 10 from each other (and from 0)
      x(i, 0) = (g == 0 ? 10 : g == 3 ? 10 : 0) + noise();
      x(i, 1) = (g == 1 ? 10 : g == 3 ? 10 : 0) + noise();
      x(i, 2) = (g == 2 ? 10 : g == 3 ? -10 : 0) + noise();
    }
  return x;
}

std::vector<int> truth(std::size_t groups, std::size_t per) {
  std::vector<int> out;
  for (std::size_t g = 0; g < groups; ++g) out.insert(out.end(), per, static_cast<int>(g));
  return out;
}

}  // namespace

TEST_CASE("stability: planted clusters are found again in every resample", "[cluster]") {
  const auto x = blobs(3, 20, 1.0);
  plansim::kmeans_options options;
  options.k = 3;
  options.n_init = 3;
  const auto s = plansim::stability(x, truth(3, 20), options, 10, 0.8);
  REQUIRE(s.cluster_stability.size() == 3);
  for (const double v : s.cluster_stability) CHECK(v == 1.0);
  for (const double v : s.document_stability) CHECK(v == 1.0);
  const auto& co = s.co_assignment;
  REQUIRE(co.rows() == 60);
  CHECK(co(0, 1) == 1.0);
  CHECK(co(0, 59) == 0.0);
}

TEST_CASE("stability: a wrong reference is unstable; properties of the co-assignment matrix", "[cluster]") {
  const auto x = blobs(3, 20, 1.0);
  // Reference that cuts blob 0 in half and merges blobs 1 and 2.
  std::vector<int> wrong(60, 2);
  for (std::size_t i = 0; i < 10; ++i) wrong[i] = 0;
  for (std::size_t i = 10; i < 20; ++i) wrong[i] = 1;
  plansim::kmeans_options options;
  options.k = 3;
  options.n_init = 2;
  options.seed = 5;
  const auto s = plansim::stability(x, wrong, options, 8, 0.7);
  // Each half of blob 0 is always found inside the whole blob: its Jaccard is (drawn half) /
  // (drawn blob), about 1/2 as the draws vary.
  CHECK(s.cluster_stability[0] == Catch::Approx(0.5).margin(0.1));
  CHECK(s.cluster_stability[1] == Catch::Approx(0.5).margin(0.1));
  CHECK(s.cluster_stability[2] < 0.75);
  const auto& co = s.co_assignment;
  for (Eigen::Index i = 0; i < co.rows(); ++i)
    for (Eigen::Index j = 0; j < co.cols(); ++j) {
      if (std::isnan(co(i, j))) continue;
      CHECK(co(i, j) == co(j, i));
      CHECK((co(i, j) >= 0.0 && co(i, j) <= 1.0));
    }
  // Documents 20..59 are in one reference cluster but two real blobs: they swing (about half).
  CHECK(s.document_stability[25] < 0.6);
  CHECK(s.document_stability[5] == 1.0);
  // One seed, one answer, whatever the threads.
  options.threads = 3;
  const auto again = plansim::stability(x, wrong, options, 8, 0.7);
  CHECK(again.cluster_stability == s.cluster_stability);
  CHECK(again.document_stability == s.document_stability);
}

TEST_CASE("stability: bad options are refused", "[cluster]") {
  const auto x = blobs(2, 5, 1.0);
  plansim::kmeans_options options;
  options.k = 2;
  const auto labels = truth(2, 5);
  CHECK_THROWS_WITH(plansim::stability(x, labels, options, 0, 0.8),
                    "[plansim.cluster.13] stability: resamples = 0, sample_fraction = 0.8 are out of range (use at least "
                    "one resample and a fraction in (0, 1], typically 20 and 0.8)");
  CHECK_THROWS_AS(plansim::stability(x, labels, options, 5, 1.5), plansim::invalid_argument);
  CHECK_THROWS_WITH(plansim::stability(x, labels, options, 5, 0.1),
                    "[plansim.cluster.13] stability: a sample of 1 documents cannot hold k = 2 clusters (raise "
                    "sample_fraction or lower k)");
  CHECK_THROWS_AS(plansim::stability(x, std::vector<int>{0, 1}, options, 5, 0.8), plansim::dimension_mismatch);
}

TEST_CASE("choose_k: well-separated blobs give the true k, stable", "[cluster]") {
  for (const std::size_t groups : {std::size_t{3}, std::size_t{4}}) {
    const auto x = blobs(groups, 15, 1.0);
    plansim::choose_k_options options;
    options.k_min = 2;
    options.k_max = 6;
    options.metric = plansim::distance_metric::euclidean;
    options.kmeans.n_init = 4;
    options.resamples = 8;
    const auto result = plansim::choose_k(x, options);
    REQUIRE(result.rows.size() == 5);
    CHECK(result.recommended_k == groups);
    const auto& best = result.rows[groups - 2];
    CHECK(best.stability > 0.99);
    CHECK(best.silhouette > 0.8);
    for (const auto& row : result.rows) {
      CHECK(row.silhouette <= best.silhouette);
      CHECK(row.davies_bouldin >= best.davies_bouldin);
      CHECK(row.calinski_harabasz <= best.calinski_harabasz);
    }
    // The objective falls as k grows.
    for (std::size_t r = 1; r < result.rows.size(); ++r) CHECK(result.rows[r].objective <= result.rows[r - 1].objective);
    CHECK(result.reason.find("k = " + std::to_string(groups) + " has the highest mean silhouette") == 0);
  }
}

TEST_CASE("choose_k: cosine on directions, k_max clamped to N - 1, no stability", "[cluster]") {
  // Two directions, three documents each.
  Eigen::MatrixXd x(6, 3);
  x << 1, 0.1, 0, 2, 0.1, 0, 5, 0, 0.2, 0, 1, 0.1, 0, 3, 0, 0.1, 4, 0;
  plansim::choose_k_options options;
  options.k_max = 9;
  options.resamples = 0;
  const auto result = plansim::choose_k(x, options);
  CHECK(result.rows.size() == 4);  // k = 2..5
  CHECK(result.recommended_k == 2);
  CHECK(result.reason.rfind("k_max lowered from 9 to N - 1 = 5 (silhouettes need at most N - 1 clusters); k = 2 has the highest "
                            "mean silhouette", 0) == 0);
  CHECK(std::isnan(result.rows[0].stability));
}

TEST_CASE("choose_k: bad ranges are refused", "[cluster]") {
  const auto x = blobs(2, 2, 1.0);
  plansim::choose_k_options options;
  options.k_min = 4;
  CHECK_THROWS_WITH(plansim::choose_k(x, options),
                    "[plansim.cluster.14] choose_k: k_min = 4, k_max = 10 do not fit 4 documents (use 2 <= k_min <= "
                    "k_max and k_min <= N - 1)");
  options.k_min = 1;
  CHECK_THROWS_AS(plansim::choose_k(x, options), plansim::invalid_argument);
  options.k_min = 3;
  options.k_max = 2;
  CHECK_THROWS_AS(plansim::choose_k(x, options), plansim::invalid_argument);
}
