// lib/accredit/scripted_source.h: a source that misbehaves on purpose, for
// the environment in which a mediator's asking client is proven
// (lib/accredit/mediator.h): it serves the Bron interface's paths (koppelvlak
// 3.0) and answers every question and detail late, never in time, with 429
// or with 500.
//
// Example:
//
//   auto late = vum::accredit::ScriptedSource::Start(
//       {.behaviour = vum::accredit::SourceBehaviour::kLate, .oin = oin,
//        .tls = {"bron.crt", "bron.key", "ca.crt"}, .delay = absl::Seconds(1)});
//   // the facility's node list names https://127.0.0.1:(*late)->port()
//
// Thread safety: Start and the destructor from one thread.

#ifndef VUM_LIB_ACCREDIT_SCRIPTED_SOURCE_H_
#define VUM_LIB_ACCREDIT_SCRIPTED_SOURCE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/server/https_server.h"

namespace vum::accredit {

enum class SourceBehaviour {
  kLate,    // answers with no matches after `delay` (within the facility's deadline)
  kHang,    // answers nothing for `delay` (past the deadline), then 500
  kRefuse,  // 429 with the koppelvlak's 429.01
  kFail,    // 500 with the koppelvlak's 500.01
};

// The name the environment gives a behaviour ("laat", "hangt", "weigert",
// "faalt").
[[nodiscard]] const char* BehaviourName(SourceBehaviour b);

struct ScriptedSourceOptions {
  SourceBehaviour behaviour = SourceBehaviour::kFail;
  std::string oin;  // X-VUM-fromParty of its answers
  server::TlsFiles tls;
  absl::Duration delay = absl::Seconds(1);
};

class ScriptedSource {
 public:
  // Listens on 127.0.0.1 on a free port. A Status from the server.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ScriptedSource>> Start(
      const ScriptedSourceOptions& options);
  ~ScriptedSource();  // stops, after the requests in hand (at most `delay`)

  [[nodiscard]] int port() const { return port_; }

 private:
  ScriptedSource() = default;
  std::unique_ptr<server::HttpsServer> server_;
  int port_ = 0;
};

}  // namespace vum::accredit

#endif  // VUM_LIB_ACCREDIT_SCRIPTED_SOURCE_H_
