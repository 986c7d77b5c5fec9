#include <plansim/corpus/markdown.hpp>
#include <plansim/corpus/readers.hpp>

#include <string>

#include "catch.hpp"

using plansim::mask_markdown;

namespace {

// Every expectation is checked for length too: offsets into the mask are offsets into the file.
std::string masked(const std::string& text) {
  const std::string out = mask_markdown(text);
  CHECK(out.size() == text.size());
  return out;
}

}  // namespace

TEST_CASE("mask_markdown blanks headings, emphasis and HTML, keeping every offset", "[corpus][markdown]") {
  CHECK(masked("### **1. Transformation:**") == "      1. Transformation:  ");
  CHECK(masked("## Title ##") == "   Title   ");
  CHECK(masked("#hashtag and C# stay") == "#hashtag and C# stay");
  CHECK(masked("dated 16<sup>th</sup> April") == "dated 16     th       April");
  CHECK(masked("one<br>two<br/>three <!-- note --> end") == "one    two     three               end");
  CHECK(masked("*emphasis* and _under_ and __strong__ text") == " emphasis  and  under  and   strong   text");
  CHECK(masked("(*for detail, see March 2023:*") == "( for detail, see March 2023: ");
  CHECK(masked("# Title\r\nText\r\n") == "  Title\r\nText\r\n");
}

TEST_CASE("mask_markdown keeps link and image text and blanks their targets", "[corpus][markdown]") {
  CHECK(masked("see [My vision for Leicester](#). Our") == "see  My vision for Leicester    . Our");
  CHECK(masked("![Logo of the council](img/logo.png)") == "  Logo of the council               ");
  CHECK(masked("[text][ref] and [sic] stay") == " text       and [sic] stay");
  CHECK(masked("[ref]: https://example.org/x") == "                            ");
  CHECK(masked("a claim[^1].") == "a claim    .");
  CHECK(masked("Centre (<https://www.hartree.stfc.ac.uk>), based") ==
        "Centre (                                ), based");
  CHECK(masked("mail <dev@plansim.invalid> now") == "mail                       now");
  CHECK(masked("a <x`@)> b <@x> c") == "a <x`@)> b <@x> c");  // not e-mail addresses
  CHECK(masked("[Time-22\\_23.xlsx](https://x.uk/Time-22_23.xlsx)") ==
        " Time-22 _23.xlsx                               ");
}

TEST_CASE("mask_markdown blanks tables, quotes, bullets, rules and code marks", "[corpus][markdown]") {
  CHECK(masked("| Area | Lead |\n|---|:--:|\n| ICT | Mark |") == "  Area   Lead  \n          \n  ICT   Mark  ");
  CHECK(masked("> quoted\n> > nested") == "  quoted\n    nested");
  CHECK(masked("- one\n* two\n+ three\n1. four\n- [x] done") == "  one\n  two\n  three\n1. four\n      done");
  CHECK(masked("Title\n===\ntext\n\n---\n") == "Title\n   \ntext\n\n   \n");
  CHECK(masked("```cpp\ncode *not* [emph](x)\n```") == "      \ncode *not* [emph](x)\n   ");
  CHECK(masked("Use `read_folder` here, not ``a`b``") == "Use  read_folder  here, not   a`b  ");
}

TEST_CASE("mask_markdown leaves prose punctuation alone", "[corpus][markdown]") {
  const std::string prose =
      "The council's year-on-year \xC2\xA3" "22m (50%) plan uses snake_case_names, 5 * 3 = 15, a < b > c, "
      "2 * 3 and a lone * or _ \xE2\x80\x93 fine. [sic] | not a table";
  CHECK(masked(prose) == prose);
  CHECK(masked("").empty());
  CHECK(masked("<b \rx>") == "   \r  ");  // a lone carriage return survives as a line break
  CHECK(masked("**not\nbold**") == "**not\nbold**");  // inline syntax stays within a line
  CHECK(masked("\n\n") == "\n\n");
}

TEST_CASE("mask_markdown on the sample plans keeps lengths and blanks their markdown", "[corpus][markdown]") {
  const plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR);
  for (const plansim::document& d : c) CHECK(mask_markdown(d.text).size() == d.text.size());
  const std::string halton = mask_markdown(c.find("halton.txt")->text);
  CHECK(halton.find("dated 16     th       April 2024.") != std::string::npos);
  CHECK(halton.find("\n      1. Transformation of service design and delivery to make better use of resources:  \n") !=
        std::string::npos);
  CHECK(halton.find("<sup>") == std::string::npos);
  CHECK(halton.find("**") == std::string::npos);
  CHECK(halton.find('#') == std::string::npos);
  const std::string welwyn = mask_markdown(c.find("welwyn-hatfield.txt")->text);
  CHECK(welwyn.find("](#)") == std::string::npos);
  CHECK(welwyn.find("our  medium-term financial strategy     we have delivered over \xC2\xA3" "22m") !=
        std::string::npos);
}
