#pragma once
// report.html: one self-contained page (inline CSS, SVG and a little vanilla JavaScript; nothing
// is fetched) to look at a run. Every piece of text from the documents goes through
// html_escape, every piece of data for the script through json_writer's html_safe style, so a
// plan that says "</script>" is shown, never run.
//
// The page must read well at 5 documents and at 2,000: the heatmap is a canvas drawn from
// embedded data (block-averaged to at most 400 x 400 cells, in dendrogram leaf order when there
// is a tree), long tables are paginated by the script (and all shown without it), each
// document's neighbours are folded away in a <details>.
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "bundle_files.hpp"
#include "options.hpp"
#include "pipeline.hpp"
#include "plans_files.hpp"

namespace plansim_cli {

/// Everything a clustering step adds to the page; empty parts are reported as not computed.
struct cluster_view {
  std::vector<int> labels;                 // per unit; empty: no clustering
  std::vector<std::size_t> leaf_order;     // dendrogram order; empty: document order
  std::string dendrogram_svg;              // complete <svg> element, or empty
  std::string choose_k_svg;                // complete <svg> element, or empty
  std::string clusters_html;               // cluster cards (terms, evidence), or empty
  std::string absent_note;                 // why clustering parts are missing, when they are
  std::string tree_note;                   // why there is no dendrogram, when there is none
};

namespace html_detail {

inline std::string number(double x, int digits = 3) {
  if (!std::isfinite(x)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

/// A categorical palette (Okabe–Ito, colour-blind safe), repeated beyond eight clusters.
inline const char* cluster_colour(int cluster) {
  static constexpr const char* palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                            "#56B4E9", "#D55E00", "#F0E442", "#000000"};
  if (cluster < 0) return "#777777";
  return palette[static_cast<std::size_t>(cluster) % 8];
}

inline std::string esc(std::string_view s) { return plansim::html_escape(s); }

constexpr const char* style = R"css(
:root{--ink:#1d1d1f;--muted:#5f6368;--line:#dadce0;--bg:#fff;--accent:#0b57d0}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:16px 0 6px}
p.lead,.muted{color:var(--muted)}
nav a{margin-right:14px;color:var(--accent);text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:8px;margin:12px 0}
.fact{border:1px solid var(--line);border-radius:8px;padding:8px 12px}.fact b{display:block;font-size:20px}
.absent{border-left:4px solid #e37400;background:#fef7e0;padding:8px 12px;margin:8px 0}
.figure{overflow-x:auto}
#heatmap-wrap{position:relative;display:inline-block}
#heatmap-tip{position:absolute;pointer-events:none;background:rgba(32,33,36,.92);color:#fff;font-size:12px;padding:4px 8px;border-radius:4px;display:none;white-space:nowrap}
.legend{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--muted)}
.legend canvas{border:1px solid var(--line)}
details summary{cursor:pointer;color:var(--accent)}
ol.nn{margin:4px 0;padding-left:22px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
.pager{margin:8px 0;display:flex;gap:8px;align-items:center}
.pager button{font:inherit;padding:2px 10px}
.cluster{border:1px solid var(--line);border-radius:8px;padding:8px 14px;margin:10px 0}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid var(--line);color:#333;font-size:14px}
.term{display:inline-block;background:#eef3fd;border-radius:10px;padding:0 8px;margin:2px;font-size:13px}
svg text{font-family:system-ui,sans-serif}
.stack{display:flex;width:220px;height:12px;border:1px solid var(--line);border-radius:3px;overflow:hidden}
.stack span{display:block;height:100%}
table.heat{width:auto}table.heat td.plan{white-space:nowrap}table.heat th.num{font-size:12px}
#plansim-status{font-size:11px;color:var(--muted)}
)css";

// Registered first, so an error anywhere later on the page is recorded in the DOM (the browser
// test reads it with --dump-dom).
constexpr const char* error_hook = R"js(
window.addEventListener('error',function(e){var s=document.getElementById('plansim-status');
if(s){s.setAttribute('data-status','error');s.textContent='script error: '+(e.message||e);}});
)js";

constexpr const char* script = R"js(
(function(){
'use strict';
var data=JSON.parse(document.getElementById('plansim-data').textContent);
var stops=[[68,1,84],[59,82,139],[33,145,140],[94,201,98],[253,231,37]];
function colour(t){t=Math.max(0,Math.min(1,t))*(stops.length-1);var i=Math.min(stops.length-2,Math.floor(t)),f=t-i,a=stops[i],b=stops[i+1];
return [Math.round(a[0]+(b[0]-a[0])*f),Math.round(a[1]+(b[1]-a[1])*f),Math.round(a[2]+(b[2]-a[2])*f)];}
function drawLegend(){var c=document.getElementById('heatmap-legend');if(!c)return;var g=c.getContext('2d');
for(var x=0;x<c.width;x++){var k=colour(x/(c.width-1));g.fillStyle='rgb('+k[0]+','+k[1]+','+k[2]+')';g.fillRect(x,0,1,c.height);}}
function drawHeatmap(){var h=data.heatmap;var canvas=document.getElementById('heatmap');if(!h||!canvas)return;
var m=h.size,names=data.names,order=h.order;var labels=m<=60;var margin=labels?Math.min(220,8+7*h.longest):0;
var cell=Math.max(1,Math.min(64,Math.floor(720/m)));var side=cell*m;
canvas.width=margin+side;canvas.height=margin+side;var g=canvas.getContext('2d');
var img=g.createImageData(side,side);
for(var i=0;i<m;i++)for(var j=0;j<m;j++){var v=parseInt(h.values.substr(2*(i*m+j),2),16)/255;var k=colour(v);
for(var y=0;y<cell;y++){var p=((i*cell+y)*side+j*cell)*4;for(var x=0;x<cell;x++){img.data[p]=k[0];img.data[p+1]=k[1];img.data[p+2]=k[2];img.data[p+3]=255;p+=4;}}}
g.putImageData(img,margin,margin);
if(labels){g.fillStyle='#1d1d1f';g.font='12px system-ui,sans-serif';g.textBaseline='middle';
for(var r=0;r<m;r++){var name=names[order[r]];if(name.length>30)name=name.slice(0,29)+'\u2026';
g.textAlign='right';g.fillText(name,margin-6,margin+r*cell+cell/2);
g.save();g.translate(margin+r*cell+cell/2,margin-6);g.rotate(-Math.PI/2);g.textAlign='left';g.fillText(name,0,0);g.restore();}}
var tip=document.getElementById('heatmap-tip');
canvas.addEventListener('mousemove',function(e){var b=canvas.getBoundingClientRect();var x=e.clientX-b.left-margin,y=e.clientY-b.top-margin;
if(x<0||y<0||x>=side||y>=side){tip.style.display='none';return;}var i=Math.floor(y/cell),j=Math.floor(x/cell);
var text;if(h.blocks){text='rows '+(h.starts[i]+1)+'\u2013'+h.starts[i+1]+' \u00d7 '+(h.starts[j]+1)+'\u2013'+h.starts[j+1]+' (block mean)';}
else{var a=order[i],c=order[j];text=names[a]+' \u00d7 '+names[c]+(h.scores.length?': '+h.scores[a*data.n+c].toFixed(3):'');}
tip.textContent=text;tip.style.display='block';tip.style.left=(x+margin+14)+'px';tip.style.top=(y+margin+14)+'px';});
canvas.addEventListener('mouseleave',function(){tip.style.display='none';});
drawLegend();}
function paginate(id,size){var table=document.getElementById(id);if(!table)return;var rows=table.tBodies[0].rows;if(rows.length<=size)return;
var pages=Math.ceil(rows.length/size),page=0;var bar=document.createElement('div');bar.className='pager';
var prev=document.createElement('button'),next=document.createElement('button'),label=document.createElement('span');
prev.textContent='\u2190 previous';next.textContent='next \u2192';bar.appendChild(prev);bar.appendChild(label);bar.appendChild(next);
table.parentNode.insertBefore(bar,table);
function show(){for(var r=0;r<rows.length;r++)rows[r].style.display=(Math.floor(r/size)===page)?'':'none';
label.textContent='page '+(page+1)+' of '+pages+' ('+rows.length+' rows)';prev.disabled=page===0;next.disabled=page===pages-1;}
prev.addEventListener('click',function(){if(page>0){page--;show();}});next.addEventListener('click',function(){if(page<pages-1){page++;show();}});show();}
drawHeatmap();
paginate('documents-table',50);
paginate('shared-table',10);
paginate('money-table',25);
var s=document.getElementById('plansim-status');
if(s.getAttribute('data-status')!=='error'){s.setAttribute('data-status','ready');s.textContent='report ready';}
})();
)js";

/// The heatmap's data: scores in `order`, block-averaged to at most `max_cells` per side, mapped
/// to [0, 1] over the off-diagonal range (1 = most alike) and written as two hex digits a cell.
inline void heatmap_json(plansim::json_writer& json, const Eigen::MatrixXd& s, const std::vector<std::size_t>& order,
                         bool distance, std::size_t longest_label, std::size_t max_cells = 400) {
  const std::size_t n = order.size();
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j) {
        const double x = s(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
  if (!(hi > lo)) {
    lo = n > 1 ? lo - 1.0 : 0.0;
    hi = n > 1 ? hi : 1.0;
  }
  const auto alike = [&](std::size_t a, std::size_t b) {
    if (a == b) return 1.0;
    const double x = s(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
    const double t = (x - lo) / (hi - lo);
    return std::clamp(distance ? 1.0 - t : t, 0.0, 1.0);
  };
  const std::size_t m = std::min(n, max_cells);
  std::vector<std::size_t> starts(m + 1);
  for (std::size_t b = 0; b <= m; ++b) starts[b] = b * n / m;
  static constexpr char hex[] = "0123456789abcdef";
  std::string values;
  values.reserve(2 * m * m);
  for (std::size_t bi = 0; bi < m; ++bi)
    for (std::size_t bj = 0; bj < m; ++bj) {
      double sum = 0.0;
      std::size_t count = 0;
      for (std::size_t i = starts[bi]; i < starts[bi + 1]; ++i)
        for (std::size_t j = starts[bj]; j < starts[bj + 1]; ++j)
          if (i != j || (starts[bi + 1] - starts[bi] == 1)) {
            sum += alike(order[i], order[j]);
            ++count;
          }
      const auto q = static_cast<unsigned>(std::lround(255.0 * (count ? sum / static_cast<double>(count) : 1.0)));
      values += hex[q >> 4];
      values += hex[q & 15];
    }
  json.begin_object();
  json.key("size").value(m);
  json.key("longest").value(longest_label);
  json.key("blocks").value(m < n);
  json.key("low").value(lo);
  json.key("high").value(hi);
  json.key("order").begin_array();
  if (m == n)
    for (const auto i : order) json.value(i);
  json.end_array();
  json.key("starts").begin_array();
  for (const auto b : starts) json.value(b);
  json.end_array();
  json.key("values").value(values);
  json.key("scores").begin_array();  // full scores for the tooltip, small N only
  if (m == n && n <= 60)
    for (Eigen::Index i = 0; i < s.rows(); ++i)
      for (Eigen::Index j = 0; j < s.cols(); ++j) json.value(s(i, j));
  json.end_array();
  json.end_object();
}

/// The 2-D map as an SVG scatter plot, points coloured by cluster, labelled when few.
inline std::string map_svg(const vectorized& v, const Eigen::MatrixXd& xy, const std::vector<int>& labels) {
  const Eigen::Index n = xy.rows();
  const double width = 760, height = 520, pad = 40;
  double x0 = xy.col(0).minCoeff(), x1 = xy.col(0).maxCoeff(), y0 = xy.col(1).minCoeff(), y1 = xy.col(1).maxCoeff();
  if (!(x1 > x0)) { x0 -= 1; x1 += 1; }
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  const bool few = n <= 40;
  const double r = n <= 100 ? 6 : n <= 500 ? 4 : 2.5;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"map-svg\" width=\"" + number(width, 0) + "\" height=\"" +
                    number(height, 0) + "\" viewBox=\"0 0 " + number(width, 0) + " " + number(height, 0) +
                    "\" role=\"img\" aria-label=\"map of documents\">";
  svg += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fbfbfd\" stroke=\"#dadce0\"/>";
  const double right_pad = few ? 170 : pad;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = pad + (xy(i, 0) - x0) / (x1 - x0) * (width - pad - right_pad);
    const double y = height - pad - (xy(i, 1) - y0) / (y1 - y0) * (height - 2 * pad);
    const int c = labels.empty() ? -1 : labels[static_cast<std::size_t>(i)];
    const std::string& name = v.units[static_cast<std::size_t>(i)].name;
    svg += "<circle cx=\"" + number(x, 1) + "\" cy=\"" + number(y, 1) + "\" r=\"" + number(r, 1) + "\" fill=\"" +
           cluster_colour(c) + "\" fill-opacity=\"0.85\"><title>" + esc(name) +
           (c >= 0 ? " (cluster " + std::to_string(c) + ")" : std::string()) + "</title></circle>";
    if (few)
      svg += "<text x=\"" + number(x + r + 3, 1) + "\" y=\"" + number(y + 4, 1) + "\" font-size=\"12\">" + esc(name) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace html_detail

struct report_inputs {
  const run_options& options;
  const vectorized& v;
  const similarities& s;
  const cluster_view& clusters;
  const std::vector<std::pair<std::string, double>>& timings;
  const plans_view* plans;  // null: --no-plans
};

inline std::string report_html(const report_inputs& in) {
  using namespace html_detail;
  const auto& v = in.v;
  const auto& o = in.options;
  const std::size_t n = v.units.size();
  const bool distance = plansim::is_distance(o.measure);
  const std::string measure(plansim::measure_name(o.measure));

  std::vector<std::size_t> order = in.clusters.leaf_order;
  if (order.size() != n) {
    order.resize(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
  }

  std::string h;
  h.reserve(1 << 16);
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
       "<meta name=\"generator\" content=\"plansim ";
  h += plansim::version_string;
  h += "\"><title>plansim run: " + esc(o.folder.filename().empty() ? o.folder.string() : o.folder.filename().string()) + "</title>";
  h += "<style>";
  h += style;
  h += "</style><script>";
  h += error_hook;
  h += "</script></head><body>\n";

  // Header and key facts.
  h += "<header><h1>plansim run</h1><p class=\"lead\">" + std::to_string(v.docs.size()) + " documents from <code>" +
       esc(o.folder.string()) + "</code>";
  if (o.unit == unit_kind::paragraph) h += ", " + std::to_string(n) + " paragraphs of at least " + std::to_string(o.min_chars) + " bytes";
  if (o.unit == unit_kind::theme) h += ", " + std::to_string(n) + " theme sections";
  h += "; " + esc(o.raw.weighting) + " weights, " + esc(measure) + (distance ? " distance" : " similarity") + ".</p>";
  h += "<nav><a href=\"#similarity\">Similarity</a><a href=\"#tree\">Tree</a><a href=\"#map\">Map</a>"
       "<a href=\"#choose-k\">Choosing k</a><a href=\"#clusters\">Clusters</a><a href=\"#themes\">Themes</a>"
       "<a href=\"#shared\">Shared passages</a><a href=\"#strategies\">Strategies</a><a href=\"#money\">Money</a>"
       "<a href=\"#documents\">Documents</a>"
       "<a href=\"#run\">Run</a></nav></header>\n";
  std::size_t clusters = 0;
  for (const int c : in.clusters.labels) clusters = std::max(clusters, static_cast<std::size_t>(c) + 1);
  h += "<div class=\"facts\">";
  auto fact = [&](const std::string& value, const std::string& label) {
    h += "<div class=\"fact\"><b>" + value + "</b>" + label + "</div>";
  };
  fact(std::to_string(n), o.unit == unit_kind::paragraph ? "paragraphs" : o.unit == unit_kind::theme ? "theme sections" : "documents");
  fact(std::to_string(v.counts.vocabulary.size()), "terms");
  fact(in.clusters.labels.empty() ? "–" : std::to_string(clusters), "clusters");
  fact(esc(o.raw.ngram_range), "n-gram range");
  h += "</div>\n";
  if (!in.clusters.absent_note.empty()) h += "<p class=\"absent\">" + esc(in.clusters.absent_note) + "</p>";

  // Similarity heatmap.
  h += "<section id=\"similarity\"><h2>Similarity</h2>";
  if (in.s.matrix) {
    h += "<p class=\"muted\">Pairwise " + esc(measure) + (distance ? " distance" : " similarity") + " of " +
         std::to_string(n) + " rows, ordered " +
         (in.clusters.leaf_order.size() == n ? "by the dendrogram's leaves" : "as in documents.csv") +
         (n > 400 ? "; averaged over blocks of rows to fit the screen" : "") +
         ". Brighter is more alike; the scale runs over the off-diagonal range. Hover for values.</p>";
    h += "<div class=\"figure\"><div id=\"heatmap-wrap\"><canvas id=\"heatmap\"></canvas><div id=\"heatmap-tip\"></div></div></div>";
    h += "<div class=\"legend\">less alike <canvas id=\"heatmap-legend\" width=\"160\" height=\"10\"></canvas> more alike</div>";
  } else {
    h += "<p class=\"absent\">Not drawn: " + std::to_string(n) + " rows is above " + std::to_string(max_matrix_units) +
         "; see neighbors.csv for each row's nearest neighbours.</p>";
  }
  h += "</section>\n";

  h += "<section id=\"tree\"><h2>Dendrogram</h2>";
  if (!in.clusters.dendrogram_svg.empty())
    h += "<p class=\"muted\">Merge heights are " + esc(measure) + (distance ? " distances" : " dissimilarities") +
         " between groups under " + esc(o.method) + " linkage; branches within one cluster take its colour.</p><div class=\"figure\">" +
         in.clusters.dendrogram_svg + "</div>";
  else
    h += "<p class=\"absent\">" + esc(in.clusters.tree_note.empty() ? "Not computed in this run." : in.clusters.tree_note) + "</p>";
  h += "</section>\n";

  h += "<section id=\"map\"><h2>Map</h2>";
  if (in.s.map.rows() == static_cast<Eigen::Index>(n) && n >= 2) {
    h += "<p class=\"muted\">Classical multidimensional scaling of the " + esc(measure) +
         (distance ? " distances" : " dissimilarities (1 - similarity)") + ": the two axes hold " +
         number(100.0 * (in.s.map_variance.size() > 0 ? in.s.map_variance[0] : 0.0), 1) + "% and " +
         number(100.0 * (in.s.map_variance.size() > 1 ? in.s.map_variance[1] : 0.0), 1) +
         "% of the spread. Hover a point for its name.</p>";
    h += "<div class=\"figure\">" + map_svg(v, in.s.map, in.clusters.labels) + "</div>";
  } else {
    h += "<p class=\"absent\">Not drawn: the map needs between 2 and " + std::to_string(max_matrix_units) + " rows.</p>";
  }
  h += "</section>\n";

  h += "<section id=\"choose-k\"><h2>Choosing k</h2>";
  h += in.clusters.choose_k_svg.empty() ? "<p class=\"absent\">Not computed in this run.</p>"
                                        : "<div class=\"figure\">" + in.clusters.choose_k_svg + "</div>";
  h += "</section>\n";

  h += "<section id=\"clusters\"><h2>Clusters</h2>";
  h += in.clusters.clusters_html.empty() ? "<p class=\"absent\">Not computed in this run.</p>" : in.clusters.clusters_html;
  h += "</section>\n";

  if (in.plans)
    h += plans_html(v.docs, *in.plans);
  else
    h += "<section id=\"themes\"><h2>Productivity-plan themes</h2><p class=\"absent\">Not computed in this run (--no-plans).</p></section>\n";

  // Documents with their neighbours.
  h += "<section id=\"documents\"><h2>Documents and their nearest neighbours</h2>";
  h += "<p class=\"muted\">Neighbours by " + esc(measure) + (distance ? " distance (smaller is closer)" : " similarity") +
       "; all of them are in neighbors.csv.</p>";
  h += "<table id=\"documents-table\"><thead><tr><th class=\"num\">id</th><th>name</th>";
  const auto& columns = v.docs.metadata_columns();
  const std::size_t shown_columns = std::min<std::size_t>(columns.size(), 3);
  for (std::size_t c = 0; c < shown_columns; ++c) h += "<th>" + esc(columns[c]) + "</th>";
  h += "<th class=\"num\">tokens</th>";
  if (!in.clusters.labels.empty()) h += "<th>cluster</th>";
  h += "<th>nearest neighbours</th></tr></thead><tbody>\n";
  for (std::size_t u = 0; u < n; ++u) {
    h += "<tr id=\"doc-" + std::to_string(u) + "\"><td class=\"num\">" + std::to_string(u) + "</td><td>" + esc(v.units[u].name) + "</td>";
    for (std::size_t c = 0; c < shown_columns; ++c) h += "<td>" + esc(v.docs.metadata(v.units[u].document, columns[c])) + "</td>";
    h += "<td class=\"num\">" + std::to_string(v.counts.stats.document_length[u]) + "</td>";
    if (!in.clusters.labels.empty()) {
      const int c = in.clusters.labels[u];
      h += "<td><span class=\"swatch\" style=\"background:" + std::string(cluster_colour(c)) + "\"></span>" + std::to_string(c) + "</td>";
    }
    const auto nn = in.s.neighbors.size() > u ? in.s.neighbors[u] : std::span<const plansim::neighbor<double>>{};
    if (nn.empty()) {
      h += "<td class=\"muted\">none</td></tr>\n";
      continue;
    }
    h += "<td><details><summary>" + esc(v.units[static_cast<std::size_t>(nn[0].id)].name) + " (" + number(nn[0].score) + ")";
    if (nn.size() > 1) h += " and " + std::to_string(nn.size() - 1) + " more";
    h += "</summary><ol class=\"nn\">";
    for (const auto& nb : nn)
      h += "<li><a href=\"#doc-" + std::to_string(nb.id) + "\">" + esc(v.units[static_cast<std::size_t>(nb.id)].name) + "</a> " +
           number(nb.score) + "</li>";
    h += "</ol></details></td></tr>\n";
  }
  h += "</tbody></table></section>\n";

  // Run facts.
  h += "<section id=\"run\"><h2>Run</h2><table><tbody>";
  auto row = [&](const std::string& k, const std::string& value) { h += "<tr><th>" + k + "</th><td>" + value + "</td></tr>"; };
  row("plansim", plansim::version_string);
  row("folder", "<code>" + esc(o.folder.string()) + "</code>");
  row("options", "<code>unit=" + esc(o.raw.unit) + " stop-words=" + esc(o.raw.stop_words) + (o.raw.stem ? " stem" : "") +
                     " ngram-range=" + esc(o.raw.ngram_range) + " min-df=" + esc(o.raw.min_df) + " max-df=" + esc(o.raw.max_df) +
                     " weighting=" + esc(o.raw.weighting) + " preset=" + esc(o.raw.preset) + " measure=" + esc(measure) +
                     " method=" + esc(o.raw.method) + " k=" + esc(o.raw.k) + " seed=" + esc(o.raw.seed) + "</code>");
  std::string files;
  for (const auto& f : v.files) files += esc(f.name) + " <code>" + f.sha256.substr(0, 12) + "…</code><br>";
  row("inputs (SHA-256)", files);
  std::string timing;
  for (const auto& [step, seconds] : in.timings) timing += esc(step) + " " + number(seconds, 3) + " s<br>";
  row("timings", timing);
  h += "</tbody></table><p id=\"plansim-status\" data-status=\"loading\">report loading (needs JavaScript for the heatmap)</p></section>\n";

  // Data for the script.
  plansim::json_writer json(plansim::json_style::html_safe);
  json.begin_object();
  json.key("n").value(n);
  json.key("names").begin_array();
  std::size_t longest = 0;
  for (const auto& u : v.units) {
    json.value(u.name);
    longest = std::max(longest, std::min<std::size_t>(u.name.size(), 30));
  }
  json.end_array();
  json.key("heatmap");
  if (in.s.matrix) {
    heatmap_json(json, *in.s.matrix, order, distance, longest);
  } else {
    json.null();
  }
  json.end_object();
  const std::string& data = json.str();
  h += "<script type=\"application/json\" id=\"plansim-data\">" + data + "</script>\n<script>";
  h += script;
  h += "</script>\n</body></html>\n";
  return h;
}

}  // namespace plansim_cli
