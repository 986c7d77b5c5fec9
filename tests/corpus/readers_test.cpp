#include <plansim/corpus/readers.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"
#include "corpus/temp_folder.hpp"

namespace {

std::vector<std::string> names_of(const plansim::corpus& c) {
  std::vector<std::string> names;
  for (const plansim::document& d : c) names.push_back(d.name);
  return names;
}

}  // namespace

using plansim_test::message_of;

TEST_CASE("read_folder orders documents by relative path, bytewise, and numbers them", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("b.txt", "bee");
  dir.write("a.txt", "ay");
  dir.write("B.txt", "big bee");
  dir.write("a/b.txt", "nested");
  dir.write("a_c.txt", "underscore");
  dir.write("sub/deep/z.md", "# Deep");
  dir.write("notes.csv", "not read");
  dir.write("upper.TXT", "upper-case extension");

  const plansim::corpus c = plansim::read_folder(dir.path());
  CHECK(names_of(c) ==
        std::vector<std::string>{"B.txt", "a.txt", "a/b.txt", "a_c.txt", "b.txt", "sub/deep/z.md", "upper.TXT"});
  for (std::size_t i = 0; i < c.size(); ++i) CHECK(c[i].id == i);
  CHECK(c[0].text == "big bee");
  CHECK(c[2].text == "nested");
  CHECK(c[2].path == (dir.path() / "a/b.txt").string());
  CHECK(c[2].line == 0);
  CHECK_FALSE(c[2].from_markdown);
  CHECK(c[5].from_markdown);
  CHECK(c[5].text == "  Deep");
  CHECK(c[5].unmasked_text == "# Deep");
  CHECK(c[2].unmasked_text.empty());
  REQUIRE(c.find("a/b.txt") != nullptr);
  CHECK(c.find("a/b.txt")->id == 2);
  CHECK(names_of(plansim::read_folder(dir.path().string() + "/")) == names_of(c));
}

TEST_CASE("read_folder can stay in the top folder and read other extensions", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("one.txt", "one");
  dir.write("sub/two.txt", "two");
  dir.write("table.csv", "a,b");
  dir.write("page.markdown", "**bold**");

  plansim::folder_options flat;
  flat.recursive = false;
  CHECK(names_of(plansim::read_folder(dir.path(), flat)) == std::vector<std::string>{"one.txt"});

  plansim::folder_options csv;
  csv.extensions = {"CSV", ".markdown"};
  const plansim::corpus c = plansim::read_folder(dir.path(), csv);
  CHECK(names_of(c) == std::vector<std::string>{"page.markdown", "table.csv"});
  CHECK(c[0].text == "  bold  ");

  plansim::folder_options bad;
  bad.extensions = {".txt", ""};
  CHECK(message_of([&] { (void)plansim::read_folder(dir.path(), bad); }) ==
        "[plansim.corpus.14] folder_options::extensions: an extension is empty (list extensions such as "
        "\".txt\" or \"md\")");
}

TEST_CASE("read_folder masks markdown by extension, always or never", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("plan.txt", "### **1. Plan**");
  dir.write("notes.md", "## Notes");

  plansim::folder_options options;
  plansim::corpus c = plansim::read_folder(dir.path(), options);
  CHECK(c[0].name == "notes.md");
  CHECK(c[0].text == "   Notes");
  CHECK(c[1].text == "### **1. Plan**");
  CHECK_FALSE(c[1].from_markdown);

  options.markdown = plansim::markdown_mode::always;
  c = plansim::read_folder(dir.path(), options);
  CHECK(c[1].text == "      1. Plan  ");
  CHECK(c[1].from_markdown);

  options.markdown = plansim::markdown_mode::never;
  c = plansim::read_folder(dir.path(), options);
  CHECK(c[0].text == "## Notes");
  CHECK_FALSE(c[0].from_markdown);
}

TEST_CASE("read_folder stops at empty files, or skips and reports them", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("a.txt", "text");
  dir.write("blank.txt", " \n\t\r\n");
  dir.write("empty.txt", "");

  const auto blank = (dir.path() / "blank.txt").string();
  CHECK(message_of([&] { (void)plansim::read_folder(dir.path()); }) ==
        "[plansim.corpus.5] " + blank +
            ": the file holds only whitespace (remove it or add its text, or set "
            "folder_options::empty_files to on_bad_file::skip)");
  CHECK_THROWS_AS(plansim::read_folder(dir.path()), plansim::data_error);

  plansim::folder_options options;
  options.empty_files = plansim::on_bad_file::skip;
  plansim::read_report report;
  const plansim::corpus c = plansim::read_folder(dir.path(), options, report);
  CHECK(names_of(c) == std::vector<std::string>{"a.txt"});
  REQUIRE(report.skipped.size() == 2);
  CHECK(report.skipped[0].name == "blank.txt");
  CHECK(report.skipped[0].reason == "whitespace only");
  CHECK(report.skipped[1].name == "empty.txt");
  CHECK(report.skipped[1].reason == "empty");
}

TEST_CASE("read_folder stops at binary files, or skips and reports them", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("plan.txt", "text");
  dir.write("scan.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16));

  const auto scan = (dir.path() / "scan.txt").string();
  CHECK(message_of([&] { (void)plansim::read_folder(dir.path()); }) ==
        "[plansim.corpus.4] " + scan +
            ": binary file (NUL byte at byte offset 8) (remove it, or convert it to UTF-8 text with e.g. "
            "pdftotext, or set folder_options::binary_files to on_bad_file::skip)");

  plansim::folder_options options;
  options.binary_files = plansim::on_bad_file::skip;
  plansim::read_report report;
  const plansim::corpus c = plansim::read_folder(dir.path(), options, report);
  CHECK(names_of(c) == std::vector<std::string>{"plan.txt"});
  REQUIRE(report.skipped.size() == 1);
  CHECK(report.skipped[0].name == "scan.txt");
  CHECK(report.skipped[0].reason == "binary (NUL byte at byte offset 8)");
}

TEST_CASE("read_folder replaces invalid UTF-8 or stops with the byte offset", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("latin1.txt", "first line\ncaf\xE9 au lait\n");

  plansim::folder_options options;
  const auto file = (dir.path() / "latin1.txt").string();
  CHECK(message_of([&] { (void)plansim::read_folder(dir.path(), options); }) ==
        "[plansim.utf8.1] " + file +
            ": invalid UTF-8 at byte offset 14 (line 2, byte 0xE9) (re-save the file as UTF-8 (e.g. iconv -f "
            "WINDOWS-1252 -t UTF-8), or read it with invalid_utf8::replace (--invalid-utf8 replace) to substitute U+FFFD)");
  CHECK_THROWS_AS(plansim::read_folder(dir.path(), options), plansim::data_error);

  options.utf8 = plansim::invalid_utf8::replace;
  const plansim::corpus c = plansim::read_folder(dir.path(), options);
  CHECK(c[0].text == "first line\ncaf\xEF\xBF\xBD au lait\n");
}

TEST_CASE("read_folder strips a UTF-8 byte order mark", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  dir.write("bom.txt", "\xEF\xBB\xBFHello \xC2\xA3" "5");
  CHECK(plansim::read_folder(dir.path())[0].text == "Hello \xC2\xA3" "5");
}

TEST_CASE("read_folder names a missing folder, a file, and a folder without documents", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  const auto missing = dir.path() / "no-such-folder";
  CHECK(message_of([&] { (void)plansim::read_folder(missing); }) ==
        "[plansim.corpus.2] " + missing.string() + ": no such folder (check the path and the working directory)");
  CHECK_THROWS_AS(plansim::read_folder(missing), plansim::io_error);

  const auto file = dir.write("a.csv", "x");
  CHECK(message_of([&] { (void)plansim::read_folder(file); }) ==
        "[plansim.corpus.6] " + file.string() +
            ": not a folder (give read_folder a folder, or use read_lines for a file)");

  CHECK(message_of([&] { (void)plansim::read_folder(dir.path()); }) ==
        "[plansim.corpus.7] " + dir.path().string() +
            ": no file to read with extension .txt .md (check the folder, or set folder_options::extensions)");
}

TEST_CASE("read_folder names an unreadable file and the system's reason", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  const auto file = dir.write("locked.txt", "secret");
  std::filesystem::permissions(file, std::filesystem::perms::none);
  if (std::ifstream(file).is_open()) {
    SUCCEED("running with privileges that read any file; nothing to check");
    return;
  }
  CHECK(message_of([&] { (void)plansim::read_folder(dir.path()); }) ==
        "[plansim.corpus.1] " + file.string() +
            ": cannot read the file: Permission denied (check that it is a readable file)");
  CHECK_THROWS_AS(plansim::read_folder(dir.path()), plansim::io_error);
}

#ifdef __linux__
TEST_CASE("read_lines names a file that fails while being read", "[corpus][readers]") {
  // Opening /proc/self/mem succeeds and reading it at offset 0 fails, even for root.
  CHECK(message_of([] { (void)plansim::read_lines("/proc/self/mem"); }) ==
        "[plansim.corpus.1] /proc/self/mem: cannot read the file: Input/output error (check that it is a "
        "readable file)");
}
#endif

TEST_CASE("read_folder reads the sample corpus in a stable order", "[corpus][readers]") {
  const plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR);
  CHECK(names_of(c) == std::vector<std::string>{"halton.txt", "havering.txt", "leicester.txt",
                                                "waltham-forest.txt", "welwyn-hatfield.txt"});
  for (const plansim::document& d : c) {
    CHECK(d.text.size() > 10000);
    CHECK_FALSE(d.from_markdown);
  }
}

TEST_CASE("read_lines makes one document per line with text", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  const auto file = dir.write("lines.txt", "\xEF\xBB\xBF" "first line\r\n\r\n   \nsecond\tline\nlast");
  const plansim::corpus c = plansim::read_lines(file);
  CHECK(names_of(c) == std::vector<std::string>{"line-1", "line-4", "line-5"});
  CHECK(c[0].text == "first line");
  CHECK(c[1].text == "second\tline");
  CHECK(c[2].text == "last");
  CHECK(c[1].line == 4);
  CHECK(c[1].id == 1);
  CHECK(c[1].path == file.string());

  plansim::lines_options md;
  md.markdown = plansim::markdown_mode::always;
  const auto marked = dir.write("marked.txt", "**bold** claim\n- item\n");
  const plansim::corpus m = plansim::read_lines(marked, md);
  CHECK(m[0].text == "  bold   claim");
  CHECK(m[1].text == "  item");
  CHECK(m[1].from_markdown);
}

TEST_CASE("read_lines names missing, folder, binary, empty and invalid input", "[corpus][readers]") {
  const plansim_test::temp_folder dir;
  const auto missing = dir.path() / "missing.txt";
  CHECK(message_of([&] { (void)plansim::read_lines(missing); }) ==
        "[plansim.corpus.2] " + missing.string() + ": no such file (check the path and the working directory)");
  CHECK(message_of([&] { (void)plansim::read_lines(dir.path()); }) ==
        "[plansim.corpus.6] " + dir.path().string() + ": is a folder, not a file (use read_folder for a folder)");

  const auto binary = dir.write("b.txt", std::string("ab\0c", 4));
  CHECK(message_of([&] { (void)plansim::read_lines(binary); }) ==
        "[plansim.corpus.4] " + binary.string() +
            ": binary file (NUL byte at byte offset 2) (remove it, or convert it to UTF-8 text with e.g. pdftotext)");

  const auto blank = dir.write("blank.txt", "\n \n");
  CHECK(message_of([&] { (void)plansim::read_lines(blank); }) ==
        "[plansim.corpus.5] " + blank.string() +
            ": the file holds no line with text (check the file, or give read_lines a file with one document "
            "per line)");

  const auto bad = dir.write("bad.txt", "ok\nbad \xC3\x28\n");
  CHECK_THROWS_WITH(plansim::read_lines(bad),
                    Catch::Matchers::StartsWith("[plansim.utf8.1] " + bad.string() +
                                                ": invalid UTF-8 at byte offset 7 (line 2, byte 0xC3)"));
  plansim::lines_options replace;
  replace.utf8 = plansim::invalid_utf8::replace;
  CHECK(plansim::read_lines(bad, replace)[1].text == "bad \xEF\xBF\xBD(");
}

TEST_CASE("from_strings names texts by position or by the names given", "[corpus][readers]") {
  const plansim::corpus c = plansim::from_strings({"alpha", "beta"});
  CHECK(names_of(c) == std::vector<std::string>{"text-0", "text-1"});
  CHECK(c[1].text == "beta");
  CHECK(c[1].path.empty());

  const plansim::corpus named = plansim::from_strings({"alpha", "beta"}, {"a", "b"});
  CHECK(names_of(named) == std::vector<std::string>{"a", "b"});

  CHECK(message_of([] { (void)plansim::from_strings({"alpha", "beta"}, {"a"}); }) ==
        "[plansim.corpus.8] from_strings: 1 names for 2 texts (give one name per text, or none)");
  CHECK(message_of([] { (void)plansim::from_strings({"alpha", "beta"}, {"a", "a"}); }) ==
        "[plansim.corpus.9] corpus: two documents are named \"a\" (give every document a distinct name)");
  CHECK_THROWS_WITH(plansim::from_strings({"ok", "caf\xE9"}),
                    Catch::Matchers::StartsWith("[plansim.utf8.1] text-1: invalid UTF-8 at byte offset 3"));
}
