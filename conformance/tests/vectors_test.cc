// The vectors cover the standard: every rule in the rule catalogue has at
// least one conforming and one breaking vector, and case ids are unique.

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "conformance.pb.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "vum/rules.h"

namespace vum::conformance {
namespace {

std::vector<TestSuite> LoadSuites() {
  std::vector<TestSuite> suites;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(VUM_SOURCE_DIR) + "/conformance/vectors")) {
    if (entry.path().extension() != ".textproto") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    TestSuite suite;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &suite))
        << entry.path();
    suites.push_back(std::move(suite));
  }
  return suites;
}

TEST(VectorsTest, EveryRuleHasAConformingAndABreakingVector) {
  std::map<std::string, int> conforming, breaking;
  for (const TestSuite& suite : LoadSuites()) {
    for (const TestCase& c : suite.test_case()) {
      if (c.rule_id().empty()) continue;
      const bool conforms = c.expected().validate().findings().empty() &&
                            !c.expected().validate().parse_error();
      ++(conforms ? conforming : breaking)[c.rule_id()];
      if (!conforms) {
        bool names_rule = false;
        for (const Finding& f : c.expected().validate().findings())
          names_rule |= f.rule_id() == c.rule_id();
        EXPECT_TRUE(names_rule) << c.id() << " does not expect its own rule";
      }
    }
  }
  ASSERT_GT(RuleCatalogue().size(), 250u);  // the catalogue did not vanish
  for (const RuleDescription& rule : RuleCatalogue()) {
    EXPECT_GE(conforming[rule.id], 1) << rule.id << " has no conforming vector";
    EXPECT_GE(breaking[rule.id], 1) << rule.id << " has no breaking vector";
  }
}

TEST(VectorsTest, CaseIdsAreUniqueAndEveryCaseExpectsSomething) {
  std::set<std::string> ids;
  int cases = 0;
  std::set<std::string> kinds;
  for (const TestSuite& suite : LoadSuites()) {
    for (const TestCase& c : suite.test_case()) {
      ++cases;
      EXPECT_TRUE(ids.insert(c.id()).second) << "duplicate case id " << c.id();
      EXPECT_NE(c.level(), LEVEL_UNSPECIFIED) << c.id();
      EXPECT_NE(c.expected().result_case(), ConformanceResponse::RESULT_NOT_SET)
          << c.id();
      EXPECT_FALSE(c.description().empty()) << c.id();
      kinds.insert(c.id().substr(0, c.id().find('.')));
    }
  }
  EXPECT_GT(cases, 700);
  for (const char* kind :
       {"rule", "json", "binary", "roundtrip", "batch", "delta", "codelist", "view"}) {
    EXPECT_TRUE(kinds.count(kind)) << "no " << kind << " vectors";
  }
}

}  // namespace
}  // namespace vum::conformance
