#pragma once
/// @file
/// Escaping for HTML reports. Document names, terms and quoted passages come from user files and
/// may hold anything (`<script>`, quotes, ampersands); every piece of text goes through
/// `append_html_escaped` in element content and attribute values alike, and every piece of data
/// handed to the page's script goes through json_writer with json_style::html_safe.
///
/// Reference: WHATWG HTML Living Standard, section 13.1 (syntax): escaping `&`, `<`, `>`, `"` and
/// `'` makes text safe in element content and in quoted attribute values.

#include <string>
#include <string_view>

namespace plansim {

/// Appends `text` with &, <, >, " and ' replaced by character references.
inline void append_html_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

/// `text` escaped for HTML element content or a quoted attribute value.
[[nodiscard]] inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

}  // namespace plansim
