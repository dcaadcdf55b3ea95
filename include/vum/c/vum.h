/* vum/c/vum.h: the standard's rules from any language, through a stable C
 * API over the shared library libvum_c.so.1.
 *
 * For vendors whose systems are written in Java, .NET, Python or anything
 * else that can call C: read a record in VUM JSON (the interface's wire form)
 * or protobuf binary, validate it with every rule of the standard and get the
 * violations back as JSON, convert between JSON and binary, read and write
 * batch files and apply deltas, reduce a record to an audience's view, and
 * answer a selection question over a caseload as a source would. The library
 * exports these functions and nothing else; no C++ type or exception crosses
 * this boundary. Thin bindings over it live in bindings/ (Python, Java, C#).
 *
 * Errors: a function that can fail returns a vum_status (0 is VUM_OK; the
 * other values are the canonical status codes of gRPC and Abseil) and, when
 * `error` is not NULL, sets *error to a message for people that names the
 * property and the reason, never a value from the record. Release it with
 * vum_free. Results are allocated by the library: release them with vum_free.
 *
 * "Could not validate" is a status (an unreadable document:
 * VUM_INVALID_ARGUMENT); "does not conform" is a result whose "conforms" is
 * false.
 *
 * Example:
 *
 *   vum_validator* validator = NULL;
 *   char* error = NULL;
 *   if (vum_validator_create("{\"codelists\":[\"/usr/share/vum/codelists\"]}",
 *                            &validator, &error) != VUM_OK) {
 *     fprintf(stderr, "%s\n", error);
 *     vum_free(error);
 *     return 2;
 *   }
 *   char* result = NULL;
 *   vum_status s = vum_validate(validator, "werkzoekende", VUM_FORMAT_JSON, json,
 *                               strlen(json), &result, &error);
 *   if (s == VUM_OK) puts(result);  // {"conforms":false,"violations":[...]}
 *   vum_free(result);
 *   vum_free(error);
 *   vum_validator_free(validator);
 */
#ifndef VUM_C_VUM_H_
#define VUM_C_VUM_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this C API; it changes only when a function changes in a
 * way that breaks a caller (the shared library's SONAME changes with it). */
#define VUM_C_API_VERSION 1

typedef enum vum_status {
  VUM_OK = 0,
  VUM_INVALID_ARGUMENT = 3, /* a bad argument or an unreadable document */
  VUM_NOT_FOUND = 5,        /* no record type of that name; a missing file */
  VUM_FAILED_PRECONDITION = 9,
  VUM_INTERNAL = 13
} vum_status;

typedef enum vum_format {
  VUM_FORMAT_JSON = 1,  /* VUM JSON, the interface's wire form (UTF-8) */
  VUM_FORMAT_BINARY = 2 /* protobuf binary of the schema's message */
} vum_format;

/* A validator: code lists loaded and rules compiled once. Immutable after
 * creation, so one validator may be used from many threads at once. */
typedef struct vum_validator vum_validator;

/* The library's version, e.g. "1.0.0"; a static string. Thread-safe. */
const char* vum_version(void);

/* The version of the standard the library implements, e.g. "1.0.0"; a
 * static string. Thread-safe. */
const char* vum_standard_version(void);

/* VUM_C_API_VERSION of the library at hand (which may be newer than the
 * header a caller was built with). Thread-safe. */
int vum_c_api_version(void);

/* Creates a validator from `options_json` (NULL or "" for the defaults), a
 * JSON object with any of:
 *   "codelists":       ["DIR", ...]  code-list folders to load, in order;
 *                      without one, rules bound to an external list are
 *                      reported as unchecked, never passed silently
 *   "referenceDate":   "YYYY-MM-DD"  the day whose code-list versions apply
 *                      (default: today, UTC)
 *   "language":        "nl" | "en"   of the messages (default "nl")
 *   "minSeverity":     "info" | "warning" | "error" (default "info")
 *   "pilotTransition": true | false  (default false; docs/migration.md)
 * An unknown option is VUM_INVALID_ARGUMENT naming it. On success sets *out,
 * owned by the caller (vum_validator_free). Thread-safe. */
vum_status vum_validator_create(const char* options_json, vum_validator** out,
                                char** error);

/* Releases a validator; NULL is allowed. No call may use it any more. */
void vum_validator_free(vum_validator* validator);

/* Reads `size` bytes at `data` as a record of `record_type` (the lower-case
 * name of a message of the standard, "werkzoekende", "vacature", ..., or its
 * full name, "vum.v1.Werkzoekende") in `format`, and validates it. On VUM_OK
 * sets *result_json (release with vum_free) to
 *   {"conforms":BOOL,"errors":N,"warnings":N,"infos":N,
 *    "violations":[{"ruleId":..,"severity":..,"path":..,"relatedPaths":[..],
 *                   "params":{..},"message":..}, ...],
 *    "unchecked":["RULE-ID", ...]}
 * in which no message holds a value from the record. A document that cannot
 * be read is VUM_INVALID_ARGUMENT with the property and the reason in *error;
 * an unknown type VUM_NOT_FOUND. Thread-safe for concurrent calls on one
 * validator. */
vum_status vum_validate(const vum_validator* validator, const char* record_type,
                        vum_format format, const char* data, size_t size,
                        char** result_json, char** error);

/* Reads a record of `record_type` in `from` and writes it in `to`: compact
 * VUM JSON (NUL-terminated) or protobuf binary. Sets *out and *out_size
 * (release *out with vum_free). An unreadable document is
 * VUM_INVALID_ARGUMENT. Thread-safe. */
vum_status vum_convert(const char* record_type, vum_format from, const char* data,
                       size_t size, vum_format to, char** out, size_t* out_size,
                       char** error);

/* A caseload for selection questions: the job-seeker profiles (or
 * vacancies) of one source and their process data (consents), indexed as a
 * source's node holds them (docs/selection.md). Not thread-safe while
 * records are added; vum_select may run on many threads at once. */
typedef struct vum_caseload vum_caseload;

/* Creates an empty caseload from `options_json`, a JSON object with:
 *   "codelists": ["DIR", ...]  folders searched for the PC4 list (pc4.tsv),
 *                              required
 *   "kind":      "werkzoekenden" (default) | "vacatures"
 * On success sets *out, owned by the caller (vum_caseload_free).
 * VUM_NOT_FOUND when no folder holds a PC4 list. Thread-safe. */
vum_status vum_caseload_create(const char* options_json, vum_caseload** out,
                               char** error);

/* Releases a caseload; NULL is allowed. */
void vum_caseload_free(vum_caseload* caseload);

/* Adds (or replaces, by id) one record of the caseload's kind in `format`.
 * VUM_INVALID_ARGUMENT for a record that cannot be read or has no id. */
vum_status vum_caseload_put(vum_caseload* caseload, vum_format format, const char* data,
                            size_t size, char** error);

/* Adds (or replaces) one person's process data (vum.v1.Procesgegevens) in
 * `format`: without a consent in force, a job seeker is never selected. */
vum_status vum_caseload_put_process(vum_caseload* caseload, vum_format format,
                                    const char* data, size_t size, char** error);

/* Answers `question_json` (VUM JSON, bare or in the koppelvlak 3.0 wrapper
 * {"vraagObject": ...}) over the caseload. `options_json` (NULL or "" for the
 * defaults) is a JSON object with any of:
 *   "form":          "bron" (default) | "vum"
 *   "at":            RFC 3339 moment of the question (default now)
 *   "legalBasis":    true | false  the asker may see detail profiles
 *                    (default false)
 *   "maxResults":    the source's cap (default 100)
 *   "k":             form "vum": fewest matches for an asker without a legal
 *                    basis (default 10)
 *   "vumExtensions": apply vum's own criteria (default false for "bron")
 * On VUM_OK sets *answer_json (release with vum_free) to
 *   {"refused":BOOL,"violations":[...],"ignored":["INDEX:REASON",...],
 *    "answer":{...}}
 * where "answer" is, for form "bron", the koppelvlak 3.0 Bron answer
 * {"maximumAantalResultatenBereikt","matches"} and, for form "vum", vum's
 * Selectieresultaat (vumIDs under a key of this call only, views, k); it is
 * absent when the question is refused. A question that is not JSON is
 * VUM_INVALID_ARGUMENT. Thread-safe for concurrent calls on one caseload. */
vum_status vum_select(const vum_caseload* caseload, const char* question_json,
                      const char* options_json, char** answer_json, char** error);

/* Reads a VUM batch file held in memory (docs/batch-format.md; zstd
 * compressed or not) and gives every record a verdict with `validator`: a
 * record is accepted when it can be read, is of the kind the header
 * announces, and conforms. On VUM_OK sets *result_json (release with
 * vum_free) to
 *   {"status":"whole"|DAMAGE,"header":{...},"read":N,"accepted":N,"rejected":N,
 *    "rejectedRecords":[{"index":I,"kind":"werkzoekende","problem":"...",
 *                        "errors":N}, ...]}
 * where DAMAGE names why reading stopped ("not-a-batch", "truncated",
 * "checksum-mismatch", ...; the records before it have their verdicts) and
 * "header" is the header in VUM JSON (absent for "not-a-batch"). A damaged
 * file is a result, not a status. Thread-safe for concurrent calls on one
 * validator. */
vum_status vum_batch_read(const vum_validator* validator, const char* data, size_t size,
                          char** result_json, char** error);

/* Writes the records of `ndjson` (VUM JSON, one record of `record_type`,
 * "werkzoekende" or "vacature", per line; empty lines skipped) as a full
 * batch, or as a delta when `options_json` gives "basis" (the id of the full
 * batch it follows) and "volgnummer" (its number after it, from 1; one of
 * the two alone is VUM_INVALID_ARGUMENT). `options_json` (NULL or "" for
 * none) may also give "afzender" and "ontvanger" (OINs, 20 digits) and
 * "compress" (true: zstd); an older library refuses the delta options as
 * unknown, so nothing is written as a full batch by mistake. Sets *out and
 * *out_size (release *out with vum_free). A line that cannot be read is
 * VUM_INVALID_ARGUMENT naming the line and the property; nothing is written
 * then. Thread-safe. */
vum_status vum_batch_write(const char* record_type, const char* ndjson, size_t size,
                           const char* options_json, char** out, size_t* out_size,
                           char** error);

/* What an audience may see of a record of `record_type` (docs/privacy.md):
 * `options_json` gives "view": "employer" (the anonymous matching profile:
 * special-category data only with "specialCategoryConsent": true, postcodes
 * to four digits, dates to months, names of schools and employers removed),
 * "mediator" (the detail profile) or "owner" (everything). Sets *out_json
 * (release with vum_free) to the record in that view as VUM JSON. A record
 * that cannot be read is VUM_INVALID_ARGUMENT. Thread-safe. */
vum_status vum_view(const char* record_type, vum_format format, const char* data,
                    size_t size, const char* options_json, char** out_json, char** error);

/* Applies the delta batch `delta` to the full batch `full` (both held in
 * memory; the library works in a private temporary folder it removes). On
 * VUM_OK sets *result_json to {"status":"applied","sequence":N,"ids":[...]}
 * (the new full batch's record ids, sorted) and *out and *out_size to the new
 * full batch; or, when the delta does not follow on the full batch, to
 * {"status":REFUSAL} ("not-full", "not-delta", "other-content",
 * "other-base", "replay", "gap"; "damaged" for an unreadable input) with
 * *out NULL. Release both with vum_free. Thread-safe. */
vum_status vum_delta_apply(const char* full, size_t full_size, const char* delta,
                           size_t delta_size, char** result_json, char** out,
                           size_t* out_size, char** error);

/* Releases what the library allocated for the caller; NULL is allowed. */
void vum_free(void* p);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif /* VUM_C_VUM_H_ */
