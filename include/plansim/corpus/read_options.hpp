#pragma once
/// @file
/// Options for reading documents from disk: what to do with invalid UTF-8, empty or binary files,
/// which extensions to read, and when to mask markdown syntax.

#include <string>
#include <vector>

#include "plansim/text/utf8.hpp"  // invalid_utf8: replace with U+FFFD, or stop naming file and offset

namespace plansim {

/// When a reader replaces markdown syntax by spaces (see mask_markdown in markdown.hpp).
enum class markdown_mode {
  by_extension,  ///< mask files whose extension is `.md` or `.markdown` (any case)
  always,        ///< mask every file (plain-text exports often carry markdown, as the sample plans do)
  never,         ///< keep the text as it is
};

/// What read_folder does with a file it cannot use as a document.
enum class on_bad_file {
  error,  ///< throw plansim::data_error naming the file
  skip,   ///< leave the file out and record it in the read_report
};

/// Options of read_folder.
struct folder_options {
  /// File extensions to read, with or without the leading dot, compared ignoring ASCII case.
  std::vector<std::string> extensions{".txt", ".md"};
  /// Descend into sub-folders (symbolic links to folders are not followed).
  bool recursive = true;
  /// Invalid UTF-8 stops by default, as scikit-learn's decode_error="strict" does: silently
  /// changed text would make results hard to trust.
  invalid_utf8 utf8 = invalid_utf8::stop;
  /// Files that are empty or hold only whitespace.
  on_bad_file empty_files = on_bad_file::error;
  /// Files with a NUL byte in their first 8 KiB (PDF, Word, images saved with a .txt name).
  on_bad_file binary_files = on_bad_file::error;
  /// When to mask markdown syntax.
  markdown_mode markdown = markdown_mode::by_extension;
};

/// Options of read_lines.
struct lines_options {
  invalid_utf8 utf8 = invalid_utf8::stop;
  /// by_extension masks each line when the file is `.md`; a line is masked on its own.
  markdown_mode markdown = markdown_mode::never;
};

}  // namespace plansim
