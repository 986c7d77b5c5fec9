#include <plansim/text/tokenizer.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

namespace {

using tokens = std::vector<std::string>;

template <class Tokenizer>
tokens run(const Tokenizer& tok, std::string_view text) {
  tokens out;
  tok(text, [&](std::string_view t) { out.emplace_back(t); });
  // next() is the same walk, one token at a time.
  tokens stepped;
  std::size_t pos = 0;
  while (const auto t = tok.next(text, pos)) stepped.emplace_back(*t);
  CHECK(stepped == out);
  return out;
}

tokens words(std::string_view text, plansim::word_tokenizer_options options = {}) {
  return run(plansim::word_tokenizer(options), text);
}

tokens sk(std::string_view text) { return run(plansim::sklearn_tokenizer{}, text); }

}  // namespace

TEST_CASE("sklearn_tokenizer is re.findall(r'(?u)\\b\\w\\w+\\b')", "[text][tokenizer]") {
  // Expected lists printed by Python 3.11's re.findall.
  CHECK(sk("The council\u2019s plan: £749.2m, 17%!") == tokens{"The", "council", "plan", "749", "2m", "17"});
  CHECK(sk("snake_case __init__ _ a_b x1 1x 7") == tokens{"snake_case", "__init__", "a_b", "x1", "1x"});
  CHECK(sk("naïve nai\u0308ve") == tokens{"naïve", "nai", "ve"});
  CHECK(sk("नमस्ते हिन्दी") == tokens{"नमस"});  // virama and vowel signs are not \w
  CHECK(sk("東京都 北京市。こんにちは") == tokens{"東京都", "北京市", "こんにちは"});
  CHECK(sk("١٢٣ ٤ ①② ²³ Ⅻ") == tokens{"١٢٣", "①②", "²³"});
  CHECK(sk("\U0001F600ab\U0001F600cd\U0001F600") == tokens{"ab", "cd"});
  CHECK(sk("Ｆｕｌｌ ＡＢ") == tokens{"Ｆｕｌｌ", "ＡＢ"});
  CHECK(sk("İstanbul straße") == tokens{"İstanbul", "straße"});
  CHECK(sk("").empty());
  CHECK(sk("a b c").empty());
  CHECK(sk("ab") == tokens{"ab"});
  CHECK(sk("ab\xFF" "cd\xC3") == tokens{"ab", "cd"});  // invalid bytes separate words
}

TEST_CASE("word_tokenizer keeps inner apostrophes, straight and curly, not outer ones", "[text][tokenizer]") {
  CHECK(words("The council's plan and the council\u2019s plan") ==
        tokens{"The", "council's", "plan", "and", "the", "council\u2019s", "plan"});
  CHECK(words("'quoted' \u2018curly\u2019 councils' rock'n'roll") ==
        tokens{"quoted", "curly", "councils", "rock'n'roll"});
  CHECK(words("it''s") == tokens{"it"});
}

TEST_CASE("word_tokenizer keeps or splits hyphenated words", "[text][tokenizer]") {
  CHECK(words("housing-led growth, 2024-25, well--known, -x- co\u2010op") ==
        tokens{"housing-led", "growth", "2024-25", "well", "known", "co\u2010op"});
  CHECK(words("housing-led growth, 2024-25", {.split_hyphens = true}) ==
        tokens{"housing", "led", "growth", "2024", "25"});
}

TEST_CASE("word_tokenizer keeps money, percentages and grouped numbers", "[text][tokenizer]") {
  CHECK(words("£749.2m, £18 and £1.23m; $5bn, 17% or 2.5%, £600k and 1,200 homes.") ==
        tokens{"£749.2m", "£18", "and", "£1.23m", "$5bn", "17%", "or", "2.5%", "£600k", "and", "1,200", "homes"});
  CHECK(words("€3.5BN ¥100 £2tn £1,234,567.89 3.14") == tokens{"€3.5BN", "¥100", "£2tn", "£1,234,567.89", "3.14"});
  // Not money: the text is read as words.
  CHECK(words("£5million £ 5 1,20 v2.0 17%off 2.5.") == tokens{"5million", "20", "v2", "17", "off", "2.5"});
  CHECK(words("£5-a-head") == tokens{"5-a-head"});
  CHECK(words("1,200,", {.min_length = 1}) == tokens{"1,200"});
  CHECK(words("£749.2m 17% 1,200 2.5%", {.keep_money = false, .min_length = 1}) ==
        tokens{"749", "2m", "17", "1", "200", "2", "5"});
}

TEST_CASE("word_tokenizer reads any script, with marks inside words", "[text][tokenizer]") {
  CHECK(words("Αθήνα ΟΔΥΣΣΕΥΣ") == tokens{"Αθήνα", "ΟΔΥΣΣΕΥΣ"});
  CHECK(words("Москва, йогурт!") == tokens{"Москва", "йогурт"});
  CHECK(words("नमस्ते हिन्दी") == tokens{"नमस्ते", "हिन्दी"});
  CHECK(words("東京都 北京市。こんにちは") == tokens{"東京都", "北京市", "こんにちは"});
  CHECK(words("cafe\u0301 \u0301x") == tokens{"cafe\u0301"});  // a mark alone starts nothing
  CHECK(words("١٢٣ ٤٥ १२") == tokens{"١٢٣", "٤٥", "१२"});
  CHECK(words("snake_case") == tokens{"snake", "case"});
  CHECK(words("\U0001F600ab\U0001F600cd\U0001F44D") == tokens{"ab", "cd"});
  CHECK(words("Straße İstanbul Ｆｕｌｌ") == tokens{"Straße", "İstanbul", "Ｆｕｌｌ"});
}

TEST_CASE("word_tokenizer's min_length counts code points", "[text][tokenizer]") {
  CHECK(words("a ab é ßx 東 £5") == tokens{"ab", "ßx", "£5"});
  CHECK(words("a ab é 東", {.min_length = 1}) == tokens{"a", "ab", "é", "東"});
  CHECK(words("a ab abc", {.min_length = 3}) == tokens{"abc"});
  try {
    plansim::word_tokenizer tok({.min_length = 0});
    FAIL("no exception");
  } catch (const plansim::invalid_argument& e) {
    CHECK(std::string(e.what()) == "[plansim.text.1] word_tokenizer: min_length is 0 (use 1 to keep every token)");
  }
}

TEST_CASE("tokenizers survive arbitrary bytes and return views into the text", "[text][tokenizer]") {
  std::mt19937 rng(20241124);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> byte(0, 255);
  const plansim::word_tokenizer words_tok;
  const plansim::sklearn_tokenizer sk_tok;
  for (int round = 0; round < 2000; ++round) {
    std::string text(static_cast<std::size_t>(round % 40), '\0');
    for (char& c : text) c = static_cast<char>(byte(rng) % 3 == 0 ? 'a' + byte(rng) % 26 : byte(rng));
    bool ok = true;
    const auto inside = [&](std::string_view t) {
      ok = ok && !t.empty() && t.data() >= text.data() && t.data() + t.size() <= text.data() + text.size();
    };
    words_tok(text, inside);
    sk_tok(text, inside);
    CHECK(ok);
  }
}

namespace {

// The scalar walk: next() one token at a time, the reference for the 64-byte block path.
tokens stepped(std::string_view text) {
  tokens out;
  std::size_t pos = 0;
  const plansim::sklearn_tokenizer tok;
  while (const auto t = tok.next(text, pos)) out.emplace_back(*t);
  return out;
}

tokens blocked(std::string_view text) {
  tokens out;
  plansim::sklearn_tokenizer{}(text, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

}  // namespace

TEST_CASE("sklearn_tokenizer's block path equals the scalar path at block boundaries", "[text][tokenizer]") {
  // Runs of word characters ending, starting or spanning byte 31/32/33/63/64/65/127/128/129.
  for (const std::size_t length : std::vector<std::size_t>{0, 1, 2, 31, 32, 33, 63, 64, 65, 127, 128, 129, 130, 200}) {
    for (std::size_t cut = 0; cut <= length; ++cut) {
      std::string text(length, 'x');
      text[cut < length ? cut : 0] = ' ';
      CHECK(blocked(text) == stepped(text));
      if (cut + 2 <= length) {
        std::string accented = text;
        accented.replace(cut, 2, "\u00e9");  // a two-byte \w inside the run
        CHECK(blocked(accented) == stepped(accented));
        accented.replace(cut, 2, "\u2019");  // three bytes, not \w
        CHECK(blocked(accented) == stepped(accented));
      }
    }
  }
}

TEST_CASE("sklearn_tokenizer's block path equals the scalar path on random text", "[text][tokenizer]") {
  std::mt19937 rng(7);  // fixed seed: the test is deterministic
  const std::vector<std::string> pieces = {"a", "Z", "_", "7", " ", ".", "\n", "ab", "\u00e9", "\u0308",
                                           "\u4e2d", "\U0001F600", "\xFF", "-", "'", "\u00A0", "\x7F"};
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> ascii(0, 127);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const auto target = static_cast<std::size_t>(round % 300);
    const bool pure_ascii = round % 3 == 0;
    const bool mostly_ascii = round % 3 == 1;
    while (text.size() < target) {
      if (pure_ascii) text += static_cast<char>(ascii(rng) % 4 == 0 ? ' ' : ascii(rng));
      else if (mostly_ascii && ascii(rng) != 0) text += ascii(rng) % 3 == 0 ? ' ' : static_cast<char>('a' + ascii(rng) % 26);
      else text += pieces[piece(rng)];
    }
    INFO(text);
    CHECK(blocked(text) == stepped(text));
  }
}

TEST_CASE("the 64-byte classifiers (SWAR, and SSE2 where built) agree with a table", "[text][tokenizer]") {
  // Every build runs one of them inside the tokenizer (SSE2 on baseline x86-64, SWAR elsewhere);
  // here both are checked directly, on every ASCII byte at every position and on random blocks.
  std::mt19937 rng(23);  // fixed seed: the test is deterministic
  std::uniform_int_distribution<int> ascii(0, 127), any(0, 255), position(0, 63);
  const auto expected = [](const char* p) {
    std::uint64_t mask = 0;
    for (int i = 0; i < 64; ++i) {
      const auto c = static_cast<unsigned char>(p[i]);
      const bool word = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      mask |= static_cast<std::uint64_t>(word) << i;
    }
    return mask;
  };
  for (int round = 0; round < 4000; ++round) {
    char block[64];
    for (int i = 0; i < 64; ++i) block[i] = static_cast<char>(round < 128 ? (round + i) % 128 : ascii(rng));
    const bool plant_high = round % 5 == 0;
    if (plant_high) block[position(rng)] = static_cast<char>(128 + any(rng) % 128);
    bool non_ascii = false;
    const std::uint64_t swar = plansim::detail::swar::ascii_word_mask64_swar(block, non_ascii);
    CHECK(non_ascii == plant_high);
    if (!plant_high) CHECK(swar == expected(block));
#if PLANSIM_DETAIL_HAS_SSE2
    bool sse_non_ascii = false;
    const std::uint64_t sse = plansim::detail::swar::ascii_word_mask64_sse2(block, sse_non_ascii);
    CHECK(sse_non_ascii == plant_high);
    if (!plant_high) CHECK(sse == expected(block));
#endif
  }
}
