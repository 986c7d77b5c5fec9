#pragma once
// The message of the plansim::error a callable throws, so tests can compare it verbatim.

#include <functional>
#include <string>

#include <plansim/error.hpp>

namespace plansim_test {

inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const plansim::error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace plansim_test
