#include "lib/convert/flat_fields.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace vum::convert_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void Collect(const Descriptor* type, std::vector<const FieldDescriptor*>& path,
             const std::string& prefix, std::vector<FlatField>& out) {
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < type->field_count(); ++i) fields.push_back(type->field(i));
  std::sort(fields.begin(), fields.end(),
            [](auto* a, auto* b) { return a->number() < b->number(); });
  for (const FieldDescriptor* f : fields) {
    if (f->is_repeated()) continue;
    path.push_back(f);
    const std::string column =
        prefix.empty() ? f->json_name() : absl::StrCat(prefix, ".", f->json_name());
    if (f->message_type() != nullptr) {
      Collect(f->message_type(), path, column, out);
    } else {
      out.push_back({column, path});
    }
    path.pop_back();
  }
}

// Doubles as protobuf prints them: the shorter of %.15g and %.17g that reads
// back exactly.
std::string DoubleText(double d) {
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%.15g", d);
  if (strtod(buffer, nullptr) != d) snprintf(buffer, sizeof(buffer), "%.17g", d);
  return buffer;
}

}  // namespace

const std::vector<FlatField>& FlatFieldsOf(const Descriptor* type) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* cache = new absl::flat_hash_map<const Descriptor*, std::vector<FlatField>>;
  absl::MutexLock lock(&mutex);
  auto it = cache->find(type);
  if (it != cache->end()) return it->second;
  std::vector<FlatField> fields;
  std::vector<const FieldDescriptor*> path;
  Collect(type, path, "", fields);
  return cache->emplace(type, std::move(fields)).first->second;
}

std::string FlatValue(const Message& record, const FlatField& field) {
  const Message* m = &record;
  for (size_t i = 0; i + 1 < field.path.size(); ++i) {
    if (!m->GetReflection()->HasField(*m, field.path[i])) return "";
    m = &m->GetReflection()->GetMessage(*m, field.path[i]);
  }
  const FieldDescriptor* f = field.path.back();
  const auto* r = m->GetReflection();
  if (!r->HasField(*m, f)) return "";
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(*m, f);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(r->GetInt32(*m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(r->GetInt64(*m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(r->GetUInt32(*m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(r->GetUInt64(*m, f));
    case FieldDescriptor::CPPTYPE_ENUM:
      return absl::StrCat(r->GetEnumValue(*m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return DoubleText(r->GetDouble(*m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return DoubleText(r->GetFloat(*m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(*m, f) ? "true" : "false";
    default:
      return "";
  }
}

absl::Status SetFlatValue(Message* record, const FlatField& field,
                          absl::string_view text) {
  Message* m = record;
  for (size_t i = 0; i + 1 < field.path.size(); ++i) {
    m = m->GetReflection()->MutableMessage(m, field.path[i]);
  }
  const FieldDescriptor* f = field.path.back();
  const auto* r = m->GetReflection();
  auto expected = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("column ", field.column, ": expected ", what));
  };
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      r->SetString(m, f, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_ENUM: {
      int32_t n;
      if (!absl::SimpleAtoi(text, &n)) return expected("a whole number (32-bit)");
      f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM ? r->SetEnumValue(m, f, n)
                                                     : r->SetInt32(m, f, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t n;
      if (!absl::SimpleAtoi(text, &n)) return expected("a whole number");
      r->SetInt64(m, f, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t n;
      if (!absl::SimpleAtoi(text, &n)) return expected("a non-negative whole number");
      r->SetUInt32(m, f, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t n;
      if (!absl::SimpleAtoi(text, &n)) return expected("a non-negative whole number");
      r->SetUInt64(m, f, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double d;
      if (!absl::SimpleAtod(text, &d) || !std::isfinite(d)) return expected("a number");
      f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE
          ? r->SetDouble(m, f, d)
          : r->SetFloat(m, f, static_cast<float>(d));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text != "true" && text != "false") return expected("true or false");
      r->SetBool(m, f, text == "true");
      return absl::OkStatus();
    default:
      return expected("a value this column cannot hold");
  }
}

}  // namespace vum::convert_internal
