#include <plansim/corpus/metadata.hpp>
#include <plansim/corpus/readers.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"

using plansim_test::message_of;

TEST_CASE("attach_metadata joins councils.csv to the sample corpus", "[corpus][metadata]") {
  plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR);
  const plansim::metadata_report report =
      plansim::attach_metadata(c, PLANSIM_SAMPLE_CORPUS_DIR "/councils.csv");
  CHECK(report.unmatched_rows.empty());
  CHECK(report.documents_without_row.empty());
  REQUIRE(c.size() == 5);
  CHECK(c.metadata_columns() == std::vector<std::string>{"council", "council_type", "region", "published"});
  const std::size_t halton = c.find("halton.txt")->id;
  CHECK(c.metadata(halton, "council_type") == "Unitary authority");
  CHECK(c.metadata(halton, "council") == "Halton Borough Council");
  CHECK(c.metadata(halton, "region") == "North West");
  CHECK(c.metadata(halton, "published") == "2024-06");
  CHECK(c.metadata(c.find("welwyn-hatfield.txt")->id, "council_type") == "Shire district");
  CHECK(c.metadata(c.find("havering.txt")->id, "region") == "London");
  CHECK(c.metadata(c.find("leicester.txt")->id, "council") == "Leicester City Council");
}

TEST_CASE("attach_metadata matches names without extension or folder, and reports the rest",
          "[corpus][metadata]") {
  plansim::corpus c = plansim::from_strings({"a", "b", "c", "d"},
                                            {"north/halton.txt", "leicester.txt", "notes.md", "extra.txt"});
  const plansim::csv_table table = plansim::parse_csv(
      "file,type\nhalton,unitary\n leicester ,city\nnotes.md,notes\nmissing.txt,none\n", "m.csv");
  const plansim::metadata_report report = plansim::attach_metadata(c, table, "m.csv");
  CHECK(c.metadata(0, "type") == "unitary");
  CHECK(c.metadata(1, "type") == "city");
  CHECK(c.metadata(2, "type") == "notes");
  CHECK(c.metadata(3, "type").empty());
  REQUIRE(report.unmatched_rows.size() == 1);
  CHECK(report.unmatched_rows[0].line == 5);
  CHECK(report.unmatched_rows[0].key == "missing.txt");
  CHECK(report.documents_without_row == std::vector<std::size_t>{3});
}

TEST_CASE("attach_metadata refuses duplicate, ambiguous and empty keys", "[corpus][metadata]") {
  plansim::corpus c = plansim::from_strings({"a", "b"}, {"north/x.txt", "south/x.txt"});
  CHECK(message_of([&] { (void)plansim::attach_metadata(c, plansim::parse_csv("file,t\nx.txt,1\n", "m.csv"), "m.csv"); }) ==
        "[plansim.metadata.9] m.csv:2: \"x.txt\" names several documents: \"north/x.txt\", \"south/x.txt\" "
        "(write the document's full name, as in document::name)");
  CHECK(message_of([&] {
          (void)plansim::attach_metadata(c, plansim::parse_csv("file,t\nnorth/x.txt,1\nnorth/x,2\n", "m.csv"), "m.csv");
        }) == "[plansim.metadata.8] m.csv:3: document \"north/x.txt\" already has a row, on line 2 (keep one "
              "row per document)");
  CHECK(message_of([&] {
          (void)plansim::attach_metadata(c, plansim::parse_csv("file,t\ny.txt,1\ny.txt,2\n", "m.csv"), "m.csv");
        }) == "[plansim.metadata.8] m.csv:3: \"y.txt\" already has a row, on line 2 (keep one row per document)");
  CHECK(message_of([&] {
          (void)plansim::attach_metadata(c, plansim::parse_csv("file,t\n,1\n", "m.csv"), "m.csv");
        }) == "[plansim.metadata.10] m.csv:2: the row names no document (its first field is empty) (put the "
              "document's file name in the first column, or remove the row)");
  CHECK(c.metadata_columns().empty());  // nothing added when an error is thrown
}

TEST_CASE("attach_metadata refuses empty, repeated and existing column names", "[corpus][metadata]") {
  plansim::corpus c = plansim::from_strings({"a"}, {"a.txt"});
  const auto attach = [&](const char* csv) { (void)plansim::attach_metadata(c, plansim::parse_csv(csv, "m.csv"), "m.csv"); };
  CHECK(message_of([&] { attach("file,t,t\na.txt,1,2\n"); }) ==
        "[plansim.metadata.7] m.csv:1: the header names column \"t\" twice (give every column a distinct name "
        "that the corpus does not have yet)");
  CHECK(message_of([&] { attach("file,,t\na.txt,1,2\n"); }) ==
        "[plansim.metadata.7] m.csv:1: column 2 of the header has no name (give every column a distinct name "
        "that the corpus does not have yet)");
  attach("file,t\na.txt,1\n");
  CHECK(c.metadata(0, "t") == "1");
  CHECK(message_of([&] { attach("file,t\na.txt,2\n"); }) ==
        "[plansim.metadata.7] m.csv:1: the corpus already has a metadata column \"t\" (give every column a "
        "distinct name that the corpus does not have yet)");
  CHECK_THROWS_AS(attach("file,t\na.txt,2\n"), plansim::data_error);
  CHECK_THROWS_AS(plansim::attach_metadata(c, PLANSIM_TEST_DATA_DIR "/corpus/missing.csv"), plansim::io_error);
}
