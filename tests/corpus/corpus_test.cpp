#include <plansim/corpus/corpus.hpp>

#include <string>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"

using plansim_test::message_of;

namespace {

plansim::corpus three() {
  std::vector<plansim::document> docs(3);
  docs[0].name = "a.txt";
  docs[1].name = "b.txt";
  docs[2].name = "c.txt";
  docs[2].id = 99;  // ids are positions, whatever the caller set
  docs[1].text = "bee";
  return plansim::corpus(std::move(docs));
}

}  // namespace

TEST_CASE("a corpus numbers its documents by position and finds them by name", "[corpus]") {
  const plansim::corpus c = three();
  REQUIRE(c.size() == 3);
  CHECK_FALSE(c.empty());
  CHECK(c[2].id == 2);
  CHECK(c[1].text == "bee");
  std::size_t seen = 0;
  for (const plansim::document& d : c) CHECK(d.id == seen++);
  CHECK(seen == 3);
  REQUIRE(c.find("b.txt") != nullptr);
  CHECK(c.find("b.txt")->id == 1);
  CHECK(c.find("b") == nullptr);
  CHECK(plansim::corpus().empty());
}

TEST_CASE("a corpus keeps metadata columns in order, empty where missing", "[corpus]") {
  plansim::corpus c = three();
  CHECK(c.metadata_columns().empty());
  c.add_metadata_column("region", {"London", "", "North West"});
  c.add_metadata_column("type", {"a", "b", "c"});
  CHECK(c.metadata_columns() == std::vector<std::string>{"region", "type"});
  CHECK(c.has_metadata_column("type"));
  CHECK(c.metadata(0, "region") == "London");
  CHECK(c.metadata(1, "region").empty());
  CHECK(c.metadata(2, "type") == "c");
}

TEST_CASE("a corpus names what is wrong with a metadata request", "[corpus]") {
  plansim::corpus c = three();
  c.add_metadata_column("region", {"x", "y", "z"});
  CHECK(message_of([&] { (void)c.metadata(0, "county"); }) ==
        "[plansim.corpus.10] metadata: no metadata column \"county\" (use one of metadata_columns())");
  CHECK(message_of([&] { (void)c.metadata(3, "region"); }) ==
        "[plansim.corpus.11] metadata: document id 3 is not below the corpus size 3 (use an id from 0 to "
        "size() - 1)");
  CHECK(message_of([&] { c.add_metadata_column("type", {"x"}); }) ==
        "[plansim.corpus.12] add_metadata_column: column \"type\" has 1 values for 3 documents (give one "
        "value per document, empty where there is none)");
  CHECK(message_of([&] { c.add_metadata_column("region", {"x", "y", "z"}); }) ==
        "[plansim.corpus.13] add_metadata_column: the corpus already has a column \"region\" (give each "
        "metadata column a distinct, non-empty name)");
  CHECK_THROWS_AS(c.metadata(0, "county"), plansim::invalid_argument);
  CHECK(c.metadata_columns().size() == 1);
}
