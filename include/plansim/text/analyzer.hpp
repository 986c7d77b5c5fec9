#pragma once
/// @file
/// The analyzer: one text in, its terms out, composed from the text stages in a fixed order.
///
///     normalise (case, accents, ’ → ')  →  tokenize  →  drop stop words  →  stem  →  word n-grams
///
/// or, for character units, normalise → character n-grams (no tokenizer, no stop words), exactly
/// as scikit-learn's CountVectorizer builds its analyzer. `text_analyzer` satisfies the
/// `analyzer` concept of matrix/term_counts.hpp, so it plugs into count_terms directly; each
/// worker thread gets its own copy with its own buffers, and after the first few documents no
/// call allocates: terms are string_views into those buffers, valid during the callback.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/detail/term_table.hpp"
#include "plansim/error.hpp"
#include "plansim/text/ngrams.hpp"
#include "plansim/text/normalize.hpp"
#include "plansim/text/porter2.hpp"
#include "plansim/text/stop_words.hpp"
#include "plansim/text/tokenizer.hpp"

namespace plansim {

/// What a term is made of (scikit-learn's `analyzer='word'|'char'|'char_wb'`).
enum class analyzer_unit { word, character, character_word_bounded };

/// Which tokenizer cuts words.
enum class token_pattern {
  words,    ///< word_tokenizer: letters and digits of any script, apostrophes, hyphens, money
  sklearn,  ///< scikit-learn's default token_pattern (?u)\b\w\w+\b
};

struct analyzer_options {
  analyzer_unit unit = analyzer_unit::word;
  token_pattern tokens = token_pattern::words;
  word_tokenizer_options word{};
  normalize_options normalize{};
  /// Terms to drop after tokenizing, compared after normalisation (null: keep all).
  std::shared_ptr<const plansim::stop_words> stop_words;
  /// Porter2 (Snowball English) stemming of each word after stop-word removal.
  bool stem = false;
  /// Word n-grams (or character n-grams for character units) from ngram_min to ngram_max.
  std::size_t ngram_min = 1;
  std::size_t ngram_max = 1;

  /// scikit-learn's TfidfVectorizer() analyzer: Python's str.lower, no accent stripping,
  /// (?u)\b\w\w+\b, no stop words, unigrams. Gives scikit-learn's vocabulary on any UTF-8 text.
  static analyzer_options sklearn() {
    analyzer_options o;
    o.tokens = token_pattern::sklearn;
    o.normalize = {case_mapping::lower, accent_mapping::keep, false};
    return o;
  }

  /// plansim's defaults for policy documents: case folding, the word tokenizer keeping money and
  /// percentages whole, and the Snowball English stop words.
  static analyzer_options english() {
    analyzer_options o;
    o.stop_words = std::make_shared<const plansim::stop_words>(stop_words::english());
    return o;
  }
};

/// Turns texts into terms as `analyzer_options` says.
class text_analyzer {
 public:
  /// @throws invalid_argument `[plansim.analyzer.1]` for an empty or reversed n-gram range.
  explicit text_analyzer(analyzer_options options = {}) : options_(std::move(options)), words_(options_.word) {
    if (options_.ngram_min == 0 || options_.ngram_max < options_.ngram_min)
      throw invalid_argument("analyzer", 1, "text_analyzer",
                             "ngram range " + detail::format_number(options_.ngram_min) + ".." +
                                 detail::format_number(options_.ngram_max) + " is empty",
                             "give 1 <= ngram_min <= ngram_max, e.g. 1..2");
  }

  [[nodiscard]] const analyzer_options& options() const noexcept { return options_; }

  /// Whether every term this analyzer emits is followed by at least detail::term_padding
  /// readable bytes: true on the direct word path (no stemming, no n-grams), whose terms are
  /// views into its own normalised copy of the text, kept with that much room past its end, and
  /// they stay readable until the next call. Counting then hashes terms with whole-word loads
  /// and looks them up in batches.
  [[nodiscard]] bool pads_terms() const noexcept {
    return options_.unit == analyzer_unit::word && !options_.stem && options_.ngram_max == 1;
  }

  /// Calls `on_term(std::string_view)` for each term of `text` (valid UTF-8), in order.
  template <class F>
  void operator()(std::string_view text, F&& on_term) {
    normalize_text(text, normalized_, options_.normalize);
    normalized_.reserve(normalized_.size() + detail::term_padding);  // see pads_terms()
    switch (options_.unit) {
      case analyzer_unit::character:
        char_ngrams(normalized_, options_.ngram_min, options_.ngram_max, ngram_buffer_, on_term);
        return;
      case analyzer_unit::character_word_bounded:
        char_wb_ngrams(normalized_, options_.ngram_min, options_.ngram_max, ngram_buffer_, on_term);
        return;
      case analyzer_unit::word: break;
    }
    const bool direct = !options_.stem && options_.ngram_max == 1;
    if (direct) {  // the common case: each kept token is a term, nothing is stored
      tokenize([&](std::string_view token) {
        if (!is_stop_word(token)) on_term(token);
      });
      return;
    }
    // Unstemmed tokens are views into normalized_, stable for this call. Stems live in the memo's
    // buffer, which only grows during a call (it is reset between calls), so they are kept as
    // stem ids and viewed once the text is tokenized.
    tokens_.clear();
    if (options_.stem) {
      if (stem_memo_.size() >= stem_memo_limit) {
        stem_memo_ = {};
        stem_chars_.clear();
        stem_ends_.assign(1, 0);
      }
      stem_ids_.clear();
      tokenize([&](std::string_view token) {
        if (!is_stop_word(token)) stem_ids_.push_back(stem(token));
      });
      for (const std::uint32_t id : stem_ids_)
        tokens_.emplace_back(stem_chars_.data() + stem_ends_[id], stem_ends_[id + 1] - stem_ends_[id]);
    } else {
      tokenize([&](std::string_view token) {
        if (!is_stop_word(token)) tokens_.push_back(token);
      });
    }
    if (options_.ngram_max == 1) {
      for (const auto token : tokens_) on_term(token);
      return;
    }
    word_ngrams(std::span<const std::string_view>(tokens_), options_.ngram_min, options_.ngram_max, ngram_buffer_,
                on_term);
  }

  /// The terms of `text` as strings (convenient for tests and small inputs; allocates).
  std::vector<std::string> terms(std::string_view text) {
    std::vector<std::string> out;
    (*this)(text, [&](std::string_view term) { out.emplace_back(term); });
    return out;
  }

 private:
  template <class F>
  void tokenize(F&& on_token) const {
    if (options_.tokens == token_pattern::sklearn) sklearn_.operator()(normalized_, on_token);
    else words_(normalized_, on_token);
  }

  // Porter2 is a pure function of the token and a corpus repeats its words (Zipf's law), so
  // stems are memoised per analyzer copy: each distinct token is stemmed once. The memo is
  // dropped, between calls, once it holds stem_memo_limit tokens, which bounds its memory.
  static constexpr std::size_t stem_memo_limit = std::size_t{1} << 18;

  // The id of the stem of `token` in stem_chars_/stem_ends_.
  std::uint32_t stem(std::string_view token) {
    const std::uint32_t id = stem_memo_.intern(token);
    if (id + std::size_t{1} == stem_ends_.size()) {  // a new token
      stem_chars_.append(stemmer_.stem(token));
      stem_ends_.push_back(stem_chars_.size());
    }
    return id;
  }

  [[nodiscard]] bool is_stop_word(std::string_view token) const noexcept {
    return options_.stop_words && options_.stop_words->contains(token);
  }

  analyzer_options options_;
  sklearn_tokenizer sklearn_;
  word_tokenizer words_;
  porter2_stemmer stemmer_;
  detail::term_table stem_memo_;            // token -> id of its stem below
  std::string stem_chars_;                  // the stems, back to back
  std::vector<std::size_t> stem_ends_{0};   // stem `id` is [stem_ends_[id], stem_ends_[id + 1])
  std::string normalized_;
  std::vector<std::uint32_t> stem_ids_;
  std::vector<std::string_view> tokens_;
  std::string ngram_buffer_;
};

}  // namespace plansim
