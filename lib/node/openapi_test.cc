// docs/node-openapi.json against a running node: every endpoint the node
// serves is documented and every documented one is served, and what each
// answers (status, content type, API-Version, problem codes) is what the
// document says.

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/asker.h"
#include "lib/ask/uploader.h"
#include "lib/node/node.h"
#include "lib/node/openapi_check.h"
#include "lib/node/test_network.h"
#include "lib/testing/files.h"

namespace vum::node {
namespace {

using namespace vum::node::testing;
using google::protobuf::Struct;
using google::protobuf::Value;

// The member `key` of `s` (an empty value when absent).
const Value& At(const Struct& s, const std::string& key) {
  static const Value* const kNone = new Value();
  auto it = s.fields().find(key);
  return it == s.fields().end() ? *kNone : it->second;
}
const Struct& Obj(const Struct& s, const std::string& key) {
  return At(s, key).struct_value();
}

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = absl::StrCat(::testing::TempDir(), "/vum-openapi-", getpid());
    std::filesystem::remove_all(dir_);
    net_ = std::make_unique<TestNetwork>(*TestNetwork::Create(dir_, Codelists()));
    node_ = *Node::Create(net_->ConfigFor("gemeente-a"));
    ASSERT_TRUE(node_->Start().ok());
    BatchSpec spec{dir_ + "/a.vumb",
                   dir_ + "/a.ndjson",
                   kGemeenteA,
                   kGemeenteA,
                   50,
                   3,
                   v1::SOORT_BATCH_VOLLEDIG,
                   "",
                   0,
                   Codelists()};
    batch_id_ = *WriteProfileBatch(spec);
    text_ = vum::testing::ReadFileOrDie(std::string(VUM_SOURCE_DIR) +
                                        "/docs/node-openapi.json");
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(text_, &doc_).ok());
    absl::StatusOr<OpenApiDocument> node_doc =
        OpenApiDocument::Read(std::string(VUM_SOURCE_DIR) + "/docs/node-openapi.json");
    ASSERT_TRUE(node_doc.ok()) << node_doc.status();
    node_doc_ = *std::move(node_doc);
  }
  void TearDown() override {
    node_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A request with the certificate of `party` (gemeente-a loads, wsp asks).
  httplib::Result Call(const std::string& method, const std::string& path,
                       const httplib::Headers& headers, const std::string& body,
                       const std::string& type, const std::string& party = "gemeente-a") {
    httplib::SSLClient c("127.0.0.1", node_->port(), dir_ + "/" + party + ".crt",
                         dir_ + "/" + party + ".key");
    c.set_ca_cert_path(net_->pki().ca_certificate.c_str());
    c.enable_server_certificate_verification(true);
    if (method == "get") return c.Get(path.c_str(), headers);
    return c.Post(path.c_str(), headers, body, type.c_str());
  }

  // The answer `r` to (`doc_path`, `method`) is as the document says: status,
  // headers, content type, body (against its schema) and error code.
  void Check(const std::string& doc_path, const std::string& method,
             const httplib::Result& r) {
    ASSERT_TRUE(r) << doc_path;
    EXPECT_THAT(node_doc_.Check(doc_path, method, r), ::testing::IsEmpty());
    EXPECT_EQ(
        r->get_header_value("API-Version"),
        At(Obj(Obj(Obj(Obj(doc_, "components"), "headers"), "API-Version"), "schema"),
           "const")
            .string_value());
    ++checked_;
  }

  // A request body the test sends is one the document describes.
  void CheckRequest(const std::string& doc_path, const std::string& type,
                    const std::string& body) {
    EXPECT_THAT(node_doc_.CheckRequest(doc_path, "post", type, body),
                ::testing::IsEmpty());
  }

  std::string dir_;
  std::unique_ptr<TestNetwork> net_;
  std::unique_ptr<Node> node_;
  std::string batch_id_;
  std::string text_;
  Struct doc_;
  OpenApiDocument node_doc_;
  int checked_ = 0;
};

TEST_F(OpenApiTest, TheDocumentAndTheServerAgree) {
  std::set<std::string> documented;
  for (const auto& [path, item] : Obj(doc_, "paths").fields()) {
    for (const auto& [method, op] : item.struct_value().fields()) {
      std::string m(method);
      for (char& c : m) c = static_cast<char>(std::toupper(c));
      documented.insert(m + " " + std::string(path));
    }
  }
  std::set<std::string> served;
  for (const std::string& e : node_->endpoints()) {
    if (e.find(" /api/v3/") == std::string::npos) served.insert(e);
  }
  EXPECT_EQ(documented, served);

  const httplib::Headers as_a{{"X-VUM-fromParty", kGemeenteA},
                              {"X-VUM-toParty", kGemeenteA}};
  const httplib::Headers nobody{{"X-VUM-toParty", kGemeenteA}};
  const std::string question =
      R"({"selectiegebied":{"postcode":"3511AA","afstand":300}})";
  const std::string batch = vum::testing::ReadFileOrDie(dir_ + "/a.vumb");
  const std::string consents = vum::testing::ReadFileOrDie(dir_ + "/a.ndjson");
  // The loads, as the owner; then again (a replay) and without a sender.
  for (const auto& [path, body, type] :
       {std::tuple{"/vum/v2/beheer/batches", batch, "application/vnd.vum.batch"},
        std::tuple{"/vum/v2/beheer/procesgegevens", consents, "application/x-ndjson"}}) {
    Check(path, "post", Call("post", path, as_a, body, type));
    Check(path, "post", Call("post", path, as_a, body, type));
    Check(path, "post", Call("post", path, nobody, body, type));
    Check(path, "post", Call("post", path, as_a, "not a batch", type));
  }
  // The questions and details, as the mediator (answered), as gemeente-a
  // (which may load, not ask), and without a sender.
  const httplib::Headers as_wsp{{"X-VUM-fromParty", kWsp}, {"X-VUM-toParty", kGemeenteA}};
  // The request bodies: the question as docs/selection.md writes it, and one
  // the document does not describe (no area), which the check must catch.
  const std::string select = "/vum/v2/werkzoekenden/selecties";
  CheckRequest(select, "application/json", question);
  CheckRequest(select, "application/json", R"({"soort": "werkzoekenden",
      "selectiegebied": {"postcode": "5611AB", "afstand": 25},
      "arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs": {"$all": ["B", "C"]},
      "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 32},
      "arbeidsmarktkwalificatie.taalbeheersing": {"$elemMatch": {
          "codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}},
      "werkervaring.beroep": null})");
  EXPECT_THAT(node_doc_.CheckRequest(select, "post", "application/json",
                                     R"({"werktijden.x": {"$eq": 1}})"),
              ::testing::Not(::testing::IsEmpty()));
  CheckRequest("/vum/validatie", "application/json", R"({"idWerkzoekende":"a"})");
  int details = 0;
  for (const char* kind : {"werkzoekenden", "vacatures"}) {
    const std::string select = absl::StrCat("/vum/v2/", kind, "/selecties");
    const std::string detail_doc = absl::StrCat("/vum/v2/", kind, "/{vumID}");
    const std::string detail = absl::StrCat("/vum/v2/", kind, "/", std::string(64, 'a'));
    httplib::Result answered =
        Call("post", select, as_wsp, question, "application/json", "wsp");
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->status, 200) << answered->body;
    Check(select, "post", answered);
    Check(select, "post", Call("post", select, as_a, question, "application/json"));
    Check(select, "post", Call("post", select, nobody, question, "application/json"));
    Check(detail_doc, "get", Call("get", detail, as_wsp, "", "", "wsp"));
    // A detail of a result (only job seekers are loaded here).
    const size_t key = answered->body.find(R"("vumID":")");
    if (key != std::string::npos) {
      const size_t begin = key + 9;
      const std::string vum_id =
          answered->body.substr(begin, answered->body.find('"', begin) - begin);
      httplib::Headers as_suwi = as_wsp;  // a mediator with a legal basis
      as_suwi.emplace("X-VUM-SUWIParty", "true");
      httplib::Result shown = Call("get", absl::StrCat("/vum/v2/", kind, "/", vum_id),
                                   as_suwi, "", "", "wsp");
      ASSERT_TRUE(shown);
      EXPECT_EQ(shown->status, 200) << shown->body;
      Check(detail_doc, "get", shown);
      ++details;
    }
    Check(detail_doc, "get", Call("get", detail, nobody, "", ""));
  }
  for (const char* path : {"/health", "/metrics"})
    Check(path, "get", Call("get", path, {}, "", ""));
  // The validation service: one record, a stream, an unknown type, no sender.
  const std::string profile = R"({"idWerkzoekende":"a"})";
  Check("/vum/validatie", "post",
        Call("post", "/vum/validatie", as_wsp, profile, "application/json", "wsp"));
  Check("/vum/validatie", "post",
        Call("post", "/vum/validatie?soort=vacature", as_a, consents,
             "application/x-ndjson"));
  Check("/vum/validatie", "post",
        Call("post", "/vum/validatie?soort=cv", as_a, profile, "application/json"));
  Check("/vum/validatie", "post",
        Call("post", "/vum/validatie", nobody, profile, "application/json"));
  EXPECT_EQ(details, 1);
  EXPECT_EQ(checked_, 25);
}

// docs/bron-openapi.json against the running node: the same paths, and every
// answer's status, content type, headers and Error code as documented.
class BronOpenApiTest : public OpenApiTest {
 protected:
  void SetUp() override {
    OpenApiTest::SetUp();
    const ask::NodeAddress here{kGemeenteA, "a", "127.0.0.1", node_->port()};
    for (const std::string& file : {dir_ + "/a.vumb", dir_ + "/a.ndjson"}) {
      absl::StatusOr<ask::UploadReceipt> r =
          ask::Upload(here, net_->IdentityOf("gemeente-a"), file);
      ASSERT_TRUE(r.ok() && r->http_status == 200);
    }
    absl::StatusOr<OpenApiDocument> doc =
        OpenApiDocument::Read(std::string(VUM_SOURCE_DIR) + "/docs/bron-openapi.json");
    ASSERT_TRUE(doc.ok()) << doc.status();
    bron_ = *std::move(doc);
  }

  void CheckBron(const std::string& doc_path, const std::string& method,
                 const httplib::Result& r) {
    EXPECT_THAT(bron_.Check(doc_path, method, r), ::testing::IsEmpty());
    if (r) {
      EXPECT_EQ(r->get_header_value("API-Version"), "3.0.0");
    }
    ++checked_;
  }

  OpenApiDocument bron_;
};

TEST_F(BronOpenApiTest, TheDocumentAndTheServerAgree) {
  std::set<std::string> served;
  for (const std::string& e : node_->endpoints()) {
    if (e.find(" /api/v3/") != std::string::npos) served.insert(e);
  }
  EXPECT_EQ(bron_.Endpoints(), served);

  const httplib::Headers ok{
      {"X-VUM-berichtVersie", "3.0.0"}, {"API-Version", "3.0.0"},
      {"X-VUM-fromParty", kWsp},        {"X-VUM-toParty", kGemeenteA},
      {"X-VUM-viaParty", kUv},          {"X-VUM-SUWIparty", "true"}};
  httplib::Headers old_version = ok, no_via = ok;
  old_version.erase("API-Version");
  old_version.emplace("API-Version", "2.0.0");
  no_via.erase("X-VUM-viaParty");
  const std::string question =
      R"({"vraagObject":{"selectiegebied":{"postcode":"3511AA","afstand":300}}})";
  for (const auto& [collection, id_param] :
       {std::pair{"/werkzoekendeProfielen", "idWerkzoekende"},
        std::pair{"/vacatures", "idVacature"}}) {
    const std::string matches = absl::StrCat(collection, "/matches");
    const std::string detail_doc = absl::StrCat(collection, "/{", id_param, "}");
    const std::string at = absl::StrCat("/api/v3", matches);
    httplib::Result answered = Call("post", at, ok, question, "application/json", "uv");
    CheckBron(matches, "post", answered);
    CheckBron(matches, "post",
              Call("post", at, old_version, question, "application/json", "uv"));
    CheckBron(matches, "post",
              Call("post", at, no_via, question, "application/json", "uv"));
    CheckBron(matches, "post", Call("post", at, ok, question, "application/json", "wsp"));
    CheckBron(matches, "post", Call("post", at, ok, "{", "application/json", "uv"));
    std::string id = "onbekend";
    const size_t key = answered->body.find(absl::StrCat("\"", id_param, "\":\""));
    if (key != std::string::npos) {
      const size_t begin = key + std::string(id_param).size() + 4;
      id = answered->body.substr(begin, answered->body.find('"', begin) - begin);
    }
    const std::string detail = absl::StrCat("/api/v3", collection, "/", id);
    CheckBron(detail_doc, "get", Call("get", detail, ok, "", "", "uv"));
    CheckBron(detail_doc, "get", Call("get", detail, old_version, "", "", "uv"));
    CheckBron(detail_doc, "get", Call("get", detail, ok, "", "", "wsp"));
  }
  EXPECT_EQ(checked_, 16);
}

}  // namespace
}  // namespace vum::node
