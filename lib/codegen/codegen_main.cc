// vum_codegen: writes the C++ that the library derives from the schema, from
// the descriptors compiled into vum::proto. Run by the build; its output is
// not checked in.
//
//   vum_codegen ACCESS_TABLES.cc WALKERS.cc JSON_PARSERS.cc JSON_BINARY.cc
//
// ACCESS_TABLES.cc: typed field access for every message of the standard
// (lib/access/field_access.h). WALKERS.cc: a validation walker for every
// message (lib/validate/walker.h). JSON_PARSERS.cc: a VUM JSON parser for
// every message (lib/json/json_values.h). JSON_BINARY.cc: a writer of VUM JSON
// straight into protobuf's binary form for every message
// (lib/json/json_binary.h).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "lib/codegen/names.h"
#include "lib/schema/catalogue.h"

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FileDescriptor;

// Written whole or not at all: a half-written source must not be compiled.
bool WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) {
      std::cerr << "vum_codegen: cannot write " << temp << "\n";
      return false;
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::cerr << "vum_codegen: cannot rename " << temp << " to " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: vum_codegen ACCESS_TABLES.cc WALKERS.cc JSON_PARSERS.cc "
                 "JSON_BINARY.cc\n";
    return 2;
  }
  const vum::schema_internal::Catalogue catalogue =
      vum::schema_internal::CollectCatalogue();
  const std::vector<const Descriptor*>& types = catalogue.messages;
  std::vector<std::string> headers;
  for (const FileDescriptor* file : catalogue.files) {
    std::string header = file->name();
    header.replace(header.size() - 6, 6, ".pb.h");
    headers.push_back(header);
  }
  for (const Descriptor* type : types) {
    if (type->field_count() > 64 || type->real_oneof_decl_count() > 64) {
      // The generated parsers keep a 64-bit mask of the fields they have seen.
      std::cerr << "vum_codegen: " << type->full_name()
                << " has more than 64 fields or oneofs\n";
      return 1;
    }
    for (int i = 0; i < type->field_count(); ++i) {
      const auto* f = type->field(i);
      if (!f->is_repeated() && !f->has_presence()) {
        // Presence is `has_x()`; without it a code 0 could not be told from
        // absence (and the standard declares every singular field optional).
        std::cerr << "vum_codegen: " << f->full_name() << " has no explicit presence\n";
        return 1;
      }
    }
    if (type->extension_range_count() > 0) {
      // Generated code could not clear or read extensions.
      std::cerr << "vum_codegen: " << type->full_name()
                << " declares extensions, which generated access does not support\n";
      return 1;
    }
  }
  const bool ok =
      WriteAtomically(argv[1], vum::codegen::AccessTablesSource(types, headers)) &&
      WriteAtomically(argv[2], vum::codegen::WalkersSource(types, headers)) &&
      WriteAtomically(argv[3], vum::codegen::JsonParsersSource(types, headers)) &&
      WriteAtomically(argv[4], vum::codegen::JsonBinarySource(types, headers));
  return ok ? 0 : 1;
}
