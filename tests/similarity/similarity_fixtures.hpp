#pragma once
// Random inputs and comparisons shared by the similarity tests.

#include <plansim/similarity.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "catch.hpp"

namespace plansim_test {

template <class Scalar>
using sparse = Eigen::SparseMatrix<Scalar, Eigen::RowMajor>;
template <class Scalar>
using dense = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

inline const std::vector<plansim::measure>& all_measures() {
  using plansim::measure;
  static const std::vector<measure> all{measure::cosine,    measure::dot,       measure::jaccard,
                                        measure::dice,      measure::tanimoto,  measure::pearson,
                                        measure::euclidean, measure::hellinger, measure::jensen_shannon};
  return all;
}

// A random non-negative sparse matrix: the first `frequent` columns are dense-ish (so the dense
// switch has terms to take), row 1 is empty, and rows 5..7 copy row 4 (exact ties).
template <class Scalar>
sparse<Scalar> random_sparse(Eigen::Index rows, Eigen::Index cols, double density, std::uint32_t seed,
                             Eigen::Index frequent = 4, bool signed_values = false) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Eigen::Triplet<Scalar>> entries;
  std::vector<std::vector<std::pair<Eigen::Index, Scalar>>> by_row(static_cast<std::size_t>(rows));
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) {
      const double p = c < frequent ? 0.6 : density;
      if (unit(rng) < p) {
        const double v = 0.1 + unit(rng);
        by_row[static_cast<std::size_t>(r)].emplace_back(c, static_cast<Scalar>(signed_values && unit(rng) < 0.5 ? -v : v));
      }
    }
  if (rows > 1) by_row[1].clear();
  for (Eigen::Index r = 5; r < std::min<Eigen::Index>(rows, 8); ++r) by_row[static_cast<std::size_t>(r)] = by_row[4];
  for (Eigen::Index r = 0; r < rows; ++r)
    for (const auto& [c, v] : by_row[static_cast<std::size_t>(r)]) entries.emplace_back(r, c, v);
  sparse<Scalar> out(rows, cols);
  out.setFromTriplets(entries.begin(), entries.end());
  return out;
}

// A random dense matrix with entries in [−1, 1] (non-negative when asked), row 1 zero, rows
// 5..7 copying row 4.
template <class Scalar>
dense<Scalar> random_dense(Eigen::Index rows, Eigen::Index cols, std::uint32_t seed, bool non_negative) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> value(non_negative ? 0.0 : -1.0, 1.0);
  dense<Scalar> out(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) out(r, c) = static_cast<Scalar>(value(rng));
  if (rows > 1) out.row(1).setZero();
  for (Eigen::Index r = 5; r < std::min<Eigen::Index>(rows, 8); ++r) out.row(r) = out.row(4);
  return out;
}

// Euclidean and Hellinger take a square root of a difference that cancels for close rows, so
// their rounding error grows like √ε.
template <class Scalar>
double tolerance(plansim::measure m) {
  const bool root = m == plansim::measure::euclidean || m == plansim::measure::hellinger;
  if (std::is_same_v<Scalar, double>) return root ? 1e-6 : 1e-9;
  return root ? 3e-3 : 2e-4;
}

// Bit-for-bit equality of two result lists (field by field: the structs may have padding).
template <class Scalar>
bool same_bits(const std::vector<plansim::neighbor<Scalar>>& a, const std::vector<plansim::neighbor<Scalar>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t e = 0; e < a.size(); ++e)
    if (a[e].id != b[e].id || std::memcmp(&a[e].score, &b[e].score, sizeof(Scalar)) != 0) return false;
  return true;
}
template <class Scalar>
bool same_bits(const plansim::pair_list<Scalar>& a, const plansim::pair_list<Scalar>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t e = 0; e < a.size(); ++e)
    if (a[e].i != b[e].i || a[e].j != b[e].j || std::memcmp(&a[e].score, &b[e].score, sizeof(Scalar)) != 0) return false;
  return true;
}

inline bool near(double a, double b, double tol) { return std::abs(a - b) <= tol * std::max(1.0, std::abs(b)); }

// Top-k lists agree with the reference: same lengths, scores within tolerance rank by rank,
// every returned score right for its pair, and ids equal except inside near-ties; each list
// is ordered by its own scores with ties by id.
template <class Scalar>
void check_top_k(const plansim::neighbor_lists<Scalar>& got, const plansim::neighbor_lists<Scalar>& want,
                 const Eigen::MatrixXd& scores, plansim::measure m, double tol) {
  REQUIRE(got.size() == want.size());
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto g = got[i];
    const auto w = want[i];
    REQUIRE(g.size() == w.size());
    for (std::size_t e = 0; e < g.size(); ++e) {
      const double gs = static_cast<double>(g[e].score), ws = static_cast<double>(w[e].score);
      if (!near(gs, ws, tol)) ++wrong;
      if (!near(gs, scores(static_cast<Eigen::Index>(i), g[e].id), tol)) ++wrong;
      if (g[e].id != w[e].id && !near(scores(static_cast<Eigen::Index>(i), g[e].id), ws, tol)) ++wrong;
      if (e > 0) {
        const double prev = static_cast<double>(g[e - 1].score);
        const bool ordered = plansim::is_distance(m) ? (prev < gs || (prev == gs && g[e - 1].id < g[e].id))
                                                     : (prev > gs || (prev == gs && g[e - 1].id < g[e].id));
        if (!ordered) ++wrong;
      }
    }
  }
  CHECK(wrong == 0);
}

// Threshold lists agree with the reference, except pairs within tolerance of t.
template <class Scalar>
void check_pairs(const plansim::pair_list<Scalar>& got, const plansim::pair_list<Scalar>& want,
                 const Eigen::MatrixXd& scores, double t, double tol) {
  std::map<std::pair<Eigen::Index, Eigen::Index>, double> expected;
  for (const auto& p : want) expected[{p.i, p.j}] = static_cast<double>(p.score);
  std::size_t wrong = 0;
  for (std::size_t e = 1; e < got.size(); ++e)
    if (!(got[e - 1].i < got[e].i || (got[e - 1].i == got[e].i && got[e - 1].j < got[e].j))) ++wrong;
  std::set<std::pair<Eigen::Index, Eigen::Index>> seen;
  for (const auto& p : got) {
    seen.insert({p.i, p.j});
    const double truth = scores(p.i, p.j);
    if (!near(static_cast<double>(p.score), truth, tol)) ++wrong;
    if (!expected.contains({p.i, p.j}) && !near(truth, t, tol)) ++wrong;
  }
  for (const auto& [pair, score] : expected)
    if (!seen.contains(pair) && !near(score, t, tol)) ++wrong;
  CHECK(wrong == 0);
}

}  // namespace plansim_test
