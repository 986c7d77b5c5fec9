#pragma once
/// @file
/// Clustering: distances, k-means (Euclidean and spherical), label matching, quality indices,
/// agreement between clusterings, stability under resampling and choosing k.

#include "plansim/cluster/distance.hpp"
#include "plansim/cluster/kmeans.hpp"
#include "plansim/cluster/agreement.hpp"
#include "plansim/cluster/labels.hpp"
#include "plansim/cluster/quality.hpp"
#include "plansim/cluster/choose_k.hpp"
#include "plansim/cluster/stability.hpp"
