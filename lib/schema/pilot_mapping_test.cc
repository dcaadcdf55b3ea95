// docs/pilot-mapping.md maps every element of the VUM pilot contracts to its
// schema element, one table row each. This test keeps that document honest:
// every schema element it names exists, and its VUM JSON name is the pilot's
// property name.

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "vum/rules.h"
#include "vum/schema.h"

namespace vum {
namespace {

using google::protobuf::DescriptorPool;
using ::testing::IsEmpty;

TEST(PilotMappingTest, EveryMappedElementExistsWithThePilotName) {
  const std::string path = std::string(VUM_SOURCE_DIR) + "/docs/pilot-mapping.md";
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << path;
  // | `Werkzoekende.mobiliteit.bemiddelingspostcode` |
  // `vum.v1.Mobiliteit.bemiddelingspostcode` | ...
  const std::regex row(
      R"(^\| `([A-Za-z]+(?:\.[A-Za-z]+)*)` \| `(vum\.v1\.[A-Za-z_.]+)` \|)");
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  int rows = 0;
  std::vector<std::string> problems;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, row)) continue;
    ++rows;
    const std::string pilot = match[1];
    const std::string element = match[2];
    const std::string pilot_name = pilot.substr(pilot.rfind('.') + 1);
    if (const auto* field = pool->FindFieldByName(element)) {
      if (field->json_name() != pilot_name) {
        problems.push_back(element + ": JSON name " + field->json_name() +
                           " differs from pilot name " + pilot_name);
      }
    } else if (pool->FindMessageTypeByName(element) == nullptr) {
      problems.push_back(element + ": no such schema element");
    }
  }
  EXPECT_THAT(problems, IsEmpty());
  EXPECT_GT(rows, 150) << "the mapping table lost its rows";
}

// The rule ids in backquotes in the paragraph of docs/pilot-mapping.md that
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
  std::ifstream in(std::string(VUM_SOURCE_DIR) + "/docs/pilot-mapping.md");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> lacked, zero;
  for (const RuleDescription& rule : RuleCatalogue()) {
    if (rule.pilot == PilotRule::kLacked) lacked.insert(rule.id);
    if (rule.pilot == PilotRule::kAllowedZero) zero.insert(rule.id);
  }
  EXPECT_GT(lacked.size(), 50u) << "the schema lost its pilot marks";
  EXPECT_EQ(IdsAfter(text.str(), "Rules the pilot lacked"), lacked);
  EXPECT_EQ(IdsAfter(text.str(), "Rules where the pilot allowed code 0"), zero);
}

}  // namespace
}  // namespace vum
