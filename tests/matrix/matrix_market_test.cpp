#include <plansim/matrix/matrix_market.hpp>
#include <plansim/matrix/term_counts.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "test_analyzers.hpp"

namespace {

Eigen::SparseMatrix<double, Eigen::RowMajor> read(const std::string& text) {
  std::istringstream in(text);
  return plansim::read_matrix_market<double>(in, "test.mtx");
}

}  // namespace

TEST_CASE("Matrix Market: counts are written as scipy.io.mmwrite would read them", "[matrix][mtx]") {
  const auto counts = plansim::count_terms(std::vector<std::string>{"b a b", "c"}, plansim_test::whitespace_analyzer{});
  std::ostringstream out;
  plansim::write_matrix_market(out, counts.counts, "made by plansim");
  CHECK(out.str() ==
        "%%MatrixMarket matrix coordinate integer general\n"
        "%made by plansim\n"
        "2 3 3\n"
        "1 1 1\n"
        "1 2 2\n"
        "2 3 1\n");
}

TEST_CASE("Matrix Market: real values round-trip exactly", "[matrix][mtx]") {
  Eigen::SparseMatrix<double, Eigen::RowMajor> m(3, 4);
  m.insert(0, 1) = 0.1 + 0.2;
  m.insert(2, 3) = -1e-300;
  m.insert(2, 0) = 1.0 / 3.0;
  m.makeCompressed();
  std::ostringstream out;
  plansim::write_matrix_market(out, m);
  const auto back = read(out.str());
  CHECK(back.rows() == 3);
  CHECK(back.cols() == 4);
  CHECK(back.nonZeros() == 3);
  CHECK(back.coeff(0, 1) == 0.1 + 0.2);
  CHECK(back.coeff(2, 3) == -1e-300);
  CHECK(back.coeff(2, 0) == 1.0 / 3.0);
}

TEST_CASE("Matrix Market: symmetric and pattern files from other tools", "[matrix][mtx]") {
  const auto sym = read("%%MatrixMarket matrix coordinate real symmetric\n% comment\n3 3 2\n2 1 5.5\n3 3 1\n");
  CHECK(sym.coeff(1, 0) == 5.5);
  CHECK(sym.coeff(0, 1) == 5.5);
  CHECK(sym.coeff(2, 2) == 1.0);
  const auto pat = read("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 2\n");
  CHECK(pat.coeff(0, 1) == 1.0);
}

TEST_CASE("Matrix Market: malformed files name the line", "[matrix][mtx][errors]") {
  CHECK_THROWS_WITH(read(""), "[plansim.mtx.1] test.mtx:1: the file is empty (give a Matrix Market (.mtx) file)");
  CHECK_THROWS_WITH(read("hello\n"),
                    "[plansim.mtx.2] test.mtx:1: the first line is not a Matrix Market header "
                    "(the file must start with '%%MatrixMarket matrix coordinate real general')");
  CHECK_THROWS_AS(read("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n"), plansim::data_error);
  CHECK_THROWS_WITH(read("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n"),
                    "[plansim.mtx.9] test.mtx:3: entry (3, 1) is outside the 2 x 2 matrix "
                    "(indices are one-based and must fit the size line)");
  CHECK_THROWS_WITH(read("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 x\n"),
                    "[plansim.mtx.8] test.mtx:3: malformed entry '1 1 x' (an entry is 'row column value')");
  CHECK_THROWS_WITH(read("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n"),
                    "[plansim.mtx.11] test.mtx:3: found 1 entries but the size line announces 2 "
                    "(the file may be truncated)");
  CHECK_THROWS_AS(read("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n"), plansim::data_error);
  CHECK_THROWS_AS(read("%%MatrixMarket matrix coordinate real general\n2 x 1\n"), plansim::data_error);
  CHECK_THROWS_WITH(read("%%MatrixMarket matrix coordinate pattern symmetric\n2 2 7222222222222222222\n"),
                    "[plansim.mtx.13] test.mtx:2: 7222222222222222222 entries cannot fit a 2 x 2 matrix "
                    "(check the size line)");
}

TEST_CASE("vocabulary files escape what would break a line", "[matrix][mtx]") {
  const auto vocab = plansim::vocabulary::from_terms({"a\nb", "back\\slash", "plain", "tab\there", "two words"});
  std::ostringstream out;
  plansim::write_vocabulary(out, vocab);
  CHECK(out.str() == "a\\nb\nback\\\\slash\nplain\ntab\\there\ntwo words\n");
  std::istringstream in(out.str());
  CHECK(plansim::read_vocabulary(in, "vocabulary.txt").terms() == vocab.terms());
  std::istringstream bad("ok\nbad\\q\n");
  CHECK_THROWS_WITH(plansim::read_vocabulary(bad, "vocabulary.txt"),
                    "[plansim.vocabulary.9] vocabulary.txt:2: unknown escape in 'bad\\q' (write \\\\ for a backslash)");
}
