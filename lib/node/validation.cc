#include "lib/node/validation.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/json/json_string.h"
#include "vum/json.h"
#include "vum/limits.h"
#include "vum/record.h"

namespace vum::node {

ValidationAnswer ValidateRecords(const Validator& validator, absl::string_view type,
                                 bool ndjson, absl::string_view body,
                                 size_t max_line_bytes) {
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> record = NewRecord(type);
  if (!record.ok()) {
    return {exchange::Problem{400,
                              "soort-onbekend",
                              "onbekende soort",
                              "soort names no record type of the standard",
                              {},
                              ""},
            ""};
  }
  std::vector<absl::string_view> documents;
  if (ndjson) {
    for (absl::string_view line : absl::StrSplit(body, '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) documents.push_back(line);
    }
  } else {
    documents.push_back(body);
  }
  // The limits of every reader (vum/limits.h): nesting and list length too,
  // so that a hostile document is refused, naming the limit, before it is read.
  JsonParser parser(InputLimits{.max_document_bytes = max_line_bytes});
  std::vector<FieldPath> absent;
  std::vector<std::string> results;
  uint64_t conforming = 0, unreadable = 0;
  for (size_t i = 0; i < documents.size(); ++i) {
    const std::string head = absl::StrCat("{\"record\":", i + 1);
    absl::Status read = documents[i].size() > max_line_bytes
                            ? absl::InvalidArgumentError(absl::StrCat(
                                  "the record is longer than ", max_line_bytes, " bytes"))
                            : parser.Parse(documents[i], record->get(), &absent);
    absl::StatusOr<ValidationResult> verdict =
        read.ok() ? validator.Validate(**record, std::move(absent)) : read;
    if (!verdict.ok()) {
      ++unreadable;
      results.push_back(absl::StrCat(
          head, ",\"unreadable\":",
          json_internal::JsonString(std::string(verdict.status().message())), "}"));
      continue;
    }
    conforming += verdict->conforms();
    std::vector<std::string> violations;
    for (const Violation& v : verdict->violations())
      violations.push_back(exchange::ViolationJson(v));
    results.push_back(
        absl::StrCat(head, ",\"conforms\":", verdict->conforms() ? "true" : "false",
                     ",\"violations\":[", absl::StrJoin(violations, ","), "]}"));
  }
  return {std::nullopt,
          absl::StrCat("{\"records\":", documents.size(), ",\"conforming\":", conforming,
                       ",\"unreadable\":", unreadable, ",\"results\":[",
                       absl::StrJoin(results, ","), "]}")};
}

}  // namespace vum::node
