#pragma once
/// @file
/// Seeded random numbers that are identical on every standard library. Not API.
///
/// std::uniform_real_distribution and std::normal_distribution are implementation-defined, so
/// libstdc++ and libc++ would give different clusters for one seed. Here doubles come straight
/// from the top 53 bits of splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014), and normal deviates from the Box–Muller transform.

#include <cmath>
#include <cstdint>
#include <numbers>

namespace plansim::detail {

/// splitmix64: a 64-bit state advanced by a Weyl constant and mixed; passes BigCrush.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) noexcept : state_(seed) {}

  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  /// Uniform in [0, 1): the top 53 bits over 2^53.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n), n > 0: rejects the 2^64 mod n lowest draws, then takes x mod n.
  std::uint64_t below(std::uint64_t n) noexcept {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }

  /// Standard normal deviate (Box–Muller, one of the pair; the sine half is dropped).
  double normal() noexcept {
    double u = uniform();
    while (u <= 0.0) u = uniform();
    const double v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }

 private:
  std::uint64_t state_;
};

/// A seed for stream `stream` derived from `seed`, so restarts and resamples are independent of
/// each other and of the order they run in.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept {
  splitmix64 a(seed ^ (0xD1B54A32D192ED03ull * (stream + 1)));
  a.next();
  return a.next();
}

}  // namespace plansim::detail
