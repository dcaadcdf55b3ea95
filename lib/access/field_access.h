// Internal: typed access to the fields of the standard's messages, generated
// from the schema at build time (lib/codegen, vum_codegen, writes the tables).
//
// Protobuf reflection finds a field through its descriptor on every call
// (offset tables, has-bits, type checks); the generated tables call the
// generated accessors (`has_naam()`, `naam()`, `add_opleiding()`) through one
// function pointer. The JSON fast path writes with them and the validator
// reads with them; both keep a reflection path for messages without a table,
// and the tests hold the two paths to the same results.
//
// Example:
//
//   const MessageAccess* access = FindMessageAccess(profile.GetDescriptor());
//   const int i = access->FieldIndex("emailadres");  // a JSON name
//   const FieldAccess& f = access->fields[i];
//   for (int k = 0; k < f.size(profile); ++k) Use(f.string(profile, k));
//
// Thread safety: the tables are immutable; every function is safe to call
// concurrently on different messages.

#ifndef VUM_LIB_ACCESS_FIELD_ACCESS_H_
#define VUM_LIB_ACCESS_FIELD_ACCESS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace vum::access_internal {

// The accessors of one field. A pointer is null where the field's type has no
// such accessor (`string` on a number field, `set_double` on a text field).
// `index` is the element of a repeated field, and -1 for a singular one.
// Every function requires a message of the table's type.
struct FieldAccess {
  using Message = google::protobuf::Message;

  // Singular: 1 if the field is present (as Reflection::HasField), else 0.
  // Repeated: the number of elements.
  int (*size)(const Message& m);

  // Reading a present field or an element.
  const std::string& (*string)(const Message& m, int index);  // string, bytes
  double (*number)(const Message& m, int index);  // numbers, enums, bool as 0/1
  int (*enum_value)(const Message& m, int index);
  const Message& (*message)(const Message& m, int index);

  // Writing: a singular field is set, a repeated field gets one more element.
  // Not for bytes fields.
  void (*set_string)(Message* m, std::string_view value);
  void (*set_int32)(Message* m, int32_t value);  // int32 and enum fields
  void (*set_uint32)(Message* m, uint32_t value);
  void (*set_int64)(Message* m, int64_t value);
  void (*set_uint64)(Message* m, uint64_t value);
  void (*set_double)(Message* m, double value);
  void (*set_bool)(Message* m, bool value);
  // The nested message: the singular one (created if absent) or a new element.
  Message* (*mutable_message)(Message* m);
  // Clears the field (a repeated one keeps its elements' memory for reuse).
  void (*clear)(Message* m);
};

// The table of one message type: `fields[i]` belongs to descriptor->field(i).
struct MessageAccess {
  const google::protobuf::Descriptor* (*descriptor)();
  const FieldAccess* fields;
  int field_count;
  // The index of the field whose JSON name is `json_name`, or -1.
  int (*field_index)(std::string_view json_name);

  [[nodiscard]] int FieldIndex(std::string_view json_name) const {
    return field_index(json_name);
  }
};

// The table of `type`, or null if the schema has none for it (a message from
// outside the standard) or tables are disabled.
[[nodiscard]] const MessageAccess* FindMessageAccess(
    const google::protobuf::Descriptor* type);

// While an instance lives, FindMessageAccess returns null in this process, so
// that parsers and validators created meanwhile use reflection: the reference
// the tests compare the tables with. Not for production use; not thread-safe
// against concurrent creation of parsers or validators.
class DisableAccessTablesForTesting {
 public:
  DisableAccessTablesForTesting();
  ~DisableAccessTablesForTesting();
  DisableAccessTablesForTesting(const DisableAccessTablesForTesting&) = delete;
  DisableAccessTablesForTesting& operator=(const DisableAccessTablesForTesting&) = delete;

 private:
  bool was_disabled_;
};

// The generated tables, one per message type of the standard (defined in the
// generated source).
extern const MessageAccess kGeneratedMessageAccess[];
extern const int kGeneratedMessageAccessCount;

}  // namespace vum::access_internal

#endif  // VUM_LIB_ACCESS_FIELD_ACCESS_H_
