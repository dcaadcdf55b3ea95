#include "lib/io/unnamed_file.h"

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace vum::io_internal {
namespace {

std::string Folder(const std::string& name) {
  const std::string folder = ::testing::TempDir() + "/" + name;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

TEST(UnnamedFileTest, WhatIsAppendedReadsBackAndNoNameIsLeft) {
  const std::string folder = Folder("unnamed_read_back");
  {
    absl::StatusOr<UnnamedFile> f = UnnamedFile::Create(folder);
    ASSERT_TRUE(f.ok()) << f.status();
    const std::string big(200000, 'x');
    ASSERT_TRUE(f->Append("begin-").ok());
    ASSERT_TRUE(f->Append(big).ok());
    EXPECT_EQ(f->size(), 6 + big.size());
    EXPECT_TRUE(std::filesystem::is_empty(folder));  // no name while it is open
    ASSERT_TRUE(f->Rewind().ok());
    std::string back;
    char buffer[4096];
    for (;;) {
      absl::StatusOr<size_t> n = f->Read(buffer, sizeof buffer);
      ASSERT_TRUE(n.ok()) << n.status();
      if (*n == 0) break;
      back.append(buffer, *n);
    }
    EXPECT_EQ(back, "begin-" + big);
    UnnamedFile moved = std::move(*f);  // the descriptor goes with it
    ASSERT_TRUE(moved.Rewind().ok());
    EXPECT_EQ(*moved.Read(buffer, 6), 6u);
  }
  EXPECT_TRUE(std::filesystem::is_empty(folder));
}

TEST(UnnamedFileTest, AFolderThatIsNotThereIsUnavailable) {
  absl::StatusOr<UnnamedFile> f = UnnamedFile::Create(::testing::TempDir() + "/no/such");
  EXPECT_EQ(f.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace vum::io_internal
