# Installs the build tree into a fresh prefix, configures and builds the
# consumer project against it with find_package(vum), and runs it.
# Arguments: -DBUILD_DIR= -DSOURCE_DIR= -DWORK_DIR=
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
foreach(expected
    include/vum/json.h include/vum/schema.h include/vum/version.h
    include/vum/v1/job_seeker.pb.h include/vum/v1/job_seeker.proto
    include/vum/v1/options.proto lib/cmake/vum/vumConfig.cmake lib/pkgconfig/vum.pc bin/vum
    bin/vum-node)
  if(NOT EXISTS ${WORK_DIR}/prefix/${expected})
    message(FATAL_ERROR "not installed: ${expected}")
  endif()
endforeach()
foreach(standard 17 20)
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK_DIR}/build-${standard}
      -G Ninja -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCONSUMER_CXX_STANDARD=${standard})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build-${standard})
  run(${WORK_DIR}/build-${standard}/consumer ${SOURCE_DIR}/examples/werkzoekenden/minimaal.json)
  if(NOT last_output MATCHES "vum [0-9.]+: conforms")
    message(FATAL_ERROR "unexpected output (C++${standard}): ${last_output}")
  endif()
  message(STATUS "consumer built as C++${standard} against the installed package: ${last_output}")
endforeach()
# The same program built with pkg-config alone, as a Makefile project would.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${WORK_DIR}/prefix/lib/pkgconfig")
run(${PKG_CONFIG} --cflags --libs vum)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${PKG_CONFIG} --variable=codelistsdir vum)
string(STRIP "${last_output}" codelists)
run(c++ -std=c++17 "-DVUM_CODELISTS_DIR=\"${codelists}\"" -o ${WORK_DIR}/consumer-pkgconfig
    ${SOURCE_DIR}/tests/install/consumer/consumer.cc ${flags})
run(${WORK_DIR}/consumer-pkgconfig ${SOURCE_DIR}/examples/werkzoekenden/minimaal.json)
if(NOT last_output MATCHES "vum [0-9.]+: conforms")
  message(FATAL_ERROR "unexpected output (pkg-config build): ${last_output}")
endif()
message(STATUS "consumer built with pkg-config: ${last_output}")
# The installed tool checks code lists (a wrong language code is found), with
# the lists installed beside it; the ISO 639-3 list is vum's stricter level,
# an error at --vum-strict.
file(WRITE ${WORK_DIR}/wrong-language.json
  "{\"idWerkzoekende\":\"x\",\"arbeidsmarktkwalificatie\":{\"taalbeheersing\":[{\"codeTaal\":\"zzz\"}]}}")
execute_process(COMMAND ${WORK_DIR}/prefix/bin/vum validate --vum-strict ${WORK_DIR}/wrong-language.json
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT result EQUAL 1 OR NOT out MATCHES "TAL-02")
  message(FATAL_ERROR "the installed vum did not check the language code list (exit ${result}):\n${out}")
endif()
# Each binding's example, built and run against the installed library and
# code lists only: Python (ctypes), Java (JNA), C# (mono).
set(share ${WORK_DIR}/prefix/share/vum)
set(lib ${WORK_DIR}/prefix/lib/libvum_c.so.1)
set(profile ${SOURCE_DIR}/examples/werkzoekenden/minimaal.json)
foreach(expected lib/libvum_c.so.1 include/vum/c/vum.h share/vum/bindings/python/vum/__init__.py)
  if(NOT EXISTS ${WORK_DIR}/prefix/${expected})
    message(FATAL_ERROR "not installed: ${expected}")
  endif()
endforeach()
run(${CMAKE_COMMAND} -E env VUM_LIBRARY=${lib} PYTHONPATH=${share}/bindings/python
    /usr/bin/python3 ${share}/bindings/python/example.py ${share}/codelists ${profile})
set(bindings_output "${last_output}")
file(GLOB java_sources ${share}/bindings/java/nl/vum/*.java)
run(javac -d ${WORK_DIR}/java -cp /usr/share/java/jna.jar ${java_sources}
    ${share}/bindings/java/Example.java)
run(java -Dvum.library=${lib} -cp ${WORK_DIR}/java:/usr/share/java/jna.jar Example
    ${share}/codelists ${profile})
string(APPEND bindings_output "${last_output}")
run(mcs -nologo -out:${WORK_DIR}/Example.exe -r:System.Web.Extensions
    ${share}/bindings/csharp/Vum.cs ${share}/bindings/csharp/Example.cs)
run(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${WORK_DIR}/prefix/lib mono ${WORK_DIR}/Example.exe
    ${share}/codelists ${profile})
string(APPEND bindings_output "${last_output}")
foreach(language python java csharp)
  if(NOT bindings_output MATCHES "vum [0-9.]+ \\(${language}\\): conforms")
    message(FATAL_ERROR "the ${language} example did not run against the installed package:\n${bindings_output}")
  endif()
endforeach()
message(STATUS "the binding examples ran against the installed package:\n${bindings_output}")
# README.md shows the consumer's code, so that its example compiles.
file(READ ${SOURCE_DIR}/tests/install/consumer/consumer.cc consumer)
file(READ ${SOURCE_DIR}/README.md readme)
string(REGEX REPLACE "^.*#include <fstream>" "#include <fstream>" example "${consumer}")
string(FIND "${readme}" "${example}" found)
if(found EQUAL -1)
  message(FATAL_ERROR "README.md does not show tests/install/consumer/consumer.cc as it is")
endif()
