// The C API: validation with code lists and options, the two kinds of
// failure (could not validate, does not conform), conversion, errors that
// name the property and never hold a value, and concurrent use.

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vum/c/vum.h"

extern "C" int CValidate(const char* json, int* conforms);
extern "C" int CSelect(const char* codelists, int* matches);

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSourceDir = VUM_SOURCE_DIR;

// Owns what the library hands out.
struct Owned {
  char* p = nullptr;
  ~Owned() { vum_free(p); }
  std::string str() const { return p == nullptr ? "" : p; }
};

vum_validator* Make(const std::string& options) {
  vum_validator* v = nullptr;
  Owned error;
  EXPECT_EQ(vum_validator_create(options.c_str(), &v, &error.p), VUM_OK) << error.str();
  return v;
}

std::string WithLists(const std::string& more = "") {
  return "{\"codelists\":[\"" + kSourceDir +
         "/codelists\"],\"referenceDate\":\"2026-06-01\"" + more + "}";
}

vum_status Validate(const vum_validator* v, const std::string& doc, std::string* result,
                    std::string* error, const char* type = "werkzoekende") {
  Owned out, err;
  const vum_status s =
      vum_validate(v, type, VUM_FORMAT_JSON, doc.data(), doc.size(), &out.p, &err.p);
  *result = out.str();
  *error = err.str();
  return s;
}

TEST(CApiTest, VersionsAreStated) {
  EXPECT_EQ(vum_c_api_version(), VUM_C_API_VERSION);
  EXPECT_GT(std::strlen(vum_version()), 0u);
  EXPECT_GT(std::strlen(vum_standard_version()), 0u);
}

TEST(CApiTest, AConformingAndABrokenProfile) {
  vum_validator* v = Make(WithLists());
  std::string result, error;
  ASSERT_EQ(Validate(v, R"({"idWerkzoekende":"a","emailadres":[]})", &result, &error),
            VUM_OK)
      << error;
  EXPECT_THAT(result, HasSubstr("\"conforms\":true"));
  EXPECT_THAT(result, HasSubstr("\"ruleId\":\"JSON-01\""));  // the empty list, as info
  ASSERT_EQ(
      Validate(v, R"({"mobiliteit":{"maximaleReisafstand":5000}})", &result, &error),
      VUM_OK);
  EXPECT_THAT(result, HasSubstr("\"conforms\":false"));
  EXPECT_THAT(result, HasSubstr("\"ruleId\":\"WZ-01\""));  // no id
  EXPECT_THAT(result, HasSubstr("\"path\":\"mobiliteit.maximaleReisafstand\""));
  EXPECT_THAT(result, Not(HasSubstr("5000")));  // no value in a message
  vum_validator_free(v);
}

TEST(CApiTest, CouldNotValidateIsAStatusNamingTheProperty) {
  vum_validator* v = Make("");
  std::string result, error;
  EXPECT_EQ(Validate(v, R"({"idWerkzoekende": 12345678})", &result, &error),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error, HasSubstr("idWerkzoekende"));
  EXPECT_THAT(error, Not(HasSubstr("12345678")));
  EXPECT_EQ(result, "");
  EXPECT_EQ(Validate(v, "{}", &result, &error, "cv"), VUM_NOT_FOUND);
  EXPECT_EQ(Validate(v, "not json", &result, &error), VUM_INVALID_ARGUMENT);
  vum_validator_free(v);
}

TEST(CApiTest, OptionsAreCheckedByName) {
  vum_validator* v = nullptr;
  Owned error;
  EXPECT_EQ(vum_validator_create(R"({"langauge":"en"})", &v, &error.p),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error.str(), HasSubstr("unknown option \"langauge\""));
  Owned error2;
  EXPECT_EQ(vum_validator_create(R"({"jan@example.nl":1})", &v, &error2.p),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error2.str(), Not(HasSubstr("jan@")));
  Owned error3;
  EXPECT_EQ(vum_validator_create(R"({"referenceDate":"2026-02-30"})", &v, &error3.p),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error3.str(), HasSubstr("referenceDate"));
  Owned error4;
  EXPECT_EQ(vum_validator_create(R"({"codelists":["/no/such/folder"]})", &v, &error4.p),
            VUM_NOT_FOUND)
      << error4.str();
  EXPECT_EQ(v, nullptr);
}

TEST(CApiTest, WithoutCodeListsBoundRulesAreUncheckedNeverPassed) {
  vum_validator* v = Make("");
  std::string result, error;
  ASSERT_EQ(Validate(v, R"({"idWerkzoekende":"a","sector":[{"codeSbi":4711}]})", &result,
                     &error),
            VUM_OK);
  EXPECT_THAT(result, HasSubstr("\"unchecked\":[\""));
  vum_validator_free(v);
}

TEST(CApiTest, EnglishMessagesAndMinimumSeverity) {
  vum_validator* nl = Make(WithLists());
  vum_validator* en = Make(WithLists(R"(,"language":"en","minSeverity":"error")"));
  std::string a, b, error;
  const std::string doc =
      R"({"idWerkzoekende":"","mobiliteit":{"maximaleReisafstand":5000}})";
  ASSERT_EQ(Validate(nl, doc, &a, &error), VUM_OK);
  ASSERT_EQ(Validate(en, doc, &b, &error), VUM_OK);
  EXPECT_THAT(a, HasSubstr("JSON-01"));
  EXPECT_THAT(b, Not(HasSubstr("JSON-01")));  // info left out
  EXPECT_NE(a, b);
  vum_validator_free(nl);
  vum_validator_free(en);
}

TEST(CApiTest, ConvertsBetweenJsonAndBinary) {
  const std::string doc =
      R"({"idWerkzoekende":"a","emailadres":[],"werktijden":{"aantalWerkurenPerWeekMinimaal":20}})";
  Owned binary, json, error;
  size_t binary_size = 0, json_size = 0;
  ASSERT_EQ(vum_convert("werkzoekende", VUM_FORMAT_JSON, doc.data(), doc.size(),
                        VUM_FORMAT_BINARY, &binary.p, &binary_size, &error.p),
            VUM_OK)
      << error.str();
  ASSERT_EQ(vum_convert("vum.v1.Werkzoekende", VUM_FORMAT_BINARY, binary.p, binary_size,
                        VUM_FORMAT_JSON, &json.p, &json_size, &error.p),
            VUM_OK);
  EXPECT_EQ(
      std::string(json.p, json_size),
      R"({"idWerkzoekende":"a","werktijden":{"aantalWerkurenPerWeekMinimaal":20}})");
  Owned bad;
  EXPECT_EQ(vum_convert("werkzoekende", VUM_FORMAT_BINARY, "\xff\xff", 2, VUM_FORMAT_JSON,
                        &bad.p, &json_size, &error.p),
            VUM_INVALID_ARGUMENT);
}

TEST(CApiTest, OneValidatorServesManyThreads) {
  vum_validator* v = Make(WithLists());
  std::string expected, error;
  const std::string doc =
      R"({"idWerkzoekende":"a","mobiliteit":{"maximaleReisafstand":5000}})";
  ASSERT_EQ(Validate(v, doc, &expected, &error), VUM_OK);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string result, e;
        same[t] += Validate(v, doc, &result, &e) == VUM_OK && result == expected;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int n : same) EXPECT_EQ(n, 200);
  vum_validator_free(v);
}

TEST(CApiTest, CallableFromC) {
  int conforms = -1;
  EXPECT_EQ(CValidate(R"({"idWerkzoekende":"a"})", &conforms), VUM_OK);
  EXPECT_EQ(conforms, 1);
  EXPECT_EQ(CValidate(R"({"mobiliteit":{}})", &conforms), VUM_OK);
  EXPECT_EQ(conforms, 0);
  int matches = -1;
  EXPECT_EQ(CSelect((kSourceDir + "/codelists").c_str(), &matches), VUM_OK);
  EXPECT_EQ(matches, 1);
}

// A caseload of two people in Eindhoven, one with a consent to anonymous
// publication.
vum_caseload* TwoPeople() {
  vum_caseload* c = nullptr;
  Owned error;
  const std::string options = "{\"codelists\":[\"" + kSourceDir + "/codelists\"]}";
  EXPECT_EQ(vum_caseload_create(options.c_str(), &c, &error.p), VUM_OK) << error.str();
  for (const std::string& id : {"wz-1", "wz-2"}) {
    const std::string profile = "{\"idWerkzoekende\":\"" + id +
                                "\",\"persoonlijkePresentatie\":\"Ik ben Jan\","
                                "\"mobiliteit\":{\"bemiddelingspostcode\":\"5611AA\"}}";
    EXPECT_EQ(
        vum_caseload_put(c, VUM_FORMAT_JSON, profile.data(), profile.size(), &error.p),
        VUM_OK)
        << error.str();
  }
  const std::string consent =
      R"({"idWerkzoekende":"wz-1","toestemming":[{"idToestemming":)"
      R"("5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f","idWerkzoekende":"wz-1","doel":1,)"
      R"("verleendOp":"2026-01-01T00:00:00Z","grondslag":1}]})";
  EXPECT_EQ(vum_caseload_put_process(c, VUM_FORMAT_JSON, consent.data(), consent.size(),
                                     &error.p),
            VUM_OK)
      << error.str();
  return c;
}

vum_status Select(const vum_caseload* c, const std::string& question,
                  const std::string& options, std::string* answer, std::string* error) {
  Owned out, err;
  const vum_status s = vum_select(c, question.c_str(), options.c_str(), &out.p, &err.p);
  *answer = out.str();
  *error = err.str();
  return s;
}

TEST(CApiTest, ASelectionQuestionIsAnsweredAsASourceWould) {
  vum_caseload* c = TwoPeople();
  std::string answer, error;
  const std::string q =
      R"({"vraagObject":{"selectiegebied":{"postcode":"5611AB","afstand":10},)"
      R"("eenLaterGegeven":{"$eq":1}}})";
  ASSERT_EQ(Select(c, q, R"({"at":"2026-06-01T12:00:00Z"})", &answer, &error), VUM_OK)
      << error;
  // Only the person with a consent, in the first round (no free text), the
  // later version's criterion ignored.
  EXPECT_THAT(answer, HasSubstr(R"("refused":false)"));
  EXPECT_THAT(answer, HasSubstr(R"("ignored":["0:onbekend-pad"])"));
  EXPECT_THAT(answer, HasSubstr(R"("idWerkzoekende":"wz-1")"));
  EXPECT_THAT(answer, Not(HasSubstr("wz-2")));
  EXPECT_THAT(answer, Not(HasSubstr("persoonlijkePresentatie")));
  EXPECT_THAT(answer, HasSubstr(R"("maximumAantalResultatenBereikt":false)"));
  // vum's own answer: vumIDs, no source key.
  ASSERT_EQ(
      Select(c, q, R"({"form":"vum","legalBasis":true,"at":"2026-06-01T12:00:00Z"})",
             &answer, &error),
      VUM_OK)
      << error;
  EXPECT_THAT(answer, HasSubstr(R"("vumID":")"));
  EXPECT_THAT(answer, Not(HasSubstr("wz-1")));
  // Refused: a distance the standard does not allow; not JSON; bad options.
  ASSERT_EQ(Select(c, R"({"selectiegebied":{"postcode":"5611AB","afstand":1000}})", "",
                   &answer, &error),
            VUM_OK);
  EXPECT_THAT(answer, HasSubstr(R"("refused":true)"));
  EXPECT_THAT(answer, Not(HasSubstr(R"("answer")")));
  EXPECT_EQ(Select(c, "not json", "", &answer, &error), VUM_INVALID_ARGUMENT);
  EXPECT_EQ(Select(c, q, R"({"form":"other"})", &answer, &error), VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error, HasSubstr("form"));
  vum_caseload_free(c);
}

// A batch written from NDJSON and read back with a verdict per record; a
// damaged file is a result naming the damage; a line that cannot be read
// stops the writing with its line number.
TEST(CApiTest, BatchesAreWrittenAndReadWithAVerdictPerRecord) {
  vum_validator* v = Make(WithLists());
  const std::string ndjson =
      "{\"idWerkzoekende\":\"wz-1\"}\n\n"
      "{\"idWerkzoekende\":\"wz-2\",\"mobiliteit\":{\"maximaleReisafstand\":5000}}\n";
  for (const char* options : {R"({"afzender":"00000001001234567000"})",
                              R"({"afzender":"00000001001234567000","compress":true})"}) {
    Owned batch, error;
    size_t size = 0;
    ASSERT_EQ(vum_batch_write("werkzoekende", ndjson.data(), ndjson.size(), options,
                              &batch.p, &size, &error.p),
              VUM_OK)
        << error.str();
    Owned result, read_error;
    ASSERT_EQ(vum_batch_read(v, batch.p, size, &result.p, &read_error.p), VUM_OK)
        << read_error.str();
    EXPECT_THAT(result.str(), HasSubstr(R"("status":"whole")"));
    EXPECT_THAT(result.str(), HasSubstr(R"("read":2,"accepted":1,"rejected":1)"));
    EXPECT_THAT(result.str(), HasSubstr(R"("rejectedRecords":[{"index":1,)"));
    EXPECT_THAT(result.str(), HasSubstr(R"("afzenderOin":"00000001001234567000")"));
    // The same bytes cut short: the records before the cut keep their verdicts.
    Owned cut, cut_error;
    ASSERT_EQ(vum_batch_read(v, batch.p, size - 5, &cut.p, &cut_error.p), VUM_OK);
    EXPECT_THAT(cut.str(), Not(HasSubstr(R"("status":"whole")")));
  }
  Owned not_a_batch, error;
  ASSERT_EQ(vum_batch_read(v, "hello", 5, &not_a_batch.p, &error.p), VUM_OK);
  EXPECT_THAT(not_a_batch.str(), HasSubstr(R"("status":"not-a-batch")"));
  Owned out, line_error;
  size_t size = 0;
  const std::string bad = "{\"idWerkzoekende\":\"wz-1\"}\n{\"geheim\":\"Jan\"}\n";
  EXPECT_EQ(vum_batch_write("werkzoekende", bad.data(), bad.size(), nullptr, &out.p,
                            &size, &line_error.p),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(line_error.str(), HasSubstr("line 2"));
  EXPECT_THAT(line_error.str(), Not(HasSubstr("Jan")));
  EXPECT_EQ(out.p, nullptr);
  Owned oin_error;
  EXPECT_EQ(vum_batch_write("werkzoekende", ndjson.data(), ndjson.size(),
                            R"({"afzender":"123"})", &out.p, &size, &oin_error.p),
            VUM_INVALID_ARGUMENT);
  vum_validator_free(v);
}

TEST(CApiTest, AViewShowsWhatItsAudienceMaySee) {
  const std::string profile = R"({"idWerkzoekende":"wz-1","indicatieLdrRegistratie":1,)"
                              R"("mobiliteit":{"bemiddelingspostcode":"5611AA"}})";
  Owned employer, mediator, error;
  ASSERT_EQ(vum_view("werkzoekende", VUM_FORMAT_JSON, profile.data(), profile.size(),
                     R"({"view":"employer"})", &employer.p, &error.p),
            VUM_OK)
      << error.str();
  EXPECT_THAT(employer.str(), Not(HasSubstr("indicatieLdrRegistratie")));
  EXPECT_THAT(employer.str(), HasSubstr(R"("bemiddelingspostcode":"5611")"));
  ASSERT_EQ(vum_view("werkzoekende", VUM_FORMAT_JSON, profile.data(), profile.size(),
                     R"({"view":"mediator"})", &mediator.p, &error.p),
            VUM_OK);
  EXPECT_THAT(mediator.str(), HasSubstr("indicatieLdrRegistratie"));
  Owned none;
  EXPECT_EQ(vum_view("werkzoekende", VUM_FORMAT_JSON, profile.data(), profile.size(),
                     "{}", &none.p, &error.p),
            VUM_INVALID_ARGUMENT);
}

TEST(CApiTest, ADeltaThatDoesNotFollowIsRefusedByName) {
  const std::string ndjson = "{\"idWerkzoekende\":\"wz-1\"}\n";
  Owned full, error;
  size_t size = 0;
  ASSERT_EQ(vum_batch_write("werkzoekende", ndjson.data(), ndjson.size(), nullptr,
                            &full.p, &size, &error.p),
            VUM_OK);
  // A full batch where a delta belongs.
  Owned result, out, apply_error;
  size_t out_size = 0;
  ASSERT_EQ(vum_delta_apply(full.p, size, full.p, size, &result.p, &out.p, &out_size,
                            &apply_error.p),
            VUM_OK)
      << apply_error.str();
  EXPECT_EQ(result.str(), R"({"status":"not-delta"})");
  EXPECT_EQ(out.p, nullptr);
}

// A delta written through the C API follows its full batch: applied, the
// new full batch holds both; half a delta's options is refused.
TEST(CApiTest, ADeltaWrittenHereIsApplied) {
  const std::string first =
      "{\"idWerkzoekende\":\"wz-1\"}\n{\"idWerkzoekende\":\"wz-2\"}\n";
  Owned full, error;
  size_t size = 0;
  ASSERT_EQ(vum_batch_write("werkzoekende", first.data(), first.size(), nullptr, &full.p,
                            &size, &error.p),
            VUM_OK);
  vum_validator* v = nullptr;
  ASSERT_EQ(vum_validator_create(nullptr, &v, &error.p), VUM_OK);
  Owned read;
  ASSERT_EQ(vum_batch_read(v, full.p, size, &read.p, &error.p), VUM_OK);
  vum_validator_free(v);
  const std::string header = read.str();
  const size_t at = header.find("\"batchId\":\"") + 11;
  const std::string base = header.substr(at, header.find('"', at) - at);
  ASSERT_EQ(base.size(), 36u) << header;
  const std::string more = "{\"idWerkzoekende\":\"wz-3\"}\n";
  Owned delta, half;
  size_t delta_size = 0, half_size = 0;
  ASSERT_EQ(vum_batch_write("werkzoekende", more.data(), more.size(),
                            ("{\"basis\":\"" + base + "\",\"volgnummer\":1}").c_str(),
                            &delta.p, &delta_size, &error.p),
            VUM_OK)
      << error.str();
  EXPECT_EQ(vum_batch_write("werkzoekende", more.data(), more.size(),
                            "{\"volgnummer\":1}", &half.p, &half_size, &error.p),
            VUM_INVALID_ARGUMENT);
  Owned result, out, apply_error;
  size_t out_size = 0;
  ASSERT_EQ(vum_delta_apply(full.p, size, delta.p, delta_size, &result.p, &out.p,
                            &out_size, &apply_error.p),
            VUM_OK)
      << apply_error.str();
  EXPECT_EQ(result.str(),
            R"({"status":"applied","sequence":1,"ids":["wz-1","wz-2","wz-3"]})");
  EXPECT_GT(out_size, 0u);
}

TEST(CApiTest, ACaseloadNeedsThePc4ListAndReadableRecords) {
  vum_caseload* c = nullptr;
  Owned error;
  EXPECT_EQ(vum_caseload_create(R"({"codelists":["/nonexistent"]})", &c, &error.p),
            VUM_NOT_FOUND);
  EXPECT_EQ(c, nullptr);
  c = TwoPeople();
  Owned error2;
  const std::string bad = R"({"idWerkzoekende":"wz-3","geheim":"Jan"})";
  EXPECT_EQ(vum_caseload_put(c, VUM_FORMAT_JSON, bad.data(), bad.size(), &error2.p),
            VUM_INVALID_ARGUMENT);
  EXPECT_THAT(error2.str(), Not(HasSubstr("Jan")));
  vum_caseload_free(c);
}

}  // namespace
