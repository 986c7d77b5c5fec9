#pragma once
/// @file
/// Which of the government's four productivity-plan themes each paragraph of a plan answers.
///
/// In 2024 every English council published a productivity plan answering four themes set by the
/// Minister for Local Government: (1) how it transformed the way it designs and delivers
/// services, (2) how it uses technology and data, (3) how it cuts wasteful spend and (4) which
/// barriers government could remove. Comparing councils theme by theme needs each plan cut into
/// those four parts, plus "other" (introduction, foreword, summary, annexes), whatever the
/// layout: markdown headings, numbered headings, the government's question quoted back as a
/// heading, headings in table cells, or no headings at all.
///
/// segment_themes labels every paragraph (split_paragraphs of corpus/passages.hpp) in two ways.
///
/// **Headings.** A paragraph is a heading candidate when it is one line of at most
/// theme_options::heading_max_words words. It is a *strong* candidate when it is a markdown
/// heading ("## ..."), a line that is all bold ("**...**"), a table row with text in its first
/// cell only ("| **Theme 2** | |"), or a plain line that does not end with `.`, `;` or `,` (so
/// "Barriers to progress", "... remove them?" and "Barriers related to funding:" are strong); a
/// *weak* candidate is a plain line ending with `.` ("How we have transformed the way we design
/// and deliver services.") or a plain line of more than 12 words ending with `:` (a lead-in
/// such as "... would also help to reduce barriers to productivity:"). A plain line is no heading
/// when it ends with `;` or `,`, is a bulleted list item ("- ", "* ", "• "), holds two sentences
/// (". " then a capital), starts with a lower-case letter, or is followed by a paragraph that does
/// (a paragraph broken by a stray blank line). Trailing spaces and no-break spaces are ignored.
/// A candidate's words, case folded and Porter2-stemmed, score each theme by these cue stems:
///
///     transformation  transform 1, redesign 1, design 0.5, deliv/deliveri 0.5 ("design and deliver")
///     technology      technolog 1, data 1, digit 1 (digital), ai 1, autom 1, cyber 1, ict 1
///     waste           wast 1 (waste, wasteful), spend 0.5, effici 0.5, save/saving 0.5
///     barriers        barrier 1, obstacl 1, imped 1, remov 0.5
///     other           introduct, foreword, prefac, summari, conclus, background, annex,
///                     appendix, appendic, content, overview, glossari, 1 each
///
/// and "Theme n" or "Question n" with n in 1..4 adds 2 to theme n ("Area n" does not: plans
/// number areas of their own). A strong candidate whose best theme score is >= 1, unique and
/// above the "other" score opens a section of that theme; one whose "other" score is >= 1 and at
/// least the best theme score opens an "other" section; any other strong candidate is a
/// sub-heading ("Finance", "Use of O365", "Looking ahead") and keeps the current section. A weak
/// candidate opens a theme section only when that theme's score is >= 1.5, unique and above the
/// "other" score, so a short sentence of prose rarely does, and it
/// never opens an "other" section. A section runs to the next heading that opens one.
/// Paragraphs before the first heading are "other". Confidence: 1 for a strong heading that
/// opens a section, 0.8 for a weak one; 0.9 for paragraphs under a strong heading, 0.75 under a
/// weak one, 0.6 for paragraphs before any heading.
///
/// **Seed texts**, when no heading opens a theme section (or theme_options::use_headings is
/// false). Each paragraph and each of the five seed texts (theme_options::seeds, one per theme
/// including "other") is analysed with plansim's text_analyzer (english stop words, Porter2
/// stems) and weighted by tf-idf over those paragraphs and seeds together,
///
///     w(t, x) = count(t, x) · (ln((1 + n) / (1 + df(t))) + 1),   then L2-normalised,
///
/// (scikit-learn's smooth idf), so s(p, k) = cos(p, seed k). A paragraph's evidence for theme k is
/// e(p, k) = s(p, k) / max_j s(p, j), or 0 for every k when its margin
/// m(p) = (s₁ − s₂) / s₁ (best and second-best similarity) is below theme_options::min_evidence
/// or s₁ = 0. Labels then maximise Σ_p e(p, label(p)) − switch_penalty · (number of label
/// changes between consecutive paragraphs) exactly (Viterbi), so sections stay contiguous and
/// paragraphs without evidence join their neighbours; ties keep the earlier label, then the
/// lower theme number. A paragraph's confidence is 0.8 · m(p) when its label is its own best
/// theme and it gave evidence; otherwise (it took its neighbours' theme) 0.4 times the mean
/// margin of the paragraphs of its section that did (0 if none), so seed labels are never more
/// confident than 0.8.
///
/// Finally a paragraph whose confidence is below theme_options::min_confidence is reported as
/// theme::other (its confidence is kept).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/corpus/passages.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/text/analyzer.hpp"

namespace plansim {

/// The four themes of the 2024 productivity plans, and everything else.
enum class theme {
  other = 0,                   ///< introduction, foreword, summary, annexes
  service_transformation = 1,  ///< how the council transformed service design and delivery
  technology_and_data = 2,     ///< how it uses technology and data
  wasteful_spend = 3,          ///< how it reduces wasteful spend
  barriers = 4,                ///< barriers government could help reduce or remove
};

/// The number of values of `theme`.
inline constexpr std::size_t theme_count = 5;

/// "other", "transformation", "technology", "waste" or "barriers".
[[nodiscard]] constexpr std::string_view theme_name(theme t) noexcept {
  switch (t) {
    case theme::other: return "other";
    case theme::service_transformation: return "transformation";
    case theme::technology_and_data: return "technology";
    case theme::wasteful_spend: return "waste";
    case theme::barriers: return "barriers";
  }
  return "other";
}

/// A paragraph with the theme it answers.
struct themed_passage {
  passage span;       ///< from split_paragraphs
  theme label = theme::other;
  double confidence = 0.0;  ///< in [0, 1]
};

/// Built-in seed texts, indexed by theme (0 = other): the government's wording of each theme
/// and the vocabulary plans use to answer it.
[[nodiscard]] inline std::array<std::string, theme_count> default_theme_seeds() {
  return {
      // other
      "Introduction and background. Foreword by the leader and chief executive. This productivity "
      "plan sets out our vision, priorities and corporate plan for the borough and its residents, "
      "communities and businesses. Summary and conclusion. We welcome the opportunity and look "
      "forward to working with the new government. Annex, appendix, contents, next review, last "
      "updated.",
      // transformation
      "How we have transformed the way we design and deliver services to make better use of "
      "resources. Transformation programme, service redesign, target operating model, integrated "
      "teams with health and social care partners, early intervention and prevention, family "
      "hubs, reablement, commissioning, restructure, shared services, insourcing and outsourcing, "
      "resident engagement, user journeys, customer experience, culture change and innovation.",
      // technology
      "How we plan to take advantage of technology and make better use of data to improve "
      "decision making, service design and use of resources. Digital strategy, data strategy, "
      "cloud systems, legacy systems, artificial intelligence AI, automation, Microsoft 365, Power "
      "BI dashboards, predictive analytics, chatbot, self-service portals, online forms, channel "
      "shift, data sharing, cyber security, ICT platforms, software and apps.",
      // waste
      "Our plans to reduce wasteful spend within the organisation and systems. Savings, budget "
      "controls, spend controls, value for money, agency staff and consultancy costs, vacancy "
      "management, procurement and contracts, asset management, office accommodation, energy "
      "costs, debt and income collection, fraud, equality diversity and inclusion EDI spend, "
      "trade union facility time, medium-term financial strategy, efficiency, overspend.",
      // barriers
      "Barriers preventing progress that the government can help to reduce or remove. Funding "
      "settlements, one-year settlements, multi-year settlements, fair funding review, funding "
      "formula, ringfenced grants and bidding for funding pots, reporting burdens, new burdens, "
      "legislation and regulation, council tax referendum limits, social care reform, SEND, "
      "housing allowance, temporary accommodation, right to buy, government should reform.",
  };
}

/// Options of segment_themes.
struct theme_options {
  /// Seed texts, indexed by theme (0 = other), for paragraphs of plans without theme headings.
  std::array<std::string, theme_count> seeds = default_theme_seeds();
  /// Read headings first (true); false classifies every plan by the seed texts.
  bool use_headings = true;
  /// A heading candidate has at most this many words.
  std::size_t heading_max_words = 30;
  /// Seed mode: a paragraph whose margin is below this gives no evidence and takes its
  /// neighbours' theme. In [0, 1].
  double min_evidence = 0.1;
  /// Seed mode: the cost of changing theme between consecutive paragraphs. >= 0.
  double switch_penalty = 0.6;
  /// A paragraph whose confidence is below this is reported as theme::other. In [0, 1].
  double min_confidence = 0.0;
};

namespace plans_detail {

inline constexpr double strong_heading_confidence = 1.0;
inline constexpr double weak_heading_confidence = 0.8;
inline constexpr double under_strong_confidence = 0.9;
inline constexpr double under_weak_confidence = 0.75;
inline constexpr double before_heading_confidence = 0.6;

inline void check_theme_options(const theme_options& o, std::string_view caller) {
  const auto unit = [](double v) { return v >= 0.0 && v <= 1.0; };
  if (!unit(o.min_confidence))
    throw invalid_argument("plans", 1, caller,
                           "min_confidence = " + detail::format_number(o.min_confidence) + " is outside [0, 1]",
                           "give a confidence between 0 and 1, e.g. 0.2");
  if (!unit(o.min_evidence))
    throw invalid_argument("plans", 2, caller,
                           "min_evidence = " + detail::format_number(o.min_evidence) + " is outside [0, 1]",
                           "give a margin between 0 and 1, e.g. 0.1");
  if (!(o.switch_penalty >= 0.0) || !std::isfinite(o.switch_penalty))
    throw invalid_argument("plans", 3, caller,
                           "switch_penalty = " + detail::format_number(o.switch_penalty) + " is not a finite number >= 0",
                           "give 0 for no smoothing, or about 0.6");
  if (o.heading_max_words == 0)
    throw invalid_argument("plans", 4, caller, "heading_max_words is 0", "give at least 1, e.g. 30");
}

inline bool ascii_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

enum class heading_kind { none, weak, strong };

/// Heading-candidate strength of a paragraph (see the file comment). `raw` is the paragraph in
/// the unmasked text, `words` its word count, `next_lower` whether the next paragraph starts with
/// a lower-case ASCII letter (then a plain line is a paragraph broken in two, not a heading).
inline heading_kind heading_strength(std::string_view raw, std::size_t words, std::size_t max_words,
                                     bool next_lower) noexcept {
  raw = trim(raw);
  while (raw.size() >= 2 && raw.substr(raw.size() - 2) == "\xC2\xA0") raw = trim(raw.substr(0, raw.size() - 2));
  if (raw.empty() || words == 0 || words > max_words) return heading_kind::none;
  if (raw.find('\n') != std::string_view::npos) return heading_kind::none;
  if (raw.front() == '#') return heading_kind::strong;
  if (raw.front() == '|' || raw.find('\t') != std::string_view::npos) {
    // A table row: a heading only when its first cell holds all its text.
    std::string_view row = raw;
    if (row.front() == '|') row.remove_prefix(1);
    const std::size_t cut = row.find_first_of("|\t");
    if (cut == std::string_view::npos) return heading_kind::strong;
    if (trim(row.substr(0, cut)).empty()) return heading_kind::none;
    const std::string_view rest = row.substr(cut);
    return rest.find_first_not_of("|\t \r-:") == std::string_view::npos ? heading_kind::strong : heading_kind::none;
  }
  if (raw.size() >= 4 && raw.substr(0, 2) == "**" && raw.substr(raw.size() - 2) == "**") return heading_kind::strong;
  // A plain line.
  if (next_lower || (raw.front() >= 'a' && raw.front() <= 'z')) return heading_kind::none;
  if (raw.substr(0, 3) == "\xE2\x80\xA2") return heading_kind::none;  // •
  if ((raw.front() == '-' || raw.front() == '*' || raw.front() == '+') && raw.size() > 1 && ascii_space(raw[1]))
    return heading_kind::none;
  std::size_t number_end = 0;  // past "12. " opening a numbered heading
  while (number_end < raw.size() && raw[number_end] >= '0' && raw[number_end] <= '9') ++number_end;
  for (std::size_t i = number_end; i + 2 < raw.size(); ++i) {  // two sentences are prose
    if ((raw[i] == '.' || raw[i] == '?' || raw[i] == '!') && raw[i + 1] == ' ' && raw[i + 2] >= 'A' && raw[i + 2] <= 'Z')
      return heading_kind::none;
  }
  std::string_view t = raw;
  while (!t.empty() && (t.back() == '*' || t.back() == '_' || ascii_space(t.back()))) t.remove_suffix(1);
  if (t.empty()) return heading_kind::none;
  if (t.back() == ';' || t.back() == ',') return heading_kind::none;
  if (t.back() == ':' && words > 12) return heading_kind::weak;  // a lead-in sentence, "... include:"
  return t.back() == '.' ? heading_kind::weak : heading_kind::strong;
}

/// Cue scores of a heading's stems: [0] other, [1..4] themes.
inline std::array<double, theme_count> cue_scores(const std::vector<std::string>& stems, std::string_view raw) {
  struct cue {
    std::string_view stem;
    std::size_t theme;
    double weight;
  };
  static constexpr std::array<cue, 32> cues{{
      {"transform", 1, 1.0}, {"redesign", 1, 1.0}, {"design", 1, 0.5}, {"deliv", 1, 0.5},
      {"deliveri", 1, 0.5}, {"technolog", 2, 1.0}, {"data", 2, 1.0}, {"digit", 2, 1.0},
      {"ai", 2, 1.0}, {"autom", 2, 1.0}, {"cyber", 2, 1.0}, {"ict", 2, 1.0},
      {"wast", 3, 1.0}, {"spend", 3, 0.5}, {"effici", 3, 0.5}, {"save", 3, 0.5},
      {"barrier", 4, 1.0}, {"obstacl", 4, 1.0}, {"imped", 4, 1.0}, {"remov", 4, 0.5},
      {"introduct", 0, 1.0}, {"foreword", 0, 1.0}, {"prefac", 0, 1.0}, {"summari", 0, 1.0},
      {"conclus", 0, 1.0}, {"background", 0, 1.0}, {"annex", 0, 1.0}, {"appendix", 0, 1.0},
      {"appendic", 0, 1.0}, {"content", 0, 1.0}, {"overview", 0, 1.0}, {"glossari", 0, 1.0},
  }};
  std::array<double, theme_count> score{};
  for (const std::string& s : stems) {
    for (const cue& c : cues) {
      if (s == c.stem) score[c.theme] += c.weight;
    }
  }
  // "Theme 2", "Question 3": case-insensitive, then spaces, then one digit 1..4.
  static constexpr std::array<std::string_view, 2> labels{"theme", "question"};
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (const std::string_view label : labels) {
    for (std::size_t i = 0; i + label.size() < raw.size(); ++i) {
      if (i > 0 && letter(raw[i - 1])) continue;
      bool same = true;
      for (std::size_t k = 0; k < label.size() && same; ++k) same = lower(raw[i + k]) == label[k];
      if (!same) continue;
      std::size_t j = i + label.size();
      if (j >= raw.size() || raw[j] != ' ') continue;
      while (j < raw.size() && raw[j] == ' ') ++j;
      if (j < raw.size() && raw[j] >= '1' && raw[j] <= '4' &&
          (j + 1 == raw.size() || !(raw[j + 1] >= '0' && raw[j + 1] <= '9'))) {
        score[static_cast<std::size_t>(raw[j] - '0')] += 2.0;
      }
    }
  }
  return score;
}

/// The best of themes 1..4 and whether it is unique.
inline std::size_t best_theme(const std::array<double, theme_count>& score, bool& unique) noexcept {
  std::size_t best = 1;
  for (std::size_t k = 2; k < theme_count; ++k) {
    if (score[k] > score[best]) best = k;
  }
  unique = true;
  for (std::size_t k = 1; k < theme_count; ++k) {
    if (k != best && score[k] == score[best]) unique = false;
  }
  return best;
}

inline analyzer_options stemming_analyzer() {
  analyzer_options o = analyzer_options::english();
  o.stem = true;
  return o;
}

/// Labels by headings; returns false (and leaves `out` unspecified) when no heading opens a
/// section of one of the four themes.
inline bool label_by_headings(const document& d, const std::vector<passage>& paragraphs, const theme_options& o,
                              std::vector<themed_passage>& out) {
  const std::string_view structure = corpus_detail::structure_of(d);
  text_analyzer plain{analyzer_options{}};  // word counts: no stop words, no stems
  text_analyzer stems{[] {
    analyzer_options a;
    a.stem = true;
    return a;
  }()};
  out.clear();
  theme current = theme::other;
  double under = before_heading_confidence;
  bool any_theme = false;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const passage& p = paragraphs[i];
    const bool next_lower = i + 1 < paragraphs.size() && d.text[paragraphs[i + 1].begin] >= 'a' &&
                            d.text[paragraphs[i + 1].begin] <= 'z';
    const std::string_view words_text = std::string_view(d.text).substr(p.begin, p.end - p.begin);
    // The whole lines of the paragraph, with the markdown marks masking blanked.
    const std::size_t line_begin = structure.rfind('\n', p.begin) == std::string_view::npos
                                       ? 0
                                       : structure.rfind('\n', p.begin) + 1;
    const std::size_t line_end = std::min(structure.find('\n', p.end - 1), structure.size());
    const std::string_view raw = structure.substr(line_begin, line_end - line_begin);
    std::size_t words = 0;
    plain(words_text, [&](std::string_view) { ++words; });
    const heading_kind kind = heading_strength(raw, words, o.heading_max_words, next_lower);
    double confidence = under;
    if (kind != heading_kind::none) {
      const std::array<double, theme_count> score = cue_scores(stems.terms(words_text), raw);
      bool unique = false;
      const std::size_t best = best_theme(score, unique);
      if (kind == heading_kind::strong) {
        if (score[best] >= 1.0 && unique && score[best] > score[0]) {
          current = static_cast<theme>(best);
          under = under_strong_confidence;
          confidence = strong_heading_confidence;
          any_theme = true;
        } else if (score[0] >= 1.0 && score[0] >= score[best]) {
          current = theme::other;
          under = under_strong_confidence;
          confidence = strong_heading_confidence;
        }
      } else if (score[best] >= 1.5 && unique && score[best] > score[0]) {
        current = static_cast<theme>(best);
        under = under_weak_confidence;
        confidence = weak_heading_confidence;
        any_theme = true;
      }
    }
    out.push_back({p, current, confidence});
  }
  return any_theme;
}

/// Sparse L2-normalised tf-idf vectors (term id -> weight, sorted by id).
using sparse_vector = std::vector<std::pair<std::size_t, double>>;

inline double dot(const sparse_vector& a, const sparse_vector& b) noexcept {
  double s = 0.0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      s += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return s;
}

inline void label_by_seeds(const document& d, const std::vector<passage>& paragraphs, const theme_options& o,
                           std::vector<themed_passage>& out) {
  text_analyzer analyzer{stemming_analyzer()};
  std::map<std::string, std::size_t, std::less<>> ids;
  // Rows 0..4 are the seeds, then the paragraphs.
  std::vector<std::map<std::size_t, double>> counts;
  const auto add = [&](std::string_view text) {
    std::map<std::size_t, double> row;
    analyzer(text, [&](std::string_view term) {
      auto it = ids.find(term);
      if (it == ids.end()) it = ids.emplace(std::string(term), ids.size()).first;
      row[it->second] += 1.0;
    });
    counts.push_back(std::move(row));
  };
  for (std::size_t k = 0; k < theme_count; ++k) {
    add(o.seeds[k]);
    if (counts.back().empty())
      throw invalid_argument("plans", 5, "segment_themes",
                             "the seed text of theme \"" + std::string(theme_name(static_cast<theme>(k))) +
                                 "\" has no terms after stop words",
                             "give each seed some words that plans about that theme use");
  }
  for (const passage& p : paragraphs) add(std::string_view(d.text).substr(p.begin, p.end - p.begin));
  std::vector<double> df(ids.size(), 0.0);
  for (const auto& row : counts) {
    for (const auto& [term, count] : row) df[term] += 1.0;
  }
  const auto n = static_cast<double>(counts.size());
  std::vector<sparse_vector> rows;
  rows.reserve(counts.size());
  for (const auto& row : counts) {
    sparse_vector v;
    double norm = 0.0;
    for (const auto& [term, count] : row) {
      const double w = count * (std::log((1.0 + n) / (1.0 + df[term])) + 1.0);
      v.emplace_back(term, w);
      norm += w * w;
    }
    norm = std::sqrt(norm);
    for (auto& entry : v) entry.second = norm > 0.0 ? entry.second / norm : 0.0;
    rows.push_back(std::move(v));
  }
  const std::size_t m = paragraphs.size();
  std::vector<std::array<double, theme_count>> evidence(m);
  std::vector<std::size_t> own_best(m, 0);
  std::vector<double> margin(m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    std::array<double, theme_count> s{};
    for (std::size_t k = 0; k < theme_count; ++k) s[k] = dot(rows[theme_count + i], rows[k]);
    std::size_t best = 0;
    for (std::size_t k = 1; k < theme_count; ++k) {
      if (s[k] > s[best]) best = k;
    }
    double second = -1.0;
    for (std::size_t k = 0; k < theme_count; ++k) {
      if (k != best) second = std::max(second, s[k]);
    }
    own_best[i] = best;
    margin[i] = s[best] > 0.0 ? (s[best] - second) / s[best] : 0.0;
    evidence[i] = {};
    if (s[best] > 0.0 && margin[i] >= o.min_evidence) {
      for (std::size_t k = 0; k < theme_count; ++k) evidence[i][k] = s[k] / s[best];
    }
  }
  // Viterbi over the labels.
  std::vector<std::array<double, theme_count>> total(m);
  std::vector<std::array<std::size_t, theme_count>> from(m);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t k = 0; k < theme_count; ++k) {
      if (i == 0) {
        total[i][k] = evidence[i][k];
        from[i][k] = k;
        continue;
      }
      std::size_t arg = k;  // staying wins ties
      double best = total[i - 1][k];
      for (std::size_t j = 0; j < theme_count; ++j) {
        const double v = total[i - 1][j] - o.switch_penalty;
        if (v > best) {
          best = v;
          arg = j;
        }
      }
      total[i][k] = best + evidence[i][k];
      from[i][k] = arg;
    }
  }
  std::vector<std::size_t> label(m, 0);
  if (m > 0) {
    std::size_t k = 0;
    for (std::size_t j = 1; j < theme_count; ++j) {
      if (total[m - 1][j] > total[m - 1][k]) k = j;
    }
    for (std::size_t i = m; i-- > 0;) {
      label[i] = k;
      k = from[i][k];
    }
  }
  out.clear();
  for (std::size_t i = 0; i < m;) {
    std::size_t e = i;
    double sum = 0.0;
    std::size_t agreeing = 0;
    while (e < m && label[e] == label[i]) {
      if (own_best[e] == label[e] && evidence[e][label[e]] > 0.0) {
        sum += margin[e];
        ++agreeing;
      }
      ++e;
    }
    const double borrowed = agreeing > 0 ? 0.4 * sum / static_cast<double>(agreeing) : 0.0;
    for (std::size_t k = i; k < e; ++k) {
      const bool own = own_best[k] == label[k] && evidence[k][label[k]] > 0.0;
      out.push_back({paragraphs[k], static_cast<theme>(label[k]), own ? 0.8 * margin[k] : borrowed});
    }
    i = e;
  }
}

}  // namespace plans_detail

/// The paragraphs of `d` (split_paragraphs), each with its theme and a confidence in [0, 1]; see
/// the file comment for the rules.
/// @throws invalid_argument [plansim.plans.1] min_confidence outside [0, 1], [plansim.plans.2]
///         min_evidence outside [0, 1], [plansim.plans.3] a negative or non-finite
///         switch_penalty, [plansim.plans.4] heading_max_words = 0, [plansim.plans.5] a seed
///         text without terms (only checked when seeds are used)
[[nodiscard]] inline std::vector<themed_passage> segment_themes(const document& d, const theme_options& options = {}) {
  plans_detail::check_theme_options(options, "segment_themes");
  const std::vector<passage> paragraphs = split_paragraphs(d);
  std::vector<themed_passage> out;
  if (!options.use_headings || !plans_detail::label_by_headings(d, paragraphs, options, out)) {
    plans_detail::label_by_seeds(d, paragraphs, options, out);
  }
  for (themed_passage& t : out) {
    t.confidence = std::clamp(t.confidence, 0.0, 1.0);
    if (t.confidence < options.min_confidence) t.label = theme::other;
  }
  return out;
}

/// segment_themes of every document, in document order.
[[nodiscard]] inline std::vector<themed_passage> segment_themes(const corpus& c, const theme_options& options = {}) {
  plans_detail::check_theme_options(options, "segment_themes");
  std::vector<themed_passage> out;
  for (const document& d : c) {
    const std::vector<themed_passage> some = segment_themes(d, options);
    out.insert(out.end(), some.begin(), some.end());
  }
  return out;
}

/// The theme at byte `offset` of document `d`: that of the passage holding it, else of the last
/// passage of `d` before it (text between paragraphs belongs to the section it follows), else
/// theme::other. `themed` is segment_themes output (any documents, ordered by document, then
/// offset, as segment_themes returns it).
[[nodiscard]] inline theme theme_at(const std::vector<themed_passage>& themed, const document& d,
                                    std::size_t offset) noexcept {
  const auto first = std::lower_bound(themed.begin(), themed.end(), d.id, [](const themed_passage& t, std::size_t id) {
    return t.span.document < id;
  });
  // The first passage of d that starts after offset.
  const auto after = std::upper_bound(first, themed.end(), offset, [&](std::size_t off, const themed_passage& t) {
    return t.span.document != d.id || off < t.span.begin;
  });
  if (after == first) return theme::other;
  return std::prev(after)->label;
}

}  // namespace plansim
