/* Compiled as C: the header is valid C and every function is callable from
 * C. vum_c_test.cc calls CValidate through the test. */
#include <string.h>

#include "vum/c/vum.h"

/* Validates `json` as a profile with a default validator; returns the status
 * and sets *conforms from the result. */
int CValidate(const char* json, int* conforms) {
  vum_validator* validator = NULL;
  char* error = NULL;
  char* result = NULL;
  vum_status status = vum_validator_create(NULL, &validator, &error);
  if (status == VUM_OK) {
    status = vum_validate(validator, "werkzoekende", VUM_FORMAT_JSON, json, strlen(json),
                          &result, &error);
  }
  *conforms = result != NULL && strstr(result, "\"conforms\":true") != NULL;
  vum_free(result);
  vum_free(error);
  vum_validator_free(validator);
  return (int)status;
}
