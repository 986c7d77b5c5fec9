// scikit-learn compatibility: normalize_text({lower, keep | strip}) + sklearn_tokenizer gives
// TfidfVectorizer().build_analyzer()'s tokens, token for token, on the fixture written by
// tests/data/sklearn/make_tokenizer_fixture.py (scikit-learn 1.2.1).
#include <plansim/text/normalize.hpp>
#include <plansim/text/tokenizer.hpp>

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

namespace {

std::string from_hex(std::string_view hex) {
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::vector<std::string> tokens_from_hex(std::string_view field) {
  std::vector<std::string> out;
  if (field.empty()) return out;
  for (const std::string_view t : split(field, ',')) out.push_back(from_hex(t));
  return out;
}

std::vector<std::string> analyze(std::string_view text, plansim::accent_mapping accents) {
  const plansim::normalize_options options{plansim::case_mapping::lower, accents, false};
  std::string normalized;
  plansim::normalize_text(text, normalized, options);
  std::vector<std::string> out;
  plansim::sklearn_tokenizer{}(normalized, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

}  // namespace

TEST_CASE("lower + sklearn_tokenizer match scikit-learn's default analyzer", "[text][sklearn]") {
  std::ifstream file(PLANSIM_TEST_DATA_DIR "/sklearn/tokenizer_fixture.txt");
  REQUIRE(file);
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto fields = split(line, '\t');
    REQUIRE(fields.size() == 3);
    const std::string input = from_hex(fields[0]);
    CAPTURE(cases, fields[0]);
    CHECK(analyze(input, plansim::accent_mapping::keep) == tokens_from_hex(fields[1]));
    CHECK(analyze(input, plansim::accent_mapping::strip) == tokens_from_hex(fields[2]));
    // The apostrophe option cannot change scikit-learn's tokens: neither apostrophe is \w.
    std::string normalized = plansim::normalize_text(input, {plansim::case_mapping::lower});
    std::vector<std::string> with_apostrophe;
    plansim::sklearn_tokenizer{}(normalized, [&](std::string_view t) { with_apostrophe.emplace_back(t); });
    CHECK(with_apostrophe == tokens_from_hex(fields[1]));
    ++cases;
  }
  CHECK(cases == 150);
}
