#pragma once
/// @file
/// Everything plansim offers, in one include. Include the module headers instead to build faster.

#include "plansim/atomic_file.hpp"
#include "plansim/config.hpp"
#include "plansim/error.hpp"
#include "plansim/explain.hpp"
#include "plansim/matrix.hpp"
#include "plansim/similarity.hpp"
#include "plansim/corpus.hpp"
#include "plansim/text.hpp"
#include "plansim/version.hpp"
#include "plansim/weighting.hpp"
