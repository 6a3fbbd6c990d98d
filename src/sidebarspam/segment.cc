#include "sidebarspam/segment.h"

#include <cmath>

namespace sidebarspam {
namespace {

constexpr double kEpsilon = 1e-4;

double log_odds(double p) { return std::log(p + kEpsilon) - std::log(1.0 - p + kEpsilon); }

}  // namespace

void segment(const std::vector<std::array<float, kNumLabels>>& probabilities, const SegmentOptions& options,
             Segmentation* out) {
  const std::size_t n = probabilities.size();
  out->labels.assign(n, LineLabel::kBody);
  out->trailing_block.reset();
  out->tail_start = n;
  if (n == 0) return;

  // Viterbi over the three labels: each line's log-probability (body favoured by body_margin)
  // minus switch_penalty whenever the label changes from the line before.
  const int body = static_cast<int>(LineLabel::kBody);
  const int sidebar = static_cast<int>(LineLabel::kSidebar);
  std::vector<std::array<double, kNumLabels>> best(n);
  std::vector<std::array<int, kNumLabels>> from(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (int y = 0; y < kNumLabels; ++y) {
      double emit = std::log(probabilities[i][y] + kEpsilon) + (y == body ? options.body_margin : 0.0);
      if (i == 0) {
        best[i][y] = emit;
        from[i][y] = y;
        continue;
      }
      int arg = y;
      double top = best[i - 1][y];
      for (int z = 0; z < kNumLabels; ++z) {
        const double v = best[i - 1][z] - (z == y ? 0.0 : options.switch_penalty);
        if (v > top) {
          top = v;
          arg = z;
        }
      }
      best[i][y] = top + emit;
      from[i][y] = arg;
    }
  }
  int y = 0;
  for (int z = 1; z < kNumLabels; ++z) {
    if (best[n - 1][z] > best[n - 1][y]) y = z;
  }
  for (std::size_t i = n; i-- > 0;) {
    out->labels[i] = static_cast<LineLabel>(y);
    y = from[i][y];
  }

  // The tail: everything after the last body line.
  std::size_t tail_start = n;
  while (tail_start > 0 && out->labels[tail_start - 1] != LineLabel::kBody) --tail_start;
  out->tail_start = tail_start;

  // The trailing block: the maximum-sum run of sidebar-vs-rest log-odds inside the tail (Kadane).
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
