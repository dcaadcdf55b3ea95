#include "vum/view.h"

#include "absl/strings/str_cat.h"
#include "lib/privacy/wire_filter.h"
#include "vum/delta.h"
#include "vum/ids.h"
#include "vum/json.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Calls `visit(message, field)` for every present field at every depth.
template <typename Visit>
void ForEachPresent(Message* m, const Visit& visit) {
  const auto* r = m->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (!visit(m, f) || f->message_type() == nullptr) continue;  // removed, or a leaf
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*m, f); ++i) {
        ForEachPresent(r->MutableRepeatedMessage(m, f, i), visit);
      }
    } else {
      ForEachPresent(r->MutableMessage(m, f), visit);
    }
  }
}

}  // namespace

int ReduceToView(Message* record, const ViewOptions& options) {
  // What the schema does not declare has no class, so no view shows it.
  record->DiscardUnknownFields();
  int removed = 0;
  ForEachPresent(record, [&](Message* m, const FieldDescriptor* f) {
    const v1::PrivacyClass c = InfoOf(*f).privacy();
    const bool shown = VisibleIn(c, options.view) && (!NeedsConsentIn(c, options.view) ||
                                                      options.special_category_consent);
    if (shown) return true;
    m->GetReflection()->ClearField(m, f);
    ++removed;
    return false;
  });
  return removed;
}

int Generalise(Message* record, v1::View view, const Generalisation& generalisation) {
  int changed = 0;
  ForEachPresent(record, [&](Message* m, const FieldDescriptor* f) {
    if (!GeneralisedIn(InfoOf(*f).privacy(), view)) return true;
    const auto* r = m->GetReflection();
    const v1::Format format = FormatOf(*f);
    if (!CanBeGeneralised(*f)) {
      // Text such as a school's name cannot be generalised: it goes.
      r->ClearField(m, f);
      ++changed;
      return false;
    }
    const std::string value = r->GetString(*m, f);
    const std::string general =
        IsPostcode(format)
            ? value.substr(0, privacy_internal::PostcodeDigits(generalisation.postcode))
            : privacy_internal::GeneraliseDate(value, generalisation.dates,
                                               format == v1::FORMAT_DATE_TIME);
    if (general != value) {
      r->SetString(m, f, general);
      ++changed;
    }
    return true;
  });
  return changed;
}

absl::StatusOr<v1::Matchingsprofiel> MatchingProfileOf(
    const v1::Werkzoekende& profile, const MatchingProfileOptions& options) {
  if (options.publication_consent_id.empty()) {
    return absl::InvalidArgumentError(
        "an anonymous publication needs the person's consent: no publication consent id");
  }
  v1::Matchingsprofiel view;
  view.set_id_matchingsprofiel(options.publication_id.empty() ? NewUuid()
                                                              : options.publication_id);
  view.set_id_toestemming_publicatie(options.publication_consent_id);
  if (!options.special_category_consent_id.empty()) {
    view.set_id_toestemming_bijzondere_gegevens(options.special_category_consent_id);
  }
  view.set_gepubliceerd_op(NowRfc3339());
  v1::Werkzoekende* shown = view.mutable_profiel();
  *shown = profile;
  ReduceToView(
      shown, {.view = v1::VIEW_EMPLOYER,
              .special_category_consent = !options.special_category_consent_id.empty()});
  Generalise(shown, v1::VIEW_EMPLOYER, options.generalisation);
  return view;
}

v1::Detailprofiel DetailProfileOf(const v1::Werkzoekende& profile,
                                  const v1::Procesgegevens* process) {
  v1::Detailprofiel view;
  *view.mutable_profiel() = profile;
  ReduceToView(view.mutable_profiel(),
               {.view = v1::VIEW_MEDIATOR, .special_category_consent = true});
  if (process != nullptr) *view.mutable_procesgegevens() = *process;
  view.set_bijgewerkt_op(NowRfc3339());
  return view;
}

}  // namespace vum
