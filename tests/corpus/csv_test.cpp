#include <plansim/corpus/csv.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"

using plansim_test::message_of;

TEST_CASE("parse_csv reads quoted fields, doubled quotes, commas and line breaks", "[corpus][csv]") {
  const plansim::csv_table t = plansim::parse_csv(
      "file,note\r\n\"a.txt\",\"x, y\"\r\nb.txt,\"line1\nline2\"\r\n\r\n\"c.txt\",\"say \"\"hi\"\"\"\r\nd.txt,",
      "t.csv");
  CHECK(t.header == std::vector<std::string>{"file", "note"});
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].line == 2);
  CHECK(t.rows[0].fields == std::vector<std::string>{"a.txt", "x, y"});
  CHECK(t.rows[1].line == 3);
  CHECK(t.rows[1].fields == std::vector<std::string>{"b.txt", "line1\nline2"});
  CHECK(t.rows[2].line == 6);  // the quoted line break and the empty line count
  CHECK(t.rows[2].fields == std::vector<std::string>{"c.txt", "say \"hi\""});
  CHECK(t.rows[3].fields == std::vector<std::string>{"d.txt", ""});
}

TEST_CASE("parse_csv keeps fields as written and ignores a byte order mark", "[corpus][csv]") {
  const plansim::csv_table t = plansim::parse_csv("\xEF\xBB\xBF" "file, note \n x ,a\"b\n\"\",\"\"\n", "t.csv");
  CHECK(t.header == std::vector<std::string>{"file", " note "});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields == std::vector<std::string>{" x ", "a\"b"});
  CHECK(t.rows[1].fields == std::vector<std::string>{"", ""});
  CHECK(plansim::parse_csv("only", "t.csv").header == std::vector<std::string>{"only"});
}

TEST_CASE("parse_csv names the line of a malformed record", "[corpus][csv]") {
  CHECK(message_of([] { (void)plansim::parse_csv("file,x\na.txt,\"open\nmore\n", "t.csv"); }) ==
        "[plansim.metadata.3] t.csv:2: a quoted field is not closed before the end of the file (close the "
        "field with a double quote, and double every quote inside it (\"\"))");
  CHECK(message_of([] { (void)plansim::parse_csv("file,x\na.txt,\"1\n2\"\nb.txt\n", "t.csv"); }) ==
        "[plansim.metadata.5] t.csv:4: the row has 1 fields, the header has 2 (give every row as many fields "
        "as the header, and quote fields that hold commas)");
  CHECK(message_of([] { (void)plansim::parse_csv("file,x\r\na.txt,1,2\r\n", "t.csv"); }) ==
        "[plansim.metadata.5] t.csv:2: the row has 3 fields, the header has 2 (give every row as many fields "
        "as the header, and quote fields that hold commas)");
  CHECK(message_of([] { (void)plansim::parse_csv("file,x\na.txt,\"1\"2\n", "t.csv"); }) ==
        "[plansim.metadata.4] t.csv:2: unexpected character '2' after a closing quote (quote the whole field, "
        "and double every quote inside it (\"\"))");
  CHECK(message_of([] { (void)plansim::parse_csv("\n\r\n", "t.csv"); }) ==
        "[plansim.metadata.6] t.csv: no header row (start the file with a header row naming its columns)");
  CHECK_THROWS_AS(plansim::parse_csv("a\n\"", "t.csv"), plansim::data_error);
}

TEST_CASE("read_csv reads a file with a byte order mark and CRLF line ends", "[corpus][csv]") {
  const plansim::csv_table t = plansim::read_csv(PLANSIM_TEST_DATA_DIR "/corpus/bom_crlf.csv");
  CHECK(t.header == std::vector<std::string>{"file", "council", "note"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields ==
        std::vector<std::string>{"halton.txt", "Halton Borough Council", "Unitary, North West"});
  CHECK(t.rows[1].fields ==
        std::vector<std::string>{"leicester.txt", "Leicester City Council", "Says \"efficiency\"\r\non two lines"});

  const std::string missing = PLANSIM_TEST_DATA_DIR "/corpus/missing.csv";
  CHECK(message_of([&] { (void)plansim::read_csv(missing); }) ==
        "[plansim.metadata.2] " + missing + ": no such file (check the path and the working directory)");
}
