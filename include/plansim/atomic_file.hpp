#pragma once
/// @file
/// Writing a file so that readers never see half of it: the content goes to a temporary file in
/// the same folder, which is renamed over the target only once it is complete and flushed. A
/// failure or a crash leaves the old file (or none) in place, plus at most a stray temporary.

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "plansim/error.hpp"

namespace plansim {

/// Calls `write(std::ostream&)` on a temporary file next to `path`, then renames it to `path`.
/// @throws io_error `[plansim.io.1]`/`[plansim.io.2]` naming the file when it cannot be written
///         or renamed; anything `write` throws propagates, and the target is left untouched.
template <class Write>
void write_file_atomically(const std::filesystem::path& path, Write&& write) {
  namespace fs = std::filesystem;
  fs::path temporary = path;
  temporary += ".tmp-plansim";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw io_error("io", 1, path.string(), std::string("cannot create the file: ") + std::strerror(errno),
                     "check that the folder exists and is writable");
    try {
      write(static_cast<std::ostream&>(out));
      out.flush();
      if (!out) throw io_error("io", 1, path.string(), "writing failed", "check free disk space and permissions");
    } catch (...) {
      out.close();
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw;
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw io_error("io", 2, path.string(), "cannot move the finished file into place: " + ec.message(),
                   "check permissions on the output folder");
  }
}

}  // namespace plansim
