# The bulk commands as a user runs them, with their exit statuses:
# generate -> batch validate (0) -> convert to ndjson and back -> inspect;
# a damaged batch (exit 1); a delta with a gap (exit 1).
# Arguments: -DVUM= -DWORK=
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(vum expected_exit)
  execute_process(COMMAND ${VUM} ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL expected_exit)
    message(FATAL_ERROR "vum ${ARGN}: exit ${result}, expected ${expected_exit}\n${out}${err}")
  endif()
  set(output "${out}${err}" PARENT_SCOPE)
endfunction()
function(expect pattern)
  if(NOT output MATCHES "${pattern}")
    message(FATAL_ERROR "expected /${pattern}/ in:\n${output}")
  endif()
endfunction()

vum(0 generate --count 500 --seed 3 ${WORK}/a.vumb)
vum(0 batch validate --reference-date 2026-06-01 ${WORK}/a.vumb)
expect("read 500 = accepted 500 \\+ rejected 0")
vum(0 convert ${WORK}/a.vumb ${WORK}/a.ndjson)
vum(0 convert --format json ${WORK}/a.ndjson ${WORK}/b.vumb.zst)
expect("\"read\":500,\"written\":500,\"rejected\":\\[\\]")
vum(0 batch inspect --format json ${WORK}/b.vumb.zst)
expect("\"compressed\":true,\"records\":500,\"werkzoekenden\":500")

vum(0 generate --count 300 --seed 3 --invalid-fraction 0.5 ${WORK}/bad.vumb)
vum(1 batch validate --format json ${WORK}/bad.vumb)
expect("\"reconciles\":true,\"whole\":true")

# A truncated file: inspect and validate say it is damaged.
file(READ ${WORK}/a.vumb bytes HEX)
string(LENGTH "${bytes}" hex_length)
math(EXPR keep "${hex_length} / 2")
string(SUBSTRING "${bytes}" 0 ${keep} half)
file(WRITE ${WORK}/cut.hex "${half}")
execute_process(COMMAND xxd -r -p ${WORK}/cut.hex ${WORK}/cut.vumb RESULT_VARIABLE xxd)
if(xxd EQUAL 0)
  vum(1 batch inspect ${WORK}/cut.vumb)
  expect("DAMAGED: truncated")
endif()

# A delta with a gap is refused.
vum(0 batch inspect --format json ${WORK}/a.vumb)
string(REGEX MATCH "\"batchId\":\"([^\"]*)\"" _ "${output}")
set(base ${CMAKE_MATCH_1})
file(WRITE ${WORK}/w.txt "synth-wz-3-1,3\n")
vum(0 batch write --delta --base ${base} --sequence 2 --withdrawals ${WORK}/w.txt ${WORK}/d2.vumb ${WORK}/a.ndjson)
vum(1 batch apply ${WORK}/a.vumb ${WORK}/d2.vumb ${WORK}/out.vumb)
expect("sequence gap: expected delta 1, got delta 2")
file(REMOVE_RECURSE ${WORK})
