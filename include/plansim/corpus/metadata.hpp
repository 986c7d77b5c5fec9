#pragma once
/// @file
/// Joining a CSV table of metadata (council, type, region, ...) to a corpus's documents.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/csv.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// A metadata row whose first field names no document of the corpus.
struct unmatched_row {
  std::size_t line = 0;  ///< 1-based line of the CSV file the row starts on
  std::string key;       ///< its first field
};

/// What attach_metadata could not join, for the caller to record or act on.
struct metadata_report {
  std::vector<unmatched_row> unmatched_rows;        ///< in file order
  std::vector<std::size_t> documents_without_row;   ///< ids, ascending; their values are empty
};

namespace corpus_detail {

inline std::string_view base_name(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

/// The name without its last extension ("a/b.txt" -> "a/b"; ".profile" keeps its dot).
inline std::string_view without_extension(std::string_view name) {
  const std::size_t base = name.size() - base_name(name).size();
  const std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot <= base ? name : name.substr(0, dot);
}

inline std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Documents a key names: the exact name; else names that are the key plus an extension; else
/// names whose base name, with or without extension, is the key. The first rule that finds any
/// document decides.
inline std::vector<std::size_t> documents_named(const corpus& c, std::string_view key) {
  if (const document* d = c.find(key)) return {d->id};
  std::vector<std::size_t> found;
  for (const document& d : c)
    if (without_extension(d.name) == key) found.push_back(d.id);
  if (!found.empty()) return found;
  for (const document& d : c) {
    const std::string_view base = base_name(d.name);
    if (base == key || without_extension(base) == key) found.push_back(d.id);
  }
  return found;
}

}  // namespace corpus_detail

/// Adds the table's columns, after the first, as metadata columns of `c`. The first column names
/// each row's document: its exact name ("sub/halton.txt"), or the name without extension
/// ("sub/halton"), or the file's base name with or without extension ("halton.txt", "halton")
/// when that names one document. Surrounding spaces of the key are ignored. Documents without a
/// row get empty values; rows naming no document are returned, not dropped. Nothing is added
/// when an error is thrown. `source` names the table in errors.
/// @throws data_error [plansim.metadata.7] empty, repeated or existing column name,
///         [plansim.metadata.8] two rows for one document or with one key, [plansim.metadata.9]
///         a key that names several documents, [plansim.metadata.10] an empty key
inline metadata_report attach_metadata(corpus& c, const csv_table& table, std::string_view source) {
  const std::string where = std::string(source);
  for (std::size_t k = 1; k < table.header.size(); ++k) {
    const std::string& column = table.header[k];
    bool repeated = false;
    for (std::size_t j = 1; j < k; ++j) repeated = repeated || table.header[j] == column;
    if (column.empty() || repeated || c.has_metadata_column(column)) {
      throw data_error("metadata", 7, where + ":1",
                       column.empty() ? "column " + std::to_string(k + 1) + " of the header has no name"
                       : repeated     ? "the header names column \"" + column + "\" twice"
                                      : "the corpus already has a metadata column \"" + column + "\"",
                       "give every column a distinct name that the corpus does not have yet");
    }
  }
  metadata_report report;
  std::vector<std::size_t> row_of(c.size(), table.rows.size());  // index into table.rows
  std::map<std::string, std::size_t, std::less<>> line_of_key;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const csv_row& row = table.rows[r];
    const std::string_view key = corpus_detail::trim_ascii(row.fields.front());
    const std::string here = where + ":" + std::to_string(row.line);
    if (key.empty()) {
      throw data_error("metadata", 10, here, "the row names no document (its first field is empty)",
                       "put the document's file name in the first column, or remove the row");
    }
    if (const auto seen = line_of_key.find(key); seen != line_of_key.end()) {
      throw data_error("metadata", 8, here,
                       "\"" + std::string(key) + "\" already has a row, on line " + std::to_string(seen->second),
                       "keep one row per document");
    }
    line_of_key.emplace(std::string(key), row.line);
    const std::vector<std::size_t> ids = corpus_detail::documents_named(c, key);
    if (ids.empty()) {
      report.unmatched_rows.push_back({row.line, std::string(key)});
      continue;
    }
    if (ids.size() > 1) {
      std::string names;
      for (const std::size_t id : ids) names += (names.empty() ? "\"" : ", \"") + c[id].name + "\"";
      throw data_error("metadata", 9, here, "\"" + std::string(key) + "\" names several documents: " + names,
                       "write the document's full name, as in document::name");
    }
    if (row_of[ids.front()] != table.rows.size()) {
      throw data_error("metadata", 8, here,
                       "document \"" + c[ids.front()].name + "\" already has a row, on line " +
                           std::to_string(table.rows[row_of[ids.front()]].line),
                       "keep one row per document");
    }
    row_of[ids.front()] = r;
  }
  for (std::size_t k = 1; k < table.header.size(); ++k) {
    std::vector<std::string> values(c.size());
    for (std::size_t id = 0; id < c.size(); ++id)
      if (row_of[id] != table.rows.size()) values[id] = table.rows[row_of[id]].fields[k];
    c.add_metadata_column(table.header[k], std::move(values));
  }
  for (std::size_t id = 0; id < c.size(); ++id)
    if (row_of[id] == table.rows.size()) report.documents_without_row.push_back(id);
  return report;
}

/// Reads `csv_path` with read_csv and joins it to `c` (see the overload above).
/// @throws io_error and data_error as read_csv and attach_metadata do
inline metadata_report attach_metadata(corpus& c, const std::filesystem::path& csv_path) {
  return attach_metadata(c, read_csv(csv_path), csv_path.string());
}

}  // namespace plansim
