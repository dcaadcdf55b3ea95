# Runs `vum validate --format json FILE` and prints "exit N" and its output,
# so that a test can check both the exit status and the report.
execute_process(COMMAND ${VUM} validate --format json ${FILE}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("exit ${result}\n${out}${err}")
