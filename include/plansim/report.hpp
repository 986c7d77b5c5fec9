#pragma once
/// @file
/// Writers for run outputs: CSV (RFC 4180), JSON, HTML escaping, SHA-256 digests of inputs, and
/// run bundles that appear complete or not at all. The plansim program builds on these.

#include "plansim/report/bundle.hpp"
#include "plansim/report/csv.hpp"
#include "plansim/report/html.hpp"
#include "plansim/report/json.hpp"
#include "plansim/report/sha256.hpp"
