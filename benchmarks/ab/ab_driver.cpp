// The A/B driver: times `vectorize` from two builds of plansim (two shared libraries made by
// build.sh) in one process, calls alternating and each round swapping which side goes first.
// Why: on a noisy machine two separate benchmark runs minutes apart differ by more than most
// changes do; paired calls a few milliseconds apart see the same machine.
//
//   ab_driver CORPUS.txt OLD.so NEW.so ROUNDS [THREADS]
//
// CORPUS.txt holds one document per line (make_synthetic_corpus writes one). Prints each side's
// fastest and median call and checksum, and the median and mean of the paired ratios new/old,
// leaving out the first 3 rounds (a new process's first calls write fresh memory).
#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using run_once_fn = double (*)(const std::vector<std::string>*, int);

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s CORPUS.txt OLD.so NEW.so ROUNDS [THREADS]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read the corpus\n", argv[1]);
    return 2;
  }
  std::vector<std::string> documents;
  for (std::string line; std::getline(in, line);) documents.push_back(line);
  run_once_fn run[2];
  for (int side = 0; side < 2; ++side) {
    void* library = dlopen(argv[2 + side], RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      std::fprintf(stderr, "%s\n", dlerror());
      return 2;
    }
    run[side] = reinterpret_cast<run_once_fn>(dlsym(library, "run_once"));
    if (run[side] == nullptr) {
      std::fprintf(stderr, "%s: no run_once (build it with build.sh)\n", argv[2 + side]);
      return 2;
    }
  }
  const int rounds = std::atoi(argv[4]);
  const int threads = argc > 5 ? std::atoi(argv[5]) : 1;
  if (rounds < 4 || threads < 1) {
    std::fprintf(stderr, "give at least 4 rounds and 1 thread\n");
    return 2;
  }
  std::vector<double> times[2], ratios;
  double checksum[2] = {0, 0};
  for (int round = 0; round < rounds; ++round) {
    double ms[2];
    for (int k = 0; k < 2; ++k) {
      const int side = round % 2 == 0 ? k : 1 - k;
      const auto start = std::chrono::steady_clock::now();
      checksum[side] = run[side](&documents, threads);
      const auto stop = std::chrono::steady_clock::now();
      ms[side] = std::chrono::duration<double, std::milli>(stop - start).count();
      times[side].push_back(ms[side]);
    }
    if (round >= 3) ratios.push_back(ms[1] / ms[0]);
  }
  for (int side = 0; side < 2; ++side) {
    std::sort(times[side].begin(), times[side].end());
    std::printf("%s: min %.1f median %.1f ms check %.6f\n", side == 0 ? "old" : "new", times[side].front(),
                times[side][times[side].size() / 2], checksum[side]);
  }
  std::sort(ratios.begin(), ratios.end());
  double sum = 0;
  for (const double r : ratios) sum += r;
  std::printf("ratio new/old: median %.3f mean %.3f\n", ratios[ratios.size() / 2], sum / static_cast<double>(ratios.size()));
  return checksum[0] == checksum[1] ? 0 : 1;
}
