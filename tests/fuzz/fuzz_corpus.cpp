// libFuzzer target for the readers' in-memory stages: UTF-8 repair, markdown masking, passages
// and the CSV parser. Any bytes must give a document or a data_error; masking must keep every
// offset; passages must lie inside the text.
#include <plansim/corpus.hpp>
#include <plansim/text/utf8.hpp>

#include <cstdlib>
#include <string>

#include "fuzz_input.hpp"

inline int fuzz_corpus(std::string_view bytes) {
  try {
    (void)plansim::parse_csv(bytes, "fuzz.csv");
  } catch (const plansim::data_error&) {
  }
  plansim::document d;
  d.name = "fuzz.md";
  d.text = plansim::to_valid_utf8(bytes, plansim::invalid_utf8::replace, "fuzz.md");
  if (plansim::find_invalid_utf8(d.text) != std::string_view::npos) std::abort();
  const std::string masked = plansim::mask_markdown(d.text);
  if (masked.size() != d.text.size()) std::abort();
  d.unmasked_text = d.text;
  d.text = masked;
  d.from_markdown = true;
  for (const auto& split : {plansim::split_paragraphs(d), plansim::split_sentences(d)})
    for (const auto& p : split)
      if (p.begin >= p.end || p.end > d.text.size()) std::abort();
  return 0;
}

PLANSIM_FUZZ_ENTRY_POINT(fuzz_corpus)
