// libFuzzer target: the Matrix Market reader must accept or reject any bytes with a data_error,
// never crash, hang or read out of bounds.
#include <plansim/matrix/matrix_market.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"

inline int fuzz_matrix_market(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  try {
    // Sizes are capped: a size line of a billion rows is a resource question, not a parsing one.
    const auto m = plansim::read_matrix_market<double>(in, "fuzz.mtx", 1 << 16);
    if (m.rows() < 0 || m.cols() < 0) return 1;
  } catch (const plansim::data_error&) {
  }
  return 0;
}

PLANSIM_FUZZ_ENTRY_POINT(fuzz_matrix_market)
