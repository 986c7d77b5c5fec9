#include <plansim/report/csv.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "catch.hpp"

TEST_CASE("CSV: fields are quoted exactly when RFC 4180 needs it", "[report][csv]") {
  CHECK_FALSE(plansim::csv_needs_quotes(""));
  CHECK_FALSE(plansim::csv_needs_quotes("plain text"));
  CHECK(plansim::csv_needs_quotes("a,b"));
  CHECK(plansim::csv_needs_quotes("say \"hi\""));
  CHECK(plansim::csv_needs_quotes("two\nlines"));
  CHECK(plansim::csv_needs_quotes("cr\r"));
  CHECK(plansim::csv_needs_quotes(" padded"));
  std::string out;
  plansim::append_csv_field(out, "say \"hi\", then go");
  CHECK(out == "\"say \"\"hi\"\", then go\"");
}

TEST_CASE("CSV: rows of text and numbers, shortest round-trip, NaN left empty", "[report][csv]") {
  std::ostringstream stream;
  {
    plansim::csv_writer csv(stream);
    csv.row({"name", "count", "score"});
    csv << "a.txt" << std::int64_t{3} << 0.5;
    csv.end_row();
    csv << "b, with comma" << -7 << std::numeric_limits<double>::quiet_NaN();
    csv.end_row();
    csv << "c" << std::size_t{0} << 0.1f;
    csv.end_row();
  }
  CHECK(stream.str() ==
        "name,count,score\n"
        "a.txt,3,0.5\n"
        "\"b, with comma\",-7,\n"
        "c,0,0.1\n");
}

TEST_CASE("CSV: a double survives writing and reading back bit for bit", "[report][csv]") {
  for (const double x : {1.0 / 3.0, 1e-300, 0.1 + 0.2, -2.5e17}) {
    std::ostringstream stream;
    {
      plansim::csv_writer csv(stream);
      csv << x;
      csv.end_row();
    }
    CHECK(std::stod(stream.str()) == x);
  }
}
