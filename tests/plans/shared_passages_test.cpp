#include <plansim/corpus/metadata.hpp>
#include <plansim/corpus/readers.hpp>
#include <plansim/plans/shared_passages.hpp>
#include <plansim/text/normalize.hpp>
#include <plansim/text/tokenizer.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "corpus/errors.hpp"

namespace {

using plansim::shared_options;
using plansim::shared_passage;

// Words as the header documents them, computed here independently of its internals: plansim's
// word tokenizer (hyphens split, no minimum length), then full case folding.
struct test_word {
  std::string folded;
  std::size_t begin, end;
};

std::vector<test_word> words_of(const std::string& text) {
  plansim::word_tokenizer_options o;
  o.split_hyphens = true;
  o.min_length = 1;
  const plansim::word_tokenizer tokenizer(o);
  std::vector<test_word> out;
  tokenizer(text, [&](std::string_view token) {
    const auto begin = static_cast<std::size_t>(token.data() - text.data());
    out.push_back({plansim::normalize_text(token), begin, begin + token.size()});
  });
  return out;
}

std::vector<std::string> folded(const std::string& text) {
  std::vector<std::string> out;
  for (const test_word& w : words_of(text)) out.push_back(w.folded);
  return out;
}

using occurrence_set = std::set<std::tuple<std::size_t, std::size_t, std::size_t>>;
using passage_map = std::map<std::vector<std::string>, occurrence_set>;

// The naive reference: every pair of documents, every pair of word positions that starts a
// maximal common run (O(n^2) per pair); runs of at least min_words words, grouped by their words.
passage_map naive_shared(const plansim::corpus& c, std::size_t min_words) {
  std::vector<std::vector<test_word>> words;
  for (const plansim::document& d : c) words.push_back(words_of(d.text));
  passage_map out;
  for (std::size_t a = 0; a < c.size(); ++a) {
    for (std::size_t b = a + 1; b < c.size(); ++b) {
      const auto& wa = words[a];
      const auto& wb = words[b];
      for (std::size_t i = 0; i < wa.size(); ++i) {
        for (std::size_t j = 0; j < wb.size(); ++j) {
          if (wa[i].folded != wb[j].folded) continue;
          if (i > 0 && j > 0 && wa[i - 1].folded == wb[j - 1].folded) continue;  // not a run's start
          std::size_t n = 0;
          while (i + n < wa.size() && j + n < wb.size() && wa[i + n].folded == wb[j + n].folded) ++n;
          if (n < min_words) continue;
          std::vector<std::string> key;
          for (std::size_t x = 0; x < n; ++x) key.push_back(wa[i + x].folded);
          out[key].insert({a, wa[i].begin, wa[i + n - 1].end});
          out[key].insert({b, wb[j].begin, wb[j + n - 1].end});
        }
      }
    }
  }
  return out;
}

passage_map as_map(const plansim::corpus& c, const std::vector<shared_passage>& passages) {
  passage_map out;
  for (const shared_passage& p : passages) {
    const std::vector<std::string> key = folded(p.text);
    CHECK(key.size() == p.words);
    CHECK(out.count(key) == 0);  // one passage per distinct text
    for (const plansim::shared_occurrence& o : p.occurrences) {
      out[key].insert({o.document, o.begin, o.end});
      CHECK(folded(c[o.document].text.substr(o.begin, o.end - o.begin)) == key);
    }
  }
  return out;
}

// splitmix64, for test corpora that are the same on every standard library.
struct bits {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// Random documents over a small vocabulary, with passages copied between them: some whole, some
// with a word changed inside (near-duplicates), in varied case and punctuation.
plansim::corpus random_corpus(std::uint64_t seed, std::size_t documents, std::size_t length) {
  bits rng{seed};
  static const std::vector<std::string> vocabulary{
      "council", "services", "residents", "data",   "budget", "savings", "digital", "care",    "housing",
      "plan",    "the",      "and",       "of",     "to",     "we",      "will",    "partners", "demand",
      "funding", "staff",    "systems",   "better", "use",    "local",   "social",  "adult",   "children",
      "waste",   "spend",    "reduce",    "new",    "model",  "review",  "support", "deliver", "improve"};
  std::vector<std::vector<std::string>> docs(documents);
  for (auto& d : docs)
    for (std::size_t i = 0; i < length; ++i) d.push_back(vocabulary[rng.below(vocabulary.size())]);
  for (std::size_t copy = 0; copy < documents * 2; ++copy) {
    const std::size_t from = rng.below(documents), to = rng.below(documents);
    const std::size_t n = 6 + rng.below(30);
    if (n >= length) continue;
    const std::size_t at = rng.below(length - n), into = rng.below(length - n);
    for (std::size_t i = 0; i < n; ++i) docs[to][into + i] = docs[from][at + i];
    if (rng.below(3) == 0) docs[to][into + rng.below(n)] = "changed";
  }
  std::vector<std::string> texts;
  for (const auto& d : docs) {
    std::string text;
    for (std::size_t i = 0; i < d.size(); ++i) {
      std::string w = d[i];
      if (rng.below(7) == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      text += w;
      const std::size_t p = rng.below(10);
      text += p == 0 ? ", " : p == 1 ? ".\n" : p == 2 ? "  " : " ";
    }
    texts.push_back(text);
  }
  return plansim::from_strings(texts);
}

}  // namespace

TEST_CASE("find_shared_passages: a passage shared in different case, punctuation and whitespace", "[plans]") {
  const std::string a = "Alpha opening words here. The council will work with partners across the borough to deliver "
                        "better outcomes for every resident. Closing remarks alpha.";
  const std::string b = "Beta preface text. Another sentence before it: the Council WILL work with partners, across the "
                        "borough;  to deliver\n better outcomes for every resident! Beta ending.";
  const plansim::corpus c = plansim::from_strings({a, b});
  const std::vector<shared_passage> found = plansim::find_shared_passages(c);
  REQUIRE(found.size() == 1);
  const shared_passage& p = found[0];
  CHECK(p.words == 16);
  REQUIRE(p.occurrences.size() == 2);
  CHECK(p.occurrences[0].document == 0);
  CHECK(p.occurrences[0].begin == a.find("The council"));
  CHECK(p.occurrences[0].end == a.find("resident.") + 8);
  CHECK(p.occurrences[1].document == 1);
  CHECK(p.occurrences[1].begin == b.find("the Council"));
  CHECK(p.occurrences[1].end == b.find("resident!") + 8);
  CHECK(p.text == "The council will work with partners across the borough to deliver better outcomes for every resident");
  CHECK(p.earliest == SIZE_MAX);  // no "published" column
}

TEST_CASE("find_shared_passages: three-way sharing at shifted positions, and a pair", "[plans]") {
  const std::string q = "our digital programme moved forty services online and closed two customer contact centres saving "
                        "money every single year";  // 18 words
  const std::string r = "we share a chief executive and a senior leadership team with our neighbouring district council";
  const std::string a = "First plan opens. " + q + ". Then the first plan says " + r + " and stops.";
  const std::string b = "Second plan has a much longer introduction before anything, saying lots. " + q +
                        ". Later the second plan repeats: " + r + ", in other words.";
  const std::string c3 = q + " is where the third plan starts.";
  const plansim::corpus c = plansim::from_strings({a, b, c3});
  const std::vector<shared_passage> found = plansim::find_shared_passages(c);
  REQUIRE(found.size() == 2);
  const shared_passage& first = found[0];
  CHECK(first.words == 18);
  REQUIRE(first.occurrences.size() == 3);
  const std::vector<std::string> texts{a, b, c3};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(first.occurrences[i].document == i);
    CHECK(first.occurrences[i].begin == texts[i].find(q));
    CHECK(first.occurrences[i].end == texts[i].find(q) + q.size());
  }
  const shared_passage& second = found[1];
  CHECK(second.words == 15);
  CHECK(second.text == r);
  REQUIRE(second.occurrences.size() == 2);
  CHECK(second.occurrences[0].begin == a.find(r));
  CHECK(second.occurrences[1].begin == b.find(r));
  CHECK(second.occurrences[1].end == b.find(r) + r.size());
}

TEST_CASE("find_shared_passages: a longer run in two plans and its tail in a third are two passages", "[plans]") {
  const std::string head = "in twenty twenty three the council agreed";
  const std::string tail = "a new operating model for adult social care that moved support closer to home";  // 14 words
  const std::string a = "Plan A. " + head + " " + tail + ". More of A.";
  const std::string b = "Plan B text. " + head + " " + tail + "! B goes on.";
  const std::string c3 = "Plan C says it had " + tail + ", too.";
  const std::vector<shared_passage> found = plansim::find_shared_passages(plansim::from_strings({a, b, c3}));
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == head + " " + tail);
  CHECK(found[0].words == 21);
  REQUIRE(found[0].occurrences.size() == 2);
  CHECK(found[0].occurrences[0].begin == a.find(head));
  CHECK(found[0].occurrences[1].begin == b.find(head));
  CHECK(found[1].text == tail);
  CHECK(found[1].words == 14);
  REQUIRE(found[1].occurrences.size() == 3);
  CHECK(found[1].occurrences[0].begin == a.find(tail));
  CHECK(found[1].occurrences[1].begin == b.find(tail));
  CHECK(found[1].occurrences[2].begin == c3.find(tail));
  CHECK(found[1].occurrences[2].end == c3.find(tail) + tail.size());
}

TEST_CASE("find_shared_passages: runs below min_words and near-duplicates", "[plans]") {
  // 11 shared words: below the default min_words of 12.
  const std::string eleven = "one two three four five six seven eight nine ten eleven";
  CHECK(plansim::find_shared_passages(plansim::from_strings({"x " + eleven + " y", "p " + eleven + " q"})).empty());
  shared_options eleven_ok;
  eleven_ok.min_words = 11;
  CHECK(plansim::find_shared_passages(plansim::from_strings({"x " + eleven + " y", "p " + eleven + " q"}), eleven_ok).size() == 1);

  // 25 words with the 13th changed: two runs of 12 words each.
  const std::string left = "aa bb cc dd ee ff gg hh ii jj kk ll";
  const std::string right = "nn oo pp qq rr ss tt uu vv ww xx yy";
  const plansim::corpus c = plansim::from_strings({"start " + left + " mm " + right + " end", "begin " + left + " MX " + right + " stop"});
  const std::vector<shared_passage> two = plansim::find_shared_passages(c);
  REQUIRE(two.size() == 2);
  CHECK(two[0].text == left);
  CHECK(two[1].text == right);
  shared_options thirteen;
  thirteen.min_words = 13;
  CHECK(plansim::find_shared_passages(c, thirteen).empty());
  // A single document shares nothing.
  CHECK(plansim::find_shared_passages(plansim::from_strings({"start " + left + " " + left})).empty());
}

TEST_CASE("find_shared_passages: a passage twice in one plan is two occurrences", "[plans]") {
  const std::string p = "we will continue to lobby government for fair funding for adult social care and for children";
  const std::string a = "Intro. " + p + ". Middle words. " + p + ". End.";
  const std::string b = "Other start. " + p + ". Other end.";
  plansim::corpus c = plansim::from_strings({a, b});
  c.add_metadata_column("published", {"2024-06", "2024-07"});
  const std::vector<shared_passage> found = plansim::find_shared_passages(c);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].occurrences.size() == 3);
  CHECK(found[0].occurrences[0].begin == a.find(p));
  CHECK(found[0].occurrences[1].begin == a.rfind(p));
  CHECK(found[0].occurrences[1].document == 0);
  CHECK(found[0].occurrences[2].document == 1);
  CHECK(found[0].earliest == 0);  // two occurrences in the earliest plan are no tie: the first
}

TEST_CASE("find_shared_passages: earliest publisher", "[plans]") {
  const std::string p = "the productivity review panel will be made up of internal and external sector experts";
  const auto corpus_with = [&](std::vector<std::string> dates, std::string column = "published") {
    plansim::corpus c = plansim::from_strings({"A. " + p + ".", "B. " + p + "!", "C: " + p}, {"a.txt", "b.txt", "c.txt"});
    c.add_metadata_column(std::move(column), std::move(dates));
    return c;
  };
  const auto earliest = [](const plansim::corpus& c, std::string_view column = "published") {
    const std::vector<shared_passage> found = plansim::find_shared_passages(c, {}, column);
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].occurrences.size() == 3);
    return found[0].earliest;
  };
  CHECK(earliest(corpus_with({"2024-06", "2024-07", "2024-07-15"})) == 0);
  CHECK(earliest(corpus_with({"2024-07", "2024-08-01", " 2024-06 "})) == 2);
  CHECK(earliest(corpus_with({"2023", "2024-01-01", "2024"})) == 0);
  // Ties: the same month, or a month and a day inside it.
  CHECK(earliest(corpus_with({"2024-07", "2024-07", "2024-08"})) == SIZE_MAX);
  CHECK(earliest(corpus_with({"2024-07", "2024-07-15", "2024-08"})) == SIZE_MAX);
  // A document without a date, or no such column.
  CHECK(earliest(corpus_with({"2024-06", "", "2024-07"})) == SIZE_MAX);
  CHECK(earliest(corpus_with({"2024-06", "2024-07", "2024-07"}, "date")) == SIZE_MAX);
  CHECK(earliest(corpus_with({"2024-06", "2024-07", "2024-07"}, "date"), "date") == 0);
  CHECK(earliest(corpus_with({"2024-06", "2024-07", "2024-07"}), "") == SIZE_MAX);
  CHECK(plansim_test::message_of([&] { (void)plansim::find_shared_passages(corpus_with({"2024-06", "July 2024", ""})); }) ==
        "[plansim.shared_passages.7] find_shared_passages: document \"b.txt\" has published \"July 2024\", not a date "
        "(write dates as YYYY, YYYY-MM or YYYY-MM-DD, or leave the value empty)");
  CHECK(plansim_test::message_of([&] { (void)plansim::find_shared_passages(corpus_with({"2024-13", "", ""})); }) ==
        "[plansim.shared_passages.7] find_shared_passages: document \"a.txt\" has published \"2024-13\", not a date "
        "(write dates as YYYY, YYYY-MM or YYYY-MM-DD, or leave the value empty)");
}

TEST_CASE("find_shared_passages: LSH agrees with the naive all-pairs reference on random corpora", "[plans]") {
  struct setting {
    std::size_t shingle_words, min_words, bands, rows, window_words, window_stride;
  };
  // Stride 1 with windows of min_words finds every run whatever bands and rows; the stride-3
  // setting has windows of 12 words, so runs of 20 words or more give window pairs of Jaccard
  // at least 7/11, missed by all 32 one-row bands with probability (4/11)^32 < 1e-14.
  const std::vector<setting> settings{{8, 12, 16, 4, 0, 1}, {4, 10, 2, 8, 0, 1}, {3, 6, 1, 1, 0, 1}, {4, 20, 32, 1, 12, 3}};
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const plansim::corpus c = random_corpus(seed, 6, 160);
    for (const setting& s : settings) {
      INFO("seed " << seed << ", shingle_words " << s.shingle_words << ", min_words " << s.min_words << ", bands "
                   << s.bands << ", rows " << s.rows << ", stride " << s.window_stride);
      shared_options o;
      o.shingle_words = s.shingle_words;
      o.min_words = s.min_words;
      o.bands = s.bands;
      o.rows = s.rows;
      o.window_words = s.window_words;
      o.window_stride = s.window_stride;
      o.seed = seed * 7;
      const passage_map expected = naive_shared(c, s.min_words);
      const passage_map got = as_map(c, plansim::find_shared_passages(c, o));
      CHECK(got == expected);
      if (s.min_words <= 12) CHECK(!expected.empty());  // the test has something to find
    }
  }
}

TEST_CASE("find_shared_passages: the same result for any thread count and every order of work", "[plans]") {
  const plansim::corpus c = random_corpus(99, 12, 300);
  shared_options exact;
  exact.min_words = 10;
  exact.shingle_words = 5;
  shared_options strided = exact;  // every band used
  strided.window_words = 14;
  strided.window_stride = 3;
  strided.rows = 2;
  for (const shared_options& one : {exact, strided}) {
    const std::vector<shared_passage> reference = plansim::find_shared_passages(c, one);
    REQUIRE(!reference.empty());
    for (const std::size_t threads : {std::size_t{2}, std::size_t{3}, std::size_t{7}}) {
      shared_options many = one;
      many.threads = threads;
      const std::vector<shared_passage> got = plansim::find_shared_passages(c, many);
      REQUIRE(got.size() == reference.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].text == reference[i].text);
        CHECK(got[i].words == reference[i].words);
        CHECK(got[i].earliest == reference[i].earliest);
        REQUIRE(got[i].occurrences.size() == reference[i].occurrences.size());
        for (std::size_t j = 0; j < got[i].occurrences.size(); ++j) {
          CHECK(got[i].occurrences[j].document == reference[i].occurrences[j].document);
          CHECK(got[i].occurrences[j].begin == reference[i].occurrences[j].begin);
          CHECK(got[i].occurrences[j].end == reference[i].occurrences[j].end);
        }
      }
    }
  }
}

TEST_CASE("find_shared_passages: template text can be excluded", "[plans]") {
  const std::string prompt = "The barriers preventing progress that the Government can help to reduce or remove";
  const std::string own = "a shared service agreement with three neighbouring councils for revenues and benefits work";
  const plansim::corpus c = plansim::from_strings({"First. " + prompt + ". Then " + own + ".", "Second. " + prompt + "\n" + own + "?"});
  const std::vector<shared_passage> all = plansim::find_shared_passages(c);
  REQUIRE(all.size() == 2);  // "Then" in the first plan keeps the two runs apart
  CHECK(all[0].text == prompt);
  CHECK(all[0].occurrences[1].end == ("Second. " + prompt).size());
  CHECK(all[1].text == own);
  const plansim::template_report templates = plansim::find_template_text(c);
  REQUIRE(templates.spans.size() == 2);
  shared_options o;
  o.exclude = &templates;
  const std::vector<shared_passage> own_only = plansim::find_shared_passages(c, o);
  REQUIRE(own_only.size() == 1);
  CHECK(own_only[0].text == own);
}

TEST_CASE("find_shared_passages: passages the sample plans share", "[plans]") {
  plansim::folder_options options;
  options.markdown = plansim::markdown_mode::always;
  plansim::corpus c = plansim::read_folder(PLANSIM_SAMPLE_CORPUS_DIR, options);
  plansim::attach_metadata(c, std::filesystem::path(PLANSIM_SAMPLE_CORPUS_DIR) / "councils.csv");
  const plansim::template_report templates = plansim::find_template_text(c);
  shared_options o;
  o.exclude = &templates;
  const std::vector<shared_passage> found = plansim::find_shared_passages(c, o);
  const plansim::document& havering = *c.find("havering.txt");
  const plansim::document& waltham = *c.find("waltham-forest.txt");
  const std::string care = "adult social care funding reforms which are crucial to providing long-term financial "
                           "certainty for the sector";
  bool seen = false;
  for (const shared_passage& p : found) {
    if (p.text != care) continue;
    seen = true;
    CHECK(p.words == 17);
    REQUIRE(p.occurrences.size() == 2);
    CHECK(p.occurrences[0].document == havering.id);
    CHECK(p.occurrences[0].begin == havering.text.find(care));
    CHECK(p.occurrences[1].document == waltham.id);
    // Waltham Forest words it "Adult Social Care funding reforms, which ...".
    const std::size_t at = waltham.text.find("Adult Social Care funding reforms, which are crucial");
    REQUIRE(at != std::string::npos);
    CHECK(p.occurrences[1].begin == at);
    CHECK(p.occurrences[1].end == waltham.text.find("for the sector.", at) + 14);
    CHECK(p.earliest == SIZE_MAX);  // both published 2024-07
  }
  CHECK(seen);
  for (const shared_passage& p : found) CHECK(p.text.find("wasteful spend within your organisation") == std::string::npos);

  // Halton (2024-06) published "the Department for Levelling Up, Housing and Communities" first.
  o.min_words = 8;
  bool dluhc = false;
  for (const shared_passage& p : plansim::find_shared_passages(c, o)) {
    if (p.text != "the Department for Levelling Up, Housing and Communities") continue;
    dluhc = true;
    REQUIRE(p.occurrences.size() == 3);
    REQUIRE(p.earliest == 0);
    CHECK(c[p.occurrences[p.earliest].document].name == "halton.txt");
  }
  CHECK(dluhc);
}

TEST_CASE("find_shared_passages: bad input", "[plans]") {
  const plansim::corpus c = plansim::from_strings({"one text", "another text"});
  const auto message = [&](shared_options o, const plansim::corpus& corpus) {
    return plansim_test::message_of([&] { (void)plansim::find_shared_passages(corpus, o); });
  };
  shared_options o;
  o.shingle_words = 0;
  CHECK(message(o, c) == "[plansim.shared_passages.1] find_shared_passages: shingle_words is 0 (use at least 1; 8 is the default)");
  o = {};
  o.bands = 0;
  CHECK(message(o, c) == "[plansim.shared_passages.2] find_shared_passages: bands * rows is 0 (bands 0, rows 4) (use at "
                         "least one band of at least one row; 16 bands of 4 rows is the default)");
  o = {};
  o.rows = 0;
  CHECK(message(o, c) == "[plansim.shared_passages.2] find_shared_passages: bands * rows is 0 (bands 16, rows 0) (use at "
                         "least one band of at least one row; 16 bands of 4 rows is the default)");
  CHECK(message({}, plansim::corpus{}) ==
        "[plansim.shared_passages.3] find_shared_passages: the corpus is empty (read at least one document)");
  o = {};
  o.min_words = 5;
  CHECK(message(o, c) == "[plansim.shared_passages.4] find_shared_passages: min_words (5) or window_words (5) is below "
                         "shingle_words (8) (a passage and a window must hold at least one shingle)");
  o = {};
  o.window_words = 7;
  CHECK(message(o, c) == "[plansim.shared_passages.4] find_shared_passages: min_words (12) or window_words (7) is below "
                         "shingle_words (8) (a passage and a window must hold at least one shingle)");
  o = {};
  o.window_stride = 0;
  CHECK(message(o, c) ==
        "[plansim.shared_passages.5] find_shared_passages: window_stride is 0 (use 1 to start a window at every word)");
  const plansim::template_report other = plansim::find_template_text(plansim::from_strings({"x"}));
  o = {};
  o.exclude = &other;
  CHECK(message(o, c) ==
        "[plansim.shared_passages.6] find_shared_passages: the template report does not fit the corpus (it has 1 "
        "documents, the corpus 2, or a span lies outside its document) (pass the report find_template_text made for "
        "this corpus)");
}
