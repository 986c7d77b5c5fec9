#pragma once
/// @file
/// Masking markdown syntax with spaces, so that markdown files can be analysed as plain text
/// while every byte offset still points into the original file.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plansim {

namespace corpus_detail {

inline bool md_space(char c) noexcept { return c == ' ' || c == '\t'; }

inline bool md_punct(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
         (u >= 0x7B && u <= 0x7E);
}

inline bool md_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline bool md_alnum(char c) noexcept { return md_alpha(c) || (c >= '0' && c <= '9'); }

/// A thematic break, setext underline or table separator row: only " \t|:-*_=", with three or
/// more rule characters, or a pipe and a dash.
inline bool md_separator_row(std::string_view line) noexcept {
  std::size_t rules = 0;
  bool pipe = false;
  bool dash = false;
  for (const char c : line) {
    if (c == '-' || c == '*' || c == '_' || c == '=') {
      ++rules;
      dash = dash || c == '-';
    } else if (c == '|') {
      pipe = true;
    } else if (c != ':' && !md_space(c)) {
      return false;
    }
  }
  return rules >= 3 || (pipe && dash);
}

/// One run of `*` or `_` that may open or close emphasis.
struct md_delimiter_run {
  std::size_t begin;
  std::size_t length;
  char marker;
  bool can_open;
  bool can_close;
};

class md_masker {
 public:
  explicit md_masker(std::string_view text) : text_(text), out_(text), handled_(text.size(), false) {}

  std::string run() {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;
    while (start <= text_.size()) {
      std::size_t stop = text_.find('\n', start);
      const std::size_t next = stop == std::string_view::npos ? text_.size() + 1 : stop + 1;
      if (stop == std::string_view::npos) stop = text_.size();
      if (stop > start && text_[stop - 1] == '\r') --stop;
      lines.emplace_back(start, stop);
      start = next;
    }
    std::vector<bool> separator(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) separator[i] = md_separator_row(line(lines[i]));

    bool in_fence = false;
    char fence_char = 0;
    std::size_t fence_length = 0;
    bool in_table = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto [b, e] = lines[i];
      const std::string_view view = line(lines[i]);
      std::size_t p = b;
      while (p < e && md_space(text_[p])) ++p;
      // Fenced code: the fence lines are syntax, the code inside is kept as it is.
      const std::size_t fence = fence_run(p, e);
      if (fence >= 3 && p - b <= 3) {
        if (!in_fence) {
          in_fence = true;
          fence_char = text_[p];
          fence_length = fence;
          blank(b, e);
        } else if (text_[p] == fence_char && fence >= fence_length && all_space(p + fence, e)) {
          in_fence = false;
          blank(b, e);
        }
        continue;
      }
      if (in_fence) continue;
      if (p == e) {
        in_table = false;
        continue;
      }
      if (separator[i]) {
        in_table = in_table || view.find('|') != std::string_view::npos;
        blank(b, e);
        continue;
      }
      if (reference_definition(p, e)) {
        blank(b, e);
        continue;
      }
      const bool has_pipe = view.find('|') != std::string_view::npos;
      const bool next_separator = i + 1 < lines.size() && separator[i + 1] &&
                                  line(lines[i + 1]).find('|') != std::string_view::npos;
      std::size_t last = e;
      while (last > p && md_space(text_[last - 1])) --last;
      const bool table_row =
          has_pipe && (in_table || next_separator || text_[p] == '|' || text_[last - 1] == '|');
      p = line_start(p, e);
      inline_spans(p, e, table_row);
    }
    return std::move(out_);
  }

 private:
  [[nodiscard]] std::string_view line(std::pair<std::size_t, std::size_t> l) const {
    return text_.substr(l.first, l.second - l.first);
  }

  void blank(std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      if (out_[k] != '\r') out_[k] = ' ';  // a lone carriage return may be a line break
      handled_[k] = true;
    }
  }

  [[nodiscard]] bool all_space(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k)
      if (!md_space(text_[k])) return false;
    return true;
  }

  [[nodiscard]] std::size_t run_length(std::size_t p, std::size_t e, char c) const {
    std::size_t k = p;
    while (k < e && text_[k] == c) ++k;
    return k - p;
  }

  [[nodiscard]] std::size_t fence_run(std::size_t p, std::size_t e) const {
    if (p >= e || (text_[p] != '`' && text_[p] != '~')) return 0;
    return run_length(p, e, text_[p]);
  }

  /// `[label]: target` on a line of its own.
  [[nodiscard]] bool reference_definition(std::size_t p, std::size_t e) const {
    if (text_[p] != '[' || p + 1 >= e || text_[p + 1] == '^') return false;
    const std::size_t close = text_.find(']', p);
    return close != std::string_view::npos && close + 2 < e && close > p + 1 && text_[close + 1] == ':' &&
           md_space(text_[close + 2]);
  }

  /// Blanks block quote marks, heading marks and list bullets at the start of a line; returns
  /// where the line's inline content starts.
  std::size_t line_start(std::size_t p, std::size_t e) {
    while (p < e) {
      const char c = text_[p];
      if (c == '>') {
        blank(p, p + 1);
        ++p;
        while (p < e && md_space(text_[p])) ++p;
        continue;
      }
      if (c == '#') {
        const std::size_t hashes = run_length(p, e, '#');
        if (hashes <= 6 && (p + hashes == e || md_space(text_[p + hashes]))) {
          blank(p, p + hashes);
          closing_hashes(p + hashes, e);
          return p + hashes;
        }
        return p;
      }
      if ((c == '-' || c == '*' || c == '+') && p + 1 < e && md_space(text_[p + 1])) {
        blank(p, p + 1);
        p += 2;
        while (p < e && md_space(text_[p])) ++p;
        // A task-list box, "[ ]" or "[x]".
        if (p + 3 <= e && text_[p] == '[' && text_[p + 2] == ']' &&
            (text_[p + 1] == ' ' || text_[p + 1] == 'x' || text_[p + 1] == 'X')) {
          blank(p, p + 3);
          p += 3;
        }
        return p;
      }
      return p;
    }
    return p;
  }

  /// The optional closing sequence of an ATX heading, "## Title ##".
  void closing_hashes(std::size_t content, std::size_t e) {
    std::size_t last = e;
    while (last > content && md_space(text_[last - 1])) --last;
    std::size_t first = last;
    while (first > content && text_[first - 1] == '#') --first;
    if (first < last && (first == content || md_space(text_[first - 1]))) blank(first, last);
  }

  /// The position of the `close` matching the `open` at p, within [p, e); npos when none.
  [[nodiscard]] std::size_t matching(std::size_t p, std::size_t e, char open, char close) const {
    std::size_t depth = 0;
    for (std::size_t k = p; k < e; ++k) {
      const char c = text_[k];
      if (c == '\\') {
        ++k;
      } else if (c == open) {
        ++depth;
      } else if (c == close && --depth == 0) {
        return k;
      }
    }
    return std::string_view::npos;
  }

  /// Links and images: `[text](target)`, `![alt](src)`, `[text][ref]`; keeps the text.
  bool link(std::size_t bang, std::size_t p, std::size_t e) {
    const std::size_t close = matching(p, e, '[', ']');
    if (close == std::string_view::npos || close + 1 >= e) return false;
    std::size_t end = std::string_view::npos;
    if (text_[close + 1] == '(') {
      end = matching(close + 1, e, '(', ')');
    } else if (text_[close + 1] == '[') {
      end = matching(close + 1, e, '[', ']');
    }
    if (end == std::string_view::npos) return false;
    blank(bang, p + 1);
    blank(close, end + 1);
    return true;
  }

  /// `<https://...>`, `<mailto:...>`, `<name@host>`: length of the autolink at p, or 0.
  [[nodiscard]] std::size_t autolink(std::size_t p, std::size_t e) const {
    std::size_t k = p + 1;
    while (k < e && (md_alnum(text_[k]) || text_[k] == '+' || text_[k] == '.' || text_[k] == '-')) ++k;
    const bool scheme = k - p - 1 >= 2 && k < e && text_[k] == ':' && md_alpha(text_[p + 1]);
    if (scheme) {
      for (; k < e; ++k) {
        if (text_[k] == '>') return k + 1 - p;
        if (text_[k] == '<' || md_space(text_[k])) return 0;
      }
      return 0;
    }
    // An e-mail address: name@host, in letters, digits and ".-_+%".
    const auto email_char = [](char c) { return md_alnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '%'; };
    std::size_t at = 0;
    for (k = p + 1; k < e && (email_char(text_[k]) || (text_[k] == '@' && at == 0)); ++k)
      if (text_[k] == '@') at = k;
    return at > p + 1 && k > at + 1 && k < e && text_[k] == '>' ? k + 1 - p : 0;
  }

  /// `<tag ...>`, `</tag>`, `<br/>`, `<!-- comment -->`: length of the HTML at p, or 0.
  [[nodiscard]] std::size_t html(std::size_t p, std::size_t e) const {
    if (text_.substr(p, 4) == "<!--") {
      const std::size_t end = text_.substr(0, e).find("-->", p + 4);
      return end == std::string_view::npos ? 0 : end + 3 - p;
    }
    std::size_t k = p + 1;
    if (k < e && text_[k] == '/') ++k;
    if (k >= e || !md_alpha(text_[k])) return 0;
    while (k < e && (md_alnum(text_[k]) || text_[k] == '-')) ++k;
    if (k >= e) return 0;
    if (text_[k] != '>' && text_[k] != '/' && !md_space(text_[k])) return 0;
    for (; k < e; ++k) {
      if (text_[k] == '<') return 0;
      if (text_[k] == '>') return k + 1 - p;
    }
    return 0;
  }

  void inline_spans(std::size_t p, std::size_t e, bool table_row) {
    std::vector<md_delimiter_run> runs;
    std::size_t i = p;
    while (i < e) {
      if (handled_[i]) {
        ++i;
        continue;
      }
      const char c = text_[i];
      if (c == '\\' && i + 1 < e && md_punct(text_[i + 1])) {
        blank(i, i + 1);
        handled_[i + 1] = true;  // the escaped character is literal text
        i += 2;
      } else if (c == '`') {
        const std::size_t ticks = run_length(i, e, '`');
        std::size_t k = i + ticks;
        std::size_t close = std::string_view::npos;
        while (k < e) {
          const std::size_t n = run_length(k, e, '`');
          if (n == ticks) {
            close = k;
            break;
          }
          k += n == 0 ? 1 : n;
        }
        if (close == std::string_view::npos) {
          i += ticks;
          continue;
        }
        blank(i, i + ticks);
        for (std::size_t m = i + ticks; m < close; ++m) handled_[m] = true;  // code is literal
        blank(close, close + ticks);
        i = close + ticks;
      } else if (c == '<') {
        std::size_t n = autolink(i, e);
        if (n == 0) n = html(i, e);
        if (n != 0) blank(i, i + n);
        i += n == 0 ? 1 : n;
      } else if (c == '!' && i + 1 < e && text_[i + 1] == '[') {
        i += link(i, i + 1, e) ? 2U : 1U;
      } else if (c == '[') {
        if (i + 1 < e && text_[i + 1] == '^') {  // footnote reference "[^1]"
          const std::size_t close = text_.substr(0, e).find(']', i);
          if (close != std::string_view::npos &&
              text_.substr(i, close - i).find_first_of(" \t") == std::string_view::npos) {
            blank(i, close + 1);
            i = close + 1;
            continue;
          }
        }
        link(i, i, e);
        ++i;
      } else if (c == '*' || c == '_') {
        const std::size_t n = run_length(i, e, c);
        const char before = i > p ? text_[i - 1] : ' ';
        const char after = i + n < e ? text_[i + n] : ' ';
        const bool left = !md_space(after) && (!md_punct(after) || md_space(before) || md_punct(before));
        const bool right = !md_space(before) && (!md_punct(before) || md_space(after) || md_punct(after));
        // CommonMark's flanking rules; "_" inside a word (snake_case) never emphasises.
        const bool can_open = c == '*' ? left : left && (!right || md_punct(before));
        const bool can_close = c == '*' ? right : right && (!left || md_punct(after));
        runs.push_back({i, n, c, can_open, can_close});
        i += n;
      } else {
        if (c == '|' && table_row) blank(i, i + 1);
        ++i;
      }
    }
    pair_emphasis(runs);
  }

  /// Blanks runs that close an earlier opener of the same marker on the line.
  void pair_emphasis(const std::vector<md_delimiter_run>& runs) {
    std::vector<std::size_t> openers;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const md_delimiter_run& run = runs[r];
      if (run.can_close) {
        std::size_t k = openers.size();
        while (k > 0 && runs[openers[k - 1]].marker != run.marker) --k;
        if (k > 0) {
          const md_delimiter_run& open = runs[openers[k - 1]];
          blank(open.begin, open.begin + open.length);
          blank(run.begin, run.begin + run.length);
          openers.resize(k - 1);  // openers between the pair cannot close any more
          continue;
        }
      }
      if (run.can_open) openers.push_back(r);
    }
  }

  std::string_view text_;
  std::string out_;
  std::vector<bool> handled_;  // already blanked, or literal (code, escaped characters)
};

}  // namespace corpus_detail

/// Replaces markdown syntax with spaces and returns a string of exactly `text.size()` bytes, so
/// every byte offset into the result is the same offset into `text`. Blanked: heading marks
/// (`#`, and a closing `##`), block quote marks (`>`), list bullets (`-`, `*`, `+`; the numbers
/// of ordered lists are kept as text), emphasis runs of `*` and `_` that pair up on a line
/// (CommonMark's flanking rules, so `snake_case`, `5 * 3` and a lone `*` stay), the brackets of
/// links and images and their `(target)` or `[ref]` (link text and alt text are kept), footnote
/// references `[^1]`, autolinks `<https://...>`, HTML tags and comments (`<sup>`, `</sup>`,
/// `<br>`), backslashes that escape punctuation, code span backticks (the code is kept), code
/// fence lines, table pipes on table rows, table separator rows, thematic breaks, setext
/// underlines and reference definitions `[label]: url`. Apostrophes, hyphens, `£`, `%` and
/// everything that is not ASCII syntax are never touched, and line breaks are kept, so the
/// result is valid UTF-8 whenever `text` is. Inline syntax is recognised within one line.
[[nodiscard]] inline std::string mask_markdown(std::string_view text) {
  return corpus_detail::md_masker(text).run();
}

}  // namespace plansim
