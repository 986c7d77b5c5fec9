#pragma once
// The one include every test uses: Catch2 v3 when it is installed, else Debian's 2.13.
#if PLANSIM_CATCH2_MAJOR >= 3
#  include <catch2/catch_approx.hpp>
#  include <catch2/catch_template_test_macros.hpp>
#  include <catch2/catch_test_macros.hpp>
#  include <catch2/matchers/catch_matchers_floating_point.hpp>
#  include <catch2/matchers/catch_matchers_string.hpp>
#else
#  include <catch2/catch.hpp>
namespace Catch {
using Detail::Approx;  // v3 spells it Catch::Approx; in v2 that name is a vector matcher
}
#endif
