#pragma once
// Shared by the fuzz targets and by the regression test that replays their saved inputs. Each
// target defines `int fuzz_<name>(std::string_view)` and ends with PLANSIM_FUZZ_ENTRY_POINT(name),
// the libFuzzer entry point, which the regression test turns off.
#include <cstddef>
#include <cstdint>
#include <string_view>

#ifndef PLANSIM_FUZZ_NO_ENTRY_POINT
#  define PLANSIM_FUZZ_ENTRY_POINT(function)                                           \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
      return function(std::string_view(reinterpret_cast<const char*>(data), size));     \
    }
#else
#  define PLANSIM_FUZZ_ENTRY_POINT(function)
#endif
