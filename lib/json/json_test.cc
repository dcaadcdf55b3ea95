#include "vum/json.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "lib/testing/files.h"
#include "vum/v1/batch.pb.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string kSourceDir = VUM_SOURCE_DIR;

using ::vum::testing::ReadFileOrDie;

std::vector<std::string> JsonFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Two JSON texts hold the same value: same properties, same numbers, same
// strings, regardless of layout and property order.
::testing::AssertionResult SameJson(const std::string& a, const std::string& b) {
  google::protobuf::Value va, vb;
  if (!google::protobuf::util::JsonStringToMessage(a, &va).ok() ||
      !google::protobuf::util::JsonStringToMessage(b, &vb).ok()) {
    return ::testing::AssertionFailure() << "not JSON";
  }
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  if (differ.Compare(va, vb)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << diff;
}

// Adds the full names of the fields set anywhere under `message`.
void CollectSetFields(const Message& message, std::set<std::string>& set) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    set.insert(field->full_name());
    if (field->message_type() == nullptr) continue;
    const auto* reflection = message.GetReflection();
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CollectSetFields(reflection->GetRepeatedMessage(message, field, i), set);
      }
    } else {
      CollectSetFields(reflection->GetMessage(message, field), set);
    }
  }
}

// Adds the full names of every field reachable from `type`.
void CollectAllFields(const Descriptor* type, std::set<std::string>& all) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (!all.insert(field->full_name()).second) continue;
    if (field->message_type() != nullptr) CollectAllFields(field->message_type(), all);
  }
}

template <typename Record>
void ExpectRoundTrip(const std::string& path) {
  SCOPED_TRACE(path);
  const std::string text = ReadFileOrDie(path);
  ASSERT_FALSE(text.empty());
  Record record;
  const absl::Status status = ParseJson(text, &record);
  ASSERT_TRUE(status.ok()) << status;
  absl::StatusOr<std::string> printed = PrintJson(record);
  ASSERT_TRUE(printed.ok()) << printed.status();
  EXPECT_TRUE(SameJson(text, *printed));
  // And binary in between changes nothing.
  Record reparsed;
  ASSERT_TRUE(reparsed.ParseFromString(record.SerializeAsString()));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(record, reparsed));
}

TEST(JsonTest, EveryExampleProfileRoundTrips) {
  const auto files = JsonFilesIn(kSourceDir + "/examples/werkzoekenden");
  ASSERT_GE(files.size(), 6u);
  for (const std::string& file : files) ExpectRoundTrip<v1::Werkzoekende>(file);
}

TEST(JsonTest, EveryExampleVacancyRoundTrips) {
  const auto files = JsonFilesIn(kSourceDir + "/examples/vacatures");
  ASSERT_GE(files.size(), 3u);
  for (const std::string& file : files) ExpectRoundTrip<v1::Vacature>(file);
}

// Hand-written documents in the pilot contracts' form that use every
// property of the contract: they parse, print back equal, and leave no field
// of the schema unused.
// A vacancy has one occupation, so its coded and uncoded forms need two
// documents.
template <typename Record>
void ExpectUseEveryProperty(const std::vector<std::string>& paths) {
  std::set<std::string> set, all;
  for (const std::string& path : paths) {
    ExpectRoundTrip<Record>(path);
    Record record;
    ASSERT_TRUE(ParseJson(ReadFileOrDie(path), &record).ok());
    CollectSetFields(record, set);
  }
  CollectAllFields(Record::descriptor(), all);
  std::vector<std::string> unused;
  for (const std::string& name : all) {
    if (!set.count(name)) unused.push_back(name);
  }
  EXPECT_THAT(unused, IsEmpty());
}

// Koppelvlak 3.0 documents that use every element (made with vum migrate
// from the pilot documents of lib/migrate/testdata, then completed).
TEST(JsonTest, ProfileUsingEveryPropertyParses) {
  ExpectUseEveryProperty<v1::Werkzoekende>(
      {kSourceDir + "/lib/json/testdata/werkzoekende-alle-elementen.json"});
}

TEST(JsonTest, VacancyUsingEveryPropertyParses) {
  ExpectUseEveryProperty<v1::Vacature>(
      {kSourceDir + "/lib/json/testdata/vacature-alle-elementen.json"});
}

TEST(JsonTest, CodesPrintAsIntegersAndZeroCodesSurvive) {
  v1::Werkzoekende profile;
  ASSERT_TRUE(ParseJson(R"({"idWerkzoekende": "a", "indicatieLdrRegistratie": 1,
      "eisAanWerk": {"indicatieBegeleiding": 0},
      "werktijden": {"aantalWerkurenPerWeekMinimaal": 0}})",
                        &profile)
                  .ok());
  EXPECT_EQ(*PrintJson(profile), R"({"idWerkzoekende":"a","indicatieLdrRegistratie":1,)"
                                 R"("eisAanWerk":{"indicatieBegeleiding":0},)"
                                 R"("werktijden":{"aantalWerkurenPerWeekMinimaal":0}})");
}

TEST(JsonTest, EducationCodeIsADigitStringThatKeepsItsLeadingZeros) {
  v1::Werkzoekende profile;
  const std::string text =
      R"({"arbeidsmarktkwalificatie":{"opleiding":[{"codeOpleidingsnaam":"0009999999"}]}})";
  ASSERT_TRUE(ParseJson(text, &profile).ok());
  EXPECT_EQ(*PrintJson(profile), text);
}

TEST(JsonTest, VacancyLevelIsAStringOnTheWireAndANumberIsReadToo) {
  // The interface types the vacancy's codeWerkEnDenkniveauMinimaal as a
  // string ("4"), the profile's level as an integer; each keeps its type.
  v1::Vacature vacancy;
  ASSERT_TRUE(
      ParseJson(R"({"idVacature": "v1", "codeWerkEnDenkniveauMinimaal": "4"})", &vacancy)
          .ok());
  EXPECT_EQ(vacancy.code_werk_en_denkniveau_minimaal(),
            v1::WERK_EN_DENKNIVEAU_MBO_HAVO_VWO);
  EXPECT_EQ(*PrintJson(vacancy),
            R"({"idVacature":"v1","codeWerkEnDenkniveauMinimaal":"4"})");
  EXPECT_THAT(*PrintJson(vacancy, {.pretty = true}),
              HasSubstr(R"("codeWerkEnDenkniveauMinimaal": "4")"));
  ASSERT_TRUE(
      ParseJson(R"({"idVacature": "v1", "codeWerkEnDenkniveauMinimaal": 5})", &vacancy)
          .ok());
  EXPECT_EQ(*PrintJson(vacancy),
            R"({"idVacature":"v1","codeWerkEnDenkniveauMinimaal":"5"})");
  // An undeclared code is kept for the validator, in either form.
  ASSERT_TRUE(
      ParseJson(R"({"idVacature": "v1", "codeWerkEnDenkniveauMinimaal": "9"})", &vacancy)
          .ok());
  EXPECT_EQ(static_cast<int>(vacancy.code_werk_en_denkniveau_minimaal()), 9);
  v1::Werkzoekende profile;
  ASSERT_TRUE(
      ParseJson(
          R"({"arbeidsmarktkwalificatie": {"codeWerkEnDenkniveauWerkzoekende": 4}})",
          &profile)
          .ok());
  EXPECT_EQ(*PrintJson(profile),
            R"({"arbeidsmarktkwalificatie":{"codeWerkEnDenkniveauWerkzoekende":4}})");
}

TEST(JsonTest, ACodeIsNeverAnEnumValueNameOrLooseDigits) {
  // protobuf reads an enum's value name, and "04" as 4; the interface has
  // neither.
  v1::Vacature vacancy;
  for (const char* value : {R"("WERK_EN_DENKNIVEAU_HBO")", R"("04")", R"(" 4")",
                            R"("4.0")", R"("-0")", R"("2147483648")"}) {
    const absl::Status status =
        ParseJson(absl::StrCat(R"({"idVacature": "v1", "codeWerkEnDenkniveauMinimaal": )",
                               value, "}"),
                  &vacancy);
    EXPECT_THAT(status.message(),
                HasSubstr("codeWerkEnDenkniveauMinimaal\": expected a code of "
                          "WerkEnDenkniveau as a string of its digits"))
        << value;
  }
  v1::Werkzoekende profile;
  for (const char* doc : {R"({"indicatieLdrRegistratie": "JA_NEE_JA"})",
                          R"({"indicatieLdrRegistratie": "1"})",
                          R"({"vervoermiddel": [{"codeVervoermiddel": "1"}]})"}) {
    EXPECT_THAT(ParseJson(doc, &profile).message(),
                HasSubstr("expected an integer code of"))
        << doc;
  }
}

TEST(JsonTest, EmptyValuesAreReadAsAbsentAndListed) {
  v1::Werkzoekende profile;
  std::vector<FieldPath> absent;
  const std::string doc =
      R"({"idWerkzoekende": "a", "persoonlijkePresentatie": "", "emailadres": [],)"
      R"( "mobiliteit": {"bemiddelingspostcode": ""}, "flexibiliteit": {"datumEindeBeschikbaarVoorWerk": null},)"
      R"( "vervoermiddel": [{"codeVervoermiddel": 1, "indicatieBeschikbaarVoorUitvoeringWerk": ""}],)"
      R"( "eisAanWerk": {}})";
  ASSERT_TRUE(ParseJson(doc, &profile, &absent).ok());
  EXPECT_FALSE(profile.has_persoonlijke_presentatie());
  EXPECT_FALSE(profile.mobiliteit().has_bemiddelingspostcode());
  EXPECT_FALSE(profile.vervoermiddel(0).has_indicatie_beschikbaar_voor_uitvoering_werk());
  // An empty object is a record that is present.
  EXPECT_TRUE(profile.has_eis_aan_werk());
  std::vector<std::string> paths;
  for (const FieldPath& p : absent) paths.push_back(p.ToString());
  EXPECT_THAT(paths, ::testing::ElementsAre(
                         "persoonlijkePresentatie", "emailadres",
                         "mobiliteit.bemiddelingspostcode",
                         "flexibiliteit.datumEindeBeschikbaarVoorWerk",
                         "vervoermiddel[0].indicatieBeschikbaarVoorUitvoeringWerk"));
  // The fast parser lists the same.
  JsonParser parser;
  std::vector<FieldPath> fast;
  ASSERT_TRUE(parser.Parse(doc, &profile, &fast).ok());
  EXPECT_EQ(fast, absent);
  // A canonical document has none; the list is emptied.
  ASSERT_TRUE(parser.Parse(R"({"idWerkzoekende": "a"})", &profile, &fast).ok());
  EXPECT_THAT(fast, IsEmpty());
  // An empty string in a list is a value (its length rule judges it).
  ASSERT_TRUE(ParseJson(R"({"emailadres": [""]})", &profile, &absent).ok());
  EXPECT_EQ(profile.emailadres_size(), 1);
  EXPECT_THAT(absent, IsEmpty());
}

TEST(JsonTest, UndeclaredIntegerCodeIsKeptForTheValidator) {
  // Reading keeps an undeclared code, so that validation can reject it with
  // its rule id and path instead of a parse error.
  v1::Werkzoekende profile;
  ASSERT_TRUE(ParseJson(R"({"indicatieLdrRegistratie": 7})", &profile).ok());
  EXPECT_EQ(*PrintJson(profile), R"({"indicatieLdrRegistratie":7})");
}

TEST(JsonTest, ParseClearsTheMessageFirst) {
  v1::Werkzoekende profile;
  ASSERT_TRUE(
      ParseJson(R"({"idWerkzoekende": "a", "emailadres": ["a@b.nl"]})", &profile).ok());
  ASSERT_TRUE(ParseJson(R"({"idWerkzoekende": "b"})", &profile).ok());
  EXPECT_EQ(profile.emailadres_size(), 0);
  EXPECT_EQ(profile.id_werkzoekende(), "b");
}

TEST(JsonTest, PrettyPrintingIndents) {
  v1::Werkzoekende profile;
  profile.set_id_werkzoekende("a");
  EXPECT_THAT(*PrintJson(profile, {.pretty = true}), HasSubstr("\n \"idWerkzoekende\""));
}

struct BadDocument {
  const char* name;
  const char* json;
  const char* expected;  // a substring of the error message
};

class JsonErrorTest : public ::testing::TestWithParam<BadDocument> {};

// Every document below carries the canary "GEHEIM" in the values it gets
// wrong; no error message may repeat it.
TEST_P(JsonErrorTest, NamesWhereAndWhyButNoValue) {
  const BadDocument& bad = GetParam();
  v1::Werkzoekende profile;
  const absl::Status status = ParseJson(bad.json, &profile);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(bad.expected));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("GEHEIM")));
}

// Both paths read one strict JSON: the fast parser refuses the same
// documents with the same message.
TEST_P(JsonErrorTest, TheFastPathRefusesTheSame) {
  const BadDocument& bad = GetParam();
  v1::Werkzoekende slow, fast;
  JsonParser parser;
  EXPECT_EQ(parser.Parse(bad.json, &fast), ParseJson(bad.json, &slow));
}

INSTANTIATE_TEST_SUITE_P(
    Documents, JsonErrorTest,
    ::testing::Values(
        BadDocument{"UnknownProperty", R"({"idWerkzoekende": "GEHEIM", "foo": 1})",
                    R"(unknown property "foo")"},
        BadDocument{"UnknownNestedProperty",
                    R"({"mobiliteit": {"bemiddelingspostcode": "GEHEIM", "straal": 5}})",
                    R"(unknown property "mobiliteit.straal")"},
        BadDocument{
            "UnknownPropertyInList",
            R"({"arbeidsmarktkwalificatie": {"taalbeheersing": [{"codeTaal": "nld"},)"
            R"( {"codeTaal": "GEHEIM", "niveau": 2}]}})",
            R"(unknown property "arbeidsmarktkwalificatie.taalbeheersing[1].niveau")"},
        BadDocument{"StringForInteger",
                    R"({"mobiliteit": {"maximaleReistijd": "GEHEIM"}})",
                    R"(property "mobiliteit.maximaleReistijd": expected an integer)"},
        BadDocument{"NumberForString",
                    R"({"persoonlijkePresentatie": "GEHEIM", "idWerkzoekende": 12345})",
                    R"(property "idWerkzoekende": expected a string, found a number)"},
        BadDocument{
            "BooleanForString", R"({"persoonlijkePresentatie": true})",
            R"(property "persoonlijkePresentatie": expected a string, found a boolean)"},
        BadDocument{"IntegerOutOfRange",
                    R"({"mobiliteit": {"maximaleReistijd": 99999999999}})",
                    "out of range"},
        BadDocument{"FractionForInteger",
                    R"({"werktijden": {"aantalWerkurenPerWeekMaximaal": 1.5}})",
                    R"(property "werktijden.aantalWerkurenPerWeekMaximaal")"},
        BadDocument{
            "DeepPathWithIndex",
            R"({"arbeidsmarktkwalificatie": {"opleiding": [{}, {}, {"datumDiploma": 20260101}]}})",
            R"(property "arbeidsmarktkwalificatie.opleiding[2].datumDiploma")"},
        BadDocument{
            "WordForCode", R"({"indicatieLdrRegistratie": "GEHEIM"})",
            R"(property "indicatieLdrRegistratie": expected an integer code of JaNee)"},
        BadDocument{"StringForObject", R"({"mobiliteit": "GEHEIM"})",
                    R"(property "mobiliteit": expected an object, found a string)"},
        BadDocument{"ArrayForObject", R"({"mobiliteit": ["GEHEIM"]})",
                    R"(property "mobiliteit": expected a single value, found an array)"},
        BadDocument{
            "ArrayForScalarInList",
            R"({"arbeidsmarktkwalificatie": {"taalbeheersing": [{"codeTaal": ["GEHEIM"]}]}})",
            R"(arbeidsmarktkwalificatie.taalbeheersing[0].codeTaal": expected a single value)"},
        BadDocument{
            "ObjectForScalar", R"({"idWerkzoekende": {"a": "GEHEIM"}})",
            R"(property "idWerkzoekende": expected a single value, found an object)"},
        BadDocument{"NumberInStringList", R"({"emailadres": ["GEHEIM@example.nl", 12]})",
                    R"(property "emailadres[1]": expected a string)"},
        BadDocument{"DuplicateProperty",
                    R"({"idWerkzoekende": "GEHEIM", "idWerkzoekende": "b"})",
                    R"(property "idWerkzoekende": appears more than once)"},
        BadDocument{"TopLevelArray", R"([{"idWerkzoekende": "GEHEIM"}])",
                    "expected a JSON object at the top level"},
        BadDocument{"TopLevelString", R"("GEHEIM")",
                    "expected a JSON object at the top level"},
        BadDocument{"Empty", "", "malformed JSON"},
        BadDocument{"Truncated", "{\n  \"idWerkzoekende\": \"GEHEIM",
                    "malformed JSON at line 2"},
        BadDocument{"TrailingGarbage", R"({"idWerkzoekende": "a"} GEHEIM)",
                    "malformed JSON at line 1, column 25: more text after the end of the "
                    "document"},
        BadDocument{"InvalidUtf8", "{\"idWerkzoekende\": \"GEHEIM\xff\xfe\"}",
                    "invalid UTF-8"},
        BadDocument{"BadEscape", R"({"idWerkzoekende": "GEHEIM\u00"})",
                    "malformed JSON at line 1"},
        // Accepted by protobuf's parser, but not JSON (RFC 8259) or not what
        // the schema means: refused on both paths.
        BadDocument{"SingleQuotedString", R"({"idWerkzoekende": 'GEHEIM'})",
                    "malformed JSON at line 1, column 20"},
        BadDocument{"RawControlCharacter", "{\"idWerkzoekende\": \"GE\tHEIM\"}",
                    "malformed JSON: a control character in a string is not escaped"},
        BadDocument{"ValueForList", R"({"emailadres": "GEHEIM@example.nl"})",
                    R"(property "emailadres": expected a list, found a single value)"},
        BadDocument{"NullInList", R"({"emailadres": ["GEHEIM@example.nl", null]})",
                    R"(property "emailadres[1]": null in a list)"},
        BadDocument{"ListInList", R"({"emailadres": [["GEHEIM@example.nl"]]})",
                    R"(property "emailadres[0]": a list inside a list)"},
        BadDocument{
            "ListNamedTwice",
            R"({"emailadres": ["GEHEIM@example.nl"], "emailadres": ["b@example.nl"]})",
            R"(property "emailadres": appears more than once)"},
        BadDocument{
            "ObjectNamedTwice",
            R"({"mobiliteit": {"maximaleReistijd": 1}, "mobiliteit": {"bemiddelingspostcode": "1011AB"}})",
            R"(property "mobiliteit": appears more than once)"}),
    [](const ::testing::TestParamInfo<BadDocument>& info) { return info.param.name; });

TEST(JsonErrorTest, OneofAlternativesAreExclusive) {
  v1::BatchRecord record;
  const absl::Status status = ParseJson(
      R"({"werkzoekende": {"idWerkzoekende": "1011AB"}, "vacature": {"idVacature": "v"}})",
      &record);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("only one of the alternatives"));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("1011AB")));
}

}  // namespace
}  // namespace vum
