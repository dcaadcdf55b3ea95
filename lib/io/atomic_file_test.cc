#include "lib/io/atomic_file.h"

#include <fcntl.h>
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

// Standard output, a pipe or a device is written directly: renaming a
// temporary file over it would replace it (as root, even /dev/stdout).
TEST_F(AtomicFileTest, AStreamIsWrittenDirectlyAndStaysAStream) {
  const std::string fifo = (dir_ / "pipe").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // The reading end first (non-blocking), so that opening the writing end
  // does not wait; the few bytes stay in the pipe's buffer.
  const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  {
    absl::StatusOr<std::unique_ptr<AtomicFile>> f = AtomicFile::Create(fifo);
    ASSERT_TRUE(f.ok()) << f.status();
    ASSERT_TRUE((*f)->Append("{\"a\":1}\n").ok());
    ASSERT_TRUE((*f)->Commit().ok());
  }
  char buffer[64];
  const ssize_t got = read(reader, buffer, sizeof buffer);
  close(reader);
  const std::string received(buffer, got > 0 ? static_cast<size_t>(got) : 0);
  EXPECT_EQ(received, "{\"a\":1}\n");
  struct stat info {};
  ASSERT_EQ(lstat(fifo.c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode));
  EXPECT_EQ(Files(), 1u);  // the pipe, no temporary file beside it
}

TEST_F(AtomicFileTest, AScratchFileIsPrivateAndGoesWithItsObject) {
  const std::string path = (dir_ / UniqueName("scratch-", ".ndjson")).string();
  {
    absl::StatusOr<std::unique_ptr<ScratchFile>> f = ScratchFile::Create(path);
    ASSERT_TRUE(f.ok()) << f.status();
    ASSERT_TRUE((*f)->Append("x").ok());
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_FALSE(ScratchFile::Create(path).ok());  // never over another file
  }
  EXPECT_EQ(Files(), 0u);
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
