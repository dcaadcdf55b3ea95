// lib/node/instance_lock.h: one service per store. A node or exchange
// facility holds an exclusive lock on "<database>.lock" for as long as it
// runs, with its process id in the file; a second one on the same store
// refuses to start and names the first. The lock goes with the process, so
// a killed service leaves no lock behind (the file stays, unlocked).
//
// Example:
//
//   absl::StatusOr<vum::node::InstanceLock> lock =
//       vum::node::InstanceLock::Acquire("/var/lib/vum/node.db");
//   if (!lock.ok()) return lock.status();  // "... in use by process 4711"
//
// Thread safety: not shared between threads.

#ifndef VUM_LIB_NODE_INSTANCE_LOCK_H_
#define VUM_LIB_NODE_INSTANCE_LOCK_H_

#include <string>

#include "absl/status/statusor.h"

namespace vum::node {

class InstanceLock {
 public:
  // FAILED_PRECONDITION naming the store and the process that holds it;
  // UNAVAILABLE if the lock file cannot be made.
  [[nodiscard]] static absl::StatusOr<InstanceLock> Acquire(const std::string& database);

  InstanceLock(InstanceLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();  // releases

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Removes the upload spool files ("<database>.upload-*") a killed node left
// behind, which hold personal data; returns how many. Call with the lock
// held, before serving.
[[nodiscard]] int RemoveLeftoverUploads(const std::string& database);

}  // namespace vum::node

#endif  // VUM_LIB_NODE_INSTANCE_LOCK_H_
