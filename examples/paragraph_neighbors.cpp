// Which passages do different councils' plans share? For every paragraph of the sample plans,
// its most similar paragraph in ANOTHER council's plan (a group mask keeps same-plan pairs out),
// then the closest pairs overall, quoted with their byte offsets.
//
//   paragraph_neighbors [FOLDER] [--pairs N] [--threads T]
#include <plansim/plansim.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

std::string snippet(std::string_view text, std::size_t width) {
  std::string out;
  for (const char c : text.substr(0, width)) out += (c == '\n' || c == '\t') ? ' ' : c;
  if (text.size() > width) out += "...";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string folder = PLANSIM_SAMPLE_CORPUS;
  std::size_t pairs = 6, threads = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--pairs" && i + 1 < argc) pairs = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--threads" && i + 1 < argc) threads = std::strtoul(argv[++i], nullptr, 10);
    else if (!arg.starts_with("--")) folder = arg;
    else {
      std::fprintf(stderr, "paragraph_neighbors: unknown option %s (usage: paragraph_neighbors [FOLDER] [--pairs N] [--threads T])\n", argv[i]);
      return 2;
    }
  }
  try {
    plansim::folder_options read_options;
    read_options.markdown = plansim::markdown_mode::always;
    const plansim::corpus docs = plansim::read_folder(folder, read_options);
    // Short paragraphs (headings, table cells) match everything and nothing: keep real ones.
    std::vector<plansim::passage> paragraphs;
    for (const auto& p : plansim::split_paragraphs(docs))
      if (plansim::text_of(docs, p).size() >= 200) paragraphs.push_back(p);

    std::vector<std::string_view> texts;
    std::vector<std::int64_t> plan_of;
    for (const auto& p : paragraphs) {
      texts.push_back(plansim::text_of(docs, p));
      plan_of.push_back(static_cast<std::int64_t>(p.document));
    }
    auto analyzer = plansim::analyzer_options::english();
    analyzer.stem = true;
    // Text straight to tf-idf vectors (the counts are not needed here, so they are never stored).
    const auto vectors =
        plansim::vectorize<float>(texts, plansim::text_analyzer(analyzer), plansim::tf_idf::sklearn(), {.threads = threads});
    const auto& tfidf = vectors.weights;

    plansim::similarity_options options;
    options.kernel.threads = threads;
    const auto nearest = plansim::top_k(tfidf, 1, options, plansim::group_mask::different(plan_of));

    std::vector<std::tuple<float, std::size_t, std::size_t>> best;  // score, paragraph, neighbour
    for (std::size_t i = 0; i < nearest.size(); ++i)
      for (const auto& n : nearest[i])
        if (i < static_cast<std::size_t>(n.id) || nearest[static_cast<std::size_t>(n.id)].empty() ||
            nearest[static_cast<std::size_t>(n.id)][0].id != static_cast<Eigen::Index>(i))
          best.emplace_back(n.score, i, static_cast<std::size_t>(n.id));
    std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b) : a < b;
    });

    std::printf("plansim %s: %zu paragraphs of 200+ bytes in %zu plans; closest pairs across plans:\n",
                plansim::version_string, paragraphs.size(), docs.size());
    for (std::size_t r = 0; r < std::min(pairs, best.size()); ++r) {
      const auto [score, a, b] = best[r];
      std::printf("\n%.3f\n", static_cast<double>(score));
      for (const std::size_t p : {a, b}) {
        const auto& passage = paragraphs[p];
        std::printf("  %s [%zu, %zu): %s\n", docs[passage.document].name.c_str(), passage.begin, passage.end,
                    snippet(plansim::text_of(docs, passage), 110).c_str());
      }
    }
  } catch (const plansim::error& e) {
    std::fprintf(stderr, "paragraph_neighbors: %s\n", e.what());
    return 1;
  }
  return 0;
}
