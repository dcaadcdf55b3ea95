# Tests of the vum tool as a user runs it: exit status and output.
set(vum_examples ${PROJECT_SOURCE_DIR}/examples)
file(GLOB vum_example_files
  ${vum_examples}/werkzoekenden/*.json ${vum_examples}/vacatures/*.json)

add_test(NAME cli.version COMMAND vum_tool --version)
set_tests_properties(cli.version PROPERTIES
  PASS_REGULAR_EXPRESSION "^vum ${PROJECT_VERSION} \\(VUM Gegevensstandaard 1\\.5\\.0, koppelvlak 3\\.0\\.0\\)")

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

# vum validate: exit status 0 conforming, 1 not conforming, 2 could not run.
add_test(NAME cli.validate_examples_conform
  COMMAND vum_tool validate --reference-date 2026-06-01 ${vum_example_files})
set_tests_properties(cli.validate_examples_conform PROPERTIES
  PASS_REGULAR_EXPRESSION "[1-9][0-9]* conform, 0 do not, 0 cannot be read")

add_test(NAME cli.validate_broken_example_fails
  COMMAND vum_tool validate ${vum_examples}/broken/werkzoekende-met-fouten.json)
set_tests_properties(cli.validate_broken_example_fails PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.validate_broken_example_report
  COMMAND ${CMAKE_COMMAND} -DVUM=$<TARGET_FILE:vum_tool>
    -DFILE=${vum_examples}/broken/werkzoekende-met-fouten.json
    -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_exit.cmake)
set_tests_properties(cli.validate_broken_example_report PROPERTIES
  PASS_REGULAR_EXPRESSION "exit 1.*\"ruleId\":\"MOB-01\",\"level\":\"standard\",\"severity\":\"error\".*\"ruleId\":\"WTD-01\",\"level\":\"vum\",\"severity\":\"warning\",\"path\":\"werktijden.aantalWerkurenPerWeekMinimaal\"")
# At vum's strict level its own stricter rules are errors.
add_test(NAME cli.validate_broken_example_vum_strict
  COMMAND ${CMAKE_COMMAND} -DVUM=$<TARGET_FILE:vum_tool> -DARGS=--vum-strict
    -DFILE=${vum_examples}/broken/werkzoekende-met-fouten.json
    -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_exit.cmake)
set_tests_properties(cli.validate_broken_example_vum_strict PROPERTIES
  PASS_REGULAR_EXPRESSION "exit 1.*\"ruleId\":\"WTD-01\",\"level\":\"vum\",\"severity\":\"error\"")

vum_add_test(vum_spooled_input_test ${CMAKE_CURRENT_SOURCE_DIR}/spooled_input_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/spooled_input.cc)
target_include_directories(vum_spooled_input_test PRIVATE ${PROJECT_SOURCE_DIR})

# Standard input and pipes wherever a file is read ("-"), in every format.
add_test(NAME cli.standard_input_in_every_format
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/stdin_test.sh $<TARGET_FILE:vum_tool>
    ${vum_examples}/werkzoekenden/minimaal.json)
set_tests_properties(cli.standard_input_in_every_format PROPERTIES
  PASS_REGULAR_EXPRESSION "standard input read in every format; no scratch file left")

# A source coming from the pilot: refused by the standard's rules, warned in
# transition mode; its empty value read as absent and reported (info).
# A record in the pilot form is unreadable as 3.0 and named by its element;
# vum migrate carries it over and reports what 3.0 lacks; the migrated
# record conforms to the standard, breaks vum's strict level (a means of
# transport listed twice, more minimum than maximum hours), and in the pilot
# transition mode those are warnings again.
add_test(NAME cli.validate_pilot_form_names_the_element_3_0_lacks
  COMMAND ${CMAKE_COMMAND} -DVUM=$<TARGET_FILE:vum_tool>
    -DFILE=${CMAKE_CURRENT_SOURCE_DIR}/testdata/pilot_source.json
    -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_exit.cmake)
set_tests_properties(cli.validate_pilot_form_names_the_element_3_0_lacks PROPERTIES
  PASS_REGULAR_EXPRESSION "exit 1.*unknown property .*flexibiliteit.codeRegiostraal")
add_test(NAME cli.migrate_pilot_source_then_validate
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> migrate ${CMAKE_CURRENT_SOURCE_DIR}/testdata/pilot_source.json $d/m.ndjson; $<TARGET_FILE:vum_tool> validate --format json $d/m.ndjson; echo; $<TARGET_FILE:vum_tool> validate --format json --vum-strict $d/m.ndjson || echo strict-exit $?; $<TARGET_FILE:vum_tool> validate --format json --vum-strict --pilot-transition $d/m.ndjson")
set_tests_properties(cli.migrate_pilot_source_then_validate PROPERTIES
  PASS_REGULAR_EXPRESSION "record 1: flexibiliteit.codeRegiostraal not carried \\(removed-in-3.0\\).*read 1 = written 1 \\+ rejected 0; 1 elements not carried.*\"conforming\":1.*\"ruleId\":\"WZ-07\",\"level\":\"vum\",\"severity\":\"error\".*strict-exit 1.*\"ruleId\":\"WZ-07\",\"level\":\"vum\",\"severity\":\"warning\".*\"conforming\":1")

add_test(NAME cli.validate_missing_file_is_usage_error
  COMMAND ${CMAKE_COMMAND} -DVUM=$<TARGET_FILE:vum_tool> -DFILE=/nonexistent/x.json
    -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_exit.cmake)
set_tests_properties(cli.validate_missing_file_is_usage_error PROPERTIES
  PASS_REGULAR_EXPRESSION "exit 2")

add_test(NAME cli.validate_unknown_type_is_usage_error
  COMMAND vum_tool validate --type cv ${vum_examples}/werkzoekenden/minimaal.json)
set_tests_properties(cli.validate_unknown_type_is_usage_error PROPERTIES WILL_FAIL TRUE)

add_test(NAME cli.codelist_show COMMAND vum_tool codelist show)
set_tests_properties(cli.codelist_show PROPERTIES
  PASS_REGULAR_EXPRESSION "iso-639-3  version iso-codes-[0-9.]+  valid 1900-01-01 to open  [0-9]+ codes")

add_test(NAME cli.codelist_import_csv
  COMMAND vum_tool codelist import --csv ${PROJECT_SOURCE_DIR}/lib/codelist/testdata/sbi-fixture.csv
    --list sbi --version test --valid-from 2024-01-01 --code-column SBI-code
    --label-column Omschrijving --delimiter=semicolon)
set_tests_properties(cli.codelist_import_csv PROPERTIES
  PASS_REGULAR_EXPRESSION "@list sbi\n@version test\n@valid-from 2024-01-01\n01\t")

# An imported code list works with --codelists naming only its own folder:
# the shipped lists stay loaded, and the rule bound to it is checked.
add_test(NAME cli.imported_code_list_works_beside_the_shipped_ones
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> codelist import --csv ${PROJECT_SOURCE_DIR}/lib/codelist/testdata/sbi-fixture.csv --list sbi --version test --valid-from 2024-01-01 --code-column SBI-code --label-column Omschrijving --delimiter=semicolon > $d/sbi-test.codelist; printf '{\"idWerkzoekende\":\"a\",\"sector\":[{\"codeSbi\":99999}]}' > $d/p.json; $<TARGET_FILE:vum_tool> validate --codelists $d --reference-date 2026-06-01 $d/p.json || true")
set_tests_properties(cli.imported_code_list_works_beside_the_shipped_ones PROPERTIES
  PASS_REGULAR_EXPRESSION "SBI-03"
  FAIL_REGULAR_EXPRESSION "not checked: [^\n]*SBI-03|ships is not in")

add_test(NAME cli.bulk_commands
  COMMAND ${CMAKE_COMMAND} -DVUM=$<TARGET_FILE:vum_tool> -DWORK=${CMAKE_CURRENT_BINARY_DIR}/bulk-test
    -P ${CMAKE_CURRENT_SOURCE_DIR}/bulk_cli_test.cmake)

# No personal value leaks from any report or employer view.
vum_add_test(vum_no_leaks_test ${CMAKE_CURRENT_SOURCE_DIR}/no_leaks_test.cc)
target_compile_definitions(vum_no_leaks_test PRIVATE VUM_TOOL="$<TARGET_FILE:vum_tool>")
add_dependencies(vum_no_leaks_test vum_tool)

# A misspelt option is never read as a file, and a second file is never
# silently ignored: each is a usage error.
foreach(cmd "anonymize;--sufpress;in.vumb;out.ndjson" "batch;apply;--compres;a;b;c"
            "batch;inspect;--summry;x.vumb" "batch;validate;x.vumb;--fromat"
            "consent;check;--purpose;voorstellen;--oni;x.json" "convert;--form;a;b"
            "summary;--tpye;x.json" "validate;--fromat;x.json"
            "view;--as;mediator;--postcod;pc4;x.json")
  list(GET cmd 0 name)
  list(JOIN cmd "_" test_name)
  string(REGEX REPLACE "[^A-Za-z0-9_]" "" test_name "${test_name}")
  add_test(NAME cli.unknown_option_${test_name} COMMAND vum_tool ${cmd})
  set_tests_properties(cli.unknown_option_${test_name} PROPERTIES
    PASS_REGULAR_EXPRESSION "unknown option \"--")
endforeach()
add_test(NAME cli.view_two_files_is_usage_error
  COMMAND vum_tool view --as mediator ${vum_examples}/werkzoekenden/minimaal.json
    ${vum_examples}/werkzoekenden/minimaal.json)
set_tests_properties(cli.view_two_files_is_usage_error PROPERTIES
  PASS_REGULAR_EXPRESSION "^vum view: unexpected argument \"[^\"]*minimaal.json\"\nUsage: vum view"
  FAIL_REGULAR_EXPRESSION "\"profiel\"")

# Every subcommand names a bad value of an option, with the option, in one
# line before its usage (CLI11, tools/vum/command_line.h); exit status 2.
set(vum_bad_values
    "generate --count abc x.ndjson|--count: \"abc\" is not a whole number"
    "validate --lang xx a.json|--lang: xx not in"
    "validate --reference-date 2026-02-30 a.json|--reference-date: \"2026-02-30\" is not a day"
    "convert --type cv a b|--type: cv not in"
    "summary --type cv a.json|--type: cv not in"
    "batch write --delta --base b --sequence 0 out.vumb in.ndjson|--sequence: \"0\" is not a number greater than 0"
    "batch write --afzender 123 out.vumb in.ndjson|--afzender: \"123\" is not an OIN"
    "batch validate --format xml x.vumb|--format: xml not in"
    "batch inspect --format yaml x.vumb|--format: yaml not in"
    "batch apply --format yaml a b c|--format: yaml not in"
    "view --as boss x.json|--as: boss not in"
    "anonymize --k 0 a b|--k: \"0\" is not from 1 to 1000000"
    "consent check --purpose kijken x.json|--purpose: kijken not in"
    "consent check --purpose voorstellen --at gisteren x.json|--at: \"gisteren\" is not a moment"
    "select --k 0 q.json c.ndjson|--k: \"0\" is not from 1 to"
    "report --date 2026-13-01 x.vumb|--date: \"2026-13-01\" is not a day"
    "codelist import --csv a --list l --version v --valid-from 2020-02-30 --code-column c --label-column l|--valid-from: \"2020-02-30\" is not a day"
    "codelist show --codelists|--codelists: 1 required"
    "schema jsonschema cv|no record type \"cv\""
    "pseudonym --key-file|--key-file: 1 required")
if(VUM_BUILD_NODE)
  list(APPEND vum_bad_values
    "ask --nodes n --cert c --key k --ca a --from f --deadline -1 q.json|--deadline: \"-1\" is not a number greater than 0"
    "node test-pki dir nocolon|\"nocolon\" is not NAME:OIN"
    "node upload --node n --to t --from f --cert c --key k --ca a|missing FILE")
endif()
foreach(case IN LISTS vum_bad_values)
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 command)
  list(GET parts 1 expected)
  separate_arguments(command UNIX_COMMAND "${command}")
  list(JOIN command "_" test_name)
  string(REGEX REPLACE "[^A-Za-z0-9_]" "" test_name "${test_name}")
  add_test(NAME cli.bad_value_${test_name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/exit_and_output.sh $<TARGET_FILE:vum_tool> ${command})
  set_tests_properties(cli.bad_value_${test_name} PROPERTIES
    PASS_REGULAR_EXPRESSION "^exit 2\nvum [a-z -]+: [^\n]*${expected}")
endforeach()

# vum select: answers from a caseload; 1 for a refused question.
set(vum_select_caseload ${vum_examples}/werkzoekenden/doelgroep-banenafspraak-met-begeleiding.json
  ${vum_examples}/werkzoekenden/beroep-gecodeerd-met-werkervaring.json
  ${vum_examples}/procesgegevens/toestemmingen.json)
add_test(NAME cli.select_examples_as_mediator
  COMMAND vum_tool select --as mediator --at 2026-06-01T12:00:00Z
    ${vum_examples}/selectievragen/rotterdam-doelgroep-banenafspraak.json ${vum_select_caseload})
set_tests_properties(cli.select_examples_as_mediator PROPERTIES PASS_REGULAR_EXPRESSION
  "\"resultaat\":\\[\\{\"vumID\":\"[0-9a-f]+\".*\"genegeerdCriterium\":\\[\\{\"index\":2,\"pad\":\"persoonlijkePresentatie\"")
# The koppelvlak 3.0 answer of a source: the source's own key, the full
# postcode, nothing of the contact data, presentation, LDR or support needs.
add_test(NAME cli.select_bron_answer_is_the_first_round
  COMMAND vum_tool select --answer-form bron --at 2026-06-01T12:00:00Z
    ${vum_examples}/selectievragen/rotterdam-doelgroep-banenafspraak.json ${vum_select_caseload})
set_tests_properties(cli.select_bron_answer_is_the_first_round PROPERTIES
  PASS_REGULAR_EXPRESSION "\\{\"maximumAantalResultatenBereikt\":false,\"matches\":\\[\\{\"idWerkzoekende\":\"gem0599-wz-102938\".*\"bemiddelingspostcode\":\"3072AP\""
  FAIL_REGULAR_EXPRESSION "\"(emailadres|telefoonnummer|persoonlijkePresentatie|indicatieLdrRegistratie|eisAanWerk|contactpersoon)\":")
# vum's extensions are off on the standard's answer: the LDR criterion is
# reported as ignored.
add_test(NAME cli.select_bron_answer_ignores_vums_extensions
  COMMAND vum_tool select --answer-form bron --at 2026-06-01T12:00:00Z
    ${vum_examples}/selectievragen/rotterdam-doelgroep-banenafspraak.json ${vum_select_caseload})
set_tests_properties(cli.select_bron_answer_ignores_vums_extensions PROPERTIES
  PASS_REGULAR_EXPRESSION "criterion 0 \\(indicatieLdrRegistratie\\) ignored: vum-uitbreiding")
add_test(NAME cli.select_examples_as_employer_fewer_than_k
  COMMAND vum_tool select --at 2026-06-01T12:00:00Z
    ${vum_examples}/selectievragen/rotterdam-doelgroep-banenafspraak.json ${vum_select_caseload})
set_tests_properties(cli.select_examples_as_employer_fewer_than_k PROPERTIES
  PASS_REGULAR_EXPRESSION "\"minderDanK\":true")
add_test(NAME cli.select_explain
  COMMAND vum_tool select --explain --as mediator --at 2026-06-01T12:00:00Z
    ${vum_examples}/selectievragen/rotterdam-doelgroep-banenafspraak.json ${vum_select_caseload})
set_tests_properties(cli.select_explain PROPERTIES PASS_REGULAR_EXPRESSION
  "in the area \\(25 km around 3011\\): 1.*selectable.*: 1.*criterion 0 \\(indicatieLdrRegistratie \\$eq\\): 1")
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/refused-question.json
  "{\"selectiegebied\":{\"postcode\":\"1010AA\",\"afstand\":5}}")
add_test(NAME cli.select_refuses_an_area_outside_the_pc4_list
  COMMAND ${CMAKE_COMMAND} -E env sh -c "$<TARGET_FILE:vum_tool> select ${CMAKE_CURRENT_BINARY_DIR}/refused-question.json ${vum_select_caseload}; echo exit $?")
set_tests_properties(cli.select_refuses_an_area_outside_the_pc4_list PROPERTIES
  PASS_REGULAR_EXPRESSION "error SEL-01 selectiegebied.postcode: .*exit 1")
# Withdrawals after their records, and records without an id reported by line.
add_test(NAME cli.select_caseload_withdrawals_and_refusals
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/select_caseload_test.sh $<TARGET_FILE:vum_tool>)
add_test(NAME cli.select_help COMMAND vum_tool select --help)
set_tests_properties(cli.select_help PROPERTIES PASS_REGULAR_EXPRESSION "Usage: vum select")

# vum report: a page a policy officer opens, checked in a real browser.
add_test(NAME cli.report_page_renders_in_chromium
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/report_page_test.sh $<TARGET_FILE:vum_tool>)
set_tests_properties(cli.report_page_renders_in_chromium PROPERTIES
  TIMEOUT 180 PASS_REGULAR_EXPRESSION "loaded in Chromium with 4 charts and no errors")
# The same page checked against WCAG 2.1 A and AA with axe-core (npm registry).
add_test(NAME cli.report_page_passes_axe_core
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/report_accessibility_test.sh $<TARGET_FILE:vum_tool>
    ${PROJECT_BINARY_DIR}/npm-tools)
set_tests_properties(cli.report_page_passes_axe_core PROPERTIES
  TIMEOUT 300 PASS_REGULAR_EXPRESSION "axe: 0 violation\\(s\\) of WCAG 2.1 A/AA")
add_test(NAME cli.report_csv_suppresses_small_counts
  COMMAND vum_tool report --format csv --k 10
    ${vum_examples}/werkzoekenden/beroep-gecodeerd-met-werkervaring.json)
set_tests_properties(cli.report_csv_suppresses_small_counts PROPERTIES
  PASS_REGULAR_EXPRESSION "\"onbekend\",\"alle\",\"alle\",\"idWerkzoekende\",\"Id werkzoekende\",nee,,,,ja\r\n"
  FAIL_REGULAR_EXPRESSION ",\"1\",")
add_test(NAME cli.report_csv_dutch_dialect
  COMMAND vum_tool report --format csv --csv-dialect nl --k 1
    ${vum_examples}/werkzoekenden/beroep-gecodeerd-met-werkervaring.json
    ${vum_examples}/werkzoekenden/minimaal.json ${vum_examples}/werkzoekenden/opleiding-lopend.json)
set_tests_properties(cli.report_csv_dutch_dialect PROPERTIES
  PASS_REGULAR_EXPRESSION "peildatum;soort_groep;.*\"alle\";\"alle\";\"\\(conform\\)\";\"Records die aan de standaard voldoen\";;\"3\";\"3\";100,0;nee\r\n")
add_test(NAME cli.report_names_sources_from_a_party_register
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 20 --seed 3 --afzender 00000001001234567000 $d/g.vumb >/dev/null; $<TARGET_FILE:vum_tool> report --format csv --k 1 --parties ${PROJECT_SOURCE_DIR}/examples/partijen.tsv $d/g.vumb; printf '00000001001234567000 Naam zonder tab\\n' > $d/bad.tsv; $<TARGET_FILE:vum_tool> report --parties $d/bad.tsv $d/g.vumb || echo exit $?")
set_tests_properties(cli.report_names_sources_from_a_party_register PROPERTIES
  PASS_REGULAR_EXPRESSION "\"bron\",\"Gemeente Voorbeeld\",\"\\(matchbaarheid\\)\".*bad.tsv:1: expected an OIN of 20 digits, a tab and a name.*exit 2")
add_test(NAME cli.report_help COMMAND vum_tool report --help)
set_tests_properties(cli.report_help PROPERTIES PASS_REGULAR_EXPRESSION "Usage: vum report")

# A batch read from a pipe has no file size: inspected all the same.
add_test(NAME cli.batch_inspect_reads_a_pipe
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 20 --seed 4 $d/a.vumb >/dev/null; cat $d/a.vumb | $<TARGET_FILE:vum_tool> batch inspect /dev/stdin")
set_tests_properties(cli.batch_inspect_reads_a_pipe PROPERTIES
  PASS_REGULAR_EXPRESSION "/dev/stdin \\(a stream\\).*records 20: werkzoekenden 20.*verified")

# vum validate reads what vum generate writes: NDJSON, a JSON array, a batch.
add_test(NAME cli.validate_reads_every_format_generate_writes
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; for f in g.ndjson g.json g.vumb; do $<TARGET_FILE:vum_tool> generate --count 3 --seed 5 $d/$f >/dev/null; done; $<TARGET_FILE:vum_tool> validate --min-severity error $d/g.ndjson $d/g.json $d/g.vumb")
set_tests_properties(cli.validate_reads_every_format_generate_writes PROPERTIES
  PASS_REGULAR_EXPRESSION "g.ndjson #3: Werkzoekende conforms.*g.json #3: Werkzoekende conforms.*g.vumb #3: Werkzoekende conforms.*checked 9 record\\(s\\) against VUM Gegevensstandaard [0-9.]+, koppelvlak [0-9.]+: 9 conform, 0 do not, 0 cannot be read")

# vum generate --empty-values writes records as many senders do, every absent
# property empty; vum validate reads them as absent (JSON-01, info) and they
# conform. A batch cannot carry JSON's empty values: usage error.
add_test(NAME cli.generate_writes_empty_values_that_read_as_absent
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 4 --seed 5 --empty-values 1 $d/g.ndjson >/dev/null; grep -c '\\[\\]' $d/g.ndjson; $<TARGET_FILE:vum_tool> validate $d/g.ndjson | grep -c 'JSON-01'; $<TARGET_FILE:vum_tool> validate --min-severity error $d/g.ndjson")
set_tests_properties(cli.generate_writes_empty_values_that_read_as_absent PROPERTIES
  PASS_REGULAR_EXPRESSION "^4\n[1-9][0-9]*\n.*checked 4 record\\(s\\) against VUM Gegevensstandaard [0-9.]+, koppelvlak [0-9.]+: 4 conform")
add_test(NAME cli.generate_empty_values_in_a_batch_is_usage_error
  COMMAND ${CMAKE_COMMAND} -E env sh -c "$<TARGET_FILE:vum_tool> generate --count 1 --empty-values 0.5 x.vumb 2>&1; echo exit $?")
set_tests_properties(cli.generate_empty_values_in_a_batch_is_usage_error PROPERTIES
  PASS_REGULAR_EXPRESSION "--empty-values is for JSON output.*exit 2")

# vum batch write warns loudly of a header that breaks its own rules (no
# sender, no recipient): a node would refuse the batch.
add_test(NAME cli.batch_write_warns_of_a_header_that_breaks_rules
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 2 $d/g.ndjson >/dev/null; $<TARGET_FILE:vum_tool> batch write $d/b.vumb $d/g.ndjson 2>&1 >/dev/null")
set_tests_properties(cli.batch_write_warns_of_a_header_that_breaks_rules PROPERTIES
  PASS_REGULAR_EXPRESSION "WARNING: the header breaks BKP-04: [^\n]*Give --afzender OIN[^\n]*\n[^\n]*WARNING: the header breaks BKP-06")

# A batch's kind is written one way in every output: "volledig" or "delta"
# (batch inspect as text and as JSON; the node's upload report likewise).
add_test(NAME cli.batch_kind_written_one_way
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 2 $d/a.vumb >/dev/null; $<TARGET_FILE:vum_tool> batch inspect $d/a.vumb; $<TARGET_FILE:vum_tool> batch inspect --format json $d/a.vumb")
set_tests_properties(cli.batch_kind_written_one_way PROPERTIES
  PASS_REGULAR_EXPRESSION "soort volledig, .*\"soort\":\"volledig\""
  FAIL_REGULAR_EXPRESSION "SOORT_BATCH|Volledig")

# vum validate --only-failures reports only the records that do not conform
# (here: none of 50 valid ones but the 5 made invalid), the count covers all.
add_test(NAME cli.validate_only_failures
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 50 --seed 3 --invalid-fraction 0.1 $d/g.ndjson >/dev/null; $<TARGET_FILE:vum_tool> validate --only-failures --min-severity error $d/g.ndjson | grep -c 'Werkzoekende' || true; $<TARGET_FILE:vum_tool> validate --only-failures $d/g.ndjson | grep '^checked'")
set_tests_properties(cli.validate_only_failures PROPERTIES
  PASS_REGULAR_EXPRESSION "^[1-9]\n.*checked 50 record\\(s\\)[^\n]*: [0-9]+ conform, [1-9][0-9]* do not"
  FAIL_REGULAR_EXPRESSION "Werkzoekende conforms")

# Machine output is asked for with one flag everywhere, --format json, and is
# JSON (json.tool parses it).
set(vum_json_outputs
    "summary ${vum_examples}/werkzoekenden/minimaal.json"
    "validate ${vum_examples}/werkzoekenden/minimaal.json"
    "consent check --purpose voorstellen ${vum_examples}/procesgegevens/toestemmingen.json"
    "report ${vum_examples}/werkzoekenden/minimaal.json")
foreach(case IN LISTS vum_json_outputs)
  separate_arguments(command UNIX_COMMAND "${case}")
  list(GET command 0 name)
  string(REPLACE " " "_" name "${name}")
  add_test(NAME cli.format_json_${name}
    COMMAND ${CMAKE_COMMAND} -E env sh -c "$<TARGET_FILE:vum_tool> $0 \"$@\" --format json | /usr/bin/python3 -m json.tool >/dev/null && echo parsed as JSON" ${command})
  set_tests_properties(cli.format_json_${name} PROPERTIES PASS_REGULAR_EXPRESSION "parsed as JSON")
endforeach()
add_test(NAME cli.format_json_batch_inspect
  COMMAND ${CMAKE_COMMAND} -E env sh -c "set -e; d=$(mktemp -d); trap 'rm -rf $d' EXIT; $<TARGET_FILE:vum_tool> generate --count 3 $d/a.vumb >/dev/null; $<TARGET_FILE:vum_tool> batch inspect --format json $d/a.vumb | /usr/bin/python3 -m json.tool >/dev/null && echo parsed as JSON")
set_tests_properties(cli.format_json_batch_inspect PROPERTIES PASS_REGULAR_EXPRESSION "parsed as JSON")

# Hostile input: every reader stays within its documented memory (ulimit -v)
# and names the limit it refuses by (docs/limits.md).
add_test(NAME cli.readers_stay_within_their_limits
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/limits_test.sh $<TARGET_FILE:vum_tool>)
set_tests_properties(cli.readers_stay_within_their_limits PROPERTIES
  TIMEOUT 300 PASS_REGULAR_EXPRESSION "every reader stayed within its limits")

# vum summary reads every format vum convert reads.
add_test(NAME cli.summary_reads_every_format
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/summary_formats_test.sh $<TARGET_FILE:vum_tool>)
set_tests_properties(cli.summary_reads_every_format PROPERTIES
  PASS_REGULAR_EXPRESSION "summary read batch, NDJSON, JSON array and CSV alike")

# Every subcommand answers --help with its usage on standard output, exit 0.
set(vum_commands summary validate codelist generate convert batch view anonymize consent
    pseudonym select report schema)
if(VUM_BUILD_NODE)
  list(APPEND vum_commands ask node)
endif()
# vum --help names every subcommand of every command (each command's own
# usage lists them: help_lists_every_subcommand.sh compares the two).
add_test(NAME cli.help_lists_every_subcommand
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/help_lists_every_subcommand.sh $<TARGET_FILE:vum_tool>
    ${vum_commands})
set_tests_properties(cli.help_lists_every_subcommand PROPERTIES
  PASS_REGULAR_EXPRESSION "vum --help names every subcommand")
foreach(command ${vum_commands})
  add_test(NAME cli.help_${command}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/help_test.sh $<TARGET_FILE:vum_tool> ${command})
  set_tests_properties(cli.help_${command} PROPERTIES
    PASS_REGULAR_EXPRESSION "the shared layout")
endforeach()

# The local accreditation as a vendor runs it, with vum-node under test.
if(VUM_BUILD_NODE)
  add_test(NAME cli.accredit_source_passes_vum_node
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/accredit_vum_node.sh $<TARGET_FILE:vum_tool>
      $<TARGET_FILE:vum_node_tool>)
  set_tests_properties(cli.accredit_source_passes_vum_node PROPERTIES TIMEOUT 300
    PASS_REGULAR_EXPRESSION "25 cases; 25 passed, 0 failed as listed, 0 unexpected")
  add_test(NAME cli.accredit_mediator_judges_a_client
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/accredit_mediator_test.sh $<TARGET_FILE:vum_tool>)
  set_tests_properties(cli.accredit_mediator_judges_a_client PROPERTIES TIMEOUT 300
    PASS_REGULAR_EXPRESSION "a good client passes, a client of another version fails")
endif()

# docs/bron-openapi.json, docs/bemiddelaar-openapi.json and
# docs/node-records-openapi.json are what vum node openapi prints now.
if(VUM_BUILD_NODE)
  foreach(interface bron bemiddelaar node-records)
    add_test(NAME docs.${interface}_openapi_is_current
      COMMAND sh -c "$<TARGET_FILE:vum_tool> node openapi --interface ${interface} | diff -u ${PROJECT_SOURCE_DIR}/docs/${interface}-openapi.json - && echo current")
    set_tests_properties(docs.${interface}_openapi_is_current PROPERTIES
      PASS_REGULAR_EXPRESSION "^current")
  endforeach()
endif()
