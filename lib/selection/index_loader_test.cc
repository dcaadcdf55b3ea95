// IndexLoader: an index loaded on worker threads holds and answers exactly
// what the same records put one by one give; the order of one id's puts is
// kept; what is loaded is not asked until Finish; an unreadable record is
// the loader's error, not a silent gap.

#include "vum/index_loader.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/random/random.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "lib/testing/address_space.h"
#include "lib/testing/shipped_pc4.h"
#include "vum/caseload_index.h"
#include "vum/generator.h"
#include "vum/pc4.h"
#include "vum/selection.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 6, 1, 12, 0, 0), absl::UTCTimeZone());

const Pc4Register& Pc4() { return vum::testing::ShippedPc4(); }

std::unique_ptr<CaseloadIndex> NewIndex() {
  auto index = CaseloadIndex::Create(&Pc4(), v1::SOORT_SELECTIE_WERKZOEKENDEN);
  EXPECT_TRUE(index.ok()) << index.status();
  return std::move(*index);
}

struct Stored {
  std::string id;
  std::string profile;  // serialized, as a store keeps it
  std::string process;
};

std::vector<Stored> Generate(int n, uint64_t seed) {
  RecordGenerator generator({.seed = seed, .pc4 = &Pc4()});
  std::vector<Stored> out;
  v1::Werkzoekende profile;
  v1::Procesgegevens process;
  for (int i = 0; i < n; ++i) {
    (void)generator.NextProfile(&profile);
    generator.NextProcessData(profile, &process);
    out.push_back({profile.id_werkzoekende(), profile.SerializeAsString(),
                   process.SerializeAsString()});
  }
  return out;
}

// Every record `index` selects for `question` (criteria in VUM JSON), with
// the legal basis, at kNow.
std::set<std::string> Selected(const CaseloadIndex& index, const std::string& criteria,
                               Audience audience = Audience::kLegalBasis) {
  static const QuestionCompiler* compiler = QuestionCompiler::Create(&Pc4())->release();
  absl::StatusOr<v1::Selectievraag> q = ReadSelectionQuestion(
      absl::StrCat(R"({"selectiegebied":{"postcode":"3511AB","afstand":300})",
                   criteria.empty() ? "" : ",", criteria, "}"));
  EXPECT_TRUE(q.ok()) << q.status();
  absl::StatusOr<QuestionCheck> check = compiler->Compile(*q);
  EXPECT_TRUE(check.ok() && check->answerable()) << criteria;
  std::set<std::string> ids;
  if (!check.ok() || !check->answerable()) return ids;
  absl::BitGen rng;
  for (const auto& m :
       index.Select(*check->plan, audience, kNow, index.stats().records, rng).matches)
    ids.insert(m.id);
  return ids;
}

const std::vector<std::string>& Questions() {
  static const std::vector<std::string> questions = {
      "",
      R"("arbeidsmarktkwalificatie.rijbewijs.codeSoortRijbewijs":{"$in":["B","C"]})",
      R"("arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende":{"$gte":4})",
      R"("arbeidsmarktkwalificatie.taalbeheersing":{"$elemMatch":{"codeTaal":)"
      R"({"$eq":"nld"},"codeNiveauTaalbeheersingMondeling":{"$gte":3}}})",
      R"("contractvorm.codeTypeArbeidscontract":{"$eq":"O"},)"
      R"("flexibiliteit.datumAanvangBeschikbaarVoorWerk":{"$lte":"2026-09-01"})",
      R"("arbeidsmarktkwalificatie.competentiebeheersing.codeCompetentie":{"$eq":)"
      R"("https://linkeddata.competentnl.nl/uwv/id/skill/5B00000003"})"};
  return questions;
}

// The two indexes hold the same records with the same values and answer
// every question alike, in both audiences.
void ExpectSame(const CaseloadIndex& loaded, const CaseloadIndex& one_by_one) {
  const IndexStats a = loaded.stats(), b = one_by_one.stats();
  EXPECT_EQ(a.records, b.records);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.not_located, b.not_located);
  int answered = 0;
  for (const std::string& q : Questions()) {
    for (Audience audience : {Audience::kLegalBasis, Audience::kEmployerView}) {
      const std::set<std::string> found = Selected(loaded, q, audience);
      EXPECT_EQ(found, Selected(one_by_one, q, audience)) << q;
      answered += !found.empty();
    }
  }
  EXPECT_GE(answered, 8);  // the questions find records: the comparison says something
}

TEST(IndexLoaderTest, ALoadedIndexAnswersAsOnePutOneByOne) {
  std::vector<Stored> stored = Generate(3000, 5);
  for (size_t i = 0; i < stored.size(); i += 97) {  // some in no known area
    v1::Werkzoekende profile;
    ASSERT_TRUE(profile.ParseFromString(stored[i].profile));
    profile.mutable_mobiliteit()->set_bemiddelingspostcode("0100AA");
    stored[i].profile = profile.SerializeAsString();
  }
  std::unique_ptr<CaseloadIndex> one_by_one = NewIndex();
  for (const Stored& s : stored) {
    ASSERT_TRUE(one_by_one->PutSerialized(s.profile).ok());
    ASSERT_TRUE(one_by_one->PutProcessDataSerialized(s.process).ok());
  }
  for (int threads : {0, 1, 2, 3}) {
    SCOPED_TRACE(absl::StrCat(threads, " thread(s)"));
    std::unique_ptr<CaseloadIndex> loaded = NewIndex();
    IndexLoader loader({.threads = threads, .batch = 64, .batches_waiting = 2});
    // Half the process data before its profile, half after (a store may give
    // either order; a consent waits for its profile).
    for (size_t i = 0; i < stored.size(); ++i) {
      if (i % 2 == 0) {
        ASSERT_TRUE(loader.PutProcessData(loaded.get(), stored[i].id, stored[i].process));
      }
      ASSERT_TRUE(loader.Put(loaded.get(), stored[i].id, stored[i].profile));
      if (i % 2 == 1) {
        ASSERT_TRUE(loader.PutProcessData(loaded.get(), stored[i].id, stored[i].process));
      }
    }
    absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
    ASSERT_TRUE(counts.ok()) << counts.status();
    EXPECT_EQ(counts->records, stored.size());
    EXPECT_EQ(counts->process_data, stored.size());
    EXPECT_EQ(counts->not_located, one_by_one->stats().not_located);
    EXPECT_EQ(counts->not_located, (stored.size() + 96) / 97);
    ExpectSame(*loaded, *one_by_one);
    for (const Stored& s : stored) {
      CaseloadIndex::Match m;
      ASSERT_TRUE(loaded->Find(s.id, &m));
      EXPECT_EQ(m.record.view(), s.profile);
      EXPECT_EQ(m.process, s.process);
    }
  }
}

// A load large enough that its staged values fill several huge-page pieces
// (262,144 values each; about 26 per generated profile), the later ones
// backed ahead on a thread of their own, answers as one put one by one.
TEST(IndexLoaderTest, ALoadOfSeveralPiecesOfValuesAnswersAsOnePutOneByOne) {
  const std::vector<Stored> stored = Generate(40000, 21);
  std::unique_ptr<CaseloadIndex> one_by_one = NewIndex(), loaded = NewIndex();
  IndexLoader loader({.threads = 2});
  for (const Stored& s : stored) {
    ASSERT_TRUE(one_by_one->PutSerialized(s.profile).ok());
    ASSERT_TRUE(one_by_one->PutProcessDataSerialized(s.process).ok());
    ASSERT_TRUE(loader.PutSerialized(loaded.get(), s.profile).ok());
    ASSERT_TRUE(loader.PutProcessDataSerialized(loaded.get(), s.process).ok());
  }
  absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_GT(loaded->stats().values, 3u * 262144);
  EXPECT_EQ(loaded->stats().values, one_by_one->stats().values);
  ExpectSame(*loaded, *one_by_one);
}

// Bytes protobuf reads but does not write (a message given twice, which it
// merges; a group it keeps as unknown) are indexed as protobuf reads them,
// and kept as they came.
TEST(IndexLoaderTest, BytesInAnotherFormAreIndexedAsProtobufReadsThem) {
  std::vector<Stored> stored = Generate(1000, 12);
  std::unique_ptr<CaseloadIndex> from_bytes = NewIndex(), from_messages = NewIndex();
  for (size_t i = 0; i < stored.size(); ++i) {
    v1::Werkzoekende later;  // merged into the record: its level becomes 1 or 5
    later.mutable_arbeidsmarktkwalificatie()->set_code_werk_en_denkniveau_werkzoekende(
        i % 2 ? v1::WerkEnDenkniveau(1) : v1::WerkEnDenkniveau(5));
    later.mutable_mobiliteit()->set_bemiddelingspostcode(i % 3 ? "3512AA" : "0100AA");
    stored[i].profile += later.SerializeAsString();
    if (i % 5 == 0) stored[i].profile += "\xbb\x38\xbc\x38";  // group 903, empty
    v1::Werkzoekende parsed;
    ASSERT_TRUE(parsed.ParseFromString(stored[i].profile));
    ASSERT_TRUE(from_bytes->PutSerialized(stored[i].profile).ok());
    ASSERT_TRUE(from_messages->Put(parsed).ok());
    for (CaseloadIndex* index : {from_bytes.get(), from_messages.get()})
      ASSERT_TRUE(index->PutProcessDataSerialized(stored[i].process).ok());
  }
  EXPECT_EQ(from_bytes->stats().not_located, (stored.size() + 2) / 3);
  ExpectSame(*from_bytes, *from_messages);
  const std::string high =
      R"("arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende":{"$gte":4})";
  EXPECT_EQ(Selected(*from_bytes, high).size(), Selected(*from_messages, high).size());
  EXPECT_GT(Selected(*from_bytes, high).size(), 100u);
  CaseloadIndex::Match m;
  ASSERT_TRUE(from_bytes->Find(stored[0].id, &m));
  EXPECT_EQ(m.record.view(), stored[0].profile);
}

TEST(IndexLoaderTest, TheLastPutOfAnIdWinsOnEveryThread) {
  const std::vector<Stored> first = Generate(2000, 6), second = Generate(2000, 7);
  std::unique_ptr<CaseloadIndex> loaded = NewIndex(), one_by_one = NewIndex();
  IndexLoader loader({.threads = 2, .batch = 16});
  for (size_t i = 0; i < first.size(); ++i) {
    // The same id with other content: the second must win wherever it lands.
    v1::Werkzoekende later;
    ASSERT_TRUE(later.ParseFromString(second[i].profile));
    later.set_id_werkzoekende(first[i].id);
    const std::string bytes = later.SerializeAsString();
    ASSERT_TRUE(loader.Put(loaded.get(), first[i].id, first[i].profile));
    ASSERT_TRUE(loader.Put(loaded.get(), first[i].id, bytes));
    ASSERT_TRUE(loader.PutProcessData(loaded.get(), first[i].id, first[i].process));
    ASSERT_TRUE(one_by_one->PutSerialized(bytes).ok());
    ASSERT_TRUE(one_by_one->PutProcessDataSerialized(first[i].process).ok());
  }
  absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->records, 2 * first.size());
  ExpectSame(*loaded, *one_by_one);
}

TEST(IndexLoaderTest, RecordsLoadedAreAskedOnlyAfterFinishAndRemovalsHold) {
  const std::vector<Stored> stored = Generate(400, 8);
  std::unique_ptr<CaseloadIndex> loaded = NewIndex(), one_by_one = NewIndex();
  // The calling thread puts each record at once, so the index can be asked
  // and changed between two puts.
  IndexLoader loader({.threads = 0, .batch = 1});
  for (size_t i = 0; i < stored.size(); ++i) {
    ASSERT_TRUE(loader.Put(loaded.get(), stored[i].id, stored[i].profile));
    ASSERT_TRUE(loader.PutProcessData(loaded.get(), stored[i].id, stored[i].process));
    CaseloadIndex::Match m;
    EXPECT_TRUE(loaded->Find(stored[i].id, &m));  // held, by id
    if (i % 5 == 0) {
      ASSERT_TRUE(loaded->Remove(stored[i].id));  // withdrawn while loading
      continue;
    }
    ASSERT_TRUE(one_by_one->PutSerialized(stored[i].profile).ok());
    ASSERT_TRUE(one_by_one->PutProcessDataSerialized(stored[i].process).ok());
  }
  EXPECT_TRUE(Selected(*loaded, "").empty());  // not in their areas yet
  ASSERT_FALSE(Selected(*one_by_one, "").empty());
  ASSERT_TRUE(loader.Finish().ok());
  ExpectSame(*loaded, *one_by_one);
  CaseloadIndex::Match m;
  EXPECT_FALSE(loaded->Find(stored[0].id, &m));
  // After the load, puts go to their areas at once again.
  const std::vector<Stored> more = Generate(50, 9);
  for (const Stored& s : more) {
    ASSERT_TRUE(loaded->PutSerialized(s.profile).ok());
    ASSERT_TRUE(loaded->PutProcessDataSerialized(s.process).ok());
    ASSERT_TRUE(one_by_one->PutSerialized(s.profile).ok());
    ASSERT_TRUE(one_by_one->PutProcessDataSerialized(s.process).ok());
  }
  ExpectSame(*loaded, *one_by_one);
}

TEST(IndexLoaderTest, AnUnreadableRecordIsTheLoadersErrorAndWhatCameBeforeIsPut) {
  const std::vector<Stored> stored = Generate(10, 10);
  std::unique_ptr<CaseloadIndex> loaded = NewIndex();
  IndexLoader loader({.threads = 0, .batch = 1});
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(loader.Put(loaded.get(), stored[i].id, stored[i].profile));
  EXPECT_FALSE(loader.Put(loaded.get(), "kapot", std::string("\xff\xff\xff", 3)));
  EXPECT_FALSE(loader.Put(loaded.get(), stored[5].id, stored[5].profile));  // stopped
  absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(loaded->stats().records, 5u);
  CaseloadIndex::Match m;
  EXPECT_TRUE(loaded->Find(stored[4].id, &m));
  EXPECT_FALSE(loaded->Find(stored[5].id, &m));

  // On worker threads too: the error comes back from Finish, not lost.
  std::unique_ptr<CaseloadIndex> other = NewIndex();
  IndexLoader threaded({.threads = 2});
  for (const Stored& s : stored) (void)threaded.Put(other.get(), s.id, s.profile);
  (void)threaded.PutProcessData(other.get(), "kapot", std::string("\xff\xff\xff", 3));
  counts = threaded.Finish();
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.status().code(), absl::StatusCode::kDataLoss);
}

// Records as messages (as vum select reads them from files), process data and
// withdrawals: each id's are applied in the order given, on every thread,
// whatever batch they share.
TEST(IndexLoaderTest, MessagesAndWithdrawalsAreAppliedInTheOrderGivenPerId) {
  const std::vector<Stored> stored = Generate(2000, 13);
  for (int threads : {0, 2}) {
    SCOPED_TRACE(absl::StrCat(threads, " thread(s)"));
    std::unique_ptr<CaseloadIndex> loaded = NewIndex(), one_by_one = NewIndex();
    IndexLoader loader({.threads = threads, .batch = 16});
    size_t removed = 0;
    for (size_t i = 0; i < stored.size(); ++i) {
      v1::Werkzoekende profile;
      v1::Procesgegevens process;
      ASSERT_TRUE(profile.ParseFromString(stored[i].profile));
      ASSERT_TRUE(process.ParseFromString(stored[i].process));
      // i % 3: 0 put, withdrawn; 1 withdrawn (nothing there), then put;
      // 2 put. A withdrawal applied before the puts given ahead of it would
      // leave the first kind in the index.
      if (i % 3 == 1) {
        ASSERT_TRUE(loader.Remove(loaded.get(), stored[i].id));
        EXPECT_FALSE(one_by_one->Remove(stored[i].id));
      }
      if (i % 2 == 0) {
        ASSERT_TRUE(loader.Put(loaded.get(), profile).ok());
        ASSERT_TRUE(loader.PutProcessData(loaded.get(), process).ok());
      } else {  // as a file reader gives them
        ASSERT_TRUE(loader.PutSerialized(loaded.get(), stored[i].profile).ok());
        ASSERT_TRUE(
            loader.PutProcessDataSerialized(loaded.get(), stored[i].process).ok());
      }
      ASSERT_TRUE(one_by_one->Put(profile).ok());
      ASSERT_TRUE(one_by_one->PutProcessData(process).ok());
      if (i % 3 == 0) {
        ASSERT_TRUE(loader.Remove(loaded.get(), stored[i].id));
        EXPECT_TRUE(one_by_one->Remove(stored[i].id));
        ++removed;
      }
    }
    absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
    ASSERT_TRUE(counts.ok()) << counts.status();
    EXPECT_EQ(counts->records, stored.size());
    EXPECT_EQ(counts->removed, removed);
    EXPECT_EQ(loaded->stats().records, stored.size() - removed);
    ExpectSame(*loaded, *one_by_one);
    CaseloadIndex::Match m;
    EXPECT_FALSE(loaded->Find(stored[0].id, &m));
    ASSERT_TRUE(loaded->Find(stored[1].id, &m));
    EXPECT_EQ(m.record.view(), stored[1].profile);
  }
}

// The index tells ids apart by a 32-bit hash first: among 300,000 ids some
// share one (about ten pairs expected; none with a chance of e^-10), and
// each must still find its own record, put and then replaced.
TEST(IndexLoaderTest, IdsThatShareAHashFindTheirOwnRecords) {
  constexpr int kIds = 300000;
  std::unique_ptr<CaseloadIndex> index = NewIndex();
  for (int round = 0; round < 2; ++round) {
    IndexLoader loader({.threads = 2});
    v1::Werkzoekende profile;
    for (int i = 0; i < kIds; ++i) {
      profile.set_id_werkzoekende(absl::StrCat("w", i));
      profile.set_persoonlijke_presentatie(absl::StrCat("ronde ", round));
      ASSERT_TRUE(loader.PutSerialized(index.get(), profile.SerializeAsString()).ok());
    }
    absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
    ASSERT_TRUE(counts.ok()) << counts.status();
    EXPECT_EQ(counts->records, static_cast<size_t>(kIds));
  }
  CaseloadIndex::Match m;
  v1::Werkzoekende found;
  for (int i = 0; i < kIds; ++i) {
    ASSERT_TRUE(index->Find(absl::StrCat("w", i), &m)) << i;
    ASSERT_EQ(m.id, absl::StrCat("w", i));
    ASSERT_TRUE(found.ParseFromString(std::string(m.record.view())));
    ASSERT_EQ(found.id_werkzoekende(), m.id);
    ASSERT_EQ(found.persoonlijke_presentatie(), "ronde 1");
  }
  EXPECT_FALSE(index->Find(absl::StrCat("w", kIds), &m));
  EXPECT_EQ(index->stats().records, static_cast<size_t>(kIds));
}

// Process data find their own record in any order: in the order of their
// records (the slot after the last one found is tried first), reversed,
// shuffled; for records removed (their slots taken by other ids since) they
// wait, and reach the record when it comes back.
TEST(IndexLoaderTest, ProcessDataFindTheirRecordsInAnyOrder) {
  const std::vector<Stored> stored = Generate(3000, 31);
  const std::vector<Stored> later = Generate(200, 32);
  std::vector<size_t> in_order(stored.size());
  std::iota(in_order.begin(), in_order.end(), 0);
  std::vector<size_t> reversed(in_order.rbegin(), in_order.rend());
  std::vector<size_t> shuffled = in_order;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  for (const std::vector<size_t>* order : {&in_order, &reversed, &shuffled}) {
    std::unique_ptr<CaseloadIndex> index = NewIndex();
    IndexLoader loader({.threads = 2});
    for (const Stored& s : stored)
      ASSERT_TRUE(loader.PutSerialized(index.get(), s.profile).ok());
    ASSERT_TRUE(loader.Finish().ok());
    std::set<size_t> removed;
    for (size_t i = 5; i < stored.size(); i += 15) {
      ASSERT_TRUE(index->Remove(stored[i].id));
      removed.insert(i);
    }
    for (const Stored& s : later) ASSERT_TRUE(index->PutSerialized(s.profile).ok());
    IndexLoader process_loader({.threads = 2});
    for (size_t i : *order)
      ASSERT_TRUE(
          process_loader.PutProcessDataSerialized(index.get(), stored[i].process).ok());
    for (const Stored& s : later)
      ASSERT_TRUE(process_loader.PutProcessDataSerialized(index.get(), s.process).ok());
    ASSERT_TRUE(process_loader.Finish().ok());
    CaseloadIndex::Match m;
    for (size_t i = 0; i < stored.size(); ++i) {
      if (removed.count(i) > 0) {
        ASSERT_FALSE(index->Find(stored[i].id, &m)) << i;
        continue;
      }
      ASSERT_TRUE(index->Find(stored[i].id, &m)) << i;
      ASSERT_EQ(m.process, stored[i].process) << i;
    }
    for (const Stored& s : later) {
      ASSERT_TRUE(index->Find(s.id, &m));
      ASSERT_EQ(m.process, s.process);
    }
    for (size_t i : removed) {  // back, with the consents that waited
      ASSERT_TRUE(index->PutSerialized(stored[i].profile).ok());
      ASSERT_TRUE(index->Find(stored[i].id, &m)) << i;
      ASSERT_EQ(m.process, stored[i].process) << i;
    }
  }
}

// Process data for an id the index does not hold, right after those of the
// record before a record whose id shares its hash, wait for their own
// record: the slot tried first is taken only for its own id. (The hash is
// computed as the index computes it, IdHash in caseload_index.cc.)
TEST(IndexLoaderTest, ProcessDataDoNotTakeASlotWhoseIdOnlySharesTheirHash) {
  auto id_hash = [](absl::string_view id) {
    return static_cast<uint32_t>(absl::Hash<absl::string_view>{}(id));
  };
  absl::flat_hash_map<uint32_t, std::string> seen;
  std::string held, absent;
  for (int i = 0; held.empty(); ++i) {
    std::string id = absl::StrCat("p", i);
    auto [it, added] = seen.try_emplace(id_hash(id), id);
    if (!added) {
      held = it->second;
      absent = std::move(id);
    }
  }
  ASSERT_EQ(id_hash(held), id_hash(absent));
  const std::vector<Stored> stored = Generate(3, 33);
  auto with_id = [](const Stored& s, const std::string& id, bool process) {
    v1::Werkzoekende profile;
    v1::Procesgegevens data;
    if (!process) {
      EXPECT_TRUE(profile.ParseFromString(s.profile));
      profile.set_id_werkzoekende(id);
      return profile.SerializeAsString();
    }
    EXPECT_TRUE(data.ParseFromString(s.process));
    data.set_id_werkzoekende(id);
    return data.SerializeAsString();
  };
  std::unique_ptr<CaseloadIndex> index = NewIndex();
  ASSERT_TRUE(index->PutSerialized(stored[0].profile).ok());                // slot 0
  ASSERT_TRUE(index->PutSerialized(with_id(stored[1], held, false)).ok());  // slot 1
  ASSERT_TRUE(index->PutProcessDataSerialized(stored[0].process).ok());     // then try 1
  const std::string absent_process = with_id(stored[2], absent, true);
  ASSERT_TRUE(index->PutProcessDataSerialized(absent_process).ok());
  CaseloadIndex::Match m;
  ASSERT_TRUE(index->Find(held, &m));
  EXPECT_TRUE(m.process.empty());
  ASSERT_TRUE(index->PutSerialized(with_id(stored[2], absent, false)).ok());
  ASSERT_TRUE(index->Find(absent, &m));
  EXPECT_EQ(m.process, absent_process);
  ASSERT_TRUE(index->Find(stored[0].id, &m));
  EXPECT_EQ(m.process, stored[0].process);
}

// The id of a record in binary form, read by hand, is what protobuf's own
// reading of the top-level fields gives (the last length-delimited field 1),
// groups included; DATA_LOSS for exactly the bytes protobuf cannot read:
// whole and cut records, records with a group, and runs of random fields.
TEST(IndexLoaderTest, TheIdOfBytesIsWhatProtobufReadsInThem) {
  std::unique_ptr<CaseloadIndex> index = NewIndex();
  std::vector<std::string> cases;
  for (const Stored& s : Generate(3, 5)) {
    for (size_t n = 0; n <= s.profile.size(); n += 5)
      cases.push_back(s.profile.substr(0, n));
    // Group 5 holding a field 1, then field 1 itself after it.
    cases.push_back(s.profile + std::string("\x2b\x0a\x01x\x2c", 5));
    cases.push_back(cases.back() + std::string("\x0a\x02yz", 4));
  }
  std::mt19937 bits(2026);  // the same cases on every run
  const char kTags[] = {'\x0a', '\x08', '\x09', '\x0d', '\x12',
                        '\x2b', '\x2c', '\x00', '\x80', '\xff'};
  for (int i = 0; i < 3000; ++i) {
    std::string bytes;
    for (int f = absl::Uniform(bits, 0, 6); f > 0; --f) {
      bytes += kTags[absl::Uniform<size_t>(bits, 0, sizeof(kTags))];
      const int n = absl::Uniform(bits, 0, 4);
      bytes += static_cast<char>(absl::Bernoulli(bits, 0.1) ? 0x80 | n : n);
      for (int k = 0; k < n; ++k) bytes += static_cast<char>(absl::Uniform(bits, 0, 256));
    }
    cases.push_back(bytes);
  }
  size_t readable = 0, with_id = 0;
  for (const std::string& bytes : cases) {
    google::protobuf::UnknownFieldSet fields;
    const absl::StatusOr<absl::string_view> id = index->IdToPutSerialized(bytes);
    if (!fields.ParseFromString(bytes)) {
      EXPECT_EQ(id.status().code(), absl::StatusCode::kDataLoss) << absl::CEscape(bytes);
      continue;
    }
    ++readable;
    std::string want;
    for (int k = 0; k < fields.field_count(); ++k) {
      const google::protobuf::UnknownField& f = fields.field(k);
      if (f.number() == 1 &&
          f.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED)
        want = f.length_delimited();
    }
    if (want.empty()) {
      EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument)
          << absl::CEscape(bytes);
      continue;
    }
    ++with_id;
    ASSERT_TRUE(id.ok()) << absl::CEscape(bytes) << " " << id.status();
    EXPECT_EQ(*id, want) << absl::CEscape(bytes);
  }
  EXPECT_GT(readable, cases.size() / 10);
  EXPECT_LT(readable, cases.size());
  EXPECT_GT(with_id, 50u);
}

// Bytes the index cannot hold are refused as the messages they hold would be,
// and bytes that are not protobuf's binary form as DATA_LOSS, at once; the
// loader goes on. The id is the one protobuf keeps: the last.
TEST(IndexLoaderTest, BytesTheIndexCannotHoldAreRefusedAtOnce) {
  const std::vector<Stored> stored = Generate(2, 15);
  std::unique_ptr<CaseloadIndex> loaded = NewIndex();
  auto vacancies = CaseloadIndex::Create(&Pc4(), v1::SOORT_SELECTIE_VACATURES);
  ASSERT_TRUE(vacancies.ok());
  IndexLoader loader({.threads = 2, .batch = 1});
  v1::Werkzoekende no_id;
  ASSERT_TRUE(no_id.ParseFromString(stored[0].profile));
  no_id.clear_id_werkzoekende();
  EXPECT_EQ(loader.PutSerialized(loaded.get(), no_id.SerializeAsString()).code(),
            absl::StatusCode::kInvalidArgument);
  no_id.set_id_werkzoekende("");
  EXPECT_EQ(loader.PutSerialized(loaded.get(), no_id.SerializeAsString()).code(),
            absl::StatusCode::kInvalidArgument);
  v1::Procesgegevens no_owner;
  ASSERT_TRUE(no_owner.ParseFromString(stored[0].process));
  no_owner.clear_id_werkzoekende();
  EXPECT_EQ(
      loader.PutProcessDataSerialized(loaded.get(), no_owner.SerializeAsString()).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(loader.PutProcessDataSerialized(vacancies->get(), stored[0].process).code(),
            absl::StatusCode::kInvalidArgument);
  for (const std::string& broken :
       {std::string("\xff\xff\xff", 3),
        std::string("\x0a\x05"
                    "ab",
                    4),
        stored[0].profile.substr(0, stored[0].profile.size() - 1)}) {
    EXPECT_EQ(loader.PutSerialized(loaded.get(), broken).code(),
              absl::StatusCode::kDataLoss);
  }
  // The id given twice: protobuf keeps the last, and so does the loader.
  v1::Werkzoekende renamed;
  renamed.set_id_werkzoekende("laatste");
  const std::string twice = stored[1].profile + renamed.SerializeAsString();
  ASSERT_TRUE(loader.PutSerialized(loaded.get(), twice).ok());
  ASSERT_TRUE(loader.PutSerialized(loaded.get(), stored[0].profile).ok());
  absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->records, 2u);
  CaseloadIndex::Match m;
  EXPECT_TRUE(loaded->Find("laatste", &m));
  EXPECT_FALSE(loaded->Find(stored[1].id, &m));
  EXPECT_TRUE(loaded->Find(stored[0].id, &m));
}

// A message the index cannot hold is refused at once, naming why, and the
// loader goes on; after a put failed, messages are refused as stopped.
TEST(IndexLoaderTest, AMessageTheIndexCannotHoldIsRefusedAtOnce) {
  const std::vector<Stored> stored = Generate(3, 14);
  std::unique_ptr<CaseloadIndex> loaded = NewIndex();
  auto vacancies = CaseloadIndex::Create(&Pc4(), v1::SOORT_SELECTIE_VACATURES);
  ASSERT_TRUE(vacancies.ok());
  IndexLoader loader({.threads = 0, .batch = 1});
  v1::Werkzoekende profile;
  v1::Procesgegevens process;
  ASSERT_TRUE(profile.ParseFromString(stored[0].profile));
  ASSERT_TRUE(process.ParseFromString(stored[0].process));
  const absl::Status vacancy = loader.Put(loaded.get(), v1::Vacature());
  EXPECT_EQ(vacancy.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(vacancy.message().find("cannot hold"), absl::string_view::npos);
  EXPECT_EQ(loader.Put(vacancies->get(), profile).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(loader.PutProcessData(vacancies->get(), process).code(),
            absl::StatusCode::kInvalidArgument);
  v1::Werkzoekende no_id = profile;
  no_id.clear_id_werkzoekende();
  EXPECT_EQ(loader.Put(loaded.get(), no_id).code(), absl::StatusCode::kInvalidArgument);
  v1::Procesgegevens no_owner = process;
  no_owner.clear_id_werkzoekende();
  EXPECT_EQ(loader.PutProcessData(loaded.get(), no_owner).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(loader.Put(loaded.get(), profile).ok());  // goes on
  ASSERT_TRUE(loader.PutProcessData(loaded.get(), process).ok());
  EXPECT_FALSE(loader.Put(loaded.get(), "kapot", std::string("\xff\xff\xff", 3)));
  EXPECT_EQ(loader.Put(loaded.get(), profile).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(loader.Remove(loaded.get(), stored[0].id));
  absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
  EXPECT_EQ(counts.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(loaded->stats().records, 1u);
  EXPECT_EQ((*vacancies)->stats().records, 0u);
}

// Out of memory while the loaded records are put in their areas (at Finish),
// the loader says so instead of ending the process: with the address space
// limited, once the workers have put every record, to what is in use plus
// each of a range of margins (Finish first frees the workers' threads), every
// Finish either succeeds or gives RESOURCE_EXHAUSTED, and each index is then
// freed. The child prints a letter per margin and exits 0 when the smallest
// margin failed, the largest did not, and nothing else came back. (Here the
// margins fail placing on the calling thread, before its placing threads
// start; an exception on a placing thread is RunOnThreads's,
// run_on_threads_test.cc.)
TEST(IndexLoaderDeathTest, OutOfMemoryInPlacingIsFinishsErrorNotAnEnd) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const std::vector<Stored> stored = Generate(20000, 21);
        rlimit unlimited{};
        getrlimit(RLIMIT_AS, &unlimited);
        std::string seen;
        for (int mb = -64; mb <= 32; mb += 8) {
          std::unique_ptr<CaseloadIndex> index = NewIndex();
          IndexLoader loader({.threads = 2, .batch = 1});
          for (const Stored& s : stored) {
            if (!loader.Put(index.get(), s.id, s.profile)) std::_Exit(4);
          }
          // Every record put by the workers (each batch of one handed over at
          // once): what is left for Finish is placing them.
          for (int wait = 0; index->stats().records < stored.size(); ++wait) {
            if (wait == 10000) std::_Exit(7);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          rlimit limit = unlimited;
          limit.rlim_cur = testing::AddressSpaceInUse() + mb * (int64_t{1} << 20);
          setrlimit(RLIMIT_AS, &limit);
          const absl::StatusOr<IndexLoader::Counts> counts = loader.Finish();
          setrlimit(RLIMIT_AS, &unlimited);
          if (counts.ok()) {
            seen += 'o';
          } else if (counts.status().code() == absl::StatusCode::kResourceExhausted) {
            seen += 'x';
          } else {
            std::_Exit(5);
          }
        }
        std::fprintf(stderr, "margins: %s\n", seen.c_str());
        std::_Exit(seen.front() == 'x' && seen.back() == 'o' ? 0 : 6);
      },
      ::testing::ExitedWithCode(0), "margins: x+o+\n");
}

}  // namespace
}  // namespace vum
