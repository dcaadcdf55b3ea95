#include "lib/testing/files.h"

#include <string>

#include "gtest/gtest.h"

namespace vum::testing {
namespace {

TEST(ReadFileOrDieTest, ReadsTheWholeFile) {
  const std::string text =
      ReadFileOrDie(std::string(VUM_SOURCE_DIR) + "/lib/testing/files.h");
  EXPECT_EQ(text.rfind("// Test and benchmark support", 0), 0u);
  EXPECT_NE(text.find("#endif  // VUM_LIB_TESTING_FILES_H_"), std::string::npos);
}

TEST(ReadFileOrDieDeathTest, AMissingFixtureAbortsNamingIt) {
  EXPECT_DEATH(ReadFileOrDie("/no/such/fixture.json"),
               "cannot read the fixture /no/such/fixture.json");
}

}  // namespace
}  // namespace vum::testing
