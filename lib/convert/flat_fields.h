// Internal: the flat part of a record, for CSV: the scalar fields reachable
// without passing through a list, each addressed by its VUM JSON path.

#ifndef VUM_LIB_CONVERT_FLAT_FIELDS_H_
#define VUM_LIB_CONVERT_FLAT_FIELDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace vum::convert_internal {

struct FlatField {
  std::string column;  // "mobiliteit.bemiddelingspostcode"
  // From the record down to the scalar field.
  std::vector<const google::protobuf::FieldDescriptor*> path;
};

// The flat fields of `type`, depth first in field-number order.
[[nodiscard]] const std::vector<FlatField>& FlatFieldsOf(
    const google::protobuf::Descriptor* type);

// The field's value as CSV text, or "" when it (or a record on its path) is
// absent.
[[nodiscard]] std::string FlatValue(const google::protobuf::Message& record,
                                    const FlatField& field);

// Sets the field from CSV text (non-empty), creating the records on its path.
// INVALID_ARGUMENT saying what kind of value was expected; never quotes `text`.
[[nodiscard]] absl::Status SetFlatValue(google::protobuf::Message* record,
                                        const FlatField& field, absl::string_view text);

}  // namespace vum::convert_internal

#endif  // VUM_LIB_CONVERT_FLAT_FIELDS_H_
