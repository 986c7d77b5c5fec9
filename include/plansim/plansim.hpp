#pragma once
/// @file
/// Everything plansim offers, in one include. Include the module headers instead to build faster.

#include "plansim/config.hpp"
#include "plansim/error.hpp"
#include "plansim/version.hpp"
