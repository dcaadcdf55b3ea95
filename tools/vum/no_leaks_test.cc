// No leaks: a profile with a unique canary in every personal field goes
// through every command that writes text for someone else: validation
// reports, summaries, batch reports, conversion reports, the employer view
// and the anonymized output. No canary may appear in a report; in what an
// employer gets, none of a field the employer view excludes.

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/testing/files.h"
#include "vum/json.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"

namespace vum {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using ::testing::HasSubstr;
using ::testing::Not;

struct Canary {
  std::string value;
  bool employer_may_see;
};

using ::vum::testing::ReadFileOrDie;

// Puts a canary in every string field that is about the person.
void Plant(Message* m, std::vector<Canary>& canaries) {
  const auto* r = m->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    const int n = f->is_repeated() ? r->FieldSize(*m, f) : 1;
    if (f->message_type() != nullptr) {
      for (int i = 0; i < n; ++i) {
        Plant(f->is_repeated() ? r->MutableRepeatedMessage(m, f, i)
                               : r->MutableMessage(m, f),
              canaries);
      }
      continue;
    }
    const v1::PrivacyClass c = InfoOf(*f).privacy();
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING || c == v1::PRIVACY_NOT_PERSONAL)
      continue;
    bool formatted = false;
    for (const v1::Rule& rule : InfoOf(*f).rule())
      formatted |= rule.kind_case() == v1::Rule::kFormat;
    // Quasi-identifying text without a format (names) is removed, not shown.
    const bool may_see = VisibleIn(c, v1::VIEW_EMPLOYER) &&
                         !NeedsConsentIn(c, v1::VIEW_EMPLOYER) &&
                         !(c == v1::PRIVACY_QUASI_IDENTIFIER && !formatted);
    for (int i = 0; i < n; ++i) {
      const std::string value = absl::StrCat("KANARIE", canaries.size(), "Q");
      f->is_repeated() ? r->SetRepeatedString(m, f, i, value) : r->SetString(m, f, value);
      canaries.push_back({value, may_see});
    }
  }
}

class NoLeaksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / absl::StrCat("vum-no-leaks-", getpid());
    std::filesystem::create_directories(dir_);
    v1::Werkzoekende profile;
    ASSERT_TRUE(
        ParseJson(ReadFileOrDie(std::string(VUM_SOURCE_DIR) +
                                "/lib/json/testdata/werkzoekende-alle-elementen.json"),
                  &profile)
            .ok());
    Plant(&profile, canaries_);
    ASSERT_GT(canaries_.size(), 30u);
    std::ofstream(Path("profiel.json")) << *PrintJson(profile);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs vum with `args`, returns standard output and error together.
  static std::string Run(const std::string& args) {
    const std::string command = absl::StrCat(VUM_TOOL, " ", args, " 2>&1");
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer;
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
      output.append(buffer.data(), n);
    pclose(pipe);
    return output;
  }

  void ExpectNoCanary(const std::string& text, const std::string& what) {
    for (const Canary& c : canaries_) {
      EXPECT_THAT(text, Not(HasSubstr(c.value))) << what;
    }
  }

  void ExpectNoHiddenCanary(const std::string& text, const std::string& what) {
    int visible = 0;
    for (const Canary& c : canaries_) {
      if (c.employer_may_see) {
        visible += text.find(c.value) != std::string::npos;
        continue;
      }
      EXPECT_THAT(text, Not(HasSubstr(c.value))) << what;
    }
    EXPECT_GT(visible, 0) << what << " shows nothing at all";
  }

  std::filesystem::path dir_;
  std::vector<Canary> canaries_;
};

TEST_F(NoLeaksTest, ReportsHoldNoPersonalValue) {
  const std::string profile = Path("profiel.json");
  const std::string batch = Path("batch.vumb");
  std::string out;
  out = Run(absl::StrCat("validate ", profile));
  EXPECT_THAT(out, HasSubstr("does not conform"));  // the canaries break formats
  ExpectNoCanary(out, "validate");
  ExpectNoCanary(Run(absl::StrCat("validate --lang en --format json ", profile)),
                 "validate json");
  ExpectNoCanary(Run(absl::StrCat("summary ", profile)), "summary");
  ExpectNoCanary(Run(absl::StrCat("batch write ", batch, " ", profile)), "batch write");
  ExpectNoCanary(Run(absl::StrCat("batch inspect ", batch)), "batch inspect");
  out = Run(absl::StrCat("batch validate ", batch));
  EXPECT_THAT(out, HasSubstr("rejected"));
  ExpectNoCanary(out, "batch validate");
  ExpectNoCanary(Run(absl::StrCat("batch validate --format json ", batch)),
                 "batch validate json");
  ExpectNoCanary(
      Run(absl::StrCat("convert --format json ", batch, " ", Path("out.ndjson"))),
      "convert");
  // A document that does not parse: the error names the property, not the value.
  std::ofstream(Path("kapot.json"))
      << R"({"idWerkzoekende": "KANARIE0Q", "mobiliteit": {"maximaleReistijd": "KANARIE1Q"}})";
  out = Run(absl::StrCat("validate ", Path("kapot.json")));
  EXPECT_THAT(out, HasSubstr("mobiliteit.maximaleReistijd"));
  ExpectNoCanary(out, "parse error");
}

TEST_F(NoLeaksTest, EmployersGetNoHiddenValue) {
  ExpectNoHiddenCanary(
      Run(absl::StrCat(
          "view --as employer --consent-id 0a1b2c3d-0b7d-4c3e-9a51-2d8e6f0a1b2c ",
          Path("profiel.json"))),
      "view --as employer");
  Run(absl::StrCat("batch write ", Path("batch.vumb"), " ", Path("profiel.json")));
  const std::string report =
      Run(absl::StrCat("anonymize --k 1 ", Path("batch.vumb"), " ", Path("anon.ndjson")));
  ExpectNoCanary(report, "anonymize report");
  ExpectNoHiddenCanary(ReadFileOrDie(Path("anon.ndjson")), "anonymize output");
  // The mediator sees everything: the canaries are there.
  const std::string mediator =
      Run(absl::StrCat("view --as mediator ", Path("profiel.json")));
  for (const Canary& c : canaries_) EXPECT_THAT(mediator, HasSubstr(c.value));
}

}  // namespace
}  // namespace vum
