// Replays every input the fuzzers ever crashed on (tests/fuzz/regressions/<target>/*) through the
// same code the fuzz target runs, so a fixed crash stays fixed in the normal test suite.
#define PLANSIM_FUZZ_NO_ENTRY_POINT
#include "fuzz/fuzz_corpus.cpp"
#include "fuzz/fuzz_matrix_market.cpp"
#include "fuzz/fuzz_text.cpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "catch.hpp"

namespace {

template <class Target>
void replay(const char* folder, Target&& target) {
  const auto dir = std::filesystem::path(PLANSIM_TEST_DATA_DIR).parent_path() / "fuzz" / "regressions" / folder;
  if (!std::filesystem::is_directory(dir)) return;  // no crash found yet for this target
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    INFO(entry.path().string());
    CHECK(target(bytes) == 0);
  }
}

}  // namespace

TEST_CASE("fuzzer regressions: Matrix Market reader", "[fuzz][matrix][mtx]") { replay("matrix_market", fuzz_matrix_market); }
TEST_CASE("fuzzer regressions: readers", "[fuzz][corpus]") { replay("corpus", fuzz_corpus); }
TEST_CASE("fuzzer regressions: text pipeline", "[fuzz][text]") { replay("text", fuzz_text); }

TEST_CASE("fuzz targets accept their seed corpora", "[fuzz]") {
  replay("../corpus/matrix_market", fuzz_matrix_market);
  replay("../corpus/corpus", fuzz_corpus);
  replay("../corpus/text", fuzz_text);
}
