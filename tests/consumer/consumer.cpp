// The program every consumer project builds: it uses plansim through plansim::plansim alone, from
// text to a weighted matrix.
#include <plansim/plansim.hpp>

#include <cstdio>
#include <string_view>
#include <vector>

int main() {
  const std::vector<std::string_view> texts{"shared services", "shared data", "agency staff"};
  const auto counts = plansim::count_terms(texts, plansim::text_analyzer(plansim::analyzer_options::sklearn()));
  const auto weights = plansim::weigh<float>(counts.counts, counts.stats, plansim::tf_idf::sklearn());
  std::printf("plansim %s: %zu terms, %ld weights\n", plansim::version_string, counts.vocabulary.size(),
              static_cast<long>(weights.nonZeros()));
  return counts.vocabulary.size() == 5 && weights.nonZeros() == 6 ? 0 : 1;
}
