#pragma once
/// @file
/// A strict RFC 4180 CSV reader, for metadata tables.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/corpus/detail/read_file.hpp"
#include "plansim/text/utf8.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// One record of a CSV file.
struct csv_row {
  std::size_t line = 0;             ///< 1-based line the record starts on
  std::vector<std::string> fields;  ///< unquoted values
};

/// A CSV file: its header record and the records after it.
struct csv_table {
  std::vector<std::string> header;
  std::vector<csv_row> rows;
};

/// Parses RFC 4180 CSV: fields separated by commas, records by LF or CRLF, fields in double
/// quotes may hold commas, line breaks and doubled quotes (`""` for `"`). A leading UTF-8 byte
/// order mark is ignored, and so are empty lines between records. Fields are kept as written
/// (no trimming); a quote inside an unquoted field is kept as a character. The first record is
/// the header; every record must have as many fields as the header. `source` names the input in
/// errors, which read "<source>:<line>".
/// @throws data_error [plansim.metadata.3] unterminated quoted field, [plansim.metadata.4]
///         characters after a closing quote, [plansim.metadata.5] wrong number of fields,
///         [plansim.metadata.6] no header record
[[nodiscard]] inline csv_table parse_csv(std::string_view text, std::string_view source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto where = [&](std::size_t line) { return std::string(source) + ":" + std::to_string(line); };
  const std::size_t n = text.size();
  const auto line_end = [&](std::size_t i) {
    return text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n');
  };
  std::vector<csv_row> records;
  std::size_t i = 0;
  std::size_t line = 1;
  while (i < n) {
    if (line_end(i)) {  // an empty line is no record
      i += text[i] == '\r' ? 2U : 1U;
      ++line;
      continue;
    }
    csv_row record{line, {}};
    for (;;) {
      std::string field;
      if (i < n && text[i] == '"') {
        const std::size_t opened = line;
        for (++i;; ++i) {
          if (i >= n) {
            throw data_error("metadata", 3, where(opened), "a quoted field is not closed before the end of the file",
                             "close the field with a double quote, and double every quote inside it (\"\")");
          }
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              ++i;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i];
        }
        if (i < n && text[i] != ',' && !line_end(i)) {
          throw data_error("metadata", 4, where(line),
                           "unexpected character '" + std::string(1, text[i]) + "' after a closing quote",
                           "quote the whole field, and double every quote inside it (\"\")");
        }
      } else {
        while (i < n && text[i] != ',' && !line_end(i)) field += text[i++];
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n) {
        i += text[i] == '\r' ? 2U : 1U;
        ++line;
      }
      break;
    }
    records.push_back(std::move(record));
  }
  if (records.empty()) {
    throw data_error("metadata", 6, std::string(source), "no header row",
                     "start the file with a header row naming its columns");
  }
  csv_table table;
  table.header = std::move(records.front().fields);
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].fields.size() != table.header.size()) {
      throw data_error("metadata", 5, where(records[r].line),
                       "the row has " + std::to_string(records[r].fields.size()) + " fields, the header has " +
                           std::to_string(table.header.size()),
                       "give every row as many fields as the header, and quote fields that hold commas");
    }
    table.rows.push_back(std::move(records[r]));
  }
  return table;
}

/// Reads and parses a CSV file (see parse_csv); the file must be UTF-8.
/// @throws io_error [plansim.metadata.2] when the file does not exist, [plansim.metadata.1] when
///         it cannot be read; data_error [plansim.corpus.3] for invalid UTF-8, and parse_csv's
[[nodiscard]] inline csv_table read_csv(const std::filesystem::path& path) {
  const std::string bytes = corpus_detail::read_file_bytes(path, "metadata");
  return parse_csv(to_valid_utf8(bytes, invalid_utf8::stop, path.string()), path.string());
}

}  // namespace plansim
