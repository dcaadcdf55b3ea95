#include "tools/vum/command_line.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "lib/validate/formats.h"
#include "tools/vum/commands.h"
#include "tools/vum/spooled_input.h"

namespace vum::cli {

CommandLine::CommandLine(std::string command, std::string usage)
    : command_(std::move(command)), usage_(std::move(usage)), app_("", command_) {
  app_.set_help_flag();  // the command's own usage answers -h and --help
  app_.allow_extras();   // reported below, by name
  app_.allow_windows_style_options(false);
}

namespace {

// A check that the text of a numeric option is a number of its kind, so that
// CLI11 never has to convert one that is not (its message would be its
// own); ours names the value.
CLI::Validator IsNumberText(bool whole) {
  return CLI::Validator(
      [whole](std::string& text) -> std::string {
        int64_t i;
        double d;
        if (whole ? absl::SimpleAtoi(text, &i) : absl::SimpleAtod(text, &d)) return "";
        return "\"" + text + (whole ? "\" is not a whole number" : "\" is not a number");
      },
      "");
}

}  // namespace

std::optional<int> CommandLine::Parse(const std::vector<std::string>& args,
                                      std::ostream& out, std::ostream& err) {
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") {
      out << usage_;
      return kExitOk;
    }
  }
  for (CLI::Option* option : app_.get_options()) {
    const std::string type = option->get_type_name();
    if (absl::StartsWith(type, "INT") || absl::StartsWith(type, "UINT")) {
      option->check(IsNumberText(true));
    } else if (absl::StartsWith(type, "FLOAT")) {
      option->check(IsNumberText(false));
    }
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11's order
  try {
    app_.parse(reversed);
  } catch (const CLI::RequiredError&) {
    // Named by what is missing, in the usage's terms.
    for (const CLI::Option* option : app_.get_options()) {
      if (!option->get_required() || option->count() > 0) continue;
      return UsageError(
          option->get_positional()
              ? absl::StrCat("missing ", absl::AsciiStrToUpper(option->get_name()),
                             " (see the usage)")
              : absl::StrCat(option->get_name(), " is missing"),
          err);
    }
    return UsageError("an argument is missing (see the usage)", err);
  } catch (const CLI::ParseError& e) {
    return UsageError(e.what(), err);
  }
  const std::vector<std::string> extras = app_.remaining();
  if (!extras.empty()) {
    const std::string& first = extras.front();
    return UsageError(first.size() > 1 && first[0] == '-'
                          ? "unknown option \"" + first + "\""
                          : "unexpected argument \"" + first + "\"",
                      err);
  }
  for (std::string* path : outputs_) {
    if (*path != "-") continue;
    *path = "/dev/stdout";
    to_standard_output_ = true;
  }
  if (!SpoolInputs(err)) return kExitUsage;
  return std::nullopt;
}

bool CommandLine::SpoolInputs(std::ostream& err) {
  std::vector<std::string*> inputs = single_inputs_;
  for (std::vector<std::string>* list : input_lists_) {
    for (std::string& path : *list) inputs.push_back(&path);
  }
  for (std::string* path : inputs) {
    if (path->empty()) continue;  // an optional input not given
    absl::StatusOr<std::unique_ptr<io_internal::ScratchFile>> copy = SpoolIfStream(path);
    if (!copy.ok()) {
      err << command_ << ": " << copy.status().message() << "\n";
      return false;
    }
    if (*copy != nullptr) scratch_.push_back(*std::move(copy));
  }
  return true;
}

int CommandLine::UsageError(const std::string& message, std::ostream& err) const {
  err << command_ << ": " << message << "\n" << usage_;
  return kExitUsage;
}

CLI::Validator IsDay() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        absl::CivilDay day;
        if (text.size() == 10 && absl::ParseCivilTime(text, &day)) return "";
        return "\"" + text + "\" is not a day YYYY-MM-DD";
      },
      "YYYY-MM-DD");
}

CLI::Validator IsMoment() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (validate_internal::IsDateTime(text)) return "";
        return "\"" + text + "\" is not a moment YYYY-MM-DDThh:mm:ssZ (RFC 3339)";
      },
      "MOMENT");
}

CLI::Validator IsOinValue() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (validate_internal::IsOin(text)) return "";
        return "\"" + text + "\" is not an OIN (20 digits)";
      },
      "OIN");
}

namespace {

// 1000000 as 1000000, not 1e+06; 0.5 as 0.5.
std::string Plain(double n) {
  return n == static_cast<double>(static_cast<int64_t>(n))
             ? absl::StrCat(static_cast<int64_t>(n))
             : absl::StrCat(n);
}

}  // namespace

CLI::Validator InRange(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        double value = 0;
        if (absl::SimpleAtod(text, &value) && value >= min && value <= max) return "";
        return absl::StrCat("\"", text, "\" is not from ", Plain(min), " to ",
                            Plain(max));
      },
      absl::StrCat(Plain(min), "..", Plain(max)));
}

CLI::Validator IsPositive() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (absl::SimpleAtod(text, &value) && value > 0) return "";
        return "\"" + text + "\" is not a number greater than 0";
      },
      "POSITIVE");
}

std::optional<int> CheckSubcommand(const std::string& command, const std::string& usage,
                                   const std::vector<std::string>& names,
                                   const std::vector<std::string>& args,
                                   std::ostream& out, std::ostream& err) {
  if (!args.empty() && std::find(names.begin(), names.end(), args[0]) != names.end()) {
    return std::nullopt;
  }
  CommandLine line(command, usage);
  if (std::optional<int> exit = line.Parse(args, out, err)) return exit;
  return line.UsageError("say which: " + absl::StrJoin(names, ", "), err);
}

std::vector<std::string> AfterSubcommand(const std::vector<std::string>& args) {
  return args.empty() ? args : std::vector<std::string>(args.begin() + 1, args.end());
}

}  // namespace vum::cli
