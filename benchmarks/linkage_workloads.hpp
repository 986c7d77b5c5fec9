#pragma once
// The points bench_linkage and peers/scipy_linkage.py both cluster: N points in 16 dimensions,
// coordinate c (= 16 i + j) is splitmix64(c) mapped to [0, 1) by its top 53 bits. Same bits in
// C++ and numpy, so both sides cluster the very same distances.
#include <Eigen/Core>

#include <cstddef>
#include <cstdint>

namespace plansim_bench {

inline constexpr Eigen::Index linkage_dims = 16;

inline std::uint64_t splitmix64(std::uint64_t counter) {
  std::uint64_t z = counter + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline Eigen::MatrixXd linkage_points(Eigen::Index n) {
  Eigen::MatrixXd x(n, linkage_dims);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < linkage_dims; ++j)
      x(i, j) = static_cast<double>(splitmix64(static_cast<std::uint64_t>(i * linkage_dims + j)) >> 11) * 0x1.0p-53;
  return x;
}

}  // namespace plansim_bench
