#include <plansim/corpus/detail/utf8_check.hpp>

#include <string>

#include "catch.hpp"
#include "corpus/errors.hpp"

using plansim::invalid_utf8;
using plansim::corpus_detail::repair_utf8;

TEST_CASE("repair_utf8 keeps valid UTF-8 and strips a byte order mark", "[corpus][utf8]") {
  const std::string text = "Leicester \xE2\x80\x93 \xC2\xA3" "5.7m \xF0\x9F\x98\x80";
  CHECK(repair_utf8(text, invalid_utf8::stop, "t") == text);
  CHECK(repair_utf8("\xEF\xBB\xBF" "abc", invalid_utf8::stop, "t") == "abc");
  CHECK(repair_utf8("a\xEF\xBB\xBF", invalid_utf8::stop, "t") == "a\xEF\xBB\xBF");  // only a leading one
  CHECK(repair_utf8("", invalid_utf8::stop, "t").empty());
}

TEST_CASE("repair_utf8 replaces each maximal invalid subpart with U+FFFD", "[corpus][utf8]") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(repair_utf8("a\xFF" "b", invalid_utf8::replace, "t") == "a" + r + "b");
  CHECK(repair_utf8("\xC0\xAF", invalid_utf8::replace, "t") == r + r);               // overlong
  CHECK(repair_utf8("x\xE2\x82", invalid_utf8::replace, "t") == "x" + r);            // truncated
  CHECK(repair_utf8("\xE2\x82" "x", invalid_utf8::replace, "t") == r + "x");
  CHECK(repair_utf8("\xED\xA0\x80", invalid_utf8::replace, "t") == r + r + r);       // surrogate
  CHECK(repair_utf8("\xF4\x90\x80\x80", invalid_utf8::replace, "t") == r + r + r + r);  // > U+10FFFF
}

TEST_CASE("repair_utf8 stops at the first invalid byte, naming source, offset and line", "[corpus][utf8]") {
  CHECK(plansim_test::message_of([] { (void)repair_utf8("\xEF\xBB\xBFok\nno \x80", invalid_utf8::stop, "in.txt"); }) ==
        "[plansim.corpus.3] in.txt: invalid UTF-8 at byte offset 9 (line 2, byte 0x80) (convert the file to "
        "UTF-8, e.g. with iconv -f WINDOWS-1252 -t UTF-8, or read it with invalid_utf8::replace to "
        "substitute U+FFFD)");
  CHECK_THROWS_AS(repair_utf8("\xFF", invalid_utf8::stop, "in.txt"), plansim::data_error);
}
