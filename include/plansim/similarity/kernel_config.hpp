#pragma once
/// @file
/// The tuning knobs of the similarity kernels, with built-in defaults, and a tiny key=value file
/// format so a tuning run can record the best values for a machine and later runs can load them.
///
/// File format: one `key = value` per line; blank lines and lines starting with `#` are ignored;
/// keys are the member names below; unknown keys and malformed values are errors (a typo must
/// not silently fall back to a default). Numbers are written in shortest round-trip form.
///
///     # plansim kernel configuration
///     query_block = 256
///     doc_block = 16384
///     tile_docs = 1024
///     dense_terms = 128
///     dense_min_df = 0.1
///     threads = 1
///     prune = automatic

#include <charconv>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>

#include "plansim/atomic_file.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// When the cosine threshold search prunes candidates with prefix bounds (sparse_kernel.hpp):
/// never, when a cost estimate says it is faster, or always. Results are the same pairs.
enum class pruning { off, automatic, always };

/// Block sizes, the dense/sparse switch point and the thread count of the similarity kernels.
/// None of them changes which pairs are found; `threads` and the block sizes never change a
/// single bit of the result for a fixed configuration of the other members (see sparse_kernel.hpp
/// for what `dense_terms`/`dense_min_df`/`prune` change: rounding only).
struct kernel_config {
  /// Query rows per unit of work (one unit = one chunk handed to a thread) and rows of a GEMM
  /// tile. Results do not depend on it being split across threads, only on its value.
  std::size_t query_block = 256;
  /// Documents per accumulator block on the sparse path. The per-thread accumulator holds
  /// `doc_block` scalars: 16384 doubles = 128 KiB, well inside a 1–2 MiB L2.
  std::size_t doc_block = 16384;
  /// Documents per GEMM tile on the dense path and for the frequent-term part of the sparse
  /// path: a tile holds query_block × tile_docs scores per thread (256 × 1024 floats = 1 MiB).
  std::size_t tile_docs = 1024;
  /// At most this many of the most frequent terms go to a dense GEMM (0: never).
  std::size_t dense_terms = 128;
  /// ... and only terms present in at least this share of the documents. A term in a share p
  /// of N documents costs about p²N² scattered adds on the sparse path and 2N² flops in the
  /// GEMM; at ~75 flops per scattered add the GEMM wins from p ≈ 0.1 (measured on a Zipf
  /// tf-idf corpus of 12,000 documents with 120 terms each, on an AMD EPYC).
  double dense_min_df = 0.1;
  /// Worker threads; 0 means one per hardware thread. The result is identical for any value.
  std::size_t threads = 1;
  /// Exact candidate pruning (L2AP-style prefix bounds) for cosine thresholds.
  pruning prune = pruning::automatic;

  friend bool operator==(const kernel_config&, const kernel_config&) = default;
};

namespace detail {

inline void check_kernel_config(const kernel_config& config, std::string_view caller) {
  auto fail = [&](const std::string& problem) {
    throw invalid_argument("similarity", 6, caller, problem, "use a positive block size and a share in [0, 1]");
  };
  if (config.query_block == 0) fail("kernel_config.query_block is 0");
  if (config.doc_block == 0) fail("kernel_config.doc_block is 0");
  if (config.tile_docs == 0) fail("kernel_config.tile_docs is 0");
  if (!(config.dense_min_df >= 0.0 && config.dense_min_df <= 1.0))
    fail("kernel_config.dense_min_df = " + format_number(config.dense_min_df) + " is outside [0, 1]");
}

}  // namespace detail

/// Writes `config` to `path` as key=value lines (atomically: readers never see half a file).
/// @throws io_error `[plansim.io.1]`/`[plansim.io.2]` when the file cannot be written.
inline void save_kernel_config(const std::filesystem::path& path, const kernel_config& config) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "# plansim kernel configuration\n";
    out << "query_block = " << config.query_block << '\n';
    out << "doc_block = " << config.doc_block << '\n';
    out << "tile_docs = " << config.tile_docs << '\n';
    out << "dense_terms = " << config.dense_terms << '\n';
    out << "dense_min_df = " << detail::format_number(config.dense_min_df) << '\n';
    out << "threads = " << config.threads << '\n';
    out << "prune = "
        << (config.prune == pruning::off ? "off" : config.prune == pruning::always ? "always" : "automatic") << '\n';
  });
}

/// Reads a file written by `save_kernel_config` (or by hand). Keys not in the file keep their
/// defaults. @throws io_error `[plansim.similarity.7]` when the file cannot be opened;
/// data_error `[plansim.similarity.8]` naming the file and line for an unknown key or bad value;
/// invalid_argument `[plansim.similarity.6]` when the values read are out of range.
inline kernel_config load_kernel_config(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    throw io_error("similarity", 7, path.string(), "cannot open the kernel configuration",
                   "check the path, or use the built-in defaults (kernel_config{})");
  kernel_config config;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
      return s;
    };
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const std::string where = path.string() + ":" + std::to_string(number);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos)
      throw data_error("similarity", 8, where, "expected key = value, found '" + std::string(text) + "'",
                       "write one key = value per line");
    const std::string_view key = trim(text.substr(0, equals));
    const std::string_view value = trim(text.substr(equals + 1));
    auto bad_value = [&]() {
      throw data_error("similarity", 8, where, "bad value '" + std::string(value) + "' for " + std::string(key),
                       key == "prune" ? "give off, automatic or always" : "give a non-negative number");
    };
    auto read_size = [&](std::size_t& out) {
      const auto result = std::from_chars(value.data(), value.data() + value.size(), out);
      if (result.ec != std::errc{} || result.ptr != value.data() + value.size()) bad_value();
    };
    if (key == "query_block") {
      read_size(config.query_block);
    } else if (key == "doc_block") {
      read_size(config.doc_block);
    } else if (key == "tile_docs") {
      read_size(config.tile_docs);
    } else if (key == "dense_terms") {
      read_size(config.dense_terms);
    } else if (key == "threads") {
      read_size(config.threads);
    } else if (key == "dense_min_df") {
      const auto result = std::from_chars(value.data(), value.data() + value.size(), config.dense_min_df);
      if (result.ec != std::errc{} || result.ptr != value.data() + value.size()) bad_value();
    } else if (key == "prune") {
      if (value == "automatic") config.prune = pruning::automatic;
      else if (value == "always") config.prune = pruning::always;
      else if (value == "off") config.prune = pruning::off;
      else bad_value();
    } else {
      throw data_error("similarity", 8, where, "unknown key '" + std::string(key) + "'",
                       "use query_block, doc_block, tile_docs, dense_terms, dense_min_df, threads or prune");
    }
  }
  detail::check_kernel_config(config, path.string());
  return config;
}

}  // namespace plansim
