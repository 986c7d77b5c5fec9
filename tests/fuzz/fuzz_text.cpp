// libFuzzer target for the text pipeline: normalisation, both tokenizers, stemming, n-grams and
// character n-grams over any valid UTF-8. Every term must be non-empty valid UTF-8 and every
// token must point inside the text it came from.
#include <plansim/text.hpp>

#include <cstdlib>
#include <string>

#include "fuzz_input.hpp"

inline int fuzz_text(std::string_view bytes) {
  if (bytes.empty()) return 0;
  // The first byte picks the analyzer; the rest is the text, made valid as a reader would.
  const auto selector = static_cast<unsigned char>(bytes.front());
  const std::string text = plansim::to_valid_utf8(bytes.substr(1), plansim::invalid_utf8::replace, "fuzz");
  auto check_token = [&](std::string_view token, std::string_view within) {
    if (token.empty() || token.data() < within.data() || token.data() + token.size() > within.data() + within.size())
      std::abort();
  };
  plansim::sklearn_tokenizer{}(text, [&](std::string_view t) { check_token(t, text); });
  plansim::word_tokenizer{}(text, [&](std::string_view t) { check_token(t, text); });

  plansim::analyzer_options options = (selector & 1) ? plansim::analyzer_options::sklearn()
                                                     : plansim::analyzer_options::english();
  options.stem = (selector & 2) != 0;
  options.ngram_max = 1 + ((selector >> 2) & 1);
  options.normalize.accents = (selector & 8) ? plansim::accent_mapping::strip : plansim::accent_mapping::keep;
  if (selector & 16) options.unit = plansim::analyzer_unit::character;
  if (selector & 32) options.unit = plansim::analyzer_unit::character_word_bounded;
  if (options.unit != plansim::analyzer_unit::word) options.ngram_max = 3;
  plansim::text_analyzer analyzer(options);
  analyzer(text, [](std::string_view term) {
    if (term.empty() || plansim::find_invalid_utf8(term) != std::string_view::npos) std::abort();
  });
  return 0;
}

PLANSIM_FUZZ_ENTRY_POINT(fuzz_text)
