#include <plansim/corpus/readers.hpp>
#include <plansim/plans/strategies.hpp>
#include <plansim/plans/themes.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"
#include "corpus/temp_folder.hpp"

using plansim_test::message_of;

namespace {

plansim::corpus sample_plans() {
  plansim::folder_options options;
  options.markdown = plansim::markdown_mode::always;
  return plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, options);
}

plansim::document doc(std::string text) {
  plansim::document d;
  d.text = std::move(text);
  return d;
}

// "code@begin-end" for each hit.
std::vector<std::string> hits(const std::string& text, const plansim::strategy_dictionary& dict) {
  std::vector<std::string> out;
  for (const auto& h : plansim::find_strategies(doc(text), dict)) {
    out.push_back(h.code + "@" + std::to_string(h.begin) + "-" + std::to_string(h.end));
  }
  return out;
}

std::size_t count_of(const std::vector<plansim::strategy_count>& rows, const plansim::corpus& c, const std::string& name,
                     const std::string& code) {
  for (const auto& r : rows) {
    if (c[r.document].name == name && r.code == code && !r.label) return r.count;
  }
  return 0;
}

}  // namespace

TEST_CASE("the built-in dictionary is data/strategies/productivity-plans.dict", "[plans]") {
  std::ifstream in(std::string(PLANSIM_SAMPLE_CORPUS_DIR) + "/../strategies/productivity-plans.dict", std::ios::binary);
  REQUIRE(in);
  std::ostringstream file;
  file << in.rdbuf();
  CHECK(file.str() == plansim::productivity_plans_dictionary_text);
  const plansim::strategy_dictionary dict = plansim::strategy_dictionary::productivity_plans();
  CHECK(dict.codes() == std::vector<std::string>{"shared_services", "ai_automation", "agency_staff", "consultancy",
                                                 "insourcing", "outsourcing", "invest_to_save", "asset_disposal",
                                                 "digital_channel_shift", "demand_management", "procurement",
                                                 "workforce_vacancy", "income_generation", "prevention",
                                                 "partnership", "data_insight", "cloud"});
  CHECK(dict.patterns.size() == 71);
  CHECK(dict.patterns.front().line == 9);
}

TEST_CASE("parse_strategy_dictionary reads codes, patterns, comments and wildcards", "[plans]") {
  const auto dict = plansim::parse_strategy_dictionary(
      "# a comment\r\n"
      "\r\n"
      "   # an indented comment\n"
      "outsourcing\toutsourc*\r\n"
      "  invest_to_save \t  Invest to Save  \n"
      "self\tself-service\n"
      "outsourcing\tcontracted out\n"
      "apostrophe\tCouncil’s plan");
  REQUIRE(dict.patterns.size() == 5);
  CHECK(dict.codes() == std::vector<std::string>{"outsourcing", "invest_to_save", "self", "apostrophe"});
  const auto& p = dict.patterns[0];
  CHECK(p.code == "outsourcing");
  CHECK(p.pattern == "outsourc*");
  CHECK(p.words == std::vector<std::string>{"outsourc"});
  CHECK(p.prefix == std::vector<bool>{true});
  CHECK(p.line == 4);
  CHECK(dict.patterns[1].code == "invest_to_save");
  CHECK(dict.patterns[1].pattern == "Invest to Save");
  CHECK(dict.patterns[1].words == std::vector<std::string>{"invest", "to", "save"});
  CHECK(dict.patterns[2].words == std::vector<std::string>{"self", "service"});
  CHECK(dict.patterns[4].words == std::vector<std::string>{"council's", "plan"});
  CHECK(dict.patterns[4].line == 8);
  CHECK(plansim::parse_strategy_dictionary("").patterns.empty());
  CHECK(plansim::parse_strategy_dictionary("# only\n\n  \n").patterns.empty());
}

TEST_CASE("parse_strategy_dictionary rejects bad lines, naming source and line", "[plans]") {
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("# ok\nshared services\n", "my.dict"); }) ==
        "[plansim.plans.7] my.dict:2: no tab between code and pattern in \"shared services\" (write "
        "code<TAB>pattern, e.g. \"shared_services\\tshared service*\")");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("shared services\tshared service*"); }) ==
        "[plansim.plans.8] <string>:1: code \"shared services\" is empty or has characters other than letters, "
        "digits, '_', '-' and '.' (name the strategy with a word such as invest_to_save)");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("a\tb\n\tshared service*"); }) ==
        "[plansim.plans.8] <string>:2: code \"\" is empty or has characters other than letters, digits, '_', '-' "
        "and '.' (name the strategy with a word such as invest_to_save)");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("code\t  ,; "); }) ==
        "[plansim.plans.9] <string>:1: pattern \",;\" has no words (give words separated by spaces, each "
        "optionally ending with * (at least two letters before it))");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("code\tout*sourcing"); }) ==
        "[plansim.plans.9] <string>:1: pattern \"out*sourcing\" has a '*' inside a word (give words separated by "
        "spaces, each optionally ending with * (at least two letters before it))");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("code\ta*"); }) ==
        "[plansim.plans.9] <string>:1: pattern \"a*\" has a '*' after fewer than two letters (give words separated "
        "by spaces, each optionally ending with * (at least two letters before it))");
  CHECK(message_of([] { (void)plansim::parse_strategy_dictionary("code\tshared *"); }) ==
        "[plansim.plans.9] <string>:1: pattern \"shared *\" has a '*' after fewer than two letters (give words "
        "separated by spaces, each optionally ending with * (at least two letters before it))");
}

TEST_CASE("read_strategy_dictionary reads a file and names it in errors", "[plans]") {
  const plansim_test::temp_folder folder;
  const auto good = folder.write("good.dict", "cloud\tcloud*\n");
  const auto dict = plansim::read_strategy_dictionary(good);
  REQUIRE(dict.patterns.size() == 1);
  CHECK(dict.patterns[0].code == "cloud");
  const auto bad = folder.write("bad.dict", "cloud\tcloud*\n\n# x\nbroken line\n");
  CHECK(message_of([&] { (void)plansim::read_strategy_dictionary(bad); }) ==
        "[plansim.plans.7] " + bad.generic_string() +
            ":4: no tab between code and pattern in \"broken line\" (write code<TAB>pattern, e.g. "
            "\"shared_services\\tshared service*\")");
  const auto missing = folder.path() / "missing.dict";
  CHECK(message_of([&] { (void)plansim::read_strategy_dictionary(missing); }) ==
        "[plansim.plans.6] " + missing.generic_string() +
            ": cannot open the strategy dictionary (check the path, or use "
            "strategy_dictionary::productivity_plans())");
}

TEST_CASE("find_strategies matches words on boundaries, ignoring case", "[plans]") {
  const auto dict = plansim::parse_strategy_dictionary(
      "shared\tshared service*\n"
      "out\toutsourc*\n"
      "its\tinvest to save\n"
      "self\tself-service\n"
      "apos\tcouncil's plan\n");
  //          0         1         2         3
  //          0123456789012345678901234567890123456789
  CHECK(hits("Shared Services and SHARED SERVICE", dict) == std::vector<std::string>{"shared@0-15", "shared@20-34"});
  CHECK(hits("unshared services, sharedservices, shared", dict).empty());
  CHECK(hits("We Outsourced it; outsourcing; outsource", dict) ==
        std::vector<std::string>{"out@3-13", "out@18-29", "out@31-40"});
  CHECK(hits("not an outsourc", dict) == std::vector<std::string>{"out@7-15"});  // the prefix itself matches
  CHECK(hits("Invest-to-save and invest\nto   save, invest to saves", dict) ==
        std::vector<std::string>{"its@0-14", "its@19-35"});
  CHECK(hits("self service, self-service, selfservice", dict) ==
        std::vector<std::string>{"self@0-12", "self@14-26"});
  CHECK(hits("The Council\xE2\x80\x99s Plan", dict) == std::vector<std::string>{"apos@4-20"});
  CHECK(hits("", dict).empty());
}

TEST_CASE("find_strategies: the longest pattern of a code wins, codes may overlap", "[plans]") {
  const auto dict = plansim::parse_strategy_dictionary(
      "agency\tagency\n"
      "agency\tagency staff\n"
      "staff\tstaff*\n"
      "agency\tagency staff costs\n");
  const auto found = plansim::find_strategies(doc("agency staff costs rose; agency staff left"), dict);
  REQUIRE(found.size() == 4);
  CHECK(found[0].code == "agency");
  CHECK(found[0].begin == 0);
  CHECK(found[0].end == 18);
  CHECK(found[0].pattern == 3);
  CHECK(found[1].code == "staff");
  CHECK(found[1].begin == 7);
  CHECK(found[2].code == "agency");
  CHECK(found[2].begin == 25);
  CHECK(found[2].end == 37);
  CHECK(found[2].pattern == 1);
  CHECK(found[3].code == "staff");
}

TEST_CASE("count_strategies on the sample plans, checked with grep", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto dict = plansim::strategy_dictionary::productivity_plans();
  const auto rows = plansim::count_strategies(c, dict);
  // grep -oiE 'outsourc[a-z]*' / 'insourc[a-z]*|in[- ]house' / '(invest|spend)[- ]to[- ]save' /
  // 'agency[- ](staff|worker[a-z]*|spend[a-z]*|cost[a-z]*|use|expenditure)|interim[a-z]*' /
  // '\bprocur[a-z]*|contract management' / '\bconsultan[a-z]*' on each plan.
  CHECK(count_of(rows, c, "welwyn-hatfield.txt", "outsourcing") == 2);
  CHECK(count_of(rows, c, "havering.txt", "outsourcing") == 0);
  CHECK(count_of(rows, c, "welwyn-hatfield.txt", "insourcing") == 4);
  CHECK(count_of(rows, c, "halton.txt", "insourcing") == 2);
  CHECK(count_of(rows, c, "havering.txt", "insourcing") == 2);
  CHECK(count_of(rows, c, "havering.txt", "invest_to_save") == 2);
  CHECK(count_of(rows, c, "welwyn-hatfield.txt", "invest_to_save") == 2);
  CHECK(count_of(rows, c, "halton.txt", "agency_staff") == 3);
  CHECK(count_of(rows, c, "havering.txt", "agency_staff") == 7);
  CHECK(count_of(rows, c, "leicester.txt", "agency_staff") == 3);
  CHECK(count_of(rows, c, "waltham-forest.txt", "agency_staff") == 5);
  CHECK(count_of(rows, c, "welwyn-hatfield.txt", "agency_staff") == 1);
  CHECK(count_of(rows, c, "havering.txt", "procurement") == 8);
  CHECK(count_of(rows, c, "welwyn-hatfield.txt", "procurement") == 3);
  CHECK(count_of(rows, c, "halton.txt", "consultancy") == 3);
  // Rows: count > 0, ordered by document then dictionary order.
  const auto codes = dict.codes();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].count > 0);
    CHECK_FALSE(rows[i].label.has_value());
    if (i > 0 && rows[i].document == rows[i - 1].document) {
      CHECK(std::find(codes.begin(), codes.end(), rows[i - 1].code) < std::find(codes.begin(), codes.end(), rows[i].code));
    }
  }
  // Per theme: agency staff is a waste topic, but Havering also asks government about agency pay.
  const auto themed = plansim::segment_themes(c);
  const auto by_theme = plansim::count_strategies(c, dict, themed);
  std::vector<std::string> agency;
  std::size_t total = 0;
  for (const auto& r : by_theme) {
    REQUIRE(r.label.has_value());
    total += r.count;
    if (r.code == "agency_staff")
      agency.push_back(c[r.document].name + " " + std::string(plansim::theme_name(*r.label)) + " " +
                       std::to_string(r.count));
  }
  CHECK(agency == std::vector<std::string>{"halton.txt waste 3", "havering.txt waste 5", "havering.txt barriers 2",
                                           "leicester.txt transformation 1", "leicester.txt waste 1",
                                           "leicester.txt barriers 1", "waltham-forest.txt waste 5",
                                           "welwyn-hatfield.txt waste 1"});
  std::size_t whole = 0;
  for (const auto& r : rows) whole += r.count;
  CHECK(total == whole);
  CHECK(plansim::find_strategies(c, dict).size() == whole);
}

TEST_CASE("keyword_in_context shows each match with its neighbourhood", "[plans]") {
  const plansim::corpus c = plansim::from_strings(
      {"We bought \xC2\xA3" "5m of Shared\nServices from a partner.", "No match here.", "shared services"},
      {"a", "b", "c"});
  const auto lines = plansim::keyword_in_context(c, "shared service*", 10);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].document == 0);
  CHECK(lines[0].begin == 18);
  CHECK(lines[0].end == 33);
  CHECK(lines[0].left == "ht \xC2\xA3" "5m of ");  // ten code points, "£" is one
  CHECK(lines[0].match == "Shared Services");
  CHECK(lines[0].right == " from a pa");
  CHECK(lines[1].document == 2);
  CHECK(lines[1].left.empty());
  CHECK(lines[1].right.empty());
  CHECK(plansim::keyword_in_context(c, "partner*", 0).front().left.empty());
  CHECK(plansim::keyword_in_context(c, "nothing").empty());
  CHECK(message_of([&] { (void)plansim::keyword_in_context(c, "  "); }) ==
        "[plansim.plans.10] keyword_in_context: pattern \"  \" has no words (give words separated by spaces, each "
        "optionally ending with * (at least two letters before it))");

  const plansim::corpus plans = sample_plans();
  const auto shared = plansim::keyword_in_context(plans, "shared service*", 30);
  REQUIRE(shared.size() == 1);
  CHECK(plans[shared[0].document].name == "havering.txt");
  CHECK(shared[0].left == " are currently remaining as a ");
}
