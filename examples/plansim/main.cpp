// plansim: one command from a folder of plans to a reproducible run bundle and a report.
//
//   plansim analyze [DIR] [--out DIR] [options]      the whole pipeline (default: the sample corpus)
//   plansim vectorize [DIR] --out DIR [options]      counts.mtx, weights.mtx, vocabulary.txt, documents.csv
//   plansim neighbors [DIR] --out DIR --top-k K      nearest neighbours -> neighbors.csv
//   plansim choose-k [DIR] --out DIR --k-range 2..10 the sweep over k -> choose_k.csv
//   plansim compare RUN_A RUN_B                      agreement of two runs' clusterings (ARI, NMI, AMI)
//
// Exit status: 0 success, 1 bad data or I/O (the message names the file), 2 bad command line
// (the message names the option and says what to do).
#include <plansim/plansim.hpp>
#include <plansim/report.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cmath>
#include <algorithm>
#include <exception>
#include <functional>
#include <optional>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_files.hpp"
#include "cluster_files.hpp"
#include "clustering.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "pipeline.hpp"
#include "plans_files.hpp"
#include "report_html.hpp"

namespace fs = std::filesystem;
using namespace plansim_cli;

namespace {

/// The bundled sample corpus: installed next to the program (PREFIX/share/plansim/data/...),
/// else the source tree this program was built from.
fs::path sample_corpus() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = self.parent_path().parent_path() / "share" / "plansim" / "data" / "productivity-plans";
    if (fs::is_directory(installed, ec)) return installed;
  }
  const fs::path source = PLANSIM_SAMPLE_CORPUS;
  if (fs::is_directory(source, ec)) return source;
  throw usage_error("DIR: no folder given and the bundled sample corpus was not found at " + source.string() +
                    " (give the folder of .txt/.md files to analyse)");
}

void add_vector_options(CLI::App* app, raw_options& raw) {
  app->add_option("DIR", raw.folder, "Folder of .txt/.md files, read recursively (default: the bundled sample corpus)");
  app->add_option("--unit", raw.unit, "What one row is: document, paragraph, or theme (each plan's section on each of the four productivity-plan themes)")->capture_default_str();
  app->add_option("--min-chars", raw.min_chars, "Leave out rows shorter than this many bytes (default 0 for documents, 200 for paragraphs)");
  app->add_option("--markdown", raw.markdown, "Mask markdown syntax: always, extension (.md only) or never")->capture_default_str();
  app->add_option("--token-pattern", raw.token_pattern, "Tokenizer: words (keeps £1.2m, 17%) or sklearn ((?u)\\b\\w\\w+\\b)")->capture_default_str();
  app->add_option("--stop-words", raw.stop_words, "english (Snowball), sklearn, none, or a FILE with one word per line")->capture_default_str();
  app->add_flag("--stem", raw.stem, "Porter2 stemming");
  app->add_option("--ngram-range", raw.ngram_range, "MIN,MAX word n-grams, as scikit-learn's ngram_range")->capture_default_str();
  app->add_option("--min-df", raw.min_df, "Drop terms in fewer documents: a count (2) or a proportion (0.1)")->capture_default_str();
  app->add_option("--max-df", raw.max_df, "Drop terms in more documents: a count (50) or a proportion (0.8)")->capture_default_str();
  app->add_option("--max-features", raw.max_features, "Keep only this many of the most frequent terms");
  app->add_option("--weighting", raw.weighting, "tfidf, bm25, tf or binary")->capture_default_str();
  app->add_option("--preset", raw.preset, "tf-idf formula: sklearn, quanteda or gensim")->capture_default_str();
  app->add_flag("--sublinear-tf", raw.sublinear_tf, "tf = 1 + ln(count), as scikit-learn's sublinear_tf");
  app->add_option("--metadata", raw.metadata, "CSV joined to documents by its first column (default: councils.csv or metadata.csv in DIR)");
  app->add_option("--threads", raw.threads, "Worker threads, 0 = one per core; results do not depend on it")->capture_default_str();
  app->add_flag("-q,--quiet", raw.quiet, "No progress or summary; errors only");
}

void add_similarity_options(CLI::App* app, raw_options& raw) {
  app->add_option("--measure", raw.measure,
                  "cosine, dot, jaccard, dice, tanimoto, pearson, euclidean, hellinger or jensen_shannon")->capture_default_str();
  app->add_option("--space", raw.space, "Compare documents as term vectors (terms) or as D-dimensional LSA embeddings (lsa:D)")
      ->capture_default_str();
  app->add_option("--top-k", raw.top_k, "Neighbours kept per row (default 10)");
  app->add_option("--threshold", raw.threshold, "Keep neighbours at least this similar (at most this distant); alone, finds all such pairs");
}

void add_cluster_options(CLI::App* app, raw_options& raw) {
  app->add_option("--method", raw.method, "Clustering: kmeans, average, complete, single or ward (default average; kmeans in a build without hierarchical clustering)");
  app->add_option("--k", raw.k, "Number of clusters, or auto (chosen over --k-range)")->capture_default_str();
  app->add_option("--k-range", raw.k_range, "MIN..MAX numbers of clusters to compare")->capture_default_str();
  app->add_option("--seed", raw.seed, "Seed for every random choice")->capture_default_str();
}

run_options resolve(raw_options raw) {
  if (raw.folder.empty()) raw.folder = sample_corpus().string();
  return check_options(raw);
}

void say(const run_options& o, const std::string& text) {
  if (!o.quiet) std::fputs(text.c_str(), stdout);
}

std::string file_list(const std::vector<std::string>& files) {
  std::string out;
  for (const auto& f : files) out += (out.empty() ? "" : ", ") + f;
  return out;
}

int vectorize_command(const run_options& o, const std::vector<std::string>& arguments) {
  plansim::run_bundle bundle(o.out);
  step_log log(o.quiet);
  const vectorized v = vectorize(o, log);
  log.run("write", nullptr, [&] { write_vectors(bundle, v, o); });
  const run_record record{"vectorize", arguments, log.steps(), {}, {}};
  bundle.write("run.json", [&](std::ostream& out) { out << run_json(record, o, v, bundle.files()); });
  bundle.commit();
  say(o, "plansim: " + std::to_string(v.units.size()) + " rows x " + std::to_string(v.counts.vocabulary.size()) +
             " terms -> " + o.out.string() + "/ (" + file_list(bundle.files()) + ")\n");
  return 0;
}

int neighbors_command(const run_options& o, const std::vector<std::string>& arguments) {
  plansim::run_bundle bundle(o.out);
  step_log log(o.quiet);
  const vectorized v = vectorize(o, log);
  const auto nn = log.run("neighbors", "finding nearest neighbours", [&] { return find_neighbors(v.rows, o); });
  bundle.write("documents.csv", [&](std::ostream& out) { write_documents_csv(out, v); });
  bundle.write("neighbors.csv", [&](std::ostream& out) { write_neighbors_csv(out, v, nn); });
  const run_record record{"neighbors", arguments, log.steps(), {{"neighbor_pairs", static_cast<double>(nn.entries().size())}}, {}};
  bundle.write("run.json", [&](std::ostream& out) { out << run_json(record, o, v, bundle.files()); });
  bundle.commit();
  say(o, "plansim: " + std::to_string(nn.entries().size()) + " neighbours of " + std::to_string(v.units.size()) +
             " rows -> " + o.out.string() + "/neighbors.csv\n");
  return 0;
}

int analyze_command(const run_options& o, const std::vector<std::string>& arguments) {
  plansim::run_bundle bundle(o.out);
  step_log log(o.quiet);
  const vectorized v = vectorize(o, log);
  const std::size_t n = v.units.size();
  check_clustering_options(o, n);
  const similarities s = compare(v, o, log);

  std::vector<extra_column> extra;
  if (s.map.rows() == static_cast<Eigen::Index>(n)) {
    extra.push_back({"map_x", std::vector<double>(s.map.col(0).data(), s.map.col(0).data() + n), false});
    extra.push_back({"map_y", std::vector<double>(s.map.col(1).data(), s.map.col(1).data() + n), false});
  }
  std::vector<std::string> absent;
  std::vector<std::pair<std::string, double>> metrics;
  std::optional<clustering> clusters;
  cluster_view view;
  if (n >= 2) {
    check_no_empty_rows(v);
    clusters = cluster_units(v, s, o, log);
    for (auto& column : cluster_columns(*clusters)) extra.push_back(std::move(column));
    view = cluster_view_of(v, *clusters);
    metrics.emplace_back("k", static_cast<double>(clusters->k));
    if (v.lsa_explained_variance) metrics.emplace_back("lsa_explained_variance", *v.lsa_explained_variance);
    double sum = 0.0;
    std::size_t count = 0;
    for (const double x : clusters->silhouette)
      if (std::isfinite(x)) sum += x, ++count;
    if (count) metrics.emplace_back("mean_silhouette", sum / static_cast<double>(count));
    if (clusters->tree && s.matrix) {
      std::vector<double> condensed;
      const Eigen::MatrixXd d = distances_of(*s.matrix, o.measure);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) condensed.push_back(d(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
      // Undefined when the distances or the tree's heights are all equal (near-identical rows):
      // then run.json has no cophenetic_correlation rather than the run failing.
      const bool varied = std::adjacent_find(condensed.begin(), condensed.end(), std::not_equal_to<>()) != condensed.end();
      if (n >= 3 && varied) {
        try {
          metrics.emplace_back("cophenetic_correlation", plansim::cophenetic_correlation(*clusters->tree, condensed));
        } catch (const plansim::invalid_argument&) {
          absent.push_back("cophenetic_correlation: the tree's merge heights are all equal, the correlation is undefined");
        }
      }
    }
    if (!hierarchical(o.method)) {
      absent.push_back("linkage.csv, dendrogram.nwk: k-means builds no tree (use --method average, complete, single or ward)");
      view.tree_note = "k-means builds no tree: use --method average, complete, single or ward for one.";
    }
    if (!clusters->sweep) absent.push_back("choose_k.csv: fewer than 3 rows, no k to choose");
  } else {
    absent.push_back("clusters.csv, cluster_terms.csv, evidence.csv, choose_k.csv, linkage.csv, dendrogram.nwk: one row cannot be clustered");
    view.absent_note = "One row: nothing to cluster.";
  }

  std::optional<plans_view> plans;
  if (o.plans) {
    plans = log.run("plans", "finding themes, shared passages, strategies and money",
                    [&] { return find_plans(v.docs, o.dictionary, o.threads); });
    metrics.emplace_back("shared_passages", static_cast<double>(plans->shared.size()));
  } else {
    absent.push_back("passages.csv, shared_passages.csv, strategies.csv, money.csv, template.csv: --no-plans");
  }

  log.run("write", nullptr, [&] {
    write_vectors(bundle, v, o, extra);
    if (plans) write_plans_files(bundle, v.docs, *plans);
    if (s.matrix) bundle.write("similarity_matrix.csv", [&](std::ostream& out) { write_similarity_csv(out, v, *s.matrix); });
    bundle.write("neighbors.csv", [&](std::ostream& out) { write_neighbors_csv(out, v, s.neighbors); });
    if (clusters) write_cluster_files(bundle, v, *clusters);
  });
  log.run("report", nullptr, [&] {
    const std::string page = report_html({o, v, s, view, log.steps(), plans ? &*plans : nullptr});
    bundle.write("report.html", [&](std::ostream& out) { out << page; });
  });
  if (!s.neighbors.entries().empty()) {
    double sum = 0.0;
    for (std::size_t i = 0; i < s.neighbors.size(); ++i)
      if (!s.neighbors[i].empty()) sum += s.neighbors[i][0].score;
    metrics.emplace_back("mean_nearest_neighbor_score", sum / static_cast<double>(n));
  }
  const run_record record{"analyze", arguments, log.steps(), metrics, absent};
  bundle.write("run.json", [&](std::ostream& out) { out << run_json(record, o, v, bundle.files()); });
  bundle.commit();
  say(o, "plansim: " + std::to_string(n) + " rows of " + o.folder.string() + ", " + std::to_string(v.counts.vocabulary.size()) + " terms -> " +
             o.out.string() + "/\n  " + file_list(bundle.files()) + "\n  open " + (o.out / "report.html").string() + "\n");
  return 0;
}

int choose_k_command(const run_options& o, const std::vector<std::string>& arguments) {
  plansim::run_bundle bundle(o.out);
  step_log log(o.quiet);
  const vectorized v = vectorize(o, log);
  const auto result = log.run("choose_k", "choosing the number of clusters", [&] { return sweep_k(v, o); });
  bundle.write("documents.csv", [&](std::ostream& out) { write_documents_csv(out, v); });
  bundle.write("choose_k.csv", [&](std::ostream& out) { write_choose_k_csv(out, result); });
  const run_record record{"choose-k", arguments, log.steps(), {{"recommended_k", static_cast<double>(result.recommended_k)}}, {}};
  bundle.write("run.json", [&](std::ostream& out) { out << run_json(record, o, v, bundle.files()); });
  bundle.commit();
  say(o, "plansim: k = " + std::to_string(result.recommended_k) + ": " + result.reason + "\n  " + (o.out / "choose_k.csv").string() + "\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"plansim " + std::string(plansim::version_string) +
               ": measure how alike documents are and group them by what they say.\n"
               "Each command reads a folder of .txt/.md files and writes one output folder (a run bundle)."};
  app.set_version_flag("--version", std::string("plansim ") + plansim::version_string);
  app.require_subcommand(1);
  raw_options raw;

  CLI::App* analyze = app.add_subcommand("analyze", "The whole pipeline into a run bundle with report.html");
  add_vector_options(analyze, raw);
  add_similarity_options(analyze, raw);
  add_cluster_options(analyze, raw);
  analyze->add_option("--dictionary", raw.dictionary,
                      "Strategy dictionary (code<TAB>pattern a line) for strategies.csv (default: the built-in productivity-plan one)");
  analyze->add_flag("--no-plans", raw.no_plans,
                    "Leave out the productivity-plan outputs (passages, shared_passages, strategies, money and template .csv)");
  analyze->add_option("-o,--out", raw.out, "Output folder (replaced when it holds an earlier run)")->default_str("plansim-run");

  CLI::App* vectorize = app.add_subcommand("vectorize", "Counts and weights as Matrix Market files, with vocabulary and documents");
  add_vector_options(vectorize, raw);
  vectorize->add_option("-o,--out", raw.out, "Output folder")->required();

  CLI::App* neighbors = app.add_subcommand("neighbors", "Each row's nearest neighbours, without ever holding N x N scores");
  add_vector_options(neighbors, raw);
  add_similarity_options(neighbors, raw);
  neighbors->add_option("-o,--out", raw.out, "Output folder")->required();

  if (argc > 1 && argv[1][0] != '-' && std::string_view(argv[1]) != "analyze" && std::string_view(argv[1]) != "vectorize" &&
      std::string_view(argv[1]) != "neighbors" && std::string_view(argv[1]) != "choose-k" &&
      std::string_view(argv[1]) != "compare") {
    std::fprintf(stderr, "plansim: unknown command '%s' (choose analyze, vectorize, neighbors, choose-k or compare; see plansim --help)\n", argv[1]);
    return 2;
  }
  CLI::App* choose = app.add_subcommand("choose-k", "The sweep over k (silhouette, Calinski-Harabasz, Davies-Bouldin, stability)");
  add_vector_options(choose, raw);
  choose->add_option("--measure", raw.measure, "cosine (spherical k-means) or euclidean")->capture_default_str();
  choose->add_option("--k-range", raw.k_range, "MIN..MAX numbers of clusters to compare")->capture_default_str();
  choose->add_option("--seed", raw.seed, "Seed for every random choice")->capture_default_str();
  choose->add_option("-o,--out", raw.out, "Output folder")->required();

  std::string run_a, run_b;
  CLI::App* compare = app.add_subcommand("compare", "Agreement between the clusterings of two runs (ARI, NMI, AMI)");
  compare->add_option("RUN_A", run_a, "Folder of a plansim analyze run")->required();
  compare->add_option("RUN_B", run_b, "Folder of another run on the same documents")->required();
  compare->add_flag("-q,--quiet", raw.quiet, "No output; the exit status only");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "plansim: %s (see plansim %s--help)\n", e.what(),
                 app.get_subcommands().empty() ? "" : (app.get_subcommands().front()->get_name() + " ").c_str());
    return 2;
  }

  std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    if (compare->parsed()) return compare_runs(run_a, run_b, raw.quiet);
    if (raw.out.empty()) raw.out = "plansim-run";
    if (raw.method.empty()) raw.method = "average";
    const run_options options = resolve(raw);
    if (analyze->parsed()) return analyze_command(options, arguments);
    if (vectorize->parsed()) return vectorize_command(options, arguments);
    if (choose->parsed()) return choose_k_command(options, arguments);
    return neighbors_command(options, arguments);
  } catch (const usage_error& e) {
    std::fprintf(stderr, "plansim: %s\n", e.what());
    return 2;
  } catch (const plansim::invalid_argument& e) {
    std::fprintf(stderr, "plansim: %s\n", e.what());
    return 2;
  } catch (const plansim::error& e) {
    std::fprintf(stderr, "plansim: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "plansim: unexpected failure: %s (please report it with the command line)\n", e.what());
    return 1;
  }
}
