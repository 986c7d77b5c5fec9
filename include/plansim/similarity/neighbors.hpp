#pragma once
/// @file
/// What the similarity searches return, and the options they share.
///
/// - `neighbor_lists<Scalar>`: top-k, for each query row its neighbours best first, ordered by
///   (score descending, id ascending) for similarities and (distance ascending, id ascending)
///   for distances. Stored as one flat array plus row offsets: N·k entries at most, no
///   per-row allocation. A row holds fewer than k entries when fewer documents are allowed
///   (N − 1 < k, or a mask excludes pairs).
/// - `pair_list<Scalar>`: threshold search, a vector of (i, j, score) sorted by (i, j). For X
///   against itself only i < j is listed (the matrix is symmetric and the diagonal is not a pair).

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "plansim/error.hpp"
#include "plansim/similarity/kernel_config.hpp"
#include "plansim/similarity/measures.hpp"

namespace plansim {

/// Options shared by every similarity search.
struct similarity_options {
  plansim::measure measure = measure::cosine;
  /// Top-k of X against itself: leave each document out of its own list.
  bool exclude_self = true;
  plansim::kernel_config kernel{};
};

template <class Scalar>
struct neighbor {
  Eigen::Index id = 0;
  Scalar score = 0;
  friend bool operator==(const neighbor&, const neighbor&) = default;
};

/// For each query row, its neighbours, best first.
template <class Scalar>
class neighbor_lists {
 public:
  neighbor_lists() = default;
  neighbor_lists(std::vector<std::size_t> offsets, std::vector<neighbor<Scalar>> entries)
      : offsets_(std::move(offsets)), entries_(std::move(entries)) {}

  /// Number of query rows.
  [[nodiscard]] std::size_t size() const noexcept { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  /// The neighbours of query row `row`, best first.
  [[nodiscard]] std::span<const neighbor<Scalar>> operator[](std::size_t row) const noexcept {
    return {entries_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]};
  }
  /// All entries, row after row; `offsets()[r]` is where row r starts.
  [[nodiscard]] const std::vector<neighbor<Scalar>>& entries() const noexcept { return entries_; }
  [[nodiscard]] const std::vector<std::size_t>& offsets() const noexcept { return offsets_; }

  friend bool operator==(const neighbor_lists&, const neighbor_lists&) = default;

 private:
  std::vector<std::size_t> offsets_;
  std::vector<neighbor<Scalar>> entries_;
};

/// One pair found by a threshold search: query (or document) i, document j, and their score.
template <class Scalar>
struct scored_pair {
  Eigen::Index i = 0;
  Eigen::Index j = 0;
  Scalar score = 0;
  friend bool operator==(const scored_pair&, const scored_pair&) = default;
};

template <class Scalar>
using pair_list = std::vector<scored_pair<Scalar>>;

/// The pairs of a threshold search of X against itself (i < j, as `threshold` lists them) as
/// neighbour lists over `n` documents: each pair appears in both of its rows, and every row is
/// ordered as a top-k row is for measure `m` (best first, then by id). Memory O(n + pairs).
/// @throws invalid_argument `[plansim.similarity.9]` for a pair naming a document >= n.
template <class Scalar>
neighbor_lists<Scalar> neighbor_lists_from_pairs(const pair_list<Scalar>& pairs, std::size_t n, measure m) {
  std::vector<std::size_t> offsets(n + 1, 0);
  for (const auto& p : pairs) {
    if (p.i < 0 || p.j < 0 || static_cast<std::size_t>(p.i) >= n || static_cast<std::size_t>(p.j) >= n)
      throw invalid_argument("similarity", 9, "neighbor_lists_from_pairs",
                             "pair (" + std::to_string(p.i) + ", " + std::to_string(p.j) +
                                 ") names a document beyond the " + std::to_string(n) + " given",
                             "give the number of documents the pairs were found among");
    ++offsets[static_cast<std::size_t>(p.i) + 1];
    ++offsets[static_cast<std::size_t>(p.j) + 1];
  }
  for (std::size_t r = 0; r < n; ++r) offsets[r + 1] += offsets[r];
  std::vector<neighbor<Scalar>> entries(offsets[n]);
  std::vector<std::size_t> at(offsets.begin(), offsets.end() - 1);
  for (const auto& p : pairs) {
    entries[at[static_cast<std::size_t>(p.i)]++] = {p.j, p.score};
    entries[at[static_cast<std::size_t>(p.j)]++] = {p.i, p.score};
  }
  const bool distance = is_distance(m);
  for (std::size_t r = 0; r < n; ++r)
    std::sort(entries.begin() + static_cast<std::ptrdiff_t>(offsets[r]),
              entries.begin() + static_cast<std::ptrdiff_t>(offsets[r + 1]), [&](const auto& a, const auto& b) {
                if (a.score != b.score) return distance ? a.score < b.score : a.score > b.score;
                return a.id < b.id;
              });
  return {std::move(offsets), std::move(entries)};
}

}  // namespace plansim
