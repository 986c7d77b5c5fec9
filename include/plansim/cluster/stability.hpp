#pragma once
/// @file
/// How stable a clustering is under resampling of the documents.
///
/// Each resample draws round(sample_fraction · N) documents without replacement (a partial
/// Fisher–Yates shuffle from splitmix64, seeded by `options.seed` and the resample number) and
/// re-clusters them with k-means (`options`, its seed likewise derived per resample). Then:
///
/// - **co_assignment(i, j)**: of the resamples that drew both i and j, the share that put them in
///   one cluster. NaN for a pair never drawn together (rare: with 20 resamples of 80 % the chance
///   is 0.36^20); co_assignment(i, i) = 1 for a document drawn at least once.
/// - **cluster_stability[c]** (Hennig, "Cluster-wise assessment of cluster stability",
///   Computational Statistics & Data Analysis 52, 2007): for each resample, reference cluster c
///   restricted to the drawn documents is compared with every resample cluster D by the Jaccard
///   coefficient |C ∩ D| / |C ∪ D|; the best match is kept, and the best matches are averaged over
///   the resamples that drew any of c. Near 1: the cluster is found again and again; below about
///   0.6: it dissolves (Hennig's rule of thumb). Indexed by the reference label (0..max label);
///   NaN for a label no document has.
/// - **document_stability[i]**: mean co_assignment(i, j) over i's reference cluster mates j (NaN
///   entries skipped); for a document alone in its reference cluster, the mean of
///   1 − co_assignment(i, j) over all others (how reliably it stays apart). Low values mark
///   "swing" documents that move between clusters.
///
/// Deterministic for a seed whatever `options.threads`. Cost: resamples × (one k-means + m²).
///
/// Errors (`[plansim.cluster.n]`): labels not one per row 12; negative labels 10; resamples 0 or
/// sample_fraction outside (0, 1] 13; a sample smaller than k 13; and k-means' own errors.

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "plansim/cluster/kmeans.hpp"
#include "plansim/cluster/labels.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/detail/random.hpp"
#include "plansim/error.hpp"

namespace plansim {

struct stability_result {
  /// N × N: share of the resamples holding both documents that put them together.
  Eigen::MatrixXd co_assignment;
  /// Jaccard stability per reference cluster (Hennig 2007).
  std::vector<double> cluster_stability;
  /// Per document; low = a "swing" document.
  std::vector<double> document_stability;
};

namespace detail {

template <class Scalar, int Options, class Index>
Eigen::SparseMatrix<Scalar, Options, Index> select_rows(const Eigen::SparseMatrix<Scalar, Options, Index>& x,
                                                        const std::vector<std::size_t>& rows) {
  Eigen::SparseMatrix<Scalar, Options, Index> out(static_cast<Eigen::Index>(rows.size()), x.cols());
  std::vector<Eigen::Triplet<Scalar, Index>> entries;
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (typename Eigen::SparseMatrix<Scalar, Options, Index>::InnerIterator it(x, static_cast<Eigen::Index>(rows[r])); it; ++it)
      entries.emplace_back(static_cast<Index>(r), static_cast<Index>(it.col()), it.value());
  out.setFromTriplets(entries.begin(), entries.end());
  out.makeCompressed();
  return out;
}

template <class Derived>
typename Derived::PlainObject select_rows(const Eigen::MatrixBase<Derived>& x, const std::vector<std::size_t>& rows) {
  typename Derived::PlainObject out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Eigen::Index>(r)) = x.row(static_cast<Eigen::Index>(rows[r]));
  return out;
}

/// `m` distinct indices of [0, n), sorted, by a partial Fisher–Yates shuffle.
inline std::vector<std::size_t> draw_without_replacement(std::size_t n, std::size_t m, splitmix64& rng) {
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), std::size_t{0});
  for (std::size_t i = 0; i < m; ++i) std::swap(all[i], all[i + static_cast<std::size_t>(rng.below(n - i))]);
  all.resize(m);
  std::sort(all.begin(), all.end());
  return all;
}

}  // namespace detail

/// Resampling stability of `reference_labels` (one per row of `x`), re-clustering with `options`
/// (set options.k to the reference's number of clusters). See the file comment.
template <class Matrix>
stability_result stability(const Matrix& x, std::span<const int> reference_labels, const kmeans_options& options,
                           std::size_t resamples = 20, double sample_fraction = 0.8) {
  const char* caller = "stability";
  const auto n = static_cast<std::size_t>(x.rows());
  if (reference_labels.size() != n)
    throw dimension_mismatch("cluster", 12, caller,
                             std::to_string(reference_labels.size()) + " labels for " + std::to_string(n) + " documents",
                             "give one reference label per document (row)");
  detail::check_labels_non_negative(reference_labels, caller);
  if (resamples < 1 || !(sample_fraction > 0.0 && sample_fraction <= 1.0))
    throw invalid_argument("cluster", 13, caller,
                           "resamples = " + std::to_string(resamples) + ", sample_fraction = " +
                               detail::format_number(sample_fraction) + " are out of range",
                           "use at least one resample and a fraction in (0, 1], typically 20 and 0.8");
  const auto m = static_cast<std::size_t>(std::llround(sample_fraction * static_cast<double>(n)));
  if (m < options.k || m == 0)
    throw invalid_argument("cluster", 13, caller,
                           "a sample of " + std::to_string(m) + " documents cannot hold k = " + std::to_string(options.k) + " clusters",
                           "raise sample_fraction or lower k");
  const std::size_t reference_k =
      n == 0 ? 0 : static_cast<std::size_t>(*std::max_element(reference_labels.begin(), reference_labels.end())) + 1;
  const auto N = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd together = Eigen::MatrixXd::Zero(N, N), both = Eigen::MatrixXd::Zero(N, N);
  std::vector<double> jaccard_sum(reference_k, 0.0), jaccard_count(reference_k, 0.0);
  kmeans_options sub = options;
  sub.initial_centroids = Eigen::MatrixXd();
  for (std::size_t r = 0; r < resamples; ++r) {
    detail::splitmix64 rng(detail::derive_seed(options.seed ^ 0x5EED5A3B1E5ull, r));
    const auto drawn = detail::draw_without_replacement(n, m, rng);
    sub.seed = detail::derive_seed(options.seed, 1'000'000 + r);
    const auto result = kmeans(detail::select_rows(x, drawn), sub);
    const auto& lab = result.labels;
    for (std::size_t a = 0; a < m; ++a) {
      const auto ia = static_cast<Eigen::Index>(drawn[a]);
      both(ia, ia) += 1.0;
      together(ia, ia) += 1.0;
      for (std::size_t b = a + 1; b < m; ++b) {
        const auto ib = static_cast<Eigen::Index>(drawn[b]);
        both(ib, ia) += 1.0;
        if (lab[a] == lab[b]) together(ib, ia) += 1.0;
      }
    }
    // Hennig's Jaccard: overlap counts of reference clusters (restricted) with resample clusters.
    Eigen::MatrixXd overlap = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(reference_k), static_cast<Eigen::Index>(options.k));
    std::vector<double> ref_size(reference_k, 0.0), new_size(options.k, 0.0);
    for (std::size_t a = 0; a < m; ++a) {
      const auto c = static_cast<std::size_t>(reference_labels[drawn[a]]);
      const auto d = static_cast<std::size_t>(lab[a]);
      overlap(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(d)) += 1.0;
      ref_size[c] += 1.0;
      new_size[d] += 1.0;
    }
    for (std::size_t c = 0; c < reference_k; ++c) {
      if (ref_size[c] == 0.0) continue;
      double best = 0.0;
      for (std::size_t d = 0; d < options.k; ++d) {
        const double inter = overlap(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(d));
        best = std::max(best, inter / (ref_size[c] + new_size[d] - inter));
      }
      jaccard_sum[c] += best;
      jaccard_count[c] += 1.0;
    }
  }
  stability_result out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.co_assignment = Eigen::MatrixXd::Constant(N, N, nan);
  for (Eigen::Index j = 0; j < N; ++j)
    for (Eigen::Index i = j; i < N; ++i)
      if (both(i, j) > 0.0) out.co_assignment(i, j) = out.co_assignment(j, i) = together(i, j) / both(i, j);
  out.cluster_stability.resize(reference_k);
  for (std::size_t c = 0; c < reference_k; ++c) out.cluster_stability[c] = jaccard_count[c] > 0 ? jaccard_sum[c] / jaccard_count[c] : nan;
  std::vector<std::size_t> size(reference_k, 0);
  for (const int l : reference_labels) ++size[static_cast<std::size_t>(l)];
  out.document_stability.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool alone = size[static_cast<std::size_t>(reference_labels[i])] == 1;
    double sum = 0.0, count = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double co = out.co_assignment(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (std::isnan(co)) continue;
      if (alone) {
        sum += 1.0 - co;
        count += 1.0;
      } else if (reference_labels[j] == reference_labels[i]) {
        sum += co;
        count += 1.0;
      }
    }
    out.document_stability[i] = count > 0 ? sum / count : nan;
  }
  return out;
}

}  // namespace plansim
