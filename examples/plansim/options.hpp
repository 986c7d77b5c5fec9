#pragma once
// The plansim program's options: what the command line says, checked, turned into the library's
// option structs. Every check names the option and says what to do; a bad option is a usage
// error (exit status 2), never a plansim::error (exit status 1, bad data or I/O).
#include <plansim/plansim.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace plansim_cli {

/// A bad command line: the message names the option and says what to do. Exit status 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void bad_option(std::string_view option, std::string_view value, std::string_view problem,
                                    std::string_view advice) {
  std::string message(option);
  if (!value.empty()) {
    message += " '";
    message.append(value);
    message += "'";
  }
  message += ": ";
  message.append(problem);
  message += " (";
  message.append(advice);
  message += ")";
  throw usage_error(message);
}

/// The command line as given, all text, before checking. Defaults are the program's defaults.
struct raw_options {
  std::string folder;
  std::string out;
  std::string unit = "document";
  std::string min_chars;              // paragraphs shorter than this are left out (bytes)
  std::string markdown = "always";
  std::string token_pattern = "words";
  std::string stop_words = "english";
  bool stem = false;
  std::string ngram_range = "1,1";
  std::string min_df = "1";
  std::string max_df = "1.0";
  std::string max_features;
  std::string preset = "sklearn";
  std::string weighting = "tfidf";
  bool sublinear_tf = false;
  std::string measure = "cosine";
  std::string space = "terms";
  std::string top_k;
  std::string threshold;
  std::string method;  // empty: the program's default
  std::string k = "auto";
  std::string k_range = "2..10";
  std::string seed = "0";
  std::string threads = "1";
  std::string metadata;
  std::string dictionary;  // strategy dictionary file; empty: the built-in productivity-plan one
  bool no_plans = false;
  bool quiet = false;
};

enum class unit_kind { document, paragraph, theme };
enum class weighting_kind { tfidf, bm25, tf, binary };

/// The checked options.
struct run_options {
  std::filesystem::path folder;
  std::filesystem::path out;
  unit_kind unit = unit_kind::document;
  std::size_t min_chars = 0;
  plansim::markdown_mode markdown = plansim::markdown_mode::always;
  plansim::analyzer_options analyzer;
  plansim::prune_options prune;
  weighting_kind weighting = weighting_kind::tfidf;
  plansim::tf_idf tf_idf = plansim::tf_idf::sklearn();
  plansim::measure measure = plansim::measure::cosine;
  /// --space lsa:D: documents are compared and clustered as D-dimensional LSA embeddings
  /// (reduce/lsa.hpp) instead of term vectors; 0 means the term space.
  std::size_t lsa_dimensions = 0;
  std::optional<std::size_t> top_k;
  std::optional<double> threshold;
  std::string method = "average";
  std::optional<std::size_t> k;  // empty: auto
  std::size_t k_min = 2, k_max = 10;
  std::uint64_t seed = 0;
  std::size_t threads = 1;
  std::filesystem::path metadata;
  bool plans = true;                            // the productivity-plan outputs (plans_files.hpp)
  plansim::strategy_dictionary dictionary;      // --dictionary, else the built-in one
  bool quiet = false;
  raw_options raw;  // as given, for run.json
};

inline std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  std::uint64_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

inline std::optional<double> parse_real(std::string_view text) {
  double value = 0;
  if (text.empty()) return std::nullopt;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

inline std::size_t positive(std::string_view option, std::string_view text, std::string_view advice) {
  const auto value = parse_unsigned(text);
  if (!value || *value == 0) bad_option(option, text, "not a whole number above 0", advice);
  return static_cast<std::size_t>(*value);
}

/// scikit-learn's rule for min_df/max_df: a whole number is a count of documents, a number with a
/// decimal point or exponent is a proportion in [0, 1].
inline plansim::df_bound parse_df(std::string_view option, std::string_view text) {
  const bool looks_real = text.find_first_of(".eE") != std::string_view::npos;
  if (!looks_real) {
    const auto count = parse_unsigned(text);
    if (!count) bad_option(option, text, "not a number", "give a count of documents such as 2, or a proportion such as 0.8");
    return plansim::df_bound::documents(static_cast<std::int64_t>(*count));
  }
  const auto share = parse_real(text);
  if (!share || *share < 0.0 || *share > 1.0)
    bad_option(option, text, "a proportion must lie in [0.0, 1.0]",
               "give a proportion such as 0.8, or a whole count of documents such as 2");
  return plansim::df_bound::share(*share);
}

inline std::pair<std::size_t, std::size_t> parse_pair(std::string_view option, std::string_view text,
                                                       std::string_view separator, std::string_view example) {
  const auto at = text.find(separator);
  const std::string advice = "write it as " + std::string(example);
  if (at == std::string_view::npos) bad_option(option, text, "expected two numbers", advice);
  const auto a = parse_unsigned(text.substr(0, at));
  const auto b = parse_unsigned(text.substr(at + separator.size()));
  if (!a || !b) bad_option(option, text, "expected two whole numbers", advice);
  if (*a > *b) bad_option(option, text, "the first number is above the second", advice);
  return {static_cast<std::size_t>(*a), static_cast<std::size_t>(*b)};
}

inline plansim::measure parse_measure(std::string_view text) {
  using plansim::measure;
  for (const measure m : {measure::cosine, measure::dot, measure::jaccard, measure::dice, measure::tanimoto,
                          measure::pearson, measure::euclidean, measure::hellinger, measure::jensen_shannon})
    if (plansim::measure_name(m) == text) return m;
  bad_option("--measure", text, "unknown measure",
             "choose cosine, dot, jaccard, dice, tanimoto, pearson, euclidean, hellinger or jensen_shannon");
}

/// Checks `raw` and builds the library's options. Every option is checked, whichever command
/// uses it, so a typo is reported even where the option has no effect.
inline run_options check_options(const raw_options& raw) {
  run_options o;
  o.raw = raw;
  o.folder = raw.folder;
  o.out = raw.out;
  o.quiet = raw.quiet;
  o.metadata = raw.metadata;

  if (raw.unit == "document") o.unit = unit_kind::document;
  else if (raw.unit == "paragraph") o.unit = unit_kind::paragraph;
  else if (raw.unit == "theme") o.unit = unit_kind::theme;
  else bad_option("--unit", raw.unit, "unknown unit", "choose document, paragraph or theme");
  o.min_chars = raw.min_chars.empty() ? (o.unit == unit_kind::paragraph ? 200 : 0)
                                      : [&] {
                                          const auto v = parse_unsigned(raw.min_chars);
                                          if (!v) bad_option("--min-chars", raw.min_chars, "not a whole number", "give a length in bytes such as 200");
                                          return static_cast<std::size_t>(*v);
                                        }();

  if (raw.markdown == "always") o.markdown = plansim::markdown_mode::always;
  else if (raw.markdown == "extension") o.markdown = plansim::markdown_mode::by_extension;
  else if (raw.markdown == "never") o.markdown = plansim::markdown_mode::never;
  else bad_option("--markdown", raw.markdown, "unknown mode", "choose always, extension (.md files only) or never");

  if (raw.token_pattern == "words") o.analyzer = plansim::analyzer_options{};
  else if (raw.token_pattern == "sklearn") o.analyzer = plansim::analyzer_options::sklearn();
  else bad_option("--token-pattern", raw.token_pattern, "unknown tokenizer", "choose words or sklearn");

  if (raw.stop_words == "english")
    o.analyzer.stop_words = std::make_shared<const plansim::stop_words>(plansim::stop_words::english());
  else if (raw.stop_words == "sklearn")
    o.analyzer.stop_words = std::make_shared<const plansim::stop_words>(plansim::stop_words::sklearn_english());
  else if (raw.stop_words == "none")
    o.analyzer.stop_words = nullptr;
  else if (std::error_code ec; std::filesystem::is_regular_file(raw.stop_words, ec))
    o.analyzer.stop_words = std::make_shared<const plansim::stop_words>(plansim::stop_words::from_file(raw.stop_words));
  else
    bad_option("--stop-words", raw.stop_words, "neither a list name nor a readable file",
               "choose english, sklearn or none, or give a file with one word per line");
  o.analyzer.stem = raw.stem;

  const auto [ngram_min, ngram_max] = parse_pair("--ngram-range", raw.ngram_range, ",", "MIN,MAX such as 1,2");
  if (ngram_min == 0) bad_option("--ngram-range", raw.ngram_range, "n-grams start at 1", "write it as 1,2 for unigrams and bigrams");
  if (ngram_max > 8) bad_option("--ngram-range", raw.ngram_range, "n-grams longer than 8 words are not supported", "use at most 8");
  o.analyzer.ngram_min = ngram_min;
  o.analyzer.ngram_max = ngram_max;

  o.prune.min_df = parse_df("--min-df", raw.min_df);
  o.prune.max_df = parse_df("--max-df", raw.max_df);
  if (!o.prune.min_df.proportion && o.prune.min_df.value < 1)
    bad_option("--min-df", raw.min_df, "a count of documents must be at least 1", "give 1 to keep every term, or a proportion such as 0.1");
  if (!raw.max_features.empty())
    o.prune.max_features = positive("--max-features", raw.max_features, "give how many of the most frequent terms to keep, such as 10000");

  if (raw.preset == "sklearn") o.tf_idf = plansim::tf_idf::sklearn();
  else if (raw.preset == "quanteda") o.tf_idf = plansim::tf_idf::quanteda();
  else if (raw.preset == "gensim") o.tf_idf = plansim::tf_idf::gensim();
  else bad_option("--preset", raw.preset, "unknown tf-idf preset", "choose sklearn, quanteda or gensim");

  if (raw.weighting == "tfidf") o.weighting = weighting_kind::tfidf;
  else if (raw.weighting == "bm25") o.weighting = weighting_kind::bm25;
  else if (raw.weighting == "tf") o.weighting = weighting_kind::tf;
  else if (raw.weighting == "binary") o.weighting = weighting_kind::binary;
  else bad_option("--weighting", raw.weighting, "unknown weighting", "choose tfidf, bm25, tf or binary");
  if (raw.sublinear_tf && o.weighting != weighting_kind::tfidf && o.weighting != weighting_kind::tf)
    bad_option("--sublinear-tf", "", "applies to --weighting tfidf or tf only", "drop it, or choose one of those weightings");
  if (raw.sublinear_tf) o.tf_idf.tf = plansim::tf_scheme::log;

  o.measure = parse_measure(raw.measure);
  if (raw.space != "terms") {
    if (!raw.space.starts_with("lsa:"))
      bad_option("--space", raw.space, "unknown space", "choose terms, or lsa:D for D latent dimensions such as lsa:100");
    o.lsa_dimensions = positive("--space", std::string_view(raw.space).substr(4), "give the number of LSA dimensions, such as lsa:100");
    // Embeddings have negative coordinates: only measures defined for any real vectors apply.
    if (o.measure != plansim::measure::cosine && o.measure != plansim::measure::dot &&
        o.measure != plansim::measure::euclidean && o.measure != plansim::measure::pearson)
      bad_option("--measure", raw.measure, "is not defined for LSA embeddings, whose coordinates can be negative",
                 "use cosine, dot, euclidean or pearson with --space " + raw.space);
  }
  if (!raw.top_k.empty()) o.top_k = positive("--top-k", raw.top_k, "give how many neighbours to keep per document, such as 10");
  if (!raw.threshold.empty()) {
    const auto t = parse_real(raw.threshold);
    const auto range = plansim::detail::valid_thresholds(o.measure);
    if (!t || *t < range.low || *t > range.high)
      bad_option("--threshold", raw.threshold, "outside the range of --measure " + std::string(plansim::measure_name(o.measure)),
                 "give a number from " + plansim::detail::format_number(range.low) + " to " +
                     plansim::detail::format_number(range.high));
    o.threshold = *t;
  }

  if (raw.method != "kmeans" && raw.method != "average" && raw.method != "complete" && raw.method != "single" &&
      raw.method != "ward")
    bad_option("--method", raw.method, "unknown clustering method", "choose kmeans, average, complete, single or ward");
  o.method = raw.method;
  if (raw.k != "auto") o.k = positive("--k", raw.k, "give a number of clusters such as 3, or auto");
  const auto [k_min, k_max] = parse_pair("--k-range", raw.k_range, "..", "MIN..MAX such as 2..10");
  if (k_min < 2) bad_option("--k-range", raw.k_range, "clusterings start at k = 2", "write it as 2..10");
  o.k_min = k_min;
  o.k_max = k_max;

  const auto seed = parse_unsigned(raw.seed);
  if (!seed) bad_option("--seed", raw.seed, "not a whole number", "give a seed such as 0 or 42");
  o.seed = *seed;
  const auto threads = parse_unsigned(raw.threads);
  if (!threads || *threads > 1024) bad_option("--threads", raw.threads, "not a thread count", "give 1 to 1024, or 0 for one per core");
  o.threads = static_cast<std::size_t>(*threads);

  o.plans = !raw.no_plans;
  if (!raw.dictionary.empty()) {
    if (raw.no_plans)
      bad_option("--dictionary", raw.dictionary, "has no effect with --no-plans", "drop one of the two");
    if (std::error_code ec; !std::filesystem::is_regular_file(raw.dictionary, ec))
      bad_option("--dictionary", raw.dictionary, "not a readable file",
                 "give a strategy dictionary file (one code<TAB>pattern a line), or leave it out for the built-in one");
    o.dictionary = plansim::read_strategy_dictionary(raw.dictionary);  // a malformed line: data_error, exit 1
    if (o.dictionary.patterns.empty())
      bad_option("--dictionary", raw.dictionary, "holds no patterns", "write one code<TAB>pattern a line, such as \"ai_automation\tchatbot*\"");
  } else if (o.plans) {
    o.dictionary = plansim::strategy_dictionary::productivity_plans();
  }
  return o;
}

}  // namespace plansim_cli
