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

#include <cstddef>
#include <span>
#include <vector>

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

}  // namespace plansim
