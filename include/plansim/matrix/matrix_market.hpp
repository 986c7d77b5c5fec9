#pragma once
/// @file
/// Matrix Market (`.mtx`) files and plain-text vocabularies, so `scipy.io.mmread` and R's
/// `Matrix::readMM` load plansim's matrices, and plansim loads theirs.
///
/// Written: `%%MatrixMarket matrix coordinate {integer|real} general`, one-based `row column value`
/// lines in row-major order, values in shortest round-trip form (locale independent).
/// Read: `coordinate` matrices with `real`, `integer` or `pattern` values and `general` or
/// `symmetric` layout; `%` comment lines anywhere before the entries. Specification: Boisvert,
/// Pozo and Remington, "The Matrix Market Exchange Formats: Initial Design", NIST IR 5935, 1996.
///
/// A vocabulary file holds one term per line, in column order. Terms may hold characters that
/// would break the format, so `\` is written `\\`, a newline `\n`, a tab `\t` and a carriage
/// return `\r`; other text is verbatim UTF-8.

#include <Eigen/SparseCore>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"
#include "plansim/matrix/vocabulary.hpp"

namespace plansim {

namespace detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits `line` on blanks into at most `max` fields; returns how many were found.
inline std::size_t split_fields(std::string_view line, std::string_view* fields, std::size_t max) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (count == max) return max + 1;
    fields[count++] = line.substr(i, j - i);
    i = j;
  }
  return count;
}

template <class T>
bool parse_number(std::string_view text, T& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc{} && result.ptr == text.data() + text.size();
}

}  // namespace detail

/// Writes `matrix` in Matrix Market coordinate format; `comment` lines (may be empty) follow the header.
template <class Scalar, int Options, class StorageIndex>
void write_matrix_market(std::ostream& out, const Eigen::SparseMatrix<Scalar, Options, StorageIndex>& matrix,
                         std::string_view comment = {}) {
  std::string text = std::is_integral_v<Scalar> ? "%%MatrixMarket matrix coordinate integer general\n"
                                                : "%%MatrixMarket matrix coordinate real general\n";
  while (!comment.empty()) {
    const auto end = comment.find('\n');
    text += '%';
    text.append(comment.substr(0, end));
    text += '\n';
    comment = end == std::string_view::npos ? std::string_view{} : comment.substr(end + 1);
  }
  detail::append_number(text, static_cast<long long>(matrix.rows()));
  text += ' ';
  detail::append_number(text, static_cast<long long>(matrix.cols()));
  text += ' ';
  detail::append_number(text, static_cast<long long>(matrix.nonZeros()));
  text += '\n';
  // Row-major order whatever the storage: walk the transpose for a column-major matrix.
  const Eigen::SparseMatrix<Scalar, Eigen::RowMajor, StorageIndex> rows = matrix;
  for (Eigen::Index r = 0; r < rows.outerSize(); ++r) {
    for (typename decltype(rows)::InnerIterator it(rows, r); it; ++it) {
      detail::append_number(text, static_cast<long long>(r + 1));
      text += ' ';
      detail::append_number(text, static_cast<long long>(it.col() + 1));
      text += ' ';
      detail::append_number(text, it.value());
      text += '\n';
    }
    if (text.size() > (1u << 20)) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
    }
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// Reads a Matrix Market coordinate matrix. `source` names the input in error messages.
/// `max_dimension` caps rows and columns (the default is Eigen's index limit), so a corrupt size
/// line is an error rather than a huge allocation.
/// @throws data_error `[plansim.mtx.<n>]` naming the source and line for anything malformed.
template <class Scalar = double>
Eigen::SparseMatrix<Scalar, Eigen::RowMajor> read_matrix_market(std::istream& in, std::string_view source,
                                                                long long max_dimension = 0x7ffffffe) {
  auto fail = [&](int number, std::size_t line, const std::string& problem, const char* advice) {
    return data_error("mtx", number, std::string(source) + ":" + std::to_string(line), problem, advice);
  };
  std::string line;
  std::size_t line_number = 1;
  if (!std::getline(in, line)) throw fail(1, 1, "the file is empty", "give a Matrix Market (.mtx) file");
  std::string header(detail::trim(line));
  for (auto& c : header) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string_view h[6];
  if (detail::split_fields(header, h, 5) != 5 || h[0] != "%%matrixmarket" || h[1] != "matrix")
    throw fail(2, 1, "the first line is not a Matrix Market header",
               "the file must start with '%%MatrixMarket matrix coordinate real general'");
  if (h[2] != "coordinate")
    throw fail(3, 1, "only the 'coordinate' (sparse) layout is supported, not '" + std::string(h[2]) + "'",
               "save the matrix in coordinate format (scipy.io.mmwrite does for sparse matrices)");
  const bool pattern = h[3] == "pattern";
  if (!pattern && h[3] != "real" && h[3] != "integer" && h[3] != "double")
    throw fail(4, 1, "unsupported value type '" + std::string(h[3]) + "'", "use real, integer or pattern");
  const bool symmetric = h[4] == "symmetric";
  if (!symmetric && h[4] != "general")
    throw fail(5, 1, "unsupported symmetry '" + std::string(h[4]) + "'", "use general or symmetric");

  long long rows = -1, cols = -1, entries = -1;
  while (std::getline(in, line)) {
    ++line_number;
    const auto text = detail::trim(line);
    if (text.empty() || text.front() == '%') continue;
    std::string_view f[4];
    if (detail::split_fields(text, f, 3) != 3 || !detail::parse_number(f[0], rows) ||
        !detail::parse_number(f[1], cols) || !detail::parse_number(f[2], entries) || rows < 0 || cols < 0 ||
        entries < 0)
      throw fail(6, line_number, "expected the size line 'rows columns entries', found '" + std::string(text) + "'",
                 "check the file is not truncated or hand-edited");
    break;
  }
  if (rows < 0) throw fail(6, line_number, "the size line is missing", "check the file is not truncated");
  if (rows > max_dimension || cols > max_dimension)
    throw fail(12, line_number,
               "the matrix is " + std::to_string(rows) + " x " + std::to_string(cols) + ", above the limit of " +
                   std::to_string(max_dimension),
               "check the size line; split the matrix if it is really that large");
  if (symmetric && rows != cols)
    throw fail(7, line_number, "a symmetric matrix must be square", "fix the size line or use 'general'");

  // A coordinate file lists each cell at most once (compared by division: no overflow).
  if (entries > 0 && (rows == 0 || (entries - 1) / rows >= cols))
    throw fail(13, line_number,
               std::to_string(entries) + " entries cannot fit a " + std::to_string(rows) + " x " + std::to_string(cols) +
                   " matrix",
               "check the size line");

  std::vector<Eigen::Triplet<Scalar>> triplets;
  // The size line is not trusted for more than a modest reservation; the vector grows as needed.
  const auto reserved = static_cast<std::size_t>(std::min<long long>(entries, 1 << 20));
  triplets.reserve(symmetric ? 2 * reserved : reserved);
  long long seen = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const auto text = detail::trim(line);
    if (text.empty() || text.front() == '%') continue;
    std::string_view f[4];
    const std::size_t fields = detail::split_fields(text, f, 3);
    long long r = 0, c = 0;
    double value = 1.0;
    if (fields != (pattern ? 2u : 3u) || !detail::parse_number(f[0], r) || !detail::parse_number(f[1], c) ||
        (!pattern && !detail::parse_number(f[2], value)))
      throw fail(8, line_number, "malformed entry '" + std::string(text) + "'",
                 pattern ? "a pattern entry is 'row column'" : "an entry is 'row column value'");
    if (r < 1 || r > rows || c < 1 || c > cols)
      throw fail(9, line_number,
                 "entry (" + std::to_string(r) + ", " + std::to_string(c) + ") is outside the " + std::to_string(rows) +
                     " x " + std::to_string(cols) + " matrix",
                 "indices are one-based and must fit the size line");
    if (++seen > entries)
      throw fail(10, line_number, "more entries than the " + std::to_string(entries) + " the size line announces",
                 "fix the size line");
    triplets.emplace_back(static_cast<Eigen::Index>(r - 1), static_cast<Eigen::Index>(c - 1), static_cast<Scalar>(value));
    if (symmetric && r != c)
      triplets.emplace_back(static_cast<Eigen::Index>(c - 1), static_cast<Eigen::Index>(r - 1), static_cast<Scalar>(value));
  }
  if (seen != entries)
    throw fail(11, line_number,
               "found " + std::to_string(seen) + " entries but the size line announces " + std::to_string(entries),
               "the file may be truncated");
  Eigen::SparseMatrix<Scalar, Eigen::RowMajor> matrix(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  matrix.setFromTriplets(triplets.begin(), triplets.end());  // repeated entries are summed, as scipy does
  return matrix;
}

/// Writes one term per line, escaping `\`, newline, tab and carriage return.
inline void write_vocabulary(std::ostream& out, const vocabulary& vocab) {
  std::string text;
  for (const auto& term : vocab.terms()) {
    for (const char c : term) {
      switch (c) {
        case '\\': text += "\\\\"; break;
        case '\n': text += "\\n"; break;
        case '\t': text += "\\t"; break;
        case '\r': text += "\\r"; break;
        default: text += c;
      }
    }
    text += '\n';
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

/// Reads a vocabulary written by write_vocabulary (terms must be sorted and unique).
/// @throws data_error `[plansim.vocabulary.9]` naming the source and line for a bad escape.
inline vocabulary read_vocabulary(std::istream& in, std::string_view source) {
  std::vector<std::string> terms;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string term;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '\\') {
        term += line[i];
        continue;
      }
      const char next = i + 1 < line.size() ? line[++i] : '\0';
      switch (next) {
        case '\\': term += '\\'; break;
        case 'n': term += '\n'; break;
        case 't': term += '\t'; break;
        case 'r': term += '\r'; break;
        default:
          throw data_error("vocabulary", 9, std::string(source) + ":" + std::to_string(line_number),
                           "unknown escape in '" + line + "'", "write \\\\ for a backslash");
      }
    }
    terms.push_back(std::move(term));
  }
  return vocabulary(std::move(terms));
}

}  // namespace plansim
