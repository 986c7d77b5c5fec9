#include <plansim/version.hpp>

#include <string>

#include "catch.hpp"

TEST_CASE("version.hpp agrees with project(VERSION) in CMakeLists.txt", "[core][version]") {
  CHECK(std::string(plansim::version_string) == PLANSIM_PROJECT_VERSION);
  CHECK(std::to_string(PLANSIM_VERSION_MAJOR) + "." + std::to_string(PLANSIM_VERSION_MINOR) + "." +
            std::to_string(PLANSIM_VERSION_PATCH) ==
        PLANSIM_PROJECT_VERSION);
  CHECK(PLANSIM_VERSION == PLANSIM_VERSION_MAJOR * 10000 + PLANSIM_VERSION_MINOR * 100 + PLANSIM_VERSION_PATCH);
}
