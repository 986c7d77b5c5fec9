#include <plansim/similarity/neighbors.hpp>

#include <vector>

#include "catch.hpp"

TEST_CASE("threshold pairs become neighbour lists, both directions, best first", "[similarity][neighbors]") {
  using plansim::neighbor;
  const plansim::pair_list<double> pairs{{0, 1, 0.5}, {0, 3, 0.9}, {1, 3, 0.5}, {2, 3, 0.7}};
  const auto lists = plansim::neighbor_lists_from_pairs(pairs, 5, plansim::measure::cosine);
  REQUIRE(lists.size() == 5);
  CHECK(std::vector<neighbor<double>>(lists[0].begin(), lists[0].end()) == std::vector<neighbor<double>>{{3, 0.9}, {1, 0.5}});
  CHECK(std::vector<neighbor<double>>(lists[1].begin(), lists[1].end()) == std::vector<neighbor<double>>{{0, 0.5}, {3, 0.5}});
  CHECK(std::vector<neighbor<double>>(lists[3].begin(), lists[3].end()) ==
        std::vector<neighbor<double>>{{0, 0.9}, {2, 0.7}, {1, 0.5}});
  CHECK(lists[4].empty());  // a document in no pair has an empty row

  // For a distance the smallest comes first.
  const auto distances = plansim::neighbor_lists_from_pairs(pairs, 5, plansim::measure::euclidean);
  CHECK(std::vector<neighbor<double>>(distances[3].begin(), distances[3].end()) ==
        std::vector<neighbor<double>>{{1, 0.5}, {2, 0.7}, {0, 0.9}});

  CHECK(plansim::neighbor_lists_from_pairs(plansim::pair_list<double>{}, 0, plansim::measure::cosine).size() == 0);
  CHECK_THROWS_WITH(plansim::neighbor_lists_from_pairs(pairs, 3, plansim::measure::cosine),
                    "[plansim.similarity.9] neighbor_lists_from_pairs: pair (0, 3) names a document beyond the 3 given "
                    "(give the number of documents the pairs were found among)");
}
