// One side of the A/B driver: plansim::vectorize with scikit-learn's analyzer and weighting, built
// as a shared library against one source tree (see build.sh). Returns a checksum of the matrix,
// which must agree between the two sides.
#include <plansim/text/analyzer.hpp>
#include <plansim/weighting/vectorize.hpp>

#include <cstddef>
#include <string>
#include <vector>

extern "C" __attribute__((visibility("default"))) double run_once(const std::vector<std::string>* documents,
                                                                  int threads) {
  const plansim::text_analyzer analyzer(plansim::analyzer_options::sklearn());
  const auto vectors = plansim::vectorize(*documents, analyzer, plansim::tf_idf::sklearn(),
                                          {.threads = static_cast<std::size_t>(threads)});
  return static_cast<double>(vectors.weights.nonZeros()) + vectors.weights.coeffs().sum();
}
