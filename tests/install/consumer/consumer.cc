// Reads a profile in VUM JSON with the installed library and prints it back.
#include <fstream>
#include <iostream>
#include <sstream>

#include "vum/json.h"
#include "vum/schema.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/version.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  vum::v1::Werkzoekende profile;
  if (absl::Status status = vum::ParseJson(text.str(), &profile); !status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  std::cout << "vum " << vum::kLibraryVersion << ", standard " << vum::StandardVersion()
            << ": " << *vum::PrintJson(profile) << "\n";
  return 0;
}
