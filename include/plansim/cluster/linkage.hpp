#pragma once
/// @file
/// Agglomerative hierarchical clustering: SciPy's `scipy.cluster.hierarchy.linkage`, row for row.
///
/// Start with every document in a cluster of its own; repeatedly merge the two closest clusters
/// until one is left. The N − 1 merges form a `linkage_matrix` in SciPy's format, so a result can
/// be checked against, or handed to, SciPy unchanged (R's `hclust` numbers its merge matrix
/// differently; cluster/newick.hpp writes a tree R's ape reads):
///
/// - row k is `merge{a, b, height, size}`: clusters a and b (a < b) were joined at distance
///   `height` into a new cluster numbered N + k with `size` documents; ids 0..N−1 are documents.
/// - rows are sorted by height (a stable sort, so equal heights keep the order they were found
///   in), then numbered by union-find, exactly as SciPy does after its own search.
///
/// Distance between clusters A and B, and the Lance–Williams update SciPy applies when clusters
/// x and y merge into x ∪ y, seen from any other cluster i (n_x, n_y, n_i: sizes; d_xy: the
/// merge height; c_A: centroid):
///
/// - single:   d(A, B) = min over pairs;           d(x ∪ y, i) = min(d_xi, d_yi)
/// - complete: d(A, B) = max over pairs;           d(x ∪ y, i) = max(d_xi, d_yi)
/// - average:  d(A, B) = mean over pairs (UPGMA);  d(x ∪ y, i) = (n_x d_xi + n_y d_yi) / (n_x + n_y)
/// - weighted: WPGMA (McQuitty 1966);              d(x ∪ y, i) = (d_xi + d_yi) / 2
/// - ward:     d(A, B) = √(2 n_A n_B / (n_A + n_B)) ‖c_A − c_B‖ (Ward 1963);
///             d(x ∪ y, i) = √(((n_i + n_x) d_xi² + (n_i + n_y) d_yi² − n_i d_xy²) / (n_x + n_y + n_i))
///
/// The Ward update is the Lance–Williams form on Euclidean distances (Ward 1963; the recurrence is
/// Wishart 1969). Like SciPy, `linkage` applies it to whatever distances it is given; the heights
/// mean "increase in within-cluster variance" only for Euclidean input, so the matrix front end
/// refuses Ward with the cosine metric (for cosine-like Ward, use Euclidean distances of
/// l2-normalised rows, which are √(2(1 − cos))). For non-Euclidean input the expression under the
/// root can go negative; it is taken as 0 there (SciPy would give NaN).
///
/// Algorithms (Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms",
/// arXiv:1109.2378), O(N²) time and O(N²) memory (the condensed distances, copied once):
/// - single: Prim's minimum spanning tree on the complete graph, O(N²), as SciPy's
///   `mst_single_linkage`;
/// - complete, average, weighted, ward: the nearest-neighbour chain (Benzécri 1982; Juan 1982;
///   Murtagh 1983), valid for these four because they satisfy the reducibility property; as
///   SciPy's `nn_chain`, including its tie rules (scan in index order, strict `<`, the previous
///   chain element preferred), so that ties give SciPy's rows too.
/// The arithmetic of every update is written in SciPy's order, so heights agree with SciPy to
/// the last bit or nearly (tests compare within 1e-9 and a, b, size exactly). Faster than SciPy
/// on one core (benchmarks/README.md): the chain scans only live clusters, and the private copy
/// of the distances sits on transparent huge pages where Linux allows (detail::distance_copy).
///
/// N = 1 gives an empty linkage (SciPy refuses it); N = 0 is an error.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__linux__) && __has_include(<sys/mman.h>)
#  include <sys/mman.h>  // madvise, MADV_HUGEPAGE (see detail::distance_copy)
#endif

#include "plansim/cluster/distance.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// Which distance between clusters drives the merges (see the table in the file comment).
enum class linkage_method { single, complete, average, weighted, ward };

/// The method's SciPy name: "single", "complete", "average", "weighted", "ward".
constexpr std::string_view linkage_method_name(linkage_method method) noexcept {
  switch (method) {
    case linkage_method::single: return "single";
    case linkage_method::complete: return "complete";
    case linkage_method::average: return "average";
    case linkage_method::weighted: return "weighted";
    case linkage_method::ward: return "ward";
  }
  return "unknown";
}

/// One row of a linkage matrix: clusters `a` < `b` joined at `height` into a cluster of `size`.
struct merge {
  std::size_t a = 0;
  std::size_t b = 0;
  double height = 0;
  std::size_t size = 0;
  friend bool operator==(const merge&, const merge&) = default;
};

/// N − 1 merges in SciPy's order and numbering (see the file comment).
using linkage_matrix = std::vector<merge>;

namespace detail {

/// A merge as a search finds it: any document of each side, and the height.
struct raw_merge {
  std::size_t x = 0;
  std::size_t y = 0;
  double height = 0;
};

/// SciPy's last step (`_hierarchy.label`): sort by height, stably, then name each side by its
/// current cluster (union-find over ids 0..2N−2; the k-th merge creates N + k).
inline linkage_matrix label_merges(std::vector<raw_merge> raw, std::size_t n) {
  std::stable_sort(raw.begin(), raw.end(),
                   [](const raw_merge& l, const raw_merge& r) { return l.height < r.height; });
  std::vector<std::size_t> parent(2 * n - 1), size(2 * n - 1, 1);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const auto find = [&parent](std::size_t x) {
    std::size_t root = x;
    while (parent[root] != root) root = parent[root];
    while (parent[x] != root) x = std::exchange(parent[x], root);
    return root;
  };
  linkage_matrix out;
  out.reserve(raw.size());
  std::size_t next = n;
  for (const raw_merge& m : raw) {
    const std::size_t rx = find(m.x), ry = find(m.y);
    const std::size_t a = std::min(rx, ry), b = std::max(rx, ry);
    parent[a] = parent[b] = next;
    size[next] = size[a] + size[b];
    out.push_back({a, b, m.height, size[next]});
    ++next;
  }
  return out;
}

/// Pair (i, j) of the condensed position p, for messages.
inline std::string condensed_pair_name(std::size_t n, std::size_t p) {
  std::size_t i = 0;
  while (p >= n - i - 1) p -= n - i - 1, ++i;
  std::string out = "(";  // appended: GCC 12 warns falsely (-Wrestrict) on "(" + std::string at -O2
  out += std::to_string(i);
  out += ", ";
  out += std::to_string(i + 1 + p);
  out += ')';
  return out;
}

inline void check_condensed(std::span<const double> condensed, std::size_t n, const char* caller) {
  if (n < 1)
    throw invalid_argument("hierarchy", 1, caller, "there are no documents (n = 0)", "pass n >= 1");
  if (condensed.size() != n * (n - 1) / 2)
    throw dimension_mismatch("hierarchy", 2, caller,
                             "the condensed distances hold " + std::to_string(condensed.size()) +
                                 " values, but n = " + std::to_string(n) + " needs n(n-1)/2 = " +
                                 std::to_string(n * (n - 1) / 2),
                             "pass SciPy pdist order: d(i, j) for i < j, row after row");
  for (std::size_t p = 0; p < condensed.size(); ++p) {
    const double d = condensed[p];
    if (!(d >= 0) || !std::isfinite(d))
      throw invalid_argument("hierarchy", 3, caller,
                             "the distance of pair " + condensed_pair_name(n, p) + " is " +
                                 format_number(d),
                             "distances must be finite and >= 0");
  }
}

/// Prim's minimum spanning tree in SciPy's scan order (`mst_single_linkage`).
inline std::vector<raw_merge> mst_single(std::span<const double> dist, std::size_t n) {
  std::vector<raw_merge> raw;
  raw.reserve(n - 1);
  std::vector<double> best(n, std::numeric_limits<double>::infinity());
  std::vector<std::size_t> open(n - 1);  // documents not yet in the tree, ascending
  std::iota(open.begin(), open.end(), std::size_t{1});
  std::size_t x = 0;
  for (std::size_t k = 0; k + 1 < n; ++k) {
    double current = std::numeric_limits<double>::infinity();
    std::size_t y = open.front();
    std::size_t y_slot = 0;
    const std::size_t x_row = n * x - x * (x + 1) / 2 - x - 1;  // condensed (x, i) = x_row + i, i > x
    for (std::size_t s = 0; s < open.size(); ++s) {
      const std::size_t i = open[s];
      const double d = i > x ? dist[x_row + i] : dist[n * i - i * (i + 1) / 2 - i - 1 + x];
      if (best[i] > d) best[i] = d;
      if (best[i] < current) {
        current = best[i];
        y = i;
        y_slot = s;
      }
    }
    raw.push_back({x, y, current});
    open.erase(open.begin() + static_cast<std::ptrdiff_t>(y_slot));
    x = y;
  }
  return raw;
}

/// SciPy's Lance–Williams updates (`_hierarchy_distance_update.pxi`), operand order kept.
inline double lance_williams(linkage_method method, double d_xi, double d_yi, double d_xy, double size_x,
                             double size_y, double size_i) noexcept {
  switch (method) {
    case linkage_method::complete: return std::max(d_xi, d_yi);
    case linkage_method::average: return (size_x * d_xi + size_y * d_yi) / (size_x + size_y);
    case linkage_method::weighted: return 0.5 * (d_xi + d_yi);
    case linkage_method::ward: {
      const double t = 1.0 / (size_x + size_y + size_i);
      const double s = (size_i + size_x) * t * d_xi * d_xi + (size_i + size_y) * t * d_yi * d_yi -
                       size_i * t * d_xy * d_xy;
      return std::sqrt(std::max(0.0, s));
    }
    case linkage_method::single: return std::min(d_xi, d_yi);
  }
  return 0;
}

/// The private copy of the distances the nearest-neighbour chain updates. Its scans read one
/// column of the condensed triangle, a different 4 KiB page per element for N in the thousands,
/// so translation misses dominate; on Linux a copy of 4 MiB or more is aligned to 2 MiB and
/// marked MADV_HUGEPAGE (transparent huge pages, where the system allows them; numpy does the
/// same for large arrays), which halves the time at N = 5,000. Elsewhere it is plain memory.
class distance_copy {
 public:
  explicit distance_copy(std::span<const double> values) {
    std::size_t bytes = std::max<std::size_t>(values.size(), 1) * sizeof(double);
#ifdef MADV_HUGEPAGE
    constexpr std::size_t huge = std::size_t{1} << 21;
    if (bytes >= 2 * huge) {
      bytes = (bytes + huge - 1) / huge * huge;
      data_.reset(static_cast<double*>(std::aligned_alloc(huge, bytes)));
      if (data_) static_cast<void>(::madvise(data_.get(), bytes, MADV_HUGEPAGE));  // advice only
    }
#endif
    if (!data_) data_.reset(static_cast<double*>(std::malloc(bytes)));
    if (!data_) throw std::bad_alloc();
    if (!values.empty()) std::memcpy(data_.get(), values.data(), values.size() * sizeof(double));
  }
  double* data() noexcept { return data_.get(); }
  double& operator[](std::size_t k) noexcept { return data_.get()[k]; }

 private:
  struct free_memory {
    void operator()(double* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<double[], free_memory> data_;
};

/// The nearest-neighbour chain over a private copy of the distances (SciPy's `nn_chain`), with
/// the live clusters kept in an ascending list so dead slots are never scanned.
inline std::vector<raw_merge> nn_chain(std::span<const double> condensed, std::size_t n, linkage_method method) {
  distance_copy d(condensed);
  // (i, j), i < j, lives at row_base[i] + j.
  std::vector<std::size_t> row_base(n);
  for (std::size_t i = 0; i < n; ++i) row_base[i] = n * i - i * (i + 1) / 2 - i - 1;
  const auto at = [&](std::size_t i, std::size_t j) -> double& {
    return i < j ? d[row_base[i] + j] : d[row_base[j] + i];
  };
  std::vector<std::size_t> size(n, 1);
  std::vector<std::size_t> live(n);
  std::iota(live.begin(), live.end(), std::size_t{0});
  std::vector<std::size_t> chain;
  chain.reserve(n);
  std::vector<raw_merge> raw;
  raw.reserve(n - 1);

  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (chain.empty()) chain.push_back(live.front());
    std::size_t x = 0, y = 0;
    double current = 0;
    for (;;) {
      x = chain.back();
      current = std::numeric_limits<double>::infinity();
      if (chain.size() > 1) {
        y = chain[chain.size() - 2];
        current = at(x, y);
      }
      const auto x_slot = std::lower_bound(live.begin(), live.end(), x);
      for (auto it = live.begin(); it != x_slot; ++it) {  // i < x: column x of earlier rows
        const std::size_t i = *it;
        const double dist = d[row_base[i] + x];
        if (dist < current) current = dist, y = i;
      }
      const double* row = d.data() + row_base[x];
      for (auto it = x_slot + 1; it != live.end(); ++it) {  // i > x: row x
        const double dist = row[*it];
        if (dist < current) current = dist, y = *it;
      }
      if (chain.size() > 1 && y == chain[chain.size() - 2]) break;
      chain.push_back(y);
    }
    chain.resize(chain.size() - 2);
    if (x > y) std::swap(x, y);
    const std::size_t nx = size[x], ny = size[y];
    raw.push_back({x, y, current});
    size[x] = 0;
    size[y] = nx + ny;
    live.erase(std::lower_bound(live.begin(), live.end(), x));
    const auto fx = static_cast<double>(nx), fy = static_cast<double>(ny);
    for (const std::size_t i : live) {
      if (i == y) continue;
      double& d_iy = at(i, y);
      d_iy = lance_williams(method, at(i, x), d_iy, current, fx, fy, static_cast<double>(size[i]));
    }
  }
  return raw;
}

}  // namespace detail

/// Hierarchical clustering of n points from their condensed distances (SciPy `pdist` order, see
/// cluster/distance.hpp): `scipy.cluster.hierarchy.linkage(condensed, method)`.
/// @throws invalid_argument [plansim.hierarchy.1] n = 0; [.3] a NaN, infinite or negative
///         distance (the message names the pair); dimension_mismatch [.2] condensed.size() is
///         not n(n − 1)/2.
inline linkage_matrix linkage(std::span<const double> condensed, std::size_t n, linkage_method method) {
  detail::check_condensed(condensed, n, "linkage");
  if (n == 1) return {};
  std::vector<detail::raw_merge> raw =
      method == linkage_method::single ? detail::mst_single(condensed, n) : detail::nn_chain(condensed, n, method);
  return detail::label_merges(std::move(raw), n);
}

/// Hierarchical clustering of the rows of `x` (sparse `weight_matrix<Scalar>` or dense Eigen):
/// `condensed_distances(x, metric, threads)` then `linkage(condensed, N, method)`. `threads`
/// only speeds up the distances; the result is the same for any thread count.
/// @throws invalid_argument [plansim.hierarchy.4] Ward with the cosine metric (see the file
///         comment), and whatever condensed_distances throws (zero rows under cosine, NaN).
template <class Matrix>
linkage_matrix linkage(const Matrix& x, linkage_method method, distance_metric metric, std::size_t threads = 1) {
  if (method == linkage_method::ward && metric == distance_metric::cosine)
    throw invalid_argument("hierarchy", 4, "linkage",
                           "Ward's method needs Euclidean distances, not cosine",
                           "use distance_metric::euclidean, on l2-normalised rows for a cosine-like Ward");
  const std::vector<double> condensed = condensed_distances(x, metric, threads);
  return linkage(std::span<const double>(condensed), static_cast<std::size_t>(x.rows()), method);
}

}  // namespace plansim
