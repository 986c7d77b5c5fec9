#pragma once
/// @file
/// A bounded heap keeping the k best (key, id) pairs, best = larger key, then smaller id. Not API.
///
/// The order is total (ids are distinct), so the k kept are the same whatever order candidates
/// arrive in: that is what lets the kernels offer candidates block by block, and lets the result
/// not depend on the thread count. Storage is reserved once; `offer` never allocates.

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace plansim::detail {

template <class Key>
class top_k_heap {
 public:
  struct entry {
    Key key;
    Eigen::Index id;
  };

  /// Empties the heap and sets its capacity (allocates only when k grows).
  void reset(std::size_t k) {
    k_ = k;
    items_.clear();
    items_.reserve(k);
  }

  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] bool full() const noexcept { return items_.size() == k_; }
  /// The worst entry kept; only when non-empty.
  [[nodiscard]] const entry& worst() const noexcept { return items_.front(); }

  /// True when (key, id) would be kept now.
  [[nodiscard]] bool accepts(Key key, Eigen::Index id) const noexcept {
    if (items_.size() < k_) return true;
    if (k_ == 0) return false;
    const entry& w = items_.front();
    return key > w.key || (key == w.key && id < w.id);
  }

  /// Keeps (key, id) if it is among the k best so far; returns whether it was kept.
  bool offer(Key key, Eigen::Index id) {
    if (!accepts(key, id)) return false;
    if (items_.size() == k_) {
      std::pop_heap(items_.begin(), items_.end(), better);
      items_.back() = {key, id};
    } else {
      items_.push_back({key, id});
    }
    std::push_heap(items_.begin(), items_.end(), better);
    return true;
  }

  /// Sorts the kept entries best first (the heap is spent afterwards; call reset before reuse).
  std::vector<entry>& sorted() {
    std::sort_heap(items_.begin(), items_.end(), better);
    return items_;
  }

 private:
  // "a is better than b"; as std's heap comparator this keeps the worst entry at the front.
  static bool better(const entry& a, const entry& b) noexcept { return a.key > b.key || (a.key == b.key && a.id < b.id); }

  std::size_t k_ = 0;
  std::vector<entry> items_;
};

}  // namespace plansim::detail
