// Prints each document of a folder with its number of words.
//
//   word_count [FOLDER]      (default: the bundled sample corpus)
#include <plansim/plansim.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const fs::path folder = argc > 1 ? fs::path(argv[1]) : fs::path(PLANSIM_SAMPLE_CORPUS);
  if (!fs::is_directory(folder)) {
    std::fprintf(stderr, "word_count: %s is not a folder (give a folder of .txt or .md files)\n",
                 folder.c_str());
    return 1;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".txt" || ext == ".md")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::printf("plansim %s: %zu documents in %s\n", plansim::version_string, files.size(), folder.c_str());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
      const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    std::printf("%-24s %6zu words\n", fs::relative(file, folder).c_str(), words);
  }
  return 0;
}
