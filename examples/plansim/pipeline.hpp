#pragma once
// The plansim program's pipeline: folder -> units (documents or paragraphs) -> counts -> weights
// -> neighbours, similarity matrix and a 2-D map. Each step hands one value to the next and is
// timed for run.json.
#include <plansim/plans.hpp>
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <filesystem>
#include <optional>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include "options.hpp"

namespace plansim_cli {

/// Times each step for run.json and, when stderr is a terminal and --quiet is off, says what
/// is happening (only steps that may take a while are announced).
class step_log {
 public:
  explicit step_log(bool quiet) : show_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

  template <class Step>
  decltype(auto) run(const char* name, const char* announcement, Step&& step) {
    if (show_ && announcement) std::fprintf(stderr, "plansim: %s...\n", announcement);
    const auto start = std::chrono::steady_clock::now();
    struct record {
      step_log& log;
      const char* name;
      std::chrono::steady_clock::time_point start;
      ~record() {
        log.steps_.emplace_back(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      }
    } guard{*this, name, start};
    return step();
  }

  [[nodiscard]] const std::vector<std::pair<std::string, double>>& steps() const noexcept { return steps_; }

 private:
  bool show_;
  std::vector<std::pair<std::string, double>> steps_;
};

/// What the analysis treats as one row: a whole document, or one paragraph of it.
struct unit_text {
  std::size_t document = 0;
  std::size_t begin = 0, end = 0;  // bytes of the document's text
  std::string name;
  std::string theme;  // --unit theme: the productivity-plan theme the section answers
};

struct input_file {
  std::string name, path;
  std::uintmax_t bytes = 0;
  std::string sha256;
};

struct vectorized {
  plansim::corpus docs;
  std::vector<input_file> files;
  std::filesystem::path metadata_path;
  std::string metadata_sha256;
  plansim::metadata_report metadata_report;
  std::vector<unit_text> units;
  plansim::term_counts counts;
  plansim::weight_matrix<double> weights;
  /// The rows documents are compared and clustered by: `weights`, or with --space lsa:D their LSA
  /// embeddings (stored sparse, so every later step takes one type).
  plansim::weight_matrix<double> rows;
  /// With --space lsa:D: the share of the weights' variance the D dimensions keep.
  std::optional<double> lsa_explained_variance;
};

inline std::string_view unit_view(const vectorized& v, std::size_t u) {
  const unit_text& t = v.units[u];
  return std::string_view(v.docs[t.document].text).substr(t.begin, t.end - t.begin);
}

/// The metadata file: --metadata, else councils.csv or metadata.csv in the folder when present.
inline std::filesystem::path metadata_file(const run_options& o) {
  if (!o.metadata.empty()) return o.metadata;
  for (const char* name : {"councils.csv", "metadata.csv"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(o.folder / name, ec)) return o.folder / name;
  }
  return {};
}

inline vectorized vectorize(const run_options& o, step_log& log) {
  vectorized v;
  log.run("read", nullptr, [&] {
    plansim::folder_options read_options;
    read_options.markdown = o.markdown;
    v.docs = plansim::read_folder(o.folder, read_options);
    for (const auto& d : v.docs) {
      std::error_code ec;
      const auto bytes = std::filesystem::file_size(d.path, ec);
      v.files.push_back({d.name, d.path, ec ? 0 : bytes, plansim::sha256_file(d.path)});
    }
    v.metadata_path = metadata_file(o);
    if (!v.metadata_path.empty()) {
      v.metadata_report = plansim::attach_metadata(v.docs, v.metadata_path);
      v.metadata_sha256 = plansim::sha256_file(v.metadata_path);
    }
  });
  log.run("units", nullptr, [&] {
    for (const auto& d : v.docs) {
      if (o.unit == unit_kind::document) {
        if (d.text.size() >= o.min_chars) v.units.push_back({d.id, 0, d.text.size(), d.name});
        continue;
      }
      if (o.unit == unit_kind::paragraph) {
        for (const auto& p : plansim::split_paragraphs(d))
          if (p.end - p.begin >= o.min_chars)
            v.units.push_back({d.id, p.begin, p.end, d.name + "#" + std::to_string(p.index), {}});
        continue;
      }
      // --unit theme: each run of consecutive paragraphs answering one theme (segment_themes) is a
      // row, from its first paragraph's start to its last one's end, named document#theme.
      const auto themed = plansim::segment_themes(d);
      std::array<std::size_t, plansim::theme_count> runs{};
      for (std::size_t i = 0; i < themed.size();) {
        std::size_t j = i;
        while (j + 1 < themed.size() && themed[j + 1].label == themed[i].label) ++j;
        const auto t = themed[i].label;
        const std::string theme(plansim::theme_name(t));
        const std::size_t begin = themed[i].span.begin, end = themed[j].span.end;
        const std::size_t run = ++runs[static_cast<std::size_t>(t)];
        if (end - begin >= o.min_chars)
          v.units.push_back({d.id, begin, end, d.name + "#" + theme + (run > 1 ? "-" + std::to_string(run) : ""), theme});
        i = j + 1;
      }
    }
    if (v.units.empty())
      throw plansim::data_error("plansim", 1, o.folder.string(),
                                "no " + std::string(o.unit == unit_kind::paragraph ? "paragraph" : o.unit == unit_kind::theme ? "theme section" : "document") +
                                    " is at least " + std::to_string(o.min_chars) + " bytes long",
                                "lower --min-chars");
  });
  log.run("count", "counting terms", [&] {
    std::vector<std::string_view> texts;
    texts.reserve(v.units.size());
    for (std::size_t u = 0; u < v.units.size(); ++u) texts.push_back(unit_view(v, u));
    v.counts = plansim::count_terms(texts, plansim::text_analyzer(o.analyzer), {.threads = o.threads});
    const bool prunes = o.prune.max_features || o.prune.min_df.value != 1.0 || o.prune.min_df.proportion ||
                        !o.prune.max_df.proportion || o.prune.max_df.value != 1.0;
    if (prunes) v.counts = plansim::prune(v.counts, o.prune);
  });
  log.run("weigh", nullptr, [&] {
    // Each result is swapped in: Eigen 3.4's SparseMatrix has no move, so assigning would copy it.
    const plansim::weigh_options threads{.threads = o.threads};
    switch (o.weighting) {
      case weighting_kind::tfidf: plansim::weigh<double>(v.counts.counts, v.counts.stats, o.tf_idf, threads).swap(v.weights); break;
      case weighting_kind::bm25: plansim::weigh<double>(v.counts.counts, v.counts.stats, plansim::bm25{}).swap(v.weights); break;
      case weighting_kind::tf: {
        const plansim::tf_idf scheme{o.tf_idf.tf, {plansim::idf_kind::none, 2.718281828459045, 0.0}, plansim::norm::l2};
        plansim::weigh<double>(v.counts.counts, v.counts.stats, scheme, threads).swap(v.weights);
        break;
      }
      case weighting_kind::binary: {
        const plansim::tf_idf scheme{plansim::tf_scheme::binary, {plansim::idf_kind::none, 2.718281828459045, 0.0}, plansim::norm::l2};
        plansim::weigh<double>(v.counts.counts, v.counts.stats, scheme, threads).swap(v.weights);
        break;
      }
    }
  });
  if (o.lsa_dimensions == 0) {
    v.rows = v.weights;
  } else {
    const auto most = std::min<std::size_t>(static_cast<std::size_t>(v.weights.rows()), static_cast<std::size_t>(v.weights.cols()));
    if (o.lsa_dimensions > most)
      bad_option("--space", o.raw.space, "asks for more dimensions than the " + std::to_string(v.weights.rows()) + " rows and " +
                                             std::to_string(v.weights.cols()) + " terms allow",
                 "give lsa:D with D at most " + std::to_string(most));
    log.run("lsa", "reducing to LSA dimensions", [&] {
      const auto reduced = plansim::lsa(v.weights, {.dimensions = o.lsa_dimensions, .seed = o.seed, .threads = o.threads});
      v.rows = reduced.embedding.sparseView();
      v.lsa_explained_variance = reduced.explained_variance_ratio.sum();
    });
  }
  return v;
}

/// The full similarity matrix is written (and drawn) only up to this many units.
inline constexpr std::size_t max_matrix_units = 2000;

struct similarities {
  plansim::neighbor_lists<double> neighbors;
  std::optional<Eigen::MatrixXd> matrix;  // N x N, when N <= max_matrix_units
  Eigen::MatrixXd map;                    // N x 2 classical MDS coordinates (empty without matrix)
  std::vector<double> map_variance;       // share of the (positive) eigenvalue mass per axis
};

inline plansim::similarity_options similarity_options_of(const run_options& o) {
  plansim::similarity_options s;
  s.measure = o.measure;
  s.kernel.threads = o.threads;
  return s;
}

/// Nearest neighbours by top-k (memory O(N k)), or by threshold when only --threshold is given.
inline plansim::neighbor_lists<double> find_neighbors(const plansim::weight_matrix<double>& x, const run_options& o) {
  const auto n = static_cast<std::size_t>(x.rows());
  const auto options = similarity_options_of(o);
  const bool distance = plansim::is_distance(o.measure);
  if (n < 2) return plansim::neighbor_lists<double>(std::vector<std::size_t>(n + 1, 0), {});
  if (!o.top_k && o.threshold)  // threshold pairs are i < j: list each in both rows
    return plansim::neighbor_lists_from_pairs(plansim::threshold(x, *o.threshold, options), n, o.measure);
  const std::size_t k = std::min<std::size_t>(o.top_k.value_or(10), n - 1);
  auto lists = plansim::top_k(x, static_cast<Eigen::Index>(k), options);
  if (!o.threshold) return lists;
  std::vector<std::size_t> offsets{0};
  std::vector<plansim::neighbor<double>> entries;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    for (const auto& nb : lists[i])
      if (distance ? nb.score <= *o.threshold : nb.score >= *o.threshold) entries.push_back(nb);
    offsets.push_back(entries.size());
  }
  return {std::move(offsets), std::move(entries)};
}

/// Distances for the map from the similarity matrix: the measure itself for distances, 1 - s for
/// bounded similarities, and for the dot product the Euclidean distance it implies,
/// sqrt(s_ii + s_jj - 2 s_ij).
inline Eigen::MatrixXd distances_of(const Eigen::MatrixXd& s, plansim::measure m) {
  const Eigen::Index n = s.rows();
  Eigen::MatrixXd d(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j) d(i, j) = 0.0;
      else if (plansim::is_distance(m)) d(i, j) = s(i, j);
      else if (m == plansim::measure::dot) d(i, j) = std::sqrt(std::max(0.0, s(i, i) + s(j, j) - 2.0 * s(i, j)));
      else d(i, j) = std::max(0.0, 1.0 - s(i, j));
    }
  return d;
}

/// The eigenpairs of the symmetric matrix `b` with the two largest eigenvalues, ascending order
/// like SelfAdjointEigenSolver. Exact (Eigen's solver) up to 300 rows; above that, where an
/// O(N^3) solve takes minutes, subspace iteration with Rayleigh-Ritz on six vectors from a fixed
/// start (Golub and Van Loan, *Matrix Computations*, 4th ed., 2013, section 8.2.4), which costs
/// O(N^2) per step and stops when the two Ritz values change by less than 1e-12 relative.
inline std::pair<Eigen::Vector2d, Eigen::MatrixXd> top_two_eigenpairs(const Eigen::MatrixXd& b) {
  const Eigen::Index n = b.rows();
  if (n <= 300) {
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(b);
    const Eigen::Index take = std::min<Eigen::Index>(2, n);
    Eigen::Vector2d values = Eigen::Vector2d::Zero();
    Eigen::MatrixXd vectors = Eigen::MatrixXd::Zero(n, 2);
    for (Eigen::Index a = 0; a < take; ++a) {
      values(1 - a) = solver.eigenvalues()(n - 1 - a);
      vectors.col(1 - a) = solver.eigenvectors().col(n - 1 - a);
    }
    return {values, vectors};
  }
  const Eigen::Index p = 6;
  Eigen::MatrixXd v(n, p);
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;  // splitmix64: a fixed, portable start
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < p; ++j) {
      std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      z ^= z >> 31;
      v(i, j) = static_cast<double>(z >> 11) * 0x1.0p-53 - 0.5;
    }
  Eigen::MatrixXd ritz_vectors;
  Eigen::VectorXd ritz_values, previous = Eigen::VectorXd::Constant(p, std::numeric_limits<double>::infinity());
  for (int step = 0; step < 1000; ++step) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(v);
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, p);
    const Eigen::MatrixXd bq = b * q;
    const Eigen::MatrixXd t = q.transpose() * bq;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> small(0.5 * (t + t.transpose()));
    ritz_values = small.eigenvalues();
    ritz_vectors = q * small.eigenvectors();
    v = bq * small.eigenvectors();
    const double scale = std::max(std::abs(ritz_values(p - 1)), 1e-300);
    if (std::abs(ritz_values(p - 1) - previous(p - 1)) <= 1e-12 * scale &&
        std::abs(ritz_values(p - 2) - previous(p - 2)) <= 1e-12 * scale)
      break;
    previous = ritz_values;
  }
  return {Eigen::Vector2d(ritz_values(p - 2), ritz_values(p - 1)), ritz_vectors.rightCols(2)};
}

/// Classical (Torgerson) multidimensional scaling: the top two eigenvectors of the double-centred
/// squared distances B = -1/2 J D^2 J, scaled by the square roots of their eigenvalues.
/// Reference: Borg and Groenen, *Modern Multidimensional Scaling*, 2nd ed., 2005, ch. 12.
/// Signs are fixed so each axis's largest coordinate in absolute value is positive. The share of
/// each axis is its eigenvalue over the trace of B (the sum of all eigenvalues).
inline std::pair<Eigen::MatrixXd, std::vector<double>> classical_mds(const Eigen::MatrixXd& d) {
  const Eigen::Index n = d.rows();
  Eigen::MatrixXd b = d.cwiseProduct(d);
  const Eigen::VectorXd row_mean = b.rowwise().mean();
  const double mean = row_mean.mean();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) b(i, j) = -0.5 * (b(i, j) - row_mean(i) - row_mean(j) + mean);
  const auto [values, vectors] = top_two_eigenpairs(b);
  const double trace = b.trace();
  Eigen::MatrixXd coords = Eigen::MatrixXd::Zero(n, 2);
  std::vector<double> share;
  for (Eigen::Index axis = 0; axis < 2; ++axis) {
    const double lambda = std::max(0.0, values(1 - axis));
    Eigen::VectorXd x = vectors.col(1 - axis) * std::sqrt(lambda);
    Eigen::Index big = 0;
    x.cwiseAbs().maxCoeff(&big);
    if (x(big) < 0) x = -x;
    coords.col(axis) = x;
    share.push_back(trace > 0.0 ? lambda / trace : 0.0);
  }
  return {coords, share};
}

inline similarities compare(const vectorized& v, const run_options& o, step_log& log) {
  similarities s;
  s.neighbors = log.run("neighbors", "finding nearest neighbours", [&] { return find_neighbors(v.rows, o); });
  if (v.units.size() <= max_matrix_units) {
    s.matrix = log.run("similarity_matrix", nullptr, [&] { return Eigen::MatrixXd(plansim::pairwise(v.rows, o.measure)); });
    log.run("map", v.units.size() > 300 ? "placing documents on the map" : nullptr, [&] {
      auto [coords, share] = classical_mds(distances_of(*s.matrix, o.measure));
      s.map = std::move(coords);
      s.map_variance = std::move(share);
    });
  }
  return s;
}

}  // namespace plansim_cli
