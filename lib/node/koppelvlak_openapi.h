// lib/node/koppelvlak_openapi.h: the OpenAPI 3.1 documents of the two
// koppelvlak 3.0 interfaces as vum serves them: the Bron interface of
// vum-node (lib/node/bron_interface.h) and the Bemiddelaar interface of
// vum-hub (lib/hub/hub.h), generated from the schema and the koppelvlak's
// wire table, so that they cannot drift from either.
//
// Every body is typed: the records and their matches from the schema
// (vum/schema.h OpenApiSchemasOf), the question's wrapper and area, the
// answers, and the Error body with vum's codes. docs/bron-openapi.json and
// docs/bemiddelaar-openapi.json are their output (`vum node openapi`),
// checked for staleness by a test and against the running services by
// others.
//
// Example:
//
//   std::cout << vum::node::KoppelvlakOpenApiJson(vum::node::KoppelvlakInterface::kBron);
//
// Thread safety: a function of constant data.

#ifndef VUM_LIB_NODE_KOPPELVLAK_OPENAPI_H_
#define VUM_LIB_NODE_KOPPELVLAK_OPENAPI_H_

#include <string>

namespace vum::node {

enum class KoppelvlakInterface { kBron, kBemiddelaar };

// The document, pretty-printed JSON with a final newline.
[[nodiscard]] std::string KoppelvlakOpenApiJson(KoppelvlakInterface which);

// The schemas of the bodies of vum's own interface of vum-node
// (docs/node-openapi.json, written by hand), generated from the schema as
// `{"components":{"schemas":{...}}}`: the answer (Selectieresultaat), the
// detail (Detailantwoord) and the records they and the loading endpoints
// carry (Werkzoekende, Vacature, Procesgegevens), in their VUM JSON form.
// docs/node-records-openapi.json is its output (`vum node openapi
// --interface node-records`), to which docs/node-openapi.json refers.
[[nodiscard]] std::string NodeRecordSchemasJson();

}  // namespace vum::node

#endif  // VUM_LIB_NODE_KOPPELVLAK_OPENAPI_H_
