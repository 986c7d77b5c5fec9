#include <cstddef>
#include <fstream>
#include <plansim/text/ngrams.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

namespace {

using strings = std::vector<std::string>;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// "hex,hex,..." -> strings; an empty field is an empty list.
strings from_hex_list(std::string_view field) {
  strings out;
  while (!field.empty()) {
    const std::size_t comma = field.find(',');
    out.push_back(from_hex(field.substr(0, comma)));
    if (comma == std::string_view::npos) {
      break;
    }
    field.remove_prefix(comma + 1);
  }
  return out;
}

struct record {
  std::string kind;
  strings input;
  strings ngrams;
};

std::vector<record> read_fixture() {
  std::ifstream in(std::string(PLANSIM_TEST_DATA_DIR) + "/sklearn/ngrams.txt");
  REQUIRE(in);
  std::vector<record> records;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = line.find('\t', tab1 + 1);
    REQUIRE(tab2 != std::string::npos);
    records.push_back({line.substr(0, tab1),
                       from_hex_list(std::string_view(line).substr(tab1 + 1, tab2 - tab1 - 1)),
                       from_hex_list(std::string_view(line).substr(tab2 + 1))});
  }
  return records;
}

strings chars(std::string_view text, std::size_t min_n, std::size_t max_n) {
  strings out;
  plansim::char_ngrams(text, min_n, max_n, [&](std::string_view g) { out.emplace_back(g); });
  return out;
}

strings chars_wb(std::string_view text, std::size_t min_n, std::size_t max_n) {
  strings out;
  plansim::char_wb_ngrams(text, min_n, max_n, [&](std::string_view g) { out.emplace_back(g); });
  return out;
}

strings words(const std::vector<std::string_view>& tokens, std::size_t min_n, std::size_t max_n) {
  strings out;
  std::string buffer;
  plansim::word_ngrams(tokens, min_n, max_n, buffer, [&](std::string_view g) { out.emplace_back(g); });
  return out;
}

}  // namespace

TEST_CASE("n-grams match scikit-learn 1.2.1 element by element", "[ngrams]") {
  const auto records = read_fixture();
  std::size_t counts[3] = {0, 0, 0};
  std::size_t total = 0;
  for (const record& r : records) {
    total += r.ngrams.size();
    const std::string document = r.input.empty() ? std::string() : r.input.front();
    CAPTURE(r.kind, document);
    if (r.kind == "char") {
      CHECK(chars(document, 1, 3) == r.ngrams);
      ++counts[0];
    } else if (r.kind == "char_wb") {
      CHECK(chars_wb(document, 2, 4) == r.ngrams);
      ++counts[1];
    } else {
      REQUIRE(r.kind == "word");
      const std::vector<std::string_view> tokens(r.input.begin(), r.input.end());
      CHECK(words(tokens, 1, 3) == r.ngrams);
      ++counts[2];
    }
  }
  CHECK(counts[0] >= 25);
  CHECK(counts[1] >= 25);
  CHECK(counts[2] >= 5);
  CHECK(total == 2474);  // every n-gram of the fixture was compared
}

TEST_CASE("word n-grams: unigrams first, then each n by position", "[ngrams]") {
  CHECK(words({"a", "b", "c"}, 1, 2) == strings{"a", "b", "c", "a b", "b c"});
  CHECK(words({"a", "b", "c"}, 2, 5) == strings{"a b", "b c", "a b c"});
  CHECK(words({"a"}, 2, 3).empty());
  CHECK(words({}, 1, 1).empty());
}

TEST_CASE("char n-grams: whitespace runs become one space, a lone tab stays", "[ngrams]") {
  CHECK(chars("a \t b", 1, 1) == strings{"a", " ", "b"});
  CHECK(chars("a\tb", 2, 2) == strings{"a\t", "\tb"});
  CHECK(chars("a\xC2\xA0\xC2\xA0"
              "b",
              1, 1) == strings{"a", " ", "b"});  // two NBSP
  CHECK(chars("\xC3\xA9t\xC3\xA9", 2, 2) == strings{"\xC3\xA9t", "t\xC3\xA9"});
  CHECK(chars("ab", 3, 5).empty());
}

TEST_CASE("char_wb n-grams: padded words, short words counted once", "[ngrams]") {
  CHECK(chars_wb("a", 1, 5) == strings{" ", "a", " ", " a", "a ", " a "});
  CHECK(chars_wb("ab  cd", 3, 3) == strings{" ab", "ab ", " cd", "cd "});
  CHECK(chars_wb(" \t\n", 1, 2).empty());
}

TEST_CASE("n-gram functions reject a bad range", "[ngrams]") {
  std::string buffer;
  const auto ignore = [](std::string_view) {};
  try {
    plansim::char_ngrams("abc", 3, 2, buffer, ignore);
    FAIL("no exception");
  } catch (const plansim::invalid_argument& e) {
    CHECK(std::string(e.what()) ==
          "[plansim.ngrams.2] char_ngrams: min_n (3) is above max_n (2) (give min_n <= max_n)");
  }
  const std::vector<std::string_view> tokens{"a"};
  CHECK_THROWS_AS(plansim::word_ngrams(tokens, 0, 2, buffer, ignore), plansim::invalid_argument);
  CHECK_THROWS_AS(plansim::char_wb_ngrams("abc", 0, 1, ignore), plansim::invalid_argument);
}

TEST_CASE("n-grams reuse the caller's buffer", "[ngrams]") {
  std::string buffer;
  std::size_t count = 0;
  const auto counter = [&](std::string_view) { ++count; };
  plansim::char_ngrams("the council plan", 1, 3, buffer, counter);
  const char* const data = buffer.data();
  plansim::char_ngrams("the plan council", 1, 3, buffer, counter);
  CHECK(buffer.data() == data);
  CHECK(count == 2 * (16 + 15 + 14));
}

TEST_CASE("is_python_space is exactly Python's str.isspace", "[ngrams]") {
  std::size_t spaces = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    spaces += plansim::is_python_space(c) ? 1U : 0U;
  }
  CHECK(spaces == 29);  // Python 3.11: sum(chr(c).isspace() for c in range(0x110000))
  CHECK(plansim::is_python_space(U'\x1C'));
  CHECK(plansim::is_python_space(U'\u00A0'));
  CHECK(plansim::is_python_space(U'\u3000'));
  CHECK_FALSE(plansim::is_python_space(U'\u200B'));
  CHECK_FALSE(plansim::is_python_space(U'\uFEFF'));
}

TEST_CASE("invalid UTF-8 bytes count as one character each and are never space", "[ngrams]") {
  CHECK(chars("a\x85"
              "b",
              1, 1) == strings{"a", "\x85", "b"});
  CHECK(chars_wb("\xA0\xA0", 3, 3) == strings{" \xA0\xA0", "\xA0\xA0 "});
}
