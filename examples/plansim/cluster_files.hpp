#pragma once
// The clustering files of a run bundle (clusters.csv, cluster_terms.csv, evidence.csv,
// choose_k.csv, linkage.csv, dendrogram.nwk) and their parts of report.html (dendrogram and
// choose-k plots as inline SVG, cluster cards with terms and quoted evidence).
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "bundle_files.hpp"
#include "clustering.hpp"
#include "report_html.hpp"

namespace plansim_cli {

inline double mean_of(const std::vector<double>& values, const std::vector<int>& labels, int cluster) {
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (labels[i] == cluster && std::isfinite(values[i])) {
      sum += values[i];
      ++count;
    }
  return count ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
}

inline std::string quote_text(const vectorized& v, const evidence_quote& q) {
  const auto& d = v.docs[v.units[q.unit].document];
  const std::string& source = d.from_markdown ? d.unmasked_text : d.text;  // same offsets, original characters
  return source.substr(q.begin, q.end - q.begin);
}

inline void write_cluster_files(plansim::run_bundle& bundle, const vectorized& v, const clustering& c) {
  const std::size_t k = c.k;
  bundle.write("clusters.csv", [&](std::ostream& out) {
    plansim::csv_writer csv(out);
    csv.row({"cluster", "size", "medoid", "medoid_name", "silhouette", "stability", "top_terms", "members"});
    for (std::size_t cl = 0; cl < k; ++cl) {
      const int id = static_cast<int>(cl);
      std::string members, terms;
      std::size_t size = 0;
      for (std::size_t u = 0; u < c.labels.size(); ++u)
        if (c.labels[u] == id) {
          members += (members.empty() ? "" : "; ") + v.units[u].name;
          ++size;
        }
      for (std::size_t t = 0; t < std::min<std::size_t>(5, c.terms[cl].size()); ++t)
        terms += (terms.empty() ? "" : "; ") + v.counts.vocabulary.term(c.terms[cl][t].term);
      const std::size_t medoid = c.medoids[cl];
      csv << cl << size << medoid << (medoid < v.units.size() ? v.units[medoid].name : std::string())
          << mean_of(c.silhouette, c.labels, id) << c.cluster_stability[cl] << terms << members;
      csv.end_row();
    }
  });
  bundle.write("cluster_terms.csv", [&](std::ostream& out) {
    plansim::csv_writer csv(out);
    csv.row({"cluster", "rank", "term", "score", "count", "docs_using", "other_count"});
    for (std::size_t cl = 0; cl < c.terms.size(); ++cl)
      for (std::size_t r = 0; r < c.terms[cl].size(); ++r) {
        const auto& t = c.terms[cl][r];
        csv << cl << r + 1 << v.counts.vocabulary.term(t.term) << t.score << t.count << t.documents_using << t.other_count;
        csv.end_row();
      }
  });
  bundle.write("evidence.csv", [&](std::ostream& out) {
    plansim::csv_writer csv(out);
    csv.row({"cluster", "term", "doc", "document", "begin", "end", "occurrences", "text"});
    for (std::size_t cl = 0; cl < c.evidence.size(); ++cl)
      for (std::size_t t = 0; t < c.evidence[cl].size(); ++t)
        for (const auto& q : c.evidence[cl][t]) {
          csv << cl << v.counts.vocabulary.term(c.terms[cl][t].term) << q.unit << v.docs[v.units[q.unit].document].name << q.begin
              << q.end << q.occurrences << quote_text(v, q);
          csv.end_row();
        }
  });
  if (c.sweep) {
    bundle.write("choose_k.csv", [&](std::ostream& out) {
      plansim::csv_writer csv(out);
      csv << "k" << "objective" << "silhouette" << "calinski_harabasz" << "davies_bouldin" << "stability";
      if (!c.tree_silhouette.empty()) csv << "tree_silhouette";
      csv << "chosen";
      csv.end_row();
      for (std::size_t r = 0; r < c.sweep->rows.size(); ++r) {
        const auto& row = c.sweep->rows[r];
        csv << row.k << row.objective << row.silhouette << row.calinski_harabasz << row.davies_bouldin << row.stability;
        if (!c.tree_silhouette.empty()) csv << c.tree_silhouette[r];
        csv << (row.k == c.k ? 1 : 0);
        csv.end_row();
      }
    });
  }
  if (c.tree) {
    bundle.write("linkage.csv", [&](std::ostream& out) {
      plansim::csv_writer csv(out);
      csv.row({"a", "b", "height", "size"});
      for (const auto& m : *c.tree) {
        csv << m.a << m.b << m.height << m.size;
        csv.end_row();
      }
    });
    bundle.write("dendrogram.nwk", [&](std::ostream& out) {
      std::vector<std::string> names;
      for (const auto& u : v.units) names.push_back(u.name);
      out << plansim::to_newick(*c.tree, names) << '\n';
    });
  }
}

/// Columns clustering adds to documents.csv.
inline std::vector<extra_column> cluster_columns(const clustering& c) {
  std::vector<double> labels(c.labels.begin(), c.labels.end());
  return {{"cluster", labels, true}, {"silhouette", c.silhouette, false}, {"stability", c.document_stability, false}};
}

namespace html_detail {

/// A horizontal dendrogram: leaves top to bottom in leaf order, merge height to the right.
/// Branches inside one cluster take the cluster's colour.
inline std::string dendrogram_svg(const vectorized& v, const clustering& c) {
  const auto& z = *c.tree;
  const std::size_t n = v.units.size();
  const bool labels = n <= 80;
  const double step = n <= 80 ? 18.0 : std::max(0.4, 900.0 / static_cast<double>(n));
  const double label_width = labels ? 190.0 : 10.0, plot = 520.0, top = 10.0;
  const double height = top * 2 + step * static_cast<double>(n) + 24.0, width = label_width + plot + 30.0;
  double max_height = 0.0;
  for (const auto& m : z) max_height = std::max(max_height, m.height);
  if (!(max_height > 0.0)) max_height = 1.0;
  std::vector<double> y(2 * n - 1), x(2 * n - 1, 0.0);
  std::vector<int> colour(2 * n - 1);
  for (std::size_t p = 0; p < n; ++p) {
    y[c.leaf_order[p]] = top + step * (static_cast<double>(p) + 0.5);
    colour[c.leaf_order[p]] = c.labels[c.leaf_order[p]];
  }
  auto xs = [&](double h) { return label_width + plot * h / max_height; };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"dendrogram-svg\" width=\"" + number(width, 0) + "\" height=\"" +
                    number(height, 0) + "\" role=\"img\" aria-label=\"dendrogram\">";
  for (std::size_t r = 0; r < z.size(); ++r) {
    const auto& m = z[r];
    const std::size_t id = n + r;
    y[id] = (y[m.a] + y[m.b]) / 2.0;
    x[id] = m.height;
    colour[id] = colour[m.a] == colour[m.b] ? colour[m.a] : -1;
    const double xa = xs(x[m.a]), xb = xs(x[m.b]), xm = xs(m.height);
    svg += "<path d=\"M" + number(xa, 1) + " " + number(y[m.a], 1) + "H" + number(xm, 1) + "V" + number(y[m.b], 1) + "H" +
           number(xb, 1) + "\" fill=\"none\" stroke=\"" + cluster_colour(colour[id]) + "\" stroke-width=\"" +
           (n > 500 ? "0.6" : "1.4") + "\"/>";
  }
  if (labels)
    for (std::size_t p = 0; p < n; ++p) {
      const std::size_t u = c.leaf_order[p];
      svg += "<text x=\"" + number(label_width - 6, 1) + "\" y=\"" + number(y[u] + 4, 1) +
             "\" font-size=\"12\" text-anchor=\"end\">" + esc(v.units[u].name) + "</text>";
    }
  const double axis_y = top + step * static_cast<double>(n) + 6;
  svg += "<line x1=\"" + number(label_width, 1) + "\" y1=\"" + number(axis_y, 1) + "\" x2=\"" + number(label_width + plot, 1) +
         "\" y2=\"" + number(axis_y, 1) + "\" stroke=\"#999\"/>";
  for (int t = 0; t <= 4; ++t) {
    const double h = max_height * t / 4.0;
    svg += "<text x=\"" + number(xs(h), 1) + "\" y=\"" + number(axis_y + 14, 1) + "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5f6368\">" +
           number(h, 2) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

/// Silhouette and stability against k, the chosen k marked.
inline std::string choose_k_svg(const clustering& c) {
  const auto& rows = c.sweep->rows;
  const double width = 700, height = 300, left = 50, right = 190, top = 16, bottom = 40;
  const double kmin = static_cast<double>(rows.front().k), kmax = static_cast<double>(rows.back().k);
  auto xs = [&](double k) { return rows.size() == 1 ? (left + width - right) / 2 : left + (k - kmin) / (kmax - kmin) * (width - left - right); };
  double lo = 0.0, hi = 1.0;
  for (const auto& r : rows)
    for (const double y : {r.silhouette, r.stability})
      if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
  auto ys = [&](double y) { return top + (hi - y) / (hi - lo) * (height - top - bottom); };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"choose-k-svg\" width=\"" + number(width, 0) + "\" height=\"" +
                    number(height, 0) + "\" role=\"img\" aria-label=\"choosing k\">";
  svg += "<line x1=\"" + number(left, 0) + "\" y1=\"" + number(ys(0), 1) + "\" x2=\"" + number(width - right, 0) + "\" y2=\"" +
         number(ys(0), 1) + "\" stroke=\"#bbb\"/>";
  for (const double g : {lo, 0.5 * (lo + hi), hi})
    svg += "<text x=\"" + number(left - 6, 0) + "\" y=\"" + number(ys(g) + 4, 1) + "\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6368\">" +
           number(g, 2) + "</text>";
  for (const auto& r : rows) {
    const double x = xs(static_cast<double>(r.k));
    svg += "<text x=\"" + number(x, 1) + "\" y=\"" + number(height - bottom + 16, 0) + "\" font-size=\"11\" text-anchor=\"middle\">" +
           std::to_string(r.k) + "</text>";
    if (r.k == c.k)
      svg += "<line x1=\"" + number(x, 1) + "\" y1=\"" + number(top, 0) + "\" x2=\"" + number(x, 1) + "\" y2=\"" +
             number(height - bottom, 0) + "\" stroke=\"#e37400\" stroke-dasharray=\"4 3\"><title>chosen k = " + std::to_string(r.k) + "</title></line>";
  }
  svg += "<text x=\"" + number((left + width - right) / 2, 0) + "\" y=\"" + number(height - 6, 0) +
         "\" font-size=\"12\" text-anchor=\"middle\">k</text>";
  struct series { const char* name; const char* colour; std::vector<double> values; };
  std::vector<series> lines = {{"silhouette (k-means)", "#0072B2", {}}, {"stability", "#009E73", {}}};
  for (const auto& r : rows) {
    lines[0].values.push_back(r.silhouette);
    lines[1].values.push_back(r.stability);
  }
  if (!c.tree_silhouette.empty()) lines.push_back({"silhouette (tree cut)", "#CC79A7", c.tree_silhouette});
  for (std::size_t l = 0; l < lines.size(); ++l) {
    std::string path;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const double y = lines[l].values[r];
      if (!std::isfinite(y)) continue;
      const double x = xs(static_cast<double>(rows[r].k));
      path += (path.empty() ? "M" : "L") + number(x, 1) + " " + number(ys(y), 1);
      svg += "<circle cx=\"" + number(x, 1) + "\" cy=\"" + number(ys(y), 1) + "\" r=\"3\" fill=\"" + lines[l].colour + "\"><title>" +
             lines[l].name + " at k = " + std::to_string(rows[r].k) + ": " + number(y, 3) + "</title></circle>";
    }
    if (!path.empty()) svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + lines[l].colour + "\" stroke-width=\"2\"/>";
    svg += "<rect x=\"" + number(width - right + 12, 0) + "\" y=\"" + number(top + 18.0 * static_cast<double>(l), 0) +
           "\" width=\"12\" height=\"3\" fill=\"" + lines[l].colour + "\"/><text x=\"" + number(width - right + 30, 0) + "\" y=\"" +
           number(top + 18.0 * static_cast<double>(l) + 5, 0) + "\" font-size=\"12\">" + lines[l].name + "</text>";
  }
  svg += "</svg>";
  return svg;
}

/// One card per cluster: size, medoid, silhouette and stability, its explaining terms with how many
/// members use each, and for the first terms quoted evidence with offsets.
inline std::string clusters_html(const vectorized& v, const clustering& c) {
  std::string h = "<p class=\"muted\">k = " + std::to_string(c.k) + " (" + esc(c.k_reason) + "). Terms are scored by signed G² "
                  "(log-likelihood) of the cluster against the rest; \"used by\" counts the members using the term.</p>";
  const std::size_t n = v.units.size();
  const bool many = c.k > 12;
  for (std::size_t cl = 0; cl < c.k; ++cl) {
    const int id = static_cast<int>(cl);
    std::size_t size = 0;
    std::vector<std::size_t> members;
    for (std::size_t u = 0; u < n; ++u)
      if (c.labels[u] == id) {
        ++size;
        if (members.size() < 12) members.push_back(u);
      }
    h += std::string(many ? "<details class=\"cluster\"><summary>" : "<div class=\"cluster\"><h3>") + "<span class=\"swatch\" style=\"background:" +
         cluster_colour(id) + "\"></span>Cluster " + std::to_string(cl) + ": " + std::to_string(size) + (size == 1 ? " row" : " rows") +
         (many ? "</summary>" : "</h3>");
    const std::size_t medoid = c.medoids[cl];
    h += "<p class=\"muted\">medoid " + (medoid < n ? esc(v.units[medoid].name) : std::string("–")) + " · mean silhouette " +
         number(mean_of(c.silhouette, c.labels, id), 2) + " · stability " + number(c.cluster_stability[cl], 2) + "</p>";
    h += "<p>";
    for (std::size_t i = 0; i < members.size(); ++i) h += (i ? ", " : "") + esc(v.units[members[i]].name);
    if (size > members.size()) h += " and " + std::to_string(size - members.size()) + " more";
    h += "</p><p>";
    for (const auto& t : c.terms[cl])
      h += "<span class=\"term\" title=\"score " + number(t.score, 1) + ", " + std::to_string(t.count) + " uses in the cluster, " +
           std::to_string(t.other_count) + " elsewhere\">" + esc(v.counts.vocabulary.term(t.term)) + " · " +
           std::to_string(t.documents_using) + "/" + std::to_string(size) + "</span>";
    if (c.terms[cl].empty()) h += "<span class=\"muted\">no term sets this cluster apart</span>";
    h += "</p>";
    for (std::size_t t = 0; t < std::min<std::size_t>(3, c.evidence.size() > cl ? c.evidence[cl].size() : 0); ++t)
      for (const auto& q : c.evidence[cl][t]) {
        std::string text = quote_text(v, q);
        if (text.size() > 420) {
          std::size_t cut = 400;
          while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
          text = text.substr(0, cut) + "…";
        }
        h += "<blockquote><b>" + esc(v.counts.vocabulary.term(c.terms[cl][t].term)) + "</b> — " + esc(text) +
             "<br><span class=\"muted\">" + esc(v.docs[v.units[q.unit].document].name) + " bytes [" + std::to_string(q.begin) + ", " +
             std::to_string(q.end) + ")</span></blockquote>";
      }
    h += many ? "</details>" : "</div>";
  }
  return h;
}

}  // namespace html_detail

inline cluster_view cluster_view_of(const vectorized& v, const clustering& c) {
  cluster_view view;
  view.labels = c.labels;
  view.leaf_order = c.leaf_order;
  if (c.tree) view.dendrogram_svg = html_detail::dendrogram_svg(v, c);
  if (c.sweep) view.choose_k_svg = html_detail::choose_k_svg(c);
  view.clusters_html = html_detail::clusters_html(v, c);
  return view;
}

}  // namespace plansim_cli
