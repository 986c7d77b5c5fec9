#pragma once
/// @file
/// The productivity-plans module: reading the 2024 English council productivity plans by the
/// government's four themes, the template wording they repeat, the passages they share, the money
/// they mention and the strategies they name, and how alike the plans are on each theme.

#include "plansim/plans/money.hpp"
#include "plansim/plans/shared_passages.hpp"
#include "plansim/plans/strategies.hpp"
#include "plansim/plans/template_mask.hpp"
#include "plansim/plans/theme_comparison.hpp"
#include "plansim/plans/themes.hpp"
