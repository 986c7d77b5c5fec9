// LSA: exact cases against Eigen's dense SVD, scikit-learn TruncatedSVD (arpack) fixture
// (tests/data/reduce/make_lsa_fixture.py), sign rule, thread invariance, errors.
#include <plansim/reduce.hpp>

#include <Eigen/SVD>

#include <cmath>
#include <cstdint>
#include <vector>

#include "catch.hpp"
#include "cluster/cluster_fixture.hpp"

namespace {

plansim::weight_matrix<double> random_sparse(Eigen::Index rows, Eigen::Index cols, double density, std::uint64_t seed) {
  std::uint64_t state = seed;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < cols; ++j)
      if (next() < density) entries.emplace_back(static_cast<int>(i), static_cast<int>(j), next() + 0.1);
  plansim::weight_matrix<double> x(rows, cols);
  x.setFromTriplets(entries.begin(), entries.end());
  x.makeCompressed();
  return x;
}

}  // namespace

TEST_CASE("lsa: an exactly rank-3 matrix gives its singular values and reconstructs exactly", "[reduce]") {
  // X = A B with A 30 x 3 and B 3 x 20 sparse: rank 3.
  const Eigen::MatrixXd a = Eigen::MatrixXd(random_sparse(30, 3, 0.7, 1));
  const Eigen::MatrixXd b = Eigen::MatrixXd(random_sparse(3, 20, 0.5, 2));
  const Eigen::MatrixXd dense = a * b;
  const plansim::weight_matrix<double> x = dense.sparseView();
  const Eigen::JacobiSVD<Eigen::MatrixXd> exact(dense);
  plansim::lsa_options options;
  options.dimensions = 3;
  options.oversamples = 2;
  options.power_iterations = 1;
  const auto r = plansim::lsa(x, options);
  for (Eigen::Index c = 0; c < 3; ++c)
    CHECK_THAT(r.singular_values[c], Catch::Matchers::WithinRel(exact.singularValues()[c], 1e-8));
  CHECK((r.embedding * r.components - dense).cwiseAbs().maxCoeff() < 1e-8);
  // Components are orthonormal.
  CHECK((r.components * r.components.transpose() - Eigen::MatrixXd::Identity(3, 3)).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("lsa: with l = min(N, terms) the result is the exact SVD, float or double input", "[reduce]") {
  const auto x = random_sparse(25, 14, 0.3, 9);
  const Eigen::MatrixXd dense(x);
  const Eigen::BDCSVD<Eigen::MatrixXd> exact(dense, Eigen::ComputeThinU | Eigen::ComputeThinV);
  plansim::lsa_options options;
  options.dimensions = 6;
  options.oversamples = 100;  // clipped to 14
  const auto r = plansim::lsa(x, options);
  const auto f = plansim::lsa(plansim::weight_matrix<float>(x.cast<float>()), options);
  for (Eigen::Index c = 0; c < 6; ++c) {
    CHECK_THAT(r.singular_values[c], Catch::Matchers::WithinRel(exact.singularValues()[c], 1e-10));
    CHECK_THAT(f.singular_values[c], Catch::Matchers::WithinRel(exact.singularValues()[c], 1e-5));
    // Same direction as Eigen's vector up to sign.
    CHECK(std::abs(r.components.row(c).dot(exact.matrixV().col(c))) == Catch::Approx(1.0).epsilon(1e-10));
  }
}

TEST_CASE("lsa: singular values, explained variance and embedding as scikit-learn's TruncatedSVD", "[reduce]") {
  for (const auto& c : cluster_fixture::load("lsa_fixture.txt", "reduce")) {
    DYNAMIC_SECTION(c.name) {
      plansim::lsa_options options;
      options.dimensions = std::stoul(c.args.at(0));
      // The defaults (10 oversamples, 4 power iterations) approximate the leading singular values.
      const auto approximate = plansim::lsa(c.matrices.at("x").rows, options);
      // l = min(N, terms) = 30: the randomized range is the whole row space, so the result is
      // exact and must match ARPACK's to rounding.
      options.oversamples = 30;
      const auto r = plansim::lsa(c.matrices.at("x").rows, options);
      const auto& sv = c.vectors.at("singular_values");
      const auto& ev = c.vectors.at("explained_variance");
      const auto& ratio = c.vectors.at("explained_variance_ratio");
      const Eigen::MatrixXd& embedding = c.matrices.at("embedding").dense;
      for (std::size_t d = 0; d < sv.size(); ++d) {
        const auto dd = static_cast<Eigen::Index>(d);
        CHECK_THAT(r.singular_values[dd], Catch::Matchers::WithinRel(sv[d], 1e-10));
        CHECK_THAT(r.explained_variance[dd], Catch::Matchers::WithinRel(ev[d], 1e-8));
        CHECK_THAT(r.explained_variance_ratio[dd], Catch::Matchers::WithinRel(ratio[d], 1e-8));
        if (d < 2) CHECK_THAT(approximate.singular_values[dd], Catch::Matchers::WithinRel(sv[d], 1e-3));
        // scikit-learn 1.2 fixes signs on U, plansim on the components: compare up to sign.
        const double sign = r.embedding.col(dd).dot(embedding.col(dd)) < 0 ? -1.0 : 1.0;
        CHECK((sign * r.embedding.col(dd) - embedding.col(dd)).cwiseAbs().maxCoeff() < 1e-8);
      }
    }
  }
}

TEST_CASE("lsa: the largest entry of each component is positive; one seed, one result for any threads", "[reduce]") {
  const auto x = random_sparse(300, 80, 0.1, 4);
  plansim::lsa_options options;
  options.dimensions = 10;
  const auto one = plansim::lsa(x, options);
  for (Eigen::Index c = 0; c < 10; ++c) {
    Eigen::Index at = 0;
    one.components.row(c).cwiseAbs().maxCoeff(&at);
    CHECK(one.components(c, at) > 0);
  }
  for (Eigen::Index c = 1; c < 10; ++c) CHECK(one.singular_values[c] <= one.singular_values[c - 1]);
  CHECK(one.explained_variance_ratio.sum() <= 1.0);
  for (const std::size_t threads : {std::size_t{2}, std::size_t{3}}) {
    options.threads = threads;
    const auto many = plansim::lsa(x, options);
    CHECK(many.embedding == one.embedding);
    CHECK(many.components == one.components);
    CHECK(many.singular_values == one.singular_values);
  }
}

TEST_CASE("lsa: bad dimensions, empty matrices and NaN are refused", "[reduce]") {
  const auto x = random_sparse(5, 8, 0.5, 3);
  plansim::lsa_options options;
  options.dimensions = 0;
  CHECK_THROWS_WITH(plansim::lsa(x, options),
                    "[plansim.reduce.1] lsa: dimensions = 0 is outside 1..5 (the smaller of 5 documents and 8 terms) (ask for "
                    "at least 1 and at most min(documents, terms) dimensions)");
  options.dimensions = 6;
  CHECK_THROWS_AS(plansim::lsa(x, options), plansim::invalid_argument);
  options.dimensions = 5;
  CHECK_NOTHROW(plansim::lsa(x, options));
  CHECK_THROWS_WITH(plansim::lsa(plansim::weight_matrix<double>(0, 4), options),
                    "[plansim.reduce.3] lsa: the matrix is empty (0 rows, 4 columns) (reduce at least one document with at "
                    "least one term)");
  plansim::weight_matrix<double> bad = x;
  bad.coeffRef(3, 2) = std::nan("");
  options.dimensions = 2;
  CHECK_THROWS_WITH(plansim::lsa(bad, options),
                    "[plansim.reduce.2] lsa: row 3 holds NaN or infinity (clean or drop that document's vector first)");
}
