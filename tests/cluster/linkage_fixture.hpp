#pragma once
// SciPy's answers on small condensed distance vectors, read from tests/data/cluster/
// linkage_fixture.txt (made by make_linkage_fixture.py there; the format is in its docstring).
#include <plansim/cluster/linkage.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "catch.hpp"

namespace plansim_test {

struct scipy_method_result {
  plansim::linkage_matrix rows;
  std::map<std::size_t, std::vector<int>> maxclust, cuttree;
  std::vector<std::pair<double, std::vector<int>>> distance;
  std::vector<double> cophenet;
  double corr = 0;  // NaN when undefined
  std::vector<std::size_t> leaves;
  std::vector<std::vector<double>> links;  // x height lx lh rx rh, sorted
};

struct scipy_case {
  std::string name;
  std::size_t n = 0;
  std::vector<double> condensed;
  std::map<plansim::linkage_method, scipy_method_result> methods;
};

inline plansim::linkage_method method_from_name(const std::string& name) {
  for (auto m : {plansim::linkage_method::single, plansim::linkage_method::complete, plansim::linkage_method::average,
                 plansim::linkage_method::weighted, plansim::linkage_method::ward})
    if (plansim::linkage_method_name(m) == name) return m;
  FAIL("unknown method " << name);
  return plansim::linkage_method::single;
}

template <class T>
std::vector<T> read_all(std::istringstream& in) {
  std::vector<T> out;
  std::string word;
  while (in >> word) {
    if constexpr (std::is_same_v<T, double>) out.push_back(word == "nan" ? std::nan("") : std::stod(word));
    else if constexpr (std::is_same_v<T, int>) out.push_back(std::stoi(word));
    else out.push_back(static_cast<T>(std::stoull(word)));
  }
  return out;
}

inline const std::vector<scipy_case>& scipy_cases() {
  static const std::vector<scipy_case> cases = [] {
    std::vector<scipy_case> out;
    std::ifstream file(std::string(PLANSIM_TEST_DATA_DIR) + "/cluster/linkage_fixture.txt");
    REQUIRE(file);
    std::string line;
    scipy_method_result* current = nullptr;
    bool ended = false;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream in(line);
      std::string key;
      in >> key;
      if (key == "case") {
        out.emplace_back();
        in >> out.back().name >> out.back().n;
      } else if (key == "condensed") {
        out.back().condensed = read_all<double>(in);
      } else if (key == "method") {
        std::string name;
        in >> name;
        current = &out.back().methods[method_from_name(name)];
      } else if (key == "row") {
        plansim::merge m;
        std::string height;
        in >> m.a >> m.b >> height >> m.size;
        m.height = std::stod(height);
        current->rows.push_back(m);
      } else if (key == "maxclust" || key == "cuttree") {
        std::size_t k = 0;
        in >> k;
        (key == "maxclust" ? current->maxclust : current->cuttree)[k] = read_all<int>(in);
      } else if (key == "distance") {
        std::string t;
        in >> t;
        current->distance.emplace_back(std::stod(t), read_all<int>(in));
      } else if (key == "cophenet") {
        current->cophenet = read_all<double>(in);
      } else if (key == "corr") {
        current->corr = read_all<double>(in).at(0);
      } else if (key == "leaves") {
        current->leaves = read_all<std::size_t>(in);
      } else if (key == "link") {
        current->links.push_back(read_all<double>(in));
      } else if (key == "end") {
        ended = true;
      } else {
        FAIL("unknown fixture line: " << line);
      }
    }
    REQUIRE(ended);
    return out;
  }();
  return cases;
}

}  // namespace plansim_test
