#pragma once
/// @file
/// Reading a linkage matrix (cluster/linkage.hpp): flat clusters, cophenetic distances, the leaf
/// order and a drawing layout. Every function takes any valid SciPy-format linkage, not only
/// plansim's, and checks it first.
///
/// - `cut_by_height(z, h)`: `fcluster(z, h, 'distance')`. Let MD(c) be the largest merge height
///   inside cluster c (for monotone linkages, its own height). The flat clusters are the largest
///   clusters with MD ≤ h (inclusive); documents in none of them stay alone.
/// - `cut_by_k(z, k)`: `fcluster(z, k, 'maxclust')`: the cut above with the smallest threshold
///   among {−∞} ∪ {MD values} that leaves at most k clusters. When merges tie in height across the
///   cut, that can be FEWER than k clusters (equal heights are cut together or not at all);
///   `cut_exactly_k` always gives k: the partition after the first N − k rows (undo the last
///   k − 1), which is SciPy's `cut_tree(z, n_clusters=k)` whenever rows N − k − 1 and N − k differ
///   in height; among tied rows plansim follows the row order, `cut_tree` its own tree walk.
///   Labels are 0-based in canonical order: cluster 0 is the largest, ties broken by the smallest
///   document id in each cluster (SciPy numbers from 1 in leaf order; the partitions are equal).
/// - `cophenetic_distances(z)`: condensed (SciPy order) cophenetic distances, the height of the
///   merge that first joins i and j (Sokal & Rohlf 1962); `scipy.cluster.hierarchy.cophenet(z)`.
/// - `cophenetic_correlation(z, y)`: Pearson's r between y and the cophenetic distances, as
///   `cophenet(z, y)[0]`: Σ(y − ȳ)(c − c̄) / √(Σ(y − ȳ)² Σ(c − c̄)²).
/// - `leaves_order(z)`: documents left to right, `scipy.cluster.hierarchy.leaves_list(z)` (pre-order,
///   side a before side b).
/// - `is_monotone(z)`: heights never decrease down the rows (`is_monotonic`).
/// - `dendrogram(z)`: leaf positions 0..N−1 in leaf order and, per merge, its x (midpoint of its two
///   children, as SciPy's `dendrogram` with leaves at 5 + 10i) and height, for drawing.
///
/// All run in O(N²) at most (cophenetic distances are N(N − 1)/2 values), O(N log N) for cuts.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "plansim/cluster/labels.hpp"
#include "plansim/cluster/linkage.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

namespace detail {

/// Number of documents of a linkage matrix, after checking it is well formed.
inline std::size_t check_linkage(const linkage_matrix& z, const char* caller) {
  const std::size_t n = z.size() + 1;
  std::vector<std::size_t> size(2 * n - 1, 1);
  std::vector<char> used(2 * n - 1, 0);
  const auto fail = [&](std::size_t row, const std::string& problem) {
    throw invalid_argument("hierarchy", 5, caller, "linkage row " + std::to_string(row) + " " + problem,
                           "pass a linkage matrix as linkage() makes it (SciPy format)");
  };
  for (std::size_t k = 0; k < z.size(); ++k) {
    const merge& m = z[k];
    if (m.a == m.b) fail(k, "joins cluster " + std::to_string(m.a) + " with itself");
    if (m.a >= n + k || m.b >= n + k)
      fail(k, "uses cluster " + std::to_string(std::max(m.a, m.b)) + " before it is formed");
    if (used[m.a] || used[m.b])
      fail(k, "uses cluster " + std::to_string(used[m.a] ? m.a : m.b) + " a second time");
    if (!std::isfinite(m.height) || m.height < 0) fail(k, "has height " + format_number(m.height));
    if (m.size != size[m.a] + size[m.b])
      fail(k, "has size " + std::to_string(m.size) + ", but its sides hold " + std::to_string(size[m.a] + size[m.b]));
    used[m.a] = used[m.b] = 1;
    size[n + k] = m.size;
  }
  return n;
}

/// canonical_labels (cluster/labels.hpp) of per-document group ids (node numbers < 2N − 1).
inline std::vector<int> canonical_group_labels(const std::vector<std::size_t>& group) {
  std::vector<int> labels(group.size());
  std::transform(group.begin(), group.end(), labels.begin(), [](std::size_t g) { return static_cast<int>(g); });
  return canonical_labels(labels);
}

/// Checks a cut's cluster count against the N documents of the linkage.
inline void check_cluster_count(std::size_t k, std::size_t n, const char* caller) {
  if (k < 1 || k > n)
    throw invalid_argument("hierarchy", 7, caller, "k = " + std::to_string(k) + " is outside 1.." + std::to_string(n),
                           "ask for between 1 and N clusters");
}

/// MD: the largest height inside each merge's cluster (SciPy `get_max_dist_for_each_cluster`).
inline std::vector<double> max_heights(const linkage_matrix& z, std::size_t n) {
  std::vector<double> md(z.size());
  for (std::size_t k = 0; k < z.size(); ++k) {
    double h = z[k].height;
    if (z[k].a >= n) h = std::max(h, md[z[k].a - n]);
    if (z[k].b >= n) h = std::max(h, md[z[k].b - n]);
    md[k] = h;
  }
  return md;
}

/// Group of each document when the flat clusters are the largest with MD ≤ threshold:
/// the id of the covering merge, or the document itself. Also returns the number of groups.
inline std::size_t cut_groups(const linkage_matrix& z, std::size_t n, const std::vector<double>& md,
                              double threshold, std::vector<std::size_t>& group) {
  // cover[c]: the top merge node with MD ≤ threshold covering node c, or SIZE_MAX; top down.
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> cover(2 * n - 1, none);
  std::size_t groups = 0;
  for (std::size_t k = z.size(); k-- > 0;) {
    const std::size_t node = n + k;
    if (cover[node] == none && md[k] <= threshold) {
      cover[node] = node;
      ++groups;
    }
    cover[z[k].a] = cover[z[k].b] = cover[node];
  }
  group.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (cover[i] == none) ++groups;
    group[i] = cover[i] == none ? i : cover[i];
  }
  return groups;
}

/// Pre-order walk, side a first, of a checked linkage over n documents.
inline std::vector<std::size_t> leaves_order_of(const linkage_matrix& z, std::size_t n) {
  std::vector<std::size_t> out;
  out.reserve(n);
  std::vector<std::size_t> stack{2 * n - 2};
  while (!stack.empty()) {
    const std::size_t node = stack.back();
    stack.pop_back();
    if (node < n) {
      out.push_back(node);
    } else {
      stack.push_back(z[node - n].b);
      stack.push_back(z[node - n].a);
    }
  }
  return out;
}

}  // namespace detail

/// `scipy.cluster.hierarchy.is_monotonic`: every row's height is at least the previous one's.
inline bool is_monotone(const linkage_matrix& z) {
  for (std::size_t k = 1; k < z.size(); ++k)
    if (z[k].height < z[k - 1].height) return false;
  return true;
}

/// Flat clusters of documents joined at or below `height` (`fcluster(z, height, 'distance')`),
/// canonical 0-based labels. @throws invalid_argument [plansim.hierarchy.5] a malformed
/// linkage, [.6] a NaN height.
inline std::vector<int> cut_by_height(const linkage_matrix& z, double height) {
  const std::size_t n = detail::check_linkage(z, "cut_by_height");
  if (std::isnan(height))
    throw invalid_argument("hierarchy", 6, "cut_by_height", "the height is NaN", "pass a number");
  std::vector<std::size_t> group;
  detail::cut_groups(z, n, detail::max_heights(z, n), height, group);
  return detail::canonical_group_labels(group);
}

/// At most k flat clusters, SciPy `fcluster(z, k, 'maxclust')` (fewer when tied heights straddle
/// the cut; see the file comment), canonical 0-based labels.
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage, [.7] k < 1 or k > N.
inline std::vector<int> cut_by_k(const linkage_matrix& z, std::size_t k) {
  const std::size_t n = detail::check_linkage(z, "cut_by_k");
  detail::check_cluster_count(k, n, "cut_by_k");
  const std::vector<double> md = detail::max_heights(z, n);
  std::vector<double> candidates = md;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  candidates.insert(candidates.begin(), -std::numeric_limits<double>::infinity());
  std::vector<std::size_t> group;
  // The group count falls as the threshold rises: find the first candidate with count <= k.
  std::size_t lo = 0, hi = candidates.size() - 1;  // count(candidates.back()) == 1 <= k
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (detail::cut_groups(z, n, md, candidates[mid], group) <= k) hi = mid;
    else lo = mid + 1;
  }
  detail::cut_groups(z, n, md, candidates[lo], group);
  return detail::canonical_group_labels(group);
}

/// Exactly k flat clusters: the partition before the last k − 1 merges (SciPy
/// `cut_tree(z, n_clusters=k)`), canonical 0-based labels.
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage, [.7] k < 1 or k > N.
inline std::vector<int> cut_exactly_k(const linkage_matrix& z, std::size_t k) {
  const std::size_t n = detail::check_linkage(z, "cut_exactly_k");
  detail::check_cluster_count(k, n, "cut_exactly_k");
  // Group of every node: merges done (the first n − k rows) pass their id down to the leaves.
  std::vector<std::size_t> owner(2 * n - 1);
  std::iota(owner.begin(), owner.end(), std::size_t{0});
  for (std::size_t r = n - k; r-- > 0;) owner[z[r].a] = owner[z[r].b] = owner[n + r];
  std::vector<std::size_t> group(owner.begin(), owner.begin() + static_cast<std::ptrdiff_t>(n));
  return detail::canonical_group_labels(group);
}

/// Documents in dendrogram order, left to right (`scipy.cluster.hierarchy.leaves_list`).
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage.
inline std::vector<std::size_t> leaves_order(const linkage_matrix& z) {
  return detail::leaves_order_of(z, detail::check_linkage(z, "leaves_order"));
}

namespace detail {

/// Cophenetic distances of a checked linkage over n documents.
inline std::vector<double> cophenetic_of(const linkage_matrix& z, std::size_t n) {
  const std::vector<std::size_t> leaves = leaves_order_of(z, n);
  // Every node covers a contiguous run of `leaves`: side a first, then side b.
  std::vector<std::size_t> start(2 * n - 1, 0), size(2 * n - 1, 1);
  for (std::size_t k = 0; k < z.size(); ++k) size[n + k] = z[k].size;
  std::vector<double> out(n * (n - 1) / 2, 0.0);
  for (std::size_t k = z.size(); k-- > 0;) {
    const merge& m = z[k];
    start[m.a] = start[n + k];
    start[m.b] = start[n + k] + size[m.a];
    for (std::size_t p = start[m.a]; p < start[m.a] + size[m.a]; ++p)
      for (std::size_t q = start[m.b]; q < start[m.b] + size[m.b]; ++q) {
        const std::size_t i = std::min(leaves[p], leaves[q]), j = std::max(leaves[p], leaves[q]);
        out[detail::condensed_index(n, i, j)] = m.height;
      }
  }
  return out;
}

}  // namespace detail

/// Condensed cophenetic distances (SciPy order): for i < j, the height of the row that first puts
/// i and j in one cluster (`scipy.cluster.hierarchy.cophenet(z)`).
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage.
inline std::vector<double> cophenetic_distances(const linkage_matrix& z) {
  const std::size_t n = detail::check_linkage(z, "cophenetic_distances");
  return detail::cophenetic_of(z, n);
}

/// Pearson correlation between the distances `condensed` the tree was built from and its
/// cophenetic distances (`cophenet(z, condensed)[0]`): how faithfully the tree keeps them.
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage; dimension_mismatch [.8]
///         condensed is not N(N − 1)/2 long; invalid_argument [.9] either side has no variance
///         (all distances equal, as always for N = 2), so r is undefined.
inline double cophenetic_correlation(const linkage_matrix& z, std::span<const double> condensed) {
  const std::size_t n = detail::check_linkage(z, "cophenetic_correlation");
  const std::vector<double> c = detail::cophenetic_of(z, n);
  if (condensed.size() != c.size())
    throw dimension_mismatch("hierarchy", 8, "cophenetic_correlation",
                             "the condensed distances hold " + std::to_string(condensed.size()) +
                                 " values, but the linkage has N = " + std::to_string(n) + " documents",
                             "pass the N(N-1)/2 distances the linkage was built from");
  double mean_y = 0, mean_c = 0;
  for (std::size_t p = 0; p < c.size(); ++p) mean_y += condensed[p], mean_c += c[p];
  mean_y /= static_cast<double>(c.size());
  mean_c /= static_cast<double>(c.size());
  double yc = 0, yy = 0, cc = 0;
  for (std::size_t p = 0; p < c.size(); ++p) {
    const double dy = condensed[p] - mean_y, dc = c[p] - mean_c;
    yc += dy * dc;
    yy += dy * dy;
    cc += dc * dc;
  }
  if (!(yy > 0) || !(cc > 0))
    throw invalid_argument("hierarchy", 9, "cophenetic_correlation",
                           "the distances or the cophenetic distances are all equal, so the correlation "
                           "is undefined",
                           "it needs N >= 3 and distances that differ");
  return yc / std::sqrt(yy * cc);
}

/// One merge, placed for drawing: the ∩-shaped link from (left_x, left_height) up to height and
/// across to (right_x, right_height); x is the midpoint, where the parent link attaches.
struct dendrogram_link {
  double x = 0;
  double height = 0;
  double left_x = 0, left_height = 0;
  double right_x = 0, right_height = 0;
  std::size_t size = 0;
};

/// Where everything goes in a drawn dendrogram. Leaves sit at x = 0..N−1 in leaf order, height 0.
struct dendrogram_layout {
  std::vector<std::size_t> leaves;       ///< documents left to right (leaves_order)
  std::vector<double> leaf_x;            ///< per document: its x (its position in `leaves`)
  std::vector<dendrogram_link> links;    ///< per linkage row, in row order
};

/// The layout of `z`: SciPy's `dendrogram(z, no_plot=True)` coordinates with icoord mapped
/// back by (x − 5)/10, in row order instead of drawing order.
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage.
inline dendrogram_layout dendrogram(const linkage_matrix& z) {
  const std::size_t n = detail::check_linkage(z, "dendrogram");
  dendrogram_layout out;
  out.leaves = detail::leaves_order_of(z, n);
  std::vector<double> x(2 * n - 1, 0), h(2 * n - 1, 0);
  for (std::size_t p = 0; p < n; ++p) x[out.leaves[p]] = static_cast<double>(p);
  out.leaf_x.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
  out.links.reserve(z.size());
  for (std::size_t k = 0; k < z.size(); ++k) {
    const merge& m = z[k];
    x[n + k] = (x[m.a] + x[m.b]) / 2;
    h[n + k] = m.height;
    out.links.push_back({x[n + k], m.height, x[m.a], h[m.a], x[m.b], h[m.b], m.size});
  }
  return out;
}

}  // namespace plansim
