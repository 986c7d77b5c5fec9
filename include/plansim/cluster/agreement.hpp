#pragma once
/// @file
/// How far two labellings of the same documents agree: the contingency table, the adjusted Rand
/// index, normalised and adjusted mutual information. Labels may be cluster ids or strings (a
/// metadata column such as a council's type or region), so a clustering can be checked against
/// what is known about the documents. Each matches scikit-learn's function of the same name.
///
/// With n_ij the documents in class i of `a` and cluster j of `b`, a_i and b_j the row and column
/// sums, N the documents:
///
///     ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))
///           over the pair-confusion counts tp = Σ n_ij² − N, fp = Σ a_i² − Σ n_ij²,
///           fn = Σ b_j² − Σ n_ij², tn = N² − tp − fp − fn − N   (scikit-learn's form; 1 when
///           fp = fn = 0, e.g. both labellings one cluster, or both all singletons)
///     MI  = Σ_ij (n_ij/N) ln(N n_ij / (a_i b_j))
///     H(a) = −Σ_i (a_i/N) ln(a_i/N)
///     NMI = MI / ((H(a) + H(b)) / 2)          (the arithmetic mean, scikit-learn's default)
///     AMI = (MI − E[MI]) / ((H(a) + H(b)) / 2 − E[MI])
///
/// E[MI] is the exact expectation under the hypergeometric model of random labellings with the
/// same cluster sizes (Vinh, Epps and Bailey, "Information theoretic measures for clusterings
/// comparison", JMLR 11, 2010), summed in log-gamma form as scikit-learn does. Special cases
/// follow scikit-learn: both labellings a single cluster gives NMI = AMI = 1; MI = 0 gives NMI = 0;
/// a zero AMI denominator is replaced by ±machine epsilon. Hubert and Arabie, "Comparing
/// partitions", J. Classification 2, 1985, for ARI.
///
/// Errors: labellings of different lengths, dimension_mismatch `[plansim.cluster.12]`.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plansim/error.hpp"

namespace plansim {

/// Counts of documents per (label of a, label of b); rows and columns in sorted label order.
struct contingency {
  std::vector<int> row_labels, column_labels;
  Eigen::MatrixXi counts;
};

namespace detail {

inline void check_same_length(std::size_t a, std::size_t b, const char* caller) {
  if (a != b)
    throw dimension_mismatch("cluster", 12, caller,
                             "the labellings cover " + std::to_string(a) + " and " + std::to_string(b) + " documents",
                             "compare two labellings of the same documents, in the same order");
}

template <class T>
std::vector<int> encode(std::span<const T> labels, std::vector<T>& distinct) {
  distinct.assign(labels.begin(), labels.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<int> out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    out[i] = static_cast<int>(std::lower_bound(distinct.begin(), distinct.end(), labels[i]) - distinct.begin());
  return out;
}

/// Contingency of already encoded labels (0..ra−1, 0..rb−1).
inline Eigen::MatrixXi count_pairs(const std::vector<int>& a, int ra, const std::vector<int>& b, int rb) {
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(ra, rb);
  for (std::size_t i = 0; i < a.size(); ++i) ++counts(a[i], b[i]);
  return counts;
}

inline double entropy_of(const Eigen::VectorXd& sizes) {
  // scikit-learn's entropy(): 0 for one cluster; −Σ (p/s)(ln p − ln s)
  std::size_t used = 0;
  double total = 0.0;
  for (const double s : sizes)
    if (s > 0) {
      ++used;
      total += s;
    }
  if (used <= 1) return 0.0;
  const double log_total = std::log(total);
  double h = 0.0;
  for (const double s : sizes)
    if (s > 0) h -= (s / total) * (std::log(s) - log_total);
  return h;
}

inline double mutual_info(const Eigen::MatrixXi& c) {
  if (c.rows() <= 1 || c.cols() <= 1) return 0.0;
  const Eigen::VectorXd a = c.cast<double>().rowwise().sum(), b = c.cast<double>().colwise().sum().transpose();
  const double n = a.sum();
  const double log_n = std::log(n);
  double mi = 0.0;
  for (Eigen::Index i = 0; i < c.rows(); ++i)
    for (Eigen::Index j = 0; j < c.cols(); ++j) {
      const double nij = c(i, j);
      if (nij <= 0) continue;
      // scikit-learn's arrangement; terms below machine epsilon are dropped
      const double p = nij / n;
      const double term = p * (std::log(nij) - log_n) + p * (-std::log(a[i] * b[j]) + 2.0 * log_n);
      if (std::abs(term) >= std::numeric_limits<double>::epsilon()) mi += term;
    }
  return std::max(0.0, mi);
}

inline double expected_mutual_info(const Eigen::MatrixXi& c) {
  if (c.rows() <= 1 || c.cols() <= 1) return 0.0;
  const Eigen::VectorXi a = c.rowwise().sum(), b = c.colwise().sum().transpose();
  const int n = a.sum();
  const double dn = n;
  const double gln_n = std::lgamma(dn + 1.0);
  double emi = 0.0;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    for (Eigen::Index j = 0; j < b.size(); ++j) {
      const int ai = a[i], bj = b[j];
      const double base = std::lgamma(ai + 1.0) + std::lgamma(bj + 1.0) + std::lgamma(dn - ai + 1.0) +
                          std::lgamma(dn - bj + 1.0) - gln_n;
      for (int nij = std::max(1, ai - n + bj); nij <= std::min(ai, bj); ++nij) {
        const double term1 = nij / dn;
        const double term2 = std::log(dn * nij) - std::log(static_cast<double>(ai)) - std::log(static_cast<double>(bj));
        const double gln = base - std::lgamma(nij + 1.0) - std::lgamma(ai - nij + 1.0) - std::lgamma(bj - nij + 1.0) -
                           std::lgamma(dn - ai - bj + nij + 1.0);
        emi += term1 * term2 * std::exp(gln);
      }
    }
  return emi;
}

inline double ari_of(const Eigen::MatrixXi& c) {
  const double n = c.cast<double>().sum();
  const double sum_squares = c.cast<double>().array().square().sum();
  const double rows_sq = c.cast<double>().rowwise().sum().array().square().sum();
  const double cols_sq = c.cast<double>().colwise().sum().array().square().sum();
  const double tp = sum_squares - n;
  const double fp = cols_sq - sum_squares;  // scikit-learn's C[0, 1]
  const double fn = rows_sq - sum_squares;  // C[1, 0]
  const double tn = n * n - fp - fn - sum_squares;
  if (fn == 0 && fp == 0) return 1.0;
  return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

inline double nmi_of(const Eigen::MatrixXi& c) {
  if ((c.rows() == 1 && c.cols() == 1) || c.size() == 0) return 1.0;
  const double mi = mutual_info(c);
  if (mi == 0.0) return 0.0;
  const double ha = entropy_of(c.cast<double>().rowwise().sum()), hb = entropy_of(c.cast<double>().colwise().sum().transpose());
  return mi / ((ha + hb) / 2.0);
}

inline double ami_of(const Eigen::MatrixXi& c) {
  if ((c.rows() == 1 && c.cols() == 1) || c.size() == 0) return 1.0;
  const double mi = mutual_info(c);
  const double emi = expected_mutual_info(c);
  const double ha = entropy_of(c.cast<double>().rowwise().sum()), hb = entropy_of(c.cast<double>().colwise().sum().transpose());
  double denominator = (ha + hb) / 2.0 - emi;
  const double eps = std::numeric_limits<double>::epsilon();
  denominator = denominator < 0 ? std::min(denominator, -eps) : std::max(denominator, eps);
  return (mi - emi) / denominator;
}

template <class T>
Eigen::MatrixXi contingency_of(std::span<const T> a, std::span<const T> b, const char* caller) {
  check_same_length(a.size(), b.size(), caller);
  std::vector<T> da, db;
  const auto ea = encode(a, da), eb = encode(b, db);
  return count_pairs(ea, static_cast<int>(da.size()), eb, static_cast<int>(db.size()));
}

}  // namespace detail

/// Documents per (label of a, label of b).
inline contingency contingency_table(std::span<const int> a, std::span<const int> b) {
  detail::check_same_length(a.size(), b.size(), "contingency_table");
  contingency out;
  const auto ea = detail::encode(a, out.row_labels), eb = detail::encode(b, out.column_labels);
  out.counts = detail::count_pairs(ea, static_cast<int>(out.row_labels.size()), eb, static_cast<int>(out.column_labels.size()));
  return out;
}

inline double adjusted_rand_index(std::span<const int> a, std::span<const int> b) {
  return detail::ari_of(detail::contingency_of(a, b, "adjusted_rand_index"));
}
inline double normalized_mutual_info(std::span<const int> a, std::span<const int> b) {
  return detail::nmi_of(detail::contingency_of(a, b, "normalized_mutual_info"));
}
inline double adjusted_mutual_info(std::span<const int> a, std::span<const int> b) {
  return detail::ami_of(detail::contingency_of(a, b, "adjusted_mutual_info"));
}

/// String labels (metadata columns): the same measures, labels compared as exact strings.
inline double adjusted_rand_index(std::span<const std::string> a, std::span<const std::string> b) {
  return detail::ari_of(detail::contingency_of(a, b, "adjusted_rand_index"));
}
inline double normalized_mutual_info(std::span<const std::string> a, std::span<const std::string> b) {
  return detail::nmi_of(detail::contingency_of(a, b, "normalized_mutual_info"));
}
inline double adjusted_mutual_info(std::span<const std::string> a, std::span<const std::string> b) {
  return detail::ami_of(detail::contingency_of(a, b, "adjusted_mutual_info"));
}
/// A clustering against a metadata column.
inline double adjusted_rand_index(std::span<const int> a, std::span<const std::string> b) {
  std::vector<std::string> as;
  as.reserve(a.size());
  for (const int v : a) as.push_back(std::to_string(v));
  return adjusted_rand_index(std::span<const std::string>(as), b);
}
inline double normalized_mutual_info(std::span<const int> a, std::span<const std::string> b) {
  std::vector<std::string> as;
  as.reserve(a.size());
  for (const int v : a) as.push_back(std::to_string(v));
  return normalized_mutual_info(std::span<const std::string>(as), b);
}
inline double adjusted_mutual_info(std::span<const int> a, std::span<const std::string> b) {
  std::vector<std::string> as;
  as.reserve(a.size());
  for (const int v : a) as.push_back(std::to_string(v));
  return adjusted_mutual_info(std::span<const std::string>(as), b);
}

}  // namespace plansim
