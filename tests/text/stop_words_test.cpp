#include <cstdio>
#include <filesystem>
#include <fstream>
#include <plansim/text/stop_words.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

namespace {

const std::string data_dir = PLANSIM_TEST_DATA_DIR;

// A scratch file that removes itself.
class temp_file {
 public:
  temp_file(std::string_view name, std::string_view contents)
      : path_(std::filesystem::temp_directory_path() / ("plansim_stop_words_" + std::string(name))) {
    std::ofstream out(path_, std::ios::binary);
    out << contents;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("the Snowball English list has its 174 words", "[stopwords]") {
  const auto words = plansim::stop_words::english();
  CHECK(words.size() == 174);
  for (std::string_view w : {"i", "me", "ourselves", "isn't", "i'm", "let's", "how's", "cannot", "very",
                             "would", "ought", "a", "the", "further"}) {
    CAPTURE(w);
    CHECK(words.contains(w));
  }
  // Commented out in stop.txt for their noun senses, or not there at all.
  for (std::string_view w :
       {"will", "can", "may", "must", "might", "us", "mine", "one", "daren't", "", "I", "council"}) {
    CAPTURE(w);
    CHECK_FALSE(words.contains(w));
  }
}

TEST_CASE("the built-in Snowball list is stop.txt read by from_file", "[stopwords]") {
  const auto from_file = plansim::stop_words::from_file(data_dir + "/porter2/english_stop.txt");
  CHECK(from_file.size() == 174);
  CHECK(from_file == plansim::stop_words::english());
}

TEST_CASE("the scikit-learn list has its 318 words", "[stopwords]") {
  const auto words = plansim::stop_words::sklearn_english();
  CHECK(words.size() == 318);
  for (std::string_view w : {"a", "amoungst", "bill", "co", "fire", "system", "yourselves", "thru", "un"}) {
    CAPTURE(w);
    CHECK(words.contains(w));
  }
  for (std::string_view w : {"isn't", "i'm", "council", "plan", "s", "t", "don"}) {
    CAPTURE(w);
    CHECK_FALSE(words.contains(w));
  }
  // The file was written by tests/data/sklearn/make_ngram_fixture.py from sklearn itself.
  CHECK(words == plansim::stop_words::from_file(data_dir + "/sklearn/english_stop_words.txt"));
}

TEST_CASE("from_file: comments, blanks, CRLF, BOM and duplicates", "[stopwords]") {
  const temp_file file("good.txt",
                       "\xEF\xBB\xBF# a comment line\r\n"
                       "the\r\n"
                       "   and   | trailing comment\n"
                       "\n"
                       "\t\n"
                       "caf\xC3\xA9#why\n"
                       "the\n"
                       "last-line-without-newline");
  const auto words = plansim::stop_words::from_file(file.path());
  CHECK(words.words() == std::vector<std::string>{"and", "caf\xC3\xA9", "last-line-without-newline", "the"});
}

TEST_CASE("from_file errors name the file and the line", "[stopwords]") {
  SECTION("missing file") {
    try {
      (void)plansim::stop_words::from_file("/nonexistent/plansim/stop.txt");
      FAIL("no exception");
    } catch (const plansim::io_error& e) {
      CHECK(std::string(e.what()) ==
            "[plansim.stopwords.1] /nonexistent/plansim/stop.txt: cannot open file "
            "(check the path and its permissions)");
    }
  }
  SECTION("a folder") { CHECK_THROWS_AS(plansim::stop_words::from_file(data_dir), plansim::io_error); }
  SECTION("invalid UTF-8") {
    const temp_file file("latin1.txt", "the\n\ncaf\xE9\n");
    try {
      (void)plansim::stop_words::from_file(file.path());
      FAIL("no exception");
    } catch (const plansim::data_error& e) {
      CHECK(e.id() == "plansim.stopwords.2");
      CHECK(std::string(e.what()) == "[plansim.stopwords.2] " + file.path().string() +
                                         ": line 3 is not valid UTF-8 (byte 4 of the line) "
                                         "(save the file as UTF-8)");
    }
  }
  SECTION("two words on a line") {
    const temp_file file("two.txt", "the\nnew york\n");
    try {
      (void)plansim::stop_words::from_file(file.path());
      FAIL("no exception");
    } catch (const plansim::data_error& e) {
      CHECK(e.id() == "plansim.stopwords.3");
      CHECK(std::string(e.what()).find("line 2 holds more than one word: \"new york\"") != std::string::npos);
    }
  }
}

TEST_CASE("from_list takes any range of strings", "[stopwords]") {
  const std::vector<std::string> list{"council", "plan", "council"};
  const auto a = plansim::stop_words::from_list(list);
  CHECK(a.size() == 2);
  CHECK(a.contains("council"));
  CHECK_FALSE(a.contains("counci"));
  const auto b = plansim::stop_words::from_list({"plan", "productivity"});
  CHECK(b.words() == std::vector<std::string>{"plan", "productivity"});
  const std::vector<std::string_view> views{"x"};
  CHECK(plansim::stop_words::from_list(views).contains("x"));
  try {
    (void)plansim::stop_words::from_list({"ok", "bad\xFF"});
    FAIL("no exception");
  } catch (const plansim::invalid_argument& e) {
    CHECK(std::string(e.what()) ==
          "[plansim.stopwords.4] stop_words::from_list: word 1 is not valid UTF-8 (byte 3) "
          "(decode the words to UTF-8 first)");
  }
}

TEST_CASE("merge and | give the union", "[stopwords]") {
  const auto english = plansim::stop_words::english();
  const auto sklearn = plansim::stop_words::sklearn_english();
  const auto both = english | sklearn;
  CHECK(both.contains("isn't"));
  CHECK(both.contains("amoungst"));
  std::size_t shared = 0;
  for (const std::string& w : english.words()) {
    shared += sklearn.contains(w) ? 1U : 0U;
  }
  CHECK(both.size() == english.size() + sklearn.size() - shared);
  auto extended = plansim::stop_words::english();
  extended.merge(plansim::stop_words::from_list({"council"}));
  CHECK(extended.size() == 175);
  CHECK(extended.contains("council"));
  CHECK(plansim::stop_words().empty());
  CHECK_FALSE(plansim::stop_words().contains(""));
  // Long tokens take the length check, including lengths past 63.
  CHECK_FALSE(both.contains(std::string(100, 'a')));
  CHECK(plansim::stop_words::from_list(
            {std::string_view("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")})
            .contains(std::string(73, 'a')));
}
