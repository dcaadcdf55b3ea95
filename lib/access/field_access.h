// Internal: typed reading of the fields of the standard's messages, generated
// from the schema at build time (lib/codegen, vum_codegen, writes the tables).
//
// Protobuf reflection finds a field through its descriptor on every call
// (offset tables, has-bits, type checks); a table calls the generated
// accessors (`has_naam()`, `naam()`, `opleiding(i)`) through one function
// pointer. The steps that generated validation walkers share with the
// plan-driven walk (rules over several fields, duplicates in lists) read
// with them.
//
// The tables also switch the rest of the generated code: while disabled
// (DisableGeneratedCodeForTesting) the validator walks and the JSON parser
// reads every message through reflection, the reference the tests hold the
// generated code to.
//
// Example:
//
//   const MessageAccess* access = FindMessageAccess(profile.GetDescriptor());
//   const FieldAccess& f = access->fields[i];  // descriptor->field(i)
//   for (int k = 0; k < f.size(profile); ++k) Use(f.string(profile, k));
//
// Thread safety: the tables are immutable; every function is safe to call
// concurrently on different messages.

#ifndef VUM_LIB_ACCESS_FIELD_ACCESS_H_
#define VUM_LIB_ACCESS_FIELD_ACCESS_H_

#include <cstdint>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace vum::access_internal {

// The accessors of one field. A pointer is null where the field's type has no
// such accessor (`string` on a number field). `index` is the element of a
// repeated field, and -1 for a singular one. Every function requires a
// message of the table's type.
struct FieldAccess {
  using Message = google::protobuf::Message;

  // Singular: 1 if the field is present (as Reflection::HasField), else 0.
  // Repeated: the number of elements.
  int (*size)(const Message& m);

  // Reading a present field or an element.
  const std::string& (*string)(const Message& m, int index);  // string, bytes
  double (*number)(const Message& m, int index);  // numbers, enums, bool as 0/1
  const Message& (*message)(const Message& m, int index);
};

// The table of one message type: `fields[i]` belongs to descriptor->field(i).
struct MessageAccess {
  const google::protobuf::Descriptor* (*descriptor)();
  const FieldAccess* fields;
  int field_count;
};

// The table of `type`, or null if the schema has none for it (a message from
// outside the standard) or generated code is disabled.
[[nodiscard]] const MessageAccess* FindMessageAccess(
    const google::protobuf::Descriptor* type);

// While an instance lives, FindMessageAccess returns null in this process, and
// validators created (JSON parsers first used) meanwhile run no generated code:
// the
// reference the tests compare the generated code with. Not for production use;
// not thread-safe against concurrent creation of parsers or validators.
class DisableGeneratedCodeForTesting {
 public:
  DisableGeneratedCodeForTesting();
  ~DisableGeneratedCodeForTesting();
  DisableGeneratedCodeForTesting(const DisableGeneratedCodeForTesting&) = delete;
  DisableGeneratedCodeForTesting& operator=(const DisableGeneratedCodeForTesting&) =
      delete;

 private:
  bool was_disabled_;
};

// The generated tables, one per message type of the standard (defined in the
// generated source).
extern const MessageAccess kGeneratedMessageAccess[];
extern const int kGeneratedMessageAccessCount;

}  // namespace vum::access_internal

#endif  // VUM_LIB_ACCESS_FIELD_ACCESS_H_
