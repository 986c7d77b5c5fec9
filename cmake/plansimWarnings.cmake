# Strict warnings for plansim's own tests, examples and benchmarks. This target is never
# installed or exported: consumers of plansim::plansim get no flags from us.
# Warnings become errors through CMAKE_COMPILE_WARNING_AS_ERROR (set by the dev presets).
add_library(plansim_warnings INTERFACE)
target_compile_options(plansim_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wdouble-promotion -Wformat=2
    -Wimplicit-fallthrough -Wcast-qual -Wundef
    # Option structs are meant for designated initializers ({.threads = 2}); GCC 12 warns about
    # every member left to its default there (GCC bug 96868), which is exactly the intent.
    -Wno-missing-field-initializers>
  $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wlogical-op -Wmisleading-indentation>
  $<$<CXX_COMPILER_ID:MSVC>:/W4 /permissive->)
