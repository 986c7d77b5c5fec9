#include <plansim/similarity.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <type_traits>

#include "catch.hpp"
#include "similarity/similarity_fixtures.hpp"

using plansim::measure;
using namespace plansim_test;

TEST_CASE("measures by hand", "[similarity][measures]") {
  // x = (1, 2, 0), y = (0, 2, 2): x·y = 4, |x|² = 5, |y|² = 8.
  Eigen::Matrix<double, 2, 3, Eigen::RowMajor> rows;
  rows << 1, 2, 0, 0, 2, 2;
  auto at = [&](measure m) { return plansim::pairwise(rows, m)(0, 1); };
  CHECK(at(measure::dot) == Catch::Approx(4.0));
  CHECK(at(measure::cosine) == Catch::Approx(4.0 / std::sqrt(40.0)));
  CHECK(at(measure::jaccard) == Catch::Approx(1.0 / 3.0));
  CHECK(at(measure::dice) == Catch::Approx(8.0 / 13.0));
  CHECK(at(measure::tanimoto) == Catch::Approx(4.0 / 9.0));
  CHECK(at(measure::euclidean) == Catch::Approx(std::sqrt(5.0)));
  // Pearson over all 3 columns: means 1 and 4/3; centred (0, 1, -1), (-4/3, 2/3, 2/3).
  CHECK(at(measure::pearson) == Catch::Approx((2.0 / 3.0 - 2.0 / 3.0) / std::sqrt(2.0 * (24.0 / 9.0))).margin(1e-12));
  // p = (1/3, 2/3, 0), q = (0, 1/2, 1/2): BC = √(1/3).
  CHECK(at(measure::hellinger) == Catch::Approx(std::sqrt(1.0 - std::sqrt(1.0 / 3.0))));
  // JSD: m = (1/6, 7/12, 1/4).
  const double jsd = 0.5 * ((1.0 / 3.0) * std::log(2.0) + (2.0 / 3.0) * std::log((2.0 / 3.0) / (7.0 / 12.0))) +
                     0.5 * (0.5 * std::log(0.5 / (7.0 / 12.0)) + 0.5 * std::log(2.0));
  CHECK(at(measure::jensen_shannon) == Catch::Approx(std::sqrt(jsd)));
  CHECK(plansim::is_distance(measure::euclidean));
  CHECK_FALSE(plansim::is_distance(measure::cosine));
}

TEMPLATE_TEST_CASE("full matrices match the naive reference, symmetric, self-similarity 1", "[similarity][pairwise]", float,
                   double) {
  const auto x = random_sparse<TestType>(23, 17, 0.2, 101);
  const auto q = random_sparse<TestType>(6, 17, 0.3, 102);
  const auto xd = random_dense<TestType>(13, 5, 103, true);
  const Eigen::MatrixXd xr = plansim::naive_rows(x), qr = plansim::naive_rows(q), dr = plansim::naive_rows(xd);
  for (const measure m : all_measures()) {
    INFO("measure " << plansim::measure_name(m));
    const double tol = tolerance<TestType>(m);
    const auto full = plansim::pairwise(x, m);
    CHECK(full == full.transpose());
    CHECK((full.template cast<double>() - plansim::naive_pairwise(xr, xr, m)).cwiseAbs().maxCoeff() <= tol * 10);
    const auto cross = plansim::pairwise(q, x, m);
    CHECK((cross.template cast<double>() - plansim::naive_pairwise(qr, xr, m)).cwiseAbs().maxCoeff() <= tol * 10);
    const auto dense_full = plansim::pairwise(xd, m);
    CHECK(dense_full == dense_full.transpose());
    CHECK((dense_full.template cast<double>() - plansim::naive_pairwise(dr, dr, m)).cwiseAbs().maxCoeff() <= tol * 10);
    CHECK_FALSE(full.hasNaN());
  }
  const auto cosine = plansim::pairwise(x);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (xr.row(i).squaredNorm() == 0.0) {
      CHECK(cosine(i, i) == TestType(0));  // an empty row
    } else {
      CHECK(static_cast<double>(cosine(i, i)) == Catch::Approx(1.0).margin(1e-6));
    }
  }
}

TEST_CASE("kernel configuration files round-trip and reject typos", "[similarity][config]") {
  const auto folder = std::filesystem::temp_directory_path() / "plansim_similarity_config_test";
  std::filesystem::create_directories(folder);
  const auto path = folder / "kernel.conf";
  const plansim::kernel_config tuned{.query_block = 128, .doc_block = 32768, .tile_docs = 1024, .dense_terms = 64,
                                     .dense_min_df = 0.125, .threads = 2, .prune = plansim::pruning::off};
  plansim::save_kernel_config(path, tuned);
  CHECK(plansim::load_kernel_config(path) == tuned);
  {
    std::ofstream out(path);
    out << "# partial\n\nthreads = 3\n";
  }
  plansim::kernel_config expected;
  expected.threads = 3;
  CHECK(plansim::load_kernel_config(path) == expected);
  {
    std::ofstream out(path);
    out << "thread = 3\n";
  }
  CHECK_THROWS_WITH(plansim::load_kernel_config(path),
                    "[plansim.similarity.8] " + path.string() +
                        ":1: unknown key 'thread' (use query_block, doc_block, tile_docs, dense_terms, dense_min_df, "
                        "threads or prune)");
  {
    std::ofstream out(path);
    out << "doc_block = -4\n";
  }
  CHECK_THROWS_AS(plansim::load_kernel_config(path), plansim::data_error);
  {
    std::ofstream out(path);
    out << "prune = maybe\n";
  }
  CHECK_THROWS_WITH(plansim::load_kernel_config(path), "[plansim.similarity.8] " + path.string() +
                                                           ":1: bad value 'maybe' for prune (give off, automatic or always)");
  {
    std::ofstream out(path);
    out << "doc_block = 0\n";
  }
  CHECK_THROWS_AS(plansim::load_kernel_config(path), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::load_kernel_config(folder / "missing.conf"), plansim::io_error);
  std::filesystem::remove_all(folder);
}

// Masks are template parameters checked by a concept: no virtual call per pair.
static_assert(plansim::pair_mask<plansim::no_mask>);
static_assert(plansim::pair_mask<plansim::group_mask>);
static_assert(plansim::pair_mask<plansim::pattern_mask>);
static_assert(!plansim::pair_mask<int>);
static_assert(!std::is_polymorphic_v<plansim::group_mask> && !std::is_polymorphic_v<plansim::pattern_mask>);
