# Find plansim's two header-only dependencies, and the platform's threads library (parallel steps
# use std::thread; glibc before 2.34 needs -pthread for it). A target a parent project already
# made wins, so plansim never shadows the parent's choice. Nothing is downloaded: install the
# Debian packages (scripts/setup.sh does it) or point CMAKE_PREFIX_PATH at your own copies.
if(NOT TARGET Eigen3::Eigen)
  find_package(Eigen3 3.4 NO_MODULE)
  if(NOT Eigen3_FOUND)
    message(FATAL_ERROR "plansim needs Eigen 3.4: run scripts/setup.sh (Debian: apt-get install libeigen3-dev), "
                        "or set CMAKE_PREFIX_PATH to an Eigen 3.4 install.")
  endif()
endif()

if(NOT TARGET range-v3::range-v3)
  # range-v3 0.12 writes an ExactVersion config: ask for 0.12.0 exactly, never "0.12".
  find_package(range-v3 0.12.0 CONFIG)
  if(NOT range-v3_FOUND)
    message(FATAL_ERROR "plansim needs range-v3 0.12.0: run scripts/setup.sh (Debian: apt-get install librange-v3-dev), "
                        "or set CMAKE_PREFIX_PATH to a range-v3 0.12.0 install.")
  endif()
endif()

if(NOT TARGET Threads::Threads)
  set(THREADS_PREFER_PTHREAD_FLAG ON)
  find_package(Threads REQUIRED)
endif()
