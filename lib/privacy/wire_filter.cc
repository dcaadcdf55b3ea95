#include "lib/privacy/wire_filter.h"

#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "lib/io/wire_format.h"
#include "vum/schema.h"

namespace vum::privacy_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

using io_internal::AppendVarint;
using io_internal::kFixed32;
using io_internal::kFixed64;
using io_internal::kLength;
using io_internal::kVarint;
using io_internal::ReadVarint;
using io_internal::SkipValue;
using io_internal::VarintSize;

// The wire types a value of `f` may come in, one bit each.
uint8_t WireTypesOf(const FieldDescriptor& f) {
  uint8_t types = 1 << io_internal::WireTypeOf(f.type());
  if (f.is_repeated()) types |= 1 << kLength;  // packed or not
  return types;
}

}  // namespace

template <typename Classify>
WireFilter WireFilter::Build(const Descriptor* type, const Classify& classify) {
  WireFilter filter;
  absl::flat_hash_map<const Descriptor*, uint32_t> index;
  std::vector<const Descriptor*> pending = {type};
  index[type] = 0;
  filter.tables_.emplace_back();
  for (size_t t = 0; t < pending.size(); ++t) {
    const Descriptor* d = pending[t];
    Table table;
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      Field field{classify(*f), WireTypesOf(*f), 0};
      if (field.action == Action::kNested) {
        auto [it, added] = index.try_emplace(f->message_type(), pending.size());
        if (added) {
          pending.push_back(f->message_type());
          filter.tables_.emplace_back();
        }
        field.nested = it->second;
      }
      if (table.size() <= static_cast<size_t>(f->number())) table.resize(f->number() + 1);
      table[f->number()] = field;
    }
    filter.tables_[t] = std::move(table);
  }
  return filter;
}

WireFilter WireFilter::ForView(const Descriptor* type, const ViewOptions& options,
                               const Generalisation& generalisation) {
  WireFilter filter = Build(type, [&](const FieldDescriptor& f) {
    const v1::PrivacyClass c = InfoOf(f).privacy();
    if (!VisibleIn(c, options.view) ||
        (NeedsConsentIn(c, options.view) && !options.special_category_consent)) {
      return Action::kDrop;
    }
    if (GeneralisedIn(c, options.view)) {
      if (!CanBeGeneralised(f)) return Action::kDrop;
      const v1::Format format = FormatOf(f);
      if (IsPostcode(format)) return Action::kPostcode;
      return format == v1::FORMAT_DATE_TIME ? Action::kMoment : Action::kDate;
    }
    return f.message_type() != nullptr ? Action::kNested : Action::kKeep;
  });
  filter.postcode_digits_ = PostcodeDigits(generalisation.postcode);
  filter.dates_ = generalisation.dates;
  return filter;
}

WireFilter WireFilter::ForFirstRound(const Descriptor* type) {
  return Build(type, [](const FieldDescriptor& f) {
    if (InfoOf(f).not_in_first_round()) return Action::kDrop;
    return f.message_type() != nullptr ? Action::kNested : Action::kKeep;
  });
}

bool WireFilter::Apply(absl::string_view record, std::string* out) const {
  return ApplyTable(0, record, 0, out);
}

bool WireFilter::ApplyTable(uint32_t table, absl::string_view in, int depth,
                            std::string* out) const {
  if (depth > io_internal::kMaxMessageDepth) return false;
  const Table& fields = tables_[table];
  const char* p = in.data();
  const char* const end = p + in.size();
  while (p < end) {
    const char* const start = p;
    uint64_t tag = 0;
    absl::string_view payload;
    if (!ReadVarint(&p, end, &tag) || !SkipValue(tag & 7, &p, end, &payload))
      return false;
    const uint64_t number = tag >> 3;
    const Field field = number < fields.size() ? fields[number] : Field{};
    // A value in a wire type its declaration cannot have is dropped, as an
    // undeclared field is (protobuf's parser would keep both as unknown).
    const Action action =
        (field.wire_types >> (tag & 7)) & 1 ? field.action : Action::kDrop;
    switch (action) {
      case Action::kDrop:
        break;
      case Action::kKeep:
        out->append(start, p - start);
        break;
      case Action::kNested: {
        AppendVarint(tag, out);
        // The view is never longer than the message: room for its length is
        // kept at the original's size and closed up afterwards.
        const size_t room = VarintSize(payload.size());
        const size_t at = out->size();
        out->append(room, '\0');
        if (!ApplyTable(field.nested, payload, depth + 1, out)) return false;
        const size_t written = out->size() - at - room;
        std::string length;
        AppendVarint(written, &length);
        if (length.size() < room) {
          char* base = out->data() + at;
          std::memmove(base + length.size(), base + room, written);
          out->resize(out->size() - (room - length.size()));
        }
        out->replace(at, length.size(), length);
        break;
      }
      default:
        AppendVarint(tag, out);
        AppendGeneralised(action, payload, out);
        break;
    }
  }
  return true;
}

void WireFilter::AppendGeneralised(Action action, absl::string_view value,
                                   std::string* out) const {
  const std::string general =
      action == Action::kPostcode
          ? std::string(value.substr(0, postcode_digits_))
          : GeneraliseDate(value, dates_, action == Action::kMoment);
  AppendVarint(general.size(), out);
  out->append(general);
}

std::string GeneraliseDate(absl::string_view value, DateLevel level, bool moment) {
  if (value.size() < 10) return std::string(value);  // malformed: its rule reports it
  std::string day(value.substr(0, level == DateLevel::kYear ? 4 : 7));
  day += level == DateLevel::kYear ? "-01-01" : "-01";
  if (moment) day += "T00:00:00Z";
  return day;
}

size_t PostcodeDigits(PostcodeLevel level) {
  return level == PostcodeLevel::kRegion ? 2 : 4;
}

}  // namespace vum::privacy_internal
