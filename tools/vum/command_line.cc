#include "tools/vum/command_line.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "lib/validate/formats.h"
#include "tools/vum/commands.h"
#include "tools/vum/spooled_input.h"

namespace vum::cli {

namespace {

constexpr size_t kHelpWidth = 79;
constexpr size_t kOptionColumn = 26;  // where an option's description starts

// `text` wrapped at kHelpWidth, each line after `indent` spaces; the first
// line after `first_indent` (the caller has written the rest of it).
std::string Wrap(absl::string_view text, size_t indent, size_t first_indent) {
  std::string out;
  size_t column = first_indent;
  bool line_empty = true;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line_empty && column + 1 + word.size() > kHelpWidth) {
      absl::StrAppend(&out, "\n", std::string(indent, ' '));
      column = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    absl::StrAppend(&out, word);
    column += word.size();
    line_empty = false;
  }
  return out + "\n";
}

std::string OptionLine(absl::string_view names, absl::string_view description) {
  std::string line = absl::StrCat("  ", names);
  if (line.size() + 2 > kOptionColumn) {
    absl::StrAppend(&line, "\n", std::string(kOptionColumn, ' '));
  } else {
    line.resize(kOptionColumn, ' ');
  }
  return line + Wrap(description, kOptionColumn, kOptionColumn);
}

}  // namespace

std::string UsageLines(const std::string& command, const Help& help) {
  std::string out;
  for (size_t i = 0; i < help.usage.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "Usage: " : "       ", command, " ", help.usage[i],
                    "\n");
  }
  return out;
}

std::string FormatHelp(const std::string& command, const Help& help,
                       const CLI::App& app) {
  std::string out = UsageLines(command, help);
  for (absl::string_view paragraph :
       absl::StrSplit(help.about, "\n\n", absl::SkipEmpty())) {
    absl::StrAppend(&out, "\n",
                    Wrap(absl::StrReplaceAll(paragraph, {{"\n", " "}}), 0, 0));
  }
  out += "\nOptions:\n";
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) continue;
    std::string names = absl::StrJoin(
        option->get_snames(), ", ",
        [](std::string* o, const std::string& n) { absl::StrAppend(o, "-", n); });
    for (const std::string& n : option->get_lnames()) {
      absl::StrAppend(&names, names.empty() ? "" : ", ", "--", n);
    }
    if (!option->get_option_text().empty())
      absl::StrAppend(&names, " ", option->get_option_text());
    out += OptionLine(names, option->get_description());
  }
  out += OptionLine("-h, --help", "show this help");
  out += "\nExit status:\n";
  for (const auto& [code, meaning] : help.exit_status) {
    absl::StrAppend(&out, "  ", code, "  ", Wrap(meaning, 5, 5));
  }
  return out;
}

CommandLine::CommandLine(std::string command, Help help)
    : command_(std::move(command)), help_(std::move(help)), app_("", command_) {
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
      out << FormatHelp(command_, help_, app_);
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
  err << command_ << ": " << message << "\n"
      << UsageLines(command_, help_) << "(" << command_ << " --help lists the options)\n";
  return kExitUsage;
}

CLI::Option* AddFormatOption(CLI::App& app, std::string& format) {
  return app
      .add_option("--format", format,
                  "a report for people (text, default) or programs (json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("text|json");
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

std::optional<int> CheckSubcommand(const std::string& command, const Help& help,
                                   const std::vector<std::string>& names,
                                   const std::vector<std::string>& args,
                                   std::ostream& out, std::ostream& err) {
  if (!args.empty() && std::find(names.begin(), names.end(), args[0]) != names.end()) {
    return std::nullopt;
  }
  CommandLine line(command, help);
  if (std::optional<int> exit = line.Parse(args, out, err)) return exit;
  return line.UsageError("say which: " + absl::StrJoin(names, ", "), err);
}

std::vector<std::string> AfterSubcommand(const std::vector<std::string>& args) {
  return args.empty() ? args : std::vector<std::string>(args.begin() + 1, args.end());
}

}  // namespace vum::cli
