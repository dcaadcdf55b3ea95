#include "vum/caseload_index.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <shared_mutex>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/container/node_hash_map.h"
#include "absl/random/distributions.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "lib/io/wire_format.h"
#include "lib/selection/fact_list.h"
#include "lib/selection/fact_reader.h"
#include "lib/selection/huge_pages.h"
#include "lib/selection/plan.h"
#include "lib/selection/position_sets.h"
#include "lib/selection/run_on_threads.h"
#include "lib/selection/stable_vector.h"
#include "lib/validate/formats.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {
namespace {

using google::protobuf::Message;
using selection_internal::Fact;
using selection_internal::FactList;
using selection_internal::FactReader;
using selection_internal::LeafPath;
using selection_internal::PathCatalogue;
using selection_internal::PositionSets;
using selection_internal::ReadFacts;
using selection_internal::RecordKeys;
using selection_internal::StableVector;
using selection_internal::Table;
using selection_internal::ValueKind;

// A period in which a consent is in force, [from, to), in nanoseconds since
// the epoch.
struct Window {
  int64_t from;
  int64_t to;
};

// A kind of consent's periods; the first is kept inline, without an
// allocation of its own.
using WindowList = absl::InlinedVector<Window, 1>;

bool InForce(const WindowList& windows, int64_t at) {
  for (const Window& w : windows) {
    if (w.from <= at && at < w.to) return true;
  }
  return false;
}

// What a question reads of a record, kept with the others of its four-digit
// area so that a scan of an area reads memory in order.
struct Entry {
  uint64_t paths;  // bit p: the record has a value at leaf path p (63: p >= 63)
  uint32_t slot;
  uint32_t fact_begin;  // in the bucket's facts
  uint16_t fact_count;
  int16_t max_km;      // the record's own maximum travel distance, or -1
  bool more_windows;   // more consent periods than the first, in the Slot
  Window publication;  // the first period of each, or an empty one
  Window special;
};

struct Bucket {
  std::vector<Entry> entries;
  FactList facts;
  size_t garbage = 0;    // facts of entries since removed
  PositionSets holders;  // of the codes of the paths in CaseloadIndex::Impl::coded_
};

// A person's process data, serialized, with the periods in which each kind
// of consent is in force.
struct Consents {
  RecordBytes process;
  WindowList publication;
  WindowList special;
};

// What only an answer or an update reads.
struct Slot {
  RecordBytes id;      // within `record`'s bytes, or bytes of its own
  RecordBytes record;  // shared with the Matches given out
  Consents consents;
  int pc4 = -1;        // position in the PC4 register, or -1
  uint32_t entry = 0;  // position in its bucket's entries (staged: in staged_)
  bool live = false;
  bool staged = false;  // located, kept aside until EndLoad puts it in its area
};

// An id's hash (32 bits: it shares a word with a slot's position below).
uint32_t IdHash(absl::string_view id) {
  return static_cast<uint32_t>(absl::Hash<absl::string_view>{}(id));
}

// The id set's element: a slot's position (low 32 bits) with its id's hash
// (high 32 bits), so that the set grows, and tells most ids apart, without
// reading a slot: each id is kept once, in its Slot. Growing a set of
// positions that hashed by their slots read a slot per element (1M cache
// misses under the index's lock at a 1M load).
using IdEntry = uint64_t;
IdEntry MakeIdEntry(uint32_t hash, uint32_t slot) { return (IdEntry{hash} << 32) | slot; }
uint32_t SlotOf(IdEntry e) { return static_cast<uint32_t>(e); }
// An id looked up, with its hash.
struct IdKey {
  absl::string_view id;
  uint32_t hash;
};
IdKey KeyOf(absl::string_view id) { return {id, IdHash(id)}; }

struct IdEntryHash {
  using is_transparent = void;
  size_t operator()(IdEntry e) const { return e >> 32; }
  size_t operator()(const IdKey& k) const { return k.hash; }
};
struct IdEntryEq {
  using is_transparent = void;
  const StableVector<Slot>* slots;
  bool operator()(IdEntry a, IdEntry b) const { return a == b; }
  bool operator()(IdEntry e, const IdKey& k) const {
    return (e >> 32) == k.hash && (*slots)[SlotOf(e)].id.view() == k.id;
  }
  bool operator()(const IdKey& k, IdEntry e) const { return (*this)(e, k); }
};

constexpr Window kNever{0, 0};

// Asks memory for the cache lines of [from, from + bytes), for reading or
// (kForWriting) for writing, so that a later load finds them near. A
// record's values are asked for up to kValueLinesAhead lines: most records'
// values fit in them.
constexpr size_t kValueLinesAhead = 4;
template <bool kForWriting = false>
void AskForLines(const void* from, size_t bytes) {
  const uintptr_t begin = reinterpret_cast<uintptr_t>(from);
  for (uintptr_t line = begin & ~uintptr_t{63}; line < begin + bytes; line += 64) {
    __builtin_prefetch(reinterpret_cast<const void*>(line), kForWriting ? 1 : 0);
  }
}

// The bytes `part` adds to `whole`'s: none if it lies within them.
size_t OwnBytes(const RecordBytes& part, const RecordBytes& whole) {
  const bool within = part.data() >= whole.data() &&
                      part.data() + part.size() <= whole.data() + whole.size();
  return within ? 0 : part.size() + sizeof(std::string);
}

// The bytes `windows` holds outside itself: none while they fit inline.
size_t OwnBytes(const WindowList& windows) {
  return windows.capacity() > 1 ? windows.capacity() * sizeof(Window) : 0;
}

// What keeping a record's bytes adds to them: the control block of their own
// allocation (records in a shared block add less; vum/record_bytes.h).
constexpr size_t kSharedOverhead = 2 * sizeof(long);

// The consent periods of `process` for `purpose`, given to no particular
// recipient (DecideConsent's rules, as periods).
WindowList WindowsOf(const v1::Procesgegevens& process, v1::ToestemmingDoel purpose) {
  WindowList out;
  for (const v1::Toestemming& c : process.toestemming()) {
    if (c.doel() != purpose || c.id_werkzoekende() != process.id_werkzoekende() ||
        c.has_ontvanger()) {
      continue;
    }
    if (purpose == v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS &&
        c.grondslag() != v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING) {
      continue;
    }
    const auto given = validate_internal::DateTimeKey(c.verleend_op());
    if (!given) continue;
    Window w{*given, INT64_MAX};
    for (const std::string* end : {c.has_ingetrokken_op() ? &c.ingetrokken_op() : nullptr,
                                   c.has_geldig_tot() ? &c.geldig_tot() : nullptr}) {
      if (end == nullptr) continue;
      const auto key = validate_internal::DateTimeKey(*end);
      w.to = std::min(w.to, key ? *key : INT64_MIN);  // unreadable: never in force
    }
    if (w.from < w.to) out.push_back(w);
  }
  return out;
}

// The plan with codes turned into the index's interned numbers.
struct BoundCondition {
  const QuestionPlan::Condition* condition;
  std::vector<int32_t> values;  // sorted
  bool impossible = false;      // asks for a code no record has
  const std::vector<bool>* off_scale = nullptr;
  // For $contains: per text id, -1 not yet tested, else whether it holds.
  mutable std::vector<int8_t> contains;
};
struct BoundCriterion {
  const QuestionPlan::Criterion* criterion;
  std::vector<BoundCondition> conditions;
};

// What a record must hold to match, as keys of PositionSets: for every group,
// one of its keys. A group without keys cannot be met.
struct Narrowing {
  std::vector<std::vector<uint64_t>> groups;
  // Per criterion of the question: holding the groups' keys is meeting it
  // (the sets hold exactly the entries with each key, so a scan need not
  // read the criterion's values again).
  std::vector<bool> decided;
};

// A record, or a person's process data, read without the index's lock.
struct ReadItem {
  bool process = false;
  RecordBytes id;          // a record's, as Slot::id
  uint32_t id_hash = 0;    // IdHash of the id or process_id, computed without the lock
  std::string process_id;  // process data's
  RecordBytes record;      // a record's bytes
  Consents consents;       // process data's
  int pc4 = -1;
  int max_km = -1;
  uint32_t fact_begin = 0;  // a record's facts, in its batch's
  uint32_t fact_count = 0;
};

// A located record kept aside while the index loads (BeginLoad..EndLoad).
struct Staged {
  uint32_t slot;  // kGone once removed or replaced meanwhile
  uint32_t fact_count;
  uint64_t facts;  // where in the StagedFacts
  int max_km;
  int pc4;  // the slot's area, so that sorting by area reads no slot
};
constexpr uint32_t kGone = UINT32_MAX;

// The facts of staged records, in chunks that never move or copy as they
// grow. A record keeps at most 65,535 facts (Entry::fact_count), so its
// facts always fit in one chunk. Each chunk is a huge-page piece
// (huge_pages.h): a start at 1M generated profiles stages about 210 MB of
// facts (26 values of 8 bytes per profile, vum_selection_bench). From the
// second chunk on, a thread of its own backs the next chunks before they are
// needed: the first write to a chunk stalled the index's lock while the
// kernel cleared its 2 MiB.
//
// The facts are kept in kParts parts by area (PartOf), so that EndLoad,
// placing area by area, frees each part once its areas are placed: the
// memory the placed facts are copied into is then mostly memory just freed.
// In a virtual machine that backs memory when first touched, that is much
// cheaper than memory never used before (docs/performance.md: 1.8 s against
// 0.06 s per GiB on the machine measured).
//
// Thread safety: Append and StopPreparing on one thread at a time; At and
// Release may run on several at once, Release on distinct parts, and At
// never on a part released.
class StagedFacts {
 public:
  static constexpr uint32_t kChunk = selection_internal::kHugePieceBytes / sizeof(Fact);
  static_assert(kChunk > 65535);
  static constexpr int kParts = 16;

  // The part of the facts of area `area` of `areas`.
  [[nodiscard]] static int PartOf(int area, size_t areas) {
    return static_cast<int>(static_cast<uint64_t>(area) * kParts /
                            std::max<size_t>(areas, 1));
  }

  // Appends `facts`, at most 65,535 of them, to part `part`; where they are,
  // for At.
  uint64_t Append(int part, const Fact* facts, uint32_t n) {
    Part& p = parts_[part];
    if (p.chunks.empty() || p.used + n > kChunk) {
      if (++chunks_made_ == 2 && ahead_ == nullptr)
        ahead_ = std::make_unique<selection_internal::HugePiecesAhead>();
      p.chunks.push_back(ahead_ != nullptr ? ahead_->Next()
                                           : selection_internal::MapHugePiece());
      p.used = 0;
    }
    std::copy(facts, facts + n, Chunk(p, p.chunks.size() - 1) + p.used);
    const uint64_t at = (uint64_t{static_cast<uint32_t>(part)} << 56) |
                        (uint64_t{p.chunks.size() - 1} << 32) | p.used;
    p.used += n;
    return at;
  }
  const Fact* At(uint64_t at) const {
    const Part& p = parts_[at >> 56];
    return Chunk(p, (at >> 32) & 0xFFFFFF) + static_cast<uint32_t>(at);
  }
  // Frees part `part`'s facts: none of them is read again.
  void Release(int part) { parts_[part] = Part(); }
  // Stops backing chunks ahead: no more facts come.
  void StopPreparing() { ahead_.reset(); }

 private:
  struct Part {
    std::vector<std::shared_ptr<char>> chunks;
    uint32_t used = 0;  // in the last chunk
  };
  static Fact* Chunk(const Part& p, size_t i) {
    return reinterpret_cast<Fact*>(p.chunks[i].get());
  }

  Part parts_[kParts];
  size_t chunks_made_ = 0;
  std::unique_ptr<selection_internal::HugePiecesAhead> ahead_;  // from chunk 2
};

// Sorts a record's facts by path and list element, equal ones kept in the
// order read. A record has a few dozen: insertion sorts them in place, where
// std::stable_sort asked for a buffer and merged (7% of a loader worker's
// time in `vum select`).
void SortFacts(Fact* begin, Fact* end) {
  constexpr ptrdiff_t kByInsertion = 64;
  if (end - begin > kByInsertion) {
    std::stable_sort(begin, end);
    return;
  }
  for (Fact* i = begin + 1; i < end; ++i) {
    const Fact f = *i;
    Fact* j = i;
    for (; j > begin && f < *(j - 1); --j) *j = *(j - 1);
    *j = f;
  }
}

}  // namespace

class CaseloadIndex::Batch {
 public:
  void Clear() {
    items.clear();
    read.Clear();
  }
  std::vector<ReadItem> items;
  ReadFacts read;  // the records' facts, one after the other
};

void CaseloadIndex::BatchDeleter::operator()(Batch* batch) const { delete batch; }

class CaseloadIndex::Impl {
 public:
  Impl(const Pc4Register* pc4, v1::SoortSelectie kind)
      : pc4_(pc4),
        kind_(kind),
        paths_(PathCatalogue::For(kind)),
        reader_(*paths_),
        buckets_(pc4->areas().size()) {
    off_scale_.resize(paths_->leaves().size());
    coded_.resize(paths_->leaves().size());
    tables_.resize(paths_->leaves().size(), Table::kNone);
    for (const LeafPath& leaf : paths_->leaves()) {
      tables_[leaf.id] = selection_internal::TableOf(leaf);
      coded_[leaf.id] =
          leaf.kind == ValueKind::kEnum || leaf.kind == ValueKind::kOrderedEnum ||
          leaf.kind == ValueKind::kCode || leaf.kind == ValueKind::kNumberCode;
      if (leaf.kind != ValueKind::kOrderedEnum) continue;
      const auto* e = leaf.fields.back()->enum_type();
      std::vector<bool>& off = off_scale_[leaf.id];
      for (int i = 0; i < e->value_count(); ++i) {
        const int n = e->value(i)->number();
        if (n < 0 || n > 1000) continue;
        if (off.size() <= static_cast<size_t>(n)) off.resize(n + 1, false);
        off[n] = InfoOf(*e->value(i)).off_scale() || InfoOf(*e->value(i)).placeholder();
      }
    }
  }

  absl::StatusOr<absl::string_view> IdToPut(const Message& record) const {
    if (record.GetDescriptor() != paths_->root()) {
      return absl::InvalidArgumentError(
          absl::StrCat("an index of ", paths_->root()->name(), " records cannot hold a ",
                       record.GetDescriptor()->full_name()));
    }
    std::string scratch;  // not used: an id field is a string
    const std::string& id = record.GetReflection()->GetStringReference(
        record, paths_->root()->field(0), &scratch);  // idWerkzoekende, idVacature
    if (id.empty()) return NoIdError();
    return absl::string_view(id);
  }

  absl::StatusOr<absl::string_view> IdToPutSerialized(absl::string_view bytes) const {
    absl::StatusOr<absl::string_view> id =
        LastTopLevelText(bytes, paths_->root()->field(0)->number());
    if (id.ok() && id->empty()) return NoIdError();
    return id;
  }

  absl::StatusOr<absl::string_view> ProcessDataIdSerialized(
      absl::string_view bytes) const {
    if (kind_ != v1::SOORT_SELECTIE_WERKZOEKENDEN) {
      return absl::InvalidArgumentError("an index of vacancies holds no process data");
    }
    absl::StatusOr<absl::string_view> id =
        LastTopLevelText(bytes, v1::Procesgegevens::kIdWerkzoekendeFieldNumber);
    if (id.ok() && id->empty()) {
      return absl::InvalidArgumentError(
          "process data without idWerkzoekende cannot be indexed");
    }
    return id;
  }

  absl::Status CheckProcessData(const v1::Procesgegevens& process) const {
    if (kind_ != v1::SOORT_SELECTIE_WERKZOEKENDEN) {
      return absl::InvalidArgumentError("an index of vacancies holds no process data");
    }
    if (process.id_werkzoekende().empty()) {
      return absl::InvalidArgumentError(
          "process data without idWerkzoekende cannot be indexed");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PutOutcome> Put(const Message& record) {
    if (absl::Status s = IdToPut(record).status(); !s.ok()) return s;
    std::string bytes;
    if (!record.SerializeToString(&bytes)) {
      return absl::InvalidArgumentError("the record cannot be serialized");
    }
    Batch& one = ScratchBatch();
    if (absl::Status s = ReadRecord(RecordBytes(std::move(bytes)), &record, &one);
        !s.ok()) {
      return s;
    }
    return PutOne(&one);
  }

  absl::StatusOr<PutOutcome> PutSerialized(std::string bytes) {
    Batch& one = ScratchBatch();
    if (absl::Status s = ReadRecord(RecordBytes(std::move(bytes)), nullptr, &one);
        !s.ok()) {
      return s;
    }
    return PutOne(&one);
  }

  absl::Status PutProcessData(const v1::Procesgegevens& process) {
    Batch& one = ScratchBatch();
    absl::Status s = ReadProcess(process, RecordBytes(process.SerializeAsString()), &one);
    if (s.ok()) PutBatch(&one);
    return s;
  }

  absl::Status PutProcessDataSerialized(std::string bytes) {
    Batch& one = ScratchBatch();
    absl::Status s = ReadProcessData(RecordBytes(std::move(bytes)), &one);
    if (s.ok()) PutBatch(&one);
    return s;
  }

  // Reads `record` into `batch`. Takes no lock.
  absl::Status Read(RecordBytes record, Batch* batch) const {
    return ReadRecord(std::move(record), nullptr, batch);
  }

  // Reads `bytes`, serialized process data, into `batch`. Takes no lock.
  absl::Status ReadProcessData(RecordBytes bytes, Batch* batch) const {
    thread_local v1::Procesgegevens data;
    if (!data.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return absl::DataLossError("the bytes are not process data");
    }
    return ReadProcess(data, std::move(bytes), batch);
  }

  // Puts what `batch` holds, in order, under one lock, and empties it.
  BatchCounts PutBatch(Batch* batch) {
    BatchCounts counts;
    {
      std::unique_lock lock(mu_);
      Resolve(&batch->read);
      for (ReadItem& item : batch->items) {
        if (item.process) {
          ++counts.process_data;
          ApplyProcess(&item);
        } else {
          ++counts.records;
          counts.not_located += item.pc4 < 0;
          ApplyRecord(&item, batch->read.facts.data() + item.fact_begin);
        }
      }
    }
    batch->Clear();
    return counts;
  }

  void BeginLoad() {
    std::unique_lock lock(mu_);
    ++loading_;
  }

  // Puts the staged records in their areas, area by area: each area's lists
  // grow once and its code sets are written while they are in the cache.
  // Areas share nothing, so `threads` threads each place a range of them.
  // Out of memory, throws std::bad_alloc once every placing thread stopped:
  // the index then holds only part of the records in their areas.
  void EndLoad(int threads) {
    std::unique_lock lock(mu_);
    if (loading_ == 0 || --loading_ > 0) return;
    staged_facts_.StopPreparing();
    const size_t areas = buckets_.size();
    std::vector<uint32_t> first(areas + 1, 0);  // per area, its first in `order`
    std::vector<size_t> fact_count(areas, 0);
    for (size_t i = 0; i < staged_.size(); ++i) {
      const Staged& st = staged_[i];
      if (st.slot == kGone) continue;
      ++first[st.pc4 + 1];
      fact_count[st.pc4] += st.fact_count;
    }
    for (size_t a = 0; a < areas; ++a) first[a + 1] += first[a];
    std::vector<uint32_t> order(first[areas]);
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (uint32_t i = 0; i < staged_.size(); ++i) {
      if (staged_[i].slot != kGone) order[next[staged_[i].pc4]++] = i;
    }
    // Each area whose facts outgrow their room gets a slice of one region
    // for huge pages (fact_list.h), from `slice[a]` to `slice[a + 1]`.
    std::vector<size_t> slice(areas + 1, 0);
    for (size_t a = 0; a < areas; ++a) {
      const FactList& facts = buckets_[a].facts;
      const size_t need = facts.size() + fact_count[a];
      slice[a + 1] = slice[a] + (need > facts.capacity() ? need : 0);
    }
    const auto region = std::make_shared<selection_internal::FactRegion>(slice[areas]);
    // Per part of the staged facts, its areas not yet placed: the last
    // placed frees the part (StagedFacts).
    std::array<std::atomic<int>, StagedFacts::kParts> areas_left{};
    for (size_t a = 0; a < areas; ++a) {
      if (first[a + 1] > first[a]) ++areas_left[StagedFacts::PartOf(a, areas)];
    }
    // The areas [from, to), each grown once and then given its records. In
    // area order the staged records, their slots and their values lie
    // anywhere in memory: each is asked for a few records ahead.
    auto place = [&](uint32_t from_area, uint32_t to_area,
                     const std::atomic<bool>& stop) {
      constexpr uint32_t kStagedAhead = 16;  // the Staged is asked for first,
      constexpr uint32_t kRecordAhead = 8;   // its slot and values once it is here
      const uint32_t end = first[to_area];
      for (uint32_t a = from_area; a < to_area && !stop.load(std::memory_order_relaxed);
           ++a) {
        const uint32_t to = first[a + 1];
        if (to == first[a]) continue;
        buckets_[a].entries.reserve(buckets_[a].entries.size() + (to - first[a]));
        if (slice[a + 1] > slice[a]) {
          buckets_[a].facts.MoveTo(region, region->facts() + slice[a],
                                   slice[a + 1] - slice[a]);
        }
        for (uint32_t k = first[a]; k < to; ++k) {
          if (k + kStagedAhead < end)
            __builtin_prefetch(&staged_[order[k + kStagedAhead]]);
          if (k + kRecordAhead < end) AskAheadFor(staged_[order[k + kRecordAhead]]);
          const Staged& st = staged_[order[k]];
          slots_[st.slot].staged = false;
          PlaceInArea(st.slot, staged_facts_.At(st.facts), st.fact_count, st.max_km);
        }
        // Records ahead are asked for within [from_area, to_area) only, so
        // a part is not read once its areas are placed.
        const int part = StagedFacts::PartOf(a, areas);
        if (areas_left[part].fetch_sub(1) == 1) staged_facts_.Release(part);
      }
    };
    // Parts of about equal numbers of records, cut at area boundaries.
    std::vector<selection_internal::IndexRange> ranges;
    uint32_t from = 0;
    const int parts = std::max(threads, 1);
    for (int p = 1; p < parts; ++p) {
      const uint32_t want = static_cast<uint32_t>(order.size() * p / parts);
      const uint32_t to = static_cast<uint32_t>(
          std::lower_bound(first.begin(), first.end(), want) - first.begin());
      ranges.push_back({from, to});  // `to` never falls: `want` grows
      from = to;
    }
    ranges.push_back({from, static_cast<uint32_t>(areas)});
    // What placing threw (std::bad_alloc) is thrown here, once all stopped.
    selection_internal::RunOnThreads(ranges, place);
    staged_.clear();
    staged_facts_ = StagedFacts();
  }

  // Asks memory for what placing `st` (a staged record still present) reads:
  // its slot, which it writes too, and its values.
  void AskAheadFor(const Staged& st) const {
    AskForLines</*kForWriting=*/true>(&slots_[st.slot], sizeof(Slot));
    AskForLines(staged_facts_.At(st.facts),
                std::min<size_t>(st.fact_count * sizeof(Fact), kValueLinesAhead * 64));
  }

  bool Remove(absl::string_view id) {
    std::unique_lock lock(mu_);
    const bool pending = pending_.erase(id) > 0;
    return RemoveLocked(id) || pending;
  }

  Sample Select(const QuestionPlan& plan, Audience audience, absl::Time at, size_t n,
                absl::BitGenRef rng) const {
    Sample sample;
    std::vector<uint32_t> chosen;
    std::shared_lock lock(mu_);
    std::vector<BoundCriterion> bound = Bind(plan);
    const Narrowing narrowing = NarrowingOf(bound);
    // The scan judges only what the narrowing leaves undecided, and whether
    // the asker may see what a criterion reads.
    const bool needs_special = NeedsSpecialConsent(bound, audience);
    std::vector<BoundCriterion> undecided;
    for (size_t i = 0; i < bound.size(); ++i) {
      if (!narrowing.decided[i]) undecided.push_back(std::move(bound[i]));
    }
    Scan(plan, at, &narrowing, !undecided.empty(),
         [&](const Bucket& b, const Entry& e, bool special) {
           if (needs_special && !special) return;
           if (!Fits(b, e, undecided.data(), undecided.size(), audience, special)) return;
           // Reservoir sampling (Algorithm R): every matching record is kept with
           // the same probability n / matched.
           ++sample.matched;
           if (chosen.size() < n) {
             chosen.push_back(e.slot);
           } else if (n > 0) {
             const size_t j = absl::Uniform<size_t>(rng, 0, sample.matched);
             if (j < n) chosen[j] = e.slot;
           }
         });
    for (size_t i = chosen.size(); i > 1; --i) {  // Fisher-Yates
      std::swap(chosen[i - 1], chosen[absl::Uniform<size_t>(rng, 0, i)]);
    }
    const int64_t now = absl::ToUnixNanos(at);
    sample.matches.reserve(chosen.size());
    for (uint32_t s : chosen) {
      const Slot& slot = slots_[s];
      // No process data: an answer shows none (Find and FindSelectable give it).
      sample.matches.push_back({std::string(slot.id.view()),
                                slot.record,
                                {},
                                InForce(slot.consents.special, now)});
    }
    return sample;
  }

  Funnel Explain(const QuestionPlan& plan, Audience audience, absl::Time at) const {
    Funnel funnel;
    std::shared_lock lock(mu_);
    const std::vector<BoundCriterion> bound = Bind(plan);
    for (const BoundCriterion& c : bound)
      funnel.after_criterion.push_back({c.criterion->index, 0});
    // Every record in the area, unnarrowed: the funnel counts each criterion.
    funnel.in_area =
        Scan(plan, at, nullptr, true, [&](const Bucket& b, const Entry& e, bool special) {
          ++funnel.selectable;
          for (size_t i = 0; i < bound.size(); ++i) {
            if (!Fits(b, e, &bound[i], 1, audience, special)) return;
            ++funnel.after_criterion[i].second;
          }
        });
    return funnel;
  }

  bool Find(absl::string_view id, Match* out) const {
    std::shared_lock lock(mu_);
    auto it = by_id_.find(KeyOf(id));
    if (it == by_id_.end()) return false;
    const Slot& slot = slots_[SlotOf(*it)];
    *out = {std::string(slot.id.view()), slot.record,
            std::string(slot.consents.process.view()), false};
    return true;
  }

  bool FindSelectable(absl::string_view id, absl::Time at, Match* out) const {
    std::shared_lock lock(mu_);
    auto it = by_id_.find(KeyOf(id));
    if (it == by_id_.end()) return false;
    const Slot& slot = slots_[SlotOf(*it)];
    const int64_t now = absl::ToUnixNanos(at);
    const bool consent_needed = kind_ == v1::SOORT_SELECTIE_WERKZOEKENDEN;
    if (!slot.live || (consent_needed && !InForce(slot.consents.publication, now)))
      return false;
    *out = {std::string(slot.id.view()), slot.record,
            std::string(slot.consents.process.view()),
            consent_needed && InForce(slot.consents.special, now)};
    return true;
  }

  v1::SoortSelectie kind() const { return kind_; }

  IndexStats stats() const {
    std::shared_lock lock(mu_);
    IndexStats s;
    s.bytes = sizeof(*this) + 2 * text_bytes_ + slots_.capacity() * sizeof(Slot) +
              buckets_.capacity() * sizeof(Bucket) +
              by_id_.capacity() * (sizeof(IdEntry) + 1);
    for (const Bucket& b : buckets_) {
      s.bytes += b.entries.capacity() * sizeof(Entry) +
                 b.facts.capacity() * sizeof(Fact) + b.holders.bytes();
      s.values += b.facts.size() - b.garbage;
    }
    for (size_t i = 0; i < slots_.size(); ++i) {
      const Slot& slot = slots_[i];
      if (!slot.live) continue;
      ++s.records;
      if (slot.pc4 < 0) ++s.not_located;
      s.bytes += slot.record.size() + kSharedOverhead + slot.consents.process.size() +
                 OwnBytes(slot.id, slot.record) + OwnBytes(slot.consents.publication) +
                 OwnBytes(slot.consents.special);
    }
    for (const auto& [code, id] : codes_) s.bytes += code.capacity() + sizeof(code) + 8;
    return s;
  }

 private:
  // --- Building -----------------------------------------------------------

  // A message of the index's kind for this thread to read into: reading
  // into a cleared message reuses its allocations.
  Message& ScratchRecord() const {
    thread_local v1::Werkzoekende profile;
    thread_local v1::Vacature vacancy;
    if (kind_ == v1::SOORT_SELECTIE_WERKZOEKENDEN) return profile;
    return vacancy;
  }

  // The last value (the one protobuf keeps) of the string field `number` at
  // the top level of the binary form `bytes`; empty if it has none.
  // DATA_LOSS if `bytes` is not the binary form of a message.
  static absl::StatusOr<absl::string_view> LastTopLevelText(absl::string_view bytes,
                                                            int number) {
    // By hand: protobuf's stream took a quarter of the time vum select's
    // reading thread spent putting a record.
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    absl::string_view last;
    while (p < end) {
      uint64_t tag;
      absl::string_view value;
      if (!io_internal::ReadVarint(&p, end, &tag) || tag > UINT32_MAX ||
          (tag >> 3) == 0 || !io_internal::SkipValue(tag & 7, &p, end, &value)) {
        return LastTopLevelTextByStream(bytes, number);  // groups; malformed bytes
      }
      if ((tag >> 3) == static_cast<uint64_t>(number) &&
          (tag & 7) == io_internal::kLength)
        last = value;
    }
    return last;
  }

  // LastTopLevelText as protobuf's stream reads it, groups included.
  static absl::StatusOr<absl::string_view> LastTopLevelTextByStream(
      absl::string_view bytes, int number) {
    using google::protobuf::internal::WireFormatLite;
    google::protobuf::io::CodedInputStream in(
        reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
    absl::string_view last;
    bool whole = true;  // protobuf's stream takes an unended group at the end
    for (uint32_t tag; whole && (tag = in.ReadTag()) != 0;) {
      if (WireFormatLite::GetTagFieldNumber(tag) == number &&
          WireFormatLite::GetTagWireType(tag) ==
              WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
        uint32_t length = 0;
        const void* data = nullptr;
        int available = 0;
        whole = in.ReadVarint32(&length) &&
                (length == 0 || (in.GetDirectBufferPointer(&data, &available) &&
                                 static_cast<uint32_t>(available) >= length));
        if (!whole) break;
        last = absl::string_view(static_cast<const char*>(data), length);
        in.Skip(static_cast<int>(length));
      } else {
        whole = WireFormatLite::SkipField(&in, tag);
      }
    }
    if (!whole || !in.ConsumedEntireMessage() ||
        in.CurrentPosition() != static_cast<int>(bytes.size())) {
      return absl::DataLossError("the bytes are not a record in protobuf's binary form");
    }
    return last;
  }

  static absl::Status NoIdError() {
    return absl::InvalidArgumentError("a record without an id cannot be indexed");
  }

  // This thread's batch for a single put.
  static Batch& ScratchBatch() {
    thread_local Batch batch;
    batch.Clear();
    return batch;
  }

  PutOutcome PutOne(Batch* one) {
    const PutOutcome outcome =
        one->items[0].pc4 < 0 ? PutOutcome::kNotLocated : PutOutcome::kIndexed;
    PutBatch(one);
    return outcome;
  }

  // Adds the record `bytes` (of the index's kind; `parsed`, if given, the
  // message they were serialized from) to `batch`: its id, area and facts,
  // read without a lock.
  absl::Status ReadRecord(RecordBytes bytes, const Message* parsed, Batch* batch) const {
    ReadFacts& read = batch->read;
    const ReadFacts::Mark mark = read.Here();
    const auto fact_begin = static_cast<uint32_t>(mark.facts);
    RecordKeys keys;
    std::string canonical;
    const bool declined =
        reader_.Read(bytes.view(),
                     parsed ? FactReader::kTextChecked : FactReader::kCheckText, &read,
                     &keys) == FactReader::kDeclined;
    if (declined) {
      // Not in the form protobuf writes: read what protobuf makes of them.
      Message& record = ScratchRecord();
      if (parsed != nullptr) {
        record.CopyFrom(*parsed);
      } else if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return absl::DataLossError(
            absl::StrCat("the bytes are not a ", paths_->root()->name(), " record"));
      }
      record.DiscardUnknownFields();  // no selectable value is in them
      canonical = record.SerializeAsString();
      if (reader_.Read(canonical, FactReader::kTextChecked, &read, &keys) !=
          FactReader::kRead) {
        return absl::InternalError(
            absl::StrCat("a ", paths_->root()->name(),
                         " record as protobuf writes it could not be read"));
      }
    }
    if (keys.id.empty()) {
      read.Truncate(mark);
      return NoIdError();
    }
    ReadItem item;
    // The id as the index keeps it: within the kept bytes, or (read from
    // their canonical form) a copy of its own.
    item.id = declined ? RecordBytes(std::string(keys.id)) : bytes.Part(keys.id);
    item.id_hash = IdHash(keys.id);
    item.pc4 = pc4_->IndexOf(Pc4Of(keys.postcode));
    item.max_km = keys.max_km;
    item.record = std::move(bytes);
    item.fact_begin = fact_begin;
    SortFacts(read.facts.data() + fact_begin, read.facts.data() + read.facts.size());
    // An entry keeps at most 65,535 facts (Entry::fact_count), the first in
    // path order.
    item.fact_count =
        std::min<uint32_t>(static_cast<uint32_t>(read.facts.size()) - fact_begin, 65535);
    batch->items.push_back(std::move(item));
    return absl::OkStatus();
  }

  // Adds `process` (`bytes`, its serialized form) to `batch`.
  absl::Status ReadProcess(const v1::Procesgegevens& process, RecordBytes bytes,
                           Batch* batch) const {
    if (absl::Status s = CheckProcessData(process); !s.ok()) return s;
    ReadItem item;
    item.process = true;
    item.process_id = process.id_werkzoekende();
    item.id_hash = IdHash(item.process_id);
    item.consents = ConsentsOf(process, std::move(bytes));
    batch->items.push_back(std::move(item));
    return absl::OkStatus();
  }

  // Puts a record read into a batch, replacing the one with its id: in the
  // same slot, which by_id_ keeps. Under mu_.
  void ApplyRecord(ReadItem* item, const Fact* facts) {
    auto it = by_id_.find(IdKey{item->id.view(), item->id_hash});
    const bool fresh = it == by_id_.end();
    Slot slot;
    slot.id = std::move(item->id);
    slot.live = true;
    slot.record = std::move(item->record);
    slot.pc4 = item->pc4;
    auto waiting = pending_.empty() ? pending_.end() : pending_.find(slot.id.view());
    if (waiting != pending_.end()) {
      slot.consents = std::move(waiting->second);
      pending_.erase(waiting);
    } else if (!fresh) {
      slot.consents = std::move(slots_[SlotOf(*it)].consents);
    }
    uint32_t s;
    if (fresh) {
      s = NewSlot();
    } else {
      s = SlotOf(*it);
      Unplace(s);
    }
    slots_[s] = std::move(slot);  // a replaced slot gets the same id back
    Place(s, facts, item->fact_count, item->max_km);
    if (fresh) by_id_.insert(MakeIdEntry(item->id_hash, s));
  }

  // Replaces a person's consents, kept until the profile arrives. Under mu_.
  void ApplyProcess(ReadItem* item) {
    const std::optional<uint32_t> s = SlotOfProcessData(*item);
    if (!s.has_value()) {
      pending_[item->process_id] = std::move(item->consents);
      return;
    }
    Slot& slot = slots_[*s];
    slot.consents = std::move(item->consents);
    if (slot.pc4 >= 0 && !slot.staged)
      Windows(slot, &buckets_[slot.pc4].entries[slot.entry]);
  }

  // The slot of the record that process data `item` are for, if one is held.
  // A system that exports both mostly writes process data in the order of
  // their records, which the loader's workers put in consecutive slots: the
  // slot after the one found last is tried first, read in memory order,
  // before the id set is probed (a cache miss per person, under the lock).
  // A live slot of the id is the one the id set gives: the answer is the
  // same in any order. The guess's id bytes were asked for when the guess was
  // made (GuessNext). Under mu_.
  std::optional<uint32_t> SlotOfProcessData(const ReadItem& item) {
    const uint32_t guess = next_process_slot_;
    if (guess < slots_.size()) {
      const Slot& g = slots_[guess];
      if (g.live && g.id.view() == item.process_id) {
        GuessNext(guess);
        return guess;
      }
    }
    auto it = by_id_.find(IdKey{item.process_id, item.id_hash});
    if (it == by_id_.end()) return std::nullopt;
    GuessNext(SlotOf(*it));
    return SlotOf(*it);
  }

  // The next process data are guessed to be for the slot after `found`,
  // whose id's bytes (among the record's) memory is asked for now.
  void GuessNext(uint32_t found) {
    next_process_slot_ = found + 1;
    if (found + 1 < slots_.size()) __builtin_prefetch(slots_[found + 1].id.data());
  }

  int32_t Intern(absl::string_view code) {
    auto [it, added] = codes_.try_emplace(code, static_cast<int32_t>(codes_.size()));
    return it->second;
  }

  // Folded text, kept once however many records hold it, so that a
  // question tests each distinct text once ($contains).
  int32_t StoreText(absl::string_view folded) {
    auto [it, added] = text_ids_.try_emplace(folded, static_cast<int32_t>(texts_.size()));
    if (added) {
      texts_.push_back(it->first);
      text_bytes_ += it->first.capacity() + sizeof(std::string);
    }
    return it->second;
  }

  // Turns the texts of `read`'s facts into the index's numbers for them.
  // Under mu_, held alone.
  void Resolve(ReadFacts* read) {
    for (Fact& f : read->facts) {
      switch (tables_[f.path]) {
        case Table::kCodes:
          f.value = Intern(read->Text(f.value));
          break;
        case Table::kTexts:
          f.value = StoreText(read->Text(f.value));
          break;
        case Table::kNone:
          break;
      }
    }
  }

  static Consents ConsentsOf(const v1::Procesgegevens& process, RecordBytes bytes) {
    return {std::move(bytes),
            WindowsOf(process, v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE),
            WindowsOf(process, v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS)};
  }

  // Copies the slot's consent periods into its entry.
  static void Windows(const Slot& slot, Entry* e) {
    e->publication =
        slot.consents.publication.empty() ? kNever : slot.consents.publication[0];
    e->special = slot.consents.special.empty() ? kNever : slot.consents.special[0];
    e->more_windows =
        slot.consents.publication.size() > 1 || slot.consents.special.size() > 1;
  }

  // A slot for a new id: a free one or a new one.
  uint32_t NewSlot() {
    if (free_.empty()) {
      slots_.emplace_back();
      return static_cast<uint32_t>(slots_.size() - 1);
    }
    const uint32_t s = free_.back();
    free_.pop_back();
    return s;
  }

  // Puts slot `s`, if located, in its area (or, while loading, aside).
  void Place(uint32_t s, const Fact* facts, uint32_t fact_count, int max_km) {
    Slot& placed = slots_[s];
    if (placed.pc4 < 0) return;
    if (loading_ == 0) {
      PlaceInArea(s, facts, fact_count, max_km);
      return;
    }
    placed.staged = true;
    placed.entry = static_cast<uint32_t>(staged_.size());
    const int part = StagedFacts::PartOf(placed.pc4, buckets_.size());
    staged_.emplace_back(Staged{s, fact_count,
                                staged_facts_.Append(part, facts, fact_count), max_km,
                                placed.pc4});
  }

  // Puts slot `s`, located, in its area with its facts.
  // `fact_count` is at most 65,535 (ReadRecord keeps no more).
  void PlaceInArea(uint32_t s, const Fact* facts, uint32_t fact_count, int max_km) {
    Slot& slot = slots_[s];
    Bucket& b = buckets_[slot.pc4];
    uint64_t paths = 0;
    for (uint32_t i = 0; i < fact_count; ++i)
      paths |= uint64_t{1} << std::min<int>(facts[i].path, 63);
    Entry e{paths,
            s,
            static_cast<uint32_t>(b.facts.size()),
            static_cast<uint16_t>(fact_count),
            static_cast<int16_t>(max_km),
            false,
            kNever,
            kNever};
    Windows(slot, &e);
    b.facts.Append(facts, fact_count);
    slot.entry = static_cast<uint32_t>(b.entries.size());
    b.entries.push_back(e);
    MarkHolders(&b, b.entries.back(), slot.entry, true);
  }

  // Adds (or removes) `position` to (or from) the holders of each code of
  // entry `e` on a coded path.
  void MarkHolders(Bucket* b, const Entry& e, uint32_t position, bool add) {
    const Fact* f = b->facts.data() + e.fact_begin;
    for (const Fact* end = f + e.fact_count; f != end; ++f) {
      if (!coded_[f->path]) continue;
      const uint64_t key = PositionSets::Key(f->path, f->value);
      if (add) {
        b->holders.Add(key, position);
      } else {
        b->holders.Remove(key, position);
      }
    }
  }

  // Rewrites a bucket's facts without those of removed entries.
  void Compact(Bucket* b) {
    FactList facts;
    facts.Reserve(b->facts.size() - b->garbage);
    for (Entry& e : b->entries) {
      const uint32_t begin = static_cast<uint32_t>(facts.size());
      facts.Append(b->facts.data() + e.fact_begin, e.fact_count);
      e.fact_begin = begin;
    }
    b->facts = std::move(facts);
    b->garbage = 0;
  }

  bool RemoveLocked(absl::string_view id) {
    auto it = by_id_.find(KeyOf(id));
    if (it == by_id_.end()) return false;
    const uint32_t s = SlotOf(*it);
    by_id_.erase(it);
    Unplace(s);
    // Made anew rather than assigned `Slot()`, on which GCC 12 warns falsely
    // (InlinedVector's move from an empty one).
    std::destroy_at(&slots_[s]);
    new (&slots_[s]) Slot();
    free_.push_back(s);
    return true;
  }

  // Takes slot `s` out of its area (or the staging).
  void Unplace(uint32_t s) {
    Slot& slot = slots_[s];
    if (slot.staged) {
      staged_[slot.entry].slot = kGone;
    } else if (slot.pc4 >= 0) {  // swap-remove from its bucket
      Bucket& b = buckets_[slot.pc4];
      b.garbage += b.entries[slot.entry].fact_count;
      const Entry moved = b.entries.back();
      MarkHolders(&b, b.entries[slot.entry], slot.entry, false);
      const uint32_t last = static_cast<uint32_t>(b.entries.size() - 1);
      if (slot.entry != last) {
        MarkHolders(&b, moved, last, false);
        MarkHolders(&b, moved, slot.entry, true);
      }
      b.entries[slot.entry] = moved;
      slots_[moved.slot].entry = slot.entry;
      b.entries.pop_back();
      if (b.garbage > 64 && b.garbage * 2 > b.facts.size()) Compact(&b);
    }
    slot.staged = false;
  }

  // --- Answering ----------------------------------------------------------

  std::vector<BoundCriterion> Bind(const QuestionPlan& plan) const {
    std::vector<BoundCriterion> out;
    for (const QuestionPlan::Criterion& c : plan.criteria) {
      BoundCriterion b{&c, {}};
      for (const QuestionPlan::Condition& cond : c.conditions) {
        BoundCondition bc{&cond, {}, false, &off_scale_[cond.path->id], {}};
        if (cond.op == v1::SELECTIE_OPERATOR_CONTAINS)
          bc.contains.assign(texts_.size(), -1);
        for (int64_t n : cond.numbers) {
          if (cond.path->kind == ValueKind::kNumberCode) {
            auto it = codes_.find(absl::StrCat("#", n));
            if (it != codes_.end()) bc.values.push_back(it->second);
          } else {
            bc.values.push_back(static_cast<int32_t>(n));
          }
        }
        for (const std::string& t : cond.texts) {
          if (cond.path->kind == ValueKind::kText) continue;  // compared as text
          auto it = codes_.find(t);
          if (it != codes_.end()) bc.values.push_back(it->second);
        }
        const size_t asked =
            cond.numbers.size() +
            (cond.path->kind == ValueKind::kText ? 0 : cond.texts.size());
        if (bc.values.size() < asked) {
          // A code no record has: $eq and $all cannot hold; $in keeps the rest.
          bc.impossible = cond.op != v1::SELECTIE_OPERATOR_IN || bc.values.empty();
        }
        std::sort(bc.values.begin(), bc.values.end());
        b.conditions.push_back(std::move(bc));
      }
      out.push_back(std::move(b));
    }
    return out;
  }

  // What a record must hold for the plan to fit it, as far as its coded
  // conditions say: $eq and $in ask for one of their codes, $all for each, a
  // range on a scale for one of the codes within it. Ranges on paths ordered
  // by code (where a code the enumeration lacks may still fit) are left out.
  // A criterion of one such condition is decided by it, except $all within
  // $elemMatch (the codes must then be in one element).
  Narrowing NarrowingOf(const std::vector<BoundCriterion>& bound) const {
    Narrowing out;
    for (const BoundCriterion& criterion : bound) {
      bool exact = criterion.conditions.size() == 1;
      for (const BoundCondition& c : criterion.conditions) {
        exact = AddGroups(c, &out.groups) && exact;
      }
      const bool all_in_element =
          criterion.criterion->list != nullptr &&
          criterion.conditions[0].condition->op == v1::SELECTIE_OPERATOR_ALL;
      out.decided.push_back(exact && !all_in_element);
    }
    return out;
  }

  // Adds the groups condition `c` asks for; whether they say exactly which
  // records hold it (within no element: any value of the path). A condition
  // that adds no group holds for every record ($all of nothing).
  bool AddGroups(const BoundCondition& c, std::vector<std::vector<uint64_t>>* out) const {
    const LeafPath& path = *c.condition->path;
    if (!coded_[path.id]) return false;
    auto key = [&](int32_t value) { return PositionSets::Key(path.id, value); };
    switch (c.condition->op) {
      case v1::SELECTIE_OPERATOR_EQ:
      case v1::SELECTIE_OPERATOR_IN:
        out->emplace_back();
        if (c.impossible) return true;
        for (int32_t v : c.values) out->back().push_back(key(v));
        return true;
      case v1::SELECTIE_OPERATOR_ALL:
        if (c.impossible) out->emplace_back();
        for (int32_t v : c.values) out->push_back({key(v)});
        return true;
      case v1::SELECTIE_OPERATOR_GTE:
      case v1::SELECTIE_OPERATOR_LTE:
      case v1::SELECTIE_OPERATOR_LT:
        if (path.kind != ValueKind::kOrderedEnum || path.order_by_code) return false;
        // Compare holds for no code at or above the size of off_scale.
        out->emplace_back();
        for (size_t v = 0; v < c.off_scale->size(); ++v) {
          if (Compare(c, static_cast<int32_t>(v))) out->back().push_back(key(v));
        }
        return true;
      default:
        return false;
    }
  }

  // The facts of one entry.
  struct Facts_ {
    const Fact* begin;
    const Fact* end;
  };

  bool InForceAt(const Entry& e, const Window& first, bool publication,
                 int64_t at) const {
    if (first.from <= at && at < first.to) return true;
    if (!e.more_windows) return false;
    const Slot& slot = slots_[e.slot];
    return InForce(publication ? slot.consents.publication : slot.consents.special, at);
  }

  // Calls visit(bucket, entry, special_consent) for every record in the area
  // that may be selected at `at`, in order, leaving out records that cannot
  // hold what `narrowing` (if not null) asks. `read_facts`: whether visit
  // reads the entries' values. Returns how many records the area holds.
  template <typename Visit>
  size_t Scan(const QuestionPlan& plan, absl::Time at, const Narrowing* narrowing,
              bool read_facts, Visit visit) const {
    const int64_t now = absl::ToUnixNanos(at);
    const bool consent_needed = kind_ == v1::SOORT_SELECTIE_WERKZOEKENDEN;
    size_t in_area = 0;
    std::vector<uint64_t> words;      // the bucket's entries that may hold it
    std::vector<uint32_t> positions;  // the same, as positions
    const std::vector<Pc4Area>& areas = pc4_->areas();
    // One degree of latitude is 111.2 km everywhere (mean radius): an area
    // further north or south than that cannot be within the distance.
    const double max_degrees = plan.distance_km / 111.19 + 1e-6;
    for (size_t a = 0; a < areas.size(); ++a) {
      const Bucket& bucket = buckets_[a];
      if (bucket.entries.empty()) continue;
      if (std::abs(areas[a].latitude - plan.centre->latitude) > max_degrees) continue;
      const double km = DistanceKm(*plan.centre, areas[a]);
      if (km > plan.distance_km) continue;
      in_area += bucket.entries.size();
      auto consider = [&](const Entry& e) {
        if (e.max_km >= 0 && km > e.max_km) return;
        if (consent_needed && !InForceAt(e, e.publication, true, now)) return;
        visit(bucket, e, consent_needed && InForceAt(e, e.special, false, now));
      };
      if (narrowing == nullptr || narrowing->groups.empty()) {
        for (const Entry& e : bucket.entries) consider(e);
        continue;
      }
      const size_t n = bucket.entries.size();
      words.assign((n + 63) / 64, ~uint64_t{0});
      if (n % 64 != 0) words.back() = (uint64_t{1} << (n % 64)) - 1;
      for (const std::vector<uint64_t>& any_of : narrowing->groups) {
        bucket.holders.IntersectWith(any_of, &words);
      }
      positions.clear();
      for (size_t w = 0; w < words.size(); ++w) {
        for (uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
          positions.push_back(static_cast<uint32_t>(w * 64 + __builtin_ctzll(bits)));
        }
      }
      VisitAhead(bucket, positions, read_facts, consider);
    }
    return in_area;
  }

  // Calls consider(entry) for the entries of `bucket` at `positions`
  // (ascending), asking memory ahead for the entries a few places on and, if
  // `read_facts`, for their values: the positions a narrowing leaves are too
  // far apart for the processor to fetch ahead by itself, and a record's
  // values lie where its entry says, so each would otherwise wait for two
  // loads from memory in turn.
  template <typename Consider>
  static void VisitAhead(const Bucket& bucket, const std::vector<uint32_t>& positions,
                         bool read_facts, Consider& consider) {
    constexpr size_t kEntriesAhead = 8;  // the entry is asked for first,
    constexpr size_t kFactsAhead = 4;    // its values once it has arrived
    const Entry* entries = bucket.entries.data();
    const Fact* facts = bucket.facts.data();
    const size_t n = positions.size();
    for (size_t i = 0; i < n; ++i) {
      if (i + kEntriesAhead < n)
        __builtin_prefetch(entries + positions[i + kEntriesAhead]);
      if (read_facts && i + kFactsAhead < n) {
        const Entry& next = entries[positions[i + kFactsAhead]];
        AskForLines(
            facts + next.fact_begin,
            std::min<size_t>(next.fact_count * sizeof(Fact), kValueLinesAhead * 64));
      }
      consider(entries[positions[i]]);
    }
  }

  // Some criterion reads what the asker may see only with the person's
  // consent to show special-category data (Fits' first test, for them all).
  bool NeedsSpecialConsent(const std::vector<BoundCriterion>& bound,
                           Audience audience) const {
    if (audience != Audience::kEmployerView || kind_ != v1::SOORT_SELECTIE_WERKZOEKENDEN)
      return false;
    return std::any_of(bound.begin(), bound.end(), [](const BoundCriterion& c) {
      return c.criterion->needs_consent;
    });
  }

  bool Fits(const Bucket& b, const Entry& e, const BoundCriterion* criteria, size_t count,
            Audience audience, bool special) const {
    const Facts_ facts{b.facts.data() + e.fact_begin,
                       b.facts.data() + e.fact_begin + e.fact_count};
    for (size_t i = 0; i < count; ++i) {
      const BoundCriterion& c = criteria[i];
      if (c.criterion->needs_consent && audience == Audience::kEmployerView && !special &&
          kind_ == v1::SOORT_SELECTIE_WERKZOEKENDEN) {
        return false;  // the asker may not see it, so it cannot hold
      }
      if (c.criterion->list == nullptr) {
        if (!Holds(Range(e, facts, c.conditions[0]), c.conditions[0], -1)) return false;
      } else if (!ElementHolds(e, facts, c)) {
        return false;
      }
    }
    return true;
  }

  // The facts of the condition's path; empty when the record has none.
  // `from`, when given, is where to start looking: no fact of the path lies
  // before it.
  static Facts_ Range(const Entry& e, const Facts_& facts, const BoundCondition& c,
                      const Fact* from = nullptr) {
    const uint16_t path = static_cast<uint16_t>(c.condition->path->id);
    if (((e.paths >> std::min<int>(path, 63)) & 1) == 0) return {facts.end, facts.end};
    // A record has a few dozen values: a forward scan beats a binary search.
    const Fact* begin = from != nullptr ? from : facts.begin;
    while (begin != facts.end && begin->path < path) ++begin;
    const Fact* end = begin;
    while (end != facts.end && end->path == path) ++end;
    return {begin, end};
  }

  // Some element of the list meets every condition.
  bool ElementHolds(const Entry& e, const Facts_& facts, const BoundCriterion& c) const {
    constexpr size_t kMaxConditions = 32;
    Facts_ ranges[kMaxConditions];
    const size_t n = std::min(c.conditions.size(), kMaxConditions);
    for (size_t i = 0; i < n; ++i) {
      // The facts are in path order: a condition on a later path than the
      // one before it is looked for from where that one's facts begin,
      // instead of from the record's first fact again.
      const bool later = i > 0 && c.conditions[i].condition->path->id >=
                                      c.conditions[i - 1].condition->path->id;
      ranges[i] = Range(e, facts, c.conditions[i], later ? ranges[i - 1].begin : nullptr);
      if (ranges[i].begin == ranges[i].end) return false;
    }
    int last_group = -1;
    for (const Fact* it = ranges[0].begin; it != ranges[0].end; ++it) {
      if (it->group == last_group) continue;
      last_group = it->group;
      bool all = true;
      for (size_t i = 0; i < n && all; ++i)
        all = Holds(ranges[i], c.conditions[i], it->group);
      if (all) return true;
    }
    return false;
  }

  bool Compare(const BoundCondition& c, int32_t value) const {
    const std::vector<bool>& off = *c.off_scale;
    const bool on_scale =
        c.condition->path->kind != ValueKind::kOrderedEnum ||
        c.condition->path->order_by_code ||
        (value >= 0 && static_cast<size_t>(value) < off.size() && !off[value]);
    switch (c.condition->op) {
      case v1::SELECTIE_OPERATOR_EQ:
      case v1::SELECTIE_OPERATOR_IN:
        return std::binary_search(c.values.begin(), c.values.end(), value);
      case v1::SELECTIE_OPERATOR_GTE:
        return on_scale && value >= c.values[0];
      case v1::SELECTIE_OPERATOR_LTE:
        return on_scale && value <= c.values[0];
      case v1::SELECTIE_OPERATOR_LT:
        return on_scale && value < c.values[0];
      case v1::SELECTIE_OPERATOR_CONTAINS:
        if (c.contains[value] < 0) {
          c.contains[value] =
              texts_[value].find(c.condition->texts[0]) != std::string::npos;
        }
        return c.contains[value] == 1;
      default:
        return false;
    }
  }

  // The values in `range` (one path's; in element `group`, or in any when
  // -1) satisfy the condition.
  bool Holds(const Facts_& range, const BoundCondition& c, int group) const {
    if (c.impossible) return false;
    auto in_scope = [group](const Fact& f) { return group < 0 || f.group == group; };
    if (c.condition->op == v1::SELECTIE_OPERATOR_ALL) {
      for (int32_t wanted : c.values) {
        bool found = false;
        for (const Fact* it = range.begin; it != range.end && !found; ++it) {
          found = in_scope(*it) && it->value == wanted;
        }
        if (!found) return false;
      }
      return true;
    }
    for (const Fact* it = range.begin; it != range.end; ++it) {
      if (in_scope(*it) && Compare(c, it->value)) return true;
    }
    return false;
  }

  const Pc4Register* pc4_;
  const v1::SoortSelectie kind_;
  const PathCatalogue* paths_;
  const FactReader reader_;
  std::vector<std::vector<bool>> off_scale_;  // per leaf path id: codes off the scale
  // Per leaf path id: its values are codes, kept in each bucket's holders.
  std::vector<bool> coded_;
  std::vector<Table> tables_;  // per leaf path id

  mutable std::shared_mutex mu_;
  StableVector<Slot> slots_;  // grows without moving its slots
  std::vector<uint32_t> free_;
  uint32_t next_process_slot_ = 0;  // SlotOfProcessData's first guess
  std::vector<Bucket> buckets_;     // per PC4 area
  // The slots of the ids held, found by id. Its arrays grow by doubling to
  // about 18 MB at 1M ids: on huge pages, 23% fewer page faults in a
  // load of 1M profiles (docs/performance.md).
  absl::flat_hash_set<IdEntry, IdEntryHash, IdEntryEq,
                      selection_internal::HugePageAllocator<IdEntry>>
      by_id_{0, IdEntryHash{}, IdEntryEq{&slots_}};
  absl::flat_hash_map<std::string, Consents> pending_;  // before their profile
  int loading_ = 0;  // loaders between BeginLoad and EndLoad
  // While loading_, located records; never copied as they grow.
  StableVector<Staged> staged_;
  StagedFacts staged_facts_;  // theirs
  absl::flat_hash_map<std::string, int32_t> codes_;
  absl::node_hash_map<std::string, int32_t> text_ids_;  // keys stay put
  std::vector<absl::string_view> texts_;                // by id, into text_ids_'s keys
  size_t text_bytes_ = 0;
};

absl::StatusOr<std::unique_ptr<CaseloadIndex>> CaseloadIndex::Create(
    const Pc4Register* pc4, v1::SoortSelectie kind) {
  if (pc4 == nullptr)
    return absl::InvalidArgumentError("a caseload index needs a PC4 list");
  if (PathCatalogue::For(kind) == nullptr) {
    return absl::InvalidArgumentError("a caseload index holds job seekers or vacancies");
  }
  if (!PathCatalogue::SchemaError().empty()) {
    return absl::InternalError(PathCatalogue::SchemaError());
  }
  return std::unique_ptr<CaseloadIndex>(
      new CaseloadIndex(std::make_unique<Impl>(pc4, kind)));
}

CaseloadIndex::CaseloadIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaseloadIndex::~CaseloadIndex() = default;

absl::StatusOr<PutOutcome> CaseloadIndex::Put(const Message& record) {
  return impl_->Put(record);
}
absl::Status CaseloadIndex::PutProcessData(const v1::Procesgegevens& process) {
  return impl_->PutProcessData(process);
}
absl::StatusOr<PutOutcome> CaseloadIndex::PutSerialized(std::string bytes) {
  return impl_->PutSerialized(std::move(bytes));
}
absl::Status CaseloadIndex::PutProcessDataSerialized(std::string bytes) {
  return impl_->PutProcessDataSerialized(std::move(bytes));
}
bool CaseloadIndex::Remove(absl::string_view id) { return impl_->Remove(id); }
absl::StatusOr<absl::string_view> CaseloadIndex::IdToPut(const Message& record) const {
  return impl_->IdToPut(record);
}
absl::Status CaseloadIndex::CheckProcessData(const v1::Procesgegevens& process) const {
  return impl_->CheckProcessData(process);
}
absl::StatusOr<absl::string_view> CaseloadIndex::IdToPutSerialized(
    absl::string_view bytes) const {
  return impl_->IdToPutSerialized(bytes);
}
absl::StatusOr<absl::string_view> CaseloadIndex::ProcessDataIdSerialized(
    absl::string_view bytes) const {
  return impl_->ProcessDataIdSerialized(bytes);
}
CaseloadIndex::BatchPtr CaseloadIndex::NewBatch() { return BatchPtr(new Batch()); }
absl::Status CaseloadIndex::Read(RecordBytes record, Batch* batch) const {
  return impl_->Read(std::move(record), batch);
}
absl::Status CaseloadIndex::ReadProcessData(RecordBytes bytes, Batch* batch) const {
  return impl_->ReadProcessData(std::move(bytes), batch);
}
CaseloadIndex::BatchCounts CaseloadIndex::Put(Batch* batch) {
  return impl_->PutBatch(batch);
}
void CaseloadIndex::BeginLoad() { impl_->BeginLoad(); }
void CaseloadIndex::EndLoad(int threads) { impl_->EndLoad(threads); }
CaseloadIndex::Sample CaseloadIndex::Select(const QuestionPlan& plan, Audience audience,
                                            absl::Time at, size_t n,
                                            absl::BitGenRef rng) const {
  return impl_->Select(plan, audience, at, n, rng);
}
CaseloadIndex::Funnel CaseloadIndex::Explain(const QuestionPlan& plan, Audience audience,
                                             absl::Time at) const {
  return impl_->Explain(plan, audience, at);
}
bool CaseloadIndex::Find(absl::string_view id, Match* out) const {
  return impl_->Find(id, out);
}
bool CaseloadIndex::FindSelectable(absl::string_view id, absl::Time at,
                                   Match* out) const {
  return impl_->FindSelectable(id, at, out);
}
IndexStats CaseloadIndex::stats() const { return impl_->stats(); }
v1::SoortSelectie CaseloadIndex::kind() const { return impl_->kind(); }

}  // namespace vum
