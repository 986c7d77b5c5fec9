#pragma once
// The files of a run bundle, one writer each. Every CSV has a header row; ids are 0-based row
// numbers of documents.csv, as in the Matrix Market files (whose rows are 1-based by format).
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "options.hpp"
#include "pipeline.hpp"

namespace plansim_cli {

/// Per-unit columns that later steps add to documents.csv (cluster, silhouette, ...).
struct extra_column {
  std::string name;
  std::vector<double> values;  // NaN: empty field
  bool integer = false;
};

inline void write_documents_csv(std::ostream& out, const vectorized& v, const std::vector<extra_column>& extra = {}) {
  plansim::csv_writer csv(out);
  csv << "id" << "name" << "document" << "path" << "begin" << "end" << "tokens" << "terms";
  const bool themes = !v.units.empty() && !v.units.front().theme.empty();
  if (themes) csv << "theme";
  for (const auto& column : v.docs.metadata_columns()) csv << column;
  for (const auto& column : extra) csv << column.name;
  csv.end_row();
  for (std::size_t u = 0; u < v.units.size(); ++u) {
    const unit_text& t = v.units[u];
    const auto& d = v.docs[t.document];
    csv << u << t.name << d.name << d.path << t.begin << t.end << v.counts.stats.document_length[u]
        << static_cast<std::int64_t>(v.counts.counts.outerIndexPtr()[u + 1] - v.counts.counts.outerIndexPtr()[u]);
    if (themes) csv << t.theme;
    for (const auto& column : v.docs.metadata_columns()) csv << v.docs.metadata(t.document, column);
    for (const auto& column : extra) {
      const double x = column.values[u];
      if (column.integer && std::isfinite(x)) csv << static_cast<long long>(x);
      else csv << x;
    }
    csv.end_row();
  }
}

inline void write_neighbors_csv(std::ostream& out, const vectorized& v, const plansim::neighbor_lists<double>& nn) {
  plansim::csv_writer csv(out);
  csv.row({"doc", "neighbor", "rank", "score", "doc_name", "neighbor_name"});
  for (std::size_t i = 0; i < nn.size(); ++i) {
    std::size_t rank = 1;
    for (const auto& n : nn[i]) {
      const auto j = static_cast<std::size_t>(n.id);
      csv << i << j << rank++ << n.score << v.units[i].name << v.units[j].name;
      csv.end_row();
    }
  }
}

inline void write_similarity_csv(std::ostream& out, const vectorized& v, const Eigen::MatrixXd& s) {
  plansim::csv_writer csv(out);
  csv << "name";
  for (const auto& u : v.units) csv << u.name;
  csv.end_row();
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    csv << v.units[static_cast<std::size_t>(i)].name;
    for (Eigen::Index j = 0; j < s.cols(); ++j) csv << s(i, j);
    csv.end_row();
  }
}

inline std::string mtx_comment(const run_options& o, const char* what) {
  return std::string("plansim ") + plansim::version_string + ": " + what +
         "; rows are documents.csv ids + 1, columns are vocabulary.txt lines (unit " + o.raw.unit + ")";
}

/// The vectorize outputs: documents.csv, vocabulary.txt, counts.mtx, weights.mtx.
inline void write_vectors(plansim::run_bundle& bundle, const vectorized& v, const run_options& o,
                          const std::vector<extra_column>& extra = {}) {
  bundle.write("documents.csv", [&](std::ostream& out) { write_documents_csv(out, v, extra); });
  bundle.write("vocabulary.txt", [&](std::ostream& out) { plansim::write_vocabulary(out, v.counts.vocabulary); });
  bundle.write("counts.mtx", [&](std::ostream& out) { plansim::write_matrix_market(out, v.counts.counts, mtx_comment(o, "term counts")); });
  bundle.write("weights.mtx", [&](std::ostream& out) {
    plansim::write_matrix_market(out, v.weights, mtx_comment(o, ("weights (" + o.raw.weighting + ")").c_str()));
  });
}

/// run.json: what was run on what, so the bundle can be reproduced and checked.
struct run_record {
  std::string command;                 // analyze, vectorize, neighbors
  std::vector<std::string> arguments;  // argv[1..]
  std::vector<std::pair<std::string, double>> timings;
  std::vector<std::pair<std::string, double>> metrics;
  std::vector<std::string> absent;     // outputs this build cannot produce, with why
};

inline void options_json(plansim::json_writer& json, const run_options& o) {
  const raw_options& r = o.raw;
  json.begin_object();
  json.key("unit").value(r.unit);
  json.key("min_chars").value(o.min_chars);
  json.key("markdown").value(r.markdown);
  json.key("token_pattern").value(r.token_pattern);
  json.key("stop_words").value(r.stop_words);
  json.key("stem").value(r.stem);
  json.key("ngram_range").begin_array().value(o.analyzer.ngram_min).value(o.analyzer.ngram_max).end_array();
  // A proportion keeps its decimal point (1.0, not 1): scikit-learn reads 1 as one document.
  auto df = [&](const plansim::df_bound& b) {
    if (!b.proportion) {
      json.value(static_cast<long long>(b.value));
      return;
    }
    std::string text = plansim::detail::format_number(b.value);
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    json.raw(text);
  };
  json.key("min_df");
  df(o.prune.min_df);
  json.key("max_df");
  df(o.prune.max_df);
  json.key("max_features");
  if (o.prune.max_features) json.value(*o.prune.max_features);
  else json.null();
  json.key("preset").value(r.preset);
  json.key("weighting").value(r.weighting);
  json.key("sublinear_tf").value(r.sublinear_tf);
  json.key("measure").value(plansim::measure_name(o.measure));
  json.key("space").value(o.raw.space);
  json.key("top_k");
  if (o.top_k) json.value(*o.top_k);
  else json.null();
  json.key("threshold");
  if (o.threshold) json.value(*o.threshold);
  else json.null();
  json.key("method").value(o.method);
  json.key("k");
  if (o.k) json.value(*o.k);
  else json.value("auto");
  json.key("k_range").begin_array().value(o.k_min).value(o.k_max).end_array();
  json.key("seed").value(o.seed);
  json.key("threads").value(o.threads);
  json.end_object();
}

inline std::string run_json(const run_record& record, const run_options& o, const vectorized& v,
                            const std::vector<std::string>& outputs) {
  plansim::json_writer json;
  json.begin_object();
  json.key("program").value("plansim");
  json.key("plansim_version").value(plansim::version_string);
  json.key("command").value(record.command);
  json.key("arguments").begin_array();
  for (const auto& a : record.arguments) json.value(a);
  json.end_array();
  json.key("seed").value(o.seed);
  json.key("options");
  options_json(json, o);
  json.key("input").begin_object();
  json.key("folder").value(o.folder.string());
  {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(o.folder, ec);
    json.key("folder_absolute").value(ec ? o.folder.string() : absolute.lexically_normal().string());
  }
  json.key("files").begin_array();
  for (const auto& f : v.files) {
    json.begin_object();
    json.key("name").value(f.name);
    json.key("path").value(f.path);
    json.key("bytes").value(static_cast<std::uint64_t>(f.bytes));
    json.key("sha256").value(f.sha256);
    json.end_object();
  }
  json.end_array();
  json.key("metadata");
  if (v.metadata_path.empty()) {
    json.null();
  } else {
    json.begin_object();
    json.key("path").value(v.metadata_path.string());
    json.key("sha256").value(v.metadata_sha256);
    json.key("unmatched_rows").value(v.metadata_report.unmatched_rows.size());
    json.key("documents_without_row").value(v.metadata_report.documents_without_row.size());
    json.end_object();
  }
  json.end_object();
  json.key("documents").value(v.docs.size());
  json.key("units").value(v.units.size());
  json.key("terms").value(v.counts.vocabulary.size());
  json.key("outputs").begin_array();
  for (const auto& f : outputs) json.value(f);
  json.value("run.json");
  json.end_array();
  json.key("absent").begin_array();
  for (const auto& a : record.absent) json.value(a);
  json.end_array();
  json.key("metrics").begin_object();
  for (const auto& [name, value] : record.metrics) json.key(name).value(value);
  json.end_object();
  json.key("timings_seconds").begin_object();
  for (const auto& [name, seconds] : record.timings) json.key(name).value(seconds);
  json.end_object();
  json.end_object();
  return json.str();
}

}  // namespace plansim_cli
