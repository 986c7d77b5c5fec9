// Prints the most distinctive terms of each document (highest tf-idf weight), with its metadata.
//
//   top_terms [FOLDER [METADATA.csv]] [--terms N]
//
// Default: the bundled sample corpus (five councils' 2024 productivity plans) and its
// councils.csv. The plans are plain-text exports carrying markdown, so markdown is always masked.
#include <plansim/plansim.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path folder = PLANSIM_SAMPLE_CORPUS;
  fs::path metadata;
  std::size_t top = 8;
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--terms" && i + 1 < argc) {
      top = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg.starts_with("--")) {
      std::fprintf(stderr, "top_terms: unknown option %s (usage: top_terms [FOLDER [METADATA.csv]] [--terms N])\n", argv[i]);
      return 2;
    } else {
      positional.push_back(arg);
    }
  }
  if (!positional.empty()) folder = positional[0];
  if (positional.size() > 1) metadata = positional[1];
  else if (fs::exists(folder / "councils.csv")) metadata = folder / "councils.csv";

  try {
    plansim::folder_options read_options;
    read_options.markdown = plansim::markdown_mode::always;
    plansim::corpus docs = plansim::read_folder(folder, read_options);
    if (!metadata.empty()) plansim::attach_metadata(docs, metadata);

    std::vector<std::string_view> texts;
    for (const auto& d : docs) texts.push_back(d.text);
    auto analyzer_options = plansim::analyzer_options::english();
    analyzer_options.ngram_max = 2;  // "shared services", "agency staff" say more than their words
    auto counts = plansim::count_terms(texts, plansim::text_analyzer(analyzer_options), {.threads = 0});
    // A term every document uses ("council", "services") sets none apart: keep terms that at
    // most 80% of the documents use, when there are enough documents for that to mean something.
    if (docs.size() >= 3) counts = plansim::prune(counts, {.max_df = plansim::df_bound::share(0.8)});
    const auto weights = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn());

    std::printf("plansim %s: %zu documents, %zu terms\n", plansim::version_string, docs.size(),
                counts.vocabulary.size());
    for (const auto& d : docs) {
      std::vector<std::pair<double, plansim::term_id>> row;
      for (plansim::weight_matrix<double>::InnerIterator it(weights, static_cast<Eigen::Index>(d.id)); it; ++it)
        row.emplace_back(it.value(), static_cast<plansim::term_id>(it.col()));
      const auto n = std::min(top, row.size());
      // Highest weight first; equal weights in vocabulary order, so the output is reproducible.
      std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(n), row.end(),
                        [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
      const std::string_view council = docs.has_metadata_column("council") ? docs.metadata(d.id, "council") : "";
      std::printf("\n%s  %s  (%lld terms)\n", d.name.c_str(), std::string(council).c_str(),
                  static_cast<long long>(counts.stats.document_length[d.id]));
      for (std::size_t i = 0; i < n; ++i)
        std::printf("  %-28s %.3f\n", counts.vocabulary.term(row[i].second).c_str(), row[i].first);
    }
  } catch (const plansim::error& e) {
    std::fprintf(stderr, "top_terms: %s\n", e.what());
    return 1;
  }
  return 0;
}
