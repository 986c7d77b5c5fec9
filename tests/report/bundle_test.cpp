#include <plansim/report/bundle.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "catch.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path fresh_folder(const std::string& name) {
  const fs::path root = fs::temp_directory_path() / ("plansim_bundle_test_" + name);
  fs::remove_all(root);
  fs::create_directories(root);
  return root;
}

std::size_t entries(const fs::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
  return n;
}

}  // namespace

TEST_CASE("bundle: files appear in OUT only at commit", "[report][bundle]") {
  const fs::path root = fresh_folder("commit");
  const fs::path out = root / "run";
  {
    plansim::run_bundle bundle(out);
    bundle.write("a.csv", [](std::ostream& s) { s << "x\n1\n"; });
    bundle.write("run.json", [](std::ostream& s) { s << "{}\n"; });
    CHECK_FALSE(fs::exists(out));
    CHECK(fs::exists(bundle.staging() / "a.csv"));
    CHECK(bundle.staging().filename().string().starts_with("run.tmp-"));
    bundle.commit();
    CHECK(bundle.files() == std::vector<std::string>{"a.csv", "run.json"});
  }
  CHECK(read(out / "a.csv") == "x\n1\n");
  CHECK(entries(root) == 1);  // no staging folder left behind

  // A second run replaces the first bundle whole: files it does not write are gone.
  {
    plansim::run_bundle bundle(out);
    bundle.write("run.json", [](std::ostream& s) { s << "{\"second\": true}\n"; });
    bundle.commit();
  }
  CHECK_FALSE(fs::exists(out / "a.csv"));
  CHECK(read(out / "run.json") == "{\"second\": true}\n");
  CHECK(entries(root) == 1);
  fs::remove_all(root);
}

TEST_CASE("bundle: a failed run leaves the earlier bundle and no staging folder", "[report][bundle]") {
  const fs::path root = fresh_folder("failed");
  const fs::path out = root / "run";
  fs::create_directories(out);
  std::ofstream(out / "run.json") << "{\"first\": true}\n";
  CHECK_THROWS_AS(
      [&] {
        plansim::run_bundle bundle(out);
        bundle.write("run.json", [](std::ostream& s) { s << "half"; });
        throw std::runtime_error("interrupted");
      }(),
      std::runtime_error);
  CHECK(read(out / "run.json") == "{\"first\": true}\n");
  CHECK(entries(root) == 1);
  fs::remove_all(root);
}

TEST_CASE("bundle: an empty folder is used, a folder of other files is refused", "[report][bundle]") {
  const fs::path root = fresh_folder("refuse");
  fs::create_directories(root / "empty");
  {
    plansim::run_bundle bundle(root / "empty");
    bundle.write("run.json", [](std::ostream& s) { s << "{}\n"; });
    bundle.commit();
  }
  CHECK(fs::exists(root / "empty" / "run.json"));

  fs::create_directories(root / "thesis");
  std::ofstream(root / "thesis" / "chapter1.txt") << "precious";
  CHECK_THROWS_WITH(plansim::run_bundle(root / "thesis"),
                    "[plansim.report.1] " + (root / "thesis").string() +
                        ": is a folder that is neither empty nor an earlier plansim run (no run.json in it) "
                        "(choose another --out folder, or remove this one if you no longer need it)");
  std::ofstream(root / "a-file") << "x";
  CHECK_THROWS_WITH(plansim::run_bundle(root / "a-file"),
                    Catch::Matchers::StartsWith("[plansim.report.1] " + (root / "a-file").string() +
                                                ": exists and is not a folder"));
  CHECK(read(root / "thesis" / "chapter1.txt") == "precious");
  fs::remove_all(root);
}
