#pragma once
/// @file
/// A small streaming JSON writer for run bundles (run.json) and for data embedded in an HTML
/// report. Output is RFC 8259 JSON: strings escaped (", \, control characters as \u00XX),
/// numbers in shortest round-trip form, NaN and infinities as null (JSON has no such numbers).
///
/// With `json_style::html_safe` it also escapes `<`, `>`, `&`, U+2028 and U+2029, so the text can
/// sit inside an HTML `<script>` element: no `</script>` or `<!--` can end or confuse the
/// element, whatever the documents say.
///
/// The writer checks its own nesting: a value where a key is due, a key outside an object, or an
/// unbalanced end throws invalid_argument `[plansim.json.1]`; that is a bug in the caller.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

enum class json_style {
  pretty,     ///< two-space indentation, one member per line (run.json)
  compact,    ///< no whitespace
  html_safe,  ///< compact, and safe inside an HTML <script> element
};

/// Appends `text` to `out` as a quoted JSON string. `html_safe` also escapes <, >, &, U+2028, U+2029.
inline void append_json_string(std::string& out, std::string_view text, bool html_safe = false) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    const bool html_char = html_safe && (c == '<' || c == '>' || c == '&');
    if (c < 0x20 || c == 0x7f || html_char) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
      continue;
    }
    // U+2028 and U+2029 (E2 80 A8 / E2 80 A9): line terminators to older JavaScript.
    if (html_safe && c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xa8 || static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

/// Builds a JSON text into a string (or streams it with `write_to`).
///
///     json_writer json;
///     json.begin_object();
///     json.key("seed").value(42);
///     json.key("files").begin_array().value("a.csv").value("b.csv").end_array();
///     json.end_object();
///     out << json.str();
class json_writer {
 public:
  explicit json_writer(json_style style = json_style::pretty) : style_(style) {}

  json_writer& begin_object() { return open('{', frame::object); }
  json_writer& end_object() { return close('}', frame::object); }
  json_writer& begin_array() { return open('[', frame::array); }
  json_writer& end_array() { return close(']', frame::array); }

  /// The next member's name; must be inside an object, before its value.
  json_writer& key(std::string_view name) {
    if (stack_.empty() || stack_.back().kind != frame::object || key_pending_) misuse("key outside an object or twice");
    comma_and_indent();
    append_json_string(text_, name, style_ == json_style::html_safe);
    text_ += style_ == json_style::pretty ? ": " : ":";
    key_pending_ = true;
    return *this;
  }

  json_writer& value(std::string_view text) {
    before_value();
    append_json_string(text_, text, style_ == json_style::html_safe);
    return *this;
  }
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  json_writer& value(const std::string& text) { return value(std::string_view(text)); }
  json_writer& value(bool b) {
    before_value();
    text_ += b ? "true" : "false";
    return *this;
  }
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool> && !std::same_as<Integer, char>)
  json_writer& value(Integer n) {
    before_value();
    detail::append_number(text_, n);
    return *this;
  }
  template <std::floating_point Real>
  json_writer& value(Real x) {
    before_value();
    if (std::isfinite(x)) detail::append_number(text_, x);
    else text_ += "null";
    return *this;
  }
  json_writer& null() {
    before_value();
    text_ += "null";
    return *this;
  }
  /// Inserts `json`, which must already be one valid JSON value, as the next value.
  json_writer& raw(std::string_view json) {
    before_value();
    text_.append(json);
    return *this;
  }

  /// True when every object and array opened has been closed and at least one value written.
  [[nodiscard]] bool complete() const noexcept { return stack_.empty() && !text_.empty(); }

  /// The JSON text.
  /// @throws invalid_argument `[plansim.json.1]` when an object or array is still open.
  [[nodiscard]] const std::string& str() const {
    if (!stack_.empty()) misuse("an object or array is still open");
    return text_;
  }

 private:
  enum class frame { object, array };
  struct level {
    frame kind;
    bool empty = true;
  };

  [[noreturn]] static void misuse(const char* problem) {
    throw invalid_argument("json", 1, "json_writer", problem, "balance begin_/end_ calls and give each value a key");
  }

  void newline_indent() {
    if (style_ != json_style::pretty) return;
    text_ += '\n';
    text_.append(2 * stack_.size(), ' ');
  }

  void comma_and_indent() {
    level& top = stack_.back();
    if (!top.empty) text_ += ',';
    top.empty = false;
    newline_indent();
  }

  void before_value() {
    if (stack_.empty()) {
      if (!text_.empty()) misuse("a second top-level value");
      return;
    }
    if (stack_.back().kind == frame::object) {
      if (!key_pending_) misuse("a value in an object without a key");
      key_pending_ = false;
      return;
    }
    comma_and_indent();
  }

  json_writer& open(char bracket, frame kind) {
    before_value();
    text_ += bracket;
    stack_.push_back({kind});
    return *this;
  }

  json_writer& close(char bracket, frame kind) {
    if (stack_.empty() || stack_.back().kind != kind || key_pending_) misuse("an end without its begin, or after a key");
    const bool was_empty = stack_.back().empty;
    stack_.pop_back();
    if (!was_empty) newline_indent();
    text_ += bracket;
    if (stack_.empty() && style_ == json_style::pretty) text_ += '\n';
    return *this;
  }

  json_style style_;
  std::string text_;
  std::vector<level> stack_;
  bool key_pending_ = false;
};

}  // namespace plansim
