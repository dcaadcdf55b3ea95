// docs/migration.md maps every element of the VUM pilot contracts to its
// koppelvlak 3.0 element, or says what `vum migrate` reports when it cannot
// carry it. This test keeps that document honest: every 3.0 element it names
// exists, and the elements it calls not carried are exactly those the
// migration reports, with the same reason, on the pilot documents of
// lib/migrate/testdata (which use every element of the contracts).

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "vum/migrate.h"
#include "vum/rules.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::DescriptorPool;
using ::testing::IsEmpty;

std::string ReadOrDie(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Pilot path without list indices ("Vacature.beroep.naamBeroepOngecodeerd")
// -> reason, for every loss the migration reports on the pilot documents.
std::map<std::string, std::string> MigrationLosses() {
  const struct {
    RecordType type;
    const char* root;
    const char* file;
  } docs[] = {
      {RecordType::kWerkzoekende, "Werkzoekende",
       "pilot-werkzoekende-alle-elementen.json"},
      {RecordType::kVacature, "Vacature", "pilot-vacature-alle-elementen.json"},
      {RecordType::kVacature, "Vacature", "pilot-vacature-beroep-ongecodeerd.json"},
  };
  std::map<std::string, std::string> losses;
  for (const auto& doc : docs) {
    const std::string text =
        ReadOrDie(std::string(VUM_SOURCE_DIR) + "/lib/migrate/testdata/" + doc.file);
    std::string out;
    std::vector<MigrationLoss> lost;
    EXPECT_TRUE(MigrateRecord(doc.type, text, {}, &out, &lost).ok()) << doc.file;
    for (const MigrationLoss& l : lost) {
      const std::string shape = std::regex_replace(l.path, std::regex(R"(\[\d+\])"), "");
      losses[std::string(doc.root) + "." + shape] =
          std::string(MigrationLossReasonName(l.reason));
    }
  }
  return losses;
}

TEST(MigrationDocTest, EveryRowIsWhatTheMigrationDoes) {
  const std::string text = ReadOrDie(std::string(VUM_SOURCE_DIR) + "/docs/migration.md");
  // | `Werkzoekende.mobiliteit.x` | `vum.v1.Mobiliteit.x` | ... | ... |
  // | `Werkzoekende.voorkeursland` | — | ... | not carried: `removed-in-3.0` |
  const std::regex element_row(
      R"(^\| `([A-Za-z]+(?:\.[A-Za-z]+)*)` \| `(vum\.v1\.[A-Za-z_.]+)`( \(moved\))? \|)");
  const std::regex lost_row(
      R"(^\| `([A-Za-z]+(?:\.[A-Za-z]+)*)` \| — \| .* \| not carried: `([a-z0-9.-]+)` \|$)");
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  const std::map<std::string, std::string> losses = MigrationLosses();
  std::set<std::string> documented, moved_rows;
  std::vector<std::string> problems;
  int rows = 0;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, element_row)) {
      ++rows;
      const std::string pilot = m[1], element = m[2];
      const bool moved = m[3].matched;
      if (moved) moved_rows.insert(pilot);
      const auto* field = pool->FindFieldByName(element);
      if (field == nullptr) {
        problems.push_back(element + ": no such 3.0 element");
      } else if (!moved && field->json_name() != pilot.substr(pilot.rfind('.') + 1)) {
        problems.push_back(element + ": JSON name differs from " + pilot);
      }
    } else if (std::regex_search(line, m, lost_row)) {
      ++rows;
      const std::string pilot = m[1], reason = m[2];
      documented.insert(pilot);
      auto it = losses.find(pilot);
      const bool leaf = it != losses.end();
      bool parent = false;  // an object whose elements are all reported
      for (const auto& [path, why] : losses) parent |= path.rfind(pilot + ".", 0) == 0;
      if (leaf && it->second != reason) {
        problems.push_back(pilot + ": the migration reports " + it->second);
      } else if (!leaf && !parent) {
        problems.push_back(pilot + ": the migration reports no such loss");
      }
    } else if (line.rfind("| `", 0) == 0) {
      ++rows;  // reshaped rows and the occupation code, read by people
    }
  }
  for (const auto& [path, reason] : losses) {
    // The occupation code is carried when mapped, and a moved address
    // element is carried from the work location only: their rows say so.
    const bool explained = path.find(".codeBeroepsnaam") != std::string::npos ||
                           (moved_rows.count(path) && reason == "address-part");
    if (!documented.count(path) && !explained) {
      problems.push_back(path + " (" + reason + "): reported but not in the table");
    }
  }
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_GT(rows, 150) << "the mapping table lost its rows";
}

// The rule ids in backquotes in the paragraph of docs/migration.md that
// begins with `heading`.
std::set<std::string> IdsAfter(const std::string& text, const std::string& heading) {
  std::set<std::string> ids;
  const size_t start = text.find(heading);
  if (start == std::string::npos) return ids;
  const size_t end = text.find("\n\n", start);
  const std::string paragraph = text.substr(start, end - start);
  const std::regex id("`([A-Z]+-[0-9]+)`");
  for (auto it = std::sregex_iterator(paragraph.begin(), paragraph.end(), id);
       it != std::sregex_iterator(); ++it) {
    ids.insert((*it)[1]);
  }
  return ids;
}

TEST(PilotMappingTest, TransitionListIsTheSchemas) {
  const std::string text = ReadOrDie(std::string(VUM_SOURCE_DIR) + "/docs/migration.md");
  std::set<std::string> lacked, zero;
  for (const RuleDescription& rule : RuleCatalogue()) {
    if (rule.pilot == PilotRule::kLacked) lacked.insert(rule.id);
    if (rule.pilot == PilotRule::kAllowedZero) zero.insert(rule.id);
  }
  EXPECT_GT(lacked.size(), 40u) << "the schema lost its pilot marks";
  EXPECT_EQ(IdsAfter(text, "Rules the pilot lacked"), lacked);
  EXPECT_EQ(IdsAfter(text, "Rules where the pilot allowed code 0"), zero);
}

}  // namespace
}  // namespace vum
