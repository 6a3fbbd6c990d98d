// Internal: turn per-line probabilities into labels and the trailing sidebar block.
#ifndef SIDEBARSPAM_SEGMENT_H_
#define SIDEBARSPAM_SEGMENT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "sidebarspam/page_structure.h"
#include "sidebarspam/result.h"

namespace sidebarspam {

struct Segmentation {
  std::vector<LineLabel> labels;  // per content line
  std::size_t tail_start = 0;     // content lines [tail_start, n) are the junk tail
  std::optional<std::pair<std::size_t, std::size_t>> trailing_block;  // inclusive content-line range
};

// A maximal run [first, last] (inclusive content-line indices) of one non-body label.
struct LabelRun {
  LineLabel label;
  std::size_t first;
  std::size_t last;
};
// The junk runs of a label sequence, in order.
std::vector<LabelRun> junk_runs(const std::vector<LineLabel>& labels);

// No defaults here: the classifier passes its Options (classifier.h has the defaults).
struct SegmentOptions {
  float body_margin;       // log-odds bonus for body
  float switch_penalty;    // extra log-probability cost of a label change between neighbours
  float structure_weight;  // weight of the page structure's learned log-probabilities
};

// Labels are the most likely path through the page's states (Viterbi; see page_structure.h):
// each line's log-probability of its state's label, plus the structure's learned
// log-probability of each move times structure_weight, minus switch_penalty whenever the
// label changes. Articles, menus and link lists come in runs, so an uncertain line takes the
// label of the run around it, while a confident line keeps its own; and once the page has
// left its article, a line far below reads as body only if it is strong enough to pay for
// everything between being an insert. The tail is everything after the last body line; the
// trailing block is the maximum-sum run of sidebar-vs-rest log-odds inside the tail.
void segment(const std::vector<std::array<float, kNumLabels>>& probabilities, const SegmentOptions& options,
             const PageTable& structure, Segmentation* out);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_SEGMENT_H_
