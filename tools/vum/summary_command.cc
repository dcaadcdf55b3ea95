// vum summary: reads records in VUM JSON and tells, per record, which
// elements are present and how many values of each privacy class it holds.
// It prints element names and counts only, never a value, so that its output
// can be shared when asking why a profile looks incomplete.

#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/json/json_string.h"
#include "tools/vum/caseload_reader.h"
#include "tools/vum/commands.h"
#include "tools/vum/input.h"
#include "vum/convert.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Adds the number of values under `message` to `counts`, by privacy class.
void CountValues(const Message& message, std::map<v1::PrivacyClass, int>& counts) {
  const Reflection& reflection = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int n = field->is_repeated() ? reflection.FieldSize(message, field) : 1;
    if (field->message_type() == nullptr) {
      counts[InfoOf(*field).privacy()] += n;
      continue;
    }
    for (int i = 0; i < n; ++i) {
      CountValues(field->is_repeated() ? reflection.GetRepeatedMessage(message, field, i)
                                       : reflection.GetMessage(message, field),
                  counts);
    }
  }
}

// "name", "name (3)" for a list, "name (child, child (2))" for an object.
std::string Describe(const Message& message, const FieldDescriptor& field, bool nested) {
  const Reflection& reflection = *message.GetReflection();
  if (field.is_repeated()) {
    return absl::StrCat(field.json_name(), " (", reflection.FieldSize(message, &field),
                        ")");
  }
  if (field.message_type() == nullptr || !nested) return field.json_name();
  const Message& child = reflection.GetMessage(message, &field);
  std::vector<const FieldDescriptor*> fields;
  child.GetReflection()->ListFields(child, &fields);
  std::vector<std::string> parts;
  for (const FieldDescriptor* f : fields) parts.push_back(Describe(child, *f, false));
  return absl::StrCat(field.json_name(), " (", absl::StrJoin(parts, ", "), ")");
}

// What a record holds, without a value.
struct RecordSummary {
  std::string where;
  std::string type;
  std::vector<std::string> present, absent;
  int values = 0;
  std::vector<std::pair<std::string, int>> by_class;  // privacy class label, values
};

RecordSummary Summarise(const std::string& where, const Message& record) {
  const auto* descriptor = record.GetDescriptor();
  const Reflection& reflection = *record.GetReflection();
  RecordSummary summary{where, InfoOf(*descriptor).label(), {}, {}, 0, {}};
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const bool has = field->is_repeated() ? reflection.FieldSize(record, field) > 0
                                          : reflection.HasField(record, field);
    if (has) {
      summary.present.push_back(Describe(record, *field, true));
    } else {
      summary.absent.push_back(field->json_name());
    }
  }
  std::map<v1::PrivacyClass, int> counts;
  CountValues(record, counts);
  for (const auto& [privacy, n] : counts) {
    summary.values += n;
    summary.by_class.emplace_back(LabelOf(privacy), n);
  }
  return summary;
}

void PrintText(const RecordSummary& s, std::ostream& out) {
  std::vector<std::string> by_class;
  for (const auto& [label, n] : s.by_class)
    by_class.push_back(absl::StrCat(label, " ", n));
  out << s.where << ": " << s.type << "\n"
      << "  present: " << (s.present.empty() ? "-" : absl::StrJoin(s.present, ", "))
      << "\n"
      << "  absent:  " << (s.absent.empty() ? "-" : absl::StrJoin(s.absent, ", ")) << "\n"
      << "  values:  " << s.values << " (" << absl::StrJoin(by_class, ", ") << ")\n";
}

std::string Json(const RecordSummary& s) {
  auto list = [](const std::vector<std::string>& items) {
    std::vector<std::string> quoted;
    for (const std::string& item : items)
      quoted.push_back(json_internal::JsonString(item));
    return absl::StrCat("[", absl::StrJoin(quoted, ","), "]");
  };
  std::vector<std::string> by_class;
  for (const auto& [label, n] : s.by_class)
    by_class.push_back(absl::StrCat(json_internal::JsonString(label), ":", n));
  return absl::StrCat("{\"record\":", json_internal::JsonString(s.where),
                      ",\"type\":", json_internal::JsonString(s.type),
                      ",\"present\":", list(s.present), ",\"absent\":", list(s.absent),
                      ",\"values\":", s.values, ",\"valuesByPrivacyClass\":{",
                      absl::StrJoin(by_class, ","), "}}");
}

const Help kSummaryHelp = {
    {"[options] FILE..."},
    "Which elements each record has, and how many values of each privacy class; "
    "never a value. A FILE holds one record (JSON or binary) or many (a batch, "
    "NDJSON, a JSON array, CSV).",
    {{0, "every record read"}, {1, "some records rejected"}, {2, "could not run"}}};

}  // namespace

int RunSummary(const std::vector<std::string>& args, std::ostream& out,
               std::ostream& err) {
  std::string type = "auto", format = "text";
  std::vector<std::string> files;
  CommandLine line("vum summary", kSummaryHelp);
  AddFormatOption(line.app(), format);
  line.app()
      .add_option("--type", type,
                  "the records' type; auto (default): a document with idVacature is a "
                  "vacature, any other a werkzoekende")
      ->check(CLI::IsMember({"auto", "werkzoekende", "vacature"}))
      ->option_text("T");
  line.app().add_option("files", files)->required();
  line.Reads(&files);
  if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;

  int profiles = 0, vacancies = 0, rejected = 0;
  bool unreadable = false;
  std::vector<std::string> json;  // with --format json, one summary per record
  auto emit = [&](RecordSummary summary) {
    if (format == "json") {
      json.push_back(Json(summary));
    } else {
      PrintText(summary, out);
    }
  };
  for (const std::string& file : files) {
    if (HoldsManyRecords(file)) {
      // A batch, NDJSON, a JSON array or CSV: a summary per record, read as
      // vum validate and vum convert read them.
      size_t n = 0;
      CaseloadCounts counts;
      const CaseloadSink sink{[&](const Message& m) -> absl::Status {
        emit(Summarise(absl::StrCat(file, " #", n++), m));
        ++(m.GetDescriptor() == v1::Vacature::descriptor() ? vacancies : profiles);
        return absl::OkStatus();
      }};
      const RecordType record_type =
          type == "vacature" ? RecordType::kVacature : RecordType::kWerkzoekende;
      if (absl::Status s = ReadCaseloadFile(file, record_type, sink, counts, err);
          !s.ok()) {
        err << "vum summary: cannot read " << file << ": " << s.message() << "\n";
        unreadable = true;
      }
      rejected += static_cast<int>(counts.rejected);
      continue;
    }
    absl::StatusOr<std::unique_ptr<Message>> record = ReadRecord(file, type);
    if (!record.ok()) {
      if (record.status().code() == absl::StatusCode::kNotFound) {
        err << "vum summary: cannot read " << record.status().message() << "\n";
        unreadable = true;
      } else {
        err << file << ": not valid VUM data: " << record.status().message() << "\n";
        ++rejected;
      }
      continue;
    }
    emit(Summarise(file, **record));
    ++((*record)->GetDescriptor() == v1::Vacature::descriptor() ? vacancies : profiles);
  }
  if (format == "json") {
    out << "{\"records\":[" << absl::StrJoin(json, ",")
        << "],\"werkzoekenden\":" << profiles << ",\"vacatures\":" << vacancies
        << ",\"files\":" << files.size() << ",\"rejected\":" << rejected << "}\n";
  } else {
    out << "read " << profiles << " werkzoekende(n) and " << vacancies
        << " vacature(s) from " << files.size() << " file(s); " << rejected
        << " rejected\n";
  }
  if (unreadable) return kExitUsage;
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace vum::cli
