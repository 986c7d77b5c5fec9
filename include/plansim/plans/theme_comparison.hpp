#pragma once
/// @file
/// Comparing plans theme by theme: a similarity matrix and a clustering for each of the four
/// themes of the 2024 productivity plans, one for the plans as a whole, and how far the
/// clusterings agree.
///
/// Two councils can write alike about technology and quite differently about barriers; one
/// similarity over whole plans blurs that. compare_by_theme cuts every plan into its themes
/// (segment_themes), compares the plans' text on each theme separately, and says whether the
/// groups found on one theme are the groups found on another (a low agreement means "which
/// councils are alike" depends on the theme asked about).
///
/// **Theme texts.** The text of document d on theme t is the text (document::text, so masked
/// markdown marks are spaces) of its paragraphs labelled t, in document order, joined by blank
/// lines; heading paragraphs count (a heading belongs to its section). Its *words* w_t(d) are the
/// terms the analyzer yields for it (theme_comparison_options::analyzer, so stop words are not
/// words; with n-grams, n-grams are counted). Document d is *present* on theme t when
/// w_t(d) >= max(1, min_words): a plan that skips a theme, or gives it one line, is left out of
/// that theme's comparison rather than counted as unlike everything.
///
/// **One vocabulary.** The present theme texts of all four themes are counted together
/// (count_terms) and weighted together (weigh with theme_comparison_options::scheme), so a term's
/// document frequency counts theme texts, n = Σ_t (present documents on t), and the weights of
/// different themes are on one scale. With the default scikit-learn scheme,
///
///     x_t(d)[term] = count(term, text_t(d)) · (ln((1 + n) / (1 + df(term))) + 1),  then L2-normalised.
///
/// **Per-theme similarity.** For documents i, j both present on theme t,
///
///     s_t(i, j) = cos(x_t(i), x_t(j)) = x_t(i)·x_t(j) / (‖x_t(i)‖ ‖x_t(j)‖)
///
/// (the cosine of similarity/measures.hpp, computed here as a merge of the two sparse rows) in
/// [0, 1] since weights are >= 0; 0 when either vector is all zero (possible only with an idf
/// that can be 0, such as quanteda's log10(n/df) for a term in every theme text). s_t(i, i) = 1
/// for a present document; every entry in the row and column of an absent document is 0
/// (its diagonal too), so the matrix is symmetric with entries in [0, 1].
///
/// **Combined view.** A document is present when it is present on at least one theme. For i ≠ j
/// both present, with T(i, j) the themes both are present on,
///
///     S(i, j) = (1 / |T(i, j)|) Σ_{t ∈ T(i, j)} s_t(i, j),    0 when T(i, j) is empty,
///
/// the mean over the themes both plans address, so a plan that skips a theme is compared on the
/// others instead of being pulled apart by the one it skipped; S(i, i) = 1 when present. (Two
/// plans with no theme in common get 0: nothing says they are alike.)
///
/// **Clustering.** Each view clusters its present documents only: agglomerative clustering
/// (cluster/linkage.hpp, theme_comparison_options::method) of the condensed distances
/// d(i, j) = 1 − s(i, j) (√(2(1 − s(i, j))) for Ward, the Euclidean distance of unit vectors
/// with that cosine, since Ward needs Euclidean input), clamped at 0 against rounding. Leaf q of
/// theme_view::tree is document theme_view::documents[q], the present documents in increasing id
/// order; the tree is empty when fewer than 2 documents are present. The tree is cut with
/// cut_by_k into at most min(k, m) clusters, m = present documents (SciPy's maxclust: fewer when
/// tied heights straddle the cut, so equally distant documents are never split arbitrarily);
/// one present document is cluster 0. Labels are canonical (cluster/labels.hpp: numbered by size,
/// largest first, ties by smallest document id) and -1 for absent documents.
///
/// **Agreement.** agreement(a, b) is the adjusted Rand index (Hubert & Arabie 1985;
/// cluster/agreement.hpp, as scikit-learn's adjusted_rand_score) between the labels of views a
/// and b over the documents present in both, NaN when fewer than 2 are. It is 1 for identical
/// groupings (so 1 on the diagonal wherever a view has 2 or more documents), about 0 for groupings
/// no more alike than chance, and can be negative. Symmetric.
///
/// Deterministic, and identical for any theme_comparison_options::threads (counting and weighting
/// use them; the similarity and linkage steps are serial, O(N²) per view).
///
/// Plans quote the government's theme questions; those shared words raise every similarity a
/// little. Compare `mask_template_text(c, find_template_text(c))` (plans/template_mask.hpp) to
/// leave them out.

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/cluster/agreement.hpp"
#include "plansim/cluster/dendrogram.hpp"
#include "plansim/cluster/linkage.hpp"
#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/passages.hpp"
#include "plansim/detail/parallel.hpp"
#include "plansim/error.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/plans/themes.hpp"
#include "plansim/text/analyzer.hpp"
#include "plansim/weighting/tf_idf.hpp"

namespace plansim {

/// Options of compare_by_theme.
struct theme_comparison_options {
  /// Turns theme texts into terms (and counts their words).
  analyzer_options analyzer = analyzer_options::english();
  /// Weighting of the counted theme texts.
  tf_idf scheme = tf_idf::sklearn();
  /// Clusters per view (at most; see the file comment). >= 1.
  std::size_t k = 2;
  /// Agglomerative linkage of each view.
  linkage_method method = linkage_method::average;
  /// How plans are cut into themes (not used by the overload taking themed passages).
  theme_options themes = {};
  /// A document is present on a theme with at least this many words there (and at least 1).
  std::size_t min_words = 20;
  /// Worker threads for counting and weighting; 0 means one per hardware thread. The result is
  /// identical for any value.
  std::size_t threads = 1;
};

/// One theme's comparison (or the combined one) of the N documents of a corpus.
struct theme_view {
  /// The theme; std::nullopt for the combined view.
  std::optional<theme> label;
  /// theme_name(*label), or "combined".
  std::string name;
  /// Per document: its words on the theme (combined view: the sum over the four themes).
  std::vector<std::size_t> words;
  /// Per document: whether it takes part in this view.
  std::vector<bool> present;
  /// The present documents' ids, increasing; leaf q of `tree` is document documents[q].
  std::vector<std::size_t> documents;
  /// N × N, symmetric, in [0, 1]: s_t (or S for the combined view); 1 on the diagonal of present
  /// documents, 0 in the rows and columns of absent ones.
  Eigen::MatrixXd similarity;
  /// Over the present documents only (leaves numbered 0..m−1, see `documents`); empty when
  /// fewer than 2 are present.
  linkage_matrix tree;
  /// Per document: its cluster (canonical 0-based ids), -1 when absent.
  std::vector<int> labels;
};

/// The result of compare_by_theme.
struct theme_comparison {
  /// The four themes in theme order (transformation, technology, waste, barriers), then the
  /// combined view: views[theme_comparison::combined].
  std::vector<theme_view> views;
  /// views × views adjusted Rand index over the documents present in both; NaN where fewer
  /// than 2 are.
  Eigen::MatrixXd agreement;

  /// Index of the combined view in `views`.
  static constexpr std::size_t combined = 4;
  /// The view of theme `t`. @throws std::out_of_range for theme::other, which has no view.
  [[nodiscard]] const theme_view& of(theme t) const { return views.at(static_cast<std::size_t>(t) - 1); }
};

namespace plans_detail {

inline constexpr std::size_t compared_themes = 4;

inline void check_comparison(const corpus& c, const theme_comparison_options& o) {
  if (c.size() == 0)
    throw invalid_argument("theme_comparison", 1, "compare_by_theme", "the corpus is empty",
                           "read at least one document");
  if (o.k < 1)
    throw invalid_argument("theme_comparison", 2, "compare_by_theme", "k = 0 is below 1",
                           "ask for at least 1 cluster, e.g. 2");
}

/// Per theme (0..3 for themes 1..4), per document: the theme text.
inline std::vector<std::vector<std::string>> theme_texts(const corpus& c, const std::vector<themed_passage>& themed) {
  struct piece {
    std::size_t document, begin, end, theme;
  };
  std::vector<piece> pieces;
  for (std::size_t i = 0; i < themed.size(); ++i) {
    const themed_passage& t = themed[i];
    const auto value = static_cast<std::size_t>(static_cast<int>(t.label));
    if (static_cast<int>(t.label) < 0 || value >= theme_count)
      throw invalid_argument("theme_comparison", 4, "compare_by_theme",
                             "themed passage " + std::to_string(i) + " has theme value " +
                                 std::to_string(static_cast<int>(t.label)) + ", outside 0..4",
                             "label passages with plansim::theme values");
    const passage& p = t.span;
    if (p.document >= c.size() || p.begin > p.end || p.end > c[p.document].text.size())
      throw invalid_argument("theme_comparison", 3, "compare_by_theme",
                             "themed passage " + std::to_string(i) + " (document " + std::to_string(p.document) +
                                 ", bytes [" + std::to_string(p.begin) + ", " + std::to_string(p.end) +
                                 ")) lies outside the corpus",
                             "pass segment_themes of this corpus");
    if (t.label != theme::other) pieces.push_back({p.document, p.begin, p.end, value - 1});
  }
  std::stable_sort(pieces.begin(), pieces.end(), [](const piece& a, const piece& b) {
    return a.document != b.document ? a.document < b.document : a.begin < b.begin;
  });
  std::vector<std::vector<std::string>> out(compared_themes, std::vector<std::string>(c.size()));
  for (const piece& p : pieces) {
    std::string& text = out[p.theme][p.document];
    if (!text.empty()) text += "\n\n";
    text.append(std::string_view(c[p.document].text).substr(p.begin, p.end - p.begin));
  }
  return out;
}

/// ‖row r‖ of a row-major sparse matrix, summed in column order.
inline double row_norm(const weight_matrix<double>& x, Eigen::Index r) {
  double sum = 0.0;
  for (weight_matrix<double>::InnerIterator it(x, r); it; ++it) sum += it.value() * it.value();
  return std::sqrt(sum);
}

/// Dot product of rows r and s of a row-major sparse matrix: a merge of their sorted columns.
inline double row_dot(const weight_matrix<double>& x, Eigen::Index r, Eigen::Index s) {
  weight_matrix<double>::InnerIterator a(x, r), b(x, s);
  double sum = 0.0;
  while (a && b) {
    if (a.index() < b.index()) ++a;
    else if (b.index() < a.index()) ++b;
    else {
      sum += a.value() * b.value();
      ++a;
      ++b;
    }
  }
  return sum;
}

/// Clusters the present documents of `view` from its similarity matrix (see the file comment).
inline void cluster_view(theme_view& view, const theme_comparison_options& o) {
  const std::size_t n = view.present.size();
  view.documents.clear();
  for (std::size_t d = 0; d < n; ++d)
    if (view.present[d]) view.documents.push_back(d);
  const std::size_t m = view.documents.size();
  view.labels.assign(n, -1);
  view.tree.clear();
  if (m == 0) return;
  if (m == 1) {
    view.labels[view.documents[0]] = 0;
    return;
  }
  std::vector<double> condensed;
  condensed.reserve(m * (m - 1) / 2);
  const bool ward = o.method == linkage_method::ward;
  for (std::size_t p = 0; p < m; ++p)
    for (std::size_t q = p + 1; q < m; ++q) {
      const double gap = std::max(0.0, 1.0 - view.similarity(static_cast<Eigen::Index>(view.documents[p]),
                                                             static_cast<Eigen::Index>(view.documents[q])));
      condensed.push_back(ward ? std::sqrt(2.0 * gap) : gap);
    }
  view.tree = linkage(std::span<const double>(condensed), m, o.method);
  const std::vector<int> cut = cut_by_k(view.tree, std::min(o.k, m));
  for (std::size_t p = 0; p < m; ++p) view.labels[view.documents[p]] = cut[p];
}

inline double view_agreement(const theme_view& a, const theme_view& b) {
  std::vector<int> la, lb;
  for (std::size_t d = 0; d < a.present.size(); ++d)
    if (a.present[d] && b.present[d]) {
      la.push_back(a.labels[d]);
      lb.push_back(b.labels[d]);
    }
  if (la.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  return adjusted_rand_index(std::span<const int>(la), std::span<const int>(lb));
}

}  // namespace plans_detail

/// Compares the documents of `c` theme by theme, with `themed` saying which theme each passage
/// answers (segment_themes of `c`, or labels of your own; passages labelled theme::other are not
/// compared, and any order is accepted). See the file comment for every formula.
/// @throws invalid_argument [plansim.theme_comparison.1] an empty corpus, [.2] k = 0,
///         [.3] a passage outside the corpus, [.4] a passage labelled with no theme value;
///         whatever text_analyzer throws for `options.analyzer`.
[[nodiscard]] inline theme_comparison compare_by_theme(const corpus& c, const std::vector<themed_passage>& themed,
                                                       const theme_comparison_options& options = {}) {
  plans_detail::check_comparison(c, options);
  constexpr std::size_t themes = plans_detail::compared_themes;
  const std::size_t n = c.size();
  const auto texts = plans_detail::theme_texts(c, themed);
  const text_analyzer analyzer(options.analyzer);

  theme_comparison result;
  result.views.resize(themes + 1);
  // Words of every theme text: chunk = one theme's texts for a block of documents.
  constexpr std::size_t block = 16;
  const std::size_t blocks = (n + block - 1) / block;
  std::vector<text_analyzer> workers(detail::thread_count(options.threads, themes * blocks), analyzer);
  for (std::size_t t = 0; t < themes; ++t) result.views[t].words.assign(n, 0);
  detail::for_each_chunk(themes * blocks, workers.size(), [&](std::size_t chunk, std::size_t worker) {
    const std::size_t t = chunk / blocks, first = (chunk % blocks) * block;
    for (std::size_t d = first; d < std::min(n, first + block); ++d) {
      std::size_t words = 0;
      workers[worker](texts[t][d], [&](std::string_view) { ++words; });
      result.views[t].words[d] = words;
    }
  });

  // One vocabulary over the present texts of all themes, rows theme by theme.
  const std::size_t needed = std::max<std::size_t>(1, options.min_words);
  std::vector<std::string_view> present_texts;
  std::vector<std::size_t> first_row(themes + 1, 0);
  for (std::size_t t = 0; t < themes; ++t) {
    theme_view& view = result.views[t];
    view.label = static_cast<theme>(t + 1);
    view.name = std::string(theme_name(*view.label));
    view.present.assign(n, false);
    first_row[t] = present_texts.size();
    for (std::size_t d = 0; d < n; ++d)
      if (view.words[d] >= needed) {
        view.present[d] = true;
        present_texts.emplace_back(texts[t][d]);
      }
  }
  first_row[themes] = present_texts.size();
  weight_matrix<double> weights;
  if (!present_texts.empty()) {
    const term_counts counted = count_terms(present_texts, analyzer, count_options{options.threads});
    weights = weigh<double>(counted.counts, counted.stats, options.scheme, weigh_options{options.threads});
  }

  for (std::size_t t = 0; t < themes; ++t) {
    theme_view& view = result.views[t];
    view.similarity = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    const auto m = static_cast<Eigen::Index>(first_row[t + 1] - first_row[t]);
    if (m > 0) {
      std::vector<Eigen::Index> at;
      for (std::size_t d = 0; d < n; ++d)
        if (view.present[d]) at.push_back(static_cast<Eigen::Index>(d));
      const auto first = static_cast<Eigen::Index>(first_row[t]);
      std::vector<double> norm(static_cast<std::size_t>(m));
      for (Eigen::Index p = 0; p < m; ++p) norm[static_cast<std::size_t>(p)] = plans_detail::row_norm(weights, first + p);
      for (Eigen::Index p = 0; p < m; ++p) {
        const Eigen::Index dp = at[static_cast<std::size_t>(p)];
        view.similarity(dp, dp) = 1.0;
        for (Eigen::Index q = p + 1; q < m; ++q) {
          const Eigen::Index dq = at[static_cast<std::size_t>(q)];
          const double np = norm[static_cast<std::size_t>(p)], nq = norm[static_cast<std::size_t>(q)];
          const double s = np == 0.0 || nq == 0.0
                               ? 0.0
                               : std::clamp(plans_detail::row_dot(weights, first + p, first + q) / (np * nq), 0.0, 1.0);
          view.similarity(dp, dq) = view.similarity(dq, dp) = s;
        }
      }
    }
    plans_detail::cluster_view(view, options);
  }

  theme_view& all = result.views[themes];
  all.name = "combined";
  all.words.assign(n, 0);
  all.present.assign(n, false);
  all.similarity = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t d = 0; d < n; ++d)
    for (std::size_t t = 0; t < themes; ++t) {
      all.words[d] += result.views[t].words[d];
      if (result.views[t].present[d]) all.present[d] = true;
    }
  for (std::size_t i = 0; i < n; ++i) {
    if (!all.present[i]) continue;
    const auto ii = static_cast<Eigen::Index>(i);
    all.similarity(ii, ii) = 1.0;
    for (std::size_t j = i + 1; j < n; ++j) {
      double sum = 0.0;
      std::size_t shared = 0;
      for (std::size_t t = 0; t < themes; ++t)
        if (result.views[t].present[i] && result.views[t].present[j]) {
          sum += result.views[t].similarity(ii, static_cast<Eigen::Index>(j));
          ++shared;
        }
      const double s = shared == 0 ? 0.0 : sum / static_cast<double>(shared);
      all.similarity(ii, static_cast<Eigen::Index>(j)) = all.similarity(static_cast<Eigen::Index>(j), ii) = s;
    }
  }
  plans_detail::cluster_view(all, options);

  const auto v = static_cast<Eigen::Index>(result.views.size());
  result.agreement.resize(v, v);
  for (Eigen::Index a = 0; a < v; ++a)
    for (Eigen::Index b = a; b < v; ++b)
      result.agreement(a, b) = result.agreement(b, a) = plans_detail::view_agreement(
          result.views[static_cast<std::size_t>(a)], result.views[static_cast<std::size_t>(b)]);
  return result;
}

/// compare_by_theme with the passages' themes found by segment_themes(c, options.themes).
/// @throws as the overload above, and [plansim.plans.1-5] for bad options.themes.
[[nodiscard]] inline theme_comparison compare_by_theme(const corpus& c, const theme_comparison_options& options = {}) {
  plans_detail::check_comparison(c, options);
  return compare_by_theme(c, segment_themes(c, options.themes), options);
}

}  // namespace plansim
