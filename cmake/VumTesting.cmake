# vum_add_test(NAME SOURCES...): a GoogleTest executable linked against the
# library, registered with ctest test by test. Tests may include internal
# headers as "lib/<subsystem>/x.h" and find repository files (examples/,
# docs/) under VUM_SOURCE_DIR.
function(vum_add_test name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE vum::vum GTest::gmock_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${VUM_WARNINGS})
  target_compile_definitions(${name} PRIVATE VUM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
