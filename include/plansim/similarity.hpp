#pragma once
/// @file
/// Similarity: how alike documents are. Documents are rows (sparse tf-idf/BM25 vectors, or dense
/// embeddings); every function is a free function over Eigen matrices of float or double.
///
/// - measures.hpp: cosine, dot, Jaccard, Dice, Tanimoto, Pearson, Euclidean, Hellinger,
///   Jensen–Shannon, with formulas and references.
/// - pairwise.hpp: the full matrix, for small inputs.
/// - sparse_kernel.hpp, dense_kernel.hpp: top_k and threshold, never N × N in memory.
/// - neighbors.hpp: result types and options; mask.hpp: which pairs are allowed;
///   kernel_config.hpp: block sizes, the dense/sparse switch, threads, and their file format.
/// - reference.hpp: naive kernels for tests and benchmarks.

#include "plansim/similarity/dense_kernel.hpp"
#include "plansim/similarity/kernel_config.hpp"
#include "plansim/similarity/mask.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"
#include "plansim/similarity/pairwise.hpp"
#include "plansim/similarity/reference.hpp"
#include "plansim/similarity/sparse_kernel.hpp"
