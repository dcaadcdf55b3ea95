# Regenerates the vectors and fails if any checked-in file differs.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${GENERATOR} ${OUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "vum_conformance_vectors failed")
endif()
file(GLOB generated RELATIVE ${OUT} ${OUT}/*.textproto)
foreach(name ${generated})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${name} ${CHECKED_IN}/${name}
    RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "conformance/vectors/${name} is out of date; regenerate with\n"
      "  build/conformance/vum_conformance_vectors conformance/vectors")
  endif()
endforeach()
