// The generated field access tables against protobuf reflection: for every
// message of the standard a table of its fields, and on thousands of
// generated records the same presence, sizes and values.

#include "lib/access/field_access.h"

#include <cmath>
#include <cstring>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/generator.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum::access_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

TEST(FieldAccessTest, EveryStandardMessageHasATableOfItsFields) {
  EXPECT_EQ(kGeneratedMessageAccessCount, static_cast<int>(StandardMessages().size()));
  for (const Descriptor* type : StandardMessages()) {
    SCOPED_TRACE(type->full_name());
    const MessageAccess* access = FindMessageAccess(type);
    ASSERT_NE(access, nullptr);
    EXPECT_EQ(access->descriptor(), type);
    ASSERT_EQ(access->field_count, type->field_count());
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* f = type->field(i);
      const FieldAccess& a = access->fields[i];
      ASSERT_NE(a.size, nullptr);
      EXPECT_EQ(a.string != nullptr, f->cpp_type() == FieldDescriptor::CPPTYPE_STRING);
      EXPECT_EQ(a.message != nullptr, f->message_type() != nullptr);
    }
  }
  EXPECT_EQ(FindMessageAccess(v1::Rule::descriptor()), nullptr);  // the meta-schema
}

TEST(FieldAccessTest, DisablingHidesTheTablesUntilTheScopeEnds) {
  const Descriptor* type = v1::Werkzoekende::descriptor();
  {
    DisableGeneratedCodeForTesting disable;
    EXPECT_EQ(FindMessageAccess(type), nullptr);
  }
  EXPECT_NE(FindMessageAccess(type), nullptr);
}

// Compares every field of `m` through its table with reflection; recurses
// into nested records.
void Compare(const Message& m) {
  const Descriptor* type = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  const MessageAccess* access = FindMessageAccess(type);
  ASSERT_NE(access, nullptr) << type->full_name();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    const FieldAccess& a = access->fields[i];
    SCOPED_TRACE(f->full_name());
    const int size = f->is_repeated() ? r->FieldSize(m, f) : (r->HasField(m, f) ? 1 : 0);
    ASSERT_EQ(a.size(m), size);
    for (int k = 0; k < size; ++k) {
      const int index = f->is_repeated() ? k : -1;
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          const std::string value =
              f->is_repeated() ? r->GetRepeatedString(m, f, k) : r->GetString(m, f);
          ASSERT_EQ(a.string(m, index), value);
          break;
        }
        case FieldDescriptor::CPPTYPE_ENUM: {
          const int value =
              f->is_repeated() ? r->GetRepeatedEnumValue(m, f, k) : r->GetEnumValue(m, f);
          ASSERT_EQ(a.number(m, index), value);
          break;
        }
        case FieldDescriptor::CPPTYPE_INT32: {
          const int32_t value =
              f->is_repeated() ? r->GetRepeatedInt32(m, f, k) : r->GetInt32(m, f);
          ASSERT_EQ(a.number(m, index), value);
          break;
        }
        case FieldDescriptor::CPPTYPE_UINT32: {
          const uint32_t value =
              f->is_repeated() ? r->GetRepeatedUInt32(m, f, k) : r->GetUInt32(m, f);
          ASSERT_EQ(a.number(m, index), value);
          break;
        }
        case FieldDescriptor::CPPTYPE_INT64: {
          const int64_t value =
              f->is_repeated() ? r->GetRepeatedInt64(m, f, k) : r->GetInt64(m, f);
          ASSERT_EQ(a.number(m, index), static_cast<double>(value));
          break;
        }
        case FieldDescriptor::CPPTYPE_UINT64: {
          const uint64_t value =
              f->is_repeated() ? r->GetRepeatedUInt64(m, f, k) : r->GetUInt64(m, f);
          ASSERT_EQ(a.number(m, index), static_cast<double>(value));
          break;
        }
        case FieldDescriptor::CPPTYPE_DOUBLE: {
          const double value =
              f->is_repeated() ? r->GetRepeatedDouble(m, f, k) : r->GetDouble(m, f);
          const double got = a.number(m, index);
          ASSERT_EQ(std::memcmp(&got, &value, sizeof value), 0);
          break;
        }
        case FieldDescriptor::CPPTYPE_BOOL: {
          const bool value =
              f->is_repeated() ? r->GetRepeatedBool(m, f, k) : r->GetBool(m, f);
          ASSERT_EQ(a.number(m, index), value ? 1.0 : 0.0);
          break;
        }
        case FieldDescriptor::CPPTYPE_MESSAGE: {
          const Message& nested =
              f->is_repeated() ? r->GetRepeatedMessage(m, f, k) : r->GetMessage(m, f);
          ASSERT_EQ(&a.message(m, index), &nested);
          Compare(nested);
          break;
        }
        default:
          FAIL() << "a field type the schema does not use; extend this test";
      }
    }
  }
}

TEST(FieldAccessTest, ReadsWhatReflectionReads) {
  RecordGenerator generator({.seed = 5, .invalid_fraction = 0.3});
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  for (int i = 0; i < 2000; ++i) {
    generator.NextProfile(&profile);
    generator.NextVacancy(&vacancy);
    ASSERT_NO_FATAL_FAILURE(Compare(profile));
    ASSERT_NO_FATAL_FAILURE(Compare(vacancy));
  }
}

}  // namespace
}  // namespace vum::access_internal
