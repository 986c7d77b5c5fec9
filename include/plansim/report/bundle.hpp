#pragma once
/// @file
/// A run bundle: one folder holding every output of a run, which appears complete or not at all.
///
/// Files are written into a staging folder `OUT.tmp-XXXXXX` next to the destination, each one
/// itself through write_file_atomically; `commit()` renames the staging folder to `OUT`. A run
/// that fails leaves `OUT` as it was and removes its staging folder; one that is killed leaves
/// `OUT` as it was plus a stray `OUT.tmp-XXXXXX`, safe to delete. An existing `OUT` is replaced only when it
/// looks like an earlier bundle (it holds the marker file, `run.json` by default) or is an
/// empty folder; anything else is refused before any work is done, so a typo in `--out` never
/// deletes a user's folder.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "plansim/atomic_file.hpp"
#include "plansim/error.hpp"

namespace plansim {

namespace report_detail {

inline std::string hex_suffix(std::uint64_t value) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(6, '0');
  for (std::size_t i = 0; i < 6; ++i) out[5 - i] = hex[(value >> (4 * i)) & 15];
  return out;
}

/// True when `folder` may be replaced by a bundle: missing, an empty folder, or holding `marker`.
inline bool replaceable(const std::filesystem::path& folder, std::string_view marker, std::string& why) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::symlink_status(folder, ec);
  if (ec || status.type() == fs::file_type::not_found) return true;
  if (status.type() != fs::file_type::directory) {
    why = "exists and is not a folder";
    return false;
  }
  if (fs::is_empty(folder, ec) && !ec) return true;
  if (fs::is_regular_file(folder / std::string(marker), ec)) return true;
  why = "is a folder that is neither empty nor an earlier plansim run (no " + std::string(marker) + " in it)";
  return false;
}

}  // namespace report_detail

class run_bundle {
 public:
  /// Checks that `destination` may be (re)placed and creates the staging folder next to it.
  /// @throws io_error `[plansim.report.1]` when `destination` exists and is not replaceable,
  ///         `[plansim.report.2]` when the staging folder cannot be created.
  explicit run_bundle(std::filesystem::path destination, std::string marker = "run.json")
      : destination_(std::move(destination)), marker_(std::move(marker)) {
    namespace fs = std::filesystem;
    if (destination_.has_filename() == false) destination_ = destination_.parent_path();
    check_replaceable();
    std::error_code ec;
    const fs::path parent = destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    if (ec)
      throw io_error("report", 2, parent.string(), "cannot create the output's parent folder: " + ec.message(),
                     "check the --out path and permissions");
    auto seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    for (int attempt = 0; attempt < 64; ++attempt) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      fs::path candidate = destination_;
      candidate += ".tmp-" + report_detail::hex_suffix(seed >> 40);
      if (fs::create_directory(candidate, ec) && !ec) {
        staging_ = std::move(candidate);
        return;
      }
    }
    throw io_error("report", 2, destination_.string(),
                   "cannot create a staging folder next to it" + (ec ? ": " + ec.message() : std::string()),
                   "check that the parent folder is writable");
  }

  run_bundle(const run_bundle&) = delete;
  run_bundle& operator=(const run_bundle&) = delete;

  /// Removes the staging folder unless the bundle was committed.
  ~run_bundle() {
    if (!committed_ && !staging_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(staging_, ignored);
    }
  }

  /// Where the bundle will be once committed.
  [[nodiscard]] const std::filesystem::path& destination() const noexcept { return destination_; }
  /// The staging folder the files go to until commit.
  [[nodiscard]] const std::filesystem::path& staging() const noexcept { return staging_; }
  /// The names written so far, in order.
  [[nodiscard]] const std::vector<std::string>& files() const noexcept { return files_; }

  /// Writes the bundle file `name` with `write(std::ostream&)` (see write_file_atomically).
  template <class Write>
  void write(const std::string& name, Write&& write) {
    write_file_atomically(staging_ / name, std::forward<Write>(write));
    files_.push_back(name);
  }

  /// Moves the finished bundle into place, replacing an earlier bundle there.
  /// @throws io_error `[plansim.report.1]` when the destination became unreplaceable meanwhile,
  ///         `[plansim.report.3]` when the rename fails (the staging folder is kept then).
  void commit() {
    namespace fs = std::filesystem;
    check_replaceable();
    std::error_code ec;
    fs::path old;
    if (fs::exists(fs::symlink_status(destination_, ec))) {
      old = staging_;
      old += ".old";
      fs::rename(destination_, old, ec);
      if (ec)
        throw io_error("report", 3, destination_.string(), "cannot move the earlier run aside: " + ec.message(),
                       "check permissions on the output folder");
    }
    fs::rename(staging_, destination_, ec);
    if (ec) {
      if (!old.empty()) {
        std::error_code ignored;
        fs::rename(old, destination_, ignored);
      }
      throw io_error("report", 3, destination_.string(), "cannot move the finished run into place: " + ec.message(),
                     "the complete run is in " + staging_.string());
    }
    committed_ = true;
    if (!old.empty()) fs::remove_all(old, ec);
  }

 private:
  void check_replaceable() const {
    std::string why;
    if (!report_detail::replaceable(destination_, marker_, why))
      throw io_error("report", 1, destination_.string(), why,
                     "choose another --out folder, or remove this one if you no longer need it");
  }

  std::filesystem::path destination_;
  std::string marker_;
  std::filesystem::path staging_;
  std::vector<std::string> files_;
  bool committed_ = false;
};

}  // namespace plansim
