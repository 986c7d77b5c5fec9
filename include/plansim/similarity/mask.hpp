#pragma once
/// @file
/// Masks: which (query i, document j) pairs a search may return.
///
/// A mask is any type modelling `pair_mask`: `allows(i, j)` answers for one pair and `check`
/// validates the mask against the sizes of a search before it starts. Searches take the mask
/// as a template parameter, so `allows` is inlined into the candidate loop: no virtual call
/// per pair, and `no_mask` costs nothing at all. A mask only removes pairs; scores never change.
///
/// - `no_mask`: every pair.
/// - `group_mask`: pairs whose group labels (region, council type, year...) are equal, or
///   differ. O(1) per pair.
/// - `pattern_mask`: the stored entries of a sparse matrix (any scalar type, values ignored),
///   row i = query, column j = document. O(log nnz(row i)) per pair.

#include <Eigen/SparseCore>

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/error.hpp"

namespace plansim {

template <class M>
concept pair_mask = requires(const M& m, Eigen::Index i, std::string_view caller) {
  { m.allows(i, i) } -> std::convertible_to<bool>;
  m.check(i, i, caller);
};

/// Allows every pair.
struct no_mask {
  [[nodiscard]] constexpr bool allows(Eigen::Index, Eigen::Index) const noexcept { return true; }
  void check(Eigen::Index, Eigen::Index, std::string_view) const noexcept {}
};

/// Allows pairs by group label: equal labels (`same`) or different labels (`different`).
class group_mask {
 public:
  enum class rule { same, different };

  /// X against itself: one label per document.
  static group_mask same(std::vector<std::int64_t> labels) { return {labels, labels, rule::same}; }
  static group_mask different(std::vector<std::int64_t> labels) { return {labels, labels, rule::different}; }
  /// Queries against documents: one label per query row and one per document row.
  static group_mask same(std::vector<std::int64_t> query_labels, std::vector<std::int64_t> document_labels) {
    return {std::move(query_labels), std::move(document_labels), rule::same};
  }
  static group_mask different(std::vector<std::int64_t> query_labels, std::vector<std::int64_t> document_labels) {
    return {std::move(query_labels), std::move(document_labels), rule::different};
  }

  group_mask(std::vector<std::int64_t> query_labels, std::vector<std::int64_t> document_labels, rule r)
      : query_(std::move(query_labels)), document_(std::move(document_labels)), rule_(r) {}

  [[nodiscard]] bool allows(Eigen::Index i, Eigen::Index j) const noexcept {
    const bool equal = query_[static_cast<std::size_t>(i)] == document_[static_cast<std::size_t>(j)];
    return rule_ == rule::same ? equal : !equal;
  }

  /// @throws dimension_mismatch `[plansim.similarity.4]` when a label vector has the wrong length.
  void check(Eigen::Index queries, Eigen::Index documents, std::string_view caller) const {
    if (static_cast<Eigen::Index>(query_.size()) != queries || static_cast<Eigen::Index>(document_.size()) != documents)
      throw dimension_mismatch("similarity", 4, caller,
                               "the group mask has " + std::to_string(query_.size()) + " query and " +
                                   std::to_string(document_.size()) + " document labels for " +
                                   std::to_string(queries) + " queries and " + std::to_string(documents) +
                                   " documents",
                               "give one label per row");
  }

 private:
  std::vector<std::int64_t> query_;
  std::vector<std::int64_t> document_;
  rule rule_;
};

/// Allows exactly the pairs stored in a sparse matrix (row = query, column = document).
class pattern_mask {
 public:
  /// Copies the sparsity pattern of `pattern` (any storage order, any scalar; values ignored,
  /// stored zeros count as allowed).
  template <class Derived>
  explicit pattern_mask(const Eigen::SparseMatrixBase<Derived>& pattern) : rows_(pattern.rows()), cols_(pattern.cols()) {
    Eigen::SparseMatrix<char, Eigen::RowMajor, Eigen::Index> copy = pattern.derived().template cast<char>();
    copy.makeCompressed();
    outer_.assign(copy.outerIndexPtr(), copy.outerIndexPtr() + copy.outerSize() + 1);
    inner_.assign(copy.innerIndexPtr(), copy.innerIndexPtr() + copy.nonZeros());
  }

  [[nodiscard]] bool allows(Eigen::Index i, Eigen::Index j) const noexcept {
    const auto first = inner_.begin() + outer_[static_cast<std::size_t>(i)];
    const auto last = inner_.begin() + outer_[static_cast<std::size_t>(i) + 1];
    return std::binary_search(first, last, j);
  }

  /// @throws dimension_mismatch `[plansim.similarity.4]` when the pattern's shape is not
  ///         queries × documents.
  void check(Eigen::Index queries, Eigen::Index documents, std::string_view caller) const {
    if (rows_ != queries || cols_ != documents)
      throw dimension_mismatch("similarity", 4, caller,
                               "the pattern mask is " + std::to_string(rows_) + " x " + std::to_string(cols_) +
                                   " for " + std::to_string(queries) + " queries and " + std::to_string(documents) +
                                   " documents",
                               "give a queries x documents pattern");
  }

 private:
  Eigen::Index rows_;
  Eigen::Index cols_;
  std::vector<Eigen::Index> outer_;
  std::vector<Eigen::Index> inner_;
};

}  // namespace plansim
