#pragma once
// The plansim program's clustering step: k-means or a hierarchical linkage, k given or chosen by
// a sweep, then per-document silhouettes and stability, medoids, explaining terms and evidence
// passages.
#include <plansim/explain.hpp>
#include <plansim/plansim.hpp>

#include <plansim/cluster.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "options.hpp"
#include "pipeline.hpp"

namespace plansim_cli {

/// Resampling settings of the k sweep and of the stability of the final clustering.
inline constexpr std::size_t sweep_restarts = 4;  // k-means restarts per k in the sweep
inline constexpr std::size_t stability_resamples = 10;
inline constexpr double stability_fraction = 0.8;

struct evidence_quote {
  std::size_t unit = 0;                // row of documents.csv
  std::size_t begin = 0, end = 0;      // bytes of the DOCUMENT's text (file offsets, less a BOM)
  std::int32_t occurrences = 0;
};

struct clustering {
  std::string method;
  std::size_t k = 0;
  std::vector<int> labels;                               // per unit, canonical 0..k-1
  std::vector<double> silhouette;                        // per unit
  std::vector<double> document_stability;                // per unit
  std::vector<double> cluster_stability;                 // per cluster
  std::vector<std::size_t> medoids;                      // per cluster
  std::optional<plansim::choose_k_result> sweep;         // when k was chosen
  std::vector<double> tree_silhouette;                   // per sweep row, hierarchical methods
  std::vector<std::vector<plansim::term_score>> terms;   // per cluster
  std::vector<std::vector<std::vector<evidence_quote>>> evidence;  // cluster -> term -> quotes
  std::string k_reason;
  std::optional<plansim::linkage_matrix> tree;
  std::vector<std::size_t> leaf_order;                   // heatmap order
};

inline bool hierarchical(const std::string& method) { return method != "kmeans"; }

inline plansim::distance_metric cluster_metric(plansim::measure m) {
  return m == plansim::measure::euclidean ? plansim::distance_metric::euclidean : plansim::distance_metric::cosine;
}

/// Refuses what this build or these data cannot cluster, before any work: exit status 2.
inline void check_clustering_options(const run_options& o, std::size_t n) {
  if (o.k && *o.k > n)
    bad_option("--k", o.raw.k, "is above the number of rows (" + std::to_string(n) + ")",
               "choose k from 1 to " + std::to_string(n) + ", or auto");
  if (o.method == "ward" && o.measure != plansim::measure::cosine && o.measure != plansim::measure::euclidean)
    bad_option("--method", "ward", "Ward linkage needs Euclidean geometry", "use --measure cosine or euclidean, or another --method");
  if (o.method == "kmeans" && o.measure != plansim::measure::cosine && o.measure != plansim::measure::euclidean)
    bad_option("--method", "kmeans", "k-means clusters by cosine (spherical) or Euclidean distance",
               "use --measure cosine or euclidean, or a hierarchical --method");
}

/// Names of rows with no weight at all: they have no direction, so no cosine distance.
inline void check_no_empty_rows(const vectorized& v) {
  std::string names;
  std::size_t count = 0;
  for (Eigen::Index r = 0; r < v.rows.rows(); ++r)
    if (v.rows.outerIndexPtr()[r + 1] == v.rows.outerIndexPtr()[r]) {
      if (++count <= 3) names += (names.empty() ? "" : ", ") + v.units[static_cast<std::size_t>(r)].name;
    }
  if (count)
    throw plansim::data_error("plansim", 2, names + (count > 3 ? " and " + std::to_string(count - 3) + " more" : ""),
                              "no term of the vocabulary is left in " + std::string(count == 1 ? "this row" : "these rows"),
                              "lower --min-df, raise --max-df or --max-features, or raise --min-chars to leave short rows out");
}

inline plansim::linkage_method linkage_method_of(const std::string& method) {
  if (method == "single") return plansim::linkage_method::single;
  if (method == "complete") return plansim::linkage_method::complete;
  if (method == "ward") return plansim::linkage_method::ward;
  return plansim::linkage_method::average;
}

/// Condensed distances for the linkage: from the similarity matrix (the same dissimilarities the
/// heatmap and map show), or for Ward the Euclidean distances of the rows (unit rows under
/// cosine), which Ward's criterion needs.
inline std::vector<double> linkage_distances(const vectorized& v, const similarities& s, const run_options& o) {
  const auto n = v.units.size();
  if (o.method == "ward" || !s.matrix) {
    if (o.method == "ward" && o.measure == plansim::measure::cosine) {
      plansim::weight_matrix<double> unit = v.rows;
      plansim::normalize_rows(unit, plansim::norm::l2);
      return plansim::condensed_distances(unit, plansim::distance_metric::euclidean, o.threads);
    }
    return plansim::condensed_distances(v.rows, cluster_metric(o.measure), o.threads);
  }
  const Eigen::MatrixXd d = distances_of(*s.matrix, o.measure);
  std::vector<double> condensed;
  condensed.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) condensed.push_back(d(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  return condensed;
}

inline clustering cluster_units(const vectorized& v, [[maybe_unused]] const similarities& s, const run_options& o, step_log& log) {
  clustering c;
  c.method = o.method;
  const std::size_t n = v.units.size();
  const auto metric = cluster_metric(o.measure);

  plansim::kmeans_options km;
  km.seed = o.seed;
  km.threads = o.threads;
  km.spherical = metric == plansim::distance_metric::cosine;

  // The sweep over k (k-means, as choose_k defines it), when k is auto or for the choose-k plot.
  if (n >= 3) {
    plansim::choose_k_options sweep;
    sweep.k_min = std::min(o.k_min, n - 1);
    sweep.k_max = std::min(o.k_max, n - 1);
    sweep.metric = metric;
    sweep.kmeans = km;
    sweep.kmeans.n_init = sweep_restarts;
    sweep.resamples = stability_resamples;
    sweep.sample_fraction = stability_fraction;
    c.sweep = log.run("choose_k", "choosing the number of clusters", [&] { return plansim::choose_k(v.rows, sweep); });
  }

  if (hierarchical(o.method)) {
    c.tree = log.run("linkage", "building the tree", [&] {
      return plansim::linkage(linkage_distances(v, s, o), n, linkage_method_of(o.method));
    });
    c.leaf_order = plansim::leaves_order(*c.tree);
  }

  // k: as given, or the sweep's recommendation (for a tree, the cut with the best silhouette).
  if (o.k) {
    c.k = *o.k;
    c.k_reason = "given with --k";
  } else if (!c.sweep) {
    c.k = 1;
    c.k_reason = "fewer than 3 rows: one cluster";
  } else if (!hierarchical(o.method)) {
    c.k = c.sweep->recommended_k;
    c.k_reason = c.sweep->reason;
    if (c.k == 0) {  // no k of the range gave two distinct clusters
      c.k = 1;
      c.k_reason = "no k from " + std::to_string(c.sweep->rows.front().k) + " to " + std::to_string(c.sweep->rows.back().k) +
                   " split the rows into distinct clusters: one cluster";
    }
  } else {
    double best = -std::numeric_limits<double>::infinity();
    for (const auto& row : c.sweep->rows) {
      const auto labels = plansim::cut_exactly_k(*c.tree, row.k);
      const double score = plansim::silhouette_score(v.rows, labels, metric, o.threads);
      c.tree_silhouette.push_back(score);
      if (score > best) {
        best = score;
        c.k = row.k;
      }
    }
    if (c.k == 0) c.k = 1;  // every cut scored NaN (rows that cannot be told apart)
    c.k_reason = "the cut of the tree with the highest mean silhouette (" + plansim::detail::format_number(std::round(best * 1000) / 1000) +
                 ") over k = " + std::to_string(c.sweep->rows.front().k) + ".." + std::to_string(c.sweep->rows.back().k);
  }

  log.run("cluster", nullptr, [&] {
    if (!hierarchical(o.method)) {
      km.k = c.k;
      c.labels = plansim::canonical_labels(plansim::kmeans(v.rows, km).labels);
    } else {
      c.labels = plansim::cut_exactly_k(*c.tree, c.k);
    }
  });
  if (c.leaf_order.size() != n) {  // k-means: cluster by cluster, documents in order within each
    c.leaf_order.resize(n);
    std::iota(c.leaf_order.begin(), c.leaf_order.end(), std::size_t{0});
    std::stable_sort(c.leaf_order.begin(), c.leaf_order.end(), [&](std::size_t a, std::size_t b) { return c.labels[a] < c.labels[b]; });
  }

  const std::size_t k = c.k;
  c.silhouette.assign(n, std::numeric_limits<double>::quiet_NaN());
  if (k >= 2 && k < n) {
    const Eigen::VectorXd sil = plansim::silhouette_samples(v.rows, c.labels, metric, o.threads);
    for (std::size_t i = 0; i < n; ++i) c.silhouette[i] = sil(static_cast<Eigen::Index>(i));
  }
  c.document_stability.assign(n, std::numeric_limits<double>::quiet_NaN());
  c.cluster_stability.assign(k, std::numeric_limits<double>::quiet_NaN());
  if (k >= 2 && n >= 4) {
    log.run("stability", "measuring stability", [&] {
      plansim::kmeans_options resample = km;
      resample.k = k;
      resample.n_init = sweep_restarts;
      const auto st = plansim::stability(v.rows, c.labels, resample, stability_resamples, stability_fraction);
      c.document_stability = st.document_stability;
      c.cluster_stability = st.cluster_stability;
    });
  }
  c.medoids = plansim::medoids(v.rows, c.labels);

  log.run("explain", nullptr, [&] {
    plansim::cluster_terms_options terms;
    c.terms = plansim::cluster_terms(v.counts.counts, c.labels, terms);
    // Evidence: each unit's paragraphs, counted with the same analyzer and vocabulary.
    std::vector<std::string> texts, names;
    for (std::size_t u = 0; u < n; ++u) {
      texts.emplace_back(unit_view(v, u));
      names.push_back(v.units[u].name);
    }
    const plansim::corpus units = plansim::from_strings(std::move(texts), std::move(names));
    const auto passages = plansim::split_paragraphs(units);
    const auto found = plansim::evidence_passages(units, passages, plansim::text_analyzer(o.analyzer), v.counts.vocabulary,
                                                  c.labels, c.terms, {.per_term = 2, .threads = o.threads});
    c.evidence.resize(found.size());
    for (std::size_t cl = 0; cl < found.size(); ++cl)
      for (const auto& term : found[cl]) {
        std::vector<evidence_quote> quotes;
        for (const auto& p : term.passages) {
          const std::size_t u = p.span.document;
          quotes.push_back({u, v.units[u].begin + p.span.begin, v.units[u].begin + p.span.end, p.occurrences});
        }
        c.evidence[cl].push_back(std::move(quotes));
      }
  });
  return c;
}

}  // namespace plansim_cli
