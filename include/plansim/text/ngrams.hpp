#pragma once
/// @file
/// Word and character n-grams, exactly as scikit-learn's CountVectorizer makes them.
///
/// Reference: scikit-learn 1.2.1, sklearn/feature_extraction/text.py, `_VectorizerMixin`:
/// `_word_ngrams`, `_char_ngrams` and `_char_wb_ngrams` (the functions behind
/// `analyzer='word'`, `'char'` and `'char_wb'`). Same n-grams, same order, same count per
/// document; tests/data/sklearn/make_ngram_fixture.py writes the fixture our tests compare with.
///
/// - `word_ngrams`: for n = min_n..max_n, the tokens i..i+n-1 joined by one space, for each i
///   in order (so all unigrams come first, then all bigrams, ...).
/// - `char_ngrams`: first every run of two or more whitespace characters becomes one space
///   (sklearn's `re.sub(r"\s\s+", " ", text)`: a single tab, newline or no-break space is kept
///   as it is); then for n = min_n..max_n, each run of n consecutive code points, in order.
/// - `char_wb_ngrams`: for each whitespace-separated word w (Python's `text.split()`), padded to
///   " w " with w_len code points, and for n = min_n..max_n: the n-grams at offsets
///   0..w_len-n; when n >= w_len the whole padded word is emitted once and larger n are skipped
///   (sklearn's "count a short word only once" break).
///
/// Whitespace is Python's (`is_python_space`). Positions count Unicode code points, not bytes
/// and not grapheme clusters: "e" + U+0301 is two characters, as in Python. The text must be
/// valid UTF-8 (Python strings always are); if it is not, each invalid byte counts as one
/// character and is never whitespace.
///
/// Each function calls `emit(std::string_view)` once per n-gram, in sklearn's order. The view
/// is valid during the call only (it points into `buffer` or into the input); copy it to keep
/// it. Nothing is allocated per n-gram: `buffer` is reused and grows at most to the longest
/// n-gram (word) or the text (char).
///
/// Errors: `[plansim.ngrams.1]` min_n is 0, `[plansim.ngrams.2]` min_n is above max_n
/// (invalid_argument; sklearn rejects the latter too and silently makes empty n-grams for the
/// former).

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "plansim/error.hpp"
#include "plansim/text/detail/ngram_utf8.hpp"

namespace plansim {

/// True for exactly the code points Python 3 treats as whitespace (`str.isspace()`, which is
/// also what `str.split()` and `\s` in a `str` regex use): U+0009..U+000D, U+001C..U+001F,
/// U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
[[nodiscard]] constexpr bool is_python_space(char32_t c) noexcept {
  return detail::ngram_utf8::is_python_space(c);
}

namespace detail::ngrams {

inline void check_range(const char* caller, std::size_t min_n, std::size_t max_n) {
  if (min_n == 0) {
    throw invalid_argument("ngrams", 1, caller, "min_n is 0", "n-grams start at n = 1");
  }
  if (min_n > max_n) {
    throw invalid_argument(
        "ngrams", 2, caller,
        "min_n (" + std::to_string(min_n) + ") is above max_n (" + std::to_string(max_n) + ")",
        "give min_n <= max_n");
  }
}

/// Is the unit at `text[at]` Python whitespace? Sets `length` to its byte length.
[[nodiscard]] constexpr bool space_at(std::string_view text, std::size_t at, std::size_t& length) noexcept {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80U) {  // ASCII fast path
    length = 1;
    return ngram_utf8::is_python_space(lead);
  }
  const ngram_utf8::unit u = ngram_utf8::decode(text, at);
  length = u.length;
  return u.valid && ngram_utf8::is_python_space(u.code_point);
}

/// Byte offset after `count` code points from `at`, and how many there were (fewer at the end).
struct advance_result {
  std::size_t at;
  std::size_t count;
};

[[nodiscard]] constexpr advance_result advance(std::string_view text, std::size_t at,
                                               std::size_t count) noexcept {
  std::size_t done = 0;
  while (done < count && at < text.size()) {
    at += ngram_utf8::unit_length(text, at);
    ++done;
  }
  return {at, done};
}

}  // namespace detail::ngrams

/// Word n-grams of `tokens` for n = min_n..max_n, as scikit-learn's `_word_ngrams` (see the
/// file comment): calls `emit(std::string_view)` for each, the tokens joined by single spaces.
/// Unigrams are the tokens themselves; longer n-grams are built in `buffer`.
/// @throws invalid_argument `[plansim.ngrams.1]`, `[plansim.ngrams.2]` for a bad range.
template <class F>
requires std::invocable<F&, std::string_view>
void word_ngrams(std::span<const std::string_view> tokens, std::size_t min_n, std::size_t max_n,
                 std::string& buffer, F&& emit) {
  detail::ngrams::check_range("word_ngrams", min_n, max_n);
  const std::size_t count = tokens.size();
  for (std::size_t n = min_n; n <= std::min(max_n, count); ++n) {
    for (std::size_t i = 0; i + n <= count; ++i) {
      if (n == 1) {
        emit(tokens[i]);
        continue;
      }
      buffer.assign(tokens[i]);
      for (std::size_t k = 1; k < n; ++k) {
        buffer += ' ';
        buffer.append(tokens[i + k]);
      }
      emit(std::string_view(buffer));
    }
  }
}

/// Character n-grams of `valid_utf8` for n = min_n..max_n, as scikit-learn's `_char_ngrams`
/// (analyzer='char'; see the file comment). The white-space-normalised text is built in
/// `buffer`, and every n-gram is a view into it.
/// @throws invalid_argument `[plansim.ngrams.1]`, `[plansim.ngrams.2]` for a bad range.
template <class F>
requires std::invocable<F&, std::string_view>
void char_ngrams(std::string_view valid_utf8, std::size_t min_n, std::size_t max_n, std::string& buffer,
                 F&& emit) {
  detail::ngrams::check_range("char_ngrams", min_n, max_n);
  // Runs of two or more whitespace characters become one space; a lone one is kept.
  buffer.clear();
  const std::string_view text = valid_utf8;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = 0;
    if (!detail::ngrams::space_at(text, at, length)) {
      buffer.append(text.substr(at, length));
      at += length;
      continue;
    }
    std::size_t run_end = at + length;
    std::size_t run = 1;
    std::size_t next = 0;
    while (run_end < text.size() && detail::ngrams::space_at(text, run_end, next)) {
      run_end += next;
      ++run;
    }
    if (run >= 2) {
      buffer += ' ';
    } else {
      buffer.append(text.substr(at, length));
    }
    at = run_end;
  }

  const std::string_view normal = buffer;
  for (std::size_t n = min_n; n <= max_n; ++n) {
    auto [end, got] = detail::ngrams::advance(normal, 0, n);
    if (got < n) {
      return;  // the text is shorter than n, and than every larger n
    }
    std::size_t start = 0;
    emit(normal.substr(0, end));
    while (end < normal.size()) {
      start += detail::ngram_utf8::unit_length(normal, start);
      end += detail::ngram_utf8::unit_length(normal, end);
      emit(normal.substr(start, end - start));
    }
  }
}

/// `char_ngrams` with a buffer of its own: one allocation per call, none per n-gram.
template <class F>
requires std::invocable<F&, std::string_view>
void char_ngrams(std::string_view valid_utf8, std::size_t min_n, std::size_t max_n, F&& emit) {
  std::string buffer;
  char_ngrams(valid_utf8, min_n, max_n, buffer, emit);
}

/// Character n-grams inside word boundaries, each word padded with one space on each side, as
/// scikit-learn's `_char_wb_ngrams` (analyzer='char_wb'; see the file comment). Each padded
/// word is built in `buffer`, and every n-gram is a view into it.
/// @throws invalid_argument `[plansim.ngrams.1]`, `[plansim.ngrams.2]` for a bad range.
template <class F>
requires std::invocable<F&, std::string_view>
void char_wb_ngrams(std::string_view valid_utf8, std::size_t min_n, std::size_t max_n, std::string& buffer,
                    F&& emit) {
  detail::ngrams::check_range("char_wb_ngrams", min_n, max_n);
  // sklearn normalises runs of whitespace first, but split() ignores runs anyway: no need here.
  const std::string_view text = valid_utf8;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = 0;
    if (detail::ngrams::space_at(text, at, length)) {
      at += length;
      continue;
    }
    // One word: the units up to the next whitespace or the end.
    buffer.assign(1, ' ');
    std::size_t w_len = 2;  // code points of " word "
    while (at < text.size() && !detail::ngrams::space_at(text, at, length)) {
      buffer.append(text.substr(at, length));
      at += length;
      ++w_len;
    }
    buffer += ' ';

    const std::string_view w = buffer;
    for (std::size_t n = min_n; n <= max_n; ++n) {
      // w[offset : offset + n], which is all of w when n >= w_len.
      std::size_t start = 0;
      std::size_t end = detail::ngrams::advance(w, 0, n).at;
      std::size_t offset = 0;
      emit(w.substr(0, end));
      while (offset + n < w_len) {
        ++offset;
        start += detail::ngram_utf8::unit_length(w, start);
        end += detail::ngram_utf8::unit_length(w, end);
        emit(w.substr(start, end - start));
      }
      if (offset == 0) {
        break;  // sklearn: "count a short word (w_len < n) only once"
      }
    }
  }
}

/// `char_wb_ngrams` with a buffer of its own: one allocation per call, none per n-gram.
template <class F>
requires std::invocable<F&, std::string_view>
void char_wb_ngrams(std::string_view valid_utf8, std::size_t min_n, std::size_t max_n, F&& emit) {
  std::string buffer;
  char_wb_ngrams(valid_utf8, min_n, max_n, buffer, emit);
}

}  // namespace plansim
