# cmake -DPROGRAM=... -DEXPECTED=... -P plansimCompareOutput.cmake
# Runs PROGRAM and fails unless its standard output equals the file EXPECTED byte for byte.
execute_process(COMMAND "${PROGRAM}" OUTPUT_VARIABLE actual RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}")
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output of ${PROGRAM} differs from ${EXPECTED}:\n${actual}")
endif()
