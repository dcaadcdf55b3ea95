# The suite is tested too: against the reference testee it passes; against
# deliberately broken testees it fails, each with a clear report, and never
# hangs.
set(codelists "--codelists ${PROJECT_SOURCE_DIR}/codelists --codelists ${CMAKE_CURRENT_SOURCE_DIR}/codelists")
set(reference "$<TARGET_FILE:vum_conformance_testee> ${codelists}")
set(broken "$<TARGET_FILE:vum_broken_testee> ${codelists}")
set(run ${CMAKE_COMMAND} -DRUNNER=$<TARGET_FILE:vum_conformance_runner>)
set(script ${CMAKE_CURRENT_SOURCE_DIR}/tests/run_runner.cmake)
set(out ${CMAKE_CURRENT_BINARY_DIR})

add_test(NAME conformance.reference_passes_every_case
  COMMAND ${run} "-DTESTEE=${reference}" -DEXPECT_EXIT=0
    "-DEXPECT=0 unexpected failure\\(s\\), 0 unexpected pass\\(es\\), 0 recommended"
    "-DARGS=--failure-list ${CMAKE_CURRENT_SOURCE_DIR}/failure_lists/reference.txt --junit ${out}/reference.junit.xml --json ${out}/reference.json"
    -P ${script})

add_test(NAME conformance.catches_accept_all
  COMMAND ${run} "-DTESTEE=${broken} --mode accept-all" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  rule\\.[A-Z]+-[0-9]+\\.breaks.*missing: " -P ${script})
add_test(NAME conformance.catches_reject_all
  COMMAND ${run} "-DTESTEE=${broken} --mode reject-all" -DEXPECT_EXIT=1
    "-DEXPECT=expected the input to be read, got a parse error" -P ${script})
add_test(NAME conformance.catches_wrong_rule_id
  COMMAND ${run} "-DTESTEE=${broken} --mode wrong-rule" -DEXPECT_EXIT=1
    "-DEXPECT=unexpected: XXX-00" -P ${script})
add_test(NAME conformance.catches_a_selection_that_ignores_the_distance
  COMMAND ${run} "-DTESTEE=${broken} --mode ignore-distance" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  selection\\.area\\.0km: 2 results, expected 1"
    "-DARGS=--filter selection." -P ${script})
add_test(NAME conformance.catches_a_selection_of_the_first_n
  COMMAND ${run} "-DTESTEE=${broken} --mode first-n" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  selection\\.cap\\.random-choice: every answer holds the same results in the same order"
    "-DARGS=--filter selection." -P ${script})
# The koppelvlak 3.0's rule for version transitions: a criterion a version
# cannot apply is ignored, never a reason to refuse the question.
add_test(NAME conformance.catches_a_testee_that_refuses_an_unknown_criterion
  COMMAND ${run} "-DTESTEE=${broken} --mode refuse-unknown" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  selection\\.ignored"
    "-DARGS=--filter selection." -P ${script})
add_test(NAME conformance.catches_a_testee_that_applies_all_as_any
  COMMAND ${run} "-DTESTEE=${broken} --mode all-as-any" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  selection\\.all\\.every-elemMatch.*UNEXPECTED FAIL  selection\\.all\\.every-code"
    "-DARGS=--filter selection.all" -P ${script})
add_test(NAME conformance.catches_a_selection_that_leaks_a_source_key
  COMMAND ${run} "-DTESTEE=${broken} --mode leak-key" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  selection\\.[^:]+: a result carries the source's key"
    "-DARGS=--filter selection." -P ${script})
add_test(NAME conformance.catches_a_crash_and_goes_on
  COMMAND ${run} "-DTESTEE=${broken} --mode crash-after --after 20" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED CRASH.*the testee crashed or closed its output; restarted"
    "-DARGS=--filter rule.A" -P ${script})
add_test(NAME conformance.catches_a_hang_and_goes_on
  COMMAND ${run} "-DTESTEE=${broken} --mode hang-after --after 5" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED TIMEOUT.*no answer within 300 ms; the testee was killed and restarted.*[1-9][0-9]* passed"
    "-DARGS=--timeout-ms 300 --filter rule.B" -P ${script})
add_test(NAME conformance.gives_up_on_a_testee_that_never_answers
  COMMAND ${run} "-DTESTEE=${broken} --mode hang-after --after 0" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED TIMEOUT.*UNEXPECTED NOT-RUN .*not run: the testee stopped answering"
    "-DARGS=--timeout-ms 300" -P ${script})
set_tests_properties(conformance.catches_a_hang_and_goes_on
  conformance.gives_up_on_a_testee_that_never_answers PROPERTIES TIMEOUT 60)

# Failure lists: a testee's listed failures are accepted; a listed case that
# passes is an error.
add_test(NAME conformance.failure_list_accepts_listed_failures
  COMMAND ${CMAKE_COMMAND} -E env sh -c
    "$<TARGET_FILE:vum_conformance_runner> --testee '${broken} --mode wrong-rule' --filter rule.W --write-failure-list ${out}/wrong-rule.txt >/dev/null; $<TARGET_FILE:vum_conformance_runner> --testee '${broken} --mode wrong-rule' --filter rule.W --failure-list ${out}/wrong-rule.txt")
set_tests_properties(conformance.failure_list_accepts_listed_failures PROPERTIES
  PASS_REGULAR_EXPRESSION "0 unexpected failure\\(s\\), 0 unexpected pass\\(es\\)")
file(WRITE ${out}/passing.txt "rule.MOB-01.conforms  # listed, but the reference passes it\n")
add_test(NAME conformance.failure_list_flags_unexpected_passes
  COMMAND ${run} "-DTESTEE=${reference}" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED PASS  rule.MOB-01.conforms"
    "-DARGS=--filter rule.MOB --failure-list ${out}/passing.txt" -P ${script})

# The CI reports carry the failures, not just the terminal summary.
add_test(NAME conformance.junit_report_lists_failures
  COMMAND ${run} "-DTESTEE=${broken} --mode accept-all" -DEXPECT_EXIT=1 "-DEXPECT=UNEXPECTED FAIL"
    "-DARGS=--filter rule.MOB --junit ${out}/accept-all.junit.xml" -DREPORT=${out}/accept-all.junit.xml
    "-DREPORT_EXPECT=tests=\"12\" failures=\"7\".*name=\"rule.MOB-01.breaks.malformed\"><failure message=\"fail\">missing: MOB-01"
    -P ${script})
add_test(NAME conformance.json_report_lists_failures
  COMMAND ${run} "-DTESTEE=${broken} --mode accept-all" -DEXPECT_EXIT=1 "-DEXPECT=UNEXPECTED FAIL"
    "-DARGS=--filter rule.MOB --json ${out}/accept-all.json" -DREPORT=${out}/accept-all.json
    "-DREPORT_EXPECT=\"unexpectedFailures\":7.*\"id\":\"rule.MOB-01.breaks.malformed\",\"outcome\":\"fail\""
    -P ${script})

# A testee that cannot start is a setup error (exit 2), not 773 crashes.
add_test(NAME conformance.testee_that_does_not_start_is_a_setup_error
  COMMAND ${run} "-DTESTEE=${out}/no-such-testee" -DEXPECT_EXIT=2
    "-DEXPECT=the testee never answered; it exited with status 127" "-DNOT=UNEXPECTED" -P ${script})
add_test(NAME conformance.testee_that_exits_at_once_is_a_setup_error
  COMMAND ${run} "-DTESTEE=sh -c 'exit 3'" -DEXPECT_EXIT=2
    "-DEXPECT=the testee never answered; it exited with status 3" "-DNOT=UNEXPECTED" -P ${script})

# A testee in another language: the Python example speaks the protocol; it
# implements nothing, so every case is reported as skipped, none lost.
add_test(NAME conformance.python_example_testee_speaks_the_protocol
  COMMAND ${run}
    "-DTESTEE=env PYTHONPATH=${CMAKE_CURRENT_BINARY_DIR}/python ${VUM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/testee/example_testee.py"
    -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  json.unknown-property: skipped: validate: not implemented yet.*19 cases; 0 passed"
    "-DARGS=--filter json." -P ${script})

# The checked-in vectors are what the schema and the reference give today.
add_test(NAME conformance.vectors_are_current
  COMMAND ${CMAKE_COMMAND} -DGENERATOR=$<TARGET_FILE:vum_conformance_vectors>
    -DCHECKED_IN=${CMAKE_CURRENT_SOURCE_DIR}/vectors -DOUT=${out}/vectors
    -P ${CMAKE_CURRENT_SOURCE_DIR}/tests/vectors_current.cmake)

vum_add_test(vum_conformance_vectors_test ${CMAKE_CURRENT_SOURCE_DIR}/tests/vectors_test.cc)
target_link_libraries(vum_conformance_vectors_test PRIVATE vum_conformance_proto)

# One that dies of a signal before its first answer likewise.
add_test(NAME conformance.testee_killed_at_start_is_a_setup_error
  COMMAND ${run} "-DTESTEE=sh -c 'kill -SEGV $$'" -DEXPECT_EXIT=2
    "-DEXPECT=the testee never answered; it was killed by signal 11" "-DNOT=UNEXPECTED" -P ${script})

# Protocol version 2: answers are checked against the case they answer.
add_test(NAME conformance.catches_a_testee_out_of_step
  COMMAND ${run} "-DTESTEE=${broken} --mode twice-at --after 3" -DEXPECT_EXIT=1
    "-DEXPECT=UNEXPECTED FAIL  rule\\.[^:]+: out of step: the answer is to case rule\\.[^;]+; the testee was restarted"
    "-DARGS=--filter rule.A" -P ${script})
add_test(NAME conformance.catches_a_testee_without_case_ids
  COMMAND ${run} "-DTESTEE=${broken} --mode no-case-id" -DEXPECT_EXIT=1
    "-DEXPECT=does not echo its case_id \\(conformance protocol version 2\\)"
    "-DARGS=--filter rule.MOB" -P ${script})
add_test(NAME conformance.reports_text_on_standard_output
  COMMAND ${run} "-DTESTEE=${broken} --mode text-stdout" -DEXPECT_EXIT=1
    "-DEXPECT=not a length-prefixed answer \\(did the testee write text to its standard output\\?\\)"
    "-DARGS=--filter rule.MOB" -P ${script})
add_test(NAME conformance.filter_that_matches_nothing_is_a_setup_error
  COMMAND ${run} "-DTESTEE=${reference}" -DEXPECT_EXIT=2
    "-DEXPECT=--filter \"no.such.case\" matches no case"
    "-DARGS=--filter no.such.case" -P ${script})
file(WRITE ${out}/stale.txt "rule.NOPE-99.gone  # a case that no longer exists\n")
add_test(NAME conformance.stale_failure_list_entries_are_reported
  COMMAND ${run} "-DTESTEE=${reference}" -DEXPECT_EXIT=1
    "-DEXPECT=STALE LIST ENTRY rule.NOPE-99.gone: no such case in the suite"
    "-DARGS=--filter rule.MOB --failure-list ${out}/stale.txt" -P ${script})
add_test(NAME conformance.help
  COMMAND $<TARGET_FILE:vum_conformance_runner> --help)
set_tests_properties(conformance.help PROPERTIES PASS_REGULAR_EXPRESSION "protocol version 2")
# A testee's process that leaves its group does not outlive the runner.
add_test(NAME conformance.ends_what_the_testee_started
  COMMAND sh -c "$<TARGET_FILE:vum_conformance_runner> --testee '${broken} --mode escape' --filter rule.MOB >/dev/null; sleep 0.5; if pgrep -f 'sleep 98[7]' >/dev/null; then pkill -f 'sleep 98[7]'; echo 'a process outlived the runner'; exit 1; fi; echo 'nothing outlived the runner'")
set_tests_properties(conformance.ends_what_the_testee_started PROPERTIES
  PASS_REGULAR_EXPRESSION "nothing outlived the runner")

# The testee answers --help with its usage.
add_test(NAME conformance.testee_answers_help
  COMMAND $<TARGET_FILE:vum_conformance_testee> --help)
set_tests_properties(conformance.testee_answers_help PROPERTIES
  PASS_REGULAR_EXPRESSION "usage: vum_conformance_testee --codelists DIR")
