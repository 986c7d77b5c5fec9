#pragma once
/// @file
/// Top-k and threshold search over DENSE document vectors (embeddings, LSA coordinates): rows
/// of a float or double matrix, any storage order (row-major avoids a copy of the layout).
///
///     Eigen::MatrixXf embeddings = ...;                         // one row per document
///     auto nearest = plansim::top_k(embeddings, 10);
///     auto close   = plansim::threshold(embeddings, 0.9);
///
/// How it works: rows are transformed for the measure (measures.hpp; cosine normalises them),
/// then the score matrix is computed tile by tile, each tile one Eigen GEMM of
/// `query_block` query rows against `tile_docs` documents, Q_b X_bᵀ, into a per-thread buffer.
/// Selection is fused onto the tile (a bounded heap per query row, or the threshold test), so
/// at most query_block × tile_docs scores exist per thread at any time. For X against itself
/// the threshold search skips tiles below the diagonal and, within diagonal tiles, j <= i.
///
/// Determinism: tiles have fixed boundaries (set by the configuration, never by the thread
/// count) and Eigen's GEMM is single-threaded here and deterministic for a given shape, so the
/// result is bit-identical for any `kernel_config::threads`. Note that Eigen's GEMM may
/// allocate its packing buffers once per tile (not per score).
///
/// Complexity: O(Nq·N·d) flops through GEMM plus O(Nq·N) selection (Jensen–Shannon: O(Nq·N·d)
/// scalar work, off the GEMM path). Memory: the transformed copies O((Nq + N)·d), per-thread
/// tiles O(P·query_block·tile_docs), heaps O(P·query_block·k), top-k output O(Nq·k); never N × N.

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>
#include <vector>

#include "plansim/detail/parallel.hpp"
#include "plansim/detail/similarity_rows.hpp"
#include "plansim/detail/similarity_sinks.hpp"
#include "plansim/similarity/kernel_config.hpp"
#include "plansim/similarity/mask.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim {
namespace detail {

// Jensen–Shannon divergence of two L1-normalised dense rows.
template <class Scalar>
double js_divergence(const dense_rows<Scalar>& a, Eigen::Index i, const dense_rows<Scalar>& b, Eigen::Index j) {
  double out = 0.0;
  for (Eigen::Index c = 0; c < a.cols(); ++c) out += jsd_term(static_cast<double>(a(i, c)), static_cast<double>(b(j, c)));
  return out;
}

template <class Scalar, pair_mask Mask, class Sink>
void run_dense(const prepared_dense<Scalar>& pq, const prepared_dense<Scalar>& px, measure m, const kernel_config& config,
               bool exclude_self, bool upper_only, const Mask& mask, Sink& sink) {
  const auto& q = pq.rows;
  const auto& x = px.rows;
  const auto nq = static_cast<std::size_t>(q.rows());
  const auto nx = static_cast<std::size_t>(x.rows());
  const std::size_t qb = config.query_block;
  const std::size_t block = config.tile_docs;
  const std::size_t chunks = (nq + qb - 1) / qb;
  const std::size_t workers = thread_count(config.threads, chunks);
  const double columns = static_cast<double>(x.cols());
  const bool raw_key = m == measure::cosine || m == measure::dot;
  std::vector<std::vector<Scalar>> tiles(workers);
  if (m != measure::jensen_shannon)
    for (auto& tile : tiles) tile.assign(qb * block, Scalar(0));
  sink.prepare(workers, qb);

  for_each_chunk(chunks, workers, [&](std::size_t chunk, std::size_t worker) {
    const std::size_t r0 = chunk * qb;
    const std::size_t r1 = std::min(nq, r0 + qb);
    sink.begin_chunk(chunk, r0, r1, worker);
    auto first_of = [&](std::size_t r) { return upper_only ? r + 1 : std::size_t{0}; };
    auto allowed = [&](std::size_t i, std::size_t j) {
      return !(exclude_self && i == j) && mask.allows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    };
    if (m == measure::jensen_shannon) {
      for (std::size_t r = r0; r < r1; ++r)
        for (std::size_t j = first_of(r); j < nx; ++j) {
          if (!allowed(r, j)) continue;
          const double d = js_distance(js_divergence(q, static_cast<Eigen::Index>(r), x, static_cast<Eigen::Index>(j)),
                                       pq.stats[r].sum > 0.0, px.stats[j].sum > 0.0);
          sink.candidate(worker, r - r0, r, j, to_key(m, static_cast<Scalar>(d)));
        }
      sink.end_chunk(chunk, r0, r1, worker);
      return;
    }
    for (std::size_t b0 = 0; b0 < nx; b0 += block) {
      const std::size_t b1 = std::min(nx, b0 + block);
      const std::size_t width = b1 - b0;
      if (b1 <= first_of(r0)) continue;
      Eigen::Map<dense_rows<Scalar>> tile(tiles[worker].data(), static_cast<Eigen::Index>(r1 - r0),
                                          static_cast<Eigen::Index>(width));
      tile.noalias() = q.middleRows(static_cast<Eigen::Index>(r0), static_cast<Eigen::Index>(r1 - r0)) *
                       x.middleRows(static_cast<Eigen::Index>(b0), static_cast<Eigen::Index>(width)).transpose();
      for (std::size_t r = r0; r < r1; ++r) {
        const std::size_t first = std::max(first_of(r), b0);
        const Scalar* row = tiles[worker].data() + (r - r0) * width;
        Scalar bar = raw_key ? sink.bar(worker, r - r0) : std::numeric_limits<Scalar>::lowest();
        for (std::size_t j = first; j < b1; ++j) {
          // For cosine and dot the key is the product (clamped): below the bar it cannot count.
          if (raw_key_of(m, row[j - b0]) < bar || !allowed(r, j)) continue;
          const double score = finish(m, static_cast<double>(row[j - b0]), pq.stats[r], px.stats[j], columns);
          sink.candidate(worker, r - r0, r, j, to_key(m, static_cast<Scalar>(score)));
          if (raw_key) bar = sink.bar(worker, r - r0);
        }
      }
    }
    sink.end_chunk(chunk, r0, r1, worker);
  });
}

template <class Scalar, class Mask>
neighbor_lists<Scalar> dense_top_k(const prepared_dense<Scalar>& q, const prepared_dense<Scalar>& x, bool self,
                                   Eigen::Index k, const similarity_options& options, const Mask& mask) {
  const auto cap = std::min(static_cast<std::size_t>(k), static_cast<std::size_t>(x.rows.rows()));
  top_k_sink<Scalar> sink(options.measure, cap, static_cast<std::size_t>(q.rows.rows()));
  run_dense(q, x, options.measure, options.kernel, self && options.exclude_self, false, mask, sink);
  return std::move(sink).result();
}

template <class Scalar, class Mask>
pair_list<Scalar> dense_threshold(const prepared_dense<Scalar>& q, const prepared_dense<Scalar>& x, bool self, double t,
                                  const similarity_options& options, const Mask& mask) {
  const std::size_t qb = options.kernel.query_block;
  threshold_sink<Scalar> sink(options.measure, t, (static_cast<std::size_t>(q.rows.rows()) + qb - 1) / qb);
  run_dense(q, x, options.measure, options.kernel, false, self, mask, sink);
  return std::move(sink).result();
}

}  // namespace detail

/// For each row of the dense matrix `x`, its k most similar other rows (as the sparse top_k).
template <class Derived, pair_mask Mask = no_mask>
neighbor_lists<typename Derived::Scalar> top_k(const Eigen::MatrixBase<Derived>& x, Eigen::Index k,
                                               const similarity_options& options = {}, const Mask& mask = {}) {
  constexpr std::string_view caller = "top_k";
  detail::check_k(k, caller);
  detail::check_search(options, mask, x.rows(), x.cols(), x.rows(), x.cols(), caller);
  const auto prepared = detail::prepare(x, options.measure, caller);
  return detail::dense_top_k(prepared, prepared, true, k, options, mask);
}

/// For each row of `q`, its k most similar rows of `x`.
template <class DerivedQ, class DerivedX, pair_mask Mask = no_mask>
neighbor_lists<typename DerivedX::Scalar> top_k(const Eigen::MatrixBase<DerivedQ>& q, const Eigen::MatrixBase<DerivedX>& x,
                                                Eigen::Index k, const similarity_options& options = {},
                                                const Mask& mask = {}) {
  static_assert(std::is_same_v<typename DerivedQ::Scalar, typename DerivedX::Scalar>,
                "queries and documents must have the same scalar type");
  constexpr std::string_view caller = "top_k";
  detail::check_k(k, caller);
  detail::check_search(options, mask, q.rows(), q.cols(), x.rows(), x.cols(), caller);
  const auto pq = detail::prepare(q, options.measure, caller);
  const auto px = detail::prepare(x, options.measure, caller);
  return detail::dense_top_k(pq, px, false, k, options, mask);
}

/// Every pair i < j of rows of `x` with similarity >= t (distance <= t), sorted by (i, j).
template <class Derived, pair_mask Mask = no_mask>
pair_list<typename Derived::Scalar> threshold(const Eigen::MatrixBase<Derived>& x, double t,
                                              const similarity_options& options = {}, const Mask& mask = {}) {
  constexpr std::string_view caller = "threshold";
  detail::check_threshold(options.measure, t, caller);
  detail::check_search(options, mask, x.rows(), x.cols(), x.rows(), x.cols(), caller);
  const auto prepared = detail::prepare(x, options.measure, caller);
  return detail::dense_threshold(prepared, prepared, true, t, options, mask);
}

/// Every (query q, row j of x) pair with similarity >= t (distance <= t), sorted by (q, j).
template <class DerivedQ, class DerivedX, pair_mask Mask = no_mask>
pair_list<typename DerivedX::Scalar> threshold(const Eigen::MatrixBase<DerivedQ>& q, const Eigen::MatrixBase<DerivedX>& x,
                                               double t, const similarity_options& options = {}, const Mask& mask = {}) {
  static_assert(std::is_same_v<typename DerivedQ::Scalar, typename DerivedX::Scalar>,
                "queries and documents must have the same scalar type");
  constexpr std::string_view caller = "threshold";
  detail::check_threshold(options.measure, t, caller);
  detail::check_search(options, mask, q.rows(), q.cols(), x.rows(), x.cols(), caller);
  const auto pq = detail::prepare(q, options.measure, caller);
  const auto px = detail::prepare(x, options.measure, caller);
  return detail::dense_threshold(pq, px, false, t, options, mask);
}

}  // namespace plansim
