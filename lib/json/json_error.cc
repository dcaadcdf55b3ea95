#include "lib/json/json_error.h"

#include <simdjson.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vum::json_internal {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr size_t kMaxPropertyNameBytes = 64;

// Reads every value under `value`, so that the on-demand reader stops at the
// first fault.
error_code ReadAll(od::value value) {
  od::json_type type;
  if (error_code e = value.type().get(type)) return e;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (error_code e = value.get_object().get(object)) return e;
      for (auto field : object) {
        std::string_view key;
        od::value member;
        if (error_code e = field.unescaped_key().get(key)) return e;
        if (error_code e = field.value().get(member)) return e;
        if (error_code e = ReadAll(member)) return e;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array array;
      if (error_code e = value.get_array().get(array)) return e;
      for (auto item : array) {
        od::value element;
        if (error_code e = item.get(element)) return e;
        if (error_code e = ReadAll(element)) return e;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      return value.get_string().get(s);
    }
    case od::json_type::number: {
      double d;
      return value.get_double().get(d);
    }
    case od::json_type::boolean: {
      bool b;
      return value.get_bool().get(b);
    }
    case od::json_type::null: {
      bool is_null;
      if (error_code e = value.is_null().get(is_null)) return e;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::SUCCESS;
}

absl::string_view Reason(error_code e) {
  switch (e) {
    case simdjson::EMPTY:
      return "the document is empty";
    case simdjson::UNCLOSED_STRING:
      return "a string is not closed";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    case simdjson::UNESCAPED_CHARS:
      return "a control character in a string is not escaped";
    case simdjson::STRING_ERROR:
      return "a string holds an invalid escape";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
    case simdjson::INCORRECT_TYPE:
      return "a word that is not true, false or null";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return "an invalid number";
    case simdjson::DEPTH_ERROR:
      return "nested too deeply";
    case simdjson::TRAILING_CONTENT:
      return "more text after the end of the document";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return "the document ends inside an object or array";
    default:
      return "a comma, colon, quote, bracket or brace is missing or out of place";
  }
}

std::string At(absl::string_view json, size_t offset, error_code e) {
  const TextPosition pos = PositionOf(json, std::min(json.size(), offset));
  return absl::StrCat("malformed JSON at line ", pos.line, ", column ", pos.column, ": ",
                      Reason(e));
}

std::string AtTheEnd(absl::string_view json, error_code e) {
  return At(json, json.size(), e);
}

}  // namespace

std::string DescribeSyntaxError(absl::string_view json) {
  const simdjson::padded_string padded(json.data(), json.size());
  od::parser parser;
  od::document doc;
  error_code e = parser.iterate(padded).get(doc);
  if (e == simdjson::UNCLOSED_STRING) return AtTheEnd(json, e);
  if (e) return absl::StrCat("malformed JSON: ", Reason(e));
  od::value root;
  e = doc.get_value().get(root);
  if (!e) e = ReadAll(root);
  const char* at = nullptr;
  const error_code located = doc.current_location().get(at);
  if (!e && located == simdjson::SUCCESS) e = simdjson::TRAILING_CONTENT;
  if (!e) e = simdjson::TAPE_ERROR;  // simdjson's DOM refused what this read
  if (e == simdjson::UNCLOSED_STRING || e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
    return AtTheEnd(json, e);
  }
  if (located != simdjson::SUCCESS) return absl::StrCat("malformed JSON: ", Reason(e));
  return At(json, static_cast<size_t>(at - padded.data()), e);
}

bool CouldBeAName(absl::string_view key) {
  if (key.empty() || key.size() > kMaxPropertyNameBytes) return false;
  if (!absl::ascii_isalpha(key[0]) && key[0] != '_') return false;
  for (char c : key) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

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

}  // namespace vum::json_internal
