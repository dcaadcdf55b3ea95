#include "runner/testee_process.h"

#include <dirent.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace vum::conformance {

void EndOrphans() {
  for (int round = 0; round < 50; ++round) {
    bool any = false;
    if (DIR* proc = opendir("/proc")) {
      while (dirent* e = readdir(proc)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid <= 0) continue;
        std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
        std::string line;
        std::getline(stat, line);
        const size_t close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        char state;
        pid_t ppid = 0;
        rest >> state >> ppid;
        if (ppid != getpid()) continue;
        any = true;
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
      closedir(proc);
    }
    if (!any) return;
  }
}

}  // namespace vum::conformance
