#include <plansim/plansim.hpp>

#include <string>

std::string odr_first() { return plansim::error("odr", 1, "first", "from the first unit").what(); }
