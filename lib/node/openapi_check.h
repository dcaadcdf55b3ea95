// lib/node/openapi_check.h: checks what a running service answered against
// an OpenAPI document (tests only): that the status is documented for the
// operation, the required response headers are present, the content type is
// the documented one (no body where none is documented), the body is valid
// against the documented schema (RapidJSON's validator over the document's
// components, and over the documents beside it that a schema refers to by
// file name), and an error body's code is in its schema's list. It checks a
// request body against the operation's documented schema too.
//
// Example:
//
//   absl::StatusOr<vum::node::testing::OpenApiDocument> doc =
//       vum::node::testing::OpenApiDocument::Read("docs/bron-openapi.json");
//   std::vector<std::string> wrong = doc->Check("/vacatures/matches", "post", result);
//
// Thread safety: const methods may be called concurrently.

#ifndef VUM_LIB_NODE_OPENAPI_CHECK_H_
#define VUM_LIB_NODE_OPENAPI_CHECK_H_

#include <httplib.h>

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"

namespace vum::node::testing {

class OpenApiDocument {
 public:
  // NOT_FOUND or INVALID_ARGUMENT when the file cannot be read as JSON.
  [[nodiscard]] static absl::StatusOr<OpenApiDocument> Read(const std::string& path);

  // "METHOD <server path><path>" for every operation ("POST /api/v3/...").
  [[nodiscard]] std::set<std::string> Endpoints() const;

  // What is wrong with `result` as an answer of operation (`path`,
  // `method`: "get", "post"); empty when it is as documented.
  [[nodiscard]] std::vector<std::string> Check(const std::string& path,
                                               const std::string& method,
                                               const httplib::Result& result) const;

  // What is wrong with `body` as a request body of type `content_type` of
  // operation (`path`, `method`); empty when it is as documented.
  [[nodiscard]] std::vector<std::string> CheckRequest(const std::string& path,
                                                      const std::string& method,
                                                      const std::string& content_type,
                                                      const std::string& body) const;

 private:
  const google::protobuf::Struct& Resolve(
      const std::string& kind, const google::protobuf::Struct& maybe_ref) const;
  // The body's violation of the schema at `ref` ("#/components/schemas/X"),
  // or empty.
  [[nodiscard]] std::string SchemaViolation(const std::string& ref,
                                            const std::string& body) const;

  google::protobuf::Struct doc_;
  std::string text_;
  std::string dir_;  // where the documents it refers to are
};

}  // namespace vum::node::testing

#endif  // VUM_LIB_NODE_OPENAPI_CHECK_H_
