#include "lib/node/store.h"

#include <fcntl.h>
#include <openssl/sha.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace vum::node {
namespace {

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS records(
  kind INTEGER NOT NULL, id TEXT NOT NULL, owner TEXT NOT NULL, body BLOB NOT NULL,
  PRIMARY KEY(kind, id));
CREATE TABLE IF NOT EXISTS process(
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sequences(
  kind INTEGER NOT NULL, owner TEXT NOT NULL, base_batch_id TEXT NOT NULL,
  last_delta INTEGER NOT NULL, PRIMARY KEY(kind, owner));
CREATE TABLE IF NOT EXISTS answers(
  answer_id TEXT PRIMARY KEY, requester TEXT NOT NULL, asked INTEGER NOT NULL,
  expires INTEGER NOT NULL, details_left INTEGER NOT NULL, results BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS answers_by_requester ON answers(requester, asked);
CREATE INDEX IF NOT EXISTS answers_by_expiry ON answers(expires);
CREATE TABLE IF NOT EXISTS log(
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, trace_id TEXT NOT NULL, span_id TEXT NOT NULL,
  activity TEXT NOT NULL, requester TEXT NOT NULL, processor TEXT NOT NULL,
  subject TEXT NOT NULL, answer_id TEXT NOT NULL);
PRAGMA user_version = 1;
)sql";

// The layout of the tables above; a file of another one is refused.
constexpr int kStoreVersion = 1;

// An answer's results as one value: per result the vumID and the record id,
// each as a 4-byte length and the bytes. One row per answer keeps the writes
// of an answer together (a row per vumID, keyed by a random value, would
// touch a page of the index per result).
std::string EncodeResults(
    const std::vector<std::pair<std::string, std::string>>& results) {
  std::string out;
  for (const auto& pair : results) {
    for (const std::string* part : {&pair.first, &pair.second}) {
      const uint32_t n = static_cast<uint32_t>(part->size());
      for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
      out += *part;
    }
  }
  return out;
}

bool DecodeResults(absl::string_view in,
                   std::vector<std::pair<std::string, std::string>>* out) {
  std::string parts[2];
  int k = 0;
  while (!in.empty()) {
    if (in.size() < 4) return false;
    uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
      n |= static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
    in.remove_prefix(4);
    if (in.size() < n) return false;
    parts[k] = std::string(in.substr(0, n));
    in.remove_prefix(n);
    if (++k == 2) {
      out->emplace_back(std::move(parts[0]), std::move(parts[1]));
      k = 0;
    }
  }
  return k == 0;
}

absl::Status SqlError(sqlite3* db, absl::string_view what) {
  return absl::UnavailableError(
      absl::StrCat("the node's store could not ", what, ": ", sqlite3_errmsg(db)));
}

// One prepared statement, reset for every use.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  [[nodiscard]] bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, absl::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindBlob(int i, absl::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t n) {
    sqlite3_bind_int64(stmt_, i, n);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  // Ready for the next row's bindings.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // Runs a statement that returns no rows.
  [[nodiscard]] absl::Status Run(absl::string_view what) {
    if (!ok()) return SqlError(db_, what);
    return Step() == SQLITE_DONE ? absl::OkStatus() : SqlError(db_, what);
  }
  [[nodiscard]] std::string Text(int i) const { return std::string(View(i)); }
  // Column `i` of the current row, valid until the next Step or Reset.
  [[nodiscard]] absl::string_view View(int i) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    return p ? absl::string_view(static_cast<const char*>(p),
                                 static_cast<size_t>(sqlite3_column_bytes(stmt_, i)))
             : absl::string_view();
  }
  [[nodiscard]] int64_t Int(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

absl::Status Exec(sqlite3* db, const char* sql, absl::string_view what) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK
             ? absl::OkStatus()
             : SqlError(db, what);
}

int64_t Seconds(absl::Time t) { return absl::ToUnixSeconds(t); }

}  // namespace

class NodeStore::Impl : public AnswerLedger {
 public:
  explicit Impl(sqlite3* db) : db_(db) {}
  ~Impl() override { sqlite3_close(db_); }

  absl::Status Init() {
    sqlite3_busy_timeout(db_, 10000);
    if (absl::Status s = Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                              "switch to WAL mode");
        !s.ok())
      return s;
    Statement version(db_, "PRAGMA user_version");
    const int64_t found =
        version.ok() && version.Step() == SQLITE_ROW ? version.Int(0) : -1;
    // A file with tables but no layout is not a node's store.
    Statement tables(db_, "SELECT count(*) FROM sqlite_master");
    const bool empty = tables.ok() && tables.Step() == SQLITE_ROW && tables.Int(0) == 0;
    if ((found == 0 && !empty) || (found != 0 && found != kStoreVersion)) {
      return absl::FailedPreconditionError(
          absl::StrCat("the node's store is of layout ", found,
                       "; this version reads layout ", kStoreVersion));
    }
    if (absl::Status s = Exec(db_, kSchema, "create its tables"); !s.ok()) return s;
    return LoadVumIds(absl::Now());
  }

  std::unique_lock<std::mutex> Lock() { return std::unique_lock(mu_); }
  sqlite3* db() { return db_; }

  // --- AnswerLedger -----------------------------------------------------------

  absl::Status Remember(IssuedAnswer answer, absl::Time now) override {
    std::lock_guard lock(mu_);
    // Before the rows of long-expired answers are deleted: forgetting reads
    // an answer's vumIDs from its row.
    ForgetExpired(now);
    if (absl::Status s = Exec(db_, "BEGIN IMMEDIATE", "begin"); !s.ok()) return s;
    absl::Status s = RememberLocked(answer, now);
    const int64_t row = sqlite3_last_insert_rowid(db_);
    if (!s.ok()) {
      Exec(db_, "ROLLBACK", "roll back").IgnoreError();
      return s;
    }
    if (s = Exec(db_, "COMMIT", "keep an answer"); !s.ok()) return s;
    Index(answer.results, answer.expires, row);
    return absl::OkStatus();
  }

  absl::StatusOr<IssuedResult> Find(absl::string_view vum_id) const override {
    std::lock_guard lock(mu_);
    auto it = vum_ids_.find(KeyOf(vum_id));
    if (it == vum_ids_.end())
      return absl::NotFoundError("no kept answer holds that vumID");
    Statement q(
        db_,
        "SELECT answer_id, requester, expires, details_left, results FROM answers "
        "WHERE rowid = ?");
    if (!q.ok()) return SqlError(db_, "look up an answer");
    const int rc = q.Bind(1, it->second.row).Step();
    if (rc == SQLITE_DONE) return absl::NotFoundError("no kept answer holds that vumID");
    if (rc != SQLITE_ROW) return SqlError(db_, "look up an answer");
    std::vector<std::pair<std::string, std::string>> results;
    if (!DecodeResults(q.Text(4), &results)) {
      return absl::DataLossError("a kept answer can no longer be read");
    }
    // The key is a hash: the row must hold this very vumID at that place.
    if (it->second.position >= results.size() ||
        results[it->second.position].first != vum_id) {
      return absl::NotFoundError("no kept answer holds that vumID");
    }
    return IssuedResult{q.Text(0), std::move(results[it->second.position].second),
                        q.Text(1), absl::FromUnixSeconds(q.Int(2)),
                        static_cast<int>(q.Int(3))};
  }

  NodeStore::MemoryUse Memory() const {
    std::lock_guard lock(mu_);
    // A slot per capacity and a control byte each; the heap of expiries.
    return {vum_ids_.size(),
            vum_ids_.capacity() * (sizeof(decltype(vum_ids_)::value_type) + 1) +
                expiry_.capacity() * sizeof(Expiry)};
  }

  absl::Status TakeDetail(absl::string_view answer_id) override {
    std::lock_guard lock(mu_);
    Statement u(db_,
                "UPDATE answers SET details_left = details_left - 1 "
                "WHERE answer_id = ? AND details_left > 0");
    if (absl::Status s = u.Bind(1, answer_id).Run("count a detail"); !s.ok()) return s;
    if (sqlite3_changes(db_) == 0) {
      return absl::ResourceExhaustedError("the answer's detail quota is used");
    }
    return absl::OkStatus();
  }

  size_t answers() const override {
    std::lock_guard lock(mu_);
    Statement q(db_, "SELECT count(*) FROM answers");
    return q.ok() && q.Step() == SQLITE_ROW ? static_cast<size_t>(q.Int(0)) : 0;
  }

  mutable std::mutex mu_;

 private:
  absl::Status RememberLocked(const IssuedAnswer& answer, absl::Time now) {
    // Expired answers keep their row until a day after expiry: the count of
    // questions per requester per day reads them.
    Statement forget(db_, "DELETE FROM answers WHERE expires <= ?");
    if (absl::Status s =
            forget.Bind(1, Seconds(now - absl::Hours(24))).Run("forget answers");
        !s.ok())
      return s;
    Statement a(db_, "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)");
    a.Bind(1, answer.answer_id).Bind(2, answer.requester_oin).Bind(3, Seconds(now));
    a.Bind(4, Seconds(answer.expires)).Bind(5, answer.details_left);
    return a.BindBlob(6, EncodeResults(answer.results)).Run("keep an answer");
  }

  // The vumIDs of the answers kept, into memory; called at open.
  absl::Status LoadVumIds(absl::Time now) {
    Statement q(db_, "SELECT rowid, expires, results FROM answers WHERE expires > ?");
    if (!q.ok()) return SqlError(db_, "read its answers");
    q.Bind(1, Seconds(now));
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      std::vector<std::pair<std::string, std::string>> results;
      if (!DecodeResults(q.Text(2), &results)) {
        return absl::DataLossError("a kept answer can no longer be read");
      }
      Index(results, absl::FromUnixSeconds(q.Int(1)), q.Int(0));
    }
    return rc == SQLITE_DONE ? absl::OkStatus() : SqlError(db_, "read its answers");
  }

  // A vumID in memory: the first 16 bytes of its SHA-256, whatever its form
  // (a vumID is 64 characters; its hash half the size, in place).
  struct Key {
    uint64_t high = 0, low = 0;
    bool operator==(const Key& o) const { return high == o.high && low == o.low; }
    template <typename H>
    friend H AbslHashValue(H h, const Key& k) {
      return H::combine(std::move(h), k.low);  // already uniform
    }
  };
  static Key KeyOf(absl::string_view vum_id) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(vum_id.data()), vum_id.size(), digest);
    Key k;
    std::memcpy(&k.high, digest, 8);
    std::memcpy(&k.low, digest + 8, 8);
    return k;
  }
  // Where a vumID's answer is: its row (rowids are stable: the store is
  // never vacuumed) and the result's place in it.
  struct Place {
    int64_t row = 0;
    uint32_t position = 0;
  };
  struct Expiry {
    int64_t expires_s;
    int64_t row;
    bool operator>(const Expiry& o) const { return expires_s > o.expires_s; }
  };

  // Adds an answer's vumIDs (kept at `row`) to the in-memory index.
  void Index(const std::vector<std::pair<std::string, std::string>>& results,
             absl::Time expires, int64_t row) {
    for (uint32_t i = 0; i < results.size(); ++i) {
      vum_ids_[KeyOf(results[i].first)] = {row, i};
    }
    expiry_.push_back({absl::ToUnixSeconds(expires), row});
    std::push_heap(expiry_.begin(), expiry_.end(), std::greater<Expiry>());
  }

  // Drops from memory the vumIDs of answers expired by `now`, soonest
  // first, reading each answer's vumIDs from its row; gives memory back when
  // the index has shrunk to a quarter.
  void ForgetExpired(absl::Time now) {
    bool forgot = false;
    while (!expiry_.empty() && expiry_.front().expires_s <= absl::ToUnixSeconds(now)) {
      const int64_t row = expiry_.front().row;
      std::pop_heap(expiry_.begin(), expiry_.end(), std::greater<Expiry>());
      expiry_.pop_back();
      forgot = true;
      Statement q(db_, "SELECT results FROM answers WHERE rowid = ?");
      std::vector<std::pair<std::string, std::string>> results;
      if (!q.ok() || q.Bind(1, row).Step() != SQLITE_ROW ||
          !DecodeResults(q.Text(0), &results)) {
        continue;
      }
      for (const auto& [vum_id, record_id] : results) {
        auto it = vum_ids_.find(KeyOf(vum_id));
        if (it != vum_ids_.end() && it->second.row == row) vum_ids_.erase(it);
      }
    }
    if (forgot && vum_ids_.size() * 4 < vum_ids_.capacity()) vum_ids_.rehash(0);
    if (forgot && expiry_.size() * 4 < expiry_.capacity()) expiry_.shrink_to_fit();
  }

  // vumID -> where its answer is, for the answers not yet expired.
  absl::flat_hash_map<Key, Place> vum_ids_;
  std::vector<Expiry> expiry_;  // a min-heap by expiry
  sqlite3* db_;
};

namespace {

class SqliteUpload : public UploadTransaction {
 public:
  SqliteUpload(sqlite3* db, std::unique_lock<std::mutex> lock)
      : db_(db), lock_(std::move(lock)) {}
  ~SqliteUpload() override {
    if (!committed_) Exec(db_, "ROLLBACK", "roll back an upload").IgnoreError();
    Exec(db_, "PRAGMA synchronous=NORMAL", "sync normally").IgnoreError();
  }

  absl::StatusOr<std::optional<std::string>> OwnerOf(RecordKind kind,
                                                     absl::string_view id) override {
    Statement q(db_, "SELECT owner FROM records WHERE kind = ? AND id = ?");
    return One(q.Bind(1, kind).Bind(2, id), "look up a record");
  }

  absl::Status PutRecord(const StoredRecord& r) override {
    Statement s(db_, "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)");
    s.Bind(1, r.kind).Bind(2, r.id).Bind(3, r.owner_oin).BindBlob(4, r.body);
    return s.Run("store a record");
  }

  absl::StatusOr<bool> RemoveRecord(RecordKind kind, absl::string_view id) override {
    Statement s(db_, "DELETE FROM records WHERE kind = ? AND id = ?");
    if (absl::Status st = s.Bind(1, kind).Bind(2, id).Run("remove a record"); !st.ok())
      return st;
    const bool removed = sqlite3_changes(db_) > 0;
    Statement p(db_, "DELETE FROM process WHERE id = ?");
    if (absl::Status st = p.Bind(1, id).Run("remove process data"); !st.ok()) return st;
    return removed;
  }

  absl::StatusOr<std::vector<std::string>> IdsOf(RecordKind kind,
                                                 absl::string_view owner) override {
    Statement q(db_, "SELECT id FROM records WHERE kind = ? AND owner = ?");
    if (!q.ok()) return SqlError(db_, "list records");
    q.Bind(1, kind).Bind(2, owner);
    std::vector<std::string> ids;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) ids.push_back(q.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "list records");
    return ids;
  }

  absl::Status PutProcess(absl::string_view id, absl::string_view owner,
                          absl::string_view body) override {
    Statement s(db_, "INSERT OR REPLACE INTO process VALUES (?, ?, ?)");
    return s.Bind(1, id).Bind(2, owner).BindBlob(3, body).Run("store process data");
  }

  absl::StatusOr<std::optional<std::string>> ProcessOwnerOf(
      absl::string_view id) override {
    Statement q(db_, "SELECT owner FROM process WHERE id = ?");
    return One(q.Bind(1, id), "look up process data");
  }

  absl::Status SetSequence(RecordKind kind, absl::string_view owner,
                           const Sequence& sequence) override {
    Statement s(db_, "INSERT OR REPLACE INTO sequences VALUES (?, ?, ?, ?)");
    s.Bind(1, kind).Bind(2, owner).Bind(3, sequence.base_batch_id);
    return s.Bind(4, static_cast<int64_t>(sequence.last_delta))
        .Run("record the sequence");
  }

  // Synced fully (BeginUpload set it): an acknowledged upload survives a
  // power failure, not only a crash.
  absl::Status Commit() override {
    absl::Status s = Exec(db_, "COMMIT", "commit the upload");
    if (s.ok()) committed_ = true;
    return s;
  }

 private:
  absl::StatusOr<std::optional<std::string>> One(Statement& q, absl::string_view what) {
    if (!q.ok()) return SqlError(db_, what);
    const int rc = q.Step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return SqlError(db_, what);
    return std::optional<std::string>(q.Text(0));
  }

  sqlite3* db_;
  std::unique_lock<std::mutex> lock_;
  bool committed_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<NodeStore>> NodeStore::Open(const std::string& path) {
  // A new store holds personal data: readable by the node's user only (its
  // -wal and -shm files take the same mode).
  if (const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) {
    ::close(fd);
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  auto impl = std::make_unique<Impl>(db);
  if (rc != SQLITE_OK) return SqlError(db, "be opened");
  if (absl::Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<NodeStore>(new NodeStore(std::move(impl)));
}

NodeStore::NodeStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NodeStore::~NodeStore() = default;

absl::Status NodeStore::ForEachRecord(
    const std::function<absl::Status(const StoredRecordView&)>& visit,
    const std::function<absl::Status(absl::string_view, absl::string_view)>&
        visit_process) {
  auto lock = impl_->Lock();
  sqlite3* db = impl_->db();
  Statement q(db, "SELECT kind, id, owner, body FROM records");
  if (!q.ok()) return SqlError(db, "read its records");
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    const StoredRecordView r{static_cast<RecordKind>(q.Int(0)), q.View(1), q.View(2),
                             q.View(3)};
    if (absl::Status s = visit(r); !s.ok()) return s;
  }
  if (rc != SQLITE_DONE) return SqlError(db, "read its records");
  Statement p(db, "SELECT id, body FROM process");
  if (!p.ok()) return SqlError(db, "read process data");
  while ((rc = p.Step()) == SQLITE_ROW) {
    if (absl::Status s = visit_process(p.View(0), p.View(1)); !s.ok()) return s;
  }
  return rc == SQLITE_DONE ? absl::OkStatus() : SqlError(db, "read process data");
}

absl::Status NodeStore::ReadBack(
    RecordKind kind, const std::vector<std::string>& ids,
    const std::function<absl::Status(const StoredRecord&)>& visit,
    const std::vector<std::string>& process_ids,
    const std::function<absl::Status(absl::string_view, absl::string_view)>&
        visit_process) {
  auto lock = impl_->Lock();
  sqlite3* db = impl_->db();
  Statement record(db, "SELECT owner, body FROM records WHERE kind = ? AND id = ?");
  Statement process(db, "SELECT body FROM process WHERE id = ?");
  if (!record.ok() || !process.ok()) return SqlError(db, "read an upload back");
  for (const std::string& id : ids) {
    record.Reset();
    const int rc = record.Bind(1, kind).Bind(2, id).Step();
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return SqlError(db, "read a record back");
    if (absl::Status s = visit({kind, id, record.Text(0), record.Text(1)}); !s.ok())
      return s;
  }
  for (const std::string& id : process_ids) {
    process.Reset();
    const int rc = process.Bind(1, id).Step();
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return SqlError(db, "read process data back");
    if (absl::Status s = visit_process(id, process.Text(0)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Sequence>> NodeStore::SequenceOf(RecordKind kind,
                                                              absl::string_view owner) {
  auto lock = impl_->Lock();
  Statement q(
      impl_->db(),
      "SELECT base_batch_id, last_delta FROM sequences WHERE kind = ? AND owner = ?");
  if (!q.ok()) return SqlError(impl_->db(), "read a sequence");
  const int rc = q.Bind(1, kind).Bind(2, owner).Step();
  if (rc == SQLITE_DONE) return std::optional<Sequence>();
  if (rc != SQLITE_ROW) return SqlError(impl_->db(), "read a sequence");
  return std::optional<Sequence>(Sequence{q.Text(0), static_cast<uint64_t>(q.Int(1))});
}

absl::StatusOr<std::unique_ptr<UploadTransaction>> NodeStore::BeginUpload() {
  auto lock = impl_->Lock();
  if (absl::Status s = Exec(impl_->db(), "PRAGMA synchronous=FULL", "sync fully");
      !s.ok())
    return s;
  if (absl::Status s = Exec(impl_->db(), "BEGIN IMMEDIATE", "begin an upload"); !s.ok())
    return s;
  return std::make_unique<SqliteUpload>(impl_->db(), std::move(lock));
}

absl::Status NodeStore::Log(const std::vector<LogEntry>& entries) {
  auto lock = impl_->Lock();
  sqlite3* db = impl_->db();
  if (absl::Status s = Exec(db, "BEGIN IMMEDIATE", "begin a log write"); !s.ok())
    return s;
  Statement s(db, "INSERT INTO log VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const LogEntry& e : entries) {
    s.Reset();
    s.Bind(1, e.at).Bind(2, e.trace_id).Bind(3, e.span_id).Bind(4, e.activity);
    s.Bind(5, e.requester_oin).Bind(6, e.processor_oin).Bind(7, e.subject);
    if (absl::Status st = s.Bind(8, e.answer_id).Run("write the processing log");
        !st.ok()) {
      Exec(db, "ROLLBACK", "roll back").IgnoreError();
      return st;
    }
  }
  return Exec(db, "COMMIT", "write the processing log");
}

absl::StatusOr<std::vector<LogEntry>> NodeStore::LogOf(absl::string_view subject) {
  auto lock = impl_->Lock();
  Statement q(impl_->db(),
              "SELECT at, trace_id, span_id, activity, requester, processor, subject, "
              "answer_id FROM log WHERE subject = ? ORDER BY seq");
  if (!q.ok()) return SqlError(impl_->db(), "read the processing log");
  q.Bind(1, subject);
  std::vector<LogEntry> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5),
                   q.Text(6), q.Text(7)});
  }
  if (rc != SQLITE_DONE) return SqlError(impl_->db(), "read the processing log");
  return out;
}

absl::StatusOr<int64_t> NodeStore::AnswersSince(absl::string_view requester,
                                                absl::Time since) {
  auto lock = impl_->Lock();
  Statement q(impl_->db(),
              "SELECT count(*) FROM answers WHERE requester = ? AND asked >= ?");
  if (!q.ok() || q.Bind(1, requester).Bind(2, Seconds(since)).Step() != SQLITE_ROW)
    return SqlError(impl_->db(), "count answers");
  return q.Int(0);
}

AnswerLedger* NodeStore::ledger() { return impl_.get(); }
NodeStore::MemoryUse NodeStore::ledger_memory() const { return impl_->Memory(); }

std::string LogSubject(const Pseudonymizer& log_key, absl::string_view record_id) {
  return log_key.Pseudonym(record_id, "vum-logboek-v1");
}

}  // namespace vum::node
