// Internal: the files, messages and enums of the standard's dataset, found
// from the compiled descriptors. Header-only, so that the build-time code
// generator (lib/codegen), which cannot link the library it generates for,
// finds exactly what StandardFiles() and StandardMessages() return.

#ifndef VUM_LIB_SCHEMA_CATALOGUE_H_
#define VUM_LIB_SCHEMA_CATALOGUE_H_

#include <set>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/envelope.pb.h"
#include "vum/v1/selection.pb.h"

namespace vum::schema_internal {

struct Catalogue {
  // In dependency order; every file of package vum.v1 but the meta-schema.
  std::vector<const google::protobuf::FileDescriptor*> files;
  // In file order, then declaration order, nested types after their parent.
  std::vector<const google::protobuf::Descriptor*> messages;
  std::vector<const google::protobuf::EnumDescriptor*> enums;
};

namespace catalogue_detail {

inline void CollectFiles(const google::protobuf::FileDescriptor* file,
                         std::set<const google::protobuf::FileDescriptor*>& seen,
                         std::vector<const google::protobuf::FileDescriptor*>& out) {
  if (!seen.insert(file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) {
    CollectFiles(file->dependency(i), seen, out);
  }
  // The meta-schema (options.proto) declares the options, not the data.
  if (file->package() == "vum.v1" && file->name() != "vum/v1/options.proto") {
    out.push_back(file);
  }
}

inline void CollectMessages(const google::protobuf::Descriptor* message, Catalogue& c) {
  c.messages.push_back(message);
  for (int i = 0; i < message->enum_type_count(); ++i)
    c.enums.push_back(message->enum_type(i));
  for (int i = 0; i < message->nested_type_count(); ++i) {
    CollectMessages(message->nested_type(i), c);
  }
}

}  // namespace catalogue_detail

// Walks the descriptors; callers keep the result.
inline Catalogue CollectCatalogue() {
  Catalogue c;
  std::set<const google::protobuf::FileDescriptor*> seen;
  // The envelope, the batch and the selection questions import every other
  // file of the dataset.
  catalogue_detail::CollectFiles(v1::Envelop::descriptor()->file(), seen, c.files);
  catalogue_detail::CollectFiles(v1::BatchRecord::descriptor()->file(), seen, c.files);
  catalogue_detail::CollectFiles(v1::Selectievraag::descriptor()->file(), seen, c.files);
  for (const google::protobuf::FileDescriptor* file : c.files) {
    for (int i = 0; i < file->enum_type_count(); ++i)
      c.enums.push_back(file->enum_type(i));
    for (int i = 0; i < file->message_type_count(); ++i) {
      catalogue_detail::CollectMessages(file->message_type(i), c);
    }
  }
  return c;
}

}  // namespace vum::schema_internal

#endif  // VUM_LIB_SCHEMA_CATALOGUE_H_
