#include "lib/node/vum_interface.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/exchange/wire.h"
#include "lib/node/validation.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/selection.h"

namespace vum::node {

using exchange::Problem;

class VumInterface::Impl {
 public:
  explicit Impl(VumContext c) : c_(std::move(c)) {}

  void Route(server::Router& server, std::vector<std::string>* endpoints) {
    endpoints->push_back(absl::StrCat("POST ", exchange::kBatchUploadPath));
    endpoints->push_back(absl::StrCat("POST ", exchange::kProcessUploadPath));
    endpoints->push_back(absl::StrCat("POST ", exchange::kValidationPath));
    for (RecordKind kind :
         {v1::SOORT_SELECTIE_WERKZOEKENDEN, v1::SOORT_SELECTIE_VACATURES}) {
      const std::string base = exchange::CollectionPath(kind);
      server.Post(base + exchange::kSelectionSuffix,
                  [this, kind](const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader) {
                    HandleSelection(kind, req, res, reader);
                  });
      endpoints->push_back(absl::StrCat("POST ", base, exchange::kSelectionSuffix));
      endpoints->push_back(absl::StrCat("GET ", base, "/{vumID}"));
      server.Get(base + "/([0-9a-f]{64})",
                 [this, kind](const httplib::Request& req, httplib::Response& res) {
                   HandleDetail(kind, req, res);
                 });
    }
    server.Post(exchange::kBatchUploadPath,
                [this](const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader) {
                  HandleBatchUpload(req, res, reader);
                });
    server.Post(exchange::kProcessUploadPath,
                [this](const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader) {
                  HandleProcessUpload(req, res, reader);
                });
    server.Post(exchange::kValidationPath,
                [this](const httplib::Request& req, httplib::Response& res,
                       const httplib::ContentReader& reader) {
                  HandleValidation(req, res, reader);
                });
  }

 private:
  absl::Time Now() const { return c_.now ? c_.now() : absl::Now(); }

  SelectionService& ServiceFor(RecordKind kind) {
    return kind == v1::SOORT_SELECTIE_VACATURES ? *c_.vacancies : *c_.profiles;
  }

  ServedRequest Begin(const httplib::Request& req, httplib::Response& res,
                      std::string route) {
    return c_.responder->Begin(req, res, std::move(route));
  }

  void Reply(ServedRequest& x, int status, std::string body, const char* type) {
    c_.responder->Reply(x, status, std::move(body), type);
  }

  void Fail(ServedRequest& x, Problem p) {
    p.trace_id = x.trace.trace_id;
    const int status = p.status;
    Reply(x, status, exchange::ProblemJson(p), exchange::kProblemType);
  }

  // Checks the certificate and the X-VUM-* headers; replies when refused.
  bool Admit(ServedRequest& x, Access access, Caller* caller) {
    absl::StatusOr<Caller> c =
        c_.parties->Authorize(c_.config->oin, CertificateOin(x.req),
                              {HeaderOf(x.req, exchange::kFromPartyHeader),
                               HeaderOf(x.req, exchange::kToPartyHeader),
                               HeaderOf(x.req, exchange::kViaPartyHeader),
                               HeaderOf(x.req, exchange::kSuwiPartyHeader)},
                              access);
    if (!c.ok()) {
      const int status = exchange::HttpStatusOf(c.status().code());
      Fail(x, {status,
               status == 400 ? "partijkop-ongeldig" : "geen-toegang",
               "geen toegang",
               std::string(c.status().message()),
               {},
               ""});
      return false;
    }
    *caller = *std::move(c);
    x.requester = caller->controller_oin;
    return true;
  }

  // Reads the body up to `limit` bytes into `body`; replies when too large.
  bool ReadBody(ServedRequest& x, const httplib::ContentReader& reader, size_t limit,
                std::string* body) {
    const bool whole = ReadBodyUpTo(reader, limit, body);
    if (!whole) {
      Fail(x, {413,
               "te-groot",
               "verzoek te groot",
               absl::StrCat("the body is larger than the limit of ", limit, " bytes"),
               {},
               ""});
    }
    return whole;
  }

  // Writes the processing log entries before anything is shown; false (and
  // replied) when they cannot be written.
  bool LogSubjects(ServedRequest& x, const Caller& caller, absl::string_view activity,
                   const std::vector<std::string>& record_ids,
                   absl::string_view answer_id) {
    if (c_.log->Write(x.trace, activity, caller, record_ids, answer_id, Now()).ok()) {
      return true;
    }
    Fail(x, {503,
             "logboek-onbeschikbaar",
             "logboek onbeschikbaar",
             "the processing log cannot be written; nothing is shown",
             {},
             ""});
    return false;
  }

  void HandleSelection(RecordKind kind, const httplib::Request& req,
                       httplib::Response& res, const httplib::ContentReader& reader) {
    ServedRequest x =
        Begin(req, res, absl::StrCat("selectie-", exchange::KindName(kind)));
    Caller caller;
    std::string body;
    if (!Admit(x, Access::kAsk, &caller)) return DiscardBody(reader);
    if (!ReadBody(x, reader, c_.config->limits.max_question_bytes, &body)) return;
    absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(
        body, {.default_kind = kind, .max_bytes = c_.config->limits.max_question_bytes});
    if (!q.ok()) {
      return Fail(x, {400,
                      "vraag-onleesbaar",
                      "vraag onleesbaar",
                      std::string(q.status().message()),
                      {},
                      ""});
    }
    if (q->soort() != kind) {
      return Fail(x, {400,
                      "andere-soort",
                      "vraag voor een ander soort",
                      "the question asks for another kind than this path serves",
                      {},
                      ""});
    }
    const absl::Time now = Now();
    if (!c_.quota->Take(caller.controller_oin, now)) {
      return Fail(x, {429,
                      "te-veel-vragen",
                      "te veel vragen",
                      "the requester's questions for today are used",
                      {},
                      ""});
    }
    absl::StatusOr<SelectionAnswer> a =
        ServiceFor(kind).Answer(*q, {caller.controller_oin, caller.legal_basis}, now);
    if (!a.ok() || a->refused()) c_.quota->GiveBack(caller.controller_oin, now);
    if (!a.ok()) {
      return Fail(x, {exchange::HttpStatusOf(a.status().code()),
                      "vraag-niet-te-beantwoorden",
                      "vraag niet te beantwoorden",
                      std::string(a.status().message()),
                      {},
                      ""});
    }
    if (a->refused()) {
      return Fail(x, {400, "vraag-ongeldig", "vraag ongeldig",
                      "the question breaks rules", std::move(a->violations), ""});
    }
    if (!LogSubjects(x, caller, "selectievraag-beantwoorden", a->record_ids,
                     a->result().id_selectieresultaat())) {
      // Not answered: the question does not count.
      return c_.quota->GiveBack(caller.controller_oin, now);
    }
    std::string json;
    PrintJsonFast(a->result(), &json);
    Reply(x, 200, std::move(json), exchange::kJsonType);
  }

  void HandleDetail(RecordKind kind, const httplib::Request& req,
                    httplib::Response& res) {
    ServedRequest x = Begin(req, res, absl::StrCat("detail-", exchange::KindName(kind)));
    Caller caller;
    if (!Admit(x, Access::kAsk, &caller)) return;
    v1::Detailverzoek request;
    request.set_vum_id(req.matches[1]);
    std::string record_id;
    absl::StatusOr<v1::Detailantwoord> d = ServiceFor(kind).Detail(
        request, {caller.controller_oin, caller.legal_basis}, Now(), &record_id);
    if (!d.ok()) {
      const int status = exchange::HttpStatusOf(d.status().code());
      const char* code = status == 404   ? "onbekend-vumid"
                         : status == 429 ? "quotum-op"
                         : status == 403 ? "geen-toegang"
                                         : "detail-niet-te-geven";
      return Fail(
          x, {status, code, "geen detail", std::string(d.status().message()), {}, ""});
    }
    if (!LogSubjects(x, caller, "detailprofiel-tonen", {record_id}, "")) return;
    std::string json;
    PrintJsonFast(*d, &json);
    Reply(x, 200, std::move(json), exchange::kJsonType);
  }

  void HandleBatchUpload(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
    ServedRequest x = Begin(req, res, "upload-batch");
    Caller caller;
    if (!Admit(x, Access::kLoad, &caller)) return DiscardBody(reader);
    // The body goes to a private file beside the store, never into memory.
    const std::string path = UploadPath();
    std::optional<Problem> problem = ReceiveToFile(reader, path);
    if (problem) {
      std::filesystem::remove(path);
      return Fail(x, *std::move(problem));
    }
    UploadAnswer answer = UploadBatch(c_.upload, path, caller);
    std::filesystem::remove(path);
    if (c_.records_changed) c_.records_changed();
    if (answer.problem) return Fail(x, *std::move(answer.problem));
    Reply(x, 200, std::move(answer.report_json), exchange::kJsonType);
  }

  std::optional<Problem> ReceiveToFile(const httplib::ContentReader& reader,
                                       const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    size_t received = 0;
    bool too_large = false;
    const bool whole = reader([&](const char* data, size_t n) {
      received += n;
      if (received > c_.config->limits.max_upload_bytes) {
        too_large = true;
        return false;
      }
      out.write(data, static_cast<std::streamsize>(n));
      return static_cast<bool>(out);
    });
    out.close();
    if (too_large) {
      return Problem{413,
                     "te-groot",
                     "upload te groot",
                     absl::StrCat("the upload is larger than the limit of ",
                                  c_.config->limits.max_upload_bytes, " bytes"),
                     {},
                     ""};
    }
    if (!whole || !out) {
      return Problem{503,
                     "opslag-onbeschikbaar",
                     "upload niet ontvangen",
                     "the upload could not be received whole",
                     {},
                     ""};
    }
    return std::nullopt;
  }

  void HandleProcessUpload(const httplib::Request& req, httplib::Response& res,
                           const httplib::ContentReader& reader) {
    ServedRequest x = Begin(req, res, "upload-procesgegevens");
    Caller caller;
    if (!Admit(x, Access::kLoad, &caller)) return DiscardBody(reader);
    const std::string path = UploadPath();
    if (std::optional<Problem> problem = ReceiveToFile(reader, path)) {
      std::filesystem::remove(path);
      return Fail(x, *std::move(problem));
    }
    UploadAnswer answer = UploadProcessData(c_.upload, path, caller);
    std::filesystem::remove(path);
    if (answer.problem) return Fail(x, *std::move(answer.problem));
    Reply(x, 200, std::move(answer.report_json), exchange::kJsonType);
  }

  // vum's validation service: any registered party; nothing stored or logged
  // but the access line. The body is held whole, up to kMaxValidationBytes.
  void HandleValidation(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader) {
    constexpr size_t kMaxValidationBytes = size_t{64} << 20,
                     kMaxRecordBytes = size_t{1} << 20;
    ServedRequest x = Begin(req, res, "validatie");
    Caller caller;
    if (!Admit(x, Access::kValidate, &caller)) return DiscardBody(reader);
    const std::string type = req.has_param("soort") ? req.get_param_value("soort")
                                                    : std::string("werkzoekende");
    const bool ndjson =
        absl::StartsWith(req.get_header_value("Content-Type"), exchange::kNdjsonType);
    std::string body;
    if (!ReadBody(x, reader,
                  std::min(kMaxValidationBytes, c_.config->limits.max_upload_bytes),
                  &body)) {
      return;
    }
    ValidationAnswer answer =
        ValidateRecords(*c_.validator, type, ndjson, body, kMaxRecordBytes);
    if (answer.problem) return Fail(x, *std::move(answer.problem));
    Reply(x, 200, std::move(answer.report_json), exchange::kJsonType);
  }

  // A private file beside the store for one upload's body.
  std::string UploadPath() const {
    return absl::StrCat(c_.config->database, ".upload-", exchange::NewTrace().span_id);
  }

  const VumContext c_;
};

VumInterface::VumInterface(VumContext context)
    : impl_(std::make_unique<Impl>(std::move(context))) {}
VumInterface::~VumInterface() = default;

void VumInterface::Route(server::Router& server, std::vector<std::string>* endpoints) {
  impl_->Route(server, endpoints);
}

}  // namespace vum::node
