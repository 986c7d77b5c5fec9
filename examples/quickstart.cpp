// The README's quick start: documents in, a weighted document-term matrix out.
#include <plansim/plansim.hpp>

#include <cstdio>

int main() {
  // Three tiny "plans"; read_folder("plans/") reads a folder of .txt/.md files the same way.
  const plansim::corpus docs = plansim::from_strings(
      {"We share services with neighbouring councils.", "Agency staff costs fell by 17% (£1.2m).",
       "Shared services and shared data cut costs."},
      {"a", "b", "c"});

  std::vector<std::string_view> texts;
  for (const auto& d : docs) texts.push_back(d.text);

  auto options = plansim::analyzer_options::english();  // case folding, stop words, £ and % kept
  options.stem = true;                                  // Porter2: "shared" and "share" agree
  const auto counts = plansim::count_terms(texts, plansim::text_analyzer(options));
  const auto tfidf = plansim::weigh<double>(counts.counts, counts.stats, plansim::tf_idf::sklearn());

  for (const auto& d : docs) {
    std::printf("%s:", d.name.c_str());
    for (plansim::weight_matrix<double>::InnerIterator it(tfidf, static_cast<Eigen::Index>(d.id)); it; ++it)
      std::printf(" %s=%.2f", counts.vocabulary.term(static_cast<plansim::term_id>(it.col())).c_str(), it.value());
    std::printf("\n");
  }
}
