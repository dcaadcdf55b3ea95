#include "tools/vum/spooled_input.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "gtest/gtest.h"

namespace vum::cli {
namespace {

namespace fs = std::filesystem;

TEST(ExtensionForTest, TheFirstBytesTellTheFormat) {
  EXPECT_EQ(ExtensionFor("\x28\xB5\x2F\xFD rest"), ".vumb.zst");
  EXPECT_EQ(ExtensionFor("  {\"idWerkzoekende\":\"a\"}\n"), ".json");
  EXPECT_EQ(ExtensionFor("{\n  \"idWerkzoekende\": \"a\"\n}\n"), ".json");
  EXPECT_EQ(ExtensionFor("{\"a\":1}\n{\"a\":2}\n"), ".ndjson");
  EXPECT_EQ(ExtensionFor("\xEF\xBB\xBF[{\"a\":1}]"), ".json");
  EXPECT_EQ(ExtensionFor("idWerkzoekende,mobiliteit.maximaleReistijd\na,3\n"), ".csv");
  EXPECT_EQ(ExtensionFor(std::string("\x0a\x03\x61\x62\x63", 5)), ".bin");
}

class SpoolTest : public ::testing::Test {
 protected:
  // Scratch files go to a folder of this test's own (TMPDIR), so that the
  // count below never sees another test's, running at the same time.
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vum-spool-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* tmpdir = std::getenv("TMPDIR");
    old_tmpdir_ = tmpdir == nullptr ? std::nullopt : std::optional<std::string>(tmpdir);
    setenv("TMPDIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_) {
      setenv("TMPDIR", old_tmpdir_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    fs::remove_all(dir_);
  }
  static int StdinScratchFiles() {
    int n = 0;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path())) {
      n += e.path().filename().string().rfind("vum-stdin-", 0) == 0;
    }
    return n;
  }
  fs::path dir_;
  std::optional<std::string> old_tmpdir_;
};

TEST_F(SpoolTest, APipeBecomesAPrivateFileNamedByItsFormatAndGoesAway) {
  const std::string fifo = (dir_ / "in").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo) << "{\"a\":1}\n{\"a\":2}\n"; });
  std::string path = fifo;
  const int before = StdinScratchFiles();
  {
    auto copy = SpoolIfStream(&path);
    writer.join();
    ASSERT_TRUE(copy.ok()) << copy.status();
    ASSERT_NE(*copy, nullptr);
    EXPECT_NE(path, fifo);
    EXPECT_EQ(fs::path(path).extension(), ".ndjson");
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(info.st_size, 16);
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(StdinScratchFiles(), before);
}

TEST_F(SpoolTest, AnEndlessStreamStopsAtTheLimitAndLeavesNothing) {
  // The writer's end sees the reader go; it must not end the test process.
  signal(SIGPIPE, SIG_IGN);
  const std::string fifo = (dir_ / "endless").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    const std::string block(1 << 16, '\0');
    for (int i = 0; i < 64 && out; ++i) out << block;  // 4 MiB, bounded
  });
  std::string path = fifo;
  const int before = StdinScratchFiles();
  auto copy = SpoolIfStream(&path, uint64_t{1} << 20);
  EXPECT_EQ(copy.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(copy.status().message().find("limit of 1048576 bytes"), std::string::npos);
  EXPECT_EQ(StdinScratchFiles(), before);
  // The writer ends when the reading end is gone.
  writer.join();
}

TEST_F(SpoolTest, FilesAndDevicesAreLeftToTheirReaders) {
  const std::string file = (dir_ / "a.json").string();
  std::ofstream(file) << "{}";
  for (std::string path : {file, dir_.string(), std::string("/dev/zero"),
                           (dir_ / "missing.json").string()}) {
    const std::string given = path;
    auto copy = SpoolIfStream(&path);
    ASSERT_TRUE(copy.ok()) << given;
    EXPECT_EQ(*copy, nullptr) << given;
    EXPECT_EQ(path, given);
  }
}

}  // namespace
}  // namespace vum::cli
