#pragma once
/// @file
/// Dimension reduction: latent semantic analysis (truncated SVD of weighted document vectors).

#include "plansim/reduce/lsa.hpp"
