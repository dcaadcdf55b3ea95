#include "lib/node/openapi_check.h"

#include <google/protobuf/util/json_util.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace vum::node::testing {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

const Value& At(const Struct& s, const std::string& key) {
  static const Value* const kNone = new Value();
  auto it = s.fields().find(key);
  return it == s.fields().end() ? *kNone : it->second;
}
const Struct& Obj(const Struct& s, const std::string& key) {
  return At(s, key).struct_value();
}

// The documents a schema refers to by a relative file name
// ("node-records-openapi.json#/components/schemas/X"), read from `dir` on
// first use and kept for the provider's life. A name that cannot be read is
// kept in missing(): RapidJSON would otherwise pass what refers to it.
class SiblingDocuments : public rapidjson::IRemoteSchemaDocumentProvider {
 public:
  explicit SiblingDocuments(std::string dir) : dir_(std::move(dir)) {}

  const rapidjson::SchemaDocument* GetRemoteDocument(const char* uri,
                                                     rapidjson::SizeType) override {
    // The name runs to the '#'. RapidJSON 1.1.0 passes a length one short
    // (its HandleRefSchema's `i - 1`), so it is not used; `uri` is the whole
    // $ref, terminated.
    const std::string name(uri, std::strcspn(uri, "#"));
    auto it = compiled_.find(name);
    if (it != compiled_.end()) return it->second.get();
    std::ifstream in(absl::StrCat(dir_, "/", name));
    if (name.find('/') != std::string::npos || !in) {
      missing_.insert(name);
      return nullptr;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto& json = parsed_[name];
    json.Parse(text.str().c_str());
    if (json.HasParseError()) {
      missing_.insert(name);
      return nullptr;
    }
    auto& compiled = compiled_[name];
    compiled = std::make_unique<rapidjson::SchemaDocument>(json, this);
    return compiled.get();
  }

  const std::set<std::string>& missing() const { return missing_; }

 private:
  std::string dir_;
  std::set<std::string> missing_;
  std::map<std::string, rapidjson::Document> parsed_;
  std::map<std::string, std::unique_ptr<rapidjson::SchemaDocument>> compiled_;
};

}  // namespace

absl::StatusOr<OpenApiDocument> OpenApiDocument::Read(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  OpenApiDocument d;
  d.text_ = text.str();
  const size_t slash = path.rfind('/');
  d.dir_ = slash == std::string::npos ? "." : path.substr(0, slash);
  if (!google::protobuf::util::JsonStringToMessage(d.text_, &d.doc_).ok())
    return absl::InvalidArgumentError(absl::StrCat(path, " is not JSON"));
  return d;
}

const Struct& OpenApiDocument::Resolve(const std::string& kind,
                                       const Struct& maybe_ref) const {
  const std::string& ref = At(maybe_ref, "$ref").string_value();
  if (ref.empty()) return maybe_ref;
  return Obj(Obj(Obj(doc_, "components"), kind), ref.substr(ref.rfind('/') + 1));
}

std::set<std::string> OpenApiDocument::Endpoints() const {
  std::string base;
  const auto& servers = At(doc_, "servers").list_value();
  if (servers.values_size() > 0)
    base = At(servers.values(0).struct_value(), "url").string_value();
  std::set<std::string> out;
  for (const auto& [path, item] : Obj(doc_, "paths").fields()) {
    for (const auto& [method, op] : item.struct_value().fields()) {
      std::string m(method);
      for (char& c : m)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(absl::StrCat(m, " ", base, path));
    }
  }
  return out;
}

std::vector<std::string> OpenApiDocument::Check(const std::string& path,
                                                const std::string& method,
                                                const httplib::Result& r) const {
  const std::string op = absl::StrCat(method, " ", path);
  if (!r) return {absl::StrCat(op, ": no answer")};
  const Struct& responses = Obj(Obj(Obj(Obj(doc_, "paths"), path), method), "responses");
  const std::string status = std::to_string(r->status);
  if (responses.fields().count(status) == 0)
    return {absl::StrCat(op, " answered an undocumented ", status)};
  std::vector<std::string> wrong;
  const Struct& response =
      Resolve("responses", responses.fields().at(status).struct_value());
  for (const auto& [name, header] : Obj(response, "headers").fields()) {
    if (At(Resolve("headers", header.struct_value()), "required").bool_value() &&
        !r->has_header(name.c_str())) {
      wrong.push_back(absl::StrCat(op, " ", status, " lacks the header ", name));
    }
  }
  const Struct& content = Obj(response, "content");
  if (content.fields().empty()) {
    if (!r->body.empty()) wrong.push_back(absl::StrCat(op, " ", status, " has a body"));
    return wrong;
  }
  const std::string& type = content.fields().begin()->first;
  if (!absl::StartsWith(r->get_header_value("Content-Type"), type))
    wrong.push_back(absl::StrCat(op, " ", status, " is not ", type));
  const Struct& schema = Obj(content.fields().begin()->second.struct_value(), "schema");
  const std::string& ref = At(schema, "$ref").string_value();
  if (!ref.empty()) {
    if (std::string v = SchemaViolation(ref, r->body); !v.empty())
      wrong.push_back(absl::StrCat(op, " ", status, ": the body ", v));
  }
  if (r->status < 400) return wrong;
  Struct error;
  if (!google::protobuf::util::JsonStringToMessage(r->body, &error).ok()) {
    wrong.push_back(absl::StrCat(op, " ", status, ": the Error body is not JSON"));
    return wrong;
  }
  std::set<std::string> codes;  // of the error body's own schema
  for (const Value& v :
       At(Obj(Obj(Resolve("schemas", schema), "properties"), "code"), "enum")
           .list_value()
           .values())
    codes.insert(v.string_value());
  if (codes.count(At(error, "code").string_value()) == 0)
    wrong.push_back(absl::StrCat(op, " ", status, ": undocumented code ",
                                 At(error, "code").string_value()));
  return wrong;
}

std::vector<std::string> OpenApiDocument::CheckRequest(const std::string& path,
                                                       const std::string& method,
                                                       const std::string& content_type,
                                                       const std::string& body) const {
  const std::string op = absl::StrCat(method, " ", path);
  const Struct& content =
      Obj(Obj(Obj(Obj(Obj(doc_, "paths"), path), method), "requestBody"), "content");
  auto it = content.fields().find(content_type);
  if (it == content.fields().end())
    return {absl::StrCat(op, " documents no request body of type ", content_type)};
  const Struct& schema = Obj(it->second.struct_value(), "schema");
  std::string ref = At(schema, "$ref").string_value();
  if (ref.empty()) {  // an inline schema: the pointer to it
    ref = absl::StrCat("#/paths/", absl::StrReplaceAll(path, {{"~", "~0"}, {"/", "~1"}}),
                       "/", method, "/requestBody/content/",
                       absl::StrReplaceAll(content_type, {{"~", "~0"}, {"/", "~1"}}),
                       "/schema");
  }
  if (std::string v = SchemaViolation(ref, body); !v.empty())
    return {absl::StrCat(op, ": the request body ", v)};
  return {};
}

std::string OpenApiDocument::SchemaViolation(const std::string& ref,
                                             const std::string& body) const {
  // The document itself as the schema, its root referring to `ref`.
  rapidjson::Document schema;
  schema.Parse(text_.c_str());
  if (schema.HasParseError() || !schema.IsObject()) return "(the document is not JSON)";
  schema.AddMember("$ref", rapidjson::Value(ref.c_str(), schema.GetAllocator()),
                   schema.GetAllocator());
  SiblingDocuments siblings(dir_);
  rapidjson::SchemaDocument compiled(schema, &siblings);
  if (!siblings.missing().empty()) {
    return absl::StrCat("cannot be checked: the document refers to ",
                        *siblings.missing().begin(), ", which cannot be read");
  }
  rapidjson::Document instance;
  instance.Parse(body.c_str());
  if (instance.HasParseError()) return "is not JSON";
  rapidjson::SchemaValidator validator(compiled);
  if (instance.Accept(validator)) return "";
  rapidjson::StringBuffer where, rule;
  validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  return absl::StrCat("breaks ", rule.GetString(), " (",
                      validator.GetInvalidSchemaKeyword(), ") at ", where.GetString());
}

}  // namespace vum::node::testing
