#include "lib/ask/uploader.h"

#include <httplib.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/ask/mutual_tls.h"
#include "lib/exchange/wire.h"

namespace vum::ask {

absl::StatusOr<UploadReceipt> Upload(const NodeAddress& node, const Identity& id,
                                     const std::string& path, absl::Duration timeout) {
  ::signal(SIGPIPE, SIG_IGN);  // a node that goes away must not end the sender
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (ec || !*in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  const bool process = absl::EndsWith(path, ".ndjson");
  std::unique_ptr<httplib::SSLClient> client = MutualTlsClient(node, id, timeout);
  httplib::Headers headers{{exchange::kFromPartyHeader, id.from_oin},
                           {exchange::kToPartyHeader, node.oin},
                           {exchange::kTraceparentHeader, exchange::NewTrace().Header()}};
  if (!id.via_oin.empty()) headers.emplace(exchange::kViaPartyHeader, id.via_oin);
  httplib::Result res = client->Post(
      process ? exchange::kProcessUploadPath : exchange::kBatchUploadPath, headers,
      static_cast<size_t>(size),
      [in](size_t offset, size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        in->seekg(static_cast<std::streamoff>(offset));
        in->read(buffer, static_cast<std::streamsize>(std::min(length, sizeof buffer)));
        const std::streamsize n = in->gcount();
        if (n <= 0) return false;
        return sink.write(buffer, static_cast<size_t>(n));
      },
      process ? exchange::kNdjsonType : exchange::kBatchType);
  if (!res) {
    return absl::UnavailableError(absl::StrCat(
        "no answer from the node (", httplib::to_string(res.error()),
        "); the upload may or may not be applied: send it again, a replay is "
        "recognised"));
  }
  return UploadReceipt{res->status, res->body};
}

}  // namespace vum::ask
