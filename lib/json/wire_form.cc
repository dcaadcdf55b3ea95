#include "lib/json/wire_form.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "vum/schema.h"

namespace vum::json_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

uint32_t Hex4(absl::string_view s) {
  uint32_t v = 0;
  for (char c : s.substr(0, 4)) {
    v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// The text of a JSON string literal's contents (valid JSON: every escape is
// whole).
std::string Unescape(absl::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.push_back(raw[i]);
      continue;
    }
    const char e = raw[++i];
    if (e != 'u') {
      out.push_back(e == 'b'   ? '\b'
                    : e == 'f' ? '\f'
                    : e == 'n' ? '\n'
                    : e == 'r' ? '\r'
                    : e == 't' ? '\t'
                               : e);
      continue;
    }
    uint32_t cp = Hex4(raw.substr(i + 1));
    i += 4;
    if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < raw.size() && raw[i + 1] == '\\' &&
        raw[i + 2] == 'u') {
      const uint32_t low = Hex4(raw.substr(i + 3));
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

// One pass over the document's text, copying it to the output only once
// something is rewritten.
class Walker {
 public:
  Walker(absl::string_view json, WireReading* out) : s_(json), out_(out) {}

  absl::Status Document(const Descriptor& root) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '{') {
      if (absl::Status st = Object(root); !st.ok()) return st;
    }
    if (out_->rewritten) absl::StrAppend(&out_->text, s_.substr(copied_));
    return absl::OkStatus();
  }

 private:
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  // At '"': past the closing quote; returns the contents, escapes as written.
  absl::string_view String() {
    const size_t start = ++pos_;
    while (s_[pos_] != '"') pos_ += s_[pos_] == '\\' ? 2 : 1;
    return s_.substr(start, pos_++ - start);
  }

  void SkipValue() {
    const char c = Peek();
    if (c == '"') {
      (void)String();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      do {
        const char d = s_[pos_];
        if (d == '"') {
          (void)String();
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') --depth;
        ++pos_;
      } while (depth > 0);
      return;
    }
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' &&
           s_[pos_] != ' ' && s_[pos_] != '\t' && s_[pos_] != '\n' && s_[pos_] != '\r')
      ++pos_;
  }

  // Replaces s_[start, pos_) by `with` in the output.
  void Replace(size_t start, absl::string_view with) {
    out_->rewritten = true;
    absl::StrAppend(&out_->text, s_.substr(copied_, start - copied_), with);
    copied_ = pos_;
  }

  absl::Status Refuse(absl::string_view why) const {
    return absl::InvalidArgumentError(
        absl::StrCat("property \"", path_.ToString(), "\": ", why));
  }

  absl::Status Object(const Descriptor& type) {
    ++pos_;  // '{'
    SkipSpace();
    while (Peek() == '"') {
      const std::string key = Unescape(String());
      SkipSpace();
      ++pos_;  // ':'
      SkipSpace();
      const FieldDescriptor* field = FieldNamed(type, key);
      if (field == nullptr) {
        SkipValue();  // protobuf judges unknown properties
      } else {
        path_.Append(field->json_name());
        absl::Status st = Member(*field);
        path_.RemoveLast();
        if (!st.ok()) return st;
      }
      SkipSpace();
      if (Peek() == ',') ++pos_;
      SkipSpace();
    }
    ++pos_;  // '}'
    return absl::OkStatus();
  }

  absl::Status Member(const FieldDescriptor& field) {
    switch (Peek()) {
      case 'n':
        out_->absent.push_back(path_);
        SkipValue();
        return absl::OkStatus();
      case '"':
        return StringMember(field);
      case '[':
        return field.is_repeated() ? List(field) : (SkipValue(), absl::OkStatus());
      case '{':
        if (field.is_repeated() || field.message_type() == nullptr) break;
        return Object(*field.message_type());
      default:
        break;
    }
    SkipValue();
    return absl::OkStatus();
  }

  absl::Status StringMember(const FieldDescriptor& field) {
    const size_t start = pos_;
    const absl::string_view text = String();
    if (field.is_repeated() || field.message_type() != nullptr) return absl::OkStatus();
    if (text.empty()) {
      out_->absent.push_back(path_);
      Replace(start, "null");
      return absl::OkStatus();
    }
    return Code(field, start, text);
  }

  // A string where an enum's code belongs.
  absl::Status Code(const FieldDescriptor& field, size_t start, absl::string_view text) {
    if (field.enum_type() == nullptr) return absl::OkStatus();
    if (!IsJsonStringCode(field)) {
      return Refuse(absl::StrCat("expected an integer code of ",
                                 field.enum_type()->name(), ", found a string"));
    }
    int32_t code;
    if (!ParseCodeDigits(text, &code)) {
      return Refuse(absl::StrCat("expected a code of ", field.enum_type()->name(),
                                 " as a string of its digits"));
    }
    Replace(start, text);
    return absl::OkStatus();
  }

  absl::Status List(const FieldDescriptor& field) {
    const size_t open = pos_++;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      out_->absent.push_back(path_);
      return absl::OkStatus();
    }
    pos_ = open;
    if (field.message_type() == nullptr && field.enum_type() == nullptr) {
      SkipValue();
      return absl::OkStatus();
    }
    ++pos_;
    for (int i = 0;; ++i) {
      SkipSpace();
      if (Peek() == ']') break;
      path_.RemoveLast();
      path_.Append(field.json_name(), i);
      absl::Status st = Element(field);
      path_.RemoveLast();
      path_.Append(field.json_name());
      if (!st.ok()) return st;
      SkipSpace();
      if (Peek() == ',') ++pos_;
    }
    ++pos_;  // ']'
    return absl::OkStatus();
  }

  absl::Status Element(const FieldDescriptor& field) {
    if (Peek() == '{' && field.message_type() != nullptr)
      return Object(*field.message_type());
    if (Peek() == '"' && field.enum_type() != nullptr) {
      const size_t start = pos_;
      return Code(field, start, String());
    }
    SkipValue();
    return absl::OkStatus();
  }

  absl::string_view s_;
  WireReading* out_;
  size_t pos_ = 0;
  size_t copied_ = 0;
  FieldPath path_;
};

}  // namespace

const FieldDescriptor* FieldNamed(const Descriptor& type, absl::string_view key) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* f = type.field(i);
    if (f->json_name() == key || f->name() == key) return f;
  }
  return nullptr;
}

bool IsJsonStringCode(const FieldDescriptor& field) {
  return field.enum_type() != nullptr && InfoOf(field).json_string();
}

bool ParseCodeDigits(absl::string_view text, int32_t* code) {
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 10 || (text.size() > 1 && text[0] == '0'))
    return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX || (negative && value == 0)) return false;
  *code = static_cast<int32_t>(value);
  return true;
}

absl::Status ReadWireForm(absl::string_view json, const Descriptor& root,
                          WireReading* out) {
  *out = WireReading{};
  return Walker(json, out).Document(root);
}

}  // namespace vum::json_internal
