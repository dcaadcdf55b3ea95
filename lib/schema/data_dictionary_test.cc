// The data dictionary is generated from the schema; the checked-in copy in
// docs/ must be what the schema generates today.

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/testing/files.h"
#include "vum/rules.h"
#include "vum/schema.h"

namespace vum {
namespace {

using ::vum::testing::ReadFileOrDie;

TEST(DataDictionaryTest, NamesEveryMessageFieldEnumAndRule) {
  const std::string dictionary = DataDictionaryMarkdown();
  for (const auto* message : StandardMessages()) {
    EXPECT_TRUE(
        absl::StrContains(dictionary, absl::StrCat("### ", message->name(), "\n")))
        << message->full_name();
    for (int i = 0; i < message->field_count(); ++i) {
      const auto* field = message->field(i);
      EXPECT_TRUE(
          absl::StrContains(dictionary, absl::StrCat("`", field->json_name(), "`")))
          << field->full_name();
      for (const v1::Rule& rule : InfoOf(*field).rule()) {
        EXPECT_TRUE(absl::StrContains(dictionary, absl::StrCat("`", rule.id(), "`")))
            << rule.id();
      }
    }
  }
  for (const auto* e : StandardEnums()) {
    EXPECT_TRUE(absl::StrContains(dictionary, absl::StrCat("### ", e->name(), "\n")))
        << e->full_name();
  }
}

TEST(DataDictionaryTest, CheckedInCopyIsCurrent) {
  const std::string path = std::string(VUM_SOURCE_DIR) + "/docs/data-dictionary.md";
  EXPECT_EQ(ReadFileOrDie(path), DataDictionaryMarkdown())
      << path << " is out of date with the schema; regenerate it with\n"
      << "  build/tools/vum/vum schema dictionary > docs/data-dictionary.md";
}

TEST(RuleCatalogueDocTest, CheckedInCopyIsCurrent) {
  const std::string path = std::string(VUM_SOURCE_DIR) + "/docs/rules.md";
  EXPECT_EQ(ReadFileOrDie(path), RuleCatalogueMarkdown())
      << path << " is out of date with the schema; regenerate it with\n"
      << "  build/tools/vum/vum schema rules > docs/rules.md";
}

TEST(RuleCatalogueDocTest, ListsEveryRule) {
  const std::string doc = RuleCatalogueMarkdown();
  for (const RuleDescription& rule : RuleCatalogue()) {
    EXPECT_TRUE(
        absl::StrContains(doc, absl::StrCat("| `", rule.id, "` | ", rule.element)))
        << rule.id;
  }
}

}  // namespace
}  // namespace vum
