#pragma once
/// @file
/// Clustering: grouping documents (rows) by how alike they are.
///
/// Flat:
/// - cluster/kmeans.hpp: k-means (Euclidean and spherical), k-means++ seeding, restarts.
/// - cluster/quality.hpp: silhouette, Calinski-Harabasz, Davies-Bouldin.
/// - cluster/choose_k.hpp, cluster/stability.hpp: a sweep over k with a recommendation, and
///   stability under resampling (per cluster and per document).
/// - cluster/agreement.hpp: contingency tables, ARI, NMI, AMI against known groupings.
/// - cluster/labels.hpp: canonical cluster ids, and matching to an earlier labelling (Hungarian).
///
/// Hierarchical (agglomerative):
/// - cluster/distance.hpp: condensed (SciPy pdist order) and square distance matrices of rows,
///   cosine or Euclidean.
/// - cluster/linkage.hpp: single, complete, average, weighted and Ward linkage in O(N²), SciPy's
///   `linkage` row for row.
/// - cluster/dendrogram.hpp: cuts (by k, exactly k, by height), cophenetic distances and
///   correlation, leaf order, a drawing layout.
/// - cluster/newick.hpp: the tree as Newick, lengths as R's ape reads them.
/// - cluster/graph_linkage.hpp: single and average linkage from a sparse top-k or threshold
///   similarity graph, for corpora too large for all N(N − 1)/2 distances.

#include "plansim/cluster/agreement.hpp"
#include "plansim/cluster/choose_k.hpp"
#include "plansim/cluster/dendrogram.hpp"
#include "plansim/cluster/distance.hpp"
#include "plansim/cluster/graph_linkage.hpp"
#include "plansim/cluster/kmeans.hpp"
#include "plansim/cluster/labels.hpp"
#include "plansim/cluster/linkage.hpp"
#include "plansim/cluster/newick.hpp"
#include "plansim/cluster/quality.hpp"
#include "plansim/cluster/stability.hpp"
