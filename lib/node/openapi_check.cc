#include "lib/node/openapi_check.h"

#include <google/protobuf/util/json_util.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

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

}  // namespace

absl::StatusOr<OpenApiDocument> OpenApiDocument::Read(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  OpenApiDocument d;
  d.text_ = text.str();
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
  const std::string& ref =
      At(Obj(content.fields().begin()->second.struct_value(), "schema"), "$ref")
          .string_value();
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
  std::set<std::string> codes;
  for (const Value& v :
       At(Obj(Obj(Obj(Obj(Obj(doc_, "components"), "schemas"), "Error"), "properties"),
              "code"),
          "enum")
           .list_value()
           .values())
    codes.insert(v.string_value());
  if (codes.count(At(error, "code").string_value()) == 0)
    wrong.push_back(absl::StrCat(op, " ", status, ": undocumented code ",
                                 At(error, "code").string_value()));
  return wrong;
}

std::string OpenApiDocument::SchemaViolation(const std::string& ref,
                                             const std::string& body) const {
  // The document itself as the schema, its root referring to `ref`.
  rapidjson::Document schema;
  schema.Parse(text_.c_str());
  if (schema.HasParseError() || !schema.IsObject()) return "(the document is not JSON)";
  schema.AddMember("$ref", rapidjson::Value(ref.c_str(), schema.GetAllocator()),
                   schema.GetAllocator());
  rapidjson::SchemaDocument compiled(schema);
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
