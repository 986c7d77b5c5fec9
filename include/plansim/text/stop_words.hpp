#pragma once
/// @file
/// Stop word lists: a set of terms with a fast, allocation-free `contains`, the Snowball and
/// scikit-learn English lists, and lists read from files.
///
/// Sources and licences of the built-in lists:
/// - `stop_words::english()`: the Snowball English stop word list, 174 words,
///   https://snowballstem.org/algorithms/english/stop.txt (snowball-website repository,
///   algorithms/english/stop.txt). Copyright (c) 2001 Dr Martin Porter; BSD 3-clause licence,
///   https://snowballstem.org/license.html. Meant for use before the Porter2 stemmer
///   (text/porter2.hpp): it holds forms such as "i'm" and "isn't" and leaves out "will", "can",
///   "may", "must" and "might" for their noun senses.
/// - `stop_words::sklearn_english()`: scikit-learn's `ENGLISH_STOP_WORDS`, 318 words, from
///   sklearn/feature_extraction/_stop_words.py (scikit-learn 1.2.1; the list has not changed
///   since 0.x). BSD 3-clause licence, Copyright (c) 2007 the scikit-learn developers. It
///   comes from the Glasgow Information Retrieval Group's list and has known oddities
///   ("amoungst", "bill", "fire", "system"); see Nothman, Qin and Yurchak, "Stop Word Lists in
///   Free Open-source Software Packages", NLP-OSS 2018.
///
/// Errors: `[plansim.stopwords.1]` a file cannot be read (io_error); `.2` a line of a file is
/// not valid UTF-8, `.3` a line holds more than one word (data_error, naming the file and the
/// line); `.4` a word given to `from_list` is not valid UTF-8 (invalid_argument).

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <ranges>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/detail/term_table.hpp"
#include "plansim/error.hpp"
#include "plansim/text/detail/ngram_utf8.hpp"

namespace plansim {

namespace detail::stop_lists {

// clang-format off
// The Snowball list in the order of stop.txt.
inline constexpr std::array<std::string_view, 174> snowball_english{
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
    "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
    "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
    "have", "has", "had", "having", "do", "does", "did", "doing", "would", "should", "could",
    "ought", "i'm", "you're", "he's", "she's", "it's", "we're", "they're", "i've", "you've",
    "we've", "they've", "i'd", "you'd", "he'd", "she'd", "we'd", "they'd", "i'll", "you'll",
    "he'll", "she'll", "we'll", "they'll", "isn't", "aren't", "wasn't", "weren't", "hasn't",
    "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't", "shouldn't",
    "can't", "cannot", "couldn't", "mustn't", "let's", "that's", "who's", "what's", "here's",
    "there's", "when's", "where's", "why's", "how's", "a", "an", "the", "and", "but", "if", "or",
    "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against",
    "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
    "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here",
    "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most",
    "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very"};

// scikit-learn's ENGLISH_STOP_WORDS, sorted.
inline constexpr std::array<std::string_view, 318> sklearn_english{
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost",
    "alone", "along", "already", "also", "although", "always", "am", "among", "amongst", "amoungst",
    "amount", "an", "and", "another", "any", "anyhow", "anyone", "anything", "anyway", "anywhere",
    "are", "around", "as", "at", "back", "be", "became", "because", "become", "becomes", "becoming",
    "been", "before", "beforehand", "behind", "being", "below", "beside", "besides", "between",
    "beyond", "bill", "both", "bottom", "but", "by", "call", "can", "cannot", "cant", "co", "con",
    "could", "couldnt", "cry", "de", "describe", "detail", "do", "done", "down", "due", "during",
    "each", "eg", "eight", "either", "eleven", "else", "elsewhere", "empty", "enough", "etc",
    "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "fifteen",
    "fifty", "fill", "find", "fire", "first", "five", "for", "former", "formerly", "forty", "found",
    "four", "from", "front", "full", "further", "get", "give", "go", "had", "has", "hasnt", "have",
    "he", "hence", "her", "here", "hereafter", "hereby", "herein", "hereupon", "hers", "herself",
    "him", "himself", "his", "how", "however", "hundred", "i", "ie", "if", "in", "inc", "indeed",
    "interest", "into", "is", "it", "its", "itself", "keep", "last", "latter", "latterly", "least",
    "less", "ltd", "made", "many", "may", "me", "meanwhile", "might", "mill", "mine", "more",
    "moreover", "most", "mostly", "move", "much", "must", "my", "myself", "name", "namely",
    "neither", "never", "nevertheless", "next", "nine", "no", "nobody", "none", "noone", "nor",
    "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto",
    "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "part",
    "per", "perhaps", "please", "put", "rather", "re", "same", "see", "seem", "seemed", "seeming",
    "seems", "serious", "several", "she", "should", "show", "side", "since", "sincere", "six",
    "sixty", "so", "some", "somehow", "someone", "something", "sometime", "sometimes", "somewhere",
    "still", "such", "system", "take", "ten", "than", "that", "the", "their", "them", "themselves",
    "then", "thence", "there", "thereafter", "thereby", "therefore", "therein", "thereupon",
    "these", "they", "thick", "thin", "third", "this", "those", "though", "three", "through",
    "throughout", "thru", "thus", "to", "together", "too", "top", "toward", "towards", "twelve",
    "twenty", "two", "un", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well",
    "were", "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas",
    "whereby", "wherein", "whereupon", "wherever", "whether", "which", "while", "whither", "who",
    "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours", "yourself", "yourselves"};
// clang-format on

}  // namespace detail::stop_lists

/// A set of terms to leave out of a document's counts. Lookups take a `std::string_view` and
/// do not allocate: after a one-instruction check that some term has the token's length, one
/// probe of a small hash index decides (bisection cost eight string compares a token, a
/// quarter of the analysis time with stemming). The terms are also kept sorted by bytes.
///
/// Terms are compared byte for byte: no case folding or normalisation happens here, so apply
/// the same lower-casing to the list and to the tokens.
class stop_words {
 public:
  /// An empty set: `contains` is always false.
  stop_words() = default;

  /// The Snowball English stop word list (174 words; see the file comment).
  [[nodiscard]] static stop_words english() { return from_trusted(detail::stop_lists::snowball_english); }

  /// scikit-learn's `ENGLISH_STOP_WORDS` (318 words; see the file comment).
  [[nodiscard]] static stop_words sklearn_english() {
    return from_trusted(detail::stop_lists::sklearn_english);
  }

  /// Reads one word per line. Everything from `#` or `|` to the end of a line is a comment (so
  /// Snowball's own stop.txt files read as they are); spaces, tabs and a final carriage return
  /// around the word are dropped; blank lines are skipped; a UTF-8 byte order mark at the start
  /// is skipped. Duplicates are merged.
  /// @throws io_error `[plansim.stopwords.1]` when the file cannot be opened or read.
  /// @throws data_error `[plansim.stopwords.2]` for a line that is not valid UTF-8, and
  ///         `[plansim.stopwords.3]` for a line with two words; both name the file and line.
  [[nodiscard]] static stop_words from_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      throw io_error("stopwords", 1, name, "is a folder, not a file", "give the path of a word list");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw io_error("stopwords", 1, name, "cannot open file", "check the path and its permissions");
    }
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad()) {
      throw io_error("stopwords", 1, name, "reading failed", "check the file and the disk");
    }
    return parse(contents.str(), name);
  }

  /// The words of any range of things convertible to `std::string_view` (a vector of strings,
  /// an initializer list of literals, ...). Duplicates are merged.
  /// @throws invalid_argument `[plansim.stopwords.4]` for a word that is not valid UTF-8.
  template <std::ranges::input_range Range>
  requires std::convertible_to<std::ranges::range_reference_t<Range>, std::string_view>
  [[nodiscard]] static stop_words from_list(Range&& words) {
    stop_words result;
    std::size_t index = 0;
    for (auto&& item : words) {
      const std::string_view word = item;
      const std::size_t bad = detail::ngram_utf8::first_invalid(word);
      if (bad != word.size()) {
        throw invalid_argument(
            "stopwords", 4, "stop_words::from_list",
            "word " + std::to_string(index) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")",
            "decode the words to UTF-8 first");
      }
      result.words_.emplace_back(word);
      ++index;
    }
    result.finish();
    return result;
  }

  /// An initializer-list overload, so `stop_words::from_list({"a", "the"})` works.
  [[nodiscard]] static stop_words from_list(std::initializer_list<std::string_view> words) {
    return from_list(std::span<const std::string_view>(words.begin(), words.size()));
  }

  /// Is `term` in the set? Allocates nothing.
  [[nodiscard]] bool contains(std::string_view term) const noexcept {
    if ((length_mask_ & length_bit(term.size())) == 0) {
      return false;
    }
    return index_.find(term) != detail::term_table::npos;
  }

  /// The number of distinct words.
  [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }
  [[nodiscard]] bool empty() const noexcept { return words_.empty(); }

  /// The words, sorted by bytes, without duplicates.
  [[nodiscard]] const std::vector<std::string>& words() const noexcept { return words_; }

  /// Adds every word of `other` to this set (set union).
  stop_words& merge(const stop_words& other) {
    std::vector<std::string> both;
    both.reserve(words_.size() + other.words_.size());
    std::set_union(words_.begin(), words_.end(), other.words_.begin(), other.words_.end(),
                   std::back_inserter(both));
    words_ = std::move(both);
    finish();
    return *this;
  }

  /// The union of two sets: `stop_words::english() | stop_words::from_list({"council"})`.
  [[nodiscard]] friend stop_words operator|(stop_words a, const stop_words& b) {
    a.merge(b);
    return a;
  }

  /// Two sets are equal when they hold the same words.
  [[nodiscard]] friend bool operator==(const stop_words& a, const stop_words& b) noexcept {
    return a.words_ == b.words_;
  }

 private:
  // Bit min(length, 63): lets most tokens that are longer than every stop word skip the search.
  [[nodiscard]] static constexpr std::uint64_t length_bit(std::size_t length) noexcept {
    return std::uint64_t{1} << std::min<std::size_t>(length, 63);
  }

  template <std::size_t N>
  [[nodiscard]] static stop_words from_trusted(const std::array<std::string_view, N>& list) {
    stop_words result;
    result.words_.assign(list.begin(), list.end());
    result.finish();
    return result;
  }

  static stop_words parse(std::string_view text, const std::string& name) {
    stop_words result;
    if (text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
    }
    const auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
    std::size_t line_number = 0;
    while (!text.empty()) {
      ++line_number;
      const std::size_t end = std::min(text.find('\n'), text.size());
      std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));

      const std::size_t bad = detail::ngram_utf8::first_invalid(line);
      if (bad != line.size()) {
        throw data_error("stopwords", 2, name,
                         "line " + std::to_string(line_number) + " is not valid UTF-8 (byte " +
                             std::to_string(bad + 1) + " of the line)",
                         "save the file as UTF-8");
      }
      line = line.substr(0, std::min(line.find_first_of("#|"), line.size()));
      while (!line.empty() && is_blank(line.front())) {
        line.remove_prefix(1);
      }
      while (!line.empty() && is_blank(line.back())) {
        line.remove_suffix(1);
      }
      if (line.empty()) {
        continue;
      }
      if (std::ranges::any_of(line, is_blank)) {
        throw data_error("stopwords", 3, name,
                         "line " + std::to_string(line_number) + " holds more than one word: \"" +
                             std::string(line) + "\"",
                         "put one word on each line, or start a comment with # or |");
      }
      result.words_.emplace_back(line);
    }
    result.finish();
    return result;
  }

  // Sorts, removes duplicates, records the lengths present and indexes the words.
  void finish() {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
    length_mask_ = 0;
    index_ = {};
    for (const std::string& word : words_) {
      length_mask_ |= length_bit(word.size());
      index_.intern(word);
    }
  }

  std::vector<std::string> words_;
  std::uint64_t length_mask_ = 0;
  detail::term_table index_;  // the same words, for contains()
};

}  // namespace plansim
