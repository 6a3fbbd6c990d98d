// libFuzzer target: parse arbitrary rules files; a bad one must give a Status naming a line.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "sidebarspam/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::unique_ptr<sidebarspam::RuleSet> rules;
  const std::string text(reinterpret_cast<const char*>(data), size);
  sidebarspam::Status s = sidebarspam::RuleSet::Parse(text, "fuzz.tsv", &rules);
  if (s.ok() != (rules != nullptr)) std::abort();
  if (!s.ok() && s.message().rfind("fuzz.tsv", 0) != 0) std::abort();
  if (rules) {
    std::vector<int> hits;
    rules->match(text.substr(0, 256), &hits);
  }
  return 0;
}
