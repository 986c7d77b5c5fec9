// Groups the plans by what they say and explains each group: the terms its members use more than
// the others (with how many members use each), its most typical plan, and a passage quoting each
// term.
//
//   cluster_plans [FOLDER] [--k K] [--terms N]
//
// Default: the bundled sample corpus (five councils' 2024 productivity plans), with k chosen by
// the silhouette of average-linkage clusterings (cosine distance on tf-idf vectors).
#include <plansim/plansim.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

// One line of a passage, at most `width` bytes, cut at a UTF-8 character boundary.
std::string quote(std::string_view text, std::size_t width) {
  std::string line(text.substr(0, std::min(width, text.size())));
  while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
  if (!line.empty() && static_cast<unsigned char>(line.back()) >= 0xC0) line.pop_back();
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line.size() < text.size() ? line + "..." : line;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path folder = PLANSIM_SAMPLE_CORPUS;
  std::size_t k = 0;  // 0: choose by silhouette
  std::size_t top = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--k" && i + 1 < argc) {
      k = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--terms" && i + 1 < argc) {
      top = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg.starts_with("--")) {
      std::fprintf(stderr, "cluster_plans: unknown option %s (usage: cluster_plans [FOLDER] [--k K] [--terms N])\n", argv[i]);
      return 2;
    } else {
      folder = argv[i];
    }
  }

  try {
    plansim::folder_options read_options;
    read_options.markdown = plansim::markdown_mode::always;
    plansim::corpus docs = plansim::read_folder(folder, read_options);
    if (fs::exists(folder / "councils.csv")) plansim::attach_metadata(docs, folder / "councils.csv");
    if (docs.size() < 3) {
      std::fprintf(stderr, "cluster_plans: %s holds %zu documents; clustering needs at least 3\n",
                   folder.string().c_str(), docs.size());
      return 1;
    }

    std::vector<std::string_view> texts;
    for (const auto& d : docs) texts.push_back(d.text);
    auto analyzer_options = plansim::analyzer_options::english();
    analyzer_options.ngram_max = 2;
    const plansim::text_analyzer analyzer(analyzer_options);
    const auto counts = plansim::count_terms(texts, analyzer, {.threads = 0});
    const auto weights = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn());

    // Average linkage on cosine distances; k by the best mean silhouette when not given.
    const auto distances = plansim::condensed_distances(weights, plansim::distance_metric::cosine);
    const auto tree = plansim::linkage(distances, docs.size(), plansim::linkage_method::average);
    if (k == 0) {
      double best = -2;
      for (std::size_t candidate = 2; candidate < docs.size(); ++candidate) {
        const auto labels = plansim::cut_by_k(tree, candidate);
        const double s = plansim::silhouette_score(weights, labels, plansim::distance_metric::cosine);
        if (s > best) best = s, k = candidate;
      }
    }
    const auto labels = plansim::cut_by_k(tree, k);
    const double silhouette = plansim::silhouette_score(weights, labels, plansim::distance_metric::cosine);

    const auto terms = plansim::cluster_terms(counts.counts, labels, {.top = top});
    const auto typical = plansim::representatives(weights, labels, 1);
    const auto paragraphs = plansim::split_paragraphs(docs);
    const auto evidence = plansim::evidence_passages(docs, paragraphs, analyzer, counts.vocabulary, labels, terms,
                                                     {.per_term = 1});

    std::printf("plansim %s: %zu documents in %zu clusters (average linkage, cosine; mean silhouette %.3f)\n",
                plansim::version_string, docs.size(), k, silhouette);
    for (std::size_t c = 0; c < k; ++c) {
      std::printf("\ncluster %zu:", c);
      for (const auto& d : docs)
        if (labels[d.id] == static_cast<int>(c)) std::printf(" %s", d.name.c_str());
      std::printf("\n  most typical: %s\n", docs[typical[c].front().document].name.c_str());
      if (terms[c].empty()) std::printf("  (no term is used more here by at least two members)\n");
      for (std::size_t i = 0; i < terms[c].size(); ++i) {
        const auto& s = terms[c][i];
        std::printf("  %-26s G2 %7.1f  count %3lld  in %lld of its documents, %lld elsewhere\n",
                    counts.vocabulary.term(s.term).c_str(), s.score, static_cast<long long>(s.count),
                    static_cast<long long>(s.documents_using), static_cast<long long>(s.other_count));
        for (const auto& e : evidence[c][i].passages) {
          std::printf("    %s [%zu, %zu): \"%s\"\n", docs[e.span.document].name.c_str(), e.span.begin, e.span.end,
                      quote(plansim::text_of(docs, e.span), 90).c_str());
        }
      }
    }
  } catch (const plansim::error& e) {
    std::fprintf(stderr, "cluster_plans: %s\n", e.what());
    return 1;
  }
  return 0;
}
