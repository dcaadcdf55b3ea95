// vum/code_list.h: versioned code lists and the registry the validator checks
// coded elements against.
//
// The standard binds coded elements to lists that change outside it: ISO
// countries and languages, driving-licence categories, SBI sectors, BO&C
// occupations, CBS municipality codes. Each list has versions with a validity
// period, and a code may have a validity of its own. A receiver checks a code
// against the version valid on a reference date, so that a record from last
// year is judged by last year's list.
//
// Lists are read from plain UTF-8 files whose format docs/code-lists.md
// describes, or imported from the CSV files their publishers distribute.
//
// Example:
//
//   vum::CodeListRegistry registry;
//   if (absl::Status s = registry.LoadDirectory("codelists"); !s.ok()) return s;
//   const vum::CodeList* countries =
//       registry.Find("iso-3166-1-alpha-2", absl::CivilDay(2026, 3, 1));
//   if (countries != nullptr && countries->Contains("NL", absl::CivilDay(2026, 3, 1))) {
//     std::cout << "NL is a country code on 1 March 2026\n";
//   }
//
// Thread safety: const methods are safe to call concurrently; loading into a
// registry must not overlap with any other use of it.

#ifndef VUM_CODE_LIST_H_
#define VUM_CODE_LIST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace vum {

// One version of one code list.
class CodeList {
 public:
  struct Entry {
    std::string code;
    std::string label;
    // The code's own validity, within the list's; unset means unbounded.
    std::optional<absl::CivilDay> valid_from;
    std::optional<absl::CivilDay> valid_to;
  };

  // How to read a publisher's CSV file: which columns hold the code and the
  // label (by header name), and what to record about the list.
  struct CsvImport {
    std::string id;
    std::string version;
    std::string title;
    std::string source;
    absl::CivilDay valid_from;
    std::optional<absl::CivilDay> valid_to;
    std::string code_column;
    std::string label_column;
    char delimiter = ',';
  };

  // Parses a list in the file format of docs/code-lists.md. `origin` names
  // the file in error messages. Errors are INVALID_ARGUMENT with the line.
  [[nodiscard]] static absl::StatusOr<CodeList> Parse(absl::string_view text,
                                                      absl::string_view origin);

  // Imports a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF
  // line ends, an optional UTF-8 byte-order mark) with a header row. Rows with
  // an empty code are skipped; a repeated code is an error.
  [[nodiscard]] static absl::StatusOr<CodeList> FromCsv(absl::string_view text,
                                                        const CsvImport& import);

  [[nodiscard]] const std::string& id() const { return id_; }
  [[nodiscard]] const std::string& version() const { return version_; }
  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] absl::CivilDay valid_from() const { return valid_from_; }
  [[nodiscard]] const std::optional<absl::CivilDay>& valid_to() const {
    return valid_to_;
  }
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

  // Whether this version of the list is in force on `day`.
  [[nodiscard]] bool ValidOn(absl::CivilDay day) const;

  // The entry for `code`, or nullptr. Codes compare exactly.
  [[nodiscard]] const Entry* Find(absl::string_view code) const;

  // Whether `code` is in the list and itself valid on `day`.
  [[nodiscard]] bool Contains(absl::string_view code, absl::CivilDay day) const;

  // The list in the file format of docs/code-lists.md; Parse reads it back.
  [[nodiscard]] std::string Serialize() const;

 private:
  CodeList() = default;
  [[nodiscard]] absl::Status AddEntry(Entry entry);

  std::string id_;
  std::string version_;
  std::string title_;
  std::string source_;
  absl::CivilDay valid_from_;
  std::optional<absl::CivilDay> valid_to_;
  std::vector<Entry> entries_;
  absl::flat_hash_map<std::string, size_t> index_;
};

// The code lists a validator knows, by id and version.
class CodeListRegistry {
 public:
  CodeListRegistry() = default;
  CodeListRegistry(CodeListRegistry&&) = default;
  CodeListRegistry& operator=(CodeListRegistry&&) = default;

  // Adds a version of a list. ALREADY_EXISTS if that id and version are
  // present; FAILED_PRECONDITION if its validity overlaps another version of
  // the same list, since a day must select one version.
  [[nodiscard]] absl::Status Add(CodeList list);

  // Reads and adds one list file. NOT_FOUND if it cannot be opened.
  [[nodiscard]] absl::Status LoadFile(const std::string& path);

  // Reads and adds every "*.codelist" file in `dir` (not recursing), in name
  // order. Stops at the first error, which names the file.
  [[nodiscard]] absl::Status LoadDirectory(const std::string& dir);

  // The version of list `id` in force on `day`, or nullptr.
  [[nodiscard]] const CodeList* Find(absl::string_view id, absl::CivilDay day) const;

  // Whether any version of list `id` is loaded.
  [[nodiscard]] bool Has(absl::string_view id) const;

  // Every loaded version, ordered by id and then validity.
  [[nodiscard]] std::vector<const CodeList*> lists() const;

 private:
  absl::flat_hash_map<std::string, std::vector<std::unique_ptr<CodeList>>> lists_;
};

}  // namespace vum

#endif  // VUM_CODE_LIST_H_
