// to_newick: a small Newick parser here reads the output back and checks names, topology and that
// branch lengths give back the merge heights.
#include <plansim/cluster/linkage.hpp>
#include <plansim/cluster/newick.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"

using plansim::linkage_matrix;

namespace {

struct node {
  std::string name;  // tips only
  double length = 0;
  std::vector<std::unique_ptr<node>> children;
};

// Newick as to_newick writes it: quoted or plain names, ':' lengths, '(' ',' ')' and ';'.
class newick_parser {
 public:
  explicit newick_parser(std::string text) : text_(std::move(text)) {}
  std::unique_ptr<node> parse() {
    auto root = subtree();
    REQUIRE(pos_ < text_.size());
    REQUIRE(text_[pos_++] == ';');
    REQUIRE(pos_ == text_.size());
    return root;
  }

 private:
  std::unique_ptr<node> subtree() {
    auto out = std::make_unique<node>();
    if (text_[pos_] == '(') {
      ++pos_;
      out->children.push_back(subtree());
      while (text_[pos_] == ',') {
        ++pos_;
        out->children.push_back(subtree());
      }
      REQUIRE(text_[pos_++] == ')');
    } else if (text_[pos_] == '\'') {
      ++pos_;
      for (;;) {
        REQUIRE(pos_ < text_.size());
        if (text_[pos_] == '\'') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
            out->name += '\'';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        out->name += text_[pos_++];
      }
    } else {
      while (pos_ < text_.size() && std::string_view("(),:;'").find(text_[pos_]) == std::string_view::npos)
        out->name += text_[pos_++];
      REQUIRE(!out->name.empty());
    }
    if (text_[pos_] == ':') {
      ++pos_;
      std::size_t used = 0;
      out->length = std::stod(text_.substr(pos_), &used);
      pos_ += used;
    }
    return out;
  }
  std::string text_;
  std::size_t pos_ = 0;
};

// Every tip's depth below the root along the branches, and every subtree's tip set.
// Depths are summed branch lengths from the root.
void walk(const node& n, double depth, std::map<std::string, double>& tip_depth,
          std::map<std::set<std::string>, double>& clades, std::set<std::string>& tips) {
  if (n.children.empty()) {
    tip_depth[n.name] = depth + n.length;
    tips.insert(n.name);
    return;
  }
  std::set<std::string> mine;
  for (const auto& child : n.children) walk(*child, depth + n.length, tip_depth, clades, mine);
  REQUIRE(n.children.size() == 2);
  clades[mine] = depth + n.length;
  tips.insert(mine.begin(), mine.end());
}

}  // namespace

TEST_CASE("to_newick writes the tree worked by hand", "[cluster]") {
  const linkage_matrix z{{0, 1, 1, 2}, {2, 4, 2, 3}, {3, 5, 4, 4}};
  const std::vector<std::string> names{"a", "b", "c", "d"};
  CHECK(plansim::to_newick(z, names) == "(d:2,(c:1,(a:0.5,b:0.5):0.5):1);");
  CHECK(plansim::to_newick(z, names, {plansim::newick_lengths::height}) == "(d:4,(c:2,(a:1,b:1):1):2);");
  CHECK(plansim::to_newick(z, {}) == "(3:2,(2:1,(0:0.5,1:0.5):0.5):1);");
  CHECK(plansim::to_newick(linkage_matrix{}, std::vector<std::string>{"only"}) == "only;");
  CHECK(plansim::to_newick(linkage_matrix{{0, 1, 0.25, 2}}, std::vector<std::string>{"x", "y"}) == "(x:0.125,y:0.125);");
}

TEST_CASE("to_newick quotes names that Newick would misread", "[cluster]") {
  const linkage_matrix z{{0, 1, 1, 2}, {2, 3, 1.5, 2}, {4, 5, 3, 4}};
  const std::vector<std::string> names{"Plain-1.0", "O'Brien Council", "with_underscore", "a(b),c:d;e[f]"};
  const std::string text = plansim::to_newick(z, names);
  CHECK(text == "((Plain-1.0:0.5,'O''Brien Council':0.5):1,('with_underscore':0.75,'a(b),c:d;e[f]':0.75):0.75);");
  std::map<std::string, double> depth;
  std::map<std::set<std::string>, double> clades;
  std::set<std::string> tips;
  walk(*newick_parser(text).parse(), 0, depth, clades, tips);
  CHECK(tips == std::set<std::string>(names.begin(), names.end()));
}

TEST_CASE("to_newick round trip: topology, names, and lengths that sum to the heights", "[cluster]") {
  std::mt19937_64 rng(5);
  for (const std::size_t n : {2u, 3u, 9u, 40u}) {
    std::vector<double> y(n * (n - 1) / 2);
    for (double& d : y) d = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    const linkage_matrix z = plansim::linkage(y, n, plansim::linkage_method::average);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i) names.push_back("doc " + std::to_string(i));
    for (const auto lengths : {plansim::newick_lengths::half_height, plansim::newick_lengths::height}) {
      const double factor = lengths == plansim::newick_lengths::half_height ? 0.5 : 1.0;
      std::map<std::string, double> depth;
      std::map<std::set<std::string>, double> clades;
      std::set<std::string> tips;
      const auto root = newick_parser(plansim::to_newick(z, names, {lengths})).parse();
      walk(*root, 0, depth, clades, tips);
      REQUIRE(tips.size() == n);
      // Each merge is a clade, and its tips lie factor * height below it.
      std::vector<std::set<std::string>> members(2 * n - 1);
      for (std::size_t i = 0; i < n; ++i) members[i] = {names[i]};
      const double root_height = z.back().height * factor;
      for (std::size_t k = 0; k < z.size(); ++k) {
        members[n + k] = members[z[k].a];
        members[n + k].insert(members[z[k].b].begin(), members[z[k].b].end());
        REQUIRE(clades.count(members[n + k]) == 1);
        // Summed lengths from any of its tips up to merge k give factor * its height.
        for (const std::string& tip : members[n + k]) {
          CHECK_THAT(depth.at(tip) - clades.at(members[n + k]),
                     Catch::Matchers::WithinAbs(z[k].height * factor, 1e-12));
          CHECK_THAT(depth.at(tip), Catch::Matchers::WithinAbs(root_height, 1e-12));  // ultrametric
        }
      }
      CHECK(clades.size() == n - 1);
    }
  }
}

TEST_CASE("to_newick errors", "[cluster]") {
  using Catch::Matchers::Equals;
  const linkage_matrix z{{0, 1, 1, 2}};
  CHECK_THROWS_AS(plansim::to_newick(z, std::vector<std::string>{"a"}), plansim::dimension_mismatch);
  CHECK_THROWS_WITH(plansim::to_newick(z, std::vector<std::string>{"a"}),
                    Equals("[plansim.hierarchy.10] to_newick: 1 names for 2 documents (pass one name per document, "
                           "or none for ids)"));
  CHECK_THROWS_WITH(plansim::to_newick(z, std::vector<std::string>{"a", ""}),
                    Equals("[plansim.hierarchy.11] to_newick: the name of document 1 is empty (give every document "
                           "a name)"));
}
