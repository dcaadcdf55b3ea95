// A minimal JSON writer for the tool's machine-readable reports.

#ifndef VUM_TOOLS_VUM_JSON_WRITER_H_
#define VUM_TOOLS_VUM_JSON_WRITER_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/json/json_string.h"

namespace vum::cli {

using json_internal::JsonString;

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_JSON_WRITER_H_
