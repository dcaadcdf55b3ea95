// lib/node/bron_openapi.h: the OpenAPI 3.1 document of the Bron interface as
// vum-node serves it (lib/node/bron_interface.h), generated from the schema
// and the koppelvlak's wire table, so that it cannot drift from either.
//
// Every body is typed: the records and their first-round matches from the
// schema (vum/schema.h OpenApiSchemasOf), the question's wrapper and area,
// the answer, and the Error body with vum's codes. docs/bron-openapi.json is
// its output (`vum node openapi`), checked for staleness by a test and
// against the running node by another.
//
// Example:
//
//   std::cout << vum::node::BronOpenApiJson();
//
// Thread safety: a function of constant data.

#ifndef VUM_LIB_NODE_BRON_OPENAPI_H_
#define VUM_LIB_NODE_BRON_OPENAPI_H_

#include <string>

namespace vum::node {

// The document, pretty-printed JSON with a final newline.
[[nodiscard]] std::string BronOpenApiJson();

}  // namespace vum::node

#endif  // VUM_LIB_NODE_BRON_OPENAPI_H_
