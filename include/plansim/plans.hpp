#pragma once
/// @file
/// The productivity-plans module: reading the 2024 English council productivity plans by the
/// government's four themes, the money they mention and the strategies they name.

#include "plansim/plans/money.hpp"
#include "plansim/plans/strategies.hpp"
#include "plansim/plans/themes.hpp"
