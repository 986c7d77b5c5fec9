#pragma once
// Tiny analyzers for tests that exercise the matrix stages without the text pipeline.
#include <string_view>

namespace plansim_test {

// Splits on ASCII spaces; terms are the bytes between them.
struct whitespace_analyzer {
  template <class F>
  void operator()(std::string_view text, F&& on_term) const {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ') ++j;
      if (j > i) on_term(text.substr(i, j - i));
      i = j;
    }
  }
};

}  // namespace plansim_test
