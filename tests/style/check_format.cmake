# Checks that every C++ file of the project is formatted as .clang-format says.
# Arguments: -DSOURCE_DIR= -DCLANG_FORMAT=
file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/include/*.h ${SOURCE_DIR}/lib/*.h ${SOURCE_DIR}/lib/*.cc
  ${SOURCE_DIR}/tools/*.h ${SOURCE_DIR}/tools/*.cc ${SOURCE_DIR}/conformance/*.h
  ${SOURCE_DIR}/conformance/*.cc ${SOURCE_DIR}/bench/*.h ${SOURCE_DIR}/bench/*.cc
  ${SOURCE_DIR}/fuzz/*.cc ${SOURCE_DIR}/tests/*.cc)
set(unformatted "")
foreach(file ${files})
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file ${file}
    WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
  if(NOT result EQUAL 0)
    list(APPEND unformatted ${file})
  endif()
endforeach()
list(LENGTH files checked)
if(unformatted)
  list(JOIN unformatted "\n  " listing)
  message(FATAL_ERROR "not formatted as .clang-format says (run clang-format -i on them):\n  ${listing}")
endif()
message(STATUS "${checked} C++ files formatted as .clang-format says")
