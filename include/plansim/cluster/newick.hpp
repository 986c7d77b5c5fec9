#pragma once
/// @file
/// A linkage matrix as a Newick tree, for R (ape `read.tree`), Python (Bio.Phylo, ete) and
/// tree viewers: `to_newick(z, names)`.
///
/// Shape: each merge is `(a,b)`, side a first, so tips come in `leaves_order(z)`; the root has no
/// length; `;` ends the tree; one document gives just `name;`.
///
/// Branch lengths follow ape's `as.phylo.hclust` by default (`newick_lengths::half_height`): a
/// node sits at depth height/2 above the tips, so a branch is (h_parent − h_child)/2 and the path
/// between two tips through their merge sums to that merge's height: the tree's patristic
/// distances (ape `cophenetic.phylo`) ARE the cophenetic distances. (Checked here by parsing the
/// output back; not run against R itself, which this project's CI does not install.) `newick_lengths::height` puts nodes at the full height instead (tip-to-merge path =
/// height; tip-to-tip = twice it), as some viewers expect. Lengths are written in shortest
/// round-trip form. A non-monotone linkage would give negative lengths; plansim's linkages never do.
///
/// Names (Newick 1986 rules, as in PHYLIP and ape): a name made only of ASCII letters, digits,
/// '.' and '-' is written as is; any other name is put in single quotes with each ' doubled
/// (`O'Brien Council` → `'O''Brien Council'`), which keeps spaces, underscores (an unquoted _
/// means a space in Newick), brackets, colons and commas literal. Without names, tips are the
/// document ids 0..N−1.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plansim/cluster/dendrogram.hpp"
#include "plansim/cluster/linkage.hpp"
#include "plansim/detail/format.hpp"
#include "plansim/error.hpp"

namespace plansim {

/// How merge heights become branch lengths (see the file comment).
enum class newick_lengths { half_height, height };

struct newick_options {
  newick_lengths lengths = newick_lengths::half_height;
};

namespace detail {

inline void append_newick_name(std::string& out, std::string_view name) {
  bool plain = !name.empty();
  for (const char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-');
  if (plain) {
    out.append(name);
    return;
  }
  out += '\'';
  for (const char c : name) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
}

}  // namespace detail

/// The tree of `z` in Newick format, tips named by `names` (one per document) or by document id
/// when `names` is empty.
/// @throws invalid_argument [plansim.hierarchy.5] a malformed linkage; dimension_mismatch [.10]
///         names is neither empty nor one per document; invalid_argument [.11] an empty name.
inline std::string to_newick(const linkage_matrix& z, std::span<const std::string> names,
                             const newick_options& options = {}) {
  const std::size_t n = detail::check_linkage(z, "to_newick");
  if (!names.empty() && names.size() != n)
    throw dimension_mismatch("hierarchy", 10, "to_newick",
                             std::to_string(names.size()) + " names for " + std::to_string(n) + " documents",
                             "pass one name per document, or none for ids");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].empty())
      throw invalid_argument("hierarchy", 11, "to_newick", "the name of document " + std::to_string(i) + " is empty",
                             "give every document a name");
  const double factor = options.lengths == newick_lengths::half_height ? 0.5 : 1.0;
  std::vector<double> height(2 * n - 1, 0.0);
  std::vector<std::size_t> parent(2 * n - 1, 2 * n - 2);
  for (std::size_t k = 0; k < z.size(); ++k) {
    height[n + k] = z[k].height;
    parent[z[k].a] = parent[z[k].b] = n + k;
  }
  std::string out;
  const auto close = [&](std::size_t node) {
    if (node == 2 * n - 2) return;
    out += ':';
    detail::append_number(out, (height[parent[node]] - height[node]) * factor);
  };
  // Iterative depth-first walk (a chain of 20,000 merges must not exhaust the stack):
  // stage 0 = open the node, 1 = between its sides, 2 = close it.
  std::vector<std::pair<std::size_t, int>> stack{{2 * n - 2, 0}};
  while (!stack.empty()) {
    auto& [node, stage] = stack.back();
    if (node < n) {
      if (names.empty()) out += std::to_string(node);
      else detail::append_newick_name(out, names[node]);
      close(node);
      stack.pop_back();
    } else if (stage == 0) {
      out += '(';
      stage = 1;
      stack.emplace_back(z[node - n].a, 0);
    } else if (stage == 1) {
      out += ',';
      stage = 2;
      stack.emplace_back(z[node - n].b, 0);
    } else {
      out += ')';
      close(node);
      stack.pop_back();
    }
  }
  out += ';';
  return out;
}

}  // namespace plansim
