#include "lib/io/atomic_file.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace vum::io_internal {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vum-atomic-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  size_t Files() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, AppearsWholeAndReadableByItsOwnerOnly) {
  const std::string path = (dir_ / "out.csv").string();
  auto file = AtomicFile::Create(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Append("a,b\r\n").ok());
  EXPECT_FALSE(fs::exists(path));  // nothing at the target before Commit
  struct stat st;
  ASSERT_EQ(stat((*file)->temp_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_TRUE((*file)->Commit().ok());
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  EXPECT_EQ(text.str(), "a,b\r\n");
  file->reset();
  EXPECT_EQ(Files(), 1u);
}

TEST_F(AtomicFileTest, AFileNeverCommittedLeavesNothing) {
  {
    auto file = AtomicFile::Create((dir_ / "out.csv").string());
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(std::string(1 << 19, 'x')).ok());  // flushed to disk
  }
  EXPECT_EQ(Files(), 0u);
}

TEST_F(AtomicFileTest, ASignalRemovesTheTemporaryFile) {
  for (int signal : {SIGTERM, SIGINT}) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      RemoveTemporaryFilesOnSignals();
      auto file = AtomicFile::Create((dir_ / "out.ndjson").string());
      if (!file.ok() || !(*file)->Append(std::string(1 << 19, 'x')).ok()) _exit(3);
      raise(signal);
      _exit(4);  // not reached: the signal ends the process
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), signal);
    EXPECT_EQ(Files(), 0u) << "signal " << signal;
  }
}

}  // namespace
}  // namespace vum::io_internal
