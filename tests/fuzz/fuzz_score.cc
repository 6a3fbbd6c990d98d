// libFuzzer target: score arbitrary bytes with the shipped model and check the invariants
// every result must keep (lines tile the input, clean() is the body lines, probabilities sum
// to one). Built with -DSIDEBARSPAM_BUILD_FUZZERS=ON (clang); run by tests/fuzz/run.sh.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "sidebarspam/classifier.h"


extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const sidebarspam::ScoreResult r = fuzz_util::shipped_classifier().score(text);
  std::size_t pos = 0;
  std::string kept;
  for (const auto& line : r.lines) {
    if (line.start != pos || line.end < line.start || line.next < line.end) std::abort();
    float sum = line.probabilities[0] + line.probabilities[1] + line.probabilities[2];
    if (!(std::fabs(sum - 1.0f) < 1e-2f)) std::abort();
    if (line.label == sidebarspam::LineLabel::kBody) kept.append(text, line.start, line.next - line.start);
    pos = line.next;
  }
  if (pos != size) std::abort();
  if (sidebarspam::Classifier::clean(text, r) != kept) std::abort();
  if (r.trailing_block && (r.trailing_block->last_line >= r.lines.size() ||
                           r.trailing_block->first_line > r.trailing_block->last_line)) {
    std::abort();
  }
  return 0;
}
