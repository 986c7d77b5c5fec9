#include <cstddef>
#include <fstream>
#include <plansim/text/porter2.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catch.hpp"

namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// Reads "<word> <stem>" lines.
std::vector<std::pair<std::string, std::string>> read_pairs(const std::string& name) {
  std::ifstream in(std::string(PLANSIM_TEST_DATA_DIR) + "/porter2/" + name);
  REQUIRE(in);
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string word;
  std::string stem;
  while (in >> word >> stem) {
    pairs.emplace_back(word, stem);
  }
  return pairs;
}

}  // namespace

TEST_CASE("porter2 stems every word of the official Snowball English vocabulary", "[stem]") {
  const auto pairs = read_pairs("voc_output.txt");
  REQUIRE(pairs.size() == 29417);
  plansim::porter2_stemmer stemmer;
  std::size_t mismatches = 0;
  for (const auto& [word, expected] : pairs) {
    const std::string_view got = stemmer.stem(word);
    if (got != expected) {
      ++mismatches;
      if (mismatches <= 20) {
        FAIL_CHECK(word << " -> " << got << ", expected " << expected);
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("porter2 hand cases", "[stem]") {
  plansim::porter2_stemmer stemmer;
  const std::vector<std::pair<std::string_view, std::string_view>> cases{
      {"councils", "council"},
      {"strategies", "strategi"},
      {"productivity", "product"},
      {"housing", "hous"},
      {"generously", "generous"},
      {"news", "news"},
      {"skies", "sky"},
      {"dying", "die"},
      {"ties", "tie"},
      {"cries", "cri"},
      {"gas", "gas"},
      {"gaps", "gap"},
      {"kiwis", "kiwi"},
      {"hoping", "hope"},
      {"hopping", "hop"},
      {"luxuriating", "luxuri"},
      {"innings", "inning"},
      {"succeeding", "succeed"},
      {"communism", "communism"},
      {"arsenal", "arsenal"},
      {"sayyid", "sayyid"},
      {"by", "by"},
      {"", ""},
      {"'", "'"},
      {"''s", ""},
      {"council's", "council"},
      {"councils'", "council"},
      {"yelled", "yell"},
      {"enjoying", "enjoy"},
      {"geology", "geolog"},
  };
  for (const auto& [word, expected] : cases) {
    CAPTURE(word);
    CHECK(stemmer.stem(word) == expected);
  }
}

TEST_CASE("porter2 counts non-ASCII letters as code points, as libstemmer does", "[stem]") {
  const auto pairs = read_pairs("non_ascii.txt");
  REQUIRE(pairs.size() > 50);
  plansim::porter2_stemmer stemmer;
  for (const auto& [word_hex, stem_hex] : pairs) {
    const std::string word = from_hex(word_hex);
    CAPTURE(word);
    CHECK(stemmer.stem(word) == from_hex(stem_hex));
  }
}

TEST_CASE("porter2 keeps bytes that are not UTF-8 and treats each as a non-vowel", "[stem]") {
  plansim::porter2_stemmer stemmer;
  CHECK(stemmer.stem("caf\xE9s") == "caf\xE9");   // Latin-1 e-acute: one non-vowel letter
  CHECK(stemmer.stem("\xFF\xFE") == "\xFF\xFE");  // two letters: left alone
  CHECK(stemmer.stem("hop\x80ing") == "hop\x80");
}

TEST_CASE("porter2 returns a view into its own buffer, reused between calls", "[stem]") {
  plansim::porter2_stemmer stemmer;
  std::string word = "generously";
  const std::string_view first = stemmer.stem(word);
  word.assign("xxxxxxxxxx");  // the result does not alias the argument
  CHECK(first == "generous");
  const char* const data = stemmer.stem("productivity").data();
  CHECK(stemmer.stem("housing").data() == data);
}
