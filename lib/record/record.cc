#include "vum/record.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "google/protobuf/io/coded_stream.h"
#include "vum/json.h"
#include "vum/schema.h"

namespace vum {

namespace {
constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";
}  // namespace

Encoding DetectEncoding(absl::string_view bytes) {
  absl::ConsumePrefix(&bytes, kByteOrderMark);
  for (char c : bytes) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) continue;
    return c == '{' || c == '[' ? Encoding::kJson : Encoding::kBinary;
  }
  return Encoding::kBinary;  // empty: the empty binary record
}

absl::Status ParseBinary(absl::string_view bytes, google::protobuf::Message* message) {
  message->Clear();
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !message->MergeFromCodedStream(&input) || !input.ConsumedEntireMessage()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a valid binary ", message->GetDescriptor()->name(),
                     ": truncated or malformed, or invalid UTF-8 in a text field"));
  }
  return absl::OkStatus();
}

namespace {

// What a file that is neither JSON nor a record seems to be, by its first
// bytes; empty when nothing is recognised.
absl::string_view KnownFileKind(absl::string_view bytes) {
  static constexpr std::pair<absl::string_view, absl::string_view> kKinds[] = {
      {"\x89PNG", "a PNG image"},
      {"%PDF", "a PDF document"},
      {"PK\x03\x04", "a ZIP archive (such as an Excel or Word file)"},
      {"\x1f\x8b", "a gzip file"},
      {"\x28\xb5\x2f\xfd",
       "zstd-compressed data (a compressed batch is read by vum batch)"},
      {"\xff\xd8\xff", "a JPEG image"},
      {"<", "XML or HTML"},
  };
  for (const auto& [magic, kind] : kKinds) {
    if (absl::StartsWith(bytes, magic)) return kind;
  }
  return "";
}

}  // namespace

absl::Status ParseRecord(absl::string_view bytes, google::protobuf::Message* message,
                         std::vector<FieldPath>* absent) {
  if (absent != nullptr) absent->clear();
  absl::string_view text = bytes;
  const bool bom = absl::ConsumePrefix(&text, kByteOrderMark);
  if (absl::StripAsciiWhitespace(text).empty()) {
    message->Clear();
    return absl::InvalidArgumentError(absl::StrCat(message->GetDescriptor()->name(),
                                                   ": the input is empty, not a record"));
  }
  if (DetectEncoding(text) == Encoding::kJson) return ParseJson(text, message, absent);
  if (bom) {
    return absl::InvalidArgumentError(absl::StrCat(
        message->GetDescriptor()->name(), ": a byte-order mark, then no JSON object"));
  }
  absl::Status binary = ParseBinary(bytes, message);
  if (binary.ok()) return binary;
  const absl::string_view kind = KnownFileKind(bytes);
  return absl::InvalidArgumentError(absl::StrCat(
      "neither VUM JSON (no JSON object) nor a binary ", message->GetDescriptor()->name(),
      kind.empty() ? "" : absl::StrCat(": the file looks like ", kind)));
}

std::vector<std::string> RecordTypeNames() {
  std::vector<std::string> names;
  for (const auto* type : StandardMessages())
    names.push_back(absl::AsciiStrToLower(type->name()));
  std::sort(names.begin(), names.end());
  return names;
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> NewRecord(
    absl::string_view type) {
  for (const auto* descriptor : StandardMessages()) {
    if (absl::AsciiStrToLower(descriptor->name()) == absl::AsciiStrToLower(type) ||
        descriptor->full_name() == type) {
      return std::unique_ptr<google::protobuf::Message>(
          google::protobuf::MessageFactory::generated_factory()
              ->GetPrototype(descriptor)
              ->New());
    }
  }
  return absl::NotFoundError(absl::StrCat("no record type \"", type, "\"; known types: ",
                                          absl::StrJoin(RecordTypeNames(), ", ")));
}

}  // namespace vum
