#include <plansim/corpus/passages.hpp>
#include <plansim/corpus/readers.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"
#include "corpus/temp_folder.hpp"

namespace {

std::vector<std::string> texts(const plansim::corpus& c, const std::vector<plansim::passage>& passages) {
  std::vector<std::string> out;
  for (const plansim::passage& p : passages) {
    const std::string& text = c[p.document].text;
    out.push_back(text.substr(p.begin, p.end - p.begin));
  }
  return out;
}

bool space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

// Every passage: in bounds, non-empty, trimmed, after the one before, numbered in order.
void check_well_formed(const plansim::corpus& c, const std::vector<plansim::passage>& passages) {
  std::size_t document = 0;
  std::size_t index = 0;
  std::size_t last_end = 0;
  for (const plansim::passage& p : passages) {
    REQUIRE(p.document < c.size());
    if (p.document != document) {
      CHECK(p.document > document);
      document = p.document;
      index = 0;
      last_end = 0;
    }
    const std::string& text = c[p.document].text;
    REQUIRE(p.begin < p.end);
    REQUIRE(p.end <= text.size());
    CHECK(p.begin >= last_end);
    CHECK(p.index == index++);
    CHECK_FALSE(space(text[p.begin]));
    CHECK_FALSE(space(text[p.end - 1]));
    CHECK(plansim::text_of(c, p) == std::string_view(text).substr(p.begin, p.end - p.begin));
    last_end = p.end;
  }
}

}  // namespace

TEST_CASE("split_paragraphs splits at blank lines and sets headings and table rows apart", "[corpus][passages]") {
  const plansim::corpus c = plansim::from_strings(
      {"  First para line one.\nline two.  \n\n \t \n# Heading\nNext para.\n\n\nLast",
       "Area\tLead\nICT\tMark\nprose after\n| a | b |\nmore prose\n\n",
       "", " \n\n "});
  const std::vector<plansim::passage> p = plansim::split_paragraphs(c);
  CHECK(texts(c, p) == std::vector<std::string>{"First para line one.\nline two.", "# Heading", "Next para.", "Last",
                                                "Area\tLead", "ICT\tMark", "prose after", "| a | b |",
                                                "more prose"});
  REQUIRE(p.size() == 9);
  CHECK(p[0].document == 0);
  CHECK(p[0].begin == 2);
  CHECK(p[0].end == 32);
  CHECK(p[3].index == 3);
  CHECK(p[4].document == 1);
  CHECK(p[4].index == 0);
  check_well_formed(c, p);
}

TEST_CASE("split_sentences respects abbreviations, initials, decimals and quotes", "[corpus][passages]") {
  const plansim::corpus c = plansim::from_strings(
      {"Dr. Smith met Cllr. Jones, e.g. at No. 10. They spent \xC2\xA3" "749.2m, i.e. a lot. Did it work? Yes! "
       "\"Quoted.\" Then J. R. Hartley left (briefly.) After that etc. Done.\nWe met "
       "at St. Albans vs. Mrs Green approx. 5 times, incl. Mr. Brown. \xE2\x80\x9C" "Curly.\xE2\x80\x9D "
       "\xC2\xA3" "5m was spent."});
  CHECK(texts(c, plansim::split_sentences(c)) ==
        std::vector<std::string>{"Dr. Smith met Cllr. Jones, e.g. at No. 10.",
                                 "They spent \xC2\xA3" "749.2m, i.e. a lot.",
                                 "Did it work?",
                                 "Yes!",
                                 "\"Quoted.\"",
                                 "Then J. R. Hartley left (briefly.)",
                                 "After that etc. Done.",
                                 "We met at St. Albans vs. Mrs Green approx. 5 times, incl. Mr. Brown.",
                                 "\xE2\x80\x9C" "Curly.\xE2\x80\x9D",
                                 "\xC2\xA3" "5m was spent."});
  check_well_formed(c, plansim::split_sentences(c));
}

TEST_CASE("split_sentences ends sentences at paragraphs and list items", "[corpus][passages]") {
  const plansim::corpus c = plansim::from_strings(
      {"Themes:\n1. How the council works.\n2. What it costs\n- a bullet without stop\n- another\n\n"
       "New paragraph without stop\nsecond line\n\nlower case. next word. End\n\n"
       "### **2. Plans to use data:**\n\n> 3. Quoted item. Ends here\n\nPlan B. Section 4. Next"});
  CHECK(texts(c, plansim::split_sentences(c)) ==
        std::vector<std::string>{"Themes:", "1. How the council works.", "2. What it costs",
                                 "- a bullet without stop", "- another", "New paragraph without stop\nsecond line",
                                 "lower case. next word.", "End",
                                 "### **2. Plans to use data:**", "> 3. Quoted item.", "Ends here",
                                 "Plan B. Section 4.", "Next"});
}

TEST_CASE("passages of a masked markdown file find its headings, list items and table rows",
          "[corpus][passages]") {
  const plansim_test::temp_folder dir;
  dir.write("plan.md",
            "# Our **plan**\nWe act. See [the strategy](https://x.uk/s).\n- first item\n- second item\n"
            "\n| Area | Lead |\n|---|---|\n| ICT | Mark |\n");
  const plansim::corpus c = plansim::read_folder(dir.path());
  REQUIRE(c[0].from_markdown);
  CHECK(c[0].unmasked_text.substr(0, 14) == "# Our **plan**");
  CHECK(c[0].text.substr(0, 14) == "  Our   plan  ");
  CHECK(texts(c, plansim::split_paragraphs(c)) ==
        std::vector<std::string>{"Our   plan", "We act. See  the strategy" + std::string(17, ' ') + ".\n  first item\n  second item",
                                 "Area   Lead", "ICT   Mark"});
  CHECK(texts(c, plansim::split_sentences(c)) ==
        std::vector<std::string>{"Our   plan", "We act.", "See  the strategy" + std::string(17, ' ') + ".", "first item",
                                 "second item", "Area   Lead", "ICT   Mark"});
  check_well_formed(c, plansim::split_sentences(c));
}

TEST_CASE("text_of refuses a passage from elsewhere", "[corpus][passages]") {
  const plansim::corpus c = plansim::from_strings({"short"});
  CHECK(plansim::text_of(c, {0, 0, 1, 4}) == "hor");
  CHECK(plansim_test::message_of([&] { (void)plansim::text_of(c, {0, 0, 2, 9}); }) ==
        "[plansim.corpus.15] text_of: passage [2, 9) of document 0 lies outside the corpus (use passages made "
        "from this corpus)");
  CHECK_THROWS_AS(plansim::text_of(c, {1, 0, 0, 1}), plansim::invalid_argument);
}

TEST_CASE("split_sentences finds Leicester's first sentences at exact offsets", "[corpus][passages]") {
  const plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR);
  const plansim::document& leicester = *c.find("leicester.txt");
  const std::vector<plansim::passage> s = plansim::split_sentences(leicester);
  REQUIRE(s.size() > 10);
  const auto at = [&](std::size_t i) { return leicester.text.substr(s[i].begin, s[i].end - s[i].begin); };
  CHECK(at(0) == "Productivity Plan");
  CHECK(at(1) == "Leicester City Council");
  CHECK(at(2) == "JULY 2024");
  CHECK(at(3) == "Foreword");
  CHECK(at(4) ==
        "Earlier this year we were informed by the then Government that they were reviewing productivity across "
        "the public sector, and local government was to be part of that exercise.");
  CHECK(at(5) ==
        "The Local Government Finance Settlement required all local authorities to develop Productivity Plans "
        "and submit them to the Department for Levelling Up, Housing and Communities by 19th July 2024.");
  CHECK(at(7) ==
        "1. How the council has transformed the way it designs and delivers services to make better use of "
        "resources.");
  CHECK(at(10) == "4. What are the barriers that prevent local government making progress and what can the "
                  "government do to help reduce or remove them?");
  CHECK(s[0].begin == leicester.text.find("Productivity Plan"));
  CHECK(s[4].document == leicester.id);
}

TEST_CASE("split_paragraphs and split_sentences on the sample plans are well formed", "[corpus][passages]") {
  const plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR);
  const std::vector<plansim::passage> paragraphs = plansim::split_paragraphs(c);
  const std::vector<plansim::passage> sentences = plansim::split_sentences(c);
  check_well_formed(c, paragraphs);
  check_well_formed(c, sentences);
  for (const plansim::document& d : c) {
    const std::size_t p = plansim::split_paragraphs(d).size();
    const std::size_t s = plansim::split_sentences(d).size();
    INFO(d.name << ": " << p << " paragraphs, " << s << " sentences");
    CHECK(p >= 30);
    CHECK(p <= 200);
    CHECK(s > p);
    CHECK(s <= 400);
  }
  // A tab-separated row of Havering's table is its own paragraph.
  const plansim::document& havering = *c.find("havering.txt");
  const std::string row = "Area\tTransformation Objective\tAction\tELT Lead\tTimescale\tRAG Rating";
  bool found = false;
  for (const plansim::passage& p : plansim::split_paragraphs(havering))
    found = found || havering.text.substr(p.begin, p.end - p.begin) == row;
  CHECK(found);
}
