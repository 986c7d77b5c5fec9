#pragma once
/// @file
/// Cluster ids people can compare: canonical numbering, and matching one clustering's ids to an
/// earlier one's with the Hungarian algorithm.
///
/// k-means, linkage cuts and resamples number clusters arbitrarily, so "cluster 2" means nothing
/// across runs. `canonical_labels` renumbers by size (largest cluster 0; ties to the cluster whose
/// first document comes first). `match_labels` renames a new clustering's clusters so that they
/// overlap an earlier clustering's as much as possible (maximum total overlap, found as a
/// minimum-cost assignment), which keeps cluster ids stable when a corpus is re-run.
///
/// `hungarian` solves the rectangular assignment problem: for an R × C cost matrix it picks
/// min(R, C) cells, at most one per row and column, of least total cost. It is the O(R²·C)
/// shortest-augmenting-path form of the Kuhn–Munkres algorithm with potentials (Kuhn 1955;
/// Munkres 1957; Jonker and Volgenant, "A shortest augmenting path algorithm for dense and sparse
/// linear assignment problems", Computing 38, 1987). Rows beyond C, when R > C, stay unassigned
/// (`no_column`).
///
/// Errors (`[plansim.cluster.n]`): a cost that is NaN or infinite 11; a negative label 10; label
/// vectors of different lengths 12.

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "plansim/error.hpp"

namespace plansim {

/// Marks a row that `hungarian` left unassigned (only when there are more rows than columns).
inline constexpr std::size_t no_column = std::numeric_limits<std::size_t>::max();

/// Minimum-cost assignment of rows to columns: result[row] is the column, or `no_column`.
inline std::vector<std::size_t> hungarian(const Eigen::MatrixXd& cost) {
  if (!cost.allFinite())
    throw invalid_argument("cluster", 11, "hungarian", "the cost matrix holds NaN or infinity",
                           "give finite costs (use a large finite number for a forbidden pair)");
  const auto rows = static_cast<std::size_t>(cost.rows()), cols = static_cast<std::size_t>(cost.cols());
  if (rows == 0 || cols == 0) return std::vector<std::size_t>(rows, no_column);
  const bool transposed = rows > cols;
  const std::size_t n = transposed ? cols : rows, m = transposed ? rows : cols;  // n <= m
  auto a = [&](std::size_t i, std::size_t j) {  // 1-based
    return transposed ? cost(static_cast<Eigen::Index>(j - 1), static_cast<Eigen::Index>(i - 1))
                      : cost(static_cast<Eigen::Index>(i - 1), static_cast<Eigen::Index>(j - 1));
  };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0), min_slack(m + 1);
  std::vector<std::size_t> match(m + 1, 0), way(m + 1, 0);  // match[j]: row on column j (0 = none)
  std::vector<char> used(m + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    match[0] = i;
    std::size_t j0 = 0;
    std::fill(min_slack.begin(), min_slack.end(), inf);
    std::fill(used.begin(), used.end(), char{0});
    do {
      used[j0] = 1;
      const std::size_t i0 = match[j0];
      double delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double slack = a(i0, j) - u[i0] - v[j];
        if (slack < min_slack[j]) {
          min_slack[j] = slack;
          way[j] = j0;
        }
        if (min_slack[j] < delta) {
          delta = min_slack[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else {
          min_slack[j] -= delta;
        }
      }
      j0 = j1;
    } while (match[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<std::size_t> out(rows, no_column);
  for (std::size_t j = 1; j <= m; ++j) {
    if (match[j] == 0) continue;
    if (transposed)
      out[j - 1] = match[j] - 1;
    else
      out[match[j] - 1] = j - 1;
  }
  return out;
}

namespace detail {

inline void check_labels_non_negative(std::span<const int> labels, const char* caller) {
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0)
      throw invalid_argument("cluster", 10, caller,
                             "label " + std::to_string(labels[i]) + " of document " + std::to_string(i) + " is negative",
                             "number clusters 0, 1, 2, ...");
}

}  // namespace detail

/// The same partition renumbered 0..k−1 by cluster size, largest first; equal sizes in the order
/// of each cluster's first document. Any non-negative ids in; gaps are closed.
inline std::vector<int> canonical_labels(std::span<const int> labels) {
  detail::check_labels_non_negative(labels, "canonical_labels");
  struct info {
    std::size_t size = 0, first = 0;
    int label = 0;
  };
  std::map<int, info> clusters;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto [it, fresh] = clusters.try_emplace(labels[i]);
    if (fresh) {
      it->second.first = i;
      it->second.label = labels[i];
    }
    ++it->second.size;
  }
  std::vector<info> order;
  order.reserve(clusters.size());
  for (const auto& [label, c] : clusters) order.push_back(c);
  std::sort(order.begin(), order.end(),
            [](const info& a, const info& b) { return a.size != b.size ? a.size > b.size : a.first < b.first; });
  std::map<int, int> rename;
  for (std::size_t r = 0; r < order.size(); ++r) rename[order[r].label] = static_cast<int>(r);
  std::vector<int> out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) out[i] = rename[labels[i]];
  return out;
}

/// `labels` renamed to agree with `earlier` (same documents, same order) as much as possible:
/// clusters are paired to maximise the number of documents whose id stays the same (Hungarian
/// algorithm on the negated overlap counts). A cluster with no partner (more clusters now than
/// before) gets a fresh id above every earlier id, in canonical order (larger first).
inline std::vector<int> match_labels(std::span<const int> labels, std::span<const int> earlier) {
  if (labels.size() != earlier.size())
    throw dimension_mismatch("cluster", 12, "match_labels",
                             "the labellings cover " + std::to_string(labels.size()) + " and " +
                                 std::to_string(earlier.size()) + " documents",
                             "match two labellings of the same documents");
  detail::check_labels_non_negative(earlier, "match_labels");
  const std::vector<int> now = canonical_labels(labels);
  const std::size_t k_now = now.empty() ? 0 : static_cast<std::size_t>(*std::max_element(now.begin(), now.end())) + 1;
  std::vector<int> before_ids(earlier.begin(), earlier.end());
  std::sort(before_ids.begin(), before_ids.end());
  before_ids.erase(std::unique(before_ids.begin(), before_ids.end()), before_ids.end());
  Eigen::MatrixXd cost = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k_now), static_cast<Eigen::Index>(before_ids.size()));
  for (std::size_t i = 0; i < now.size(); ++i) {
    const auto column = std::lower_bound(before_ids.begin(), before_ids.end(), earlier[i]) - before_ids.begin();
    cost(now[i], column) -= 1.0;
  }
  const auto pairing = hungarian(cost);
  int fresh = before_ids.empty() ? 0 : before_ids.back() + 1;
  std::vector<int> rename(k_now);
  for (std::size_t c = 0; c < k_now; ++c)
    rename[c] = pairing[c] == no_column ? fresh++ : before_ids[pairing[c]];
  std::vector<int> out(now.size());
  for (std::size_t i = 0; i < now.size(); ++i) out[i] = rename[static_cast<std::size_t>(now[i])];
  return out;
}

}  // namespace plansim
