#include <plansim/corpus/metadata.hpp>
#include <plansim/corpus/readers.hpp>
#include <plansim/plans/template_mask.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"
#include "corpus/temp_folder.hpp"

namespace {

using plansim::template_options;
using plansim::template_report;
using plansim::template_span;

template_options only(std::vector<std::string> references, std::size_t shingle_words) {
  template_options o;
  o.builtin_theme_prompts = false;
  o.references = std::move(references);
  o.shingle_words = shingle_words;
  return o;
}

std::string span_text(const plansim::corpus& c, const template_span& s) {
  return c[s.document].text.substr(s.begin, s.end - s.begin);
}

plansim::corpus sample_plans() {
  plansim::folder_options options;
  options.markdown = plansim::markdown_mode::always;
  plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, options);
  plansim::attach_metadata(c, std::filesystem::path(PLANSIM_SAMPLE_CORPUS_DIR) / "councils.csv");
  return c;
}

}  // namespace

TEST_CASE("find_template_text: a repeated stretch is found whole, across case, punctuation and hyphens",
          "[plans]") {
  const std::string text = "Our answer.\nALPHA Beta, gamma-delta   epsilon zeta! And then other words follow.";
  const plansim::corpus c = plansim::from_strings({text, "nothing in common here at all"});
  const template_report r = plansim::find_template_text(c, only({"alpha beta gamma delta epsilon zeta eta theta"}, 4));
  REQUIRE(r.spans.size() == 1);
  const template_span& s = r.spans[0];
  CHECK(s.document == 0);
  CHECK(s.begin == text.find("ALPHA"));
  CHECK(s.end == text.find("zeta") + 4);
  CHECK(s.reference == 0);
  CHECK(s.words == 6);
  CHECK(span_text(c, s) == "ALPHA Beta, gamma-delta   epsilon zeta");
  REQUIRE(r.masked_share.size() == 2);
  CHECK(r.masked_share[0] == Catch::Approx(static_cast<double>(s.end - s.begin) / static_cast<double>(text.size())));
  CHECK(r.masked_share[1] == 0.0);
  REQUIRE(r.references.size() == 1);
}

TEST_CASE("find_template_text: fewer than shingle_words repeated words are never masked", "[plans]") {
  const plansim::corpus c = plansim::from_strings({"x alpha beta gamma y alpha beta gamma delta z"});
  const template_report three = plansim::find_template_text(c, only({"alpha beta gamma delta omega"}, 4));
  REQUIRE(three.spans.size() == 1);  // only the second, four-word repeat
  CHECK(span_text(c, three.spans[0]) == "alpha beta gamma delta");
  const template_report none = plansim::find_template_text(c, only({"alpha beta gamma delta omega"}, 5));
  CHECK(none.spans.empty());
  CHECK(none.masked_share[0] == 0.0);
}

TEST_CASE("find_template_text: touching and overlapping shingles make one span; a gap makes two", "[plans]") {
  // Reference 0 holds "a1 a2 a3 a4", reference 1 "a4 b1 b2 b3 b4": the document's run covers both.
  const plansim::corpus c = plansim::from_strings({"start a1 a2 a3 a4 b1 b2 b3 b4 gap a1 a2 a3 a4 end"});
  const template_report r = plansim::find_template_text(c, only({"a1 a2 a3 a4", "a4 b1 b2 b3 b4"}, 3));
  REQUIRE(r.spans.size() == 2);
  CHECK(span_text(c, r.spans[0]) == "a1 a2 a3 a4 b1 b2 b3 b4");
  CHECK(r.spans[0].words == 8);
  // Shingles: ref 0 is credited with 2 (a1 a2 a3, a2 a3 a4), ref 1 with 3 (a4 b1 b2, b1 b2 b3,
  // b2 b3 b4); a2 a3 a4 ... a3 a4 b1 is in neither.
  CHECK(r.spans[0].reference == 1);
  CHECK(span_text(c, r.spans[1]) == "a1 a2 a3 a4");
  CHECK(r.spans[1].reference == 0);
  CHECK(r.spans[0].begin < r.spans[1].begin);
}

TEST_CASE("find_template_text: a shingle in several references is credited to the lowest; ties go low",
          "[plans]") {
  const plansim::corpus c = plansim::from_strings({"one two three four five"});
  const template_report r = plansim::find_template_text(c, only({"zero one two three four five", "one two three four five six"}, 5));
  REQUIRE(r.spans.size() == 1);
  CHECK(r.spans[0].reference == 0);
  CHECK(r.masked_share[0] == 1.0);
}

TEST_CASE("find_template_text: built-in prompts come first, then strings, then files", "[plans]") {
  const plansim_test::temp_folder folder;
  const auto file = folder.write("letter.txt", "Plans should be no longer than four pages in length.");
  template_options o;
  o.references = {"a sector template paragraph of several words"};
  o.reference_files = {file};
  o.shingle_words = 5;
  const plansim::corpus c = plansim::from_strings(
      {"We were told that plans should be no longer than four pages in length, so this is short.",
       "A Sector Template paragraph of several words."});
  const template_report r = plansim::find_template_text(c, o);
  REQUIRE(r.references.size() == 6);
  CHECK(r.references[0] == plansim::productivity_plan_prompts[0]);
  CHECK(r.references[4] == "a sector template paragraph of several words");
  CHECK(r.references[5] == "Plans should be no longer than four pages in length.");
  REQUIRE(r.spans.size() == 2);
  CHECK(r.spans[0].reference == 5);
  CHECK(span_text(c, r.spans[0]) == "plans should be no longer than four pages in length");
  CHECK(r.spans[1].reference == 4);
  CHECK(span_text(c, r.spans[1]) == "A Sector Template paragraph of several words");
}

TEST_CASE("find_template_text: the sample plans that quote the government's four prompts", "[plans]") {
  const plansim::corpus c = sample_plans();
  const template_report r = plansim::find_template_text(c);
  const plansim::document* waltham = c.find("waltham-forest.txt");
  const plansim::document* leicester = c.find("leicester.txt");
  REQUIRE(waltham != nullptr);
  REQUIRE(leicester != nullptr);
  CHECK(r.masked_share[waltham->id] > 0.0);
  CHECK(r.masked_share[leicester->id] > 0.0);
  for (std::size_t d = 0; d < c.size(); ++d) CHECK(r.masked_share[d] < 0.1);  // headings, not answers

  // Waltham Forest uses the four prompts as its headings: each is one span, at its own bytes.
  const std::vector<std::pair<std::string, std::size_t>> headings{
      {"How you have transformed the way you design and deliver services to make better use of resources", 0},
      {"you plan to take advantage of technology and make better use of data to improve decision-making, "
       "service design and use of resources",
       1},
      {"Your plans to reduce wasteful spend within your organisation and systems", 2},
      {"The barriers preventing progress that the government can help to reduce or remove", 3}};
  for (const auto& [heading, reference] : headings) {
    const std::size_t at = waltham->text.find(heading + (reference == 1 ? "\n" : ""));
    INFO(heading);
    REQUIRE(at != std::string::npos);
    bool found = false;
    for (const template_span& s : r.spans) {
      if (s.document == waltham->id && s.begin == at) {
        found = true;
        CHECK(s.end == at + heading.size());
        CHECK(s.reference == reference);
      }
    }
    CHECK(found);
  }
  // Leicester quotes the second prompt in its foreword list and as a heading.
  const std::string second =
      "to take advantage of technology and make better use of data to improve decision making, service design and use "
      "of resources";
  std::size_t leicester_spans = 0;
  for (const template_span& s : r.spans) {
    if (s.document != leicester->id) continue;
    ++leicester_spans;
    if (s.reference == 1) CHECK(span_text(c, s).find(second) != std::string::npos);
  }
  CHECK(leicester_spans >= 2);
  const std::size_t foreword = leicester->text.find("council plans " + second);
  REQUIRE(foreword != std::string::npos);
  bool found = false;
  for (const template_span& s : r.spans)
    found = found || (s.document == leicester->id && s.begin == foreword + 14 && s.end == foreword + 14 + second.size());
  CHECK(found);
}

TEST_CASE("find_template_text: the same report for any thread count", "[plans]") {
  const plansim::corpus c = sample_plans();
  template_options one;
  template_options many;
  many.threads = 3;
  const template_report a = plansim::find_template_text(c, one);
  const template_report b = plansim::find_template_text(c, many);
  REQUIRE(a.spans.size() == b.spans.size());
  for (std::size_t i = 0; i < a.spans.size(); ++i) {
    CHECK(a.spans[i].document == b.spans[i].document);
    CHECK(a.spans[i].begin == b.spans[i].begin);
    CHECK(a.spans[i].end == b.spans[i].end);
    CHECK(a.spans[i].reference == b.spans[i].reference);
  }
  CHECK(a.masked_share == b.masked_share);
}

TEST_CASE("mask_template_text: spans become spaces, line breaks and offsets stay, metadata is copied", "[plans]") {
  const std::string text = "Keep this. Alpha beta\ngamma delta epsilon. Keep that.";
  plansim::corpus c = plansim::from_strings({text, "untouched text"}, {"a.txt", "b.txt"});
  c.add_metadata_column("published", {"2024-06", "2024-07"});
  const template_report r = plansim::find_template_text(c, only({"alpha beta gamma delta epsilon"}, 3));
  const plansim::corpus masked = plansim::mask_template_text(c, r);
  REQUIRE(masked.size() == 2);
  CHECK(masked[0].text == "Keep this. " + std::string(10, ' ') + "\n" + std::string(19, ' ') + ". Keep that.");
  CHECK(masked[0].text.size() == text.size());
  CHECK(masked[1].text == "untouched text");
  CHECK(masked[0].name == "a.txt");
  CHECK(masked.metadata(1, "published") == "2024-07");
}

TEST_CASE("template_weights: inside spans or not", "[plans]") {
  const std::string text = "x alpha beta gamma y";
  const plansim::corpus c = plansim::from_strings({text});
  const template_report r = plansim::find_template_text(c, only({"alpha beta gamma"}, 3));
  const plansim::template_weights weights(c, r, 0.25);
  CHECK(weights(0, 0) == 1.0);
  CHECK(weights(0, text.find("alpha")) == 0.25);
  CHECK(weights(0, text.find("gamma") + 4) == 0.25);
  CHECK(weights(0, text.find("gamma") + 5) == 1.0);
  CHECK(weights(0, text.find('y')) == 1.0);
  CHECK(weights.inside() == 0.25);
  CHECK(plansim_test::message_of([&] { (void)plansim::template_weights(c, r, 1.5); }) ==
        "[plansim.template_mask.9] template_weights: inside is 1.500000, not in [0, 1] (use 0 to drop template words, "
        "1 to keep them as they are)");
}

TEST_CASE("template masking: bad input", "[plans]") {
  const plansim::corpus c = plansim::from_strings({"some text of a plan"});
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(c, only({"a b c"}, 0)); }) ==
        "[plansim.template_mask.3] find_template_text: shingle_words is 0 (use at least 1; 8 is the default)");
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(c, only({}, 3)); }) ==
        "[plansim.template_mask.4] find_template_text: there are no references to look for (keep "
        "builtin_theme_prompts on, or give references or reference_files)");
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(c, only({"long enough here", "too short"}, 3)); }) ==
        "[plansim.template_mask.5] find_template_text: reference 1 has 2 words, fewer than shingle_words (3) (lower "
        "shingle_words, or give a longer reference)");
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(plansim::corpus{}); }) ==
        "[plansim.template_mask.8] find_template_text: the corpus is empty (read at least one document)");
  template_options missing;
  missing.reference_files = {"/nonexistent/plansim/letter.txt"};
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(c, missing); }) ==
        "[plansim.template_mask.2] /nonexistent/plansim/letter.txt: no such file (check the path and the working "
        "directory)");
  const plansim_test::temp_folder folder;
  template_options invalid;
  invalid.reference_files = {folder.write("bad.txt", "caf\xE9 au lait")};
  CHECK(plansim_test::message_of([&] { (void)plansim::find_template_text(c, invalid); }) ==
        "[plansim.template_mask.6] " + invalid.reference_files[0].string() +
            ": the reference file is not valid UTF-8 (save it as UTF-8)");
  const template_report other = plansim::find_template_text(plansim::from_strings({"a", "b"}), only({"x y"}, 1));
  CHECK(plansim_test::message_of([&] { (void)plansim::mask_template_text(c, other); }) ==
        "[plansim.template_mask.7] mask_template_text: the template report does not fit the corpus (it has 2 "
        "documents, the corpus 1, or a span lies outside its document) (pass the report find_template_text made for "
        "this corpus)");
}
