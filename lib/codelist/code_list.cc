#include "vum/code_list.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/codelist/csv.h"

namespace vum {
namespace {

std::optional<absl::CivilDay> ParseDay(absl::string_view text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) return std::nullopt;
  return day;
}

std::string FormatDay(absl::CivilDay day) { return absl::FormatCivilTime(day); }

bool InPeriod(absl::CivilDay day, absl::CivilDay from,
              const std::optional<absl::CivilDay>& to) {
  return day >= from && (!to.has_value() || day <= *to);
}

absl::Status LineError(absl::string_view origin, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ":", line, ": ", what));
}

}  // namespace

absl::Status CodeList::AddEntry(Entry entry) {
  if (entry.code.empty()) return absl::InvalidArgumentError("empty code");
  if (!index_.emplace(entry.code, entries_.size()).second) {
    return absl::AlreadyExistsError(
        absl::StrCat("code \"", entry.code, "\" appears twice"));
  }
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

absl::StatusOr<CodeList> CodeList::Parse(absl::string_view text,
                                         absl::string_view origin) {
  CodeList list;
  bool have_from = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripSuffix(line, "\r");
    if (line_number == 1) line = absl::StripPrefix(line, "\xEF\xBB\xBF");
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '@') {
      const size_t space = line.find(' ');
      const absl::string_view key = line.substr(1, space - 1);
      const absl::string_view value =
          space == absl::string_view::npos
              ? absl::string_view()
              : absl::StripAsciiWhitespace(line.substr(space + 1));
      if (key == "list") {
        list.id_ = std::string(value);
      } else if (key == "version") {
        list.version_ = std::string(value);
      } else if (key == "title") {
        list.title_ = std::string(value);
      } else if (key == "source") {
        list.source_ = std::string(value);
      } else if (key == "valid-from" || key == "valid-to") {
        const auto day = ParseDay(value);
        if (!day) return LineError(origin, line_number, "expected a date YYYY-MM-DD");
        if (key == "valid-from") {
          list.valid_from_ = *day;
          have_from = true;
        } else {
          list.valid_to_ = *day;
        }
      } else {
        return LineError(origin, line_number, absl::StrCat("unknown header @", key));
      }
      continue;
    }
    std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    if (columns.size() < 2 || columns.size() > 4) {
      return LineError(origin, line_number,
                       "expected code, label and optionally valid-from and valid-to, "
                       "separated by tabs");
    }
    Entry entry{std::string(columns[0]), std::string(columns[1]), std::nullopt,
                std::nullopt};
    for (size_t i = 2; i < columns.size(); ++i) {
      if (columns[i].empty()) continue;
      const auto day = ParseDay(columns[i]);
      if (!day) return LineError(origin, line_number, "expected a date YYYY-MM-DD");
      (i == 2 ? entry.valid_from : entry.valid_to) = *day;
    }
    if (absl::Status s = list.AddEntry(std::move(entry)); !s.ok()) {
      return LineError(origin, line_number, s.message());
    }
  }
  if (list.id_.empty()) return LineError(origin, line_number, "missing @list header");
  if (list.version_.empty())
    return LineError(origin, line_number, "missing @version header");
  if (!have_from) return LineError(origin, line_number, "missing @valid-from header");
  if (list.valid_to_ && *list.valid_to_ < list.valid_from_) {
    return LineError(origin, line_number, "@valid-to is before @valid-from");
  }
  return list;
}

absl::StatusOr<CodeList> CodeList::FromCsv(absl::string_view text,
                                           const CsvImport& import) {
  absl::StatusOr<std::vector<std::vector<std::string>>> rows =
      csv_internal::ParseCsv(text, import.delimiter);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("the CSV file has no header row");
  const std::vector<std::string>& header = rows->front();
  auto column = [&](const std::string& name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int code = column(import.code_column);
  const int label = column(import.label_column);
  if (code < 0 || label < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the CSV header has no column \"",
                     code < 0 ? import.code_column : import.label_column, "\""));
  }
  CodeList list;
  list.id_ = import.id;
  list.version_ = import.version;
  list.title_ = import.title;
  list.source_ = import.source;
  list.valid_from_ = import.valid_from;
  list.valid_to_ = import.valid_to;
  for (size_t r = 1; r < rows->size(); ++r) {
    const std::vector<std::string>& row = (*rows)[r];
    const auto cell = [&](int i) {
      return i < static_cast<int>(row.size())
                 ? std::string(absl::StripAsciiWhitespace(row[i]))
                 : std::string();
    };
    Entry entry{cell(code), cell(label), std::nullopt, std::nullopt};
    if (entry.code.empty()) continue;
    if (absl::Status s = list.AddEntry(std::move(entry)); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("CSV row ", r + 1, ": ", s.message()));
    }
  }
  return list;
}

bool CodeList::ValidOn(absl::CivilDay day) const {
  return InPeriod(day, valid_from_, valid_to_);
}

const CodeList::Entry* CodeList::Find(absl::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

bool CodeList::Contains(absl::string_view code, absl::CivilDay day) const {
  const Entry* entry = Find(code);
  if (entry == nullptr) return false;
  return (!entry->valid_from || day >= *entry->valid_from) &&
         (!entry->valid_to || day <= *entry->valid_to);
}

std::string CodeList::Serialize() const {
  std::string out = absl::StrCat("@list ", id_, "\n@version ", version_, "\n");
  if (!title_.empty()) absl::StrAppend(&out, "@title ", title_, "\n");
  if (!source_.empty()) absl::StrAppend(&out, "@source ", source_, "\n");
  absl::StrAppend(&out, "@valid-from ", FormatDay(valid_from_), "\n");
  if (valid_to_) absl::StrAppend(&out, "@valid-to ", FormatDay(*valid_to_), "\n");
  for (const Entry& e : entries_) {
    absl::StrAppend(&out, e.code, "\t", e.label);
    if (e.valid_from || e.valid_to) {
      absl::StrAppend(&out, "\t", e.valid_from ? FormatDay(*e.valid_from) : "");
      if (e.valid_to) absl::StrAppend(&out, "\t", FormatDay(*e.valid_to));
    }
    out += "\n";
  }
  return out;
}

absl::Status CodeListRegistry::Add(CodeList list) {
  auto& versions = lists_[list.id()];
  for (const auto& existing : versions) {
    if (existing->version() == list.version()) {
      return absl::AlreadyExistsError(absl::StrCat("code list ", list.id(), " version ",
                                                   list.version(), " is already loaded"));
    }
    const bool overlap =
        (!existing->valid_to() || list.valid_from() <= *existing->valid_to()) &&
        (!list.valid_to() || existing->valid_from() <= *list.valid_to());
    if (overlap) {
      return absl::FailedPreconditionError(absl::StrCat(
          "code list ", list.id(), " version ", list.version(), " overlaps version ",
          existing->version(), "; give the older version a @valid-to"));
    }
  }
  versions.push_back(std::make_unique<CodeList>(std::move(list)));
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) {
    return a->valid_from() < b->valid_from();
  });
  return absl::OkStatus();
}

absl::Status CodeListRegistry::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open code list ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<CodeList> list = CodeList::Parse(text.str(), path);
  if (!list.ok()) return list.status();
  absl::Status status = Add(*std::move(list));
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  }
  return absl::OkStatus();
}

absl::Status CodeListRegistry::LoadDirectory(const std::string& dir) {
  std::error_code error;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".codelist") files.push_back(entry.path().string());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot read code-list folder ", dir, ": ", error.message()));
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    if (absl::Status status = LoadFile(file); !status.ok()) return status;
  }
  return absl::OkStatus();
}

const CodeList* CodeListRegistry::Find(absl::string_view id, absl::CivilDay day) const {
  auto it = lists_.find(id);
  if (it == lists_.end()) return nullptr;
  for (const auto& list : it->second) {
    if (list->ValidOn(day)) return list.get();
  }
  return nullptr;
}

bool CodeListRegistry::Has(absl::string_view id) const { return lists_.contains(id); }

std::vector<const CodeList*> CodeListRegistry::lists() const {
  std::vector<const CodeList*> out;
  for (const auto& [id, versions] : lists_) {
    for (const auto& list : versions) out.push_back(list.get());
  }
  std::sort(out.begin(), out.end(), [](const CodeList* a, const CodeList* b) {
    return a->id() != b->id() ? a->id() < b->id() : a->valid_from() < b->valid_from();
  });
  return out;
}

}  // namespace vum
