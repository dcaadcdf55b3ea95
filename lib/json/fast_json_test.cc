// Differential tests: JsonParser must give exactly what ParseJson (protobuf's
// JSON parser) gives, the same message or the same error, and PrintJsonFast
// exactly what PrintJson prints, over the examples, thousands of generated
// records, malformed documents and random mutations of valid ones.

#include <simdjson.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor_database.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "lib/access/field_access.h"
#include "lib/json/json_reference.h"
#include "lib/json/json_shape.h"
#include "lib/testing/files.h"
#include "vum/generator.h"
#include "vum/json.h"
#include "vum/limits.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/selection.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

const std::string kSourceDir = VUM_SOURCE_DIR;

using ::vum::testing::ReadFileOrDie;

// The documents every test below runs through both parsers.
struct Corpus {
  // In the wire form, as PrintJson prints them (with and without empty
  // values): the fast path reads every one itself.
  std::vector<std::string> canonical;  // profiles and vacancies
  std::vector<std::string> canonical_vacancies;
  std::vector<std::string> other;  // anything else
};

const Corpus& TestCorpus() {
  static const Corpus* const corpus = [] {
    auto* c = new Corpus;
    for (const char* dir : {"/examples/werkzoekenden", "/examples/vacatures",
                            "/examples/broken", "/lib/json/testdata"}) {
      for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + dir)) {
        c->other.push_back(ReadFileOrDie(entry.path().string()));
      }
    }
    RecordGenerator generator({.seed = 77, .invalid_fraction = 0.2});
    v1::Werkzoekende profile;
    v1::Vacature vacancy;
    for (int i = 0; i < 3000; ++i) {
      generator.NextProfile(&profile);
      // An invalid record may hold an empty string: read as absent, or as a
      // value inside a list.
      c->canonical.push_back(*PrintJson(profile));
      if (i % 4 == 0) c->canonical.push_back(*PrintJson(profile, {.empty_values = true}));
      if (i % 10 == 0) c->other.push_back(*PrintJson(profile, {.pretty = true}));
      if (i % 3 == 0) {
        generator.NextVacancy(&vacancy);
        for (bool empty_values : {false, true}) {
          c->canonical.push_back(*PrintJson(vacancy, {.empty_values = empty_values}));
          c->canonical_vacancies.push_back(c->canonical.back());
        }
      }
    }
    for (
        const char* doc : {
            "",
            " ",
            "{}",
            "[]",
            "null",
            "1",
            "\"x\"",
            "{} x",
            "{}{}",
            "\xEF\xBB\xBF{}",
            R"({"idWerkzoekende": null})",
            R"({"idWerkzoekende": ""})",
            R"({"id_werkzoekende": "", "emailadres": [], "mobiliteit": null})",
            R"({"emailadres": ""})",
            R"({"emailadres": [""]})",
            R"({"emailadres": [[]]})",
            R"({"mobiliteit": ""})",
            R"({"mobiliteit": []})",
            R"({"mobiliteit": {}})",
            R"({"sector": [{"codeSbi": null}, {}]})",
            R"({"werkgever": {"adresHouding": [{"adres": {"adresNederland": {"postcode": "1011AB"}, "adresBuitenland": null}}]}})",
            R"({"werkgever": {"adresHouding": [{"adres": {"adresNederland": null, "adresBuitenland": {}}}]}})",
            R"({"idWerkzoekende": "", "idWerkzoekende": "a"})",
            R"({"codeWerkEnDenkniveauMinimaal": ""})",
            R"({"codeWerkEnDenkniveauMinimaal": "4"})",
            R"({"emailadres": null})",
            R"({"emailadres": ["a", null]})",
            R"({"mobiliteit": null})",
            R"({"id_werkzoekende": "a"})",
            R"({"idWerkzoekende": "a", "idWerkzoekende": "b"})",
            R"({"emailadres": ["a"], "emailadres": ["b"]})",
            R"({"mobiliteit": {"maximaleReistijd": 1}, "mobiliteit": {"maximaleReisafstand": 2}})",
            R"({"mobiliteit": {"maximaleReistijd": "12"}})",
            R"({"mobiliteit": {"maximaleReistijd": 1e2}})",
            R"({"mobiliteit": {"maximaleReistijd": 1.0}})",
            R"({"mobiliteit": {"maximaleReistijd": 1.5}})",
            R"({"mobiliteit": {"maximaleReistijd": -0}})",
            R"({"mobiliteit": {"maximaleReistijd": 2147483648}})",
            R"({"mobiliteit": {"maximaleReistijd": -2147483649}})",
            R"({"mobiliteit": {"maximaleReistijd": true}})",
            R"({"mobiliteit": {"maximaleReistijd": 01}})",
            R"({"indicatieLdrRegistratie": "JA_NEE_JA"})",
            R"({"indicatieLdrRegistratie": "1"})",
            R"({"indicatieLdrRegistratie": 99})",
            R"({"indicatieLdrRegistratie": -5})",
            R"({"indicatieLdrRegistratie": 1.0})",
            R"({"persoonlijkePresentatie": "a\u0000b\ud83d\ude00\u2028<>&"})",
            R"({"persoonlijkePresentatie": "\ud800"})",
            R"({"persoonlijkePresentatie": "\x"})",
            "{\"persoonlijkePresentatie\": \"raw\ttab\"}",
            "{\"persoonlijkePresentatie\": \"\xff\"}",
            R"({"idWerk\u007aoekende": "a"})",
            R"({'idWerkzoekende': 'a'})",
            R"({"idWerkzoekende": "a",})",
            R"({idWerkzoekende: "a"})",
            R"({"idWerkzoekende": "a"} // c)",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [{"codeOpleidingsnaam": 301}]}})",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [{"codeOpleidingsnaam": "0301"}]}})",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [{"codeOpleidingsnaam": ""}]}})",
            R"({"arbeidsmarktkwalificatie": {"competentiebeheersing": [{"codeCompetentie": "x"}, {}]}})",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [{"opleidingsnaam": {"codeOpleidingsnaam": 1}}]}})",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [1]}})",
            R"({"arbeidsmarktkwalificatie": []})",
            R"({"sector": {"codeSbi": 1}})",
            R"({"sector": [[{"codeSbi": 1}]]})",
            R"({"sector": [{}]})",
            R"({"adres": {"postcode": "1011AB", "huisnummer": 12, "huisnummertoevoeging": "a"}})",
            R"({"adres": {"postcode": 1011}})",
        }) {
      c->other.push_back(doc);
    }
    // Random mutations of valid documents: a byte replaced, removed or doubled.
    std::mt19937 random(2026);
    const std::string alphabet = "{}[]\":,0123456789.-eE \\tnulfase\x01\xc3";
    for (int i = 0; i < 300; ++i) {
      const std::string& base = c->canonical[i * 7 % c->canonical.size()];
      for (int k = 0; k < 20; ++k) {
        std::string doc = base;
        const size_t at = random() % doc.size();
        switch (random() % 3) {
          case 0:
            doc[at] = alphabet[random() % alphabet.size()];
            break;
          case 1:
            doc.erase(at, 1);
            break;
          default:
            doc.insert(at, 1, doc[at]);
        }
        c->other.push_back(std::move(doc));
      }
    }
    return c;
  }();
  return *corpus;
}

std::vector<std::string> Strings(const std::vector<FieldPath>& paths) {
  std::vector<std::string> out;
  for (const FieldPath& p : paths) out.push_back(p.ToString());
  return out;
}

template <typename Record>
void ExpectSameParse(const std::string& doc, JsonParser& parser) {
  Record expected, actual;
  std::vector<FieldPath> want_absent, got_absent;
  const absl::Status want = ParseJson(doc, &expected, &want_absent);
  const absl::Status got = parser.Parse(doc, &actual, &got_absent);
  ASSERT_EQ(got.ToString(), want.ToString()) << "document: " << doc;
  if (want.ok()) {
    ASSERT_EQ(Strings(got_absent), Strings(want_absent)) << "document: " << doc;
    // Bytes, not MessageDifferencer, so that NaN equals NaN.
    ASSERT_EQ(actual.SerializeAsString(), expected.SerializeAsString())
        << "document: " << doc;
    std::string fast;
    PrintJsonFast(actual, &fast);
    ASSERT_EQ(fast, json_internal::ReferenceJson(expected, false)) << "document: " << doc;
    ASSERT_EQ(*PrintJson(expected, {.pretty = true}),
              json_internal::ReferenceJson(expected, true))
        << "document: " << doc;
  }
}

TEST(FastJsonTest, ParsesExactlyAsProtobufDoes) {
  JsonParser parser;
  size_t n = 0;
  for (const auto* docs : {&TestCorpus().canonical, &TestCorpus().other}) {
    for (const std::string& doc : *docs) {
      ExpectSameParse<v1::Werkzoekende>(doc, parser);
      ExpectSameParse<v1::Vacature>(doc, parser);
      n += 2;
    }
  }
  EXPECT_EQ(parser.fast_count() + parser.fallback_count(), n);
  EXPECT_GT(n, 20000u);
}

// The standard's messages are read by generated parsers; any other message,
// or all of them with generated code off, through reflection. That path too
// must take exactly what protobuf takes.
TEST(FastJsonTest, WithoutGeneratedCodeTheReflectionPathParsesExactlyAsProtobufDoes) {
  access_internal::DisableGeneratedCodeForTesting disable;
  JsonParser parser;
  size_t n = 0;
  for (const auto* docs : {&TestCorpus().canonical, &TestCorpus().other}) {
    for (size_t i = 0; i < docs->size(); i += 3) {
      ExpectSameParse<v1::Werkzoekende>((*docs)[i], parser);
      ExpectSameParse<v1::Vacature>((*docs)[i], parser);
      n += 2;
    }
  }
  EXPECT_GT(parser.fast_count(), n / 4);
}

TEST(FastJsonTest, CanonicalDocumentsTakeTheFastPath) {
  JsonParser parser;
  v1::Werkzoekende profile;
  v1::Vacature vacancy;
  const auto& vacancies = TestCorpus().canonical_vacancies;
  for (const std::string& doc : TestCorpus().canonical) {
    const bool is_vacancy =
        std::find(vacancies.begin(), vacancies.end(), doc) != vacancies.end();
    const absl::Status status =
        is_vacancy ? parser.Parse(doc, &vacancy) : parser.Parse(doc, &profile);
    ASSERT_TRUE(status.ok()) << status << "\ndocument: " << doc;
  }
  EXPECT_EQ(parser.fallback_count(), 0u);
  EXPECT_EQ(parser.fast_count(), TestCorpus().canonical.size());
}

// As many senders write VUM JSON: every absent property empty. The fast path
// reads each such document itself, lists what it read as absent in document
// order, and gets the record back.
TEST(FastJsonTest, EmptyValuesAsSendersWriteThemTakeTheFastPath) {
  JsonParser parser;
  RecordGenerator generator({.seed = 5});
  v1::Werkzoekende profile, read;
  std::vector<FieldPath> absent;
  for (int i = 0; i < 200; ++i) {
    generator.NextProfile(&profile);
    const std::string doc = *PrintJson(profile, {.empty_values = true});
    ASSERT_TRUE(parser.Parse(doc, &read, &absent).ok()) << doc;
    ASSERT_EQ(read.SerializeAsString(), profile.SerializeAsString()) << doc;
    ASSERT_FALSE(absent.empty()) << doc;
  }
  EXPECT_EQ(parser.fallback_count(), 0u);
  ASSERT_TRUE(parser
                  .Parse(R"({"idWerkzoekende": "a", "emailadres": [],
                             "arbeidsmarktkwalificatie": {"opleiding": [{}, {"datumDiploma": null}]},
                             "mobiliteit": {"bemiddelingspostcode": ""}})",
                         &read, &absent)
                  .ok());
  EXPECT_THAT(Strings(absent),
              ::testing::ElementsAre("emailadres",
                                     "arbeidsmarktkwalificatie.opleiding[1].datumDiploma",
                                     "mobiliteit.bemiddelingspostcode"));
  EXPECT_EQ(parser.fallback_count(), 0u);
}

// With limits, the parser's one parse of a document also checks its shape,
// refusing what CheckJsonShape refuses with the same status; within them it
// reads as a parser without limits.
TEST(FastJsonTest, AParserWithLimitsRefusesWhatCheckJsonShapeRefuses) {
  InputLimits limits;
  limits.max_depth = 3;
  limits.max_list_items = 2;
  JsonParser limited(limits);
  v1::Werkzoekende profile;
  const std::string far_too_deep =
      absl::StrCat(R"({"idWerkzoekende":"a","persoonlijkePresentatie":)",
                   std::string(60, '['), std::string(60, ']'), "}");
  for (const std::string& doc : std::vector<std::string>{
           // Four levels: the profile, a group, a list and its element.
           R"({"idWerkzoekende":"a","arbeidsmarktkwalificatie":{"opleiding":[{}]}})",
           far_too_deep,  // beyond simdjson's own limit too
           R"({"idWerkzoekende":"a","emailadres":[{},{},{}]})",
       }) {
    SCOPED_TRACE(doc);
    const absl::Status shape = CheckJsonShape(doc, limits);
    ASSERT_EQ(shape.code(), absl::StatusCode::kResourceExhausted);
    const absl::Status read = limited.Parse(doc, &profile);
    EXPECT_EQ(read.code(), shape.code());
    EXPECT_EQ(read.message(), shape.message());
  }
  // Not JSON: refused as a parser without limits refuses it.
  JsonParser unlimited;
  const std::string broken = R"({"idWerkzoekende": [1,)";
  EXPECT_EQ(limited.Parse(broken, &profile), unlimited.Parse(broken, &profile));
  // Within the limits (the default ones): the same records, on the fast path.
  JsonParser within{InputLimits{}};
  RecordGenerator generator({.seed = 8});
  v1::Werkzoekende generated, read;
  for (int i = 0; i < 50; ++i) {
    generator.NextProfile(&generated);
    const std::string doc = *PrintJson(generated, {.empty_values = i % 2 == 0});
    ASSERT_TRUE(within.Parse(doc, &read).ok()) << doc;
    ASSERT_EQ(read.SerializeAsString(), generated.SerializeAsString()) << doc;
  }
  EXPECT_EQ(within.fallback_count(), 0u);
}

// The shape as a walk of the DOM's elements finds it, the first breach in
// document order: what CheckJsonShape's walk of simdjson's tape must give.
absl::Status ShapeByElements(simdjson::dom::element value, int depth,
                             const InputLimits& limits) {
  simdjson::dom::array array;
  simdjson::dom::object object;
  const bool is_array = value.get(array) == simdjson::SUCCESS;
  const bool is_object = value.get(object) == simdjson::SUCCESS;
  if ((is_array || is_object) && depth > limits.max_depth) {
    return absl::ResourceExhaustedError(
        absl::StrCat("nested deeper than the limit of ", limits.max_depth, " levels"));
  }
  if (is_array && array.size() > limits.max_list_items) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "a list has more elements than the limit of ", limits.max_list_items));
  }
  if (is_array) {
    for (simdjson::dom::element item : array) {
      if (absl::Status s = ShapeByElements(item, depth + 1, limits); !s.ok()) return s;
    }
  }
  if (is_object) {
    for (simdjson::dom::key_value_pair member : object) {
      if (absl::Status s = ShapeByElements(member.value, depth + 1, limits); !s.ok())
        return s;
    }
  }
  return absl::OkStatus();
}

// A parser with limits parses with a stricter depth than it allows and
// skips the count of a short document's lists: at each edge (a document
// exactly as deep as allowed, with or without an empty innermost list; a
// document exactly long enough for one list too many) it must still refuse
// exactly what a walk of the elements refuses.
TEST(FastJsonTest, AParserWithLimitsRefusesExactlyAtEachEdge) {
  std::vector<std::string> docs;
  for (int d = 0; d <= 8; ++d) {
    for (const char* innermost : {"", "1"}) {
      const std::string nested =
          absl::StrCat(std::string(d, '['), d > 0 ? innermost : "1", std::string(d, ']'));
      docs.push_back(nested);
      docs.push_back(absl::StrCat(R"({"idWerkzoekende":"a","persoonlijkePresentatie":)",
                                  nested, "}"));
    }
  }
  for (int n = 0; n <= 8; ++n) {  // n items, as short as JSON writes them
    std::vector<std::string> ones(n, "1");
    docs.push_back(absl::StrCat("[", absl::StrJoin(ones, ","), "]"));
  }
  simdjson::dom::parser dom;
  v1::Werkzoekende profile;
  size_t refused = 0, checked = 0;
  for (int depth = 0; depth <= 7; ++depth) {
    for (size_t items : {0, 1, 2, 3, 4, 10000}) {
      InputLimits limits;
      limits.max_depth = depth;
      limits.max_list_items = items;
      JsonParser limited(limits);
      for (const std::string& doc : docs) {
        simdjson::dom::element root;
        ASSERT_EQ(dom.parse(doc).get(root), simdjson::SUCCESS) << doc;
        const absl::Status want = ShapeByElements(root, 1, limits);
        const absl::Status got = limited.Parse(doc, &profile);
        ASSERT_EQ(got.code() == absl::StatusCode::kResourceExhausted, !want.ok())
            << doc << " depth " << depth << " items " << items << ": " << got;
        // A document beyond both limits may be stopped by either first.
        InputLimits depth_only = limits, items_only = limits;
        depth_only.max_list_items = SIZE_MAX;
        items_only.max_depth = INT_MAX;
        const bool beyond_one = ShapeByElements(root, 1, depth_only).ok() ||
                                ShapeByElements(root, 1, items_only).ok();
        if (!want.ok() && beyond_one) {
          EXPECT_EQ(got.message(), want.message()) << doc;
        }
        refused += !want.ok();
        ++checked;
      }
    }
  }
  EXPECT_GT(refused, checked / 4);
  EXPECT_LT(refused, checked);
}

// The shape check walks simdjson's tape: on a parsed document it must find
// what a walk of the DOM's elements finds (simdjson's own depth bound, which
// may stop a parse before, is not this test's).
TEST(FastJsonTest, TheShapeCheckFindsWhatAWalkOfTheElementsFinds) {
  std::vector<std::string> docs = {
      R"([1, 2.5, -3, 18446744073709551615, "x", true, null, [[]], {"a": [1, 2, 3]}])",
      // Numbers whose second tape word has the top byte of '[' (0x5B) or '}':
      // read as a word of their own, they would open or close a container.
      R"([6557241057451442176, [9007199254740992000], {"a": 6557241057451442176}])",
      R"({"a": {"b": {"c": [{"d": [1.5e300, [], {}]}]}}, "e": [[[[0]]]]})",
      R"("only a string")", "42", R"([[], [[], []], [[[1, 2]]]])"};
  for (size_t i = 0; i < TestCorpus().canonical.size(); i += 11)
    docs.push_back(TestCorpus().canonical[i]);
  simdjson::dom::parser dom;
  size_t refused = 0, checked = 0;
  for (const std::string& doc : docs) {
    simdjson::dom::element root;
    ASSERT_EQ(dom.parse(doc).get(root), simdjson::SUCCESS) << doc;
    for (int depth = 0; depth <= 7; ++depth) {
      for (size_t items : {0, 1, 2, 3, 10000}) {
        InputLimits limits;
        limits.max_depth = depth;
        limits.max_list_items = items;
        const absl::Status want = ShapeByElements(root, 1, limits);
        const absl::Status got =
            json_internal::CheckParsedShape(simdjson::SUCCESS, dom.doc, limits);
        ASSERT_EQ(got.ToString(), want.ToString())
            << doc << " depth " << depth << " items " << items;
        refused += !got.ok();
        ++checked;
      }
    }
  }
  EXPECT_GT(refused, checked / 4);
  EXPECT_LT(refused, checked);
}

TEST(FastJsonTest, ParserIsReusableAndClearsTheMessage) {
  JsonParser parser;
  v1::Werkzoekende profile;
  ASSERT_TRUE(
      parser.Parse(R"({"idWerkzoekende": "a", "emailadres": ["x@y.nl"]})", &profile)
          .ok());
  ASSERT_TRUE(parser.Parse(R"({"idWerkzoekende": "b"})", &profile).ok());
  EXPECT_EQ(profile.emailadres_size(), 0);
  EXPECT_EQ(profile.id_werkzoekende(), "b");
}

// The fast path reuses what a message held (nested records, strings, lists)
// instead of clearing it first; whatever the message held before, the result
// must be what a fresh message gets.
template <typename Record>
void ExpectReuseIsInvisible(const std::vector<const std::string*>& docs) {
  JsonParser parser;
  Record reused;
  // Unknown fields, as a binary parse of a newer version would leave them.
  ASSERT_TRUE(reused.ParseFromString(std::string("\xF8\x3E\x01", 3)));  // field 999
  ASSERT_FALSE(reused.GetReflection()->GetUnknownFields(reused).empty());
  for (const std::string* doc : docs) {
    Record fresh;
    const absl::Status want = ParseJson(*doc, &fresh);
    const absl::Status got = parser.Parse(*doc, &reused);
    ASSERT_EQ(got.ToString(), want.ToString()) << "document: " << *doc;
    if (!want.ok()) {
      // Unspecified after an error: start again from a dirty message.
      ASSERT_TRUE(reused.ParseFromString(std::string("\xF8\x3E\x01", 3)));
      continue;
    }
    ASSERT_EQ(reused.SerializeAsString(), fresh.SerializeAsString())
        << "document: " << *doc;
  }
}

TEST(FastJsonTest, AReusedMessageEndsAsAFreshOne) {
  std::vector<const std::string*> docs;
  const auto& canonical = TestCorpus().canonical;
  const auto& other = TestCorpus().other;
  // In order and interleaved with the other documents, so that each document
  // lands on a message that held a different one.
  for (const auto& doc : canonical) docs.push_back(&doc);
  for (size_t i = 0; i < other.size(); ++i) {
    docs.push_back(&other[i]);
    docs.push_back(&canonical[(i * 7) % canonical.size()]);
  }
  ExpectReuseIsInvisible<v1::Werkzoekende>(docs);
  ExpectReuseIsInvisible<v1::Vacature>(docs);
  ExpectReuseIsInvisible<v1::BatchRecord>(docs);
}

// A DynamicMessage of a standard type is no instance of the generated class:
// the fast path reads it through reflection, with the same result.
TEST(FastJsonTest, DynamicMessagesParseAsGeneratedOnes) {
  google::protobuf::DynamicMessageFactory factory;
  JsonParser parser;
  std::unique_ptr<Message> reused(
      factory.GetPrototype(v1::Werkzoekende::descriptor())->New());
  const auto& docs = TestCorpus().canonical;
  for (size_t i = 0; i < docs.size(); i += 7) {
    v1::Werkzoekende expected;
    const absl::Status want = ParseJson(docs[i], &expected);
    std::unique_ptr<Message> fresh(
        factory.GetPrototype(v1::Werkzoekende::descriptor())->New());
    ASSERT_EQ(parser.Parse(docs[i], fresh.get()).ToString(), want.ToString());
    ASSERT_EQ(parser.Parse(docs[i], reused.get()).ToString(), want.ToString());
    if (!want.ok()) continue;
    ASSERT_EQ(fresh->SerializeAsString(), expected.SerializeAsString()) << docs[i];
    ASSERT_EQ(reused->SerializeAsString(), expected.SerializeAsString()) << docs[i];
  }
  EXPECT_GT(parser.fast_count(), 0u);
}

// ParseToBinary must give the bytes Parse and SerializeToString give, the
// same absent list and the same error, for every type and document.
template <typename Record>
void ExpectSameBinary(const std::string& doc, JsonParser& parser) {
  static JsonParser* const reference = new JsonParser;
  Record expected;
  std::vector<FieldPath> want_absent, got_absent;
  const absl::Status want = reference->Parse(doc, &expected, &want_absent);
  std::string bytes = "left from before";
  const absl::Status got =
      parser.ParseToBinary(doc, *Record::descriptor(), &bytes, &got_absent);
  ASSERT_EQ(got.ToString(), want.ToString()) << "document: " << doc;
  if (!want.ok()) return;
  ASSERT_EQ(Strings(got_absent), Strings(want_absent)) << "document: " << doc;
  ASSERT_EQ(bytes, expected.SerializeAsString()) << "document: " << doc;
}

// ParseToBinaryInPlace reads the document where it lies, with what follows
// it readable: whatever those bytes are (here text that would close or
// continue the document, and bytes that are not UTF-8), the result is
// ParseToBinary's. The buffer ends with them, so that a sanitizer would see a
// read past them.
TEST(FastJsonTest, ParsesInPlaceExactlyAsFromACopyWhateverFollows) {
  JsonParser copying, in_place;
  const std::string kFollowing[] = {std::string(JsonParser::kBytesReadPastEnd, '}'),
                                    std::string(JsonParser::kBytesReadPastEnd, '"'),
                                    std::string(JsonParser::kBytesReadPastEnd, '\xff'),
                                    std::string(JsonParser::kBytesReadPastEnd, '7'),
                                    std::string(JsonParser::kBytesReadPastEnd, ' ')};
  std::vector<std::string> docs = {R"({"idWerkzoekende":"w1)",
                                   R"({"idWerkzoekende":"w1")",
                                   R"({"mobiliteit":{"maximaleReisafstand":1)",
                                   R"({"idWerkzoekende":"w1"})",
                                   R"({"indicatieLdrRegistratie":)",
                                   "",
                                   "{",
                                   R"({"idWerkzoekende":"w1"} )"};
  for (const auto* corpus : {&TestCorpus().canonical, &TestCorpus().other}) {
    for (size_t i = 0; i < corpus->size(); i += 5) docs.push_back((*corpus)[i]);
  }
  size_t compared = 0;
  for (const std::string& doc : docs) {
    std::string want_bytes, got_bytes = "left from before";
    std::vector<FieldPath> want_absent, got_absent;
    const absl::Status want = copying.ParseToBinary(doc, *v1::Werkzoekende::descriptor(),
                                                    &want_bytes, &want_absent);
    for (const std::string& following : kFollowing) {
      const std::unique_ptr<char[]> buffer(new char[doc.size() + following.size()]);
      std::memcpy(buffer.get(), doc.data(), doc.size());
      std::memcpy(buffer.get() + doc.size(), following.data(), following.size());
      const absl::Status got = in_place.ParseToBinaryInPlace(
          absl::string_view(buffer.get(), doc.size()), *v1::Werkzoekende::descriptor(),
          &got_bytes, &got_absent);
      ASSERT_EQ(got.ToString(), want.ToString()) << "document: " << doc;
      if (!want.ok()) continue;
      ASSERT_EQ(got_bytes, want_bytes) << "document: " << doc;
      ASSERT_EQ(Strings(got_absent), Strings(want_absent)) << "document: " << doc;
      ++compared;
    }
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(in_place.fast_count(), 0u);
}

// `element` in JSON with the members of every object in reverse order.
void AppendReversed(simdjson::dom::element element, std::string& out) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (element.get(object) == simdjson::SUCCESS) {
    std::vector<simdjson::dom::key_value_pair> members;
    for (simdjson::dom::key_value_pair m : object) members.push_back(m);
    out += '{';
    for (auto m = members.rbegin(); m != members.rend(); ++m) {
      if (m != members.rbegin()) out += ',';
      out += "\"";
      out += std::string_view(m->key);
      out += "\":";
      AppendReversed(m->value, out);
    }
    out += '}';
  } else if (element.get(array) == simdjson::SUCCESS) {
    out += '[';
    bool first = true;
    for (simdjson::dom::element e : array) {
      if (!first) out += ',';
      first = false;
      AppendReversed(e, out);
    }
    out += ']';
  } else {
    out += simdjson::minify(element);
  }
}

TEST(FastJsonTest, ParsesToBinaryExactlyAsParseAndSerialize) {
  JsonParser parser;
  size_t n = 0;
  for (const auto* docs : {&TestCorpus().canonical, &TestCorpus().other}) {
    for (const std::string& doc : *docs) {
      ExpectSameBinary<v1::Werkzoekende>(doc, parser);
      ExpectSameBinary<v1::Vacature>(doc, parser);
      ExpectSameBinary<v1::BatchRecord>(doc, parser);
      n += 3;
    }
  }
  EXPECT_GT(n, 30000u);
}

// Members in any order give the bytes of field-number order, with the
// absent properties still listed in document order.
TEST(FastJsonTest, ParsesToBinaryMembersOutOfOrderIntoFieldOrder) {
  JsonParser parser;
  simdjson::dom::parser dom;
  size_t reversed = 0;
  for (const std::string& doc : TestCorpus().canonical) {
    simdjson::dom::element root;
    ASSERT_EQ(dom.parse(doc).get(root), simdjson::SUCCESS);
    std::string backwards;
    AppendReversed(root, backwards);
    if (backwards == doc) continue;
    ++reversed;
    const auto& vacancies = TestCorpus().canonical_vacancies;
    if (std::find(vacancies.begin(), vacancies.end(), doc) != vacancies.end()) {
      ExpectSameBinary<v1::Vacature>(backwards, parser);
    } else {
      ExpectSameBinary<v1::Werkzoekende>(backwards, parser);
    }
  }
  EXPECT_GT(reversed, 1000u);
  EXPECT_EQ(parser.fallback_count(), 0u);
  std::string bytes;
  ASSERT_TRUE(parser
                  .ParseToBinary(R"({"mobiliteit": {"maximaleReistijd": 5,
                                     "bemiddelingspostcode": "1011AB"},
                                     "idWerkzoekende": "a"})",
                                 *v1::Werkzoekende::descriptor(), &bytes)
                  .ok());
  EXPECT_EQ(parser.fallback_count(), 0u);
  v1::Werkzoekende want;
  want.set_id_werkzoekende("a");
  want.mutable_mobiliteit()->set_bemiddelingspostcode("1011AB");
  want.mutable_mobiliteit()->set_maximale_reistijd(5);
  EXPECT_EQ(bytes, want.SerializeAsString());
}

// Canonical documents, and documents with every absent property empty, are
// written into bytes without a message; without generated code (or for a
// type with none) ParseToBinary goes through one, to the same bytes.
TEST(FastJsonTest, ParsesToBinaryOnTheFastPathAndWithoutGeneratedCode) {
  JsonParser parser;
  std::string bytes;
  const auto& vacancies = TestCorpus().canonical_vacancies;
  for (const std::string& doc : TestCorpus().canonical) {
    const bool is_vacancy =
        std::find(vacancies.begin(), vacancies.end(), doc) != vacancies.end();
    const google::protobuf::Descriptor& type =
        is_vacancy ? *v1::Vacature::descriptor() : *v1::Werkzoekende::descriptor();
    ASSERT_TRUE(parser.ParseToBinary(doc, type, &bytes).ok()) << doc;
  }
  EXPECT_EQ(parser.fallback_count(), 0u);
  EXPECT_EQ(parser.fast_count(), TestCorpus().canonical.size());

  access_internal::DisableGeneratedCodeForTesting disable;
  JsonParser reflective;
  for (size_t i = 0; i < TestCorpus().canonical.size(); i += 5) {
    ExpectSameBinary<v1::Werkzoekende>(TestCorpus().canonical[i], reflective);
    ExpectSameBinary<v1::Werkzoekende>(TestCorpus().other[i % TestCorpus().other.size()],
                                       reflective);
  }
  EXPECT_GT(reflective.fast_count(), 0u);
}

// A type that has no generated class (the same schema in a pool of its own)
// is parsed into a DynamicMessage and serialized, to the same bytes.
TEST(FastJsonTest, ParsesToBinaryATypeWithoutAGeneratedClass) {
  google::protobuf::DescriptorPoolDatabase generated(
      *google::protobuf::DescriptorPool::generated_pool());
  google::protobuf::DescriptorPool pool(&generated);
  const google::protobuf::Descriptor* type =
      pool.FindMessageTypeByName(v1::Werkzoekende::descriptor()->full_name());
  ASSERT_NE(type, nullptr);
  ASSERT_NE(type, v1::Werkzoekende::descriptor());
  JsonParser parser;
  std::string bytes;
  size_t read = 0;
  for (size_t i = 0; i < TestCorpus().canonical.size(); i += 13) {
    const std::string& doc = TestCorpus().canonical[i];
    v1::Werkzoekende expected;
    if (!ParseJson(doc, &expected).ok()) continue;
    ASSERT_TRUE(parser.ParseToBinary(doc, *type, &bytes).ok()) << doc;
    ASSERT_EQ(bytes, expected.SerializeAsString()) << doc;
    ++read;
  }
  EXPECT_GT(read, 100u);
}

// Random strings, numbers and bytes through both printers.
TEST(FastJsonTest, PrintsExactlyAsProtobufDoes) {
  std::mt19937_64 random(5);
  for (int i = 0; i < 3000; ++i) {
    v1::Werkzoekende profile;
    std::string text;
    for (int k = random() % 40; k > 0; --k) {
      const uint32_t cp = std::vector<uint32_t>{
          static_cast<uint32_t>(random() % 0x80),
          static_cast<uint32_t>(random() % 0x800),
          0x2028,
          0x2029,
          0xFEFF,
          static_cast<uint32_t>(0x10000 + random() % 0x1000)}[random() % 6];
      if (cp < 0x80) {
        text += static_cast<char>(cp);
      } else if (cp < 0x800) {
        text += static_cast<char>(0xC0 | (cp >> 6));
        text += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp < 0xE000) continue;
        text += static_cast<char>(0xE0 | (cp >> 12));
        text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        text += static_cast<char>(0xF0 | (cp >> 18));
        text += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
    profile.set_persoonlijke_presentatie(text);
    std::string fast_value;
    uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof(d));
    if (i % 3 == 0) d = static_cast<double>(random() % 100000000000ull);
    if (i % 5 == 0) d = static_cast<double>(random() % 1000) / 8;
    profile.mutable_arbeidsmarktkwalificatie()->add_opleiding()->set_code_opleidingsnaam(
        absl::StrCat(random() % 100000));
    v1::Waarde value;
    value.set_getal(d);
    PrintJsonFast(value, &fast_value);
    ASSERT_EQ(fast_value, json_internal::ReferenceJson(value, false)) << i;
    profile.mutable_mobiliteit()->set_maximale_reistijd(static_cast<int32_t>(random()));
    profile.set_indicatie_ldr_registratie(
        static_cast<v1::JaNee>(static_cast<int32_t>(random())));
    std::string fast;
    PrintJsonFast(profile, &fast);
    ASSERT_EQ(fast, json_internal::ReferenceJson(profile, false)) << i;

    v1::BatchSluiting trailer;
    trailer.set_aantal_records(random());
    std::string bytes(random() % 40, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    trailer.set_controlesom(bytes);
    PrintJsonFast(trailer, &fast);
    ASSERT_EQ(fast, json_internal::ReferenceJson(trailer, false)) << i;
  }
  for (double special :
       {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN(), -0.0, 1e21, 1e15, 5e-324}) {
    v1::Waarde name;
    name.set_getal(special);
    std::string fast;
    PrintJsonFast(name, &fast);
    EXPECT_EQ(fast, json_internal::ReferenceJson(name, false)) << special;
  }
}

}  // namespace
}  // namespace vum
