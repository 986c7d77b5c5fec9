#include <plansim/corpus/readers.hpp>
#include <plansim/plans/money.hpp>
#include <plansim/plans/themes.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "catch.hpp"

namespace {

std::vector<plansim::money_mention> money_in(const std::string& text) {
  plansim::document d;
  d.text = text;
  return plansim::find_money(d);
}

// The one mention in `text`, checked to be alone.
plansim::money_mention only(const std::string& text) {
  const auto found = money_in(text);
  INFO("text: " << text);
  REQUIRE(found.size() == 1);
  return found.front();
}

double pounds(const std::string& text) { return only(text).pounds; }

plansim::corpus sample_plans() {
  plansim::folder_options options;
  options.markdown = plansim::markdown_mode::always;
  return plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, options);
}

}  // namespace

TEST_CASE("find_money reads every form of an amount of money", "[plans]") {
  CHECK(pounds("We saved £18 million.") == 18e6);
  CHECK(pounds("We will invest £749.2m over ten years.") == 749200000.0);
  CHECK(pounds("savings of around £600k, aimed at") == 600000.0);
  CHECK(pounds("£1.23m of overspend") == 1230000.0);
  CHECK(pounds("costs £2.49m per annum") == 2490000.0);
  CHECK(pounds("a grant of £1,234 only") == 1234.0);
  CHECK(pounds("a grant of £1,234,567.50 only") == 1234567.5);
  CHECK(pounds("£1.2bn of debt") == 1.2e9);
  CHECK(pounds("£1.2BN of debt") == 1.2e9);
  CHECK(pounds("£1.2 bn of debt") == 1.2e9);
  CHECK(pounds("£1.94 billion in income") == 1.94e9);
  CHECK(pounds("£3 thousand") == 3000.0);
  CHECK(pounds("£5million") == 5e6);
  CHECK(pounds("£5 millions") == 5e6);
  CHECK(pounds("£2mn") == 2e6);
  CHECK(pounds("£ 5m") == 5e6);
  CHECK(pounds("£5M") == 5e6);
  CHECK(pounds("18 million pounds") == 18e6);
  CHECK(pounds("500 pounds a head") == 500.0);
  CHECK(pounds("£45.6 per head") == 45.6);
  // A unit must end the word: "£5 more" is five pounds, "m" of "more" is no unit.
  CHECK(pounds("£5 more") == 5.0);
  CHECK(pounds("£5 m") == 5.0);
  const auto m = only("We have £749.2m.");
  CHECK(m.text == "£749.2m");
  CHECK(m.begin == 8);
  CHECK(m.end == 8 + 8);  // "£" is two bytes
  CHECK_FALSE(m.percentage);
  CHECK(std::isnan(m.percent));
  CHECK(m.pounds_high == m.pounds);
}

TEST_CASE("find_money reads percentages", "[plans]") {
  CHECK(only("up 17% on last year").percent == 17.0);
  CHECK(only("up 17 % on last year").percent == 17.0);
  CHECK(only("up 17 per cent on last year").percent == 17.0);
  CHECK(only("up 17.5 percent on last year").percent == 17.5);
  CHECK(only("up 17 Per Cent").percent == 17.0);
  const auto m = only("An increase of 13 per cent.");
  CHECK(m.percentage);
  CHECK(std::isnan(m.pounds));
  CHECK(m.text == "13 per cent");
  CHECK(m.percent_high == 13.0);
  // "percentage" and "percentile" are other words.
  CHECK(money_in("17 percentage points, the 90 percentile").empty());
}

TEST_CASE("find_money reports a range as one mention with both ends", "[plans]") {
  auto m = only("between £2m-£3m a year");
  CHECK(m.text == "£2m-£3m");
  CHECK(m.pounds == 2e6);
  CHECK(m.pounds_high == 3e6);
  CHECK(m.per_annum);
  m = only("£2m \xE2\x80\x93 £3m");
  CHECK(m.pounds == 2e6);
  CHECK(m.pounds_high == 3e6);
  m = only("£2m to £3m");
  CHECK(m.pounds_high == 3e6);
  m = only("from £2 to £3 million");  // the low end takes the high end's unit
  CHECK(m.text == "£2 to £3 million");
  CHECK(m.pounds == 2e6);
  CHECK(m.pounds_high == 3e6);
  m = only("£2-3m");
  CHECK(m.pounds == 2e6);
  CHECK(m.pounds_high == 3e6);
  m = only("£500k-£1.5m");
  CHECK(m.pounds == 5e5);
  CHECK(m.pounds_high == 1.5e6);
  m = only("in the region of 5-10% of our reserves");
  CHECK(m.text == "5-10%");
  CHECK(m.percent == 5.0);
  CHECK(m.percent_high == 10.0);
  m = only("5 to 10 per cent");
  CHECK(m.percent_high == 10.0);
  m = only("5%-10%");
  CHECK(m.percent == 5.0);
  CHECK(m.percent_high == 10.0);
  // Not ranges.
  CHECK(only("£5 to 10 staff").pounds_high == 5.0);
  CHECK(only("saving £2m to 2025").text == "£2m");
  CHECK(only("from 2020 to 17%").text == "17%");
  auto two = money_in("between £2m and £3m");
  REQUIRE(two.size() == 2);
  CHECK(two[1].pounds == 3e6);
  two = money_in("£2m to £3");  // the high end lacks the low end's unit: two amounts
  REQUIRE(two.size() == 2);
  CHECK(two[0].pounds_high == 2e6);
  two = money_in("£3m-£2m");  // a falling pair is two amounts
  REQUIRE(two.size() == 2);
}

TEST_CASE("find_money marks amounts per annum", "[plans]") {
  CHECK(only("£2.49m per annum").per_annum);
  CHECK(only("£50m per year.").per_annum);
  CHECK(only("£50m a year").per_annum);
  CHECK(only("£50m, annually").per_annum);
  CHECK(only("£50m each year").per_annum);
  CHECK(only("£50m p.a. for").per_annum);
  CHECK(only("£50m pa for").per_annum);
  CHECK(only("£50m/yr").per_annum);
  CHECK(only("£50m PER ANNUM").per_annum);
  CHECK(only("£50m per annum").end == 5);
  CHECK_FALSE(only("£45.6 per head").per_annum);
  CHECK_FALSE(only("£50m paid").per_annum);
  CHECK_FALSE(only("£50m a yearly").per_annum);
  CHECK_FALSE(only("£50m in a year").per_annum);
}

TEST_CASE("find_money: punctuation and neighbours around an amount", "[plans]") {
  CHECK(only("(£18m)").text == "£18m");
  CHECK(only("£18m.").text == "£18m");
  CHECK(only("£12,287, the").pounds == 12287.0);
  CHECK(only("£1,23").pounds == 1.0);  // "," needs three digits; "23" alone is no amount
  CHECK(only("\xE2\x80\x9C£5m\xE2\x80\x9D").pounds == 5e6);
  CHECK(only("cost:£5k;").pounds == 5000.0);
  CHECK(only("17%,").percent == 17.0);
  CHECK(only("(17%)").percent == 17.0);
  // No amount: bare numbers, numbers inside words, a lone pound sign.
  CHECK(money_in("In 2024 we had 300 staff and 5G in A4 paper.").empty());
  CHECK(money_in("£ alone, or £x").empty());
  CHECK(money_in("x17% and 5Gb%").empty());
  CHECK(money_in("").empty());
}

TEST_CASE("find_money gives each mention its sentence", "[plans]") {
  const std::string text = "Intro. We saved £18m and 10% of costs. Next year £2m more.\n\nNew paragraph £1k";
  const auto found = money_in(text);
  REQUIRE(found.size() == 4);
  CHECK(text.substr(found[0].sentence_begin, found[0].sentence_end - found[0].sentence_begin) ==
        "We saved £18m and 10% of costs.");
  CHECK(found[1].sentence_begin == found[0].sentence_begin);
  CHECK(text.substr(found[2].sentence_begin, found[2].sentence_end - found[2].sentence_begin) == "Next year £2m more.");
  CHECK(text.substr(found[3].sentence_begin, found[3].sentence_end - found[3].sentence_begin) == "New paragraph £1k");
  for (const auto& m : found) {
    CHECK(text.substr(m.begin, m.end - m.begin) == m.text);
    CHECK(m.sentence_begin <= m.begin);
    CHECK(m.end <= m.sentence_end);
  }
}

TEST_CASE("find_money on the sample plans", "[plans]") {
  const plansim::corpus c = sample_plans();
  const auto found = plansim::find_money(c);
  const auto count = [&](const std::string& name, bool percentage) {
    std::size_t n = 0;
    for (const auto& m : found) n += c[m.document].name == name && m.percentage == percentage;
    return n;
  };
  // Counted by hand with grep: every "£" of each plan is an amount (26 in all), and every
  // "%" / "per cent" / "percent" after a number a percentage ("5-10%" is one range).
  CHECK(count("halton.txt", false) == 2);
  CHECK(count("havering.txt", false) == 13);
  CHECK(count("leicester.txt", false) == 1);
  CHECK(count("waltham-forest.txt", false) == 2);
  CHECK(count("welwyn-hatfield.txt", false) == 8);
  CHECK(count("halton.txt", true) == 6);
  CHECK(count("havering.txt", true) == 7);
  CHECK(count("leicester.txt", true) == 1);
  CHECK(count("waltham-forest.txt", true) == 10);
  CHECK(count("welwyn-hatfield.txt", true) == 3);

  const auto find = [&](const std::string& name, const std::string& text) -> const plansim::money_mention& {
    for (const auto& m : found) {
      if (c[m.document].name == name && m.text == text) return m;
    }
    FAIL("no mention " << text << " in " << name);
    return found.front();
  };
  const plansim::document& wf = *c.find("waltham-forest.txt");
  const auto& invest = find("waltham-forest.txt", "£749.2m");
  CHECK(invest.pounds == 749200000.0);
  CHECK(wf.text.substr(invest.sentence_begin, invest.sentence_end - invest.sentence_begin) ==
        "Our Capital Investment Strategy sets out how we will invest £749.2m over the next ten years in Waltham "
        "Forest.");
  CHECK(find("waltham-forest.txt", "£18 million").pounds == 18e6);
  CHECK(find("waltham-forest.txt", "9.9%").percent == 9.9);
  CHECK(find("waltham-forest.txt", "30 percent").percent == 30.0);
  CHECK(find("welwyn-hatfield.txt", "£2.49m").per_annum);
  CHECK_FALSE(find("welwyn-hatfield.txt", "£600k").per_annum);
  CHECK(find("leicester.txt", "£150m").per_annum);  // "around £150m per year"
  CHECK(find("havering.txt", "£50m").per_annum);    // "currently estimated at £50m per year"
  CHECK_FALSE(find("havering.txt", "£45.6").per_annum);  // "per head"
  CHECK(find("havering.txt", "£1.94 billion").pounds == 1.94e9);
  CHECK(find("havering.txt", "£12,287").pounds == 12287.0);
  const auto& range = find("havering.txt", "5-10%");
  CHECK(range.percent == 5.0);
  CHECK(range.percent_high == 10.0);
  const auto& halton = find("halton.txt", "£6.5m");
  const plansim::document& h = *c.find("halton.txt");
  CHECK(h.text.substr(halton.sentence_begin, 40) == "Halton has been one of the worst affecte");

  // Each mention's theme from segment_themes.
  const auto themed = plansim::segment_themes(c);
  CHECK(plansim::theme_at(themed, wf, invest.begin) == plansim::theme::service_transformation);
  CHECK(plansim::theme_at(themed, wf, find("waltham-forest.txt", "£18 million").begin) ==
        plansim::theme::wasteful_spend);
  CHECK(plansim::theme_at(themed, *c.find("havering.txt"), range.begin) == plansim::theme::barriers);
  CHECK(plansim::theme_at(themed, h, halton.begin) == plansim::theme::wasteful_spend);
}
