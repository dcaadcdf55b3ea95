#include "vum/pseudonym.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vum {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// TEST KEYS. Not secret, never to be used outside these tests.
constexpr char kTestKey[] = "TEST KEY - NOT FOR PRODUCTION!!!";
constexpr char kOtherTestKey[] = "ANOTHER TEST KEY - NOT FOR USE!!";

TEST(PseudonymTest, KnownAnswer) {
  // Computed independently: Python's hmac.new(key, b"vum-persoon-v1\0123456782", sha256).
  const auto p = *Pseudonymizer::Create(kTestKey);
  EXPECT_EQ(p.Pseudonym("123456782"),
            "9141a77d250dcc8a334f4dd56dac25736ead8179dc8e2ca6d5d8d846219dc908");
  EXPECT_EQ(p.Pseudonym("123456782", "andere-toepassing"),
            "e278e506414fa420a77791bdd8906b7223e2dd96def18f5b4afb00db7b1e17ab");
}

TEST(PseudonymTest, StablePerKeyDifferentAcrossKeys) {
  const auto a = *Pseudonymizer::Create(kTestKey);
  const auto again = *Pseudonymizer::Create(kTestKey);
  const auto b = *Pseudonymizer::Create(kOtherTestKey);
  for (const char* id : {"123456782", "111222333", "gem0363-wz-000417"}) {
    EXPECT_EQ(a.Pseudonym(id), again.Pseudonym(id));
    EXPECT_NE(a.Pseudonym(id), b.Pseudonym(id));
    EXPECT_THAT(a.Pseudonym(id), Not(HasSubstr(id)));
    EXPECT_EQ(a.Pseudonym(id).size(), 64u);
  }
  EXPECT_NE(a.Pseudonym("123456782"), a.Pseudonym("123456783"));
}

TEST(PseudonymTest, CopiesAndThreadsShareTheKeyedState) {
  // The key is hashed once and the keyed state copied per pseudonym: copies
  // of a Pseudonymizer, used at once from threads, must not disturb it.
  const auto original = *Pseudonymizer::Create(kTestKey);
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) expected.push_back(original.Pseudonym(absl::StrCat(i)));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t, copy = original] {
      for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 200; ++i) {
          if (copy.Pseudonym(absl::StrCat(i)) != expected[i]) ++wrong[t];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
  EXPECT_EQ(original.Pseudonym("123456782"),
            "9141a77d250dcc8a334f4dd56dac25736ead8179dc8e2ca6d5d8d846219dc908");
}

TEST(PseudonymTest, ShortKeysAreRefused) {
  EXPECT_EQ(Pseudonymizer::Create("short").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PseudonymTest, KeyFiles) {
  const auto dir =
      std::filesystem::temp_directory_path() / absl::StrCat("vum-key-", getpid());
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "good").string(), bad = (dir / "bad").string();
  // The test key above, in hex, over two lines.
  std::ofstream(good)
      << "54455354204b4559202d204e4f5420464f52205052\n4f44554354494f4e212121\n";
  std::ofstream(bad) << "GEHEIM-not-hex";
  const auto from_file = Pseudonymizer::FromKeyFile(good);
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ(from_file->Pseudonym("123456782"),
            Pseudonymizer::Create(kTestKey)->Pseudonym("123456782"));
  const absl::Status status = Pseudonymizer::FromKeyFile(bad).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("GEHEIM")));
  EXPECT_EQ(Pseudonymizer::FromKeyFile((dir / "missing").string()).status().code(),
            absl::StatusCode::kNotFound);
  // A large file is not a key, whatever it holds; nor is an endless stream.
  std::ofstream((dir / "large").string()) << std::string(5000, 'a');
  EXPECT_EQ(Pseudonymizer::FromKeyFile((dir / "large").string()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Pseudonymizer::FromKeyFile("/dev/zero").status().code(),
            absl::StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vum
