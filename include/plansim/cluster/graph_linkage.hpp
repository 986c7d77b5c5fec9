#pragma once
/// @file
/// Single and average linkage from a sparse similarity graph, for corpora too large for the
/// N(N − 1)/2 condensed distances (N = 100,000 would need 40 GB): `graph_linkage`.
///
/// The graph is a top-k search result (`neighbor_lists<Scalar>`, similarity/neighbors.hpp) or a
/// threshold search result (`pair_list<Scalar>`) of a SIMILARITY measure such as cosine. Each
/// listed pair becomes an edge of distance d = min(1 − s, cap); an edge listed twice (i in j's
/// list and j in i's) counts once, with the smaller distance. Every pair that is NOT listed is
/// taken to be at distance `cap` = `graph_linkage_options::missing_distance`, by default 1: "no
/// more alike than orthogonal" for cosine on non-negative tf-idf rows (similarity 0). A listed pair
/// less alike than that (a negative cosine, possible for dense embeddings) is clamped to the cap.
///
/// With that completion D′ of the distances, the result is exactly `linkage(D′, method)` up to the
/// order of rows of equal height (and the last bits of average heights):
/// - single: Kruskal's minimum spanning forest over the edges sorted by (distance, i, j), with
///   union-find; the components left at the end are joined at height `cap`, in order of their
///   smallest document. O(E log E).
/// - average (UPGMA): for clusters A and B, d′(A, B) = cap − S_AB / (|A| |B|), where
///   S_AB = Σ over edges between them of (cap − d) ≥ 0, so pairs with no edge sit at `cap`
///   and need no storage. Each cluster keeps a list of (neighbour, S); merging A and B adds their
///   lists (S_{A∪B,C} = S_AC + S_BC; stale entries are mapped to their live cluster by union-find),
///   (one pass through a dense accumulator), and a heap keyed by (d′, smaller id, larger id)
///   gives the closest pair (Loewenstein, Portugaly,
///   Fromer & Linial 2008, "Efficient algorithms for accurate hierarchical clustering of huge
///   datasets", for the idea of sparse UPGMA with missing edges). Clusters with no edge left are
///   joined at `cap` at the end, in order of their smallest document. Memory O(N + E); time
///   O(Σ over merges of the new cluster's neighbour count × log E), which grows faster than E
///   when one big cluster absorbs many small ones (each absorption re-pushes its neighbours):
///   about 7 s on one core for N = 100,000, k = 10 on a random local graph (single: 0.4 s).
///
/// So with a complete graph (k = N − 1, or threshold below every similarity), both equal the
/// exact linkage of the distances 1 − s. With a sparse graph, single linkage is exact whenever the
/// graph holds the minimum spanning tree of D (a top-k graph holds every document's nearest
/// neighbour, so the first merges are exact); average linkage is an APPROXIMATION that treats
/// every unlisted pair as orthogonal, which overstates distances between clusters whose members
/// are moderately alike but not in each other's lists. Rows are in SciPy's format and order
/// (sorted by height, stable; numbered by union-find), so cut_by_k, cophenetic_distances and
/// to_newick work on the result as on `linkage`'s.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <queue>
#include <string>
#include <vector>

#include "plansim/cluster/linkage.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim {

struct graph_linkage_options {
  /// Distance of every pair the graph does not list, and the most any edge may have.
  double missing_distance = 1.0;
};

namespace detail {

struct graph_edge {
  std::size_t i = 0, j = 0;  // i < j
  double distance = 0;
};

/// Edges (i < j), one per pair with the smallest distance, sorted by (distance, i, j).
inline void normalise_edges(std::vector<graph_edge>& edges) {
  std::sort(edges.begin(), edges.end(), [](const graph_edge& l, const graph_edge& r) {
    if (l.i != r.i) return l.i < r.i;
    if (l.j != r.j) return l.j < r.j;
    return l.distance < r.distance;
  });
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const graph_edge& l, const graph_edge& r) { return l.i == r.i && l.j == r.j; }),
              edges.end());
  std::sort(edges.begin(), edges.end(), [](const graph_edge& l, const graph_edge& r) {
    if (l.distance != r.distance) return l.distance < r.distance;
    if (l.i != r.i) return l.i < r.i;
    return l.j < r.j;
  });
}

class union_find {
 public:
  explicit union_find(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
  std::size_t find(std::size_t x) {
    std::size_t root = x;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[x] != root) x = std::exchange(parent_[x], root);
    return root;
  }
  /// Makes `into` the root of both sets (`into` must be a root).
  void attach(std::size_t root, std::size_t into) { parent_[root] = into; }

 private:
  std::vector<std::size_t> parent_;
};

/// Joins the components that remain, at `cap`, in order of their smallest document.
inline void join_remaining(std::vector<raw_merge>& raw, std::vector<std::size_t> representatives, double cap) {
  std::sort(representatives.begin(), representatives.end());
  for (std::size_t c = 1; c < representatives.size(); ++c) raw.push_back({representatives[0], representatives[c], cap});
}

inline std::vector<raw_merge> graph_single(const std::vector<graph_edge>& edges, std::size_t n, double cap) {
  std::vector<raw_merge> raw;
  raw.reserve(n - 1);
  union_find sets(n);
  for (const graph_edge& e : edges) {
    const std::size_t ri = sets.find(e.i), rj = sets.find(e.j);
    if (ri == rj) continue;
    raw.push_back({e.i, e.j, e.distance});
    sets.attach(std::max(ri, rj), std::min(ri, rj));  // roots stay each set's smallest document
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < n; ++i)
    if (sets.find(i) == i) roots.push_back(i);
  join_remaining(raw, std::move(roots), cap);
  return raw;
}

inline std::vector<raw_merge> graph_average(const std::vector<graph_edge>& edges, std::size_t n, double cap) {
  struct link {
    std::size_t cluster;
    double s;  // Σ (cap − d) over the edges to `cluster`
  };
  struct candidate {
    double distance;
    std::size_t a, b;  // cluster ids, a < b
    bool operator>(const candidate& r) const {
      if (distance != r.distance) return distance > r.distance;
      if (a != r.a) return a > r.a;
      return b > r.b;
    }
  };
  const std::size_t ids = 2 * n - 1;
  std::vector<std::vector<link>> links(ids);
  std::vector<std::size_t> size(ids, 1), smallest(ids);
  std::iota(smallest.begin(), smallest.begin() + static_cast<std::ptrdiff_t>(n), std::size_t{0});
  std::vector<char> alive(ids, 0);
  std::fill(alive.begin(), alive.begin() + static_cast<std::ptrdiff_t>(n), 1);
  std::priority_queue<candidate, std::vector<candidate>, std::greater<>> heap;
  for (const graph_edge& e : edges) {
    links[e.i].push_back({e.j, cap - e.distance});
    links[e.j].push_back({e.i, cap - e.distance});
    heap.push({e.distance, e.i, e.j});
  }
  union_find owner(ids);
  std::vector<double> accumulated(ids, 0.0);  // scratch, all zero between merges
  std::vector<char> seen(ids, 0);
  std::vector<std::size_t> touched;
  std::vector<raw_merge> raw;
  raw.reserve(n - 1);
  std::size_t next = n;
  while (!heap.empty()) {
    const candidate c = heap.top();
    heap.pop();
    if (!alive[c.a] || !alive[c.b]) continue;  // stale: one side has merged since
    const std::size_t m = next++;
    raw.push_back({smallest[c.a], smallest[c.b], c.distance});
    alive[c.a] = alive[c.b] = 0;
    alive[m] = 1;
    size[m] = size[c.a] + size[c.b];
    smallest[m] = std::min(smallest[c.a], smallest[c.b]);
    owner.attach(c.a, m);
    owner.attach(c.b, m);
    // Sum both lists by live neighbour (stale ids mapped through union-find), into a dense
    // accumulator over cluster ids: O(entries), no sort.
    touched.clear();
    for (const std::size_t side : {c.a, c.b})
      for (const link& l : links[side]) {
        const std::size_t live = owner.find(l.cluster);
        if (live == m) continue;
        if (!seen[live]) {
          seen[live] = 1;
          touched.push_back(live);
        }
        accumulated[live] += l.s;
      }
    std::vector<link>().swap(links[c.a]);
    std::vector<link>().swap(links[c.b]);
    std::vector<link>& merged = links[m];
    merged.reserve(touched.size());
    for (const std::size_t other : touched) {
      merged.push_back({other, accumulated[other]});
      accumulated[other] = 0;
      seen[other] = 0;
      const double pairs = static_cast<double>(size[m]) * static_cast<double>(size[other]);
      heap.push({std::max(0.0, cap - merged.back().s / pairs), other, m});  // other < m: older id
    }
  }
  std::vector<std::size_t> representatives;
  for (std::size_t id = 0; id < next; ++id)
    if (alive[id]) representatives.push_back(smallest[id]);
  join_remaining(raw, std::move(representatives), cap);
  return raw;
}

inline void check_graph_options(linkage_method method, const graph_linkage_options& options) {
  if (method != linkage_method::single && method != linkage_method::average)
    throw invalid_argument("hierarchy", 12, "graph_linkage",
                           "method " + std::string(linkage_method_name(method)) + " is not available on a graph",
                           "use linkage_method::single or linkage_method::average, or linkage() on all distances");
  if (!std::isfinite(options.missing_distance) || options.missing_distance <= 0)
    throw invalid_argument("hierarchy", 13, "graph_linkage",
                           "missing_distance is " + format_number(options.missing_distance),
                           "pass a finite distance above 0, such as 1 for cosine");
}

template <class Scalar>
graph_edge make_graph_edge(std::size_t n, Eigen::Index i, Eigen::Index j, Scalar score, double cap) {
  if (i < 0 || j < 0 || static_cast<std::size_t>(i) >= n || static_cast<std::size_t>(j) >= n)
    throw invalid_argument("hierarchy", 14, "graph_linkage",
                           "the pair (" + std::to_string(i) + ", " + std::to_string(j) + ") is outside the " +
                               std::to_string(n) + " documents",
                           "pass the result of a search of the documents against themselves");
  if (!std::isfinite(static_cast<double>(score)))
    throw invalid_argument("hierarchy", 15, "graph_linkage",
                           "the pair (" + std::to_string(i) + ", " + std::to_string(j) + ") has score " +
                               format_number(static_cast<double>(score)),
                           "similarities must be finite");
  const auto a = static_cast<std::size_t>(std::min(i, j)), b = static_cast<std::size_t>(std::max(i, j));
  return {a, b, std::clamp(1.0 - static_cast<double>(score), 0.0, cap)};
}

inline linkage_matrix graph_linkage_from_edges(std::vector<graph_edge> edges, std::size_t n, linkage_method method,
                                               double cap) {
  normalise_edges(edges);
  std::vector<raw_merge> raw =
      method == linkage_method::single ? graph_single(edges, n, cap) : graph_average(edges, n, cap);
  return label_merges(std::move(raw), n);
}

}  // namespace detail

/// Single or average linkage of the N documents of a top-k graph (`graph.size()` = N, ids < N;
/// self pairs ignored), distances 1 − similarity, unlisted pairs at `missing_distance`.
/// @throws invalid_argument [plansim.hierarchy.12] another method, [.13] a missing_distance not
///         finite and > 0, [.14] a neighbour id outside 0..N−1, [.15] a NaN or infinite score;
///         [.1] an empty graph.
template <class Scalar>
linkage_matrix graph_linkage(const neighbor_lists<Scalar>& graph, linkage_method method,
                             const graph_linkage_options& options = {}) {
  detail::check_graph_options(method, options);
  const std::size_t n = graph.size();
  if (n == 0)
    throw invalid_argument("hierarchy", 1, "graph_linkage", "there are no documents (n = 0)", "pass n >= 1");
  std::vector<detail::graph_edge> edges;
  edges.reserve(graph.entries().size());
  for (std::size_t i = 0; i < n; ++i)
    for (const neighbor<Scalar>& e : graph[i])
      if (e.id != static_cast<Eigen::Index>(i))
        edges.push_back(
            detail::make_graph_edge(n, static_cast<Eigen::Index>(i), e.id, e.score, options.missing_distance));
  return detail::graph_linkage_from_edges(std::move(edges), n, method, options.missing_distance);
}

/// The same from a threshold search's pairs over `n` documents.
/// @throws as above.
template <class Scalar>
linkage_matrix graph_linkage(const pair_list<Scalar>& pairs, std::size_t n, linkage_method method,
                             const graph_linkage_options& options = {}) {
  detail::check_graph_options(method, options);
  if (n == 0)
    throw invalid_argument("hierarchy", 1, "graph_linkage", "there are no documents (n = 0)", "pass n >= 1");
  std::vector<detail::graph_edge> edges;
  edges.reserve(pairs.size());
  for (const scored_pair<Scalar>& p : pairs)
    if (p.i != p.j) edges.push_back(detail::make_graph_edge(n, p.i, p.j, p.score, options.missing_distance));
  return detail::graph_linkage_from_edges(std::move(edges), n, method, options.missing_distance);
}

}  // namespace plansim
