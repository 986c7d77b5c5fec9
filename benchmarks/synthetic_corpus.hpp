#pragma once
// A deterministic synthetic corpus for benchmarks: the same options give the same bytes on any
// machine and compiler (own generator and distributions, no std:: distributions, whose output
// differs between standard libraries).
//
// Words are drawn from a Zipf distribution over `vocabulary` pseudo-words (rank r has probability
// proportional to 1 / r^s); frequent words are short, as in English. Document lengths follow a
// log-normal distribution around `mean_length` words, like reports and their paragraphs. Text is
// split into sentences with capitals, commas and full stops, so tokenizers meet punctuation.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plansim_bench {

struct synthetic_corpus_options {
  std::size_t documents = 1000;
  std::size_t vocabulary = 50000;
  double zipf_exponent = 1.0;
  double mean_length = 200.0;  // words per document (the mean of the log-normal)
  double length_sigma = 0.5;   // sigma of log(length)
  std::uint64_t seed = 42;
};

// splitmix64: tiny, fast and fully specified.
class random_bits {
 public:
  explicit random_bits(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)

 private:
  std::uint64_t state_;
};

// The pseudo-word of rank r (0 = most frequent): syllables spelling r in base 24.
inline std::string synthetic_word(std::size_t rank) {
  static constexpr const char* syllables[] = {"a",  "e",  "o",  "in", "er", "an", "re", "on", "at", "en", "nd", "ti",
                                              "es", "or", "te", "of", "ed", "is", "it", "al", "ar", "st", "to", "nt"};
  constexpr std::size_t base = std::size(syllables);
  std::string word;
  std::size_t r = rank;
  do {
    word += syllables[r % base];
    r /= base;
  } while (r != 0);
  if (word.size() < 2) word += 'x';  // every word survives a two-character token pattern
  return word;
}

inline std::vector<std::string> make_synthetic_corpus(const synthetic_corpus_options& options) {
  // Cumulative Zipf weights for inverse-transform sampling.
  std::vector<double> cdf(options.vocabulary);
  double total = 0.0;
  for (std::size_t r = 0; r < options.vocabulary; ++r) {
    total += 1.0 / std::pow(static_cast<double>(r + 1), options.zipf_exponent);
    cdf[r] = total;
  }
  std::vector<std::string> words(options.vocabulary);
  for (std::size_t r = 0; r < options.vocabulary; ++r) words[r] = synthetic_word(r);

  random_bits rng(options.seed);
  const double mu = std::log(options.mean_length) - 0.5 * options.length_sigma * options.length_sigma;
  std::vector<std::string> documents(options.documents);
  for (auto& text : documents) {
    // Box-Muller from two uniforms: a standard normal, then the log-normal length.
    const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
    const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    const auto length = std::max<std::size_t>(1, static_cast<std::size_t>(std::exp(mu + options.length_sigma * normal)));
    bool sentence_start = true;
    for (std::size_t i = 0; i < length; ++i) {
      const double target = rng.uniform() * total;
      const auto rank = static_cast<std::size_t>(std::lower_bound(cdf.begin(), cdf.end(), target) - cdf.begin());
      const std::string& word = words[std::min(rank, options.vocabulary - 1)];
      if (!text.empty()) text += ' ';
      text += word;
      if (sentence_start) text[text.size() - word.size()] = static_cast<char>(word.front() - 'a' + 'A');
      const auto punctuation = rng.next() % 16;
      sentence_start = punctuation == 0 || i + 1 == length;
      if (sentence_start) text += '.';
      else if (punctuation == 1) text += ',';
    }
  }
  return documents;
}

inline std::size_t total_bytes(const std::vector<std::string>& documents) {
  std::size_t bytes = 0;
  for (const auto& d : documents) bytes += d.size();
  return bytes;
}

}  // namespace plansim_bench
