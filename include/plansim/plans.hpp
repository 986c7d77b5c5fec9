#pragma once
/// @file
/// Productivity plans: reading English councils' 2024 productivity plans.
///
/// - plans/template_mask.hpp: the government's four theme prompts, and finding, masking or
///   down-weighting the text a plan repeats from them (or from any reference text).
/// - plans/shared_passages.hpp: passages two or more plans share word for word (MinHash + LSH
///   candidates, exact verification and alignment), grouped, with the earliest publisher.

#include "plansim/plans/shared_passages.hpp"
#include "plansim/plans/template_mask.hpp"
