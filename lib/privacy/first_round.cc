#include "vum/first_round.h"

#include "absl/strings/str_cat.h"
#include "lib/privacy/bron_answer_body.h"
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
  std::vector<std::string> printed(matches.size());
  for (size_t i = 0; i < matches.size(); ++i) PrintJsonFast(*matches[i], &printed[i]);
  return privacy_internal::BronAnswerBody(printed, capped);
}

namespace privacy_internal {

std::string BronAnswerBody(const std::vector<std::string>& matches, bool capped) {
  size_t size = 64;
  for (const std::string& m : matches) size += m.size() + 1;
  std::string out;
  out.reserve(size);
  absl::StrAppend(&out, "{\"maximumAantalResultatenBereikt\":", capped ? "true" : "false",
                  ",\"matches\":[");
  for (size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) out += ',';
    out += matches[i];
  }
  out += "]}";
  return out;
}

}  // namespace privacy_internal

}  // namespace vum
