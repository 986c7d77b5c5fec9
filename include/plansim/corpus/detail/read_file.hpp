#pragma once
// Not API. Reading a whole file into memory, with errors that name the file and the reason.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "plansim/error.hpp"

namespace plansim::corpus_detail {

/// The bytes of `path`. Throws io_error [plansim.<module>.2] when it does not exist and
/// [plansim.<module>.1], with the system's reason, when it cannot be read.
inline std::string read_file_bytes(const std::filesystem::path& path, std::string_view module) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw io_error(module, 2, path.string(), "no such file", "check the path and the working directory");
  }
  const auto fail = [&](int code) {
    throw io_error(module, 1, path.string(), std::string("cannot read the file: ") + std::strerror(code),
                   "check that it is a readable file");
  };
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) fail(errno);
  std::string bytes;
  char buffer[65536];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get()) != 0) fail(errno != 0 ? errno : EIO);
  return bytes;
}

}  // namespace plansim::corpus_detail
