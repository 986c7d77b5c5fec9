// plansim against scikit-learn's TfidfVectorizer: the same vocabulary (term for term, in order)
// and the same weights (within 1e-9) on a small corpus under twelve settings. The fixture and the
// script that made it are in tests/data/sklearn/.
#include <plansim/matrix/term_counts.hpp>
#include <plansim/text/analyzer.hpp>
#include <plansim/weighting.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "catch.hpp"

namespace {

struct sklearn_case {
  std::string name;
  std::vector<std::string> vocabulary;
  long rows = 0, cols = 0;
  std::vector<std::tuple<long, long, double>> entries;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char next = s[++i];
      out += next == 'n' ? '\n' : next;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct fixture {
  std::vector<std::string> corpus;
  std::map<std::string, sklearn_case> cases;
};

const fixture& load() {
  static const fixture f = [] {
    fixture out;
    std::ifstream in(std::string(PLANSIM_TEST_DATA_DIR) + "/sklearn/tfidf_fixture.txt");
    REQUIRE(in);
    std::string line;
    sklearn_case* current = nullptr;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream words(line);
      std::string keyword;
      words >> keyword;
      std::size_t n = 0;
      if (keyword == "corpus") {
        words >> n;
        for (std::size_t i = 0; i < n && std::getline(in, line); ++i) out.corpus.push_back(unescape(line));
      } else if (keyword == "case") {
        std::string name;
        words >> name;
        current = &out.cases[name];
        current->name = name;
      } else if (keyword == "vocabulary") {
        words >> n;
        for (std::size_t i = 0; i < n && std::getline(in, line); ++i) current->vocabulary.push_back(unescape(line));
      } else if (keyword == "matrix") {
        std::size_t nnz = 0;
        words >> current->rows >> current->cols >> nnz;
        for (std::size_t i = 0; i < nnz && std::getline(in, line); ++i) {
          std::istringstream entry(line);
          long r = 0, c = 0;
          double v = 0;
          entry >> r >> c >> v;
          current->entries.emplace_back(r, c, v);
        }
      }
    }
    return out;
  }();
  return f;
}

void check_against(const std::string& name, const plansim::analyzer_options& analyzer, const plansim::prune_options* prune,
                   const plansim::tf_idf& scheme, bool binary_counts = false) {
  const auto& f = load();
  const auto& expected = f.cases.at(name);
  INFO("case " << name);
  auto counts = plansim::count_terms(f.corpus, plansim::text_analyzer(analyzer));
  if (prune) counts = plansim::prune(counts, *prune);
  if (binary_counts)
    for (Eigen::Index k = 0; k < counts.counts.nonZeros(); ++k) counts.counts.valuePtr()[k] = 1;
  REQUIRE(counts.vocabulary.terms() == expected.vocabulary);
  const auto weights = plansim::weigh<double>(counts.counts, counts.stats, scheme);
  REQUIRE(weights.rows() == expected.rows);
  REQUIRE(weights.cols() == expected.cols);
  REQUIRE(weights.nonZeros() == static_cast<Eigen::Index>(expected.entries.size()));
  double worst = 0.0;
  for (const auto& [r, c, v] : expected.entries) worst = std::max(worst, std::abs(weights.coeff(r, c) - v));
  CHECK(worst < 1e-9);
}

}  // namespace

TEST_CASE("TfidfVectorizer() defaults: same vocabulary and weights as scikit-learn", "[weighting][sklearn]") {
  check_against("default", plansim::analyzer_options::sklearn(), nullptr, plansim::tf_idf::sklearn());
}

TEST_CASE("TfidfVectorizer options: sublinear_tf, smooth_idf, norm, binary, use_idf", "[weighting][sklearn]") {
  const auto analyzer = plansim::analyzer_options::sklearn();
  plansim::tf_idf scheme = plansim::tf_idf::sklearn();
  scheme.tf = plansim::tf_scheme::log;
  check_against("sublinear", analyzer, nullptr, scheme);

  scheme = plansim::tf_idf::sklearn();
  scheme.idf.kind = plansim::idf_kind::inverse;
  check_against("no_smooth", analyzer, nullptr, scheme);

  scheme = plansim::tf_idf::sklearn();
  scheme.normalization = plansim::norm::l1;
  check_against("l1", analyzer, nullptr, scheme);
  scheme.normalization = plansim::norm::none;
  check_against("no_norm", analyzer, nullptr, scheme);

  scheme = plansim::tf_idf::sklearn();
  scheme.tf = plansim::tf_scheme::binary;
  scheme.idf.kind = plansim::idf_kind::none;
  check_against("binary_no_idf", analyzer, nullptr, scheme);
}

TEST_CASE("TfidfVectorizer analyzers: bigrams and strip_accents", "[weighting][sklearn]") {
  auto analyzer = plansim::analyzer_options::sklearn();
  analyzer.ngram_max = 2;
  check_against("bigrams", analyzer, nullptr, plansim::tf_idf::sklearn());
  analyzer = plansim::analyzer_options::sklearn();
  analyzer.normalize.accents = plansim::accent_mapping::strip;
  check_against("accents", analyzer, nullptr, plansim::tf_idf::sklearn());
}

TEST_CASE("TfidfVectorizer pruning: min_df, max_df and max_features", "[weighting][sklearn]") {
  using plansim::df_bound;
  const auto analyzer = plansim::analyzer_options::sklearn();
  const plansim::prune_options counts_and_share{.min_df = df_bound::documents(2), .max_df = df_bound::share(0.5)};
  check_against("pruned", analyzer, &counts_and_share, plansim::tf_idf::sklearn());
  const plansim::prune_options share_and_count{.min_df = df_bound::share(0.2), .max_df = df_bound::documents(6)};
  check_against("pruned_share", analyzer, &share_and_count, plansim::tf_idf::sklearn());
  const plansim::prune_options top{.max_features = 6};
  check_against("max_features", analyzer, &top, plansim::tf_idf::sklearn());
  const plansim::prune_options top15{.max_features = 15};
  check_against("max_features_15", analyzer, &top15, plansim::tf_idf::sklearn());
}
