#pragma once
/// @file
/// Reading a corpus: every text file of a folder, one document per line of a file, or strings.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/detail/read_file.hpp"
#include "plansim/text/utf8.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/corpus/markdown.hpp"
#include "plansim/corpus/read_options.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// A file read_folder left out, so callers can record what their results are based on.
struct skipped_file {
  std::string name;    ///< relative to the folder, as document::name would have been
  std::string reason;  ///< "empty", "whitespace only" or "binary (NUL byte at byte offset <n>)"
};

/// What read_folder did besides returning documents.
struct read_report {
  std::vector<skipped_file> skipped;  ///< in reading order
};

namespace corpus_detail {

inline bool ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline bool blank_text(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(), ascii_space);
}

inline std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

inline bool markdown_extension(const std::filesystem::path& path) {
  const std::string ext = ascii_lower(path.extension().string());
  return ext == ".md" || ext == ".markdown";
}

inline bool should_mask(markdown_mode mode, const std::filesystem::path& path) {
  return mode == markdown_mode::always || (mode == markdown_mode::by_extension && markdown_extension(path));
}

[[noreturn]] inline void throw_binary(const std::filesystem::path& path, std::size_t offset,
                                      std::string_view option) {
  throw data_error("corpus", 4, path.string(),
                   "binary file (NUL byte at byte offset " + std::to_string(offset) + ")",
                   "remove it, or convert it to UTF-8 text with e.g. pdftotext" + std::string(option));
}

inline void check_is_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::exists(folder, ec)) {
    throw io_error("corpus", 2, folder.string(), "no such folder", "check the path and the working directory");
  }
  if (!std::filesystem::is_directory(folder, ec)) {
    throw io_error("corpus", 6, folder.string(), "not a folder", "give read_folder a folder, or use read_lines for a file");
  }
}

/// The files under `folder` with one of `extensions`, as (relative generic name, path), sorted
/// by name bytewise so ids do not depend on the file system's listing order.
inline std::vector<std::pair<std::string, std::filesystem::path>> list_files(
    const std::filesystem::path& folder, const std::vector<std::string>& extensions, bool recursive) {
  std::vector<std::pair<std::string, std::filesystem::path>> files;
  const auto consider = [&](const std::filesystem::directory_entry& entry) {
    std::error_code ec;
    if (!entry.is_regular_file(ec)) return;
    const std::string ext = ascii_lower(entry.path().extension().string());
    if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) return;
    files.emplace_back(entry.path().lexically_relative(folder).generic_string(), entry.path());
  };
  try {
    if (recursive) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) consider(entry);
    } else {
      for (const auto& entry : std::filesystem::directory_iterator(folder)) consider(entry);
    }
  } catch (const std::filesystem::filesystem_error& e) {
    const std::filesystem::path& where = e.path1().empty() ? folder : e.path1();
    throw io_error("corpus", 1, where.string(), "cannot list the folder: " + e.code().message(),
                   "check the folder's permissions");
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return files;
}

inline std::vector<std::string> normalise_extensions(const std::vector<std::string>& extensions) {
  std::vector<std::string> out;
  for (const std::string& ext : extensions) {
    if (ext.empty() || ext == ".") {
      throw invalid_argument("corpus", 14, "folder_options::extensions", "an extension is empty",
                             "list extensions such as \".txt\" or \"md\"");
    }
    out.push_back(ascii_lower(ext.front() == '.' ? ext : "." + ext));
  }
  return out;
}

}  // namespace corpus_detail

/// Reads every file under `folder` whose extension is in options.extensions (sub-folders too
/// when options.recursive) as one document. Documents are ordered, and so numbered, by their
/// relative path's generic string compared bytewise ("B.txt" < "a.txt" < "a/b.txt" < "a_c.txt"),
/// whatever order the file system lists them in. Files left out by on_bad_file::skip are listed
/// in `report`.
/// @throws io_error [plansim.corpus.2] when `folder` does not exist, [plansim.corpus.6] when it is
///         not a folder, [plansim.corpus.1] when a file or folder cannot be read
/// @throws data_error [plansim.corpus.3] invalid UTF-8 (policy stop), [plansim.corpus.4] binary
///         file, [plansim.corpus.5] empty file (unless skipped), [plansim.corpus.7] no documents
/// @throws invalid_argument [plansim.corpus.14] for an empty extension
inline corpus read_folder(const std::filesystem::path& folder, const folder_options& options,
                          read_report& report) {
  const std::vector<std::string> extensions = corpus_detail::normalise_extensions(options.extensions);
  corpus_detail::check_is_folder(folder);
  std::vector<document> documents;
  for (auto& [name, path] : corpus_detail::list_files(folder, extensions, options.recursive)) {
    const std::string bytes = corpus_detail::read_file_bytes(path, "corpus");
    const std::size_t nul = binary_marker_offset(bytes);
    if (nul != std::string_view::npos) {
      if (options.binary_files == on_bad_file::error) {
        corpus_detail::throw_binary(path, nul, ", or set folder_options::binary_files to on_bad_file::skip");
      }
      report.skipped.push_back({name, "binary (NUL byte at byte offset " + std::to_string(nul) + ")"});
      continue;
    }
    std::string text = to_valid_utf8(bytes, options.utf8, path.string());
    if (corpus_detail::blank_text(text)) {
      const char* what = text.empty() ? "empty" : "whitespace only";
      if (options.empty_files == on_bad_file::error) {
        throw data_error("corpus", 5, path.string(),
                         text.empty() ? "the file is empty" : "the file holds only whitespace",
                         "remove it or add its text, or set folder_options::empty_files to on_bad_file::skip");
      }
      report.skipped.push_back({name, what});
      continue;
    }
    const bool mask = corpus_detail::should_mask(options.markdown, path);
    std::string unmasked;
    if (mask) {
      unmasked = std::move(text);
      text = mask_markdown(unmasked);
    }
    documents.push_back({0, std::move(name), path.string(), std::move(text), mask, 0, std::move(unmasked)});
  }
  if (documents.empty()) {
    std::string problem = "no file to read with extension";
    for (const std::string& ext : extensions) problem += " " + ext;
    if (!report.skipped.empty()) problem += " (" + std::to_string(report.skipped.size()) + " skipped)";
    throw data_error("corpus", 7, folder.string(), problem,
                     "check the folder, or set folder_options::extensions");
  }
  return corpus(std::move(documents));
}

/// read_folder without a report; use the three-argument form with on_bad_file::skip.
inline corpus read_folder(const std::filesystem::path& folder, const folder_options& options = {}) {
  read_report report;
  return read_folder(folder, options, report);
}

/// Reads one document per line of `file` that holds more than whitespace (LF or CRLF line ends;
/// the line end is not part of the text). Documents are named "line-<n>" with n the 1-based line
/// number, which document::line also keeps.
/// @throws io_error [plansim.corpus.2] when `file` does not exist, [plansim.corpus.6] when it is a
///         folder, [plansim.corpus.1] when it cannot be read
/// @throws data_error [plansim.corpus.3] invalid UTF-8 (policy stop), [plansim.corpus.4] binary
///         file, [plansim.corpus.5] no line with text
inline corpus read_lines(const std::filesystem::path& file, const lines_options& options = {}) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw io_error("corpus", 6, file.string(), "is a folder, not a file", "use read_folder for a folder");
  }
  const std::string bytes = corpus_detail::read_file_bytes(file, "corpus");
  const std::size_t nul = binary_marker_offset(bytes);
  if (nul != std::string_view::npos) corpus_detail::throw_binary(file, nul, "");
  const std::string text = to_valid_utf8(bytes, options.utf8, file.string());
  const bool mask = corpus_detail::should_mask(options.markdown, file);
  std::vector<document> documents;
  std::size_t start = 0;
  for (std::size_t number = 1; start < text.size(); ++number) {
    std::size_t stop = text.find('\n', start);
    const std::size_t next = stop == std::string::npos ? text.size() : stop + 1;
    if (stop == std::string::npos) stop = text.size();
    if (stop > start && text[stop - 1] == '\r') --stop;
    std::string line = text.substr(start, stop - start);
    start = next;
    if (corpus_detail::blank_text(line)) continue;
    std::string unmasked;
    if (mask) {
      unmasked = std::move(line);
      line = mask_markdown(unmasked);
    }
    documents.push_back(
        {0, "line-" + std::to_string(number), file.string(), std::move(line), mask, number, std::move(unmasked)});
  }
  if (documents.empty()) {
    throw data_error("corpus", 5, file.string(), "the file holds no line with text",
                     "check the file, or give read_lines a file with one document per line");
  }
  return corpus(std::move(documents));
}

/// A corpus of the given texts, named `names` or, when `names` is empty, "text-0", "text-1", ...
/// @throws invalid_argument [plansim.corpus.8] when names are given but not one per text,
///         [plansim.corpus.9] when two names are equal
/// @throws data_error [plansim.corpus.3] when a text is not valid UTF-8 (the caller is its name)
inline corpus from_strings(std::vector<std::string> texts, std::vector<std::string> names = {}) {
  if (!names.empty() && names.size() != texts.size()) {
    throw invalid_argument("corpus", 8, "from_strings",
                           std::to_string(names.size()) + " names for " + std::to_string(texts.size()) + " texts",
                           "give one name per text, or none");
  }
  std::vector<document> documents;
  documents.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string name = names.empty() ? "text-" + std::to_string(i) : std::move(names[i]);
    // Strict: a caller's own strings have no file to fix, so changing them silently would hide a bug.
    std::string text = to_valid_utf8(texts[i], invalid_utf8::stop, name);
    documents.push_back({0, std::move(name), std::string(), std::move(text), false, 0, std::string()});
  }
  return corpus(std::move(documents));
}

}  // namespace plansim
