#include <plansim/report/html.hpp>

#include "catch.hpp"

TEST_CASE("HTML: the five special characters become references, the rest is untouched", "[report][html]") {
  CHECK(plansim::html_escape("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(plansim::html_escape("£1.2m – café") == "£1.2m – café");
  CHECK(plansim::html_escape("") == "");
}
