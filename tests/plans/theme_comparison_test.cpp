#include <plansim/corpus/markdown.hpp>
#include <plansim/corpus/readers.hpp>
#include <plansim/plans/theme_comparison.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
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

// Documents read as markdown, as read_folder does with markdown_mode::always.
plansim::corpus markdown_corpus(const std::vector<std::pair<std::string, std::string>>& named) {
  std::vector<plansim::document> docs;
  for (const auto& [name, raw] : named) {
    plansim::document d;
    d.name = name;
    d.text = plansim::mask_markdown(raw);
    d.from_markdown = true;
    d.unmasked_text = raw;
    docs.push_back(std::move(d));
  }
  return plansim::corpus(std::move(docs));
}

// Section bodies: on each theme two groups of plans write about different things.
const std::string care =
    "Our reablement service keeps residents living independently at home after hospital discharge. Adult "
    "social care teams work with the NHS on integrated care, home care packages, occupational therapy and "
    "carers support across neighbourhoods.";
const std::string leisure =
    "Libraries, leisure centres and parks were brought together into one community hub model. Refuse "
    "collection rounds were redesigned, street cleansing routes optimised and grounds maintenance insourced "
    "to local teams.";
const std::string cloud =
    "We migrated servers from the old data centre to the cloud, retired legacy finance systems, replaced "
    "laptops, upgraded network infrastructure, firewalls and storage, and consolidated software licences "
    "across departments.";
const std::string chatbot =
    "A chatbot and artificial intelligence assistant now answer customer contact enquiries online, with "
    "automated forms, speech recognition in the contact centre, predictive analytics dashboards and machine "
    "learning triage of emails.";
const std::string agency =
    "Agency staff and interim consultants were cut by a vacancy panel, overtime controls, apprenticeships, "
    "permanent recruitment campaigns and a workforce plan reducing reliance on temporary contractors across "
    "services.";
const std::string energy =
    "Energy costs fell after LED street lighting, solar panels on depots, heat pumps in offices, building "
    "rationalisation, disposal of surplus property and renegotiated utility contracts for council buildings.";
const std::string funding =
    "Short one-year funding settlements, competitive bidding for grants, ringfenced pots and a delayed fair "
    "funding review make long-term planning impossible; multi-year settlements would let councils invest "
    "confidently.";
const std::string housing =
    "Planning legislation, housing regulation, temporary accommodation costs, local housing allowance freezes "
    "and right to buy receipts rules stop us building homes; reform of these national rules would help.";

std::string plan(const std::string& council, const std::string& t1, const std::string& t2, const std::string& t3,
                 const std::string& t4) {
  return "# Introduction\n\nThis is the productivity plan of " + council +
         " Council for 2024, agreed by cabinet and shared with residents and partners.\n\n"
         "# Theme 1: Transformation of services\n\n" + t1 +
         "\n\n# Theme 2: Technology and data\n\n" + t2 +
         "\n\n# Theme 3: Wasteful spend\n\n" + t3 +
         "\n\n# Theme 4: Barriers\n\n" + t4 + "\n";
}

// A and B alike on transformation and waste, A and C alike on technology; D says almost nothing
// on barriers.
plansim::corpus four_plans() {
  return markdown_corpus({
      {"a.md", plan("Ashford", care, cloud, agency, funding)},
      {"b.md", plan("Bexley", care, chatbot, agency, funding)},
      {"c.md", plan("Croydon", leisure, cloud, energy, housing)},
      {"d.md", plan("Dudley", leisure, chatbot, energy, "None at present.")},
  });
}

// Symmetric, in [0, 1], 1 on the diagonal of present documents and 0 in absent ones' rows.
void check_matrix(const plansim::theme_view& view, std::size_t n) {
  INFO("view " << view.name);
  REQUIRE(view.similarity.rows() == static_cast<Eigen::Index>(n));
  REQUIRE(view.similarity.cols() == static_cast<Eigen::Index>(n));
  REQUIRE(view.present.size() == n);
  REQUIRE(view.labels.size() == n);
  REQUIRE(view.words.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    CHECK(view.similarity(ii, ii) == (view.present[i] ? 1.0 : 0.0));
    CHECK((view.labels[i] == -1) == !view.present[i]);
    for (std::size_t j = 0; j < n; ++j) {
      const auto jj = static_cast<Eigen::Index>(j);
      CHECK(view.similarity(ii, jj) == view.similarity(jj, ii));
      CHECK(view.similarity(ii, jj) >= 0.0);
      CHECK(view.similarity(ii, jj) <= 1.0);
      if (!view.present[i] || !view.present[j]) CHECK(view.similarity(ii, jj) == 0.0);
    }
  }
  std::size_t present = 0;
  for (const bool p : view.present) present += p ? 1 : 0;
  CHECK(view.documents.size() == present);
  CHECK(view.tree.size() == (present < 2 ? 0 : present - 1));
}

// NaN-aware exact equality of two comparisons (for thread invariance).
void check_same(const plansim::theme_comparison& a, const plansim::theme_comparison& b) {
  REQUIRE(a.views.size() == b.views.size());
  for (std::size_t v = 0; v < a.views.size(); ++v) {
    CHECK(a.views[v].similarity == b.views[v].similarity);
    CHECK(a.views[v].labels == b.views[v].labels);
    CHECK(a.views[v].words == b.views[v].words);
    REQUIRE(a.views[v].tree.size() == b.views[v].tree.size());
    for (std::size_t r = 0; r < a.views[v].tree.size(); ++r) {
      CHECK(a.views[v].tree[r].a == b.views[v].tree[r].a);
      CHECK(a.views[v].tree[r].b == b.views[v].tree[r].b);
      CHECK(a.views[v].tree[r].height == b.views[v].tree[r].height);
    }
  }
  for (Eigen::Index i = 0; i < a.agreement.rows(); ++i)
    for (Eigen::Index j = 0; j < a.agreement.cols(); ++j) {
      const double x = a.agreement(i, j), y = b.agreement(i, j);
      CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
    }
}

}  // namespace

TEST_CASE("compare_by_theme: groupings that flip between themes", "[plans]") {
  const plansim::corpus c = four_plans();
  const plansim::theme_comparison r = plansim::compare_by_theme(c);
  REQUIRE(r.views.size() == 5);
  CHECK(r.views[0].label == theme::service_transformation);
  CHECK(r.views[1].label == theme::technology_and_data);
  CHECK(r.views[2].label == theme::wasteful_spend);
  CHECK(r.views[3].label == theme::barriers);
  CHECK_FALSE(r.views[4].label.has_value());
  CHECK(r.views[0].name == "transformation");
  CHECK(r.views[4].name == "combined");
  CHECK(&r.of(theme::technology_and_data) == &r.views[1]);
  CHECK_THROWS_AS(r.of(theme::other), std::out_of_range);
  for (const auto& view : r.views) check_matrix(view, 4);

  // Labels: canonical, so the cluster holding document 0 is 0 when sizes tie.
  CHECK(r.of(theme::service_transformation).labels == std::vector<int>{0, 0, 1, 1});
  CHECK(r.of(theme::technology_and_data).labels == std::vector<int>{0, 1, 0, 1});
  CHECK(r.of(theme::wasteful_spend).labels == std::vector<int>{0, 0, 1, 1});
  CHECK(r.of(theme::barriers).labels == std::vector<int>{0, 0, 1, -1});
  CHECK(r.views[plansim::theme_comparison::combined].labels == std::vector<int>{0, 0, 1, 1});

  // D's barriers section ("Theme 4 Barriers None at present") is below 20 words: left out.
  const auto& barriers = r.of(theme::barriers);
  CHECK(barriers.present == std::vector<bool>{true, true, true, false});
  CHECK(barriers.words[3] < 20);
  CHECK(barriers.words[0] >= 20);
  CHECK(barriers.documents == std::vector<std::size_t>{0, 1, 2});
  // The tree is over leaves 0..2 = documents 0, 1, 2: A and B (leaves 0, 1) join first.
  REQUIRE(barriers.tree.size() == 2);
  CHECK(barriers.tree[0].a == 0);
  CHECK(barriers.tree[0].b == 1);
  CHECK(barriers.tree[1].size == 3);

  // Alike pairs are far more alike than the others, on each theme.
  const auto& tech = r.of(theme::technology_and_data).similarity;
  CHECK(tech(0, 2) > 0.8);
  CHECK(tech(1, 3) > 0.8);
  CHECK(tech(0, 1) < 0.3);
  CHECK(tech(2, 3) < 0.3);
  const auto& transformation = r.of(theme::service_transformation).similarity;
  CHECK(transformation(0, 1) > 0.8);
  CHECK(transformation(0, 2) < 0.3);

  // Combined: the mean over the themes both documents are present on (D has no barriers).
  const auto& combined = r.views[plansim::theme_comparison::combined];
  CHECK(combined.present == std::vector<bool>{true, true, true, true});
  CHECK(combined.words[3] == r.views[0].words[3] + r.views[1].words[3] + r.views[2].words[3] + r.views[3].words[3]);
  for (Eigen::Index i = 0; i < 4; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) {
      if (i == j) continue;
      double sum = 0.0;
      int shared = 0;
      for (std::size_t t = 0; t < 4; ++t)
        if (r.views[t].present[static_cast<std::size_t>(i)] && r.views[t].present[static_cast<std::size_t>(j)]) {
          sum += r.views[t].similarity(i, j);
          ++shared;
        }
      CHECK(shared == (i == 3 || j == 3 ? 3 : 4));
      CHECK_THAT(combined.similarity(i, j), Catch::Matchers::WithinAbs(sum / shared, 1e-15));
    }

  // Agreement (ARI). Transformation {A,B}{C,D} against technology {A,C}{B,D}: the 2 x 2 table
  // of ones gives sum C(n_ij, 2) = 0, rows and columns 2 each, so
  // ARI = (0 - 2·2/6) / ((2 + 2)/2 - 2·2/6) = (-2/3) / (4/3) = -0.5. Barriers against
  // technology over A, B, C: {A,B}{C} against {A,C}{B}: (0 - 1·1/3) / (1 - 1/3) = -0.5.
  const Eigen::MatrixXd& ari = r.agreement;
  REQUIRE(ari.rows() == 5);
  REQUIRE(ari.cols() == 5);
  const double expected[5][5] = {{1, -0.5, 1, 1, 1},
                                 {-0.5, 1, -0.5, -0.5, -0.5},
                                 {1, -0.5, 1, 1, 1},
                                 {1, -0.5, 1, 1, 1},
                                 {1, -0.5, 1, 1, 1}};
  for (Eigen::Index a = 0; a < 5; ++a)
    for (Eigen::Index b = 0; b < 5; ++b) {
      INFO("views " << a << ", " << b);
      CHECK_THAT(ari(a, b), Catch::Matchers::WithinAbs(expected[a][b], 1e-12));
    }

  SECTION("min_words decides presence") {
    plansim::theme_comparison_options options;
    options.min_words = 1;
    const auto all = plansim::compare_by_theme(c, options);
    CHECK(all.of(theme::barriers).present == std::vector<bool>{true, true, true, true});
    CHECK(all.of(theme::barriers).labels[3] >= 0);
    for (const auto& view : all.views) check_matrix(view, 4);
    options.min_words = 1000;
    const auto none = plansim::compare_by_theme(c, options);
    for (const auto& view : none.views) {
      check_matrix(view, 4);
      CHECK(view.labels == std::vector<int>(4, -1));
    }
    for (Eigen::Index a = 0; a < 5; ++a)
      for (Eigen::Index b = 0; b < 5; ++b) CHECK(std::isnan(none.agreement(a, b)));
  }
  SECTION("k = 1 puts every present document in one cluster") {
    plansim::theme_comparison_options options;
    options.k = 1;
    const auto one = plansim::compare_by_theme(c, options);
    CHECK(one.of(theme::technology_and_data).labels == std::vector<int>{0, 0, 0, 0});
    CHECK(one.of(theme::barriers).labels == std::vector<int>{0, 0, 0, -1});
    for (Eigen::Index a = 0; a < 5; ++a)
      for (Eigen::Index b = 0; b < 5; ++b) CHECK(one.agreement(a, b) == 1.0);
  }
  SECTION("k above the present documents gives each its own cluster") {
    plansim::theme_comparison_options options;
    options.k = 10;
    const auto many = plansim::compare_by_theme(c, options);
    CHECK(many.of(theme::barriers).labels == std::vector<int>{0, 1, 2, -1});
  }
  SECTION("every linkage method finds the same groups") {
    for (const auto method : {plansim::linkage_method::single, plansim::linkage_method::complete,
                              plansim::linkage_method::weighted, plansim::linkage_method::ward}) {
      plansim::theme_comparison_options options;
      options.method = method;
      const auto other = plansim::compare_by_theme(c, options);
      for (std::size_t v = 0; v < 5; ++v) {
        CHECK(other.views[v].labels == r.views[v].labels);
        CHECK(other.views[v].similarity == r.views[v].similarity);
      }
    }
  }
  SECTION("passing segment_themes gives the same result") {
    check_same(plansim::compare_by_theme(c, plansim::segment_themes(c)), r);
  }
  SECTION("any thread count gives the same result") {
    plansim::theme_comparison_options options;
    options.threads = 3;
    check_same(plansim::compare_by_theme(c, options), r);
  }
}

TEST_CASE("compare_by_theme: tf-idf over one vocabulary of all theme texts, by hand", "[plans]") {
  // Theme texts chosen through passages: document 0 "apple banana" (theme 1) and "kiwi"
  // (theme 2), document 1 "apple cherry" and "kiwi lime", document 2 "apple" only, labelled
  // other, and "mango" on theme 1.
  const plansim::corpus c = plansim::from_strings(
      {"apple banana | kiwi", "apple cherry | kiwi lime", "apple | mango"});
  const std::vector<plansim::themed_passage> themed{
      {{0, 0, 0, 12}, theme::service_transformation, 1.0},
      {{0, 1, 15, 19}, theme::technology_and_data, 1.0},
      {{1, 0, 0, 12}, theme::service_transformation, 1.0},
      {{1, 1, 15, 24}, theme::technology_and_data, 1.0},
      {{2, 0, 0, 5}, theme::other, 1.0},
      {{2, 1, 8, 13}, theme::service_transformation, 1.0},
  };
  plansim::theme_comparison_options options;
  options.min_words = 1;
  const auto r = plansim::compare_by_theme(c, themed, options);
  for (const auto& view : r.views) check_matrix(view, 3);
  CHECK(r.of(theme::service_transformation).words == std::vector<std::size_t>{2, 2, 1});
  CHECK(r.of(theme::technology_and_data).words == std::vector<std::size_t>{1, 2, 0});
  CHECK(r.of(theme::wasteful_spend).words == std::vector<std::size_t>{0, 0, 0});
  CHECK(r.of(theme::technology_and_data).present == std::vector<bool>{true, true, false});
  CHECK(r.of(theme::wasteful_spend).present == std::vector<bool>{false, false, false});

  // n = 5 present theme texts; df: apple 2, kiwi 2, banana, cherry, lime, mango 1 each.
  // idf = ln((1 + 5)/(1 + df)) + 1: a = ln 2 + 1 for df 2, b = ln 3 + 1 for df 1.
  // (Separate vocabularies per theme would give other weights: n = 3 and 2.)
  const double a = std::log(2.0) + 1.0, b = std::log(3.0) + 1.0;
  const double s1 = a * a / (a * a + b * b);  // (a, b, 0) · (a, 0, b)
  const double s2 = a / std::sqrt(a * a + b * b);  // (a, 0) · (a, b)
  const auto& t1 = r.of(theme::service_transformation).similarity;
  const auto& t2 = r.of(theme::technology_and_data).similarity;
  CHECK_THAT(t1(0, 1), Catch::Matchers::WithinAbs(s1, 1e-12));
  CHECK(t1(0, 2) == 0.0);  // no term in common
  CHECK_THAT(t2(0, 1), Catch::Matchers::WithinAbs(s2, 1e-12));
  const auto& combined = r.views[plansim::theme_comparison::combined];
  CHECK_THAT(combined.similarity(0, 1), Catch::Matchers::WithinAbs((s1 + s2) / 2, 1e-12));
  CHECK(combined.similarity(0, 2) == 0.0);  // only theme 1 shared, similarity 0 there
  CHECK(combined.words == std::vector<std::size_t>{3, 4, 1});

  // k = 2: documents 0 and 1 (distance 1 - s1 < 1) join, document 2 is alone.
  CHECK(r.of(theme::service_transformation).labels == std::vector<int>{0, 0, 1});
  CHECK(r.of(theme::technology_and_data).labels == std::vector<int>{0, 1, -1});
  CHECK(r.of(theme::wasteful_spend).labels == std::vector<int>{-1, -1, -1});
  CHECK(r.of(theme::service_transformation).tree.size() == 2);
  CHECK_THAT(r.of(theme::service_transformation).tree[0].height, Catch::Matchers::WithinAbs(1.0 - s1, 1e-12));
  CHECK(r.of(theme::technology_and_data).documents == std::vector<std::size_t>{0, 1});
  CHECK_THAT(r.of(theme::technology_and_data).tree[0].height, Catch::Matchers::WithinAbs(1.0 - s2, 1e-12));
  // Transformation {0,1}{2} against technology {0}{1} over documents 0, 1: ARI 0; waste has
  // nobody, so its agreements are NaN.
  CHECK_THAT(r.agreement(0, 1), Catch::Matchers::WithinAbs(0.0, 1e-12));
  CHECK(r.agreement(0, 0) == 1.0);
  CHECK(std::isnan(r.agreement(2, 2)));
  CHECK(std::isnan(r.agreement(0, 2)));
  CHECK(std::isnan(r.agreement(3, 4)));

  SECTION("Ward clusters on the Euclidean distance of unit vectors") {
    options.method = plansim::linkage_method::ward;
    const auto w = plansim::compare_by_theme(c, themed, options);
    CHECK_THAT(w.of(theme::technology_and_data).tree[0].height,
               Catch::Matchers::WithinAbs(std::sqrt(2.0 * (1.0 - s2)), 1e-12));
  }
  SECTION("passage order does not matter") {
    const std::vector<plansim::themed_passage> reversed(themed.rbegin(), themed.rend());
    check_same(plansim::compare_by_theme(c, reversed, options), r);
  }
}

TEST_CASE("compare_by_theme: all-zero vectors and tied distances", "[plans]") {
  // quanteda's idf log10(n / df) is 0 for "apple", in all three theme texts: document 0's vector
  // is all zero, so its similarities are 0 (never NaN), and kiwi against lime is 0 as well.
  const plansim::corpus c = plansim::from_strings({"apple", "apple kiwi", "apple lime"});
  const std::vector<plansim::themed_passage> themed{{{0, 0, 0, 5}, theme::barriers, 1.0},
                                                    {{1, 0, 0, 10}, theme::barriers, 1.0},
                                                    {{2, 0, 0, 10}, theme::barriers, 1.0}};
  plansim::theme_comparison_options options;
  options.min_words = 1;
  options.scheme = plansim::tf_idf::quanteda();
  const auto r = plansim::compare_by_theme(c, themed, options);
  for (const auto& view : r.views) check_matrix(view, 3);
  const auto& barriers = r.of(theme::barriers);
  CHECK(barriers.similarity == Eigen::MatrixXd::Identity(3, 3));
  // Every distance is 1: a cut into 2 would split a tie arbitrarily, so all stay together.
  CHECK(barriers.labels == std::vector<int>{0, 0, 0});
  CHECK(r.views[plansim::theme_comparison::combined].labels == std::vector<int>{0, 0, 0});
  CHECK(r.agreement(3, 4) == 1.0);
}

TEST_CASE("compare_by_theme: errors", "[plans]") {
  using plansim_test::message_of;
  const plansim::corpus c = four_plans();
  CHECK(message_of([] { (void)plansim::compare_by_theme(plansim::corpus(std::vector<plansim::document>{})); }) ==
        "[plansim.theme_comparison.1] compare_by_theme: the corpus is empty (read at least one document)");
  plansim::theme_comparison_options options;
  options.k = 0;
  CHECK(message_of([&] { (void)plansim::compare_by_theme(c, options); }) ==
        "[plansim.theme_comparison.2] compare_by_theme: k = 0 is below 1 (ask for at least 1 cluster, e.g. 2)");
  const std::vector<plansim::themed_passage> outside{{{7, 0, 0, 4}, theme::barriers, 1.0}};
  CHECK(message_of([&] { (void)plansim::compare_by_theme(c, outside); }) ==
        "[plansim.theme_comparison.3] compare_by_theme: themed passage 0 (document 7, bytes [0, 4)) lies outside "
        "the corpus (pass segment_themes of this corpus)");
  const std::vector<plansim::themed_passage> too_long{{{0, 0, 0, 4}, theme::barriers, 1.0},
                                                      {{1, 0, 5, 100000}, theme::barriers, 1.0}};
  CHECK(message_of([&] { (void)plansim::compare_by_theme(c, too_long); }) ==
        "[plansim.theme_comparison.3] compare_by_theme: themed passage 1 (document 1, bytes [5, 100000)) lies "
        "outside the corpus (pass segment_themes of this corpus)");
  const std::vector<plansim::themed_passage> no_theme{{{0, 0, 0, 4}, static_cast<theme>(9), 1.0}};
  CHECK(message_of([&] { (void)plansim::compare_by_theme(c, no_theme); }) ==
        "[plansim.theme_comparison.4] compare_by_theme: themed passage 0 has theme value 9, outside 0..4 (label "
        "passages with plansim::theme values)");
  plansim::theme_comparison_options bad_themes;
  bad_themes.themes.min_confidence = 1.5;
  CHECK(message_of([&] { (void)plansim::compare_by_theme(c, bad_themes); }).rfind(
            "[plansim.plans.1] segment_themes: min_confidence = 1.5 is outside [0, 1]", 0) == 0);
  CHECK_THROWS_AS(plansim::compare_by_theme(plansim::corpus(std::vector<plansim::document>{}), outside),
                  plansim::invalid_argument);
}

TEST_CASE("compare_by_theme: the five sample plans", "[plans]") {
  const plansim::corpus c = sample_plans();
  REQUIRE(c.size() == 5);
  const auto r = plansim::compare_by_theme(c);
  REQUIRE(r.views.size() == 5);
  for (const auto& view : r.views) {
    check_matrix(view, 5);
    INFO("view " << view.name);
    CHECK(view.present == std::vector<bool>(5, true));
    CHECK(view.tree.size() == 4);
    for (const int label : view.labels) {
      CHECK(label >= 0);
      CHECK(label < 2);
    }
  }
  for (Eigen::Index a = 0; a < 5; ++a) {
    CHECK(r.agreement(a, a) == 1.0);
    for (Eigen::Index b = 0; b < 5; ++b) {
      CHECK(r.agreement(a, b) == r.agreement(b, a));
      CHECK(r.agreement(a, b) <= 1.0);
      CHECK(r.agreement(a, b) >= -1.0);
    }
  }
  // Off-diagonal similarities are real comparisons: neither 0 nor 1.
  for (const auto& view : r.views)
    for (Eigen::Index i = 0; i < 5; ++i)
      for (Eigen::Index j = i + 1; j < 5; ++j) {
        CHECK(view.similarity(i, j) > 0.0);
        CHECK(view.similarity(i, j) < 1.0);
      }

  plansim::theme_comparison_options options;
  options.threads = 4;
  check_same(plansim::compare_by_theme(c, options), r);
}
