#pragma once
/// @file
/// plansim's version. A test checks that it equals `project(VERSION)` in CMakeLists.txt.

#define PLANSIM_VERSION_MAJOR 0
#define PLANSIM_VERSION_MINOR 1
#define PLANSIM_VERSION_PATCH 0
#define PLANSIM_VERSION_STRING "0.1.0"

/// One number that grows with every release, for `#if PLANSIM_VERSION >= 100` checks.
#define PLANSIM_VERSION (PLANSIM_VERSION_MAJOR * 10000 + PLANSIM_VERSION_MINOR * 100 + PLANSIM_VERSION_PATCH)

namespace plansim {

/// The version as text, as written into run bundles so a result can name the code that made it.
inline constexpr const char* version_string = PLANSIM_VERSION_STRING;

}  // namespace plansim
