#include <plansim/report/json.hpp>

#include <limits>
#include <string>

#include "catch.hpp"

TEST_CASE("JSON: pretty objects and arrays, numbers round-trip, NaN is null", "[report][json]") {
  plansim::json_writer json;
  json.begin_object();
  json.key("name").value("plansim");
  json.key("seed").value(std::uint64_t{42});
  json.key("ratio").value(0.25);
  json.key("missing").value(std::numeric_limits<double>::quiet_NaN());
  json.key("ok").value(true);
  json.key("files").begin_array().value("a.csv").value("b.csv").end_array();
  json.key("empty").begin_array().end_array();
  json.end_object();
  CHECK(json.str() ==
        "{\n"
        "  \"name\": \"plansim\",\n"
        "  \"seed\": 42,\n"
        "  \"ratio\": 0.25,\n"
        "  \"missing\": null,\n"
        "  \"ok\": true,\n"
        "  \"files\": [\n"
        "    \"a.csv\",\n"
        "    \"b.csv\"\n"
        "  ],\n"
        "  \"empty\": []\n"
        "}\n");
}

TEST_CASE("JSON: strings are escaped; html_safe also escapes what could end a script element", "[report][json]") {
  std::string plain;
  plansim::append_json_string(plain, "a\"b\\c\nd\x01</script>");
  CHECK(plain == "\"a\\\"b\\\\c\\nd\\u0001</script>\"");
  std::string safe;
  plansim::append_json_string(safe, "</script><!-- & \xE2\x80\xA8", true);
  CHECK(safe == "\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"");
  CHECK(safe.find('<') == std::string::npos);

  plansim::json_writer compact(plansim::json_style::html_safe);
  compact.begin_array().value("<b>").value(1).begin_object().key("k").null().end_object().end_array();
  CHECK(compact.str() == "[\"\\u003cb\\u003e\",1,{\"k\":null}]");
}

TEST_CASE("JSON: misuse of the writer is reported, not written", "[report][json]") {
  plansim::json_writer json;
  json.begin_object();
  CHECK_THROWS_WITH(json.value(1), "[plansim.json.1] json_writer: a value in an object without a key "
                                   "(balance begin_/end_ calls and give each value a key)");
  CHECK_THROWS_AS(json.str(), plansim::invalid_argument);
  CHECK_THROWS_AS(json.end_array(), plansim::invalid_argument);
  json.end_object();
  CHECK(json.complete());
  CHECK_THROWS_AS(json.value(2), plansim::invalid_argument);
}
