#include "vum/consent.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum {
namespace {

using ::testing::HasSubstr;

v1::Toestemming Consent(const std::string& id, v1::ToestemmingDoel purpose) {
  v1::Toestemming c;
  c.set_id_toestemming(id);
  c.set_id_werkzoekende("wz-1");
  c.set_doel(purpose);
  c.set_verleend_op("2026-01-01T09:00:00+01:00");
  c.set_grondslag(v1::GRONDSLAG_TOESTEMMING);
  return c;
}

class ConsentTest : public ::testing::Test {
 protected:
  ConsentDecision Ask(v1::ToestemmingDoel purpose, const std::string& at,
                      const std::string& kvk = "") {
    return DecideConsent(process_, {.purpose = purpose, .recipient_kvk = kvk, .at = at});
  }
  v1::Procesgegevens process_ = [] {
    v1::Procesgegevens p;
    p.set_id_werkzoekende("wz-1");
    return p;
  }();
};

TEST_F(ConsentTest, AllowedWhenInScopeForTheRecipientAndCurrent) {
  *process_.add_toestemming() = Consent("c1", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  v1::Toestemming intro = Consent("c2", v1::TOESTEMMING_DOEL_VOORSTELLEN);
  intro.mutable_ontvanger()->set_kvk_nummer("12345678");
  *process_.add_toestemming() = intro;
  ConsentDecision d =
      Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "2026-03-01T00:00:00Z");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.consent_id, "c1");
  d = Ask(v1::TOESTEMMING_DOEL_VOORSTELLEN, "2026-03-01T00:00:00Z", "12345678");
  EXPECT_TRUE(d.allowed) << d.explanation;
  EXPECT_EQ(d.reason, ConsentReason::kAllowed);
}

TEST_F(ConsentTest, EachReasonForRefusal) {
  // No consent for the purpose at all.
  EXPECT_EQ(Ask(v1::TOESTEMMING_DOEL_VOORSTELLEN, "2026-03-01T00:00:00Z", "1").reason,
            ConsentReason::kNoConsent);
  // Another person's consent does not count.
  v1::Toestemming other = Consent("c0", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  other.set_id_werkzoekende("wz-2");
  *process_.add_toestemming() = other;
  EXPECT_EQ(Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "2026-03-01T00:00:00Z").reason,
            ConsentReason::kNoConsent);

  v1::Toestemming intro = Consent("c2", v1::TOESTEMMING_DOEL_VOORSTELLEN);
  intro.mutable_ontvanger()->set_kvk_nummer("12345678");
  *process_.add_toestemming() = intro;
  EXPECT_EQ(
      Ask(v1::TOESTEMMING_DOEL_VOORSTELLEN, "2026-03-01T00:00:00Z", "87654321").reason,
      ConsentReason::kOtherRecipient);
  EXPECT_EQ(
      Ask(v1::TOESTEMMING_DOEL_VOORSTELLEN, "2025-12-31T23:00:00Z", "12345678").reason,
      ConsentReason::kNotYetGiven);

  v1::Toestemming withdrawn = Consent("c3", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  withdrawn.set_ingetrokken_op("2026-02-01T00:00:00Z");
  *process_.add_toestemming() = withdrawn;
  ConsentDecision d =
      Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "2026-03-01T00:00:00Z");
  EXPECT_EQ(d.reason, ConsentReason::kWithdrawn);
  EXPECT_EQ(d.consent_id, "c3");
  EXPECT_THAT(d.explanation, HasSubstr("withdrawn"));
  // Before the withdrawal it was allowed.
  EXPECT_TRUE(
      Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "2026-01-15T00:00:00Z").allowed);

  v1::Toestemming expired = Consent("c4", v1::TOESTEMMING_DOEL_DETAILPROFIEL_DELEN);
  expired.set_geldig_tot("2026-02-01T00:00:00Z");
  *process_.add_toestemming() = expired;
  EXPECT_EQ(Ask(v1::TOESTEMMING_DOEL_DETAILPROFIEL_DELEN, "2026-03-01T00:00:00Z").reason,
            ConsentReason::kExpired);

  *process_.add_toestemming() = Consent("c5", v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS);
  EXPECT_EQ(Ask(v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS, "2026-03-01T00:00:00Z").reason,
            ConsentReason::kWrongLegalBasis);
  process_.mutable_toestemming()->rbegin()->set_grondslag(
      v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING);
  EXPECT_TRUE(
      Ask(v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS, "2026-03-01T00:00:00Z").allowed);

  EXPECT_EQ(Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "yesterday").reason,
            ConsentReason::kInvalidMoment);
}

TEST_F(ConsentTest, ALaterValidConsentOutweighsAWithdrawnOne) {
  v1::Toestemming withdrawn = Consent("old", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  withdrawn.set_ingetrokken_op("2026-02-01T00:00:00Z");
  *process_.add_toestemming() = withdrawn;
  v1::Toestemming renewed = Consent("new", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  renewed.set_verleend_op("2026-02-15T00:00:00Z");
  *process_.add_toestemming() = renewed;
  const ConsentDecision d =
      Ask(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE, "2026-03-01T00:00:00Z");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.consent_id, "new");
}

TEST_F(ConsentTest, WithdrawalRecordForTheNextDelta) {
  v1::Toestemming c = Consent("c1", v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
  c.set_ingetrokken_op("2026-02-01T00:00:00Z");
  const v1::BatchRecord record = WithdrawalFor(c);
  ASSERT_TRUE(record.has_intrekking());
  EXPECT_EQ(record.intrekking().id_record(), "wz-1");
  EXPECT_EQ(record.intrekking().reden(), v1::REDEN_INTREKKING_TOESTEMMING_INGETROKKEN);
  EXPECT_EQ(record.intrekking().ingetrokken_op(), "2026-02-01T00:00:00Z");
}

}  // namespace
}  // namespace vum
