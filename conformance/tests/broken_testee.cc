// Deliberately broken testees, to show that the runner catches each kind of
// wrong implementation. Built on the reference handler, then broken:
//   --mode accept-all     every record conforms, every batch is whole
//   --mode reject-all     every input is a parse error
//   --mode wrong-rule     every finding names rule "XXX-00"
//   --mode crash-after N  aborts on the (N+1)th request
//   --mode hang-after N   stops answering after N requests
//   --mode ignore-distance  selects in the whole country, whatever the distance
//   --mode first-n        answers with the first matches, always in one order
//   --mode leak-key       puts the source's key (idWerkzoekende) in each result
//   --mode refuse-unknown refuses a question with a criterion it cannot apply,
//                         where the standard says to ignore it and answer
//   --mode all-as-any     applies $all as if one item were enough: a list of
//                         codes as $in, a list of $elemMatch by its first
//   --mode twice-at N     answers the (N+1)th request twice: every later answer
//                         is one case behind
//   --mode no-case-id     does not echo the case id (protocol version 1)
//   --mode text-stdout    writes a line of text to its standard output first
//   --mode escape         starts a process that leaves its process group and
//                         would outlive the runner (sleep 987)

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>

#include "testee/handler.h"

namespace {

// The end (one past the closing brace) of the object that opens at `at`.
size_t ObjectEnd(const std::string& json, size_t at) {
  int depth = 0;
  for (size_t i = at; i < json.size(); ++i) {
    if (json[i] == '{') ++depth;
    if (json[i] == '}' && --depth == 0) return i + 1;
  }
  return json.size();
}

// `question` with each $all read as if one item were enough.
std::string AllAsAny(std::string question) {
  const std::string elem = R"("$all":[{"$elemMatch")";
  for (size_t at = question.find(elem); at != std::string::npos;
       at = question.find(elem, at + 1)) {
    const size_t first_end = ObjectEnd(question, at + 8);
    const size_t list_end = question.find(']', first_end);  // items hold no lists here
    if (list_end != std::string::npos) question.erase(first_end, list_end - first_end);
  }
  return std::regex_replace(question, std::regex(R"("\$all":\[(?!\{))"), R"("$in":[)");
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode;
  int after = 0;
  std::vector<std::string> dirs;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--mode") == 0) mode = argv[i + 1];
    if (std::strcmp(argv[i], "--after") == 0) after = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--codelists") == 0) dirs.push_back(argv[i + 1]);
  }
  auto handler = vum::conformance::Handler::Create(dirs);
  if (!handler.ok()) return 2;
  if (mode == "text-stdout") {
    std::fputs("testee ready\n", stdout);
    std::fflush(stdout);
  }
  if (mode == "escape" && fork() == 0) {
    setsid();
    execl("/bin/sleep", "sleep", "987", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string bytes;
  vum::conformance::ConformanceRequest request;
  for (int served = 0; vum::conformance::ReadMessage(stdin, &bytes); ++served) {
    if (mode == "crash-after" && served == after) abort();
    if (mode == "hang-after" && served >= after) {
      while (true) pause();
    }
    if (!request.ParseFromString(bytes)) return 2;
    const int cap = request.selection().max_results();
    vum::conformance::SelectionResult empty_selection;
    if (mode == "ignore-distance" && request.has_selection()) {
      auto* s = request.mutable_selection();
      s->set_question_json(std::regex_replace(
          s->question_json(), std::regex(R"("afstand":\d+)"), "\"afstand\":300"));
    }
    if (mode == "all-as-any" && request.has_selection()) {
      request.mutable_selection()->set_question_json(
          AllAsAny(request.selection().question_json()));
    }
    if (mode == "first-n" && request.has_selection()) {
      request.mutable_selection()->set_max_results(100000);
    }
    vum::conformance::ConformanceResponse response = (*handler)->Handle(request);
    for (auto& answer :
         *(response.has_selection() ? response.mutable_selection() : &empty_selection)
              ->mutable_answer()) {
      auto& results = *answer.mutable_result_json();
      if (mode == "first-n") {
        std::sort(results.begin(), results.end());
        answer.set_maximum_reached(results.size() > cap);
        while (results.size() > cap) results.RemoveLast();
        while (answer.vum_id_size() > results.size())
          answer.mutable_vum_id()->RemoveLast();
      }
      if (mode == "leak-key") {
        for (std::string& json : results) json.insert(1, "\"idWerkzoekende\":\"p0\",");
      }
    }
    if (mode == "refuse-unknown" && response.has_selection()) {
      auto* selection = response.mutable_selection();
      const bool any_ignored =
          std::any_of(selection->answer().begin(), selection->answer().end(),
                      [](const vum::conformance::SelectionAnswer& a) {
                        return a.ignored_size() > 0;
                      });
      if (any_ignored) {
        selection->clear_answer();
        selection->set_refused(true);
        selection->add_rule_ids("SEL-05");
      }
    }
    if (mode == "accept-all") {
      if (response.has_validate()) response.mutable_validate()->Clear();
      if (response.has_batch()) {
        response.mutable_batch()->set_status("whole");
        response.mutable_batch()->clear_rejected();
      }
    } else if (mode == "reject-all") {
      response.mutable_validate()->set_parse_error(true);
    } else if (mode == "wrong-rule" && response.has_validate()) {
      for (auto& finding : *response.mutable_validate()->mutable_findings())
        finding.set_rule_id("XXX-00");
    }
    if (mode == "no-case-id") response.clear_case_id();
    if (!vum::conformance::WriteMessage(stdout, response.SerializeAsString())) return 2;
    if (mode == "twice-at" && served == after &&
        !vum::conformance::WriteMessage(stdout, response.SerializeAsString())) {
      return 2;
    }
  }
  return 0;
}
