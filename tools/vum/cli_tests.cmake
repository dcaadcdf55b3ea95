# Tests of the vum tool as a user runs it: exit status and output.
set(vum_examples ${PROJECT_SOURCE_DIR}/examples)
file(GLOB vum_example_files
  ${vum_examples}/werkzoekenden/*.json ${vum_examples}/vacatures/*.json)

add_test(NAME cli.version COMMAND vum_tool --version)
set_tests_properties(cli.version PROPERTIES
  PASS_REGULAR_EXPRESSION "^vum ${PROJECT_VERSION} \\(VUM standard 1\\.0\\.0\\)")

add_test(NAME cli.help COMMAND vum_tool --help)
set_tests_properties(cli.help PROPERTIES PASS_REGULAR_EXPRESSION "Usage: vum <command>")

add_test(NAME cli.no_arguments COMMAND vum_tool)
set_tests_properties(cli.no_arguments PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.unknown_command COMMAND vum_tool frobnicate)
set_tests_properties(cli.unknown_command PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.summary_examples COMMAND vum_tool summary ${vum_example_files})
set_tests_properties(cli.summary_examples PROPERTIES
  PASS_REGULAR_EXPRESSION "read [1-9][0-9]* werkzoekende\\(n\\) and [1-9][0-9]* vacature\\(s\\) from [0-9]+ file\\(s\\); 0 rejected")

add_test(NAME cli.summary_rejects_bad_document
  COMMAND vum_tool summary ${CMAKE_CURRENT_SOURCE_DIR}/testdata/unknown_property.json)
set_tests_properties(cli.summary_rejects_bad_document PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.summary_missing_file COMMAND vum_tool summary /nonexistent/vum.json)
set_tests_properties(cli.summary_missing_file PROPERTIES WILL_FAIL TRUE)
