#include <plansim/text/unicode.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "catch.hpp"

namespace {

std::vector<char32_t> seq(const plansim::code_point_mapping& m) { return {m.begin(), m.end()}; }

std::vector<char32_t> lower(char32_t c) { return seq(plansim::lower_mapping(c)); }
std::vector<char32_t> fold(char32_t c) { return seq(plansim::fold_mapping(c)); }
std::vector<char32_t> strip(char32_t c) { return seq(plansim::strip_accents_mapping(c)); }

}  // namespace

TEST_CASE("the tables are Unicode 14.0, Python 3.11's", "[text][unicode]") {
  CHECK(std::string_view(plansim::unicode_version) == "14.0.0");
}

TEST_CASE("is_python_word is Python's (?u)\\w: isalnum() or '_'", "[text][unicode]") {
  using plansim::is_python_word;
  CHECK(is_python_word(U'_'));
  CHECK(is_python_word(U'a'));
  CHECK(is_python_word(U'\u00E9'));       // é
  CHECK(is_python_word(U'\u0939'));       // Devanagari HA (Lo)
  CHECK_FALSE(is_python_word(U'\u093F'));  // Devanagari vowel sign I (Mc): not alnum in Python
  CHECK_FALSE(is_python_word(U'\u0301'));  // combining acute (Mn)
  CHECK(is_python_word(U'\u0967'));       // Devanagari digit one
  CHECK(is_python_word(U'\u00B2'));       // superscript two (No, isdigit)
  CHECK(is_python_word(U'\u2460'));       // circled one (No)
  CHECK(is_python_word(U'\u216B'));       // Roman numeral twelve (Nl)
  CHECK(is_python_word(U'\u4E00'));       // CJK "one"
  CHECK(is_python_word(U'\u02BC'));       // modifier letter apostrophe (Lm)
  CHECK_FALSE(is_python_word(U'\u2019'));
  CHECK_FALSE(is_python_word(U'\u00AD'));  // soft hyphen
  CHECK_FALSE(is_python_word(U'\U0001F600'));
  CHECK_FALSE(is_python_word(U'-'));
  CHECK_FALSE(is_python_word(0x110000));
}

TEST_CASE("the other properties follow Python's str predicates and unicodedata", "[text][unicode]") {
  CHECK(plansim::is_alpha(U'\u4E00'));
  CHECK_FALSE(plansim::is_alpha(U'\u00B2'));
  CHECK(plansim::is_numeric(U'\u4E00'));
  CHECK(plansim::is_numeric(U'\u3007'));
  CHECK(plansim::is_combining(U'\u0301'));
  CHECK_FALSE(plansim::is_combining(U'\u093F'));  // a spacing mark has combining class 0
  CHECK(plansim::is_mark(U'\u093F'));
  CHECK(plansim::is_letter_or_digit(U'\u093F'));
  CHECK(plansim::is_letter_or_digit(U'\u0967'));
  CHECK_FALSE(plansim::is_letter_or_digit(U'_'));
  CHECK(plansim::is_whitespace(U'\u00A0'));
  CHECK(plansim::is_whitespace(U'\u2003'));
  CHECK(plansim::is_whitespace(U'\u001F'));  // Python counts the unit separator as space
  CHECK_FALSE(plansim::is_whitespace(U'\u200B'));
  using namespace plansim::unicode_property;
  CHECK((plansim::unicode_properties(U'A') & cased) != 0);
  CHECK((plansim::unicode_properties(U'\u00AD') & case_ignorable) != 0);
  CHECK((plansim::unicode_properties(U'\'') & case_ignorable) != 0);
  CHECK((plansim::unicode_properties(U'\u0301') & case_ignorable) != 0);
  CHECK((plansim::unicode_properties(U' ') & (cased | case_ignorable)) == 0);
}

TEST_CASE("lower, fold and strip mappings are Python's full mappings", "[text][unicode]") {
  CHECK(lower(U'A') == std::vector<char32_t>{U'a'});
  CHECK(lower(U'a') == std::vector<char32_t>{U'a'});
  CHECK(lower(U'\u0130') == std::vector<char32_t>{U'i', U'\u0307'});  // İ
  CHECK(lower(U'\u1E9E') == std::vector<char32_t>{U'\u00DF'});       // ẞ -> ß
  CHECK(lower(U'\u1F88') == std::vector<char32_t>{U'\u1F80'});
  CHECK(lower(U'\uFF21') == std::vector<char32_t>{U'\uFF41'});
  CHECK(lower(U'\u216B') == std::vector<char32_t>{U'\u217B'});
  CHECK(fold(U'\u00DF') == std::vector<char32_t>{U's', U's'});
  CHECK(fold(U'\u1E9E') == std::vector<char32_t>{U's', U's'});
  CHECK(fold(U'\u1F88') == std::vector<char32_t>{U'\u1F00', U'\u03B9'});
  CHECK(fold(U'\u0345') == std::vector<char32_t>{U'\u03B9'});
  CHECK(fold(U'\u03C2') == std::vector<char32_t>{U'\u03C3'});
  CHECK(strip(U'\u00E9') == std::vector<char32_t>{U'e'});
  CHECK(strip(U'\u0301').empty());
  CHECK(strip(U'\uFB01') == std::vector<char32_t>{U'f', U'i'});
  CHECK(strip(U'\u00BD') == std::vector<char32_t>{U'1', U'\u2044', U'2'});
  CHECK(strip(U'\uFDFA').size() == 18);  // the longest NFKD expansion
  CHECK(strip(U'\uD55C') == std::vector<char32_t>{U'\u1112', U'\u1161', U'\u11AB'});  // 한
  CHECK(strip(U'\uAC00') == std::vector<char32_t>{U'\u1100', U'\u1161'});             // 가
  CHECK(strip(U'a') == std::vector<char32_t>{U'a'});
  CHECK(strip(0x110000) == std::vector<char32_t>{0x110000});
}

namespace {

// FNV-1a 64 over 32-bit values, as scripts/gen_unicode_tables.py computes it.
struct fnv1a {
  std::uint64_t hash = 0xCBF29CE484222325u;
  void add(std::uint32_t v) {
    for (int k = 0; k < 4; ++k) {
      hash ^= (v >> (8 * k)) & 0xFFu;
      hash *= 0x100000001B3u;
    }
  }
  void add(const plansim::code_point_mapping& mapping) {
    add(static_cast<std::uint32_t>(mapping.size()));
    for (const char32_t c : mapping) add(c);
  }
};

}  // namespace

TEST_CASE("every code point's lookups agree with the generator's Python values", "[text][unicode]") {
  namespace tables = plansim::detail::unicode;
  fnv1a properties, lowered, folded, stripped;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    properties.add(plansim::unicode_properties(c));
    lowered.add(plansim::lower_mapping(c));
    folded.add(plansim::fold_mapping(c));
    stripped.add(plansim::strip_accents_mapping(c));
  }
  CHECK(properties.hash == tables::property_checksum);
  CHECK(lowered.hash == tables::lower_checksum);
  CHECK(folded.hash == tables::fold_checksum);
  CHECK(stripped.hash == tables::strip_checksum);
}
