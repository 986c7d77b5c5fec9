#pragma once
// The productivity-plan outputs of `plansim analyze` (issue 7): what each plan says under each of
// the four themes, the passages plans share (template text left out), the strategies they name
// and the money they mention. These are per document whatever --unit says (a theme or a
// strategy belongs to a plan, not to a row of the similarity analysis), so they are written for
// every unit; --no-plans leaves them out.
//
//   passages.csv         document, passage, start, end, theme, confidence (segment_themes)
//   shared_passages.csv  group, words, documents, document, start, end, earliest, text
//                        (find_shared_passages with find_template_text's spans excluded)
//   strategies.csv       document, theme, code, count (count_strategies, per theme)
//   money.csv            document, start, end, text, pounds, pounds_high, percent, percent_high,
//                        percentage, per_annum, theme, sentence (find_money, theme_at)
//   template.csv         document, masked_share, masked_bytes, spans (find_template_text)
//
// Offsets are bytes of the document's text, which are the file's bytes (less 3 for a byte order
// mark); quoted texts are the original bytes, markdown unmasked.
#include <plansim/plans.hpp>
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "pipeline.hpp"

namespace plansim_cli {

/// What the productivity-plan step found in the corpus.
struct plans_view {
  std::vector<plansim::themed_passage> themed;
  plansim::template_report templates;
  std::vector<plansim::shared_passage> shared;
  std::vector<plansim::strategy_count> strategies;
  std::vector<plansim::money_mention> money;
  std::vector<std::string> codes;  // the dictionary's codes, in its order
};

/// The text to quote from: the original bytes (markdown unmasked), same offsets as d.text.
inline std::string_view original_text(const plansim::document& d) {
  return d.from_markdown && d.unmasked_text.size() == d.text.size() ? std::string_view(d.unmasked_text)
                                                                      : std::string_view(d.text);
}

inline plans_view find_plans(const plansim::corpus& c, const plansim::strategy_dictionary& dictionary, std::size_t threads) {
  plans_view p;
  p.themed = plansim::segment_themes(c);
  plansim::template_options template_options;
  template_options.threads = threads;
  p.templates = plansim::find_template_text(c, template_options);
  plansim::shared_options shared;
  shared.threads = threads;
  shared.exclude = &p.templates;
  p.shared = plansim::find_shared_passages(c, shared, "published");
  p.strategies = plansim::count_strategies(c, dictionary, p.themed);
  p.money = plansim::find_money(c);
  p.codes = dictionary.codes();
  return p;
}

inline void write_passages_csv(std::ostream& out, const plansim::corpus& c, const plans_view& p) {
  plansim::csv_writer csv(out);
  csv.row({"document", "passage", "start", "end", "theme", "confidence"});
  for (const auto& t : p.themed) {
    csv << c[t.span.document].name << t.span.index << t.span.begin << t.span.end << plansim::theme_name(t.label) << t.confidence;
    csv.end_row();
  }
}

inline void write_shared_passages_csv(std::ostream& out, const plansim::corpus& c, const plans_view& p) {
  plansim::csv_writer csv(out);
  csv.row({"group", "words", "documents", "document", "start", "end", "earliest", "text"});
  for (std::size_t g = 0; g < p.shared.size(); ++g) {
    const auto& s = p.shared[g];
    std::vector<std::size_t> documents;
    for (const auto& o : s.occurrences) documents.push_back(o.document);
    documents.erase(std::unique(documents.begin(), documents.end()), documents.end());  // occurrences are by document
    const std::string earliest = s.earliest < s.occurrences.size() ? c[s.occurrences[s.earliest].document].name : std::string();
    for (const auto& o : s.occurrences) {
      const plansim::document& d = c[o.document];
      csv << g << s.words << documents.size() << d.name << o.begin << o.end << earliest
          << original_text(d).substr(o.begin, o.end - o.begin);
      csv.end_row();
    }
  }
}

inline void write_strategies_csv(std::ostream& out, const plansim::corpus& c, const plans_view& p) {
  plansim::csv_writer csv(out);
  csv.row({"document", "theme", "code", "count"});
  for (const auto& s : p.strategies) {
    csv << c[s.document].name << (s.label ? plansim::theme_name(*s.label) : std::string_view("all")) << s.code << s.count;
    csv.end_row();
  }
}

inline void write_money_csv(std::ostream& out, const plansim::corpus& c, const plans_view& p) {
  plansim::csv_writer csv(out);
  csv.row({"document", "start", "end", "text", "pounds", "pounds_high", "percent", "percent_high", "percentage", "per_annum",
           "theme", "sentence"});
  for (const auto& m : p.money) {
    const plansim::document& d = c[m.document];
    csv << d.name << m.begin << m.end << original_text(d).substr(m.begin, m.end - m.begin) << m.pounds << m.pounds_high
        << m.percent << m.percent_high << (m.percentage ? "true" : "false") << (m.per_annum ? "true" : "false")
        << plansim::theme_name(plansim::theme_at(p.themed, d, m.begin))
        << original_text(d).substr(m.sentence_begin, m.sentence_end - m.sentence_begin);
    csv.end_row();
  }
}

inline void write_template_csv(std::ostream& out, const plansim::corpus& c, const plans_view& p) {
  std::vector<std::size_t> bytes(c.size(), 0), spans(c.size(), 0);
  for (const auto& s : p.templates.spans) {
    bytes[s.document] += s.end - s.begin;
    ++spans[s.document];
  }
  plansim::csv_writer csv(out);
  csv.row({"document", "masked_share", "masked_bytes", "spans"});
  for (const auto& d : c) {
    csv << d.name << (d.id < p.templates.masked_share.size() ? p.templates.masked_share[d.id] : 0.0) << bytes[d.id] << spans[d.id];
    csv.end_row();
  }
}

/// The five files above into the bundle.
inline void write_plans_files(plansim::run_bundle& bundle, const plansim::corpus& c, const plans_view& p) {
  bundle.write("passages.csv", [&](std::ostream& out) { write_passages_csv(out, c, p); });
  bundle.write("shared_passages.csv", [&](std::ostream& out) { write_shared_passages_csv(out, c, p); });
  bundle.write("strategies.csv", [&](std::ostream& out) { write_strategies_csv(out, c, p); });
  bundle.write("money.csv", [&](std::ostream& out) { write_money_csv(out, c, p); });
  bundle.write("template.csv", [&](std::ostream& out) { write_template_csv(out, c, p); });
}

namespace plans_html_detail {

inline std::string esc(std::string_view s) { return plansim::html_escape(s); }

inline std::string html_number(double x, int digits) {
  if (!std::isfinite(x)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

inline constexpr std::array<const char*, plansim::theme_count> theme_colours = {"#9aa0a6", "#0072B2", "#009E73", "#E69F00",
                                                                                "#CC79A7"};

/// A plan's label in the report: the metadata's council name when there is one, else the file name.
inline std::string council(const plansim::corpus& c, std::size_t id) {
  const auto& columns = c.metadata_columns();
  if (std::find(columns.begin(), columns.end(), "council") != columns.end()) {
    std::string name(c.metadata(id, "council"));
    if (!name.empty()) return name;
  }
  return c[id].name;
}

/// Whole pounds with thousands separators: 1940000000 -> "1,940,000,000".
inline std::string pounds(double x) {
  if (!std::isfinite(x)) return "–";
  std::string digits = html_number(x, 0), out;
  const std::size_t sign = !digits.empty() && digits.front() == '-' ? 1 : 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > sign && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

inline std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a UTF-8 boundary
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace plans_html_detail

/// The report's productivity-plan sections: themes, shared passages, strategies and money.
/// Every text from the documents is escaped.
inline std::string plans_html(const plansim::corpus& c, const plans_view& p) {
  using namespace plans_html_detail;
  constexpr std::size_t shown_groups = 50;
  std::string h;

  // Themes: bytes of each plan's paragraphs per theme, as a stacked bar and a table.
  std::vector<std::array<std::size_t, plansim::theme_count>> bytes(c.size());
  std::vector<std::array<std::size_t, plansim::theme_count>> paragraphs(c.size());
  for (auto& b : bytes) b.fill(0);
  for (auto& b : paragraphs) b.fill(0);
  for (const auto& t : p.themed) {
    bytes[t.span.document][static_cast<std::size_t>(t.label)] += t.span.end - t.span.begin;
    ++paragraphs[t.span.document][static_cast<std::size_t>(t.label)];
  }
  h += "<section id=\"themes\"><h2>Productivity-plan themes</h2><p class=\"muted\">How much of each plan (bytes of its "
       "paragraphs, paragraphs in brackets) answers each of the four themes; see passages.csv for every paragraph. "
       "Template text: the share of the plan repeating the government's prompts (template.csv).</p>";
  h += "<div class=\"legend\">";
  for (std::size_t t = 0; t < plansim::theme_count; ++t)
    h += std::string("<span><span class=\"swatch\" style=\"background:") + theme_colours[t] + "\"></span>" +
         esc(plansim::theme_name(static_cast<plansim::theme>(t))) + "</span>";
  h += "</div><table id=\"themes-table\"><thead><tr><th>plan</th><th>share of text</th>";
  for (std::size_t t = 0; t < plansim::theme_count; ++t)
    h += "<th class=\"num\">" + esc(plansim::theme_name(static_cast<plansim::theme>(t))) + "</th>";
  h += "<th class=\"num\">template</th></tr></thead><tbody>\n";
  for (const auto& d : c) {
    std::size_t total = 0;
    for (const auto b : bytes[d.id]) total += b;
    h += "<tr><td>" + esc(council(c, d.id)) + "</td><td><div class=\"stack\">";
    for (std::size_t t = 0; t < plansim::theme_count; ++t) {
      if (total == 0 || bytes[d.id][t] == 0) continue;
      const double share = 100.0 * static_cast<double>(bytes[d.id][t]) / static_cast<double>(total);
      h += std::string("<span style=\"width:") + html_number(share, 2) + "%;background:" + theme_colours[t] + "\" title=\"" +
           esc(plansim::theme_name(static_cast<plansim::theme>(t))) + " " + html_number(share, 1) + "%\"></span>";
    }
    h += "</div></td>";
    for (std::size_t t = 0; t < plansim::theme_count; ++t)
      h += "<td class=\"num\">" + std::to_string(bytes[d.id][t]) + " (" + std::to_string(paragraphs[d.id][t]) + ")</td>";
    const double masked = d.id < p.templates.masked_share.size() ? p.templates.masked_share[d.id] : 0.0;
    h += "<td class=\"num\">" + html_number(100.0 * masked, 1) + "%</td></tr>\n";
  }
  h += "</tbody></table></section>\n";

  // Shared passages: the longest groups first.
  h += "<section id=\"shared\"><h2>Shared passages</h2>";
  if (p.shared.empty()) {
    h += "<p class=\"absent\">No passage of at least 12 words is shared by two plans (template text left out).</p>";
  } else {
    std::vector<std::size_t> order(p.shared.size());
    for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return p.shared[a].words > p.shared[b].words; });
    const std::size_t shown = std::min(order.size(), shown_groups);
    h += "<p class=\"muted\">" + std::to_string(p.shared.size()) + " texts of at least 12 words appear in two or more plans " +
         "(text repeating the government's prompts left out)" +
         (shown < order.size() ? "; the " + std::to_string(shown) + " longest are shown, all are in shared_passages.csv" : std::string()) +
         ". The earliest publisher is the plan with the earliest <code>published</code> date, when the dates tell.</p>";
    h += "<table id=\"shared-table\"><thead><tr><th class=\"num\">group</th><th class=\"num\">words</th><th>plans</th>"
         "<th>earliest</th><th>text</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& s = p.shared[order[i]];
      std::string plans;
      std::size_t last = SIZE_MAX;
      for (const auto& o : s.occurrences) {
        if (o.document == last) continue;
        last = o.document;
        plans += (plans.empty() ? "" : "<br>") + esc(council(c, o.document));
      }
      const std::string earliest = s.earliest < s.occurrences.size() ? esc(council(c, s.occurrences[s.earliest].document)) : "–";
      const auto& first = s.occurrences.front();
      const std::string_view quoted = original_text(c[first.document]).substr(first.begin, first.end - first.begin);
      h += "<tr><td class=\"num\">" + std::to_string(order[i]) + "</td><td class=\"num\">" + std::to_string(s.words) + "</td><td>" +
           plans + "</td><td>" + earliest + "</td><td><blockquote>" + esc(shorten(quoted, 600)) + "</blockquote></td></tr>\n";
    }
    h += "</tbody></table>";
  }
  h += "</section>\n";

  // Strategies: plan x code, counts over all themes, cells shaded by count.
  h += "<section id=\"strategies\"><h2>Strategies</h2>";
  std::map<std::pair<std::size_t, std::string>, std::size_t> counts;
  std::size_t most = 0;
  for (const auto& s : p.strategies) most = std::max(most, counts[{s.document, s.code}] += s.count);
  std::vector<std::string> used;
  for (const auto& code : p.codes)
    if (std::any_of(p.strategies.begin(), p.strategies.end(), [&](const auto& s) { return s.code == code; })) used.push_back(code);
  if (used.empty()) {
    h += "<p class=\"absent\">No strategy of the dictionary is named in any plan.</p>";
  } else {
    h += "<p class=\"muted\">How often each plan names each strategy of the dictionary (strategies.csv splits the counts by "
         "theme); darker is more often.</p><div class=\"figure\"><table id=\"strategies-table\" class=\"heat\"><thead><tr><th>plan</th>";
    for (const auto& code : used) h += "<th class=\"num\">" + esc(code) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (const auto& d : c) {
      h += "<tr><td class=\"plan\">" + esc(council(c, d.id)) + "</td>";
      for (const auto& code : used) {
        const auto it = counts.find({d.id, code});
        const std::size_t n = it == counts.end() ? 0 : it->second;
        const double heat = most ? static_cast<double>(n) / static_cast<double>(most) : 0.0;
        if (n == 0) {
          h += "<td class=\"num\"></td>";
          continue;
        }
        h += "<td class=\"num\" style=\"background:rgba(11,87,208," + html_number(0.1 + 0.7 * heat, 2) + ")" +
             (heat > 0.55 ? ";color:#fff" : "") + "\">" + std::to_string(n) + "</td>";
      }
      h += "</tr>\n";
    }
    h += "</tbody></table></div>";
  }
  h += "</section>\n";

  // Money: each plan's largest amounts.
  h += "<section id=\"money\"><h2>Money</h2><p class=\"muted\">Each plan's five largest amounts in pounds (the high end of a "
       "range); every amount and percentage is in money.csv.</p><table id=\"money-table\"><thead><tr><th>plan</th>"
       "<th class=\"num\">amount</th><th>as written</th><th>theme</th><th>sentence</th></tr></thead><tbody>\n";
  for (const auto& d : c) {
    std::vector<const plansim::money_mention*> mine;
    for (const auto& m : p.money)
      if (m.document == d.id && !m.percentage && std::isfinite(m.pounds_high)) mine.push_back(&m);
    std::stable_sort(mine.begin(), mine.end(), [](const auto* a, const auto* b) { return a->pounds_high > b->pounds_high; });
    if (mine.size() > 5) mine.resize(5);
    for (const auto* m : mine) {
      const std::string_view text = original_text(d);
      h += "<tr><td>" + esc(council(c, d.id)) + "</td><td class=\"num\">£" + pounds(m->pounds_high) + "</td><td>" +
           esc(text.substr(m->begin, m->end - m->begin)) + "</td><td>" +
           esc(plansim::theme_name(plansim::theme_at(p.themed, d, m->begin))) + "</td><td>" +
           esc(shorten(text.substr(m->sentence_begin, m->sentence_end - m->sentence_begin), 400)) + "</td></tr>\n";
    }
  }
  h += "</tbody></table></section>\n";
  return h;
}

}  // namespace plansim_cli
