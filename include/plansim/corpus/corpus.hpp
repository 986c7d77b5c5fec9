#pragma once
/// @file
/// A corpus: documents with stable ids, plus per-document metadata columns.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "plansim/corpus/document.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// Documents in a fixed order, each with id = its position, and named metadata columns whose
/// values are strings (empty when a document has none). Read one with read_folder, read_lines
/// or from_strings (readers.hpp); add metadata with attach_metadata (metadata.hpp).
class corpus {
 public:
  using const_iterator = std::vector<document>::const_iterator;

  corpus() = default;

  /// Takes the documents in order and sets each id to its position.
  /// @throws invalid_argument [plansim.corpus.9] when two documents share a name
  explicit corpus(std::vector<document> documents) : documents_(std::move(documents)) {
    by_name_.reserve(documents_.size());
    for (std::size_t i = 0; i < documents_.size(); ++i) {
      documents_[i].id = i;
      if (!by_name_.emplace(documents_[i].name, i).second) {
        throw invalid_argument("corpus", 9, "corpus",
                               "two documents are named \"" + documents_[i].name + "\"",
                               "give every document a distinct name");
      }
    }
  }

  [[nodiscard]] std::size_t size() const noexcept { return documents_.size(); }
  [[nodiscard]] bool empty() const noexcept { return documents_.empty(); }

  /// The document with this id; `id` must be below size().
  [[nodiscard]] const document& operator[](std::size_t id) const noexcept { return documents_[id]; }

  [[nodiscard]] const_iterator begin() const noexcept { return documents_.begin(); }
  [[nodiscard]] const_iterator end() const noexcept { return documents_.end(); }

  /// The document with exactly this name, or nullptr.
  [[nodiscard]] const document* find(std::string_view name) const {
    const auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? nullptr : &documents_[it->second];
  }

  /// Metadata column names, in the order they were added.
  [[nodiscard]] const std::vector<std::string>& metadata_columns() const noexcept { return columns_; }

  /// True when a metadata column has this name.
  [[nodiscard]] bool has_metadata_column(std::string_view column) const {
    return std::find(columns_.begin(), columns_.end(), column) != columns_.end();
  }

  /// The value of `column` for document `id`; empty when the document has none.
  /// @throws invalid_argument [plansim.corpus.10] for an unknown column,
  ///         [plansim.corpus.11] for an id not below size()
  [[nodiscard]] std::string_view metadata(std::size_t id, std::string_view column) const {
    check_id(id);
    return values_[column_index(column)][id];
  }

  /// Adds a column with one value per document, in id order.
  /// @throws invalid_argument [plansim.corpus.12] when values.size() != size(),
  ///         [plansim.corpus.13] when the column exists or its name is empty
  void add_metadata_column(std::string column, std::vector<std::string> values) {
    if (values.size() != documents_.size()) {
      throw invalid_argument("corpus", 12, "add_metadata_column",
                             "column \"" + column + "\" has " + std::to_string(values.size()) +
                                 " values for " + std::to_string(documents_.size()) + " documents",
                             "give one value per document, empty where there is none");
    }
    if (column.empty() || has_metadata_column(column)) {
      throw invalid_argument("corpus", 13, "add_metadata_column",
                             column.empty() ? std::string("the column name is empty")
                                            : "the corpus already has a column \"" + column + "\"",
                             "give each metadata column a distinct, non-empty name");
    }
    columns_.push_back(std::move(column));
    values_.push_back(std::move(values));
  }

 private:
  void check_id(std::size_t id) const {
    if (id >= documents_.size()) {
      throw invalid_argument("corpus", 11, "metadata",
                             "document id " + std::to_string(id) + " is not below the corpus size " +
                                 std::to_string(documents_.size()),
                             "use an id from 0 to size() - 1");
    }
  }

  [[nodiscard]] std::size_t column_index(std::string_view column) const {
    const auto it = std::find(columns_.begin(), columns_.end(), column);
    if (it == columns_.end()) {
      throw invalid_argument("corpus", 10, "metadata", "no metadata column \"" + std::string(column) + "\"",
                             "use one of metadata_columns()");
    }
    return static_cast<std::size_t>(it - columns_.begin());
  }

  std::vector<document> documents_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> values_;  // values_[column][document]
};

}  // namespace plansim
