#include "lib/json/json_error.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/substitute.h"

namespace vum::json_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

constexpr size_t kMaxPropertyNameBytes = 64;

// A property name from the document, quoted, with control characters,
// quotes and backslashes escaped and long names cut short.
std::string QuoteName(absl::string_view name) {
  std::string out = "\"";
  size_t end = name.size();
  if (end > kMaxPropertyNameBytes) {
    end = kMaxPropertyNameBytes;
    // Do not cut a UTF-8 sequence in half.
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  }
  for (size_t i = 0; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\", std::string(1, static_cast<char>(c)));
    } else if (c < 0x20 || c == 0x7F) {
      absl::StrAppend(&out, "\\x", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (end < name.size()) out += "...";
  out += "\"";
  return out;
}

// Whether `key` could be the name of a property of the schema: an ASCII
// letter or '_', then letters, digits and '_', at most kMaxPropertyNameBytes.
// Only such a key is repeated in a message; any other may carry a value
// ("jan@example.nl": 1) and is placed by line and column instead.
bool CouldBeAName(absl::string_view key) {
  if (key.empty() || key.size() > kMaxPropertyNameBytes) return false;
  if (!absl::ascii_isalpha(key[0]) && key[0] != '_') return false;
  for (char c : key) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

const FieldDescriptor* FindField(const Descriptor& message, absl::string_view name) {
  if (const FieldDescriptor* field = message.FindFieldByName(std::string(name))) {
    return field;
  }
  for (int i = 0; i < message.field_count(); ++i) {
    if (message.field(i)->json_name() == name) return message.field(i);
  }
  return nullptr;
}

// The message type at the end of `proto_path`, or nullptr.
const Descriptor* MessageAt(absl::string_view proto_path, const Descriptor& root) {
  const Descriptor* message = &root;
  if (proto_path.empty()) return message;
  for (absl::string_view segment : absl::StrSplit(proto_path, '.')) {
    segment = segment.substr(0, segment.find('['));
    const FieldDescriptor* field = FindField(*message, segment);
    if (field == nullptr || field->message_type() == nullptr) return nullptr;
    message = field->message_type();
  }
  return message;
}

// Depth-first search for a field called `name` anywhere under `message`;
// protobuf names only the field, not its path, in some errors.
const FieldDescriptor* FindFieldAnywhere(const Descriptor& message,
                                         absl::string_view name,
                                         std::vector<const Descriptor*>& seen) {
  for (const Descriptor* s : seen) {
    if (s == &message) return nullptr;
  }
  seen.push_back(&message);
  if (const FieldDescriptor* field = FindField(message, name)) return field;
  for (int i = 0; i < message.field_count(); ++i) {
    if (const Descriptor* nested = message.field(i)->message_type()) {
      if (const FieldDescriptor* f = FindFieldAnywhere(*nested, name, seen)) return f;
    }
  }
  return nullptr;
}

std::string Join(const std::string& path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

// What protobuf expected, in words, from the type it names.
std::string Expected(absl::string_view type, const Descriptor& root) {
  if (type == "TYPE_STRING") return "a string";
  if (type == "TYPE_BOOL") return "true or false";
  if (type == "TYPE_BYTES") return "base64 text";
  if (type == "TYPE_DOUBLE" || type == "TYPE_FLOAT") return "a number";
  if (type == "TYPE_INT32" || type == "TYPE_SINT32" || type == "TYPE_SFIXED32") {
    return "an integer from -2147483648 to 2147483647";
  }
  if (type == "TYPE_UINT32" || type == "TYPE_FIXED32") {
    return "an integer from 0 to 4294967295";
  }
  if (type == "TYPE_INT64" || type == "TYPE_SINT64" || type == "TYPE_SFIXED64") {
    return "a 64-bit integer";
  }
  if (type == "TYPE_UINT64" || type == "TYPE_FIXED64") {
    return "a non-negative 64-bit integer";
  }
  if (absl::ConsumePrefix(&type, "type.googleapis.com/")) {
    const auto* pool = root.file()->pool();
    if (const auto* e = pool->FindEnumTypeByName(std::string(type))) {
      return absl::StrCat("an integer code of ", e->name());
    }
    if (pool->FindMessageTypeByName(std::string(type)) != nullptr) return "an object";
  }
  return "another type";
}

// The kind of JSON value protobuf quoted for a field of `type`, without
// repeating the value. A number for a numeric field is wrong by its range or
// fraction; for any other field by its kind.
std::string Found(absl::string_view value, absl::string_view type) {
  if (value.empty()) return "a value";
  if (value.front() == '"') return "a string";
  if (value == "true" || value == "false") return "a boolean";
  if (value == "null") return "null";
  if (value.front() == '-' || absl::ascii_isdigit(value.front())) {
    const bool numeric = absl::StartsWith(type, "TYPE_") && type != "TYPE_STRING" &&
                         type != "TYPE_BYTES" && type != "TYPE_BOOL";
    return numeric ? "a number out of range or not a whole number" : "a number";
  }
  return "a value of another type";
}

// Splits "(path) rest" into path and rest; "rest" alone has an empty path.
void SplitPath(absl::string_view text, absl::string_view& path, absl::string_view& rest) {
  path = {};
  rest = text;
  if (!absl::StartsWith(text, "(")) return;
  const size_t close = text.find(')');
  if (close == absl::string_view::npos) return;
  path = text.substr(1, close - 1);
  rest = absl::StripLeadingAsciiWhitespace(text.substr(close + 1));
}

// Texts protobuf appends to "(path) key: " that say what went wrong with a
// property; mapped to our words.
struct KeyError {
  absl::string_view protobuf_text;
  absl::string_view message;  // $0 is the quoted property path
};
constexpr KeyError kKeyErrors[] = {
    {"Cannot find field.", "unknown property $0"},
    {"Proto field is not repeating, cannot start list.",
     "property $0: expected a single value, found an array"},
};

std::string SyntaxError(absl::string_view message, absl::string_view json) {
  std::vector<absl::string_view> lines = absl::StrSplit(message, '\n');
  std::string reason(absl::StripSuffix(lines[0], "."));
  if (reason == "Encountered non UTF-8 code points") reason = "invalid UTF-8";
  // protobuf shows up to 20 bytes each side of the error and a caret under
  // it; find that snippet in the input to report a line and column.
  if (lines.size() >= 3) {
    const size_t caret = lines[2].find('^');
    const size_t at = lines[1].empty() ? json.size() : json.find(lines[1]);
    if (caret != absl::string_view::npos && at != absl::string_view::npos &&
        (lines[1].empty() || json.find(lines[1], at + 1) == absl::string_view::npos)) {
      const TextPosition pos = PositionOf(json, std::min(json.size(), at + caret));
      return absl::StrCat("malformed JSON at line ", pos.line, ", column ", pos.column,
                          ": ", reason);
    }
  }
  return absl::StrCat("malformed JSON: ", reason);
}

}  // namespace

TextPosition PositionOf(absl::string_view text, size_t offset) {
  TextPosition pos;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;  // Count code points, not UTF-8 continuation bytes.
    }
  }
  return pos;
}

std::string JsonPath(absl::string_view proto_path, const Descriptor& root) {
  std::string out;
  const Descriptor* message = &root;
  for (absl::string_view segment : absl::StrSplit(proto_path, '.', absl::SkipEmpty())) {
    const size_t bracket = segment.find('[');
    absl::string_view name = segment.substr(0, bracket);
    absl::string_view index =
        bracket == absl::string_view::npos ? "" : segment.substr(bracket);
    const FieldDescriptor* field =
        message == nullptr ? nullptr : FindField(*message, name);
    if (!out.empty()) out += ".";
    absl::StrAppend(&out, field == nullptr ? std::string(name) : field->json_name(),
                    index);
    message = field == nullptr ? nullptr : field->message_type();
  }
  return out;
}

std::string SafeParseError(absl::string_view message, absl::string_view json,
                           const Descriptor& root) {
  // Syntax errors carry the input around the error on the lines below.
  if (absl::StrContains(message, '\n')) return SyntaxError(message, json);

  if (message == ": Root element must be a message.") {
    return "expected a JSON object at the top level";
  }

  absl::string_view proto_path, rest;
  SplitPath(message, proto_path, rest);
  const std::string path = JsonPath(proto_path, root);

  for (const KeyError& error : kKeyErrors) {
    absl::string_view key = rest;
    if (absl::ConsumeSuffix(&key, error.protobuf_text) &&
        absl::ConsumeSuffix(&key, ": ")) {
      const Descriptor* parent = MessageAt(proto_path, root);
      const FieldDescriptor* field =
          parent == nullptr ? nullptr : FindField(*parent, key);
      if (field != nullptr) {
        return absl::Substitute(error.message,
                                absl::StrCat("\"", Join(path, field->json_name()), "\""));
      }
      if (CouldBeAName(key))
        return absl::Substitute(error.message, QuoteName(Join(path, key)));
      // Not a name: where it is, never what it says.
      const size_t at = json.find(absl::StrCat("\"", key, "\""));
      if (at == absl::string_view::npos) {
        return absl::Substitute(error.message,
                                path.empty() ? std::string("(a key that is not a name)")
                                             : absl::StrCat("in \"", path, "\""));
      }
      const TextPosition pos = PositionOf(json, at);
      return absl::Substitute(
          error.message, absl::StrCat("at line ", pos.line, ", column ", pos.column));
    }
  }

  absl::string_view tail = rest;
  if (absl::ConsumePrefix(&tail, ": invalid value ")) {
    absl::string_view detail = tail;
    if (absl::ConsumePrefix(&detail, "oneof field '")) {
      // "oneof field '<oneof>' is already set. Cannot set '<json name>' ..."
      const absl::string_view oneof = detail.substr(0, detail.find('\''));
      const size_t set = detail.find("Cannot set '");
      absl::string_view property =
          set == absl::string_view::npos ? "" : detail.substr(set + 12);
      property = property.substr(0, property.find('\''));
      const std::string name = QuoteName(Join(path, property));
      if (absl::StartsWith(oneof, "_")) {
        // proto3 `optional` is a oneof of one field: set twice.
        return absl::StrCat("property ", name, " appears more than once");
      }
      return absl::StrCat("property ", name, ": only one of the alternatives of \"",
                          Join(path, oneof), "\" may be present");
    }
    detail = tail;
    if (absl::ConsumePrefix(&detail, "Starting an object on a scalar field for type ")) {
      // protobuf names the field but not its path.
      std::vector<const Descriptor*> seen;
      const FieldDescriptor* field = FindFieldAnywhere(root, detail, seen);
      return absl::StrCat("property \"",
                          field != nullptr ? field->json_name() : std::string("?"),
                          "\": expected a single value, found an object");
    }
    // "(path): invalid value <value> for type <type>"
    const size_t for_type = tail.rfind(" for type ");
    if (for_type != absl::string_view::npos && !path.empty()) {
      const absl::string_view value = tail.substr(0, for_type);
      const absl::string_view type = tail.substr(for_type + 10);
      return absl::StrCat("property \"", path, "\": expected ", Expected(type, root),
                          ", found ", Found(value, type));
    }
  }
  return path.empty() ? std::string("not a valid VUM JSON document")
                      : absl::StrCat("property \"", path, "\": not valid VUM JSON");
}

}  // namespace vum::json_internal
