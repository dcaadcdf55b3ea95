# Runs `vum validate --format json [ARGS] FILE` and prints "exit N" and its
# output, so that a test can check both the exit status and the report.
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${VUM} validate --format json ${args} ${FILE}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("exit ${result}\n${out}${err}")
