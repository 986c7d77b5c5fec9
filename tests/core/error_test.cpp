#include <plansim/error.hpp>

#include <string>

#include "catch.hpp"

TEST_CASE("error messages carry a stable id, the caller and advice", "[core][error]") {
  const plansim::invalid_argument e("vocabulary", 2, "prune", "min_df (5) is above max_df (3)",
                                    "lower min_df or raise max_df");
  CHECK(std::string(e.what()) ==
        "[plansim.vocabulary.2] prune: min_df (5) is above max_df (3) (lower min_df or raise max_df)");
  CHECK(e.id() == "plansim.vocabulary.2");
  CHECK(e.caller() == "prune");
}

TEST_CASE("an error without advice has no empty parentheses", "[core][error]") {
  const plansim::io_error e("corpus", 1, "data/a.txt", "cannot open file");
  CHECK(std::string(e.what()) == "[plansim.corpus.1] data/a.txt: cannot open file");
}

TEST_CASE("every plansim exception is caught as plansim::error and std::exception", "[core][error]") {
  auto throws = [](int which) {
    switch (which) {
      case 0: throw plansim::invalid_argument("m", 1, "f", "p");
      case 1: throw plansim::dimension_mismatch("m", 2, "f", "p");
      case 2: throw plansim::data_error("m", 3, "f", "p");
      default: throw plansim::io_error("m", 4, "f", "p");
    }
  };
  for (int which = 0; which < 4; ++which) {
    CHECK_THROWS_AS(throws(which), plansim::error);
    CHECK_THROWS_AS(throws(which), std::runtime_error);
  }
  CHECK_THROWS_AS(throws(1), plansim::invalid_argument);
}
