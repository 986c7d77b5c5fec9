#pragma once
/// @file
/// k-means on documents (rows): k-means++ seeding, Lloyd iterations, restarts, and spherical
/// k-means for cosine.
///
/// **Objective.** Euclidean k-means minimises the inertia Σ_i ‖x_i − c_{l(i)}‖². Spherical k-means
/// (Dhillon and Modha, "Concept decompositions for large sparse text data using clustering",
/// Machine Learning 42, 2001) scales every row to unit length, keeps unit centroids
/// c_j = s_j / ‖s_j‖ (s_j the sum of the cluster's rows) and minimises Σ_i (1 − cos(x_i, c_{l(i)})).
///
/// **Seeding.** Greedy k-means++ as scikit-learn does it (Arthur and Vassilvitskii, "k-means++:
/// the advantages of careful seeding", SODA 2007): the first centre is a uniformly drawn row; each
/// further centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to the
/// squared distance to the nearest chosen centre, "best" meaning the one that leaves the smallest
/// total squared distance. For spherical k-means the distances are those of the unit rows
/// (‖u − v‖² = 2(1 − cos)). Random numbers come from splitmix64 seeded by `seed` and the restart
/// number, so a seed gives the same clusters on every compiler and thread count.
///
/// **Lloyd iterations**, exactly as scikit-learn's `_kmeans_single_lloyd`: each iteration assigns
/// every row to its nearest centre (ties to the lowest centre id), then moves each centre to the
/// mean of its rows. It stops when an iteration leaves every label unchanged ("strict
/// convergence"), or when Σ_j ‖c_j^new − c_j^old‖² ≤ tol · mean_t var(x_·t) (scikit-learn's
/// tolerance: relative to the mean population variance of the columns, of the unit rows for
/// spherical), or after max_iter iterations. Unless it converged strictly, the rows are assigned
/// once more to the final centres. `iterations` counts the Lloyd iterations run (scikit-learn's
/// n_iter_). `objective_trace[t]` is the objective of iteration t's assignment against the centres
/// it started from; it never increases. `objective` is that of the returned labels and centres,
/// at most the last trace entry.
///
/// **Empty clusters.** `farthest_point` (scikit-learn's rule): each cluster left empty takes the
/// row farthest from its own centre (largest distance first, ties to the lower row id), which is
/// moved out of its old cluster's sum. `keep`: an empty cluster keeps its previous centre.
///
/// **Restarts.** n_init runs from independent seeds; the lowest objective wins, ties to the
/// earliest run. With `initial_centroids` given (k × d) there is one run from those centres, as
/// scikit-learn does for `init=array`.
///
/// **Threads.** Rows are assigned in parallel in fixed chunks of rows; centres are summed one
/// cluster per task, each over its rows in increasing row order; every total is summed in row
/// order. The result is bit-identical for any `threads`.
///
/// Cost per iteration: O(nnz · k) for sparse rows (the rows' entries against a column-major
/// k × d centre matrix, one contiguous k-vector per entry), O(N · d · k) for dense rows.
///
/// Errors (`[plansim.cluster.n]`): NaN/infinity in a row 1 (data_error); an all-zero row under
/// spherical k-means 2 (data_error); k < 1 3; k > N 4; an empty matrix 5; n_init or max_iter 0, or
/// tol negative or NaN 6; initial_centroids of the wrong shape or not finite 7.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "plansim/detail/cluster_rows.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/detail/random.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// What happens to a cluster that ends an assignment step with no rows.
enum class empty_cluster_policy { farthest_point, keep };

struct kmeans_options {
  std::size_t k = 8;
  /// Restarts from independent k-means++ seeds; the lowest objective wins.
  std::size_t n_init = 10;
  /// Most Lloyd iterations per run.
  std::size_t max_iter = 300;
  /// Centre-shift tolerance, relative to the mean column variance (scikit-learn's `tol`).
  double tol = 1e-4;
  /// Cosine: unit rows and centroids, objective Σ (1 − cos).
  bool spherical = false;
  empty_cluster_policy empty = empty_cluster_policy::farthest_point;
  std::uint64_t seed = 0;
  std::size_t threads = 1;
  /// Optional k × d starting centres (replaces k-means++; one run). Scaled to unit length for
  /// spherical k-means.
  Eigen::MatrixXd initial_centroids{};
};

struct kmeans_result {
  std::vector<int> labels;
  /// k × d; unit rows for spherical k-means.
  Eigen::MatrixXd centroids;
  /// Inertia, or for spherical k-means Σ (1 − cos).
  double objective = 0.0;
  std::size_t iterations = 0;
  /// Objective of each Lloyd iteration's assignment, of the winning run; non-increasing.
  std::vector<double> objective_trace;
};

namespace detail {

constexpr std::size_t kmeans_chunk_rows = 256;

/// Squared Euclidean distance between row i and the dense centre `centre(j)` (column-major k × d
/// storage: entry (j, t) at t·k + j), with ‖c_j‖² given: Σ_stored (x − c)² + ‖c‖² − Σ_stored c².
template <class Rows>
double squared_distance_to_centre(const scaled_rows<Rows>& x, std::size_t i, const Eigen::MatrixXd& centres,
                                  std::size_t j, double centre_norm) {
  const auto k = static_cast<std::size_t>(centres.rows());
  const double* c = centres.data();
  double sum = 0.0, stored_norm = 0.0;
  x.for_each(i, [&](std::size_t t, double v) {
    const double ct = c[t * k + j];
    sum += (v - ct) * (v - ct);
    stored_norm += ct * ct;
  });
  return std::max(0.0, sum + (centre_norm - stored_norm));
}

/// Squared Euclidean distance between rows i and j of x (exact, over the union of entries).
template <class Rows>
double squared_distance_rows(const scaled_rows<Rows>& x, std::size_t i, std::vector<double>& dense,
                             std::size_t j) {
  // dense holds row i scattered; Σ_j-stored (x_j − x_i)² + ‖x_i‖² − Σ_j-stored x_i²
  double sum = 0.0, stored = 0.0;
  x.for_each(j, [&](std::size_t t, double v) {
    const double a = dense[t];
    sum += (v - a) * (v - a);
    stored += a * a;
  });
  return std::max(0.0, sum + (x.squared_norm[i] - stored));
}

/// Greedy k-means++ seeding (see the file comment); returns k × d centres (column-major).
template <class Rows>
Eigen::MatrixXd kmeans_plus_plus(const scaled_rows<Rows>& x, std::size_t k, splitmix64& rng, std::size_t threads) {
  const std::size_t n = x.size(), d = x.dims();
  Eigen::MatrixXd centres = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(d));
  const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(k)));
  const std::size_t chunks = (n + kmeans_chunk_rows - 1) / kmeans_chunk_rows;
  std::vector<std::vector<double>> dense(thread_count(threads, chunks), std::vector<double>(d, 0.0));

  auto set_centre = [&](std::size_t j, std::size_t row) {
    x.for_each(row, [&](std::size_t t, double v) { centres(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(t)) = v; });
  };
  // Squared distances from row `row` to every row, into out.
  auto distances_from = [&](std::size_t row, std::vector<double>& out) {
    for_each_chunk(chunks, threads, [&](std::size_t chunk, std::size_t worker) {
      auto& scratch = dense[worker];
      x.for_each(row, [&](std::size_t t, double v) { scratch[t] = v; });
      for (std::size_t i = chunk * kmeans_chunk_rows; i < std::min(n, (chunk + 1) * kmeans_chunk_rows); ++i)
        out[i] = i == row ? 0.0 : squared_distance_rows(x, row, scratch, i);
      x.for_each(row, [&](std::size_t t, double) { scratch[t] = 0.0; });
    });
  };

  const std::size_t first = static_cast<std::size_t>(rng.below(n));
  set_centre(0, first);
  std::vector<double> closest(n), candidate(n), best(n), cumulative(n);
  distances_from(first, closest);
  double potential = 0.0;
  for (const double v : closest) potential += v;
  std::vector<std::size_t> ids(trials);
  for (std::size_t c = 1; c < k; ++c) {
    std::partial_sum(closest.begin(), closest.end(), cumulative.begin());
    for (std::size_t t = 0; t < trials; ++t) {
      const double target = rng.uniform() * potential;
      const auto at = static_cast<std::size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin());
      ids[t] = std::min(at, n - 1);
    }
    double best_potential = std::numeric_limits<double>::infinity();
    std::size_t best_id = ids[0];
    for (std::size_t t = 0; t < trials; ++t) {
      distances_from(ids[t], candidate);
      double pot = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        candidate[i] = std::min(candidate[i], closest[i]);
        pot += candidate[i];
      }
      if (pot < best_potential) {  // ties: the earliest candidate, as numpy's argmin
        best_potential = pot;
        best_id = ids[t];
        best.swap(candidate);
      }
    }
    potential = best_potential;
    closest.swap(best);
    set_centre(c, best_id);
  }
  return centres;
}

/// One Lloyd run from `centres` (k × d, column-major). Fills labels, centres, trace; returns
/// (objective, iterations).
template <class Rows>
struct lloyd_state {
  const scaled_rows<Rows>& x;
  const kmeans_options& options;
  double tolerance;  // absolute
  std::size_t k, n, d, chunks;
  std::vector<std::vector<double>> scratch;  // per worker: k accumulators, then d for sums
  std::vector<double> distance;              // per row: to its assigned centre
  std::vector<std::size_t> order, starts;    // rows grouped by label

  lloyd_state(const scaled_rows<Rows>& rows, const kmeans_options& opts, double tol_abs)
      : x(rows), options(opts), tolerance(tol_abs), k(opts.k), n(rows.size()), d(rows.dims()),
        chunks((n + kmeans_chunk_rows - 1) / kmeans_chunk_rows),
        scratch(thread_count(opts.threads, std::max(chunks, opts.k)), std::vector<double>(std::max(opts.k, rows.dims()), 0.0)),
        distance(n), order(n), starts(opts.k + 1) {}

  /// Assigns every row to its nearest centre; returns the objective (sum in row order).
  double assign(const Eigen::MatrixXd& centres, std::vector<int>& labels) {
    Eigen::VectorXd centre_norm = centres.rowwise().squaredNorm();
    const double* c = centres.data();
    for_each_chunk(chunks, options.threads, [&](std::size_t chunk, std::size_t worker) {
      double* acc = scratch[worker].data();
      Eigen::Map<Eigen::VectorXd> dots(acc, static_cast<Eigen::Index>(k));
      for (std::size_t i = chunk * kmeans_chunk_rows; i < std::min(n, (chunk + 1) * kmeans_chunk_rows); ++i) {
        dots.setZero();
        x.for_each(i, [&](std::size_t t, double v) {
          dots.noalias() += v * Eigen::Map<const Eigen::VectorXd>(c + t * k, static_cast<Eigen::Index>(k));
        });
        std::size_t best = 0;
        double best_value = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < k; ++j) {
          // spherical: 1 − cos; euclidean: ‖c‖² − 2 x·c (‖x‖² is the same for every centre)
          const double value = options.spherical ? 1.0 - acc[j] : centre_norm[static_cast<Eigen::Index>(j)] - 2.0 * acc[j];
          if (value < best_value) {
            best_value = value;
            best = j;
          }
        }
        labels[i] = static_cast<int>(best);
        distance[i] = options.spherical ? std::max(0.0, 1.0 - acc[best])
                                        : squared_distance_to_centre(x, i, centres, best, centre_norm[static_cast<Eigen::Index>(best)]);
      }
    });
    double total = 0.0;
    for (const double v : distance) total += v;
    return total;
  }

  /// Moves the centres to their clusters' means (see the file comment for empty clusters);
  /// returns Σ_j ‖shift_j‖².
  double update(const std::vector<int>& labels, Eigen::MatrixXd& centres) {
    std::vector<std::size_t> count(k, 0);
    for (const int l : labels) ++count[static_cast<std::size_t>(l)];
    std::vector<std::size_t> moved_in(k, n);  // farthest point taken by an empty cluster
    std::vector<std::vector<std::size_t>> moved_out(k);
    if (options.empty == empty_cluster_policy::farthest_point) {
      std::vector<std::size_t> empty;
      for (std::size_t j = 0; j < k; ++j)
        if (count[j] == 0) empty.push_back(j);
      if (!empty.empty()) {
        std::vector<std::size_t> by_distance(n);
        std::iota(by_distance.begin(), by_distance.end(), std::size_t{0});
        std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<std::ptrdiff_t>(empty.size()), by_distance.end(),
                          [&](std::size_t a, std::size_t b) { return distance[a] != distance[b] ? distance[a] > distance[b] : a < b; });
        for (std::size_t e = 0; e < empty.size(); ++e) {
          const std::size_t row = by_distance[e];
          const auto old = static_cast<std::size_t>(labels[row]);
          moved_in[empty[e]] = row;
          moved_out[old].push_back(row);
          count[empty[e]] = 1;
          --count[old];
        }
      }
    }
    // Rows grouped by label, in increasing row order within each cluster.
    starts.assign(k + 1, 0);
    for (const int l : labels) ++starts[static_cast<std::size_t>(l) + 1];
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    {
      std::vector<std::size_t> next(starts.begin(), starts.end() - 1);
      for (std::size_t i = 0; i < n; ++i) order[next[static_cast<std::size_t>(labels[i])]++] = i;
    }
    Eigen::MatrixXd next_centres = centres;
    std::vector<double> shift(k, 0.0);
    for_each_chunk(k, options.threads, [&](std::size_t j, std::size_t worker) {
      auto& sum = scratch[worker];
      std::fill(sum.begin(), sum.begin() + static_cast<std::ptrdiff_t>(d), 0.0);
      if (moved_in[j] != n) {
        x.for_each(moved_in[j], [&](std::size_t t, double v) { sum[t] += v; });
      } else {
        const auto& out = moved_out[j];
        for (std::size_t p = starts[j]; p < starts[j + 1]; ++p) {
          const std::size_t row = order[p];
          if (!out.empty() && std::find(out.begin(), out.end(), row) != out.end()) continue;
          x.for_each(row, [&](std::size_t t, double v) { sum[t] += v; });
        }
      }
      const auto jj = static_cast<Eigen::Index>(j);
      if (count[j] == 0) return;  // keep: the centre stays
      double scale = 1.0 / static_cast<double>(count[j]);
      if (options.spherical) {
        double norm = 0.0;
        for (std::size_t t = 0; t < d; ++t) norm += sum[t] * sum[t];
        if (!(norm > 0.0)) return;  // rows that cancel out: keep the old direction
        scale = 1.0 / std::sqrt(norm);
      }
      double moved = 0.0;
      for (std::size_t t = 0; t < d; ++t) {
        const auto tt = static_cast<Eigen::Index>(t);
        const double value = sum[t] * scale;
        moved += (value - centres(jj, tt)) * (value - centres(jj, tt));
        next_centres(jj, tt) = value;
      }
      shift[j] = moved;
    });
    centres.swap(next_centres);
    double total = 0.0;
    for (const double s : shift) total += s;
    return total;
  }

  /// A full Lloyd run; centres in, final centres out.
  double run(Eigen::MatrixXd& centres, std::vector<int>& labels, std::size_t& iterations, std::vector<double>& trace) {
    std::vector<int> previous(n, -1);
    labels.assign(n, -1);
    trace.clear();
    bool strict = false;
    std::size_t i = 0;
    for (; i < options.max_iter; ++i) {
      trace.push_back(assign(centres, labels));
      const double shift = update(labels, centres);
      if (labels == previous) {
        strict = true;
        break;
      }
      if (shift <= tolerance) break;
      previous = labels;
    }
    iterations = std::min(i + 1, options.max_iter);
    return strict ? final_objective(centres, labels) : (assign(centres, labels), final_objective(centres, labels));
  }

  double final_objective(const Eigen::MatrixXd& centres, const std::vector<int>& labels) {
    // The assignment's distances already hold the exact objective when labels did not change
    // after the last update, but the centres moved; recompute against the final centres.
    Eigen::VectorXd centre_norm = centres.rowwise().squaredNorm();
    for_each_chunk(chunks, options.threads, [&](std::size_t chunk, std::size_t) {
      for (std::size_t i = chunk * kmeans_chunk_rows; i < std::min(n, (chunk + 1) * kmeans_chunk_rows); ++i) {
        const auto j = static_cast<std::size_t>(labels[i]);
        if (options.spherical) {
          double dot = 0.0;
          const double* c = centres.data();
          x.for_each(i, [&](std::size_t t, double v) { dot += v * c[t * k + j]; });
          distance[i] = std::max(0.0, 1.0 - dot);
        } else {
          distance[i] = squared_distance_to_centre(x, i, centres, j, centre_norm[static_cast<Eigen::Index>(j)]);
        }
      }
    });
    double total = 0.0;
    for (const double v : distance) total += v;
    return total;
  }
};

template <class Rows>
kmeans_result kmeans_rows(const scaled_rows<Rows>& x, const kmeans_options& options) {
  const auto k = options.k;
  const double tolerance = options.tol == 0.0 ? 0.0 : options.tol * mean_column_variance(x);
  lloyd_state<Rows> state(x, options, tolerance);
  kmeans_result best;
  best.objective = std::numeric_limits<double>::infinity();
  const std::size_t runs = options.initial_centroids.size() != 0 ? 1 : options.n_init;
  for (std::size_t r = 0; r < runs; ++r) {
    Eigen::MatrixXd centres;
    if (options.initial_centroids.size() != 0) {
      centres = options.initial_centroids;
      if (options.spherical)
        for (Eigen::Index j = 0; j < centres.rows(); ++j) {
          const double norm = centres.row(j).norm();
          if (norm > 0.0) centres.row(j) /= norm;
        }
    } else {
      splitmix64 rng(derive_seed(options.seed, r));
      centres = kmeans_plus_plus(x, k, rng, options.threads);
    }
    kmeans_result run;
    run.objective = state.run(centres, run.labels, run.iterations, run.objective_trace);
    run.centroids = std::move(centres);
    if (run.objective < best.objective) best = std::move(run);
  }
  return best;
}

}  // namespace detail

/// k-means clustering of the rows of `x` (a weight_matrix<float/double> or a dense Eigen
/// matrix). See the file comment for the algorithm, determinism and errors.
template <class Matrix>
kmeans_result kmeans(const Matrix& x, const kmeans_options& options) {
  const char* caller = "kmeans";
  if (x.rows() == 0 || x.cols() == 0)
    throw invalid_argument("cluster", 5, caller,
                           "the matrix is empty (" + std::to_string(x.rows()) + " rows, " + std::to_string(x.cols()) + " columns)",
                           "cluster at least one document with at least one term");
  if (options.k < 1)
    throw invalid_argument("cluster", 3, caller, "k = 0", "ask for at least one cluster");
  const auto n = static_cast<std::size_t>(x.rows());
  if (options.k > n)
    throw invalid_argument("cluster", 4, caller,
                           "k = " + std::to_string(options.k) + " is more than the " + std::to_string(n) + " documents",
                           "use k <= the number of documents");
  if (options.n_init < 1 || options.max_iter < 1 || !(options.tol >= 0.0))
    throw invalid_argument("cluster", 6, caller,
                           "n_init = " + std::to_string(options.n_init) + ", max_iter = " + std::to_string(options.max_iter) +
                               ", tol = " + detail::format_number(options.tol) + " are out of range",
                           "use n_init >= 1, max_iter >= 1 and tol >= 0");
  if (options.initial_centroids.size() != 0 &&
      (static_cast<std::size_t>(options.initial_centroids.rows()) != options.k || options.initial_centroids.cols() != x.cols() ||
       !options.initial_centroids.allFinite()))
    throw invalid_argument("cluster", 7, caller,
                           "initial_centroids is " + std::to_string(options.initial_centroids.rows()) + " x " +
                               std::to_string(options.initial_centroids.cols()) + " (or not finite), not k x terms = " +
                               std::to_string(options.k) + " x " + std::to_string(x.cols()),
                           "give one finite row per cluster with one column per term, or leave it empty for k-means++");
  const auto rows = detail::prepare_rows(x, options.spherical, "cluster", 1, 2, caller);
  return detail::kmeans_rows(rows, options);
}

}  // namespace plansim
