#include "vum/first_round.h"

#include "absl/strings/str_cat.h"
#include "vum/json.h"
#include "vum/schema.h"

namespace vum {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

int KeepFirstRound(Message* record) {
  int cleared = 0;
  const Reflection* r = record->GetReflection();
  std::vector<const FieldDescriptor*> present;
  r->ListFields(*record, &present);
  for (const FieldDescriptor* f : present) {
    if (InfoOf(*f).not_in_first_round()) {
      r->ClearField(record, f);
      ++cleared;
      continue;
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*record, f); ++i) {
        cleared += KeepFirstRound(r->MutableRepeatedMessage(record, f, i));
      }
    } else {
      cleared += KeepFirstRound(r->MutableMessage(record, f));
    }
  }
  return cleared;
}

std::string BronAnswerJson(const std::vector<const Message*>& matches, bool capped) {
  std::string out =
      absl::StrCat("{\"maximumAantalResultatenBereikt\":", capped ? "true" : "false",
                   ",\"matches\":[");
  std::string one;  // one buffer for every match
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) out += ',';
    PrintJsonFast(*matches[i], &one);
    out += one;
  }
  return out + "]}";
}

}  // namespace vum
