#pragma once
// Reader for the fixtures written by tests/data/cluster/fixture_io.py: "case NAME ARGS..." starts a
// case; "matrix", "vector", "labels" and "scalar" lines (with their data lines) fill it.
#include <plansim/weighting/tf_idf.hpp>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"

namespace cluster_fixture {

struct matrix {
  bool sparse = false;
  Eigen::MatrixXd dense;
  plansim::weight_matrix<double> rows;  // filled for sparse matrices
};

struct test_case {
  std::string name;
  std::vector<std::string> args;
  std::map<std::string, matrix> matrices;
  std::map<std::string, std::vector<double>> vectors;
  std::map<std::string, std::vector<int>> labels;
  std::map<std::string, double> scalars;
};

inline std::vector<test_case> load(const std::string& file) {
  std::ifstream in(std::string(PLANSIM_TEST_DATA_DIR) + "/cluster/" + file);
  REQUIRE(in);
  std::vector<test_case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string keyword, name;
    words >> keyword >> name;
    if (keyword == "case") {
      cases.emplace_back();
      cases.back().name = name;
      std::string arg;
      while (words >> arg) cases.back().args.push_back(arg);
      continue;
    }
    REQUIRE(!cases.empty());
    auto& c = cases.back();
    if (keyword == "matrix") {
      std::string kind;
      long r = 0, k = 0;
      words >> kind >> r >> k;
      matrix m;
      m.dense = Eigen::MatrixXd::Zero(r, k);
      if (kind == "sparse") {
        long nnz = 0;
        words >> nnz;
        m.sparse = true;
        std::vector<Eigen::Triplet<double>> entries;
        for (long p = 0; p < nnz && std::getline(in, line); ++p) {
          std::istringstream e(line);
          long i = 0, j = 0;
          double v = 0;
          e >> i >> j >> v;
          entries.emplace_back(static_cast<int>(i), static_cast<int>(j), v);
          m.dense(i, j) = v;
        }
        m.rows.resize(r, k);
        m.rows.setFromTriplets(entries.begin(), entries.end());
        m.rows.makeCompressed();
      } else {
        for (long i = 0; i < r && std::getline(in, line); ++i) {
          std::istringstream e(line);
          for (long j = 0; j < k; ++j) e >> m.dense(i, j);
        }
      }
      c.matrices[name] = std::move(m);
    } else if (keyword == "vector" || keyword == "labels") {
      std::size_t n = 0;
      words >> n;
      std::getline(in, line);
      std::istringstream e(line);
      if (keyword == "vector") {
        std::vector<double> v(n);
        for (auto& a : v) e >> a;
        c.vectors[name] = std::move(v);
      } else {
        std::vector<int> v(n);
        for (auto& a : v) e >> a;
        c.labels[name] = std::move(v);
      }
    } else if (keyword == "scalar") {
      double v = 0;
      words >> v;
      c.scalars[name] = v;
    }
  }
  return cases;
}

}  // namespace cluster_fixture
