// Internal: turn per-line probabilities into labels and the trailing sidebar block.
#ifndef SIDEBARSPAM_SEGMENT_H_
#define SIDEBARSPAM_SEGMENT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "sidebarspam/result.h"

namespace sidebarspam {

struct Segmentation {
  std::vector<LineLabel> labels;  // per content line
  std::size_t tail_start = 0;     // content lines [tail_start, n) are the junk tail
  std::optional<std::pair<std::size_t, std::size_t>> trailing_block;  // inclusive content-line range
};

// The tail is the suffix, after the last confident body line (P(body) >= 0.9), that
// maximises the summed log-odds of junk over body, so one uncertain line inside a link list
// cannot split it and one confident paragraph stops it (a span decision, not a per-line
// threshold). Inside the tail a line is boilerplate or
// sidebar, whichever is likelier. The trailing block is the maximum-sum run of
// sidebar-vs-rest log-odds inside the tail. Lines before the tail take their most likely
// label, with body favoured by body_margin (log-odds).
void segment(const std::vector<std::array<float, kNumLabels>>& probabilities, float body_margin,
             Segmentation* out);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_SEGMENT_H_
