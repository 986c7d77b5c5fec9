# Package files: a build-tree export (find_package works on a build folder, no install needed)
# and, when PLANSIM_INSTALL is on, install rules for the headers, the target and its config.
include(CMakePackageConfigHelpers)

# A header-only package is architecture independent, so its config lives under share/.
set(PLANSIM_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/plansim"
    CACHE STRING "Where plansim's CMake package files are installed")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/plansimConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/plansimConfig.cmake"
  INSTALL_DESTINATION "${PLANSIM_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/plansimConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion
  ARCH_INDEPENDENT)
export(TARGETS plansim NAMESPACE plansim:: FILE "${PROJECT_BINARY_DIR}/plansimTargets.cmake")

if(PLANSIM_INSTALL)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
  install(TARGETS plansim EXPORT plansimTargets)
  install(EXPORT plansimTargets NAMESPACE plansim:: DESTINATION "${PLANSIM_INSTALL_CMAKEDIR}")
  install(FILES "${PROJECT_BINARY_DIR}/plansimConfig.cmake" "${PROJECT_BINARY_DIR}/plansimConfigVersion.cmake"
    DESTINATION "${PLANSIM_INSTALL_CMAKEDIR}")
endif()
