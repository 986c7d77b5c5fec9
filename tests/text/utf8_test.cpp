#include <plansim/text/utf8.hpp>

#include <string>
#include <string_view>

#include "catch.hpp"

using namespace std::string_view_literals;

TEST_CASE("decode_utf8 decodes one to four byte sequences", "[text][utf8]") {
  const std::string_view text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  auto d = plansim::decode_utf8(text, 0);
  CHECK((d.valid && d.code_point == U'a' && d.length == 1));
  d = plansim::decode_utf8(text, 1);
  CHECK((d.valid && d.code_point == U'\u00E9' && d.length == 2));
  d = plansim::decode_utf8(text, 3);
  CHECK((d.valid && d.code_point == U'\u20AC' && d.length == 3));
  d = plansim::decode_utf8(text, 6);
  CHECK((d.valid && d.code_point == U'\U0001F600' && d.length == 4));
  static_assert(plansim::decode_utf8("\xF4\x8F\xBF\xBF", 0).code_point == 0x10FFFF);
}

TEST_CASE("decode_utf8 rejects overlongs, surrogates, out-of-range and truncated input", "[text][utf8]") {
  struct bad_case {
    std::string_view bytes;
    std::size_t maximal_subpart;
  };
  const bad_case cases[] = {
      {"\xC0\xAF"sv, 1},          // overlong '/'
      {"\xC1\xBF"sv, 1},          // overlong
      {"\xE0\x80\xAF"sv, 1},      // overlong three-byte
      {"\xF0\x80\x80\xAF"sv, 1},  // overlong four-byte
      {"\xED\xA0\x80"sv, 1},      // surrogate U+D800
      {"\xED\xBF\xBF"sv, 1},      // surrogate U+DFFF
      {"\xF4\x90\x80\x80"sv, 1},  // U+110000
      {"\xF5\x80\x80\x80"sv, 1},  // F5 never starts a sequence
      {"\x80"sv, 1},              // stray continuation byte
      {"\xFF"sv, 1},
      {"\xC3"sv, 1},              // truncated at the end
      {"\xE2\x82"sv, 2},          // truncated at the end
      {"\xF0\x9F\x98"sv, 3},      // truncated at the end
      {"\xE2\x82x"sv, 2},         // interrupted
      {"\xF0\x9F\x98x"sv, 3},     // interrupted
  };
  for (const bad_case& c : cases) {
    const auto d = plansim::decode_utf8(c.bytes, 0);
    CAPTURE(c.bytes);
    CHECK(!d.valid);
    CHECK(d.code_point == U'\uFFFD');
    CHECK(d.length == c.maximal_subpart);
  }
}

TEST_CASE("append_utf8 encodes every length and round-trips", "[text][utf8]") {
  std::string out;
  for (const char32_t cp : {U'\0', U'a', U'\u007F', U'\u0080', U'\u07FF', U'\u0800', U'\uFFFF',
                            U'\U00010000', U'\U0010FFFF'}) {
    out.clear();
    plansim::append_utf8(out, cp);
    const auto d = plansim::decode_utf8(out, 0);
    CHECK(d.valid);
    CHECK(d.code_point == cp);
    CHECK(d.length == out.size());
  }
}

TEST_CASE("find_invalid_utf8 reports the first bad byte, across the 8-byte fast path", "[text][utf8]") {
  CHECK(plansim::find_invalid_utf8("") == std::string_view::npos);
  CHECK(plansim::find_invalid_utf8("plain ASCII text, long enough for chunks") == std::string_view::npos);
  CHECK(plansim::find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC 12345678 \xF0\x9F\x98\x80") == std::string_view::npos);
  for (std::size_t at = 0; at < 20; ++at) {
    std::string text(20, 'x');
    text[at] = '\xFF';
    CHECK(plansim::find_invalid_utf8(text) == at);
  }
  CHECK(plansim::find_invalid_utf8("0123456789\xED\xA0\x80") == 10);
}

TEST_CASE("to_valid_utf8 strips a BOM and replaces maximal subparts with U+FFFD", "[text][utf8]") {
  using plansim::invalid_utf8;
  CHECK(plansim::to_valid_utf8("\xEF\xBB\xBFhello", invalid_utf8::stop, "a.txt") == "hello");
  CHECK(plansim::to_valid_utf8("\xEF\xBB\xBF\xEF\xBB\xBFx", invalid_utf8::stop, "a.txt") == "\xEF\xBB\xBFx");
  // The example of the Unicode Standard, section 3.9 (Table 3-8): 61 F1 80 80 E1 80 C2 62 80 63
  // 80 BF 64 gives a FFFD FFFD b FFFD c FFFD FFFD d.
  CHECK(plansim::to_valid_utf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", invalid_utf8::replace,
                               "a.txt") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
        "b\xEF\xBF\xBD"
        "c\xEF\xBF\xBD\xEF\xBF\xBD"
        "d");
  CHECK(plansim::to_valid_utf8("\xED\xA0\x80z", invalid_utf8::replace, "a.txt") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  CHECK(plansim::to_valid_utf8("ok \xC3", invalid_utf8::replace, "a.txt") == "ok \xEF\xBF\xBD");
}

namespace {

std::string from_hex(std::string_view hex) {
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  return out;
}

}  // namespace

TEST_CASE("to_valid_utf8 replaces exactly as Python's bytes.decode('utf-8', 'replace')", "[text][utf8]") {
  // Random byte strings from the bytes that matter (lead, continuation and never-valid bytes),
  // with Python 3.11's replacement, re-encoded: {input hex, expected output hex}.
  const std::string_view cases[][2] = {
    {"e0a0f49fbfbf90", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"c0e0", "efbfbdefbfbd"},
    {"fff080f4eea0e1f4f1", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"dfe0ffa0", "efbfbdefbfbdefbfbdefbfbd"},
    {"edff9f", "efbfbdefbfbdefbfbd"},
    {"80efff80eec2", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"20c0f041e1a0df", "20efbfbdefbfbd41efbfbdefbfbd"},
    {"80edefa0f4ed20df90", "efbfbdefbfbdefbfbdefbfbdefbfbd20df90"},
    {"9fedf49f", "efbfbdefbfbdefbfbdefbfbd"},
    {"ff9f208f419feeffe1", "efbfbdefbfbd20efbfbd41efbfbdefbfbdefbfbdefbfbd"},
    {"e1f5", "efbfbdefbfbd"},
    {"90c1", "efbfbdefbfbd"},
    {"e0", "efbfbd"},
    {"90efe0a020f5", "efbfbdefbfbdefbfbd20efbfbd"},
    {"edc0f0e0", "efbfbdefbfbdefbfbdefbfbd"},
    {"dfee20", "efbfbdefbfbd20"},
    {"f490f4", "efbfbdefbfbdefbfbd"},
    {"8f8f8f90c19f9f", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"90a0f0c2eebfc0", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"df9f", "df9f"},
    {"efc1", "efbfbdefbfbd"},
    {"f1", "efbfbd"},
    {"c2", "efbfbd"},
    {"e0e0c2e0", "efbfbdefbfbdefbfbdefbfbd"},
    {"e1dff0809f20df", "efbfbdefbfbdefbfbdefbfbdefbfbd20efbfbd"},
    {"edbfc1f5bff5c1", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"c2a0", "c2a0"},
    {"e0c1ed80", "efbfbdefbfbdefbfbd"},
    {"e1c080efc1ffc2ee", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"90c0e1c1e1fff49fc1", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"fffff4f4ffeda0", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"c2a0df41ffdfc1", "c2a0efbfbd41efbfbdefbfbdefbfbd"},
    {"ffff9ff5", "efbfbdefbfbdefbfbdefbfbd"},
    {"ffe1bfe1df", "efbfbdefbfbdefbfbdefbfbd"},
    {"418feff0a041ef", "41efbfbdefbfbdefbfbd41efbfbd"},
    {"ff9fefeda0", "efbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"e1edf0eff5", "efbfbdefbfbdefbfbdefbfbdefbfbd"},
    {"a0418fc180", "efbfbd41efbfbdefbfbdefbfbd"},
    {"20", "20"},
    {"c1dff0f5f1f1c1", "efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd"},
  };
  for (const auto& c : cases) {
    CAPTURE(c[0]);
    const std::string out = plansim::to_valid_utf8(from_hex(c[0]), plansim::invalid_utf8::replace, "random");
    CHECK(out == from_hex(c[1]));
    CHECK(plansim::find_invalid_utf8(out) == std::string_view::npos);
  }
}

TEST_CASE("to_valid_utf8 with stop names the source, the byte offset and what to do", "[text][utf8]") {
  using plansim::invalid_utf8;
  const auto message = [](std::string_view bytes) {
    try {
      (void)plansim::to_valid_utf8(bytes, invalid_utf8::stop, "plans/leeds.txt");
    } catch (const plansim::data_error& e) {
      CHECK(e.id() == "plansim.utf8.1");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("abc\xFF") ==
        "[plansim.utf8.1] plans/leeds.txt: invalid UTF-8 at byte offset 3 (line 1, byte 0xFF) "
        "(re-save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8), or read it with "
        "invalid_utf8::replace (--invalid-utf8 replace) to substitute U+FFFD)");
  // Offsets count the BOM: they are offsets into the file.
  CHECK(message("\xEF\xBB\xBF" "caf\xC3\xA9 \xE2\x82(") ==
        "[plansim.utf8.1] plans/leeds.txt: invalid UTF-8 at byte offset 9 (line 1, bytes 0xE2 0x82) "
        "(re-save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8), or read it with "
        "invalid_utf8::replace (--invalid-utf8 replace) to substitute U+FFFD)");
}

TEST_CASE("looks_binary looks for a NUL in the first 8 KiB", "[text][utf8]") {
  CHECK_FALSE(plansim::looks_binary("plain text"));
  CHECK(plansim::looks_binary(std::string_view("PK\x03\x04\0\0", 6)));
  std::string late(9000, 'a');
  late[8191] = '\0';
  CHECK(plansim::looks_binary(late));
  late[8191] = 'a';
  late[8192] = '\0';
  CHECK_FALSE(plansim::looks_binary(late));
}
