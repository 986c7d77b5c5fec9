#pragma once
/// @file
/// Where the similarity kernels send candidates: a bounded heap per query row (top-k) or a
/// per-chunk list of passing pairs (threshold). Not API.
///
/// A sink is told `prepare(workers, query_block)` once, then, for each chunk of query rows,
/// `begin_chunk`, any number of `candidate(worker, row in chunk, i, j, key)` calls (key: larger
/// is better, distances negated) and `end_chunk`. `bar(worker, row in chunk)` is a key below which
/// a candidate is certainly dropped, so kernels can skip scoring it. Each chunk writes only its own output, so the
/// result does not depend on which thread ran it.

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "plansim/detail/top_k_heap.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim::detail {

// Collects the k best per query row into one flat array (O(Nq·k)).
template <class Scalar>
struct top_k_sink {
  static constexpr bool takes_untouched = true;
  measure m = measure::cosine;
  std::size_t k = 0;
  std::vector<std::vector<top_k_heap<Scalar>>> heaps;  // [worker][row in chunk]
  std::vector<neighbor<Scalar>> entries;               // Nq · k
  std::vector<std::size_t> counts;

  top_k_sink(measure measure_kind, std::size_t k_, std::size_t queries)
      : m(measure_kind), k(k_), entries(queries * k_), counts(queries, 0) {}

  void prepare(std::size_t workers, std::size_t query_block) {
    heaps.assign(workers, std::vector<top_k_heap<Scalar>>(query_block));
  }
  void begin_chunk(std::size_t, std::size_t r0, std::size_t r1, std::size_t worker) {
    for (std::size_t r = r0; r < r1; ++r) heaps[worker][r - r0].reset(k);
  }
  // The key a candidate must reach to have a chance (the k-th best so far): a dynamic threshold.
  [[nodiscard]] Scalar bar(std::size_t worker, std::size_t local_row) const noexcept {
    const auto& heap = heaps[worker][local_row];
    return heap.full() && heap.size() > 0 ? heap.worst().key : std::numeric_limits<Scalar>::lowest();
  }
  void candidate(std::size_t worker, std::size_t local_row, std::size_t, std::size_t j, Scalar key) {
    heaps[worker][local_row].offer(key, static_cast<Eigen::Index>(j));
  }
  bool offer_untouched(std::size_t worker, std::size_t local_row, std::size_t j, Scalar key) {
    return heaps[worker][local_row].offer(key, static_cast<Eigen::Index>(j));
  }
  void end_chunk(std::size_t, std::size_t r0, std::size_t r1, std::size_t worker) {
    for (std::size_t r = r0; r < r1; ++r) {
      auto& sorted = heaps[worker][r - r0].sorted();
      for (std::size_t e = 0; e < sorted.size(); ++e)
        entries[r * k + e] = {sorted[e].id, is_distance(m) ? -sorted[e].key : sorted[e].key};
      counts[r] = sorted.size();
    }
  }
  neighbor_lists<Scalar> result() && {
    std::vector<std::size_t> offsets(counts.size() + 1, 0);
    std::size_t at = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
      for (std::size_t e = 0; e < counts[r]; ++e) entries[at++] = entries[r * k + e];  // at <= r·k: safe in place
      offsets[r + 1] = at;
    }
    entries.resize(at);
    entries.shrink_to_fit();
    return {std::move(offsets), std::move(entries)};
  }
};

// Collects the pairs that pass, per chunk, then concatenates them in (i, j) order.
template <class Scalar>
struct threshold_sink {
  static constexpr bool takes_untouched = false;
  measure m = measure::cosine;
  double t = 0.0;
  std::vector<pair_list<Scalar>> chunks;

  threshold_sink(measure measure_kind, double threshold, std::size_t chunk_count)
      : m(measure_kind), t(threshold), chunks(chunk_count) {}

  void prepare(std::size_t workers, std::size_t) { current_.assign(workers, 0); }
  void begin_chunk(std::size_t chunk, std::size_t, std::size_t, std::size_t worker) { current_[worker] = chunk; }
  // A lower bound on the passing keys of similarities (Scalar(t) rounds to a value no score >= t
  // is below); only used for measures whose key is the raw product.
  [[nodiscard]] Scalar bar(std::size_t, std::size_t) const noexcept { return static_cast<Scalar>(t); }
  void candidate(std::size_t worker, std::size_t, std::size_t i, std::size_t j, Scalar key) {
    const Scalar score = is_distance(m) ? -key : key;
    const bool pass = is_distance(m) ? static_cast<double>(score) <= t : static_cast<double>(score) >= t;
    if (pass) chunks[current_[worker]].push_back({static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j), score});
  }
  bool offer_untouched(std::size_t, std::size_t, std::size_t, Scalar) { return false; }
  void end_chunk(std::size_t chunk, std::size_t, std::size_t, std::size_t) {
    std::sort(chunks[chunk].begin(), chunks[chunk].end(),
              [](const auto& a, const auto& b) { return a.i != b.i ? a.i < b.i : a.j < b.j; });
  }
  pair_list<Scalar> result() && {
    std::size_t total = 0;
    for (const auto& c : chunks) total += c.size();
    pair_list<Scalar> out;
    out.reserve(total);
    for (auto& c : chunks) {
      out.insert(out.end(), c.begin(), c.end());
      c = {};
    }
    return out;
  }

 private:
  std::vector<std::size_t> current_;  // chunk each worker is on; sized in prepare
};

}  // namespace plansim::detail
