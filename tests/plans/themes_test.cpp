#include <plansim/corpus/markdown.hpp>
#include <plansim/corpus/passages.hpp>
#include <plansim/corpus/readers.hpp>
#include <plansim/plans/themes.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"

using plansim::theme;

namespace {

plansim::corpus sample_plans() {
  plansim::folder_options options;
  options.markdown = plansim::markdown_mode::always;
  return plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, options);
}

// A one-document corpus of `raw` read as markdown, as read_folder does with markdown_mode::always.
plansim::corpus markdown_corpus(const std::string& raw) {
  plansim::document d;
  d.name = "plan.md";
  d.text = plansim::mask_markdown(raw);
  d.from_markdown = true;
  d.unmasked_text = raw;
  return plansim::corpus(std::vector<plansim::document>{d});
}

// The theme of the paragraph holding the first occurrence of `phrase` in document `name`.
theme theme_of(const plansim::corpus& c, const std::vector<plansim::themed_passage>& themed, std::string_view name,
               std::string_view phrase) {
  const plansim::document* d = c.find(name);
  REQUIRE(d != nullptr);
  const std::size_t at = d->text.find(phrase);
  INFO("phrase: " << phrase);
  REQUIRE(at != std::string::npos);
  return plansim::theme_at(themed, *d, at);
}

// The themes of document `id`'s sections, in order (consecutive equal labels collapsed).
std::vector<theme> sections(const std::vector<plansim::themed_passage>& themed, std::size_t id) {
  std::vector<theme> out;
  for (const auto& t : themed) {
    if (t.span.document == id && (out.empty() || out.back() != t.label)) out.push_back(t.label);
  }
  return out;
}

std::vector<theme> labels(const std::vector<plansim::themed_passage>& themed) {
  std::vector<theme> out;
  for (const auto& t : themed) out.push_back(t.label);
  return out;
}

const std::vector<theme> government_order{theme::other, theme::service_transformation, theme::technology_and_data,
                                          theme::wasteful_spend, theme::barriers};

}  // namespace

TEST_CASE("theme_name gives the contract's short names", "[plans]") {
  CHECK(plansim::theme_name(theme::other) == "other");
  CHECK(plansim::theme_name(theme::service_transformation) == "transformation");
  CHECK(plansim::theme_name(theme::technology_and_data) == "technology");
  CHECK(plansim::theme_name(theme::wasteful_spend) == "waste");
  CHECK(plansim::theme_name(theme::barriers) == "barriers");
}

TEST_CASE("segment_themes labels every paragraph of the sample plans, in order", "[plans]") {
  const plansim::corpus c = sample_plans();
  const std::vector<plansim::themed_passage> themed = plansim::segment_themes(c);
  const std::vector<plansim::passage> paragraphs = plansim::split_paragraphs(c);
  REQUIRE(themed.size() == paragraphs.size());
  for (std::size_t i = 0; i < themed.size(); ++i) {
    CHECK(themed[i].span.document == paragraphs[i].document);
    CHECK(themed[i].span.begin == paragraphs[i].begin);
    CHECK(themed[i].span.end == paragraphs[i].end);
    CHECK(themed[i].confidence >= 0.0);
    CHECK(themed[i].confidence <= 1.0);
  }
}

TEST_CASE("segment_themes: Halton (markdown headings numbered 1. to 4., a Summary)", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  const std::size_t id = c.find("halton.txt")->id;
  CHECK(sections(themed, id) == std::vector<theme>{theme::other, theme::service_transformation,
                                                    theme::technology_and_data, theme::wasteful_spend,
                                                    theme::barriers, theme::other});
  CHECK(theme_of(c, themed, "halton.txt", "For ease, the plan aligns") == theme::other);
  CHECK(theme_of(c, themed, "halton.txt", "Halton Intermediate Care and Frailty Service") ==
        theme::service_transformation);
  CHECK(theme_of(c, themed, "halton.txt", "three-year Transformation Programme") == theme::service_transformation);
  CHECK(theme_of(c, themed, "halton.txt", "Hartree Centre") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "halton.txt", "Agency Spend") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "halton.txt", "Trade-Union facilities time") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "halton.txt", "Single-year settlements") == theme::barriers);
  // Sub-headings of theme 4 ("Barriers to effective delivery of Social Care services:") stay in it.
  CHECK(theme_of(c, themed, "halton.txt", "Shortage of foster carers") == theme::barriers);
  CHECK(theme_of(c, themed, "halton.txt", "The Council takes seriously the need") == theme::other);
  CHECK(theme_of(c, themed, "halton.txt", "Halton Borough Council, June 2024") == theme::other);
}

TEST_CASE("segment_themes: Havering (plain-line headings, tables with tab-separated cells)", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  CHECK(sections(themed, c.find("havering.txt")->id) == government_order);
  CHECK(theme_of(c, themed, "havering.txt", "We welcome this opportunity to evaluate") == theme::other);
  CHECK(theme_of(c, themed, "havering.txt", "Golden Thread") == theme::other);
  // Table rows whose first cell says "Transformation Objective" or "ICT" are not headings.
  CHECK(theme_of(c, themed, "havering.txt", "Redesign the organisation to include clear design principles") ==
        theme::service_transformation);
  CHECK(theme_of(c, themed, "havering.txt", "Successful separation of technology and IT services") ==
        theme::service_transformation);
  CHECK(theme_of(c, themed, "havering.txt", "Single View of people") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "havering.txt", "Beam Magic notes") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "havering.txt", "Reduce agency and consultancy cost") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "havering.txt", "of overspend in Starting Well") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "havering.txt", "Thames Freeport decision") == theme::barriers);
  CHECK(theme_of(c, themed, "havering.txt", "Right to buy legislation") == theme::barriers);
}

TEST_CASE("segment_themes: Leicester (the four questions listed in the foreword, then as headings)", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  CHECK(sections(themed, c.find("leicester.txt")->id) == government_order);
  CHECK(theme_of(c, themed, "leicester.txt", "Earlier this year we were informed") == theme::other);
  // The government's questions quoted as a numbered list in the foreword open no section.
  CHECK(theme_of(c, themed, "leicester.txt", "3. The council's plans to reduce wasteful spend") == theme::other);
  CHECK(theme_of(c, themed, "leicester.txt", "Chief Operating Officer") == theme::other);
  CHECK(theme_of(c, themed, "leicester.txt", "Cuts to our budget of around") == theme::service_transformation);
  CHECK(theme_of(c, themed, "leicester.txt", "We continue to see significant increases in demand") ==
        theme::service_transformation);  // under the sub-heading "Looking ahead"
  CHECK(theme_of(c, themed, "leicester.txt", "Our OpenData platform") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "leicester.txt", "overtime ban") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "leicester.txt", "Strategic Asset Management Board") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "leicester.txt", "The current system of local government funding") == theme::barriers);
  CHECK(theme_of(c, themed, "leicester.txt", "Urgently reform our SEND position") == theme::barriers);
  CHECK(theme_of(c, themed, "leicester.txt", "Standardise and make more coherent asylum") == theme::barriers);
}

TEST_CASE("segment_themes: Waltham Forest (questions as headings, one ending with a full stop)", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  CHECK(sections(themed, c.find("waltham-forest.txt")->id) == government_order);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "A productivity review panel") == theme::other);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "2. Opportunities to take advantage of advances") == theme::other);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "For the last few years, there has been") ==
        theme::service_transformation);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "Capital Investment Strategy") == theme::service_transformation);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "We are improving the quality of data") ==
        theme::technology_and_data);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "£18 million of savings") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "You have asked about EDI") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "need for initial investment") == theme::barriers);
  CHECK(theme_of(c, themed, "waltham-forest.txt", "an increase of 13 per cent") == theme::barriers);
}

TEST_CASE("segment_themes: Welwyn Hatfield (questions ending with full stops, many sub-headings)", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  CHECK(sections(themed, c.find("welwyn-hatfield.txt")->id) == government_order);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Thank you for your letter") == theme::other);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "In the following sections, we outline") == theme::other);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Budget reset") == theme::service_transformation);
  // A paragraph broken by a stray blank line ("... key themes under which continual" / "change
  // and development ...") is not a heading, though its first part mentions Digital and Data.
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "In 2022, at the end of these strategies") ==
        theme::service_transformation);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Insourcing our ICT Services") == theme::service_transformation);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Service led reviews") == theme::service_transformation);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Engage Process Modeler") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Partnership Working") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Number Plate Recognition") == theme::technology_and_data);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "static debt review") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Earmarked Reserves") == theme::wasteful_spend);
  CHECK(theme_of(c, themed, "welwyn-hatfield.txt", "Pressures on Temporary accommodation") == theme::barriers);
}

TEST_CASE("segment_themes: headings give high confidence; headings themselves the highest", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto themed = plansim::segment_themes(c);
  const plansim::document& d = *c.find("halton.txt");
  for (const auto& t : themed) {
    if (t.span.document != d.id) continue;
    const std::string_view text = std::string_view(d.text).substr(t.span.begin, t.span.end - t.span.begin);
    if (text.substr(0, 3) == "2. ") CHECK(t.confidence == 1.0);
    if (text.substr(0, 26) == "The Council has a history ") CHECK(t.confidence == Catch::Approx(0.9));
    if (text.substr(0, 26) == "This plan has been develop") CHECK(t.confidence == Catch::Approx(0.6));
  }
}

TEST_CASE("segment_themes: numbered headings \"1.\" to \"4.\" without markdown", "[plans]") {
  const plansim::corpus c = plansim::from_strings({
      "Our productivity plan\n\n"
      "1. Service transformation\n\nWe merged the care teams.\n\n"
      "2. Technology and data\n\nWe moved to the cloud.\n\n"
      "3. Reducing wasteful spend\n\nWe cut agency costs.\n\n"
      "4. Barriers government can remove\n\nSettlements come late.\n"});
  const auto themed = plansim::segment_themes(c);
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::service_transformation,
                                             theme::service_transformation, theme::technology_and_data,
                                             theme::technology_and_data, theme::wasteful_spend, theme::wasteful_spend,
                                             theme::barriers, theme::barriers});
}

TEST_CASE("segment_themes: CRLF line ends and no-break spaces after a heading", "[plans]") {
  const plansim::corpus c = plansim::from_strings({
      "Foreword\r\n\r\nHello.\r\n\r\n"
      "How we have transformed the way we design and deliver services.\xC2\xA0\r\n\r\nWe merged teams.\r\n\r\n"
      "Use of technology and data\r\n\r\nWe bought laptops.\r\n"});
  const auto themed = plansim::segment_themes(c);
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::other, theme::service_transformation,
                                             theme::service_transformation, theme::technology_and_data,
                                             theme::technology_and_data});
  CHECK(themed[2].confidence == Catch::Approx(0.8));  // weak: it ends with "." before the no-break space
}

TEST_CASE("segment_themes: \"Theme n:\" headings set theme n even without its words", "[plans]") {
  const plansim::corpus c = markdown_corpus(
      "# Introduction\n\nWe are a small council.\n\n"
      "## Theme 2: what we are doing next\n\nA new website.\n\n"
      "## Theme 1: how we work\n\nOne front door.\n\n"
      "**Question 4 - help from Whitehall**\n\nMulti-year settlements.\n\n"
      "### Theme 3\n\nFewer consultants.\n");
  const auto themed = plansim::segment_themes(c);
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::other, theme::technology_and_data,
                                             theme::technology_and_data, theme::service_transformation,
                                             theme::service_transformation, theme::barriers, theme::barriers,
                                             theme::wasteful_spend, theme::wasteful_spend});
}

TEST_CASE("segment_themes: headings inside a markdown table", "[plans]") {
  const plansim::corpus c = markdown_corpus(
      "Foreword by the leader.\n\n"
      "| **Theme 1: Transforming services** | |\n|---|---|\n| Integrated care | Joint teams with the NHS |\n"
      "| Libraries | Self-access opening |\n\n"
      "| **Theme 3: Wasteful spend** | |\n|---|---|\n| Agency | Fewer agency staff |\n\n"
      "| Digital | Data | Barriers |\n|---|---|---|\n| a | b | c |\n");
  const auto themed = plansim::segment_themes(c);
  // A row with text in several cells is content, whatever it says.
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::service_transformation,
                                             theme::service_transformation, theme::service_transformation,
                                             theme::wasteful_spend, theme::wasteful_spend, theme::wasteful_spend,
                                             theme::wasteful_spend});
}

TEST_CASE("segment_themes: the government's question quoted back as headings", "[plans]") {
  const plansim::corpus c = plansim::from_strings({
      "Dear Minister, thank you for your letter.\n\n"
      "\xE2\x80\x9CHow will you take advantage of technology and make better use of data to improve decision "
      "making?\xE2\x80\x9D\n\nWe bought laptops.\n\n"
      "You have asked us how we reduce wasteful spend.\n\nWe stopped buying laptops.\n\n"
      "What are the barriers that prevent progress, and what can the government do to remove them?\n\n"
      "Single-year settlements.\n"});
  const auto themed = plansim::segment_themes(c);
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::technology_and_data, theme::technology_and_data,
                                             theme::wasteful_spend, theme::wasteful_spend, theme::barriers,
                                             theme::barriers});
  CHECK(themed[1].confidence == 1.0);  // a question: a strong heading
  CHECK(themed[3].confidence == Catch::Approx(0.8));  // a plain line ending with ".": a weak one
  CHECK(themed[4].confidence == Catch::Approx(0.75));
}

TEST_CASE("segment_themes: sub-headings, list items and prose lines open no section", "[plans]") {
  const plansim::corpus c = plansim::from_strings({
      "Our plans to reduce wasteful spend\n\n"
      "Finance\n\nWe set budgets.\n\n"
      "- Digital forms\n\n"
      "We bought new data systems to cut costs; they work,\n\n"
      "We use technology and data, and more technology and data. So it goes\n\n"
      "Introduction of digital payslips and data dashboards at\n\nlast saved money.\n\n"
      "Area 2: Housing\n\nTheme 12 of the year\n\nRents rose.\n"});
  const auto themed = plansim::segment_themes(c);
  for (const auto& t : themed) CHECK(t.label == theme::wasteful_spend);
  CHECK(themed.size() == 11);
}

TEST_CASE("segment_themes: plans without headings are classified by the seed texts", "[plans]") {
  const plansim::corpus c = plansim::from_strings({
      "This productivity plan sets out our vision and priorities for the borough, our residents and "
      "communities. We welcome the opportunity to share it.\n\n"
      "We have transformed the way we design and deliver services. Our transformation programme brings a "
      "new target operating model and integrated teams with health partners.\n\n"
      "Our digital strategy moves legacy systems to the cloud. It uses data, dashboards and AI to improve "
      "decision making.\n\n"
      "We are proud of the people who work for us. They are our best asset.\n\n"
      "Automation and a chatbot help. Residents use self-service portals and online forms.\n\n"
      "To reduce wasteful spend we cut agency staff and consultancy costs. We hold vacancies and review "
      "procurement and contracts for value for money.\n\n"
      "The barriers government can help remove are many. One-year funding settlements, bidding for funding "
      "pots, ringfenced grants and the delayed fair funding review hold us back.\n"});
  const auto themed = plansim::segment_themes(c);
  // "We are proud of the people who work for us. ..." has no theme of its own and joins its neighbours.
  CHECK(labels(themed) == std::vector<theme>{theme::other, theme::service_transformation,
                                             theme::technology_and_data, theme::technology_and_data,
                                             theme::technology_and_data, theme::wasteful_spend, theme::barriers});
  for (const auto& t : themed) {
    CHECK(t.confidence >= 0.0);
    CHECK(t.confidence <= 0.8);
  }
  CHECK(themed[3].confidence < themed[2].confidence);
  // No paragraph is a heading here, so the seeds decided: the same as with use_headings = false.
  plansim::theme_options seeds_only;
  seeds_only.use_headings = false;
  const auto forced = plansim::segment_themes(c, seeds_only);
  REQUIRE(forced.size() == themed.size());
  for (std::size_t i = 0; i < forced.size(); ++i) {
    CHECK(forced[i].label == themed[i].label);
    CHECK(forced[i].confidence == themed[i].confidence);
  }

  SECTION("without smoothing, the neutral paragraph keeps its own best guess") {
    plansim::theme_options o;
    o.switch_penalty = 0.0;
    o.min_evidence = 0.0;
    const auto raw = plansim::segment_themes(c, o);
    CHECK(raw[2].label == theme::technology_and_data);
    CHECK(raw[5].label == theme::wasteful_spend);
  }
  SECTION("seeds can be replaced") {
    plansim::theme_options o;
    o.seeds[2] = "barriers funding settlements grants fair funding review";
    o.seeds[4] = "digital legacy systems cloud data dashboards automation chatbot portals forms";
    const auto swapped = plansim::segment_themes(c, o);
    CHECK(swapped[2].label == theme::barriers);  // the digital paragraph matches seed 4 now
    CHECK(swapped[6].label == theme::technology_and_data);
  }
}

TEST_CASE("segment_themes: seed texts agree with the headings on most of the sample plans", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto by_headings = plansim::segment_themes(c);
  plansim::theme_options o;
  o.use_headings = false;
  const auto by_seeds = plansim::segment_themes(c, o);
  REQUIRE(by_seeds.size() == by_headings.size());
  std::size_t agree = 0;
  for (std::size_t i = 0; i < by_seeds.size(); ++i) agree += by_seeds[i].label == by_headings[i].label;
  // 268 of 312 paragraphs when written; a drop below 80% means the seeds or smoothing broke.
  CHECK(static_cast<double>(agree) >= 0.8 * static_cast<double>(by_seeds.size()));
  for (std::size_t id = 0; id < c.size(); ++id) {
    const std::vector<theme> s = sections(by_seeds, id);
    CHECK(s.size() <= 12);  // smoothing keeps sections contiguous: a handful of runs per plan
  }
}

TEST_CASE("segment_themes: min_confidence reports unsure paragraphs as other", "[plans]") {
  const plansim::corpus c = plansim::from_strings({"Intro text.\n\n## Barriers\n\nLate settlements.\n"});
  plansim::theme_options o;
  o.min_confidence = 0.95;
  const auto themed = plansim::segment_themes(c, o);
  REQUIRE(themed.size() == 3);
  CHECK(themed[1].label == theme::barriers);  // the heading: confidence 1
  CHECK(themed[2].label == theme::other);     // 0.9 < 0.95
  CHECK(themed[2].confidence == Catch::Approx(0.9));
}

TEST_CASE("segment_themes: empty documents give no passages", "[plans]") {
  plansim::document d;
  d.text = "   \n\n";
  CHECK(plansim::segment_themes(d).empty());
  plansim::theme_options o;
  o.use_headings = false;
  CHECK(plansim::segment_themes(d, o).empty());
}

TEST_CASE("segment_themes: bad options are rejected", "[plans]") {
  using plansim_test::message_of;
  const plansim::corpus c = plansim::from_strings({"Some text."});
  plansim::theme_options o;
  o.min_confidence = 1.5;
  CHECK(message_of([&] { (void)plansim::segment_themes(c, o); }) ==
        "[plansim.plans.1] segment_themes: min_confidence = 1.5 is outside [0, 1] (give a confidence between 0 "
        "and 1, e.g. 0.2)");
  o = {};
  o.min_evidence = -0.25;
  CHECK(message_of([&] { (void)plansim::segment_themes(c[0], o); }) ==
        "[plansim.plans.2] segment_themes: min_evidence = -0.25 is outside [0, 1] (give a margin between 0 and 1, "
        "e.g. 0.1)");
  o = {};
  o.switch_penalty = std::numeric_limits<double>::quiet_NaN();
  CHECK(message_of([&] { (void)plansim::segment_themes(c, o); }) ==
        "[plansim.plans.3] segment_themes: switch_penalty = nan is not a finite number >= 0 (give 0 for no "
        "smoothing, or about 0.6)");
  o = {};
  o.heading_max_words = 0;
  CHECK(message_of([&] { (void)plansim::segment_themes(c, o); }) ==
        "[plansim.plans.4] segment_themes: heading_max_words is 0 (give at least 1, e.g. 30)");
  o = {};
  o.seeds[3] = "the and of it";
  CHECK(message_of([&] { (void)plansim::segment_themes(c, o); }) ==
        "[plansim.plans.5] segment_themes: the seed text of theme \"waste\" has no terms after stop words (give "
        "each seed some words that plans about that theme use)");
}

TEST_CASE("theme_at finds the section of any byte", "[plans]") {
  const plansim::corpus c = plansim::from_strings(
      {"Intro.\n\n## Technology\n\nCloud.\n\n\n## Barriers\n\nFunding.", "## Waste\n\nAgency staff."});
  const auto themed = plansim::segment_themes(c);
  const std::string& a = c[0].text;
  CHECK(plansim::theme_at(themed, c[0], 0) == theme::other);
  CHECK(plansim::theme_at(themed, c[0], a.find("Cloud")) == theme::technology_and_data);
  CHECK(plansim::theme_at(themed, c[0], a.find("Cloud") + 7) == theme::technology_and_data);  // blank lines after
  CHECK(plansim::theme_at(themed, c[0], a.find("Funding") + 3) == theme::barriers);
  CHECK(plansim::theme_at(themed, c[0], a.size() + 10) == theme::barriers);
  CHECK(plansim::theme_at(themed, c[1], 0) == theme::wasteful_spend);
  CHECK(plansim::theme_at(themed, c[1], c[1].text.find("staff")) == theme::wasteful_spend);
  CHECK(plansim::theme_at({}, c[1], 0) == theme::other);
}
