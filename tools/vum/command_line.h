// The argument parsing of every vum subcommand, on CLI11.
//
// A command declares its options and operands on app(), with their types,
// checks (a number, one of a set, a day), a description and the name of
// their value (option_text), and calls Parse. -h/--help prints the command's
// help in the one layout every command shares (FormatHelp: usage, what it
// does, the options as declared, exit status; exit 0); anything else that is
// wrong ends in one line on standard error that names the option and the bad
// value or the unexpected argument, then the usage lines and a pointer to --help (exit
// 2): an unknown or misspelt option is never read as a file name, and a second file is
// never silently ignored.
//
// Example:
//
//   CommandLine line("vum convert", {{"[options] IN OUT"},
//                                    "Converts records between formats.",
//                                    {{0, "every record converted"}, {2, "could not run"}}});
//   std::string from;
//   line.app().add_option("--from", from, "the input's format")->option_text("F");
//   std::vector<std::string> files;
//   line.app().add_option("files", files)->required()->expected(2);
//   if (std::optional<int> exit = line.Parse(args, out, err)) return *exit;
//
// Thread safety: a CommandLine is used by one thread.

#ifndef VUM_TOOLS_VUM_COMMAND_LINE_H_
#define VUM_TOOLS_VUM_COMMAND_LINE_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "lib/io/atomic_file.h"

namespace vum::cli {

// What a command's help says beside its options.
struct Help {
  // The ways to call it, each after the command's name: "[options] IN OUT".
  std::vector<std::string> usage;
  // What it does: paragraphs separated by a blank line ("\n\n"), wrapped
  // by the formatter.
  std::string about;
  // Each exit status and what it means.
  std::vector<std::pair<int, std::string>> exit_status;
};

// The "Usage:" lines of `command`'s help.
[[nodiscard]] std::string UsageLines(const std::string& command, const Help& help);

// The help of `command` ("vum batch write"): usage, about, every option `app`
// declares (names, value, description; -h, --help last) and the exit status,
// wrapped at 79 columns.
[[nodiscard]] std::string FormatHelp(const std::string& command, const Help& help,
                                     const CLI::App& app);

class CommandLine {
 public:
  // `command` as the user types it ("vum batch write"); `help` its help.
  CommandLine(std::string command, Help help);

  CLI::App& app() { return app_; }

  // Marks a declared operand or option as a file the command reads: after
  // parsing, "-" is standard input, and standard input or a pipe is read
  // into a private scratch file that the command reads instead
  // (spooled_input.h; removed when this CommandLine dies).
  void Reads(std::string* path) { single_inputs_.push_back(path); }
  void Reads(std::vector<std::string>* paths) { input_lists_.push_back(paths); }
  // Marks a declared operand as a file the command writes: "-" is standard
  // output.
  void Writes(std::string* path) { outputs_.push_back(path); }
  // After Parse: where the command's own report goes, so that it never mixes
  // with records written to standard output: `err` then, else `out`.
  [[nodiscard]] std::ostream& ReportTo(std::ostream& out, std::ostream& err) const {
    return to_standard_output_ ? err : out;
  }

  // Parses `args` (without the command's name) into the declared options.
  // nullopt: go on. Otherwise the exit status: 0 after help was written to
  // `out`, 2 after a usage error was written to `err`.
  [[nodiscard]] std::optional<int> Parse(const std::vector<std::string>& args,
                                         std::ostream& out, std::ostream& err);

  // Writes "<command>: <message>", the usage lines and the pointer to --help
  // to `err`; returns
  // the usage exit status (2), for the checks a command makes after Parse.
  int UsageError(const std::string& message, std::ostream& err) const;

 private:
  // Spools the marked inputs; false (after a usage error on `err`) when one
  // cannot be read.
  [[nodiscard]] bool SpoolInputs(std::ostream& err);

  std::string command_;
  Help help_;
  CLI::App app_;
  std::vector<std::string*> single_inputs_;
  std::vector<std::vector<std::string>*> input_lists_;
  std::vector<std::string*> outputs_;
  bool to_standard_output_ = false;
  std::vector<std::unique_ptr<io_internal::ScratchFile>> scratch_;
};

// Declares --format text|json, the one flag for machine output in every
// command: a report for people (text, the default) or for programs (json).
CLI::Option* AddFormatOption(CLI::App& app, std::string& format);

// A check for an option that takes a day, YYYY-MM-DD; its message names the
// value.
[[nodiscard]] CLI::Validator IsDay();

// A check for an option that takes a moment, an RFC 3339 date-time
// (2026-06-01T12:00:00Z); its message names the value.
[[nodiscard]] CLI::Validator IsMoment();

// A check for an option that takes an OIN (20 digits); its message names the
// value (an OIN identifies an organisation, never a person).
[[nodiscard]] CLI::Validator IsOinValue();

// A check for a number from `min` to `max`; its message names the value.
[[nodiscard]] CLI::Validator InRange(double min, double max);

// A check for a number greater than zero; its message names the value.
[[nodiscard]] CLI::Validator IsPositive();

// For a command made of subcommands (vum batch write|inspect|...): nullopt
// when args[0] is one of `names`; else the exit status after the help was
// written for -h/--help (0) or after an error naming the missing or unknown
// subcommand (2).
[[nodiscard]] std::optional<int> CheckSubcommand(const std::string& command,
                                                 const Help& help,
                                                 const std::vector<std::string>& names,
                                                 const std::vector<std::string>& args,
                                                 std::ostream& out, std::ostream& err);

// args without its first element (the subcommand's name).
[[nodiscard]] std::vector<std::string> AfterSubcommand(
    const std::vector<std::string>& args);

}  // namespace vum::cli

#endif  // VUM_TOOLS_VUM_COMMAND_LINE_H_
