#pragma once
/// @file
/// Weighting: counts to document vectors (tf, idf, tf-idf and its presets, BM25, normalisation).

#include "plansim/weighting/bm25.hpp"
#include "plansim/weighting/idf.hpp"
#include "plansim/weighting/normalize.hpp"
#include "plansim/weighting/tf.hpp"
#include "plansim/weighting/tf_idf.hpp"
#include "plansim/weighting/vectorize.hpp"
