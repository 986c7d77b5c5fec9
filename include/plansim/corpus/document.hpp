#pragma once
/// @file
/// One document of a corpus: its text and where it came from.

#include <cstddef>
#include <string>

namespace plansim {

/// A document's text and origin. A byte offset into `text` (a passage, a match) is the same
/// offset into the file, less 3 when the file starts with a byte order mark (which the readers
/// strip), unless invalid UTF-8 was replaced (each U+FFFD shifts later offsets). Masking markdown
/// keeps every offset. For read_lines, offsets are into the document's line.
struct document {
  /// Position in its corpus, 0..n-1; set by the corpus.
  std::size_t id = 0;
  /// File name relative to the folder read (generic form, "sub/a.txt"), "line-<n>" for
  /// read_lines, or the name given to from_strings. Unique within a corpus.
  std::string name;
  /// The file the text came from, as given or found; empty for from_strings.
  std::string path;
  /// Valid UTF-8.
  std::string text;
  /// True when markdown syntax in `text` was replaced by spaces (mask_markdown).
  bool from_markdown = false;
  /// For read_lines, the 1-based line of the file the document was; 0 otherwise.
  std::size_t line = 0;
  /// When from_markdown, the text before masking: same length and offsets as `text`, kept so
  /// passages can find headings, list items and table rows, and callers can quote the original.
  /// Empty otherwise.
  std::string unmasked_text;
};

}  // namespace plansim
