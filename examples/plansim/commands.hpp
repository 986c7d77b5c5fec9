#pragma once
// The smaller commands: `choose-k` (the sweep over k alone) and `compare` (agreement between the
// clusterings of two run bundles).
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bundle_files.hpp"
#include "clustering.hpp"
#include "options.hpp"
#include "pipeline.hpp"

namespace plansim_cli {

inline void write_choose_k_csv(std::ostream& out, const plansim::choose_k_result& r) {
  plansim::csv_writer csv(out);
  csv.row({"k", "objective", "silhouette", "calinski_harabasz", "davies_bouldin", "stability", "chosen"});
  for (const auto& row : r.rows) {
    csv << row.k << row.objective << row.silhouette << row.calinski_harabasz << row.davies_bouldin << row.stability
        << (row.k == r.recommended_k ? 1 : 0);
    csv.end_row();
  }
}

inline plansim::choose_k_result sweep_k(const vectorized& v, const run_options& o) {
  const std::size_t n = v.units.size();
  if (n < 3)
    throw plansim::data_error("plansim", 3, o.folder.string(), "choosing k needs at least 3 rows, there are " + std::to_string(n),
                              "add documents, or use --unit paragraph");
  check_no_empty_rows(v);
  plansim::choose_k_options sweep;
  sweep.k_min = std::min(o.k_min, n - 1);
  sweep.k_max = std::min(o.k_max, n - 1);
  sweep.metric = cluster_metric(o.measure);
  sweep.kmeans.seed = o.seed;
  sweep.kmeans.threads = o.threads;
  sweep.kmeans.spherical = sweep.metric == plansim::distance_metric::cosine;
  sweep.kmeans.n_init = sweep_restarts;
  sweep.resamples = stability_resamples;
  sweep.sample_fraction = stability_fraction;
  return plansim::choose_k(v.rows, sweep);
}

/// One clustering of a bundle: document name -> cluster, from its documents.csv.
inline std::map<std::string, int> read_clusters(const std::filesystem::path& bundle) {
  const auto file = bundle / "documents.csv";
  const auto table = plansim::read_csv(file);
  std::size_t name = table.header.size(), cluster = table.header.size();
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (table.header[c] == "name") name = c;
    if (table.header[c] == "cluster") cluster = c;
  }
  if (name == table.header.size() || cluster == table.header.size())
    throw plansim::data_error("plansim", 4, file.string(), "has no name and cluster columns",
                              "give the folder of a `plansim analyze` run");
  std::map<std::string, int> out;
  for (const auto& row : table.rows) {
    const auto label = parse_unsigned(row.fields[cluster]);
    if (!label)
      throw plansim::data_error("plansim", 4, file.string() + ":" + std::to_string(row.line),
                                "cluster '" + row.fields[cluster] + "' is not a cluster number", "give the folder of a `plansim analyze` run");
    out[row.fields[name]] = static_cast<int>(*label);
  }
  return out;
}

/// Prints ARI, NMI and AMI of two runs' clusterings over the documents they share, and the
/// contingency table with the second run's clusters renamed to match the first's (Hungarian).
inline int compare_runs(const std::filesystem::path& a_path, const std::filesystem::path& b_path, bool quiet) {
  const auto a = read_clusters(a_path), b = read_clusters(b_path);
  std::vector<int> la, lb;
  std::vector<std::string> names;
  for (const auto& [name, label] : a)
    if (const auto it = b.find(name); it != b.end()) {
      names.push_back(name);
      la.push_back(label);
      lb.push_back(it->second);
    }
  if (la.size() < 2)
    throw plansim::data_error("plansim", 5, b_path.string(),
                              "shares " + std::to_string(la.size()) + " document names with " + a_path.string(),
                              "compare runs made on the same documents");
  const std::vector<int> matched = plansim::match_labels(lb, la);
  std::size_t moved = 0;
  for (std::size_t i = 0; i < la.size(); ++i) moved += la[i] != matched[i];
  if (quiet) return 0;
  std::printf("plansim compare: %zu shared documents (%zu only in the first run, %zu only in the second)\n", la.size(),
              a.size() - la.size(), b.size() - la.size());
  std::printf("  adjusted Rand index        %.4f\n", plansim::adjusted_rand_index(la, lb));
  std::printf("  normalized mutual info     %.4f\n", plansim::normalized_mutual_info(la, lb));
  std::printf("  adjusted mutual info       %.4f\n", plansim::adjusted_mutual_info(la, lb));
  std::printf("  documents in another cluster after matching labels: %zu\n", moved);
  const auto table = plansim::contingency_table(la, matched);
  std::printf("\n  first run (rows) x second run, labels matched (columns):\n        ");
  for (const int c : table.column_labels) std::printf("%6d", c);
  std::printf("\n");
  for (Eigen::Index r = 0; r < table.counts.rows(); ++r) {
    std::printf("  %6d", table.row_labels[static_cast<std::size_t>(r)]);
    for (Eigen::Index c = 0; c < table.counts.cols(); ++c) std::printf("%6d", table.counts(r, c));
    std::printf("\n");
  }
  for (std::size_t i = 0; i < la.size(); ++i)
    if (la[i] != matched[i]) std::printf("  moved: %s  %d -> %d\n", names[i].c_str(), la[i], matched[i]);
  return 0;
}

}  // namespace plansim_cli
