#include "lib/node/store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum::node {
namespace {

std::string TempFile(const std::string& name) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/vum-store-", getpid(), "-", name);
  std::filesystem::remove(path);
  return path;
}

TEST(NodeStoreTest, AFileThatIsNotANodesStoreIsRefused) {
  const std::string path = TempFile("foreign.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE x(a)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  absl::StatusOr<std::unique_ptr<NodeStore>> store = NodeStore::Open(path);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(store.status().message(), ::testing::HasSubstr("layout"));
}

TEST(NodeStoreTest, AnswersAndTheLogSurviveReopening) {
  const std::string path = TempFile("reopen.db");
  const absl::Time now = absl::Now();
  {
    auto store = NodeStore::Open(path).value();
    ASSERT_TRUE(store->ledger()
                    ->Remember({"answer-1",
                                "00000001000000000005",
                                now + absl::Hours(1),
                                2,
                                {{"vumid-1", "record-1"}, {"vumid-2", "record-2"}}},
                               now)
                    .ok());
    ASSERT_TRUE(store->ledger()->TakeDetail("answer-1").ok());
    ASSERT_TRUE(store
                    ->Log({{"2026-11-30T12:00:00Z", std::string(32, 'a'),
                            std::string(16, 'b'), "detailprofiel-tonen",
                            "00000001000000000005", "", "subject-x", "answer-1"}})
                    .ok());
  }
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto store = NodeStore::Open(path).value();
  absl::StatusOr<IssuedResult> r = store->ledger()->Find("vumid-2");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->record_id, "record-2");
  EXPECT_EQ(r->details_left, 1);
  EXPECT_EQ(store->ledger()->Find("vumid-3").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store->LogOf("subject-x")->size(), 1u);
  EXPECT_TRUE(store->LogOf("subject-y")->empty());
  EXPECT_EQ(*store->AnswersSince("00000001000000000005", now - absl::Minutes(1)), 1);
}

// Memory per kept answer is bounded: 2,000 answers of 100 results (200,000
// vumIDs of 64 characters, record ids of 31) take at most 80 bytes of memory
// per vumID (a 16-byte hash and the row's place in a 33-byte slot of a hash
// table that is at least 7/16 full), 8 KB per answer; and it is given back
// when the answers expire.
TEST(NodeStoreTest, KeptAnswersCostABoundedMemoryAndExpire) {
  const std::string path = TempFile("memory.db");
  auto store = NodeStore::Open(path).value();
  const absl::Time now = absl::Now();
  constexpr int kAnswers = 2000, kResults = 100;
  for (int a = 0; a < kAnswers; ++a) {
    IssuedAnswer answer{
        absl::StrCat("answer-", a), "00000001000000000005", now + absl::Hours(1), 10, {}};
    for (int r = 0; r < kResults; ++r) {
      answer.results.emplace_back(absl::StrCat(std::string(54, 'f'), a * kResults + r),
                                  absl::StrCat(std::string(30, 'r'), r));
    }
    ASSERT_TRUE(store->ledger()->Remember(answer, now).ok());
  }
  NodeStore::MemoryUse use = store->ledger_memory();
  EXPECT_EQ(use.vum_ids, size_t{kAnswers} * kResults);
  EXPECT_LE(use.bytes / use.vum_ids, 80u) << use.bytes << " bytes";
  // Every vumID still resolves to its own record.
  absl::StatusOr<IssuedResult> r =
      store->ledger()->Find(absl::StrCat(std::string(54, 'f'), 1234 * kResults + 56));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->answer_id, "answer-1234");
  EXPECT_EQ(r->record_id, absl::StrCat(std::string(30, 'r'), 56));
  EXPECT_EQ(store->ledger()->Find(std::string(64, 'f')).status().code(),
            absl::StatusCode::kNotFound);
  // An hour later the next answer finds them all expired: their memory goes.
  ASSERT_TRUE(store->ledger()
                  ->Remember({"later",
                              "00000001000000000005",
                              now + absl::Hours(3),
                              1,
                              {{"vumid-later", "record"}}},
                             now + absl::Hours(2))
                  .ok());
  use = store->ledger_memory();
  EXPECT_EQ(use.vum_ids, 1u);
  EXPECT_LE(use.bytes, 1024u);
}

TEST(NodeStoreTest, AnUploadNotCommittedLeavesNothing) {
  const std::string path = TempFile("rollback.db");
  auto store = NodeStore::Open(path).value();
  {
    auto tx = store->BeginUpload().value();
    ASSERT_TRUE(
        tx->PutRecord({v1::SOORT_SELECTIE_WERKZOEKENDEN, "r1", "o", "bytes"}).ok());
  }  // dropped without Commit
  auto tx = store->BeginUpload().value();
  EXPECT_FALSE(tx->OwnerOf(v1::SOORT_SELECTIE_WERKZOEKENDEN, "r1").value().has_value());
}

}  // namespace
}  // namespace vum::node
