#pragma once
/// @file
/// Naive reference kernels, for tests and benchmarks: the whole score matrix in double, each
/// entry from the textbook formula on dense rows (written independently of the fast kernels'
/// x·y reduction: centred sums for Pearson, (1/√2)‖√p − √q‖ for Hellinger, ½KL + ½KL for
/// Jensen–Shannon), then a full sort or filter.
///
///     Eigen::MatrixXd rows = plansim::naive_rows(x);              // any sparse or dense matrix
///     Eigen::MatrixXd s = plansim::naive_pairwise(rows, rows, plansim::measure::cosine);
///     auto expected = plansim::naive_top_k<float>(s, plansim::measure::cosine, 10, true);
///
/// O(Nq·N·d) time and O(Nq·N) memory: small inputs only. Ordering and result types are those of
/// the fast kernels (neighbors.hpp), with scores rounded to `Scalar` after ranking in double.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include "plansim/similarity/mask.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim {

/// Any sparse matrix as dense double rows.
template <class Derived>
Eigen::MatrixXd naive_rows(const Eigen::SparseMatrixBase<Derived>& x) {
  return Eigen::MatrixXd(x.derived().template cast<double>());
}

/// Any dense matrix as dense double rows.
template <class Derived>
Eigen::MatrixXd naive_rows(const Eigen::MatrixBase<Derived>& x) {
  return x.derived().template cast<double>();
}

/// The measure of one pair of dense rows, straight from its definition.
inline double naive_score(const Eigen::VectorXd& x, const Eigen::VectorXd& y, measure m) {
  const double n = static_cast<double>(x.size());
  switch (m) {
    case measure::dot: return x.dot(y);
    case measure::cosine: {
      const double d = x.norm() * y.norm();
      return d > 0.0 ? x.dot(y) / d : 0.0;
    }
    case measure::jaccard: {
      double both = 0.0, either = 0.0;
      for (Eigen::Index c = 0; c < x.size(); ++c) {
        both += (x[c] != 0.0 && y[c] != 0.0) ? 1.0 : 0.0;
        either += (x[c] != 0.0 || y[c] != 0.0) ? 1.0 : 0.0;
      }
      return either > 0.0 ? both / either : 0.0;
    }
    case measure::dice: {
      const double d = x.squaredNorm() + y.squaredNorm();
      return d > 0.0 ? 2.0 * x.dot(y) / d : 0.0;
    }
    case measure::tanimoto: {
      const double d = x.squaredNorm() + y.squaredNorm() - x.dot(y);
      return d > 0.0 ? x.dot(y) / d : 0.0;
    }
    case measure::pearson: {
      if (n == 0.0) return 0.0;
      const Eigen::VectorXd cx = x.array() - x.sum() / n;
      const Eigen::VectorXd cy = y.array() - y.sum() / n;
      const double vx = cx.squaredNorm(), vy = cy.squaredNorm();
      if (!(vx > 1e-12 * x.squaredNorm()) || !(vy > 1e-12 * y.squaredNorm())) return 0.0;
      return cx.dot(cy) / std::sqrt(vx * vy);
    }
    case measure::euclidean: return (x - y).norm();
    case measure::hellinger: {
      const double sx = x.sum(), sy = y.sum();
      if (!(sx > 0.0 && sy > 0.0)) return 1.0;
      return ((x.array() / sx).sqrt() - (y.array() / sy).sqrt()).matrix().norm() / std::sqrt(2.0);
    }
    case measure::jensen_shannon: {
      const double sx = x.sum(), sy = y.sum();
      if (!(sx > 0.0 && sy > 0.0)) return std::sqrt(std::log(2.0));
      double kl_p = 0.0, kl_q = 0.0;
      for (Eigen::Index c = 0; c < x.size(); ++c) {
        const double p = x[c] / sx, q = y[c] / sy, mid = 0.5 * (p + q);
        if (p > 0.0) kl_p += p * std::log(p / mid);
        if (q > 0.0) kl_q += q * std::log(q / mid);
      }
      return std::sqrt(std::max(0.0, 0.5 * kl_p + 0.5 * kl_q));
    }
  }
  return 0.0;
}

/// The Nq × N matrix of `m` between the rows of `q` and of `x`, every entry computed alone.
inline Eigen::MatrixXd naive_pairwise(const Eigen::MatrixXd& q, const Eigen::MatrixXd& x, measure m) {
  Eigen::MatrixXd out(q.rows(), x.rows());
  for (Eigen::Index i = 0; i < q.rows(); ++i)
    for (Eigen::Index j = 0; j < x.rows(); ++j) out(i, j) = naive_score(q.row(i).transpose(), x.row(j).transpose(), m);
  return out;
}

/// Top-k by sorting each row of a full score matrix: (better score first, then smaller id).
/// `self` leaves j == i out of row i.
template <class Scalar, pair_mask Mask = no_mask>
neighbor_lists<Scalar> naive_top_k(const Eigen::MatrixXd& scores, measure m, Eigen::Index k, bool self,
                                   const Mask& mask = {}) {
  std::vector<std::size_t> offsets{0};
  std::vector<neighbor<Scalar>> entries;
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    std::vector<Eigen::Index> ids;
    for (Eigen::Index j = 0; j < scores.cols(); ++j)
      if (!(self && i == j) && mask.allows(i, j)) ids.push_back(j);
    std::sort(ids.begin(), ids.end(), [&](Eigen::Index a, Eigen::Index b) {
      const double ka = is_distance(m) ? -scores(i, a) : scores(i, a);
      const double kb = is_distance(m) ? -scores(i, b) : scores(i, b);
      return ka != kb ? ka > kb : a < b;
    });
    ids.resize(std::min(ids.size(), static_cast<std::size_t>(k)));
    for (const auto j : ids) entries.push_back({j, static_cast<Scalar>(scores(i, j))});
    offsets.push_back(entries.size());
  }
  return {std::move(offsets), std::move(entries)};
}

/// Threshold by filtering a full score matrix: similarity >= t (distance <= t); `self` keeps
/// only i < j.
template <class Scalar, pair_mask Mask = no_mask>
pair_list<Scalar> naive_threshold(const Eigen::MatrixXd& scores, measure m, double t, bool self, const Mask& mask = {}) {
  pair_list<Scalar> out;
  for (Eigen::Index i = 0; i < scores.rows(); ++i)
    for (Eigen::Index j = self ? i + 1 : 0; j < scores.cols(); ++j) {
      const double s = scores(i, j);
      if ((is_distance(m) ? s <= t : s >= t) && mask.allows(i, j)) out.push_back({i, j, static_cast<Scalar>(s)});
    }
  return out;
}

}  // namespace plansim
