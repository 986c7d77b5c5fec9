#pragma once
/// @file
/// From analysed documents to matrices: vocabulary, counting, pruning, corpus statistics, and
/// Matrix Market files.

#include "plansim/matrix/corpus_stats.hpp"
#include "plansim/matrix/matrix_market.hpp"
#include "plansim/matrix/term_counts.hpp"
#include "plansim/matrix/vocabulary.hpp"
