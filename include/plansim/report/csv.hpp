#pragma once
/// @file
/// Writing CSV that pandas, R and spreadsheets read back exactly: a header row, UTF-8, RFC 4180
/// quoting (a field holding a comma, a double quote, CR or LF is wrapped in double quotes, and
/// its double quotes are doubled), LF line ends as pandas' `to_csv` writes them on POSIX.
///
/// Numbers are written in their shortest round-trip form (`std::to_chars`: "0.5", "1e-300"),
/// independent of the locale, so `pandas.read_csv` gives back the same double bit for bit. A NaN
/// or infinite value is written as an empty field, which pandas reads as NaN.
///
/// Reference: Y. Shafranovich, RFC 4180, *Common Format and MIME Type for Comma-Separated Values
/// (CSV) Files*, 2005.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

#include "plansim/detail/format.hpp"

namespace plansim {

/// True when `field` must be quoted under RFC 4180 (comma, double quote, CR or LF inside), or
/// when it has leading or trailing spaces, which some readers would otherwise strip.
[[nodiscard]] inline bool csv_needs_quotes(std::string_view field) noexcept {
  if (field.empty()) return false;
  if (field.front() == ' ' || field.back() == ' ') return true;
  for (const char c : field)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
  return false;
}

/// Appends `field` to `out`, quoted when csv_needs_quotes says so.
inline void append_csv_field(std::string& out, std::string_view field) {
  if (!csv_needs_quotes(field)) {
    out.append(field);
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// Writes rows of fields to a stream. Buffers internally; call `flush()` (or let the destructor
/// do it) before reading the stream's state.
///
///     csv_writer csv(out);
///     csv.row({"doc", "neighbor", "rank", "score"});
///     csv << 3 << 7 << 1 << 0.82;  csv.end_row();
class csv_writer {
 public:
  explicit csv_writer(std::ostream& out) : out_(out) {}
  csv_writer(const csv_writer&) = delete;
  csv_writer& operator=(const csv_writer&) = delete;
  ~csv_writer() { flush(); }

  /// One text field.
  csv_writer& field(std::string_view text) {
    separate();
    append_csv_field(buffer_, text);
    return *this;
  }
  csv_writer& field(const char* text) { return field(std::string_view(text)); }
  csv_writer& field(const std::string& text) { return field(std::string_view(text)); }

  /// One integer field.
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>)
  csv_writer& field(Integer value) {
    separate();
    detail::append_number(buffer_, value);
    return *this;
  }

  /// One floating-point field, shortest round-trip; empty for NaN or infinity.
  template <std::floating_point Real>
  csv_writer& field(Real value) {
    separate();
    if (std::isfinite(value)) detail::append_number(buffer_, value);
    return *this;
  }

  /// An empty field (read as NaN / missing).
  csv_writer& empty_field() {
    separate();
    return *this;
  }

  template <class T>
  csv_writer& operator<<(const T& value) {
    return field(value);
  }

  /// Ends the current row.
  void end_row() {
    buffer_ += '\n';
    first_ = true;
    if (buffer_.size() > (std::size_t{1} << 16)) flush();
  }

  /// A whole row of text fields (typically the header).
  void row(std::initializer_list<std::string_view> fields) {
    for (const auto f : fields) field(f);
    end_row();
  }

  /// Writes what is buffered to the stream.
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  void separate() {
    if (!first_) buffer_ += ',';
    first_ = false;
  }

  std::ostream& out_;
  std::string buffer_;
  bool first_ = true;
};

}  // namespace plansim
