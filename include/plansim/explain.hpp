#pragma once
/// @file
/// Explaining clusters: keyness statistics, the terms that set each cluster apart (with how many
/// member documents use them), representative documents and evidence passages.

#include "plansim/explain/cluster_terms.hpp"
#include "plansim/explain/evidence.hpp"
#include "plansim/explain/keyness.hpp"
#include "plansim/explain/representatives.hpp"
