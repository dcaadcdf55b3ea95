#include "lib/access/field_access.h"

#include <atomic>

#include "absl/container/flat_hash_map.h"

namespace vum::access_internal {
namespace {

std::atomic<bool> disabled{false};

const absl::flat_hash_map<const google::protobuf::Descriptor*, const MessageAccess*>&
Tables() {
  static const auto* const tables = [] {
    auto* t = new absl::flat_hash_map<const google::protobuf::Descriptor*,
                                      const MessageAccess*>;
    for (int i = 0; i < kGeneratedMessageAccessCount; ++i) {
      t->emplace(kGeneratedMessageAccess[i].descriptor(), &kGeneratedMessageAccess[i]);
    }
    return t;
  }();
  return *tables;
}

}  // namespace

const MessageAccess* FindMessageAccess(const google::protobuf::Descriptor* type) {
  if (disabled.load(std::memory_order_relaxed)) return nullptr;
  const auto& tables = Tables();
  auto it = tables.find(type);
  return it == tables.end() ? nullptr : it->second;
}

DisableGeneratedCodeForTesting::DisableGeneratedCodeForTesting()
    : was_disabled_(disabled.exchange(true)) {}

DisableGeneratedCodeForTesting::~DisableGeneratedCodeForTesting() {
  disabled.store(was_disabled_);
}

}  // namespace vum::access_internal
