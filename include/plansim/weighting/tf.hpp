#pragma once
/// @file
/// Term-frequency schemes: how much one document's count of a term is worth.
///
/// With tf = count of term t in document d (always > 0 where a weight is stored):
///
/// | scheme      | weight                          | known as                                      |
/// |-------------|---------------------------------|-----------------------------------------------|
/// | `raw`       | tf                              | scikit-learn default, quanteda "count"        |
/// | `binary`    | 1                               | scikit-learn `binary=True`, SMART "b"         |
/// | `log`       | 1 + ln(tf)                      | scikit-learn `sublinear_tf=True`, SMART "l"   |
/// | `augmented` | 0.5 + 0.5 · tf / max_t' tf(t',d) | SMART "a", quanteda "augmented" (K = 0.5)     |
///
/// Reference: Manning, Raghavan and Schütze, *Introduction to Information Retrieval*, 2008,
/// table 6.15 (SMART notation).

#include <cmath>

namespace plansim {

enum class tf_scheme { raw, binary, log, augmented };

/// The weight of a positive count `tf` under `scheme`; `max_tf` is the largest count in the same
/// document (used by `augmented` only).
inline double tf_weight(tf_scheme scheme, double tf, double max_tf) noexcept {
  switch (scheme) {
    case tf_scheme::binary: return 1.0;
    case tf_scheme::log: return 1.0 + std::log(tf);
    case tf_scheme::augmented: return 0.5 + 0.5 * tf / max_tf;
    case tf_scheme::raw: break;
  }
  return tf;
}

}  // namespace plansim
