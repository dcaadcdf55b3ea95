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

/* Answers a question over a caseload of one consenting person in the area;
 * returns the status and sets *matches to the number of matches. */
int CSelect(const char* codelists, int* matches) {
  char options[512];
  const char* profile =
      "{\"idWerkzoekende\":\"c1\",\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}";
  const char* consent =
      "{\"idWerkzoekende\":\"c1\",\"toestemming\":[{\"idToestemming\":"
      "\"5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f\",\"idWerkzoekende\":\"c1\",\"doel\":1,"
      "\"verleendOp\":\"2026-01-01T00:00:00Z\",\"grondslag\":1}]}";
  vum_caseload* caseload = NULL;
  char* error = NULL;
  char* answer = NULL;
  const char* at;
  int status;
  *matches = -1;
  if (strlen(codelists) > 400) return (int)VUM_INVALID_ARGUMENT;
  strcpy(options, "{\"codelists\":[\"");
  strcat(options, codelists);
  strcat(options, "\"]}");
  status = (int)vum_caseload_create(options, &caseload, &error);
  if (status == VUM_OK)
    status = (int)vum_caseload_put(caseload, VUM_FORMAT_JSON, profile, strlen(profile), &error);
  if (status == VUM_OK)
    status = (int)vum_caseload_put_process(caseload, VUM_FORMAT_JSON, consent,
                                           strlen(consent), &error);
  if (status == VUM_OK)
    status = (int)vum_select(caseload,
                             "{\"selectiegebied\":{\"postcode\":\"5611AB\",\"afstand\":5}}",
                             "{\"at\":\"2026-06-01T12:00:00Z\"}", &answer, &error);
  if (status == VUM_OK) {
    *matches = 0;
    for (at = strstr(answer, "\"idWerkzoekende\""); at != NULL;
         at = strstr(at + 1, "\"idWerkzoekende\""))
      ++*matches;
  }
  vum_free(answer);
  vum_free(error);
  vum_caseload_free(caseload);
  return status;
}
