#pragma once
/// @file
/// Build-time switches shared by every plansim header.
///
/// `PLANSIM_ASSERT(condition, message)` checks an internal precondition on a hot path, where a
/// throwing check would cost too much. It is on unless `NDEBUG` is defined (define
/// `PLANSIM_ENABLE_ASSERTS` to keep it on in optimised builds). Define `PLANSIM_ASSERT` yourself,
/// before including any plansim header, to route failures to your own handler, as you would with
/// `EIGEN_ASSERT`; every translation unit of a program must then see the same definition.
/// Bad data or options at an API boundary never use it: they throw a `plansim::error` (error.hpp).

#include <cstdio>
#include <cstdlib>

#include "plansim/version.hpp"

namespace plansim::detail {

[[noreturn]] inline void assertion_failed(const char* condition, const char* message, const char* file,
                                          int line) noexcept {
  std::fprintf(stderr, "%s:%d: plansim assertion failed: %s (%s)\n", file, line, condition, message);
  std::abort();
}

}  // namespace plansim::detail

#ifndef PLANSIM_ASSERT
#  if defined(NDEBUG) && !defined(PLANSIM_ENABLE_ASSERTS)
#    define PLANSIM_ASSERT(condition, message) static_cast<void>(0)
#  else
#    define PLANSIM_ASSERT(condition, message)                                                 \
      ((condition) ? static_cast<void>(0)                                                     \
                   : ::plansim::detail::assertion_failed(#condition, message, __FILE__, __LINE__))
#  endif
#endif
