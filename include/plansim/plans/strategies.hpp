#pragma once
/// @file
/// Strategies a plan names ("shared services", "invest to save", "agency staff"), found with a
/// dictionary of patterns, counted per plan and per theme, and shown in context (KWIC).
///
/// Counting what plans say they do needs the same words matched the same way in every plan, and
/// a list of patterns a researcher can read, argue about and change without recompiling: hence a
/// plain-text dictionary.
///
/// **Dictionary format** (UTF-8 text, LF or CRLF line ends), one pattern a line:
///
///     # comment: a line whose first non-blank character is '#'
///     code<TAB>pattern
///
/// Blank lines and comments are ignored. `code` (before the first tab, surrounding spaces trimmed;
/// a line starting with a tab has an empty code, an error) is made of ASCII letters, digits, '_',
/// '-' and '.'; `pattern` (after the tab, trimmed) is one or more words. A code may have many
/// lines; codes keep the order of their first line. Words are cut by plansim's word_tokenizer with
/// hyphens splitting words (so the pattern "self-service" is the two words "self service" and
/// matches both spellings), and compared after normalize_text's case folding, so matching ignores
/// case and ’ versus '. A word ending with `*` matches any word that starts with it ("outsourc*"
/// matches outsourced, outsourcing); it needs at least two characters before the `*`, and `*` may
/// appear nowhere else. A pattern of several words matches consecutive words of the text, whatever
/// punctuation or spacing lies between them. Within one code, matches never overlap: at each word
/// the longest matching pattern of the code wins (then the earliest line), and matching resumes
/// after it; matches of different codes may overlap.
///
/// The built-in dictionary (strategy_dictionary::productivity_plans) is the file
/// data/strategies/productivity-plans.dict, embedded; a test keeps the two identical.

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/error.hpp"
#include "plansim/plans/themes.hpp"
#include "plansim/text/normalize.hpp"
#include "plansim/text/tokenizer.hpp"

namespace plansim {

/// One line of a strategy dictionary.
struct strategy_pattern {
  std::string code;                 ///< the strategy it evidences
  std::string pattern;              ///< as written
  std::vector<std::string> words;   ///< case folded, without the '*'
  std::vector<bool> prefix;         ///< per word: true when it ended with '*'
  std::size_t line = 0;             ///< 1-based line in its source, 0 when built in code
};

namespace strategy_detail {

/// The words of a text for matching: hyphens split, single letters kept, money kept whole.
inline word_tokenizer matching_tokenizer() {
  word_tokenizer_options o;
  o.split_hyphens = true;
  o.min_length = 1;
  return word_tokenizer(o);
}

inline bool code_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Code points in valid UTF-8.
inline std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

/// Splits `pattern` into folded words. Returns an empty string on success, else the problem.
inline std::string compile_pattern(std::string_view pattern, std::vector<std::string>& words,
                                   std::vector<bool>& prefix) {
  const word_tokenizer tokenizer = matching_tokenizer();
  words.clear();
  prefix.clear();
  std::size_t start = 0;
  while (start < pattern.size()) {
    std::size_t stop = pattern.find_first_of(" \t", start);
    if (stop == std::string_view::npos) stop = pattern.size();
    std::string_view word = pattern.substr(start, stop - start);
    start = stop + 1;
    if (word.empty()) continue;
    const bool wildcard = word.back() == '*';
    if (wildcard) word.remove_suffix(1);
    if (word.find('*') != std::string_view::npos)
      return "pattern \"" + std::string(pattern) + "\" has a '*' inside a word";
    const std::size_t first = words.size();
    tokenizer(normalize_text(word), [&](std::string_view token) {
      words.emplace_back(token);
      prefix.push_back(false);
    });
    if (wildcard) {
      if (words.size() == first || utf8_length(words.back()) < 2)
        return "pattern \"" + std::string(pattern) + "\" has a '*' after fewer than two letters";
      prefix.back() = true;
    }
  }
  if (words.empty()) return "pattern \"" + std::string(pattern) + "\" has no words";
  return {};
}

}  // namespace strategy_detail

/// Codes and their patterns; see the file comment for the format.
struct strategy_dictionary {
  std::vector<strategy_pattern> patterns;  ///< in source order

  /// The distinct codes, in the order of their first pattern.
  [[nodiscard]] std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const strategy_pattern& p : patterns) {
      if (std::find(out.begin(), out.end(), p.code) == out.end()) out.push_back(p.code);
    }
    return out;
  }

  /// The built-in starter dictionary for the 2024 productivity plans (17 codes: shared services,
  /// AI and automation, agency staff, consultancy, insourcing, outsourcing, invest to save, asset
  /// disposal, digital channel shift, demand management, procurement, workforce and vacancy
  /// management, income generation, prevention, partnership, data and insight, cloud).
  [[nodiscard]] static strategy_dictionary productivity_plans();
};

/// The text of data/strategies/productivity-plans.dict.
inline constexpr std::string_view productivity_plans_dictionary_text =
    R"dict(# plansim starter dictionary: strategies English councils name in their 2024 productivity plans.
#
# Format (see include/plansim/plans/strategies.hpp): one pattern a line, code<TAB>pattern.
# A pattern is one or more words matched on word boundaries, ignoring case; a word ending
# with * matches any word starting with it; hyphens split words, so "self-service" and
# "self service" are the same pattern. Lines starting with # and blank lines are ignored.
# A code may have many patterns; its matches never overlap, the longest wins.

shared_services	shared service*
shared_services	shared arrangement*
shared_services	joint committee
ai_automation	artificial intelligence
ai_automation	ai
ai_automation	automat*
ai_automation	robotic process*
ai_automation	chatbot*
ai_automation	copilot
ai_automation	co-pilot
agency_staff	agency staff
agency_staff	agency worker*
agency_staff	agency spend*
agency_staff	agency cost*
agency_staff	agency use
agency_staff	agency expenditure
agency_staff	interim*
consultancy	consultan*
insourcing	insourc*
insourcing	in-house
outsourcing	outsourc*
invest_to_save	invest to save
invest_to_save	spend to save
asset_disposal	asset disposal*
asset_disposal	dispos* of
asset_disposal	capital receipt*
asset_disposal	sold assets
asset_disposal	asset rationalisation
asset_disposal	asset sale*
digital_channel_shift	channel shift*
digital_channel_shift	self-service
digital_channel_shift	online form*
digital_channel_shift	digital form*
digital_channel_shift	web-form*
digital_channel_shift	digital by default
demand_management	demand management
demand_management	manag* demand
demand_management	reduce demand
demand_management	reducing demand
demand_management	demand reduction
procurement	procur*
procurement	contract management
workforce_vacancy	vacanc*
workforce_vacancy	recruitment freeze
workforce_vacancy	recruitment panel*
workforce_vacancy	headcount
workforce_vacancy	workforce plan*
workforce_vacancy	overtime ban
income_generation	income generation
income_generation	generat* income
income_generation	commercialis*
income_generation	commercial income
income_generation	fees and charges
income_generation	traded service*
prevention	prevention
prevention	preventat*
prevention	preventive
prevention	early intervention
prevention	early help
partnership	partner*
partnership	collaborat*
partnership	joint work*
partnership	working closely with
partnership	integrated team*
data_insight	power bi
data_insight	dashboard*
data_insight	business intelligence
data_insight	predictive analytic*
data_insight	data warehouse*
data_insight	data lake*
cloud	cloud
)dict";

/// Parses dictionary text; `source` names it in errors (a file name, "<built-in>").
/// @throws data_error [plansim.plans.7] a line without a tab between code and pattern,
///         [plansim.plans.8] a code that is empty or has other characters than letters, digits,
///         '_', '-' and '.', [plansim.plans.9] a bad pattern (no words, a misplaced '*');
///         the caller in each message is "<source>:<line>"
[[nodiscard]] inline strategy_dictionary parse_strategy_dictionary(std::string_view text,
                                                                  std::string_view source = "<string>") {
  strategy_dictionary dict;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    const std::string_view line = text.substr(start, stop - start);
    start = stop + 1;
    ++line_number;
    const std::string_view content = strategy_detail::trim(line);
    if (content.empty() || content.front() == '#') continue;
    const std::string where = std::string(source) + ":" + std::to_string(line_number);
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw data_error("plans", 7, where, "no tab between code and pattern in \"" + std::string(content) + "\"",
                       "write code<TAB>pattern, e.g. \"shared_services\\tshared service*\"");
    const std::string_view code = strategy_detail::trim(line.substr(0, tab));
    if (code.empty() || !std::all_of(code.begin(), code.end(), strategy_detail::code_char))
      throw data_error("plans", 8, where, "code \"" + std::string(code) + "\" is empty or has characters other than letters, digits, '_', '-' and '.'",
                       "name the strategy with a word such as invest_to_save");
    strategy_pattern p;
    p.code = std::string(code);
    p.pattern = std::string(strategy_detail::trim(line.substr(tab + 1)));
    p.line = line_number;
    const std::string problem = strategy_detail::compile_pattern(p.pattern, p.words, p.prefix);
    if (!problem.empty())
      throw data_error("plans", 9, where, problem,
                       "give words separated by spaces, each optionally ending with * (at least two letters before it)");
    dict.patterns.push_back(std::move(p));
  }
  return dict;
}

inline strategy_dictionary strategy_dictionary::productivity_plans() {
  return parse_strategy_dictionary(productivity_plans_dictionary_text, "<built-in productivity-plans.dict>");
}

/// Reads a dictionary file.
/// @throws io_error [plansim.plans.6] when the file cannot be read; data_error as
///         parse_strategy_dictionary, naming the file and line
[[nodiscard]] inline strategy_dictionary read_strategy_dictionary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw io_error("plans", 6, path.generic_string(), "cannot open the strategy dictionary",
                   "check the path, or use strategy_dictionary::productivity_plans()");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_strategy_dictionary(content.str(), path.generic_string());
}

/// One match of a strategy pattern.
struct strategy_hit {
  std::size_t document = 0;  ///< the document's id
  std::string code;
  std::size_t begin = 0;     ///< bytes of the match in document::text
  std::size_t end = 0;
  std::size_t pattern = 0;   ///< index into strategy_dictionary::patterns
};

namespace strategy_detail {

/// A word of the text: its bytes in the text and, case folded, in a shared buffer.
struct token {
  std::size_t begin, end;                ///< in document::text
  std::size_t folded_begin, folded_end;  ///< in tokens::folded
};

struct tokens {
  std::vector<token> words;
  std::string folded;  ///< every word's folded form, back to back

  [[nodiscard]] std::string_view folded_of(std::size_t i) const noexcept {
    return std::string_view(folded).substr(words[i].folded_begin, words[i].folded_end - words[i].folded_begin);
  }
};

inline tokens tokens_of(std::string_view text) {
  tokens out;
  const word_tokenizer tokenizer = matching_tokenizer();
  std::string buffer;
  tokenizer(text, [&](std::string_view t) {
    normalize_text(t, buffer, normalize_options{});
    const auto b = static_cast<std::size_t>(t.data() - text.data());
    out.words.push_back({b, b + t.size(), out.folded.size(), out.folded.size() + buffer.size()});
    out.folded += buffer;
  });
  return out;
}

/// The number of tokens `p` matches at token `i`, or 0.
inline std::size_t match_at(const tokens& t, std::size_t i, const strategy_pattern& p) noexcept {
  if (i + p.words.size() > t.words.size()) return 0;
  for (std::size_t k = 0; k < p.words.size(); ++k) {
    const std::string_view word = t.folded_of(i + k);
    const std::string_view w = p.words[k];
    if (p.prefix[k] ? word.substr(0, w.size()) != w : word != w) return 0;
  }
  return p.words.size();
}

inline void find_in(const tokens& t, std::size_t doc, const strategy_dictionary& dict,
                    std::vector<strategy_hit>& out) {
  const std::vector<std::string> codes = dict.codes();
  std::vector<std::vector<std::size_t>> by_code(codes.size());
  for (std::size_t k = 0; k < dict.patterns.size(); ++k) {
    const auto at = std::find(codes.begin(), codes.end(), dict.patterns[k].code) - codes.begin();
    by_code[static_cast<std::size_t>(at)].push_back(k);
  }
  const std::size_t first = out.size();
  for (std::size_t c = 0; c < codes.size(); ++c) {
    for (std::size_t i = 0; i < t.words.size();) {
      std::size_t best = 0;
      std::size_t best_pattern = 0;
      for (const std::size_t k : by_code[c]) {
        const std::size_t n = match_at(t, i, dict.patterns[k]);
        if (n > best) {
          best = n;
          best_pattern = k;
        }
      }
      if (best == 0) {
        ++i;
        continue;
      }
      out.push_back({doc, codes[c], t.words[i].begin, t.words[i + best - 1].end, best_pattern});
      i += best;
    }
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const strategy_hit& a, const strategy_hit& b) { return a.begin < b.begin; });
}

}  // namespace strategy_detail

/// Every match of `dict` in `d`, ordered by offset, then by the code's order in `dict`.
[[nodiscard]] inline std::vector<strategy_hit> find_strategies(const document& d, const strategy_dictionary& dict) {
  std::vector<strategy_hit> out;
  strategy_detail::find_in(strategy_detail::tokens_of(d.text), d.id, dict, out);
  return out;
}

/// find_strategies of every document, in document order.
[[nodiscard]] inline std::vector<strategy_hit> find_strategies(const corpus& c, const strategy_dictionary& dict) {
  std::vector<strategy_hit> out;
  for (const document& d : c) strategy_detail::find_in(strategy_detail::tokens_of(d.text), d.id, dict, out);
  return out;
}

/// How often one strategy is named in one document, or in one theme of it.
struct strategy_count {
  std::size_t document = 0;
  std::optional<theme> label;  ///< the theme; none when counting over the whole document
  std::string code;
  std::size_t count = 0;
};

/// Counts of each code in each document: rows with count > 0, ordered by document, then by the
/// code's order in `dict`; `label` is empty.
[[nodiscard]] inline std::vector<strategy_count> count_strategies(const corpus& c, const strategy_dictionary& dict) {
  const std::vector<std::string> codes = dict.codes();
  std::vector<strategy_count> out;
  for (const document& d : c) {
    std::map<std::size_t, std::size_t> counts;  // code index -> count
    for (const strategy_hit& h : find_strategies(d, dict)) {
      ++counts[static_cast<std::size_t>(std::find(codes.begin(), codes.end(), h.code) - codes.begin())];
    }
    for (const auto& [code, n] : counts) out.push_back({d.id, std::nullopt, codes[code], n});
  }
  return out;
}

/// Counts of each code in each theme of each document, a hit taking the theme at its first byte
/// (theme_at): rows with count > 0, ordered by document, theme, then the code's order in `dict`.
/// `themed` is segment_themes of `c`.
[[nodiscard]] inline std::vector<strategy_count> count_strategies(const corpus& c, const strategy_dictionary& dict,
                                                                  const std::vector<themed_passage>& themed) {
  const std::vector<std::string> codes = dict.codes();
  std::vector<strategy_count> out;
  for (const document& d : c) {
    std::map<std::pair<int, std::size_t>, std::size_t> counts;  // (theme, code index) -> count
    for (const strategy_hit& h : find_strategies(d, dict)) {
      const auto code = static_cast<std::size_t>(std::find(codes.begin(), codes.end(), h.code) - codes.begin());
      ++counts[{static_cast<int>(theme_at(themed, d, h.begin)), code}];
    }
    for (const auto& [key, n] : counts) out.push_back({d.id, static_cast<theme>(key.first), codes[key.second], n});
  }
  return out;
}

/// A match with the text around it, for reading matches in context.
struct kwic_line {
  std::size_t document = 0;
  std::size_t begin = 0;  ///< bytes of the match in document::text
  std::size_t end = 0;
  std::string left;   ///< up to window_chars code points before the match
  std::string match;  ///< the matched text as written
  std::string right;  ///< up to window_chars code points after it
};

/// Every match of `pattern` (one dictionary pattern: words, each optionally ending with '*') in
/// the corpus, ordered by document and offset, with `window_chars` code points of context on
/// each side; line breaks and tabs in the context and match become spaces.
/// @throws invalid_argument [plansim.plans.10] for a bad pattern (no words, a misplaced '*')
[[nodiscard]] inline std::vector<kwic_line> keyword_in_context(const corpus& c, std::string_view pattern,
                                                               std::size_t window_chars = 60) {
  strategy_pattern p;
  p.pattern = std::string(pattern);
  const std::string problem = strategy_detail::compile_pattern(pattern, p.words, p.prefix);
  if (!problem.empty())
    throw invalid_argument("plans", 10, "keyword_in_context", problem,
                           "give words separated by spaces, each optionally ending with * (at least two letters before it)");
  const auto flat = [](std::string s) {
    for (char& ch : s) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    }
    return s;
  };
  std::vector<kwic_line> out;
  for (const document& d : c) {
    const std::string_view text = d.text;
    const strategy_detail::tokens words = strategy_detail::tokens_of(text);
    for (std::size_t i = 0; i < words.words.size();) {
      const std::size_t n = strategy_detail::match_at(words, i, p);
      if (n == 0) {
        ++i;
        continue;
      }
      const std::size_t b = words.words[i].begin;
      const std::size_t e = words.words[i + n - 1].end;
      std::size_t l = b;
      for (std::size_t k = 0; k < window_chars && l > 0; ++k) {
        --l;
        while (l > 0 && (static_cast<unsigned char>(text[l]) & 0xC0u) == 0x80u) --l;
      }
      std::size_t r = e;
      for (std::size_t k = 0; k < window_chars && r < text.size(); ++k) {
        ++r;
        while (r < text.size() && (static_cast<unsigned char>(text[r]) & 0xC0u) == 0x80u) ++r;
      }
      out.push_back({d.id, b, e, flat(std::string(text.substr(l, b - l))), flat(std::string(text.substr(b, e - b))),
                     flat(std::string(text.substr(e, r - e)))});
      i += n;
    }
  }
  return out;
}

}  // namespace plansim
