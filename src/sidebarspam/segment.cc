#include "sidebarspam/segment.h"

#include <cmath>
#include <limits>

namespace sidebarspam {
namespace {

constexpr double kEpsilon = 1e-4;

double log_odds(double p) { return std::log(p + kEpsilon) - std::log(1.0 - p + kEpsilon); }

}  // namespace

void segment(const std::vector<std::array<float, kNumLabels>>& probabilities, const SegmentOptions& options,
             const PageTable& structure, Segmentation* out) {
  const std::size_t n = probabilities.size();
  out->labels.assign(n, LineLabel::kBody);
  out->trailing_block.reset();
  out->tail_start = n;
  if (n == 0) return;

  const auto& states = page_states();
  const double w = options.structure_weight;
  auto emit = [&](std::size_t i, int s) {
    const LineLabel label = states[s].label;
    return std::log(probabilities[i][static_cast<int>(label)] + kEpsilon) +
           (label == LineLabel::kBody ? options.body_margin : 0.0);
  };
  std::vector<std::array<double, kNumPageStates>> best(n);
  std::vector<std::array<int, kNumPageStates>> from(n);
  for (int s = 0; s < kNumPageStates; ++s) {
    best[0][s] = w * structure.initial(s) + emit(0, s);
    from[0][s] = s;
  }
  for (std::size_t i = 1; i < n; ++i) {
    for (int s = 0; s < kNumPageStates; ++s) {
      int arg = 0;
      double top = -std::numeric_limits<double>::infinity();
      for (int r = 0; r < kNumPageStates; ++r) {
        const double move = structure.move(r, s);
        if (move <= kForbidden) continue;
        // Staying costs nothing: a move is charged what it costs relative to staying, so a
        // long article or a long menu is not penalised for its length.
        const double change = r == s ? 0.0 : move - structure.move(r, r);
        const double v = best[i - 1][r] + w * change - (states[r].label == states[s].label ? 0.0 : options.switch_penalty);
        if (v > top) {
          top = v;
          arg = r;
        }
      }
      best[i][s] = top + emit(i, s);
      from[i][s] = arg;
    }
  }
  int y = -1;
  double top = -std::numeric_limits<double>::infinity();
  for (int s = 0; s < kNumPageStates; ++s) {
    if (structure.end(s) <= kForbidden) continue;
    const double v = best[n - 1][s] + w * structure.end(s);
    if (y < 0 || v > top) {
      top = v;
      y = s;
    }
  }
  for (std::size_t i = n; i-- > 0;) {
    out->labels[i] = states[y].label;
    y = from[i][y];
  }

  // The tail: everything after the last body line.
  std::size_t tail_start = n;
  while (tail_start > 0 && out->labels[tail_start - 1] != LineLabel::kBody) --tail_start;
  out->tail_start = tail_start;

  // The trailing block: the maximum-sum run of sidebar-vs-rest log-odds inside the tail (Kadane).
  const int sidebar = static_cast<int>(LineLabel::kSidebar);
  double run = 0.0, run_best = 0.0;
  std::size_t run_start = tail_start;
  for (std::size_t i = tail_start; i < n; ++i) {
    const double v = log_odds(probabilities[i][sidebar]);
    if (run <= 0.0) {
      run = v;
      run_start = i;
    } else {
      run += v;
    }
    if (run > run_best) {
      run_best = run;
      out->trailing_block = std::make_pair(run_start, i);
    }
  }
}

std::vector<LabelRun> junk_runs(const std::vector<LineLabel>& labels) {
  std::vector<LabelRun> runs;
  for (std::size_t i = 0; i < labels.size();) {
    std::size_t j = i + 1;
    while (j < labels.size() && labels[j] == labels[i]) ++j;
    if (labels[i] != LineLabel::kBody) runs.push_back(LabelRun{labels[i], i, j - 1});
    i = j;
  }
  return runs;
}

}  // namespace sidebarspam
