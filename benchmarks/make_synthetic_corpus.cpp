// Writes a synthetic corpus, one document per line, so that peers (scikit-learn, SciPy, faiss)
// are measured on exactly the text plansim's benchmarks use.
//
//   make_synthetic_corpus OUT.txt [DOCUMENTS] [VOCABULARY] [MEAN_LENGTH] [ZIPF] [SEED]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "synthetic_corpus.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_synthetic_corpus OUT.txt [DOCUMENTS] [VOCABULARY] [MEAN_LENGTH] [ZIPF] [SEED]\n");
    return 2;
  }
  plansim_bench::synthetic_corpus_options options;
  if (argc > 2) options.documents = std::strtoull(argv[2], nullptr, 10);
  if (argc > 3) options.vocabulary = std::strtoull(argv[3], nullptr, 10);
  if (argc > 4) options.mean_length = std::strtod(argv[4], nullptr);
  if (argc > 5) options.zipf_exponent = std::strtod(argv[5], nullptr);
  if (argc > 6) options.seed = std::strtoull(argv[6], nullptr, 10);
  std::ofstream out(argv[1], std::ios::binary);
  for (const auto& document : plansim_bench::make_synthetic_corpus(options)) out << document << '\n';
  if (!out) {
    std::fprintf(stderr, "make_synthetic_corpus: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
