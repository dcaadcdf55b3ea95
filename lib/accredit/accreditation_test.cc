// The local accreditation against a real vum-node loaded with the upload
// set (every case passes) and against broken sources, one per kind of
// mistake (each is caught by the case it breaks).

#include "lib/accredit/accreditation.h"

#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ask/uploader.h"
#include "lib/node/node.h"
#include "lib/node/test_network.h"
#include "vum/batch.h"
#include "vum/bron_service.h"
#include "vum/caseload_index.h"
#include "vum/first_round.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/schema.h"
#include "vum/selection.h"

namespace vum::accredit {
namespace {

using ::testing::HasSubstr;
using namespace vum::node::testing;

std::string Codelists() { return std::string(VUM_SOURCE_DIR) + "/codelists"; }

// The failures, as "id: message" lines.
std::vector<std::string> Failures(const std::vector<CaseResult>& results) {
  std::vector<std::string> out;
  for (const CaseResult& r : results) {
    if (!r.passed) out.push_back(absl::StrCat(r.id, ": ", r.message));
  }
  return out;
}

// A source that answers from the upload set with vum's reference, then
// makes one mistake.
enum class Mistake { kNone, kOverShares, kFirstN, kRefusesUnknown, kNoVacancies };

class FakeSource {
 public:
  FakeSource(const TestNetwork& net, const UploadSet& set, const Pc4Register& pc4,
             Mistake mistake)
      : server_((net.dir() + "/gemeente-b.crt").c_str(),
                (net.dir() + "/gemeente-b.key").c_str(),
                net.pki().ca_certificate.c_str()) {
    index_ = *CaseloadIndex::Create(&pc4, v1::SOORT_SELECTIE_WERKZOEKENDEN);
    for (size_t i = 0; i < set.profiles.size(); ++i) {
      (void)index_->Put(set.profiles[i]);
      (void)index_->PutProcessData(set.process[i]);
    }
    vacancies_ = *CaseloadIndex::Create(&pc4, v1::SOORT_SELECTIE_VACATURES);
    for (const v1::Vacature& v : set.vacancies) (void)vacancies_->Put(v);
    compiler_ = *QuestionCompiler::Create(&pc4);
    const int cap = mistake == Mistake::kFirstN ? 1 << 30 : 100;
    bron_ = *BronService::Create(index_.get(), compiler_.get(), {.max_results = cap});
    vacancy_bron_ =
        *BronService::Create(vacancies_.get(), compiler_.get(), {.max_results = cap});
    Serve("werkzoekendeProfielen", v1::SOORT_SELECTIE_WERKZOEKENDEN, bron_.get(),
          mistake);
    if (mistake != Mistake::kNoVacancies)
      Serve("vacatures", v1::SOORT_SELECTIE_VACATURES, vacancy_bron_.get(), mistake);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) absl::SleepFor(absl::Milliseconds(2));
  }
  ~FakeSource() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  // The contract's version and parties, or a 400 with its Error body.
  static bool Admitted(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("API-Version") == "3.0.0" &&
        req.get_header_value("X-VUM-berichtVersie") == "3.0.0" &&
        req.get_header_value("X-VUM-toParty") == kGemeenteB) {
      return true;
    }
    res.status = 400;
    res.set_content(R"({"code":"400.01","message":"kop"})", "application/json");
    return false;
  }
  static void Headers(httplib::Response& res) {
    res.set_header("API-Version", "3.0.0");
    res.set_header("X-VUM-berichtVersie", "3.0.0");
    res.set_header("X-VUM-fromParty", kGemeenteB);
  }
  // The Bron interface's two paths of `collection`, answered by `bron`.
  void Serve(const std::string& collection, v1::SoortSelectie kind, BronService* bron,
             Mistake mistake) {
    const std::string base = "/api/v3/" + collection;
    server_.Post(base + "/matches", [this, kind, bron, mistake](
                                        const httplib::Request& req,
                                        httplib::Response& res) {
      Headers(res);
      if (!Admitted(req, res)) return;
      if (mistake == Mistake::kRefusesUnknown &&
          absl::StrContains(req.body, "eenLaterGegeven")) {
        res.status = 400;
        res.set_content(R"({"code":"400.04","message":"onbekend"})", "application/json");
        return;
      }
      absl::StatusOr<v1::Selectievraag> q =
          ReadSelectionQuestion(req.body, {.default_kind = kind});
      if (!q.ok()) {
        res.status = 400;
        res.set_content(R"({"code":"400.03","message":"onleesbaar"})",
                        "application/json");
        return;
      }
      absl::StatusOr<BronAnswer> a = bron->Answer(
          *q, {.oin = std::string(20, '0'), .legal_basis = true}, absl::Now());
      std::string body = a->body;
      if (mistake == Mistake::kOverShares) {
        // The first match with its free presentation.
        const size_t at = body.find("{\"idWerkzoekende\"");
        if (at != std::string::npos)
          body.insert(at + 1, "\"persoonlijkePresentatie\":\"x\",");
      }
      if (mistake == Mistake::kFirstN) body = FirstHundred(*a, kind);
      res.set_content(body, "application/json");
    });
    server_.Get(base + "/([^/]+)", [bron](const httplib::Request& req,
                                          httplib::Response& res) {
      Headers(res);
      if (!Admitted(req, res)) return;
      absl::StatusOr<std::string> d =
          bron->Detail(std::string(req.matches[1]),
                       {.oin = std::string(20, '0'), .legal_basis = true}, absl::Now());
      if (!d.ok()) {
        res.status = 400;
        res.set_content(R"({"code":"400.05","message":"onbekend"})", "application/json");
        return;
      }
      res.set_content(*d, "application/json");
    });
  }

  // Always the same hundred: the first by id, the flag set.
  std::string FirstHundred(const BronAnswer& a, v1::SoortSelectie kind) {
    std::vector<std::string> ids = a.record_ids;
    std::sort(ids.begin(), ids.end());
    std::string out = R"({"maximumAantalResultatenBereikt":)";
    out += ids.size() > 100 ? "true" : "false";
    out += R"(,"matches":[)";
    for (size_t i = 0; i < std::min<size_t>(100, ids.size()); ++i) {
      const bool vacancies = kind == v1::SOORT_SELECTIE_VACATURES;
      CaseloadIndex::Match m;
      (void)(vacancies ? vacancies_ : index_)->Find(ids[i], &m);
      v1::Vacature vacancy;
      v1::Werkzoekende profile;
      google::protobuf::Message& record =
          vacancies ? static_cast<google::protobuf::Message&>(vacancy) : profile;
      record.ParseFromArray(m.record.data(), static_cast<int>(m.record.size()));
      KeepFirstRound(&record);
      std::string json;
      PrintJsonFast(record, &json);
      out += (i ? "," : "") + json;
    }
    return out + "]}";
  }

  httplib::SSLServer server_;
  std::unique_ptr<CaseloadIndex> index_, vacancies_;
  std::unique_ptr<QuestionCompiler> compiler_;
  std::unique_ptr<BronService> bron_, vacancy_bron_;
  std::thread thread_;
  int port_ = 0;
};

class AccreditationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new std::string(absl::StrCat(::testing::TempDir(), "/vum-accredit-", getpid()));
    std::filesystem::remove_all(*dir_);
    net_ = new TestNetwork(*TestNetwork::Create(*dir_, Codelists()));
    pc4_ = new Pc4Register(*Pc4Register::Load(Codelists() + "/pc4.tsv"));
    absl::StatusOr<UploadSet> made = MakeUploadSet(*pc4_, {.count = 2000, .seed = 5});
    ASSERT_TRUE(made.ok()) << made.status();
    // Written and read back: the files are what a vendor gets.
    ASSERT_TRUE(WriteUploadSet(*made, *dir_ + "/set").ok());
    absl::StatusOr<UploadSet> read = ReadUploadSet(*dir_ + "/set");
    ASSERT_TRUE(read.ok()) << read.status();
    set_ = new UploadSet(*std::move(read));
  }
  static void TearDownTestSuite() {
    delete set_;
    delete pc4_;
    delete net_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static SourceTarget Target(const std::string& oin, int port) {
    ask::Identity facility = net_->IdentityOf("uv");
    facility.from_oin = kWsp;
    facility.suwi = true;
    return {{oin, "bron", "127.0.0.1", port}, facility, kUv, absl::Seconds(10), 5};
  }

  static std::string* dir_;
  static TestNetwork* net_;
  static Pc4Register* pc4_;
  static UploadSet* set_;
};

std::string* AccreditationTest::dir_ = nullptr;
TestNetwork* AccreditationTest::net_ = nullptr;
Pc4Register* AccreditationTest::pc4_ = nullptr;
UploadSet* AccreditationTest::set_ = nullptr;

TEST_F(AccreditationTest, TheUploadSetHasAnswersForEveryQuestion) {
  ASSERT_EQ(set_->profiles.size(), 2000u);
  ASSERT_EQ(set_->process.size(), 2000u);
  ASSERT_EQ(set_->vacancies.size(), 500u);
  ASSERT_GE(set_->questions.size(), 16u);
  int vacancy_questions = 0;
  for (const QuestionCase& q : set_->questions) {
    vacancy_questions += q.kind == v1::SOORT_SELECTIE_VACATURES;
    // Questions that nothing fits: an empty answer is an answer too.
    if (q.id != "vraag.gebied-0km" && q.id != "vraag.onregelmatig" &&
        q.id != "vacature.rijbewijs") {
      EXPECT_FALSE(q.expected_ids.empty()) << q.id;
    }
  }
  EXPECT_EQ(vacancy_questions, 6);
  // One question is over the cap, so that the random choice is tested.
  EXPECT_TRUE(
      std::any_of(set_->questions.begin(), set_->questions.end(),
                  [](const QuestionCase& q) { return q.expected_ids.size() > 100; }));
}

// Writes `records` as a full batch of `content` from gemeente A to itself.
template <typename Record, typename Fill>
void WriteBatch(const std::string& path, v1::SoortInhoud content,
                const std::vector<Record>& records, Fill fill) {
  v1::BatchKop header;
  header.set_batch_id(NewUuid());
  header.set_afzender_oin(kGemeenteA);
  header.set_ontvanger_oin(kGemeenteA);
  header.set_aangemaakt_op(Rfc3339(absl::Now()));
  header.set_standaardversie(StandardVersion());
  header.set_soort(v1::SOORT_BATCH_VOLLEDIG);
  header.set_inhoud(content);
  auto writer = BatchWriter::Create(path, header);
  ASSERT_TRUE(writer.ok()) << writer.status();
  v1::BatchRecord record;
  for (const Record& r : records) {
    fill(r, &record);
    ASSERT_TRUE((*writer)->Write(record).ok());
  }
  ASSERT_TRUE((*writer)->Finish().ok());
}

// A vum-node loaded with the upload set as a vendor would load it passes.
TEST_F(AccreditationTest, AVumNodePassesEveryCase) {
  node::NodeConfig config = net_->ConfigFor("gemeente-a");
  config.limits.results_per_question = 100;  // the Afsprakenstelsel's cap
  absl::StatusOr<std::unique_ptr<node::Node>> node = node::Node::Create(config);
  ASSERT_TRUE(node.ok()) << node.status();
  ASSERT_TRUE((*node)->Start().ok());
  // The profiles and the vacancies as batches, the consents as NDJSON.
  const std::string profiles = *dir_ + "/set.vumb", vacancies = *dir_ + "/vac.vumb";
  WriteBatch(profiles, v1::SOORT_INHOUD_WERKZOEKENDEN, set_->profiles,
             [](const v1::Werkzoekende& p, v1::BatchRecord* r) {
               *r->mutable_werkzoekende() = p;
             });
  WriteBatch(
      vacancies, v1::SOORT_INHOUD_VACATURES, set_->vacancies,
      [](const v1::Vacature& v, v1::BatchRecord* r) { *r->mutable_vacature() = v; });
  const ask::NodeAddress here{kGemeenteA, "a", "127.0.0.1", (*node)->port()};
  for (const std::string& file :
       {profiles, vacancies, *dir_ + "/set/procesgegevens.ndjson"}) {
    absl::StatusOr<ask::UploadReceipt> r =
        ask::Upload(here, net_->IdentityOf("gemeente-a"), file);
    ASSERT_TRUE(r.ok() && r->http_status == 200) << (r.ok() ? r->body : "");
  }
  const std::vector<CaseResult> results =
      CheckSource(*set_, Target(kGemeenteA, (*node)->port()));
  EXPECT_EQ(results.size(), set_->questions.size() + 7);
  EXPECT_THAT(Failures(results), ::testing::IsEmpty());
  EXPECT_THAT(JUnitXml(results, {}, "vum accredit source"), HasSubstr("failures=\"0\""));
}

TEST_F(AccreditationTest, TheReferenceAsAFakePassesAndEachMistakeIsCaught) {
  {
    FakeSource honest(*net_, *set_, *pc4_, Mistake::kNone);
    EXPECT_THAT(Failures(CheckSource(*set_, Target(kGemeenteB, honest.port()))),
                ::testing::IsEmpty());
  }
  {
    FakeSource fake(*net_, *set_, *pc4_, Mistake::kOverShares);
    EXPECT_THAT(
        Failures(CheckSource(*set_, Target(kGemeenteB, fake.port()))),
        ::testing::Contains(HasSubstr("carries an element the first round leaves out")));
  }
  {
    FakeSource fake(*net_, *set_, *pc4_, Mistake::kFirstN);
    const std::vector<std::string> failures =
        Failures(CheckSource(*set_, Target(kGemeenteB, fake.port())));
    EXPECT_THAT(failures,
                ::testing::Contains(HasSubstr("vraag.heel-land: asked 5 times")));
  }
  {
    // Profiles answered right, the vacancy paths not served: every vacancy
    // case fails, and only those.
    FakeSource fake(*net_, *set_, *pc4_, Mistake::kNoVacancies);
    const std::vector<std::string> failures =
        Failures(CheckSource(*set_, Target(kGemeenteB, fake.port())));
    EXPECT_THAT(failures, ::testing::Contains(HasSubstr(
                              "vacature.gebied: expected status 200, observed 404")));
    EXPECT_THAT(failures, ::testing::Each(HasSubstr("vacature")));
    EXPECT_EQ(failures.size(), 8u);  // six questions, two details
  }
  {
    FakeSource fake(*net_, *set_, *pc4_, Mistake::kRefusesUnknown);
    const std::vector<CaseResult> results =
        CheckSource(*set_, Target(kGemeenteB, fake.port()));
    EXPECT_THAT(Failures(results), ::testing::ElementsAre(HasSubstr(
                                       "vraag.onbekend-criterium: expected status 200, "
                                       "observed 400 (400.04)")));
    EXPECT_THAT(JUnitXml(results, {}, "vum accredit source"),
                HasSubstr("failures=\"1\""));
  }
}

// A failure list changes the verdicts, the JUnit XML and the page alike; no
// message is taken as markup.
TEST(AccreditationReportTest, VerdictsFollowTheFailureList) {
  const std::vector<CaseResult> results = {{"a.pass", true, ""},
                                           {"b.fail", false, "expected <1>, observed 2"},
                                           {"c.listed", false, "known"},
                                           {"d.listed-but-passes", true, ""}};
  const std::set<std::string> listed = {"c.listed", "d.listed-but-passes"};
  EXPECT_EQ(VerdictOf(results[0], listed), Verdict::kPass);
  EXPECT_EQ(VerdictOf(results[1], listed), Verdict::kFail);
  EXPECT_EQ(VerdictOf(results[2], listed), Verdict::kExpectedFail);
  EXPECT_EQ(VerdictOf(results[3], listed), Verdict::kUnexpectedPass);
  const std::string xml = JUnitXml(results, listed, "suite & co");
  EXPECT_THAT(xml,
              HasSubstr("<testsuite name=\"suite &amp; co\" tests=\"4\" failures=\"2\" "
                        "skipped=\"1\">"));
  EXPECT_THAT(xml, HasSubstr("expected &lt;1&gt;, observed 2"));
  const std::string html = HtmlReport(results, listed, "VUM <test>");
  EXPECT_THAT(html, HasSubstr("<title>VUM &lt;test&gt;</title>"));
  EXPECT_THAT(
      html,
      HasSubstr("Not passed: 4 cases; 1 passed, 1 failed as listed, 2 unexpected."));
  EXPECT_THAT(html, HasSubstr("<td>XFAIL</td>"));
  EXPECT_THAT(html, HasSubstr("<td>UNEXPECTED PASS</td>"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<1>"), std::string::npos);
  EXPECT_THAT(HtmlReport({results[0]}, {}, "t"), HasSubstr("Passed: 1 cases; 1 passed"));
}

}  // namespace
}  // namespace vum::accredit
