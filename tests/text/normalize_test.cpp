#include <plansim/text/normalize.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"

namespace {

using plansim::accent_mapping;
using plansim::case_mapping;
using plansim::normalize_options;

std::string norm(std::string_view text, case_mapping c, accent_mapping a = accent_mapping::keep,
                 bool apostrophe = true) {
  return plansim::normalize_text(text, normalize_options{c, a, apostrophe});
}

}  // namespace

TEST_CASE("normalize_text folds case by default, and lower is Python's str.lower", "[text][normalize]") {
  CHECK(plansim::normalize_text("Straße STRASSE") == "strasse strasse");
  CHECK(norm("Straße STRASSE", case_mapping::lower) == "straße strasse");
  CHECK(norm("Straße", case_mapping::none) == "Straße");
  CHECK(norm("\u0130stanbul", case_mapping::lower) == "i\u0307stanbul");
  CHECK(norm("\u0130stanbul", case_mapping::fold) == "i\u0307stanbul");
  CHECK(norm("\uFF26\uFF35\uFF2C\uFF2C", case_mapping::lower) == "\uFF46\uFF55\uFF4C\uFF4C");
  CHECK(norm("ПРИВЕТ Мир", case_mapping::lower) == "привет мир");
}

TEST_CASE("lower applies Python's Final_Sigma rule; fold does not", "[text][normalize]") {
  // Expected strings from Python 3.11: 'ΟΔΥΣΣΕΥΣ Σ ΑΣ\' ΑΣ\u0301 ΑΣ\u00adΣ'.lower()
  CHECK(norm("ΟΔΥΣΣΕΥΣ", case_mapping::lower) == "οδυσσευς");
  CHECK(norm("Σ", case_mapping::lower) == "σ");
  CHECK(norm("ΑΣ'", case_mapping::lower) == "ας'");
  CHECK(norm("ΑΣ\u0301 x", case_mapping::lower) == "ας\u0301 x");
  CHECK(norm("ΑΣ\u00ADΣ", case_mapping::lower) == "ασ\u00ADς");
  CHECK(norm("'Σ", case_mapping::lower) == "'σ");
  CHECK(norm("ΑΣ.Α", case_mapping::lower) == "ασ.α");  // '.' is case-ignorable (MidNumLet), and
  CHECK(norm("ΑΣ'Α", case_mapping::lower) == "ασ'α");  // so is ': a cased letter follows
  CHECK(norm("ΑΣ Α", case_mapping::lower) == "ας α");  // a space is not case-ignorable
  CHECK(norm("ΟΔΥΣΣΕΥΣ", case_mapping::fold) == "οδυσσευσ");
}

TEST_CASE("strip_accents after case mapping, as scikit-learn's _preprocess", "[text][normalize]") {
  CHECK(norm("Café Å ﬁnance ½ 한", case_mapping::lower, accent_mapping::strip) == "cafe a finance 1\u20442 \u1112\u1161\u11AB");
  CHECK(norm("cafe\u0301", case_mapping::none, accent_mapping::strip) == "cafe");
  CHECK(norm("\u0130", case_mapping::lower, accent_mapping::strip) == "i");  // lower gives i + U+0307
  CHECK(norm("Ǆ", case_mapping::none, accent_mapping::strip) == "DZ");
  CHECK(norm("ΆΣ\u0301", case_mapping::lower, accent_mapping::strip) == "ας");
}

TEST_CASE("the typographic apostrophe becomes ASCII on request", "[text][normalize]") {
  CHECK(norm("council\u2019s", case_mapping::none) == "council's");
  CHECK(norm("council\u2019s", case_mapping::none, accent_mapping::keep, false) == "council\u2019s");
  CHECK(norm("\u2018quoted\u2019", case_mapping::none) == "\u2018quoted'");
}

TEST_CASE("normalize_text overwrites its output and keeps the capacity", "[text][normalize]") {
  std::string out = "left over from before, long enough to have a heap buffer";
  const auto capacity = out.capacity();
  plansim::normalize_text("New TEXT", out, {});
  CHECK(out == "new text");
  CHECK(out.capacity() == capacity);
  plansim::normalize_text("", out, {});
  CHECK(out.empty());
}

TEST_CASE("normalize_text's 8-byte ASCII path agrees with code point mapping on mixed text", "[text][normalize]") {
  // (input, lower, none) pieces; concatenations must map piece by piece.
  const std::vector<std::pair<std::string, std::string>> pieces = {
      {"A", "a"}, {"z", "z"}, {"Z", "z"}, {"@", "@"}, {"[", "["}, {"`", "`"}, {"{", "{"}, {" ", " "},
      {"\x7F", "\x7F"}, {"\u00C9", "\u00e9"}, {"\u4e2d", "\u4e2d"}, {"\u0130", "i\u0307"}, {"QRSTUVWX", "qrstuvwx"}};
  std::mt19937 rng(11);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  for (int round = 0; round < 2000; ++round) {
    std::string text, lower;
    const bool ascii_only = round % 2 == 0;
    while (text.size() < static_cast<std::size_t>(round % 300)) {
      std::size_t k = piece(rng);
      if (ascii_only && (k >= 9 && k <= 11)) k = 0;
      text += pieces[k].first;
      lower += pieces[k].second;
    }
    CHECK(norm(text, case_mapping::lower) == lower);
    CHECK(norm(text, case_mapping::none) == text);
  }
}

TEST_CASE("normalize_text's bulk ASCII prefix maps every ASCII byte, before and after a non-ASCII one",
          "[text][normalize]") {
  std::string ascii, lowered;
  for (int c = 0; c < 128; ++c) {
    ascii += static_cast<char>(c);
    lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  for (const std::size_t cut : {0u, 1u, 31u, 32u, 33u, 64u, 100u, 127u, 128u}) {
    // the prefix ends at `cut` (an É there), and the rest goes through the 8-byte path
    const std::string text = ascii.substr(0, cut) + "\u00C9" + ascii + ascii;
    const std::string expected = lowered.substr(0, cut) + "\u00e9" + lowered + lowered;
    CHECK(norm(text, case_mapping::lower) == expected);
    CHECK(norm(text, case_mapping::none) == text);
    CHECK(norm(ascii + ascii.substr(0, cut), case_mapping::lower) == lowered + lowered.substr(0, cut));
  }
}
