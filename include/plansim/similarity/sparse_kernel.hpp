#pragma once
/// @file
/// Top-k and threshold search over SPARSE document vectors (tf-idf, BM25, counts): documents are
/// rows, and nothing of size N × N is ever allocated.
///
///     auto nearest = plansim::top_k(x, 10);                     // X against itself, cosine
///     auto close   = plansim::threshold(x, 0.8);                // every pair i < j with cos >= 0.8
///     auto hits    = plansim::top_k(q, x, 5, {.measure = plansim::measure::dot});
///     auto local   = plansim::top_k(x, 10, {}, plansim::group_mask::same(region));
///
/// How it works (Gustavson's row-by-row sparse product, one query row at a time):
/// 1. Every row is transformed for the measure (measures.hpp) and X is turned into an inverted
///    index: for each term, the list of (document, weight), cut into blocks of
///    `kernel_config::doc_block` documents (a CSC view of each document block).
/// 2. For each query row and document block, the products x·y of the block's documents are
///    summed into a dense per-thread accumulator of `doc_block` scalars (it stays in L2), by
///    walking the postings of the query's terms; an occupancy flag and a list of touched
///    documents make the reset O(touched). The accumulator, flags, lists and heaps are allocated
///    once per worker thread: the hot loops allocate nothing, take no lock and make no virtual
///    call (the mask is a template parameter).
/// 3. Selection is fused onto the accumulator: touched documents are scored and offered to a
///    bounded heap of k (top-k) or compared with t (threshold). For top-k, documents no query
///    term touched all score the same constant c0 (0, or 1 for Hellinger); they are offered in
///    id order only while the heap could still take one, so the walk stops after at most
///    k entries. Pearson and Euclidean give untouched pairs a non-constant score, so they scan
///    every document of the block.
///
/// Dense/sparse switch. The few most frequent terms carry most of the Σ df² work and make the
/// product nearly dense. With `kernel_config::dense_terms` > 0, up to that many terms whose
/// document frequency is at least `dense_min_df`·N are moved to dense matrices Q_F and X_F, and
/// each (query block × `tile_docs`) tile is computed as one GEMM Q_F X_Fᵀ (Eigen) into which the
/// rare terms' products are then added from the inverted index. The two parts cover disjoint
/// column sets, so x·y = x_F·y_F + x_R·y_R exactly; only the rounding differs from the purely
/// sparse path (within a few ulps per term). The tile is then scanned for selection.
///
/// Exact pruning (cosine threshold, `kernel_config::prune`), after L2AP (Anastasiu & Karypis,
/// "L2AP: Fast cosine similarity search with prefix L-2 norm bounds", ICDE 2014) and AllPairs
/// (Bayardo, Ma & Srikant, WWW 2007): rows are unit vectors; order terms by decreasing document
/// frequency and, for each document y, leave out of the index the longest prefix y_p of its
/// terms in that order whose norm ‖y_p‖ stays below t − δ (δ = 1e-4·t + 1e-6 absorbs rounding).
/// By Cauchy–Schwarz x·y_p ≤ ‖x‖‖y_p‖ < t, so any y with x·y ≥ t shares an indexed (suffix)
/// term with x and is met. A met candidate is skipped when acc + ‖y_p‖ < t − δ (it cannot reach
/// t); otherwise its exact score is completed with y_p's products against a dense copy of x.
/// Frequent terms thus stay out of the index, which is where the work was.
/// For top-k with cosine or dot, the current k-th best key is a dynamic threshold: a product
/// below it is rejected in O(1), before scoring, masking or touching the heap (exact: the heap
/// would drop it anyway). Top-k does not prune the accumulation itself (a prefix index needs a
/// fixed threshold); `pruning::automatic` uses prefix pruning for thresholds only where a cost
/// estimate says it beats the dense switch (high t), since completing candidates costs too.
///
/// Allocation: scratch (accumulator, flags, touched list, heaps, query scatter, GEMM tile) is
/// allocated once per worker before the search. Inside the loops only the threshold output grows
/// (amortised push_back) and Eigen's GEMM may allocate its packing buffer once per tile.
///
/// Symmetry: for X against itself the threshold search only looks at documents j > i (the
/// posting lists are sorted by document, so the block holding i starts at i + 1 by binary
/// search and earlier blocks are skipped): half the work.
///
/// Determinism: rows are independent units; each row's products are accumulated term by term in
/// the row's stored order, document blocks and GEMM tiles have boundaries fixed by the
/// configuration, not by the thread count. The result is therefore bit-identical for any
/// `kernel_config::threads`. Changing block sizes, the dense switch or pruning may change the
/// last bits of scores, never which pairs are compared.
///
/// Complexity and memory (N documents, Nq queries, T terms, k neighbours, P threads, B =
/// doc_block, Bt = tile_docs, Qb = query_block, F dense terms):
/// - time: O(Σ_q Σ_{t ∈ q} df(t)) accumulation (minus pruned postings), plus O(Nq·N) scoring for
///   Pearson, Euclidean, the dense switch and thresholds that every pair passes; Jensen–Shannon
///   is O(Nq·N·(nnz per row)).
/// - memory: the index, O(nnz(X) + ⌈N/B⌉·T); O(P·(B + Qb·k + T + Qb·Bt)) scratch; the dense
///   switch adds (N + Nq)·F scalars (at most nnz/dense_min_df); top-k output O(Nq·k); threshold
///   output is the pairs that pass. Never O(N²) (but see the threshold that every pair passes).

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>
#include <vector>

#include "plansim/detail/parallel.hpp"
#include "plansim/detail/similarity_rows.hpp"
#include "plansim/detail/similarity_sinks.hpp"
#include "plansim/detail/top_k_heap.hpp"
#include "plansim/similarity/kernel_config.hpp"
#include "plansim/similarity/mask.hpp"
#include "plansim/similarity/measures.hpp"
#include "plansim/similarity/neighbors.hpp"

namespace plansim {
namespace detail {

// The inverted index of X (CSC per document block): postings of term t in block b are
// [start[b·T + t], start[b·T + t + 1]), sorted by document.
template <class Scalar>
struct inverted_index {
  std::size_t terms = 0;
  std::size_t block = 1;
  std::size_t blocks = 0;
  std::vector<std::size_t> start;
  std::vector<int> doc;
  std::vector<Scalar> weight;
};

// Builds the index of the entries `keep(row, position)` selects (counting sort: deterministic).
template <class Scalar, class Keep>
inverted_index<Scalar> build_index(const sparse_rows<Scalar>& x, std::size_t block, Keep&& keep) {
  inverted_index<Scalar> index;
  const auto n = static_cast<std::size_t>(x.rows());
  index.terms = static_cast<std::size_t>(x.cols());
  index.block = block;
  index.blocks = (n + block - 1) / block;
  const std::size_t terms = index.terms;
  index.start.assign(index.blocks * terms + 1, 0);
  const int* outer = x.outerIndexPtr();
  const int* inner = x.innerIndexPtr();
  for (std::size_t r = 0; r < n; ++r)
    for (auto e = static_cast<std::size_t>(outer[r]); e < static_cast<std::size_t>(outer[r + 1]); ++e)
      if (keep(r, e)) ++index.start[(r / block) * terms + static_cast<std::size_t>(inner[e]) + 1];
  for (std::size_t k = 1; k < index.start.size(); ++k) index.start[k] += index.start[k - 1];
  index.doc.resize(index.start.back());
  index.weight.resize(index.start.back());
  std::vector<std::size_t> cursor(index.start.begin(), index.start.end() - 1);
  for (std::size_t r = 0; r < n; ++r)
    for (auto e = static_cast<std::size_t>(outer[r]); e < static_cast<std::size_t>(outer[r + 1]); ++e)
      if (keep(r, e)) {
        const std::size_t at = cursor[(r / block) * terms + static_cast<std::size_t>(inner[e])]++;
        index.doc[at] = static_cast<int>(r);
        index.weight[at] = x.valuePtr()[e];
      }
  return index;
}

enum class sparse_mode { touched, scan, hybrid, pruned, jensen_shannon };

// The un-indexed prefixes of the documents (pruned mode): per document, its prefix entries in
// CSR form and the prefix norm ‖y_p‖.
template <class Scalar>
struct prefix_store {
  std::vector<std::size_t> start;
  std::vector<int> term;
  std::vector<Scalar> weight;
  std::vector<double> norm;
  double margin = 0.0;
};

// Everything one search needs, built once before the threads start.
template <class Scalar>
struct sparse_problem {
  const prepared_sparse<Scalar>* queries = nullptr;
  const prepared_sparse<Scalar>* documents = nullptr;
  measure m = measure::cosine;
  kernel_config config;
  bool self = false;
  bool exclude_self = false;   // top-k of X against itself
  bool upper_only = false;     // threshold of X against itself: only j > i
  double threshold = 0.0;      // pruned mode
  sparse_mode mode = sparse_mode::touched;
  inverted_index<Scalar> index;
  std::vector<int> dense_slot;  // hybrid: term -> column of Q_F/X_F, or -1
  dense_rows<Scalar> query_dense_terms, document_dense_terms;
  prefix_store<Scalar> prefix;
};

// The F most frequent terms of X eligible for the dense GEMM part (by df descending, then id).
template <class Scalar>
std::vector<int> frequent_terms(const sparse_rows<Scalar>& x, const kernel_config& config) {
  std::vector<int> dense_slot(static_cast<std::size_t>(x.cols()), -1);
  if (config.dense_terms == 0 || x.rows() == 0) return dense_slot;
  std::vector<std::size_t> df(static_cast<std::size_t>(x.cols()), 0);
  for (Eigen::Index e = 0; e < x.nonZeros(); ++e) ++df[static_cast<std::size_t>(x.innerIndexPtr()[e])];
  const double least = std::max(2.0, config.dense_min_df * static_cast<double>(x.rows()));
  std::vector<int> chosen;
  for (std::size_t t = 0; t < df.size(); ++t)
    if (static_cast<double>(df[t]) >= least) chosen.push_back(static_cast<int>(t));
  std::stable_sort(chosen.begin(), chosen.end(), [&](int a, int b) {
    return df[static_cast<std::size_t>(a)] > df[static_cast<std::size_t>(b)];
  });
  if (chosen.size() > config.dense_terms) chosen.resize(config.dense_terms);
  std::sort(chosen.begin(), chosen.end());  // GEMM columns in term order
  for (std::size_t s = 0; s < chosen.size(); ++s) dense_slot[static_cast<std::size_t>(chosen[s])] = static_cast<int>(s);
  return dense_slot;
}

template <class Scalar>
dense_rows<Scalar> dense_columns(const sparse_rows<Scalar>& x, const std::vector<int>& slot, std::size_t width) {
  dense_rows<Scalar> out = dense_rows<Scalar>::Zero(x.rows(), static_cast<Eigen::Index>(width));
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (typename sparse_rows<Scalar>::InnerIterator it(x, r); it; ++it)
      if (const int s = slot[static_cast<std::size_t>(it.col())]; s >= 0) out(r, s) = it.value();
  return out;
}

// Splits every document into an un-indexed prefix (frequent terms first) of norm < t − δ and an
// indexed suffix; see the file comment.
template <class Scalar>
void build_pruned(sparse_problem<Scalar>& pb, double t) {
  const auto& x = pb.documents->rows;
  const auto n = static_cast<std::size_t>(x.rows());
  std::vector<std::size_t> df(static_cast<std::size_t>(x.cols()), 0);
  for (Eigen::Index e = 0; e < x.nonZeros(); ++e) ++df[static_cast<std::size_t>(x.innerIndexPtr()[e])];
  auto& prefix = pb.prefix;
  prefix.margin = 1e-4 * t + 1e-6;
  const double limit = t - prefix.margin;
  std::vector<unsigned char> indexed(static_cast<std::size_t>(x.nonZeros()), 1);
  prefix.start.assign(n + 1, 0);
  prefix.norm.assign(n, 0.0);
  std::vector<std::size_t> order;
  const int* outer = x.outerIndexPtr();
  const int* inner = x.innerIndexPtr();
  for (std::size_t r = 0; r < n; ++r) {
    order.clear();
    for (auto e = static_cast<std::size_t>(outer[r]); e < static_cast<std::size_t>(outer[r + 1]); ++e) order.push_back(e);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto ta = static_cast<std::size_t>(inner[a]), tb = static_cast<std::size_t>(inner[b]);
      return df[ta] != df[tb] ? df[ta] > df[tb] : ta < tb;
    });
    double squares = 0.0;
    for (const std::size_t e : order) {
      const double v = static_cast<double>(x.valuePtr()[e]);
      if (!(std::sqrt(squares + v * v) < limit)) break;
      squares += v * v;
      indexed[e] = 0;
      prefix.term.push_back(inner[e]);
      prefix.weight.push_back(x.valuePtr()[e]);
    }
    prefix.norm[r] = std::sqrt(squares);
    prefix.start[r + 1] = prefix.term.size();
  }
  pb.index = build_index(x, pb.config.doc_block, [&](std::size_t, std::size_t e) { return indexed[e] != 0; });
}

// Per-worker scratch, allocated once before the search.
template <class Scalar>
struct sparse_scratch {
  std::vector<Scalar> accumulator;
  std::vector<unsigned char> seen;
  std::vector<int> touched;
  std::vector<Scalar> query_dense;  // pruned: the query row scattered over all terms
  std::vector<Scalar> tile;         // hybrid: query_block × tile_docs scores
};

// Jensen–Shannon divergence of two L1-normalised sparse rows, merged over their union.
template <class Scalar>
double js_divergence(const sparse_rows<Scalar>& a, Eigen::Index i, const sparse_rows<Scalar>& b, Eigen::Index j) {
  const int* ta = a.innerIndexPtr();
  const int* tb = b.innerIndexPtr();
  const Scalar* va = a.valuePtr();
  const Scalar* vb = b.valuePtr();
  int p = a.outerIndexPtr()[i], pe = a.outerIndexPtr()[i + 1];
  int q = b.outerIndexPtr()[j], qe = b.outerIndexPtr()[j + 1];
  double out = 0.0;
  while (p < pe || q < qe) {
    if (q >= qe || (p < pe && ta[p] < tb[q])) {
      out += jsd_term(static_cast<double>(va[p++]), 0.0);
    } else if (p >= pe || tb[q] < ta[p]) {
      out += jsd_term(0.0, static_cast<double>(vb[q++]));
    } else {
      out += jsd_term(static_cast<double>(va[p++]), static_cast<double>(vb[q++]));
    }
  }
  return out;
}

// Runs the search; `sink` receives candidates (see top_k_sink / threshold_sink below).
template <class Scalar, pair_mask Mask, class Sink>
void run_sparse(const sparse_problem<Scalar>& pb, const Mask& mask, Sink& sink) {
  const auto& q = pb.queries->rows;
  const auto& x = pb.documents->rows;
  const auto& qstats = pb.queries->stats;
  const auto& xstats = pb.documents->stats;
  const auto nq = static_cast<std::size_t>(q.rows());
  const auto nx = static_cast<std::size_t>(x.rows());
  const std::size_t qb = pb.config.query_block;
  const std::size_t chunks = (nq + qb - 1) / qb;
  const std::size_t workers = thread_count(pb.config.threads, chunks);
  const std::size_t block = pb.index.block;
  const std::size_t terms = pb.index.terms;
  const double columns = static_cast<double>(x.cols());
  const measure m = pb.m;
  const sparse_mode mode = pb.mode;
  const bool raw_key = m == measure::cosine || m == measure::dot;

  std::vector<sparse_scratch<Scalar>> scratch(workers);
  for (auto& s : scratch) {
    if (mode == sparse_mode::touched || mode == sparse_mode::pruned || mode == sparse_mode::scan) {
      s.accumulator.assign(block, Scalar(0));
      s.seen.assign(block, 0);
      s.touched.reserve(block);
    }
    if (mode == sparse_mode::pruned) s.query_dense.assign(terms, Scalar(0));
    if (mode == sparse_mode::hybrid) s.tile.assign(qb * block, Scalar(0));
  }
  sink.prepare(workers, qb);

  const int* q_outer = q.outerIndexPtr();
  const int* q_inner = q.innerIndexPtr();
  const Scalar* q_value = q.valuePtr();
  const std::size_t* start = pb.index.start.data();
  const int* posting_doc = pb.index.doc.data();
  const Scalar* posting_weight = pb.index.weight.data();
  const int* dense_slot = pb.dense_slot.data();

  auto score_key = [&](Scalar s, std::size_t i, std::size_t j) {
    const double score = finish(m, static_cast<double>(s), qstats[i], xstats[j], columns);
    return to_key(m, static_cast<Scalar>(score));
  };

  // Adds query row r's products with the documents of block b (those >= first) into acc.
  auto accumulate = [&](std::size_t r, std::size_t b, std::size_t first, Scalar* acc, sparse_scratch<Scalar>* track) {
    const std::size_t b0 = b * block;
    for (int e = q_outer[r]; e < q_outer[r + 1]; ++e) {
      const auto t = static_cast<std::size_t>(q_inner[e]);
      if (mode == sparse_mode::hybrid && dense_slot[t] >= 0) continue;
      const Scalar w = q_value[e];
      std::size_t p = start[b * terms + t];
      const std::size_t end = start[b * terms + t + 1];
      if (first > b0) p = static_cast<std::size_t>(std::lower_bound(posting_doc + p, posting_doc + end, static_cast<int>(first)) - posting_doc);
      if (track != nullptr) {
        unsigned char* seen = track->seen.data();
        for (; p < end; ++p) {
          const auto local = static_cast<std::size_t>(posting_doc[p]) - b0;
          if (seen[local] == 0) {
            seen[local] = 1;
            track->touched.push_back(static_cast<int>(local));
          }
          acc[local] += w * posting_weight[p];
        }
      } else {
        for (; p < end; ++p) acc[static_cast<std::size_t>(posting_doc[p]) - b0] += w * posting_weight[p];
      }
    }
  };

  for_each_chunk(chunks, workers, [&](std::size_t chunk, std::size_t worker) {
    const std::size_t r0 = chunk * qb;
    const std::size_t r1 = std::min(nq, r0 + qb);
    auto& s = scratch[worker];
    sink.begin_chunk(chunk, r0, r1, worker);
    auto first_of = [&](std::size_t r) { return pb.upper_only ? r + 1 : std::size_t{0}; };
    auto allowed = [&](std::size_t i, std::size_t j) {
      return !(pb.exclude_self && i == j) &&
             mask.allows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    };

    if (mode == sparse_mode::jensen_shannon) {
      for (std::size_t r = r0; r < r1; ++r)
        for (std::size_t j = first_of(r); j < nx; ++j) {
          if (!allowed(r, j)) continue;
          const auto ri = static_cast<Eigen::Index>(r), rj = static_cast<Eigen::Index>(j);
          const double d = js_distance(js_divergence(q, ri, x, rj), qstats[r].sum > 0.0, xstats[j].sum > 0.0);
          sink.candidate(worker, r - r0, r, j, to_key(m, static_cast<Scalar>(d)));
        }
      sink.end_chunk(chunk, r0, r1, worker);
      return;
    }

    for (std::size_t b = 0; b < pb.index.blocks; ++b) {
      const std::size_t b0 = b * block;
      const std::size_t b1 = std::min(nx, b0 + block);
      const std::size_t width = b1 - b0;
      if (mode == sparse_mode::hybrid) {
        if (b1 <= first_of(r0)) continue;
        Eigen::Map<dense_rows<Scalar>> tile(s.tile.data(), static_cast<Eigen::Index>(r1 - r0),
                                            static_cast<Eigen::Index>(width));
        tile.noalias() = pb.query_dense_terms.middleRows(static_cast<Eigen::Index>(r0), static_cast<Eigen::Index>(r1 - r0)) *
                         pb.document_dense_terms.middleRows(static_cast<Eigen::Index>(b0), static_cast<Eigen::Index>(width))
                             .transpose();
      }
      for (std::size_t r = r0; r < r1; ++r) {
        const std::size_t first = first_of(r);
        if (b1 <= first) continue;
        const std::size_t lr = r - r0;
        const std::size_t scan_from = std::max(first, b0);

        if (mode == sparse_mode::hybrid || mode == sparse_mode::scan) {
          Scalar* acc = mode == sparse_mode::hybrid ? s.tile.data() + lr * width : s.accumulator.data();
          accumulate(r, b, first, acc, nullptr);
          if (raw_key) {
            // The key is the product itself (clamped for cosine): anything below the bar is out.
            Scalar bar = sink.bar(worker, lr);
            for (std::size_t j = scan_from; j < b1; ++j) {
              if (raw_key_of(m, acc[j - b0]) < bar || !allowed(r, j)) continue;
              sink.candidate(worker, lr, r, j, score_key(acc[j - b0], r, j));
              bar = sink.bar(worker, lr);
            }
          } else {
            for (std::size_t j = scan_from; j < b1; ++j)
              if (allowed(r, j)) sink.candidate(worker, lr, r, j, score_key(acc[j - b0], r, j));
          }
          if (mode == sparse_mode::scan) std::fill(acc, acc + width, Scalar(0));
          continue;
        }

        // touched and pruned modes
        Scalar* acc = s.accumulator.data();
        if (mode == sparse_mode::pruned)
          for (int e = q_outer[r]; e < q_outer[r + 1]; ++e) s.query_dense[static_cast<std::size_t>(q_inner[e])] = q_value[e];
        accumulate(r, b, first, acc, &s);
        for (const int local_id : s.touched) {
          const auto local = static_cast<std::size_t>(local_id);
          const std::size_t j = b0 + local;
          Scalar dot = acc[local];
          if (raw_key && mode == sparse_mode::touched && raw_key_of(m, dot) < sink.bar(worker, lr)) continue;
          if (!allowed(r, j)) continue;
          if (mode == sparse_mode::pruned) {
            if (static_cast<double>(dot) + pb.prefix.norm[j] < pb.threshold - pb.prefix.margin) continue;
            for (std::size_t e = pb.prefix.start[j]; e < pb.prefix.start[j + 1]; ++e)
              dot += s.query_dense[static_cast<std::size_t>(pb.prefix.term[e])] * pb.prefix.weight[e];
          }
          sink.candidate(worker, lr, r, j, score_key(dot, r, j));
        }
        if constexpr (Sink::takes_untouched) {
          // Untouched documents all score c0; offer them in id order while the heap could take one.
          const Scalar c0 = to_key(m, static_cast<Scalar>(untouched_score(m)));
          for (std::size_t j = scan_from; j < b1; ++j) {
            if (s.seen[j - b0] != 0 || !allowed(r, j)) continue;
            if (!sink.offer_untouched(worker, lr, j, c0)) break;
          }
        }
        for (const int local : s.touched) {
          acc[local] = Scalar(0);
          s.seen[static_cast<std::size_t>(local)] = 0;
        }
        s.touched.clear();
        if (mode == sparse_mode::pruned)
          for (int e = q_outer[r]; e < q_outer[r + 1]; ++e) s.query_dense[static_cast<std::size_t>(q_inner[e])] = Scalar(0);
      }
    }
    sink.end_chunk(chunk, r0, r1, worker);
  });
}

// Cost model for `pruning::automatic`, in units of one posting visited (about 1 ns): pruning
// visits the indexed postings and then completes each candidate with its prefix (a sequential
// pass, counted at half a posting per entry, over at most one candidate per visited posting); the
// alternative visits the rare terms' postings and, with the dense switch, computes and scans
// every pair (GEMM at ~2F flops per pair, ~75 flops per posting-time). Calibrated on a Zipf
// tf-idf corpus (N = 12,000, 120 terms per document); it only decides speed, never results.
template <class Scalar>
bool pruning_pays(const sparse_problem<Scalar>& pb) {
  const auto& x = pb.documents->rows;
  const auto& q = pb.queries->rows;
  const auto terms = static_cast<std::size_t>(x.cols());
  std::vector<double> qdf(terms, 0.0), xdf(terms, 0.0);
  for (Eigen::Index e = 0; e < q.nonZeros(); ++e) qdf[static_cast<std::size_t>(q.innerIndexPtr()[e])] += 1.0;
  for (Eigen::Index e = 0; e < x.nonZeros(); ++e) xdf[static_cast<std::size_t>(x.innerIndexPtr()[e])] += 1.0;
  const double half = pb.self ? 0.5 : 1.0;
  const double pairs = half * static_cast<double>(q.rows()) * static_cast<double>(x.rows());
  double visited = 0.0;
  for (std::size_t b = 0; b < pb.index.blocks; ++b)
    for (std::size_t t = 0; t < terms; ++t)
      visited += qdf[t] * static_cast<double>(pb.index.start[b * terms + t + 1] - pb.index.start[b * terms + t]);
  visited *= half;
  const double prefix_length =
      x.rows() == 0 ? 0.0 : static_cast<double>(pb.prefix.term.size()) / static_cast<double>(x.rows());
  const double pruned = visited + 0.5 * std::min(pairs, visited) * prefix_length;
  const std::vector<int> slot = frequent_terms(x, pb.config);
  double rare = 0.0, dense = 0.0;
  for (std::size_t t = 0; t < terms; ++t) {
    if (slot[t] >= 0) dense += 1.0;
    else rare += half * qdf[t] * xdf[t];
  }
  const double other = dense > 0.0 ? rare + pairs * (0.5 + dense / 75.0) : rare;
  return pruned <= other;
}

// Chooses the mode and builds the index (and the dense or prefix parts).
template <class Scalar>
void plan_sparse(sparse_problem<Scalar>& pb, bool is_threshold, double t) {
  const measure m = pb.m;
  const auto& x = pb.documents->rows;
  if (m == measure::jensen_shannon) {
    pb.mode = sparse_mode::jensen_shannon;
    return;
  }
  if (is_threshold && m == measure::cosine && pb.config.prune != pruning::off && t > 0.0) {
    pb.mode = sparse_mode::pruned;
    pb.threshold = t;
    build_pruned(pb, t);
    if (pb.config.prune == pruning::always || pruning_pays(pb)) return;
    pb.index = {};
    pb.prefix = {};
  }
  pb.dense_slot = frequent_terms(x, pb.config);
  const auto width = static_cast<std::size_t>(std::count_if(pb.dense_slot.begin(), pb.dense_slot.end(), [](int v) { return v >= 0; }));
  if (width > 0) {
    pb.mode = sparse_mode::hybrid;
    pb.document_dense_terms = dense_columns(x, pb.dense_slot, width);
    pb.query_dense_terms = pb.self ? pb.document_dense_terms : dense_columns(pb.queries->rows, pb.dense_slot, width);
    pb.index = build_index(x, pb.config.tile_docs,
                           [&](std::size_t, std::size_t e) { return pb.dense_slot[static_cast<std::size_t>(x.innerIndexPtr()[e])] < 0; });
    return;
  }
  const double c0 = untouched_score(m);
  const bool c0_passes = is_distance(m) ? c0 <= t : c0 >= t;
  pb.mode = !untouched_is_constant(m) || (is_threshold && c0_passes) ? sparse_mode::scan : sparse_mode::touched;
  pb.index = build_index(x, pb.config.doc_block, [](std::size_t, std::size_t) { return true; });
}

template <class Scalar, class Mask>
neighbor_lists<Scalar> sparse_top_k(const prepared_sparse<Scalar>& q, const prepared_sparse<Scalar>& x, bool self,
                                    Eigen::Index k, const similarity_options& options, const Mask& mask) {
  sparse_problem<Scalar> pb;
  pb.queries = &q;
  pb.documents = &x;
  pb.m = options.measure;
  pb.config = options.kernel;
  pb.self = self;
  pb.exclude_self = self && options.exclude_self;
  plan_sparse(pb, false, 0.0);
  const auto cap = std::min(static_cast<std::size_t>(k), static_cast<std::size_t>(x.rows.rows()));
  top_k_sink<Scalar> sink(options.measure, cap, static_cast<std::size_t>(q.rows.rows()));
  run_sparse(pb, mask, sink);
  return std::move(sink).result();
}

template <class Scalar, class Mask>
pair_list<Scalar> sparse_threshold(const prepared_sparse<Scalar>& q, const prepared_sparse<Scalar>& x, bool self,
                                   double t, const similarity_options& options, const Mask& mask) {
  sparse_problem<Scalar> pb;
  pb.queries = &q;
  pb.documents = &x;
  pb.m = options.measure;
  pb.config = options.kernel;
  pb.self = self;
  pb.upper_only = self;
  plan_sparse(pb, true, t);
  const std::size_t qb = options.kernel.query_block;
  threshold_sink<Scalar> sink(options.measure, t, (static_cast<std::size_t>(q.rows.rows()) + qb - 1) / qb);
  run_sparse(pb, mask, sink);
  return std::move(sink).result();
}

}  // namespace detail

/// For each document of `x` (rows), its k most similar other documents (see neighbors.hpp for
/// the order and the result type; `options.exclude_self` leaves each document out of its list).
/// @throws invalid_argument `[plansim.similarity.1]` for k <= 0, `[plansim.similarity.5]` for
///         non-finite values (or negative ones for Hellinger/Jensen–Shannon),
///         `[plansim.similarity.6]` for a bad kernel_config; dimension_mismatch
///         `[plansim.similarity.4]` for a mask of the wrong size.
template <class Derived, pair_mask Mask = no_mask>
neighbor_lists<typename Derived::Scalar> top_k(const Eigen::SparseMatrixBase<Derived>& x, Eigen::Index k,
                                               const similarity_options& options = {}, const Mask& mask = {}) {
  constexpr std::string_view caller = "top_k";
  detail::check_k(k, caller);
  detail::check_search(options, mask, x.rows(), x.cols(), x.rows(), x.cols(), caller);
  const auto prepared = detail::prepare(x, options.measure, caller);
  return detail::sparse_top_k(prepared, prepared, true, k, options, mask);
}

/// For each query row of `q`, its k most similar documents of `x` (every document is eligible).
/// @throws as above, plus dimension_mismatch `[plansim.similarity.3]` when q and x have
///         different numbers of columns.
template <class DerivedQ, class DerivedX, pair_mask Mask = no_mask>
neighbor_lists<typename DerivedX::Scalar> top_k(const Eigen::SparseMatrixBase<DerivedQ>& q,
                                                const Eigen::SparseMatrixBase<DerivedX>& x, Eigen::Index k,
                                                const similarity_options& options = {}, const Mask& mask = {}) {
  static_assert(std::is_same_v<typename DerivedQ::Scalar, typename DerivedX::Scalar>,
                "queries and documents must have the same scalar type");
  constexpr std::string_view caller = "top_k";
  detail::check_k(k, caller);
  detail::check_search(options, mask, q.rows(), q.cols(), x.rows(), x.cols(), caller);
  const auto pq = detail::prepare(q, options.measure, caller);
  const auto px = detail::prepare(x, options.measure, caller);
  return detail::sparse_top_k(pq, px, false, k, options, mask);
}

/// Every pair i < j of documents of `x` with similarity >= t (distance <= t), sorted by (i, j).
/// @throws invalid_argument `[plansim.similarity.2]` for a NaN threshold or one outside the
///         measure's range ([0, 1] for cosine, Jaccard, Dice, Tanimoto, Hellinger and
///         Jensen–Shannon; [−1, 1] for Pearson; >= 0 for Euclidean), and as top_k.
template <class Derived, pair_mask Mask = no_mask>
pair_list<typename Derived::Scalar> threshold(const Eigen::SparseMatrixBase<Derived>& x, double t,
                                              const similarity_options& options = {}, const Mask& mask = {}) {
  constexpr std::string_view caller = "threshold";
  detail::check_threshold(options.measure, t, caller);
  detail::check_search(options, mask, x.rows(), x.cols(), x.rows(), x.cols(), caller);
  const auto prepared = detail::prepare(x, options.measure, caller);
  return detail::sparse_threshold(prepared, prepared, true, t, options, mask);
}

/// Every (query q, document j) pair with similarity >= t (distance <= t), sorted by (q, j).
template <class DerivedQ, class DerivedX, pair_mask Mask = no_mask>
pair_list<typename DerivedX::Scalar> threshold(const Eigen::SparseMatrixBase<DerivedQ>& q,
                                               const Eigen::SparseMatrixBase<DerivedX>& x, double t,
                                               const similarity_options& options = {}, const Mask& mask = {}) {
  static_assert(std::is_same_v<typename DerivedQ::Scalar, typename DerivedX::Scalar>,
                "queries and documents must have the same scalar type");
  constexpr std::string_view caller = "threshold";
  detail::check_threshold(options.measure, t, caller);
  detail::check_search(options, mask, q.rows(), q.cols(), x.rows(), x.cols(), caller);
  const auto pq = detail::prepare(q, options.measure, caller);
  const auto px = detail::prepare(x, options.measure, caller);
  return detail::sparse_threshold(pq, px, false, t, options, mask);
}

}  // namespace plansim
