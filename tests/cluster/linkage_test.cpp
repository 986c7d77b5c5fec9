// linkage against SciPy (fixture), a hand-worked case, and a naive O(N^3) reference built from the
// methods' definitions; distance.hpp on small matrices; every error message verbatim.
#include <plansim/cluster/dendrogram.hpp>
#include <plansim/cluster/distance.hpp>
#include <plansim/cluster/linkage.hpp>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "cluster/linkage_fixture.hpp"

using plansim::linkage_matrix;
using plansim::linkage_method;
using plansim::merge;

namespace {

constexpr linkage_method all_methods[] = {linkage_method::single, linkage_method::complete, linkage_method::average,
                                          linkage_method::weighted, linkage_method::ward};

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

// Doubles from raw generator bits (never std::uniform_*_distribution: it differs between libraries).
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::vector<double> random_condensed(std::size_t n, std::mt19937_64& rng) {
  std::vector<double> out(n * (n - 1) / 2);
  for (double& d : out) d = unit(rng);
  return out;
}

Eigen::MatrixXd random_points(std::size_t n, std::size_t dims, std::mt19937_64& rng) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dims));
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j) x(i, j) = unit(rng) * 2 - 1;
  return x;
}

std::vector<double> euclidean_condensed(const Eigen::MatrixXd& x) {
  std::vector<double> out;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = i + 1; j < x.rows(); ++j) out.push_back((x.row(i) - x.row(j)).norm());
  return out;
}

// The naive reference: merge the globally closest pair of clusters, with cluster distances taken
// from the definitions (min / max / mean over member pairs; Ward from centroids; WPGMA, which
// has no set definition, from its recursion). Heights here are distinct, so the k-th merge is
// row k and the new cluster is N + k.
linkage_matrix naive_linkage(const std::vector<double>& condensed, std::size_t n, linkage_method method,
                             const Eigen::MatrixXd* points = nullptr) {
  const auto d = [&](std::size_t i, std::size_t j) {
    if (i > j) std::swap(i, j);
    return condensed[n * i - i * (i + 1) / 2 + (j - i - 1)];
  };
  struct cluster {
    std::size_t id;
    std::vector<std::size_t> members;
  };
  std::vector<cluster> live;
  for (std::size_t i = 0; i < n; ++i) live.push_back({i, {i}});
  std::vector<std::vector<double>> weighted(2 * n, std::vector<double>(2 * n, 0));  // by cluster id
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) weighted[i][j] = i == j ? 0 : d(i, j);
  const auto between = [&](const cluster& p, const cluster& q) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0, sum = 0;
    for (const std::size_t i : p.members)
      for (const std::size_t j : q.members) {
        lo = std::min(lo, d(i, j));
        hi = std::max(hi, d(i, j));
        sum += d(i, j);
      }
    switch (method) {
      case linkage_method::single: return lo;
      case linkage_method::complete: return hi;
      case linkage_method::average: return sum / static_cast<double>(p.members.size() * q.members.size());
      case linkage_method::weighted: return weighted[p.id][q.id];
      case linkage_method::ward: {
        Eigen::RowVectorXd cp = Eigen::RowVectorXd::Zero(points->cols()), cq = cp;
        for (const std::size_t i : p.members) cp += points->row(static_cast<Eigen::Index>(i));
        for (const std::size_t j : q.members) cq += points->row(static_cast<Eigen::Index>(j));
        const auto np = static_cast<double>(p.members.size()), nq = static_cast<double>(q.members.size());
        return std::sqrt(2 * np * nq / (np + nq)) * (cp / np - cq / nq).norm();
      }
    }
    return 0.0;
  };
  linkage_matrix out;
  while (live.size() > 1) {
    std::size_t bp = 0, bq = 1;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < live.size(); ++p)
      for (std::size_t q = p + 1; q < live.size(); ++q)
        if (const double h = between(live[p], live[q]); h < best) best = h, bp = p, bq = q;
    cluster merged{n + out.size(), live[bp].members};
    merged.members.insert(merged.members.end(), live[bq].members.begin(), live[bq].members.end());
    for (const cluster& other : live)
      weighted[merged.id][other.id] = weighted[other.id][merged.id] =
          (weighted[live[bp].id][other.id] + weighted[live[bq].id][other.id]) / 2;
    out.push_back({std::min(live[bp].id, live[bq].id), std::max(live[bp].id, live[bq].id), best,
                   merged.members.size()});
    live.erase(live.begin() + static_cast<std::ptrdiff_t>(bq));
    live[bp] = std::move(merged);
  }
  return out;
}

}  // namespace

TEST_CASE("linkage matches SciPy's linkage row for row, ties included", "[cluster]") {
  for (const auto& c : plansim_test::scipy_cases()) {
    for (const auto& [method, want] : c.methods) {
      INFO(c.name << " " << plansim::linkage_method_name(method));
      const linkage_matrix got = plansim::linkage(c.condensed, c.n, method);
      check_same(got, want.rows, 1e-9);
      CHECK(plansim::linkage(c.condensed, c.n, method) == got);  // deterministic
    }
  }
}

TEST_CASE("linkage on four points of a line, worked by hand", "[cluster]") {
  // Points 0, 1, 3, 7: d01 = 1, d02 = 3, d03 = 7, d12 = 2, d13 = 6, d23 = 4.
  const std::vector<double> y{1, 3, 7, 2, 6, 4};
  // {0,1} at 1 (cluster 4); then 2 joins it; then 3 joins cluster 5 = {0,1,2}.
  check_same(plansim::linkage(y, 4, linkage_method::single), {{0, 1, 1, 2}, {2, 4, 2, 3}, {3, 5, 4, 4}}, 1e-15);
  check_same(plansim::linkage(y, 4, linkage_method::complete), {{0, 1, 1, 2}, {2, 4, 3, 3}, {3, 5, 7, 4}}, 1e-15);
  // average: d({0,1},2) = (3+2)/2, d({0,1,2},3) = (7+6+4)/3; weighted: ((7+6)/2 + 4)/2.
  check_same(plansim::linkage(y, 4, linkage_method::average), {{0, 1, 1, 2}, {2, 4, 2.5, 3}, {3, 5, 17.0 / 3, 4}},
             1e-15);
  check_same(plansim::linkage(y, 4, linkage_method::weighted), {{0, 1, 1, 2}, {2, 4, 2.5, 3}, {3, 5, 5.25, 4}},
             1e-15);
  // Ward: sqrt(2|A||B|/(|A|+|B|)) |c_A - c_B|: {0,1} vs 2: sqrt(4/3)*2.5; {0,1,2} vs 3: sqrt(3/2)*(7-4/3).
  check_same(plansim::linkage(y, 4, linkage_method::ward),
             {{0, 1, 1, 2}, {2, 4, std::sqrt(4.0 / 3) * 2.5, 3}, {3, 5, std::sqrt(1.5) * 17.0 / 3, 4}}, 1e-14);
}

TEST_CASE("linkage of one and two documents", "[cluster]") {
  for (const linkage_method method : all_methods) {
    CHECK(plansim::linkage(std::vector<double>{}, 1, method).empty());
    CHECK(plansim::linkage(std::vector<double>{0.25}, 2, method) == linkage_matrix{{0, 1, 0.25, 2}});
    CHECK(plansim::linkage(std::vector<double>{0.0}, 2, method) == linkage_matrix{{0, 1, 0.0, 2}});
  }
}

TEST_CASE("linkage agrees with a naive O(N^3) reference built from the definitions", "[cluster]") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(trial) * 3;
    const Eigen::MatrixXd points = random_points(n, 3, rng);
    const std::vector<double> euclid = euclidean_condensed(points);
    const std::vector<double> uniform = random_condensed(n, rng);
    for (const linkage_method method : all_methods) {
      INFO("n = " << n << ", " << plansim::linkage_method_name(method));
      check_same(plansim::linkage(euclid, n, method), naive_linkage(euclid, n, method, &points), 1e-12);
      if (method != linkage_method::ward) check_same(plansim::linkage(uniform, n, method), naive_linkage(uniform, n, method), 1e-12);
    }
  }
}

TEST_CASE("linkage heights never decrease and sizes add up", "[cluster]") {
  std::mt19937_64 rng(11);
  for (const std::size_t n : {3u, 10u, 60u, 200u}) {
    std::vector<double> y = random_condensed(n, rng);
    for (std::size_t p = 0; p < y.size(); p += 3) y[p] = std::round(y[p] * 4) / 4;  // and some ties
    for (const linkage_method method : all_methods) {
      INFO("n = " << n << ", " << plansim::linkage_method_name(method));
      const linkage_matrix z = plansim::linkage(y, n, method);
      REQUIRE(z.size() == n - 1);
      std::vector<std::size_t> size(2 * n - 1, 1);
      std::vector<int> used(2 * n - 1, 0);
      for (std::size_t k = 0; k < z.size(); ++k) {
        CHECK(z[k].a < z[k].b);
        CHECK(z[k].b < n + k);
        CHECK(used[z[k].a]++ == 0);
        CHECK(used[z[k].b]++ == 0);
        CHECK(z[k].size == size[z[k].a] + size[z[k].b]);
        size[n + k] = z[k].size;
        if (k > 0) CHECK(z[k].height >= z[k - 1].height);
      }
      CHECK(z.back().size == n);
    }
  }
}

TEST_CASE("linkage at N = 1100 (a copy past 4 MiB) keeps each method's definition at every merge", "[cluster]") {
  // Every pair (i, j) is first joined at exactly one merge; visiting each merge's cross pairs
  // checks its height against the definition in O(N^2): min, max or mean of the cross
  // distances; Ward from the sides' centroids. WPGMA has no set definition: monotone only.
  std::mt19937_64 rng(31);
  const std::size_t n = 1100;
  const Eigen::MatrixXd points = random_points(n, 4, rng);
  const std::vector<double> y = euclidean_condensed(points);
  REQUIRE(y.size() * sizeof(double) >= (std::size_t{4} << 20));
  for (const linkage_method method : all_methods) {
    INFO(plansim::linkage_method_name(method));
    const linkage_matrix z = plansim::linkage(y, n, method);
    REQUIRE(z.size() == n - 1);
    CHECK(plansim::is_monotone(z));
    const std::vector<std::size_t> leaves = plansim::leaves_order(z);
    std::vector<std::size_t> start(2 * n - 1, 0), size(2 * n - 1, 1);
    std::vector<Eigen::VectorXd> sum(2 * n - 1);
    for (std::size_t i = 0; i < n; ++i) sum[i] = points.row(static_cast<Eigen::Index>(i)).transpose();
    for (std::size_t k = 0; k < z.size(); ++k) {
      size[n + k] = z[k].size;
      sum[n + k] = sum[z[k].a] + sum[z[k].b];
    }
    std::size_t failures = 0;
    for (std::size_t k = z.size(); k-- > 0;) {
      const plansim::merge& m = z[k];
      start[m.a] = start[n + k];
      start[m.b] = start[n + k] + size[m.a];
      double lo = std::numeric_limits<double>::infinity(), hi = 0, total = 0;
      for (std::size_t p = start[m.a]; p < start[m.a] + size[m.a]; ++p)
        for (std::size_t q = start[m.b]; q < start[m.b] + size[m.b]; ++q) {
          const std::size_t i = std::min(leaves[p], leaves[q]), j = std::max(leaves[p], leaves[q]);
          const double d = y[n * i - i * (i + 1) / 2 + (j - i - 1)];
          lo = std::min(lo, d);
          hi = std::max(hi, d);
          total += d;
        }
      const auto na = static_cast<double>(size[m.a]), nb = static_cast<double>(size[m.b]);
      double want = m.height;
      switch (method) {
        case linkage_method::single: want = lo; break;
        case linkage_method::complete: want = hi; break;
        case linkage_method::average: want = total / (na * nb); break;
        case linkage_method::ward:
          want = std::sqrt(2 * na * nb / (na + nb)) * (sum[m.a] / na - sum[m.b] / nb).norm();
          break;
        case linkage_method::weighted: break;
      }
      if (std::abs(want - m.height) > 1e-9 * std::max(1.0, want)) ++failures;
    }
    CHECK(failures == 0);
  }
}

TEST_CASE("linkage of rows: dense and sparse, float and double, any thread count, the same tree", "[cluster]") {
  std::mt19937_64 rng(3);
  Eigen::MatrixXd dense = random_points(70, 12, rng).cwiseMax(0.0);  // about half zeros
  for (Eigen::Index i = 0; i < dense.rows(); ++i) dense(i, i % dense.cols()) += 0.5;  // no zero rows
  const Eigen::SparseMatrix<double, Eigen::RowMajor> sparse = dense.sparseView();
  const Eigen::SparseMatrix<float, Eigen::RowMajor> sparse_float = sparse.cast<float>();
  for (const auto metric : {plansim::distance_metric::cosine, plansim::distance_metric::euclidean}) {
    const std::vector<double> y = plansim::condensed_distances(dense, metric);
    CHECK(plansim::condensed_distances(dense, metric, 3) == y);
    const std::vector<double> ys = plansim::condensed_distances(sparse, metric, 2);
    REQUIRE(ys.size() == y.size());
    for (std::size_t p = 0; p < y.size(); ++p) CHECK_THAT(ys[p], Catch::Matchers::WithinAbs(y[p], 1e-14));
    for (const linkage_method method : all_methods) {
      if (method == linkage_method::ward && metric == plansim::distance_metric::cosine) continue;
      INFO(plansim::linkage_method_name(method));
      const linkage_matrix want = plansim::linkage(y, 70, method);
      CHECK(plansim::linkage(dense, method, metric) == want);
      CHECK(plansim::linkage(dense, method, metric, 4) == want);
      check_same(plansim::linkage(sparse, method, metric, 0), want, 1e-12);
      check_same(plansim::linkage(sparse_float, method, metric), plansim::linkage(dense.cast<float>().eval(), method, metric), 1e-6);
    }
  }
}

TEST_CASE("condensed_distances and distance_matrix on rows worked by hand", "[cluster]") {
  Eigen::MatrixXd x(3, 2);
  x << 3, 4,   // |x0| = 5
      6, 8,    // same direction as row 0
      -4, 3;   // orthogonal to row 0
  const std::vector<double> cosine = plansim::condensed_distances(x, plansim::distance_metric::cosine);
  REQUIRE(cosine.size() == 3);
  CHECK(cosine[0] == Catch::Approx(0.0).margin(1e-15));
  CHECK(cosine[1] == Catch::Approx(1.0));
  CHECK(cosine[2] == Catch::Approx(1.0));
  const std::vector<double> euclid = plansim::condensed_distances(x, plansim::distance_metric::euclidean);
  CHECK(euclid == std::vector<double>{5.0, std::sqrt(50.0), std::sqrt(125.0)});
  const Eigen::MatrixXd square = plansim::distance_matrix(x, plansim::distance_metric::euclidean, 2);
  CHECK(square.diagonal().isZero());
  CHECK(square(0, 1) == 5.0);
  CHECK(square(1, 0) == 5.0);
  CHECK(square(2, 1) == std::sqrt(125.0));
  CHECK(square == square.transpose());
  // Opposite rows: cosine distance 2, never above.
  Eigen::MatrixXd opposite(2, 2);
  opposite << 1, 1, -1, -1;
  CHECK(plansim::condensed_distances(opposite, plansim::distance_metric::cosine)[0] == Catch::Approx(2.0));
  CHECK(plansim::condensed_distances(opposite, plansim::distance_metric::cosine)[0] <= 2.0);
}

TEST_CASE("linkage and distance errors name the problem", "[cluster]") {
  using Catch::Matchers::Equals;
  CHECK_THROWS_WITH(plansim::linkage(std::vector<double>{}, 0, linkage_method::single),
                    Equals("[plansim.hierarchy.1] linkage: there are no documents (n = 0) (pass n >= 1)"));
  CHECK_THROWS_AS(plansim::linkage(std::vector<double>{1, 2}, 3, linkage_method::average), plansim::dimension_mismatch);
  CHECK_THROWS_WITH(plansim::linkage(std::vector<double>{1, 2}, 3, linkage_method::average),
                    Equals("[plansim.hierarchy.2] linkage: the condensed distances hold 2 values, but n = 3 needs "
                           "n(n-1)/2 = 3 (pass SciPy pdist order: d(i, j) for i < j, row after row)"));
  CHECK_THROWS_WITH(plansim::linkage(std::vector<double>{1, 2, std::nan(""), 1, 1, 1}, 4, linkage_method::ward),
                    Equals("[plansim.hierarchy.3] linkage: the distance of pair (0, 3) is nan (distances must be "
                           "finite and >= 0)"));
  CHECK_THROWS_WITH(plansim::linkage(std::vector<double>{1, 2, 1, 1, -0.5, 1}, 4, linkage_method::single),
                    Equals("[plansim.hierarchy.3] linkage: the distance of pair (1, 3) is -0.5 (distances must be "
                           "finite and >= 0)"));
  CHECK_THROWS_WITH(plansim::linkage(std::vector<double>{1, 2, std::numeric_limits<double>::infinity()}, 3,
                                     linkage_method::complete),
                    Equals("[plansim.hierarchy.3] linkage: the distance of pair (1, 2) is inf (distances must be "
                           "finite and >= 0)"));
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 0, 0, 0, 1;
  CHECK_THROWS_WITH(plansim::linkage(x, linkage_method::ward, plansim::distance_metric::cosine),
                    Equals("[plansim.hierarchy.4] linkage: Ward's method needs Euclidean distances, not cosine (use "
                           "distance_metric::euclidean, on l2-normalised rows for a cosine-like Ward)"));
  CHECK_THROWS_WITH(plansim::linkage(x, linkage_method::average, plansim::distance_metric::cosine),
                    Equals("[plansim.cluster.2] condensed_distances: row 1 is all zeros, so it has no direction for "
                           "cosine (drop empty documents (or ones whose terms were all pruned) before clustering by "
                           "cosine)"));
  CHECK(plansim::linkage(x, linkage_method::ward, plansim::distance_metric::euclidean).size() == 2);
  CHECK(plansim::distance_matrix(Eigen::MatrixXd(0, 3), plansim::distance_metric::euclidean).size() == 0);
  x(2, 0) = std::nan("");
  CHECK_THROWS_WITH(plansim::condensed_distances(x, plansim::distance_metric::euclidean),
                    Equals("[plansim.cluster.1] condensed_distances: row 2 holds NaN or infinity (clean or drop "
                           "that document's vector before clustering)"));
}
