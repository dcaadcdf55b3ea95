#include "lib/privacy/wire_filter.h"

#include <string>

#include "gtest/gtest.h"
#include "privacy/testdata/new_fields.pb.h"  // generated from lib/privacy/testdata
#include "vum/first_round.h"
#include "vum/generator.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::privacy_internal {
namespace {

using google::protobuf::Message;

// The filter's result, parsed and written again; "" if the filter failed.
std::string Filtered(const WireFilter& filter, const Message& record) {
  std::string shown;
  if (!filter.Apply(record.SerializeAsString(), &shown)) return "";
  std::unique_ptr<Message> view(record.New());
  if (!view->ParseFromString(shown)) return "";
  return view->SerializeAsString();
}

// The reflective functions' result, written.
std::string Reflected(const Message& record, const ViewOptions& options,
                      const Generalisation& generalisation) {
  std::unique_ptr<Message> view(record.New());
  view->CopyFrom(record);
  ReduceToView(view.get(), options);
  Generalise(view.get(), options.view, generalisation);
  return view->SerializeAsString();
}

std::string FirstRound(const Message& record) {
  std::unique_ptr<Message> match(record.New());
  match->CopyFrom(record);
  KeepFirstRound(match.get());
  return match->SerializeAsString();
}

// Every view the filter makes, against the reflective way, on one record.
void ExpectSameViews(const Message& record) {
  const Generalisation coarse{PostcodeLevel::kRegion, DateLevel::kYear};
  for (const v1::View v : {v1::VIEW_EMPLOYER, v1::VIEW_MEDIATOR}) {
    for (const bool consent : {false, true}) {
      for (const Generalisation& g : {Generalisation{}, coarse}) {
        const ViewOptions options{v, consent};
        const WireFilter filter = WireFilter::ForView(record.GetDescriptor(), options, g);
        const std::string expected = Reflected(record, options, g);
        ASSERT_FALSE(expected.empty());
        ASSERT_EQ(Filtered(filter, record), expected)
            << "view " << v << ", consent " << consent;
      }
    }
  }
  EXPECT_EQ(Filtered(WireFilter::ForFirstRound(record.GetDescriptor()), record),
            FirstRound(record));
}

TEST(WireFilterTest, GivesTheReflectiveViewsOfGeneratedProfiles) {
  RecordGenerator generator({.seed = 7});
  for (int i = 0; i < 300; ++i) {
    v1::Werkzoekende profile;
    generator.NextProfile(&profile);
    ExpectSameViews(profile);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(WireFilterTest, GivesTheReflectiveViewsOfGeneratedVacancies) {
  RecordGenerator generator({.seed = 8});
  for (int i = 0; i < 300; ++i) {
    v1::Vacature vacancy;
    generator.NextVacancy(&vacancy);
    ExpectSameViews(vacancy);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(WireFilterTest, TheViewsActuallyLeaveThingsOut) {
  // Guards the comparison above against two functions that both do nothing.
  RecordGenerator generator({.seed = 9});
  v1::Werkzoekende profile;
  generator.NextProfile(&profile);
  const WireFilter employer = WireFilter::ForView(v1::Werkzoekende::descriptor(),
                                                  {.view = v1::VIEW_EMPLOYER}, {});
  std::string shown;
  ASSERT_TRUE(employer.Apply(profile.SerializeAsString(), &shown));
  EXPECT_LT(shown.size(), profile.ByteSizeLong());
  v1::Werkzoekende view;
  ASSERT_TRUE(view.ParseFromString(shown));
  EXPECT_TRUE(view.id_werkzoekende().empty());
}

TEST(WireFilterTest, NewFieldsFollowTheirPrivacyClass) {
  test::ProfielMetNieuweVelden record;
  record.set_bestaand("gewoon");
  record.set_nieuw_contact("contact");
  record.set_nieuw_bijzonder("bijzonder");
  record.set_nieuwe_postcode("1234AB");
  record.set_nieuwe_vrije_tekst("tekst");
  ExpectSameViews(record);
  std::string shown;
  ASSERT_TRUE(WireFilter::ForView(record.GetDescriptor(), {.view = v1::VIEW_EMPLOYER}, {})
                  .Apply(record.SerializeAsString(), &shown));
  test::ProfielMetNieuweVelden view;
  ASSERT_TRUE(view.ParseFromString(shown));
  EXPECT_EQ(view.nieuwe_postcode(), "1234");
  EXPECT_FALSE(view.has_nieuw_contact());
  EXPECT_FALSE(view.has_nieuwe_vrije_tekst());
}

TEST(WireFilterTest, UndeclaredFieldsAreDropped) {
  test::ProfielMetNieuweVelden record;
  record.set_bestaand("gewoon");
  std::string bytes = record.SerializeAsString();
  bytes += std::string("\xA0\x06\x01", 3);  // field 100, varint 1: not declared
  bytes += std::string("\x08\x05", 2);      // field 1 as a varint: not its type
  const WireFilter filter =
      WireFilter::ForView(record.GetDescriptor(), {.view = v1::VIEW_MEDIATOR}, {});
  std::string shown;
  ASSERT_TRUE(filter.Apply(bytes, &shown));
  EXPECT_EQ(shown, record.SerializeAsString());
  // The reflective way drops them too: parsed, they are unknown fields.
  test::ProfielMetNieuweVelden parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  ASSERT_NE(parsed.SerializeAsString(), record.SerializeAsString());
  ReduceToView(&parsed, {.view = v1::VIEW_MEDIATOR});
  EXPECT_EQ(parsed.SerializeAsString(), record.SerializeAsString());
}

TEST(WireFilterTest, MalformedBytesAreRefused) {
  const WireFilter filter = WireFilter::ForFirstRound(v1::Werkzoekende::descriptor());
  v1::Werkzoekende profile;
  RecordGenerator generator({.seed = 10});
  generator.NextProfile(&profile);
  const std::string bytes = profile.SerializeAsString();
  std::string out;
  EXPECT_TRUE(filter.Apply(bytes, &out));
  for (const std::string& bad :
       {bytes.substr(0, bytes.size() - 1), std::string("\x0A\x7F", 2),
        std::string("\x0B", 1) /* a group */, std::string(11, '\xFF')}) {
    out.clear();
    EXPECT_FALSE(filter.Apply(bad, &out)) << bad.size();
  }
}

TEST(WireFilterTest, DatesAndPostcodesAreCutAsTheLevelSays) {
  EXPECT_EQ(GeneraliseDate("2019-07-12", DateLevel::kMonth, false), "2019-07-01");
  EXPECT_EQ(GeneraliseDate("2019-07-12", DateLevel::kYear, false), "2019-01-01");
  EXPECT_EQ(GeneraliseDate("2019-07-12T10:11:12+02:00", DateLevel::kMonth, true),
            "2019-07-01T00:00:00Z");
  EXPECT_EQ(GeneraliseDate("2019-07", DateLevel::kYear, false), "2019-07");
  EXPECT_EQ(PostcodeDigits(PostcodeLevel::kFourDigits), 4u);
  EXPECT_EQ(PostcodeDigits(PostcodeLevel::kRegion), 2u);
}

}  // namespace
}  // namespace vum::privacy_internal
