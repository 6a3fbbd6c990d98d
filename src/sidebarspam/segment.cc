#include "sidebarspam/segment.h"

#include <cmath>

namespace sidebarspam {
namespace {

constexpr double kEpsilon = 1e-4;
constexpr float kConfidentBody = 0.9f;

double log_odds(double p) { return std::log(p + kEpsilon) - std::log(1.0 - p + kEpsilon); }

}  // namespace

void segment(const std::vector<std::array<float, kNumLabels>>& probabilities, float body_margin,
             Segmentation* out) {
  const std::size_t n = probabilities.size();
  out->labels.assign(n, LineLabel::kBody);
  out->trailing_block.reset();

  const int body = static_cast<int>(LineLabel::kBody);
  const int boilerplate = static_cast<int>(LineLabel::kBoilerplate);
  const int sidebar = static_cast<int>(LineLabel::kSidebar);

  // The tail cannot reach back past a confident body line: junk *before* the article (menus)
  // must not pull the article into the tail. Between that line and the end, the best suffix
  // wins; ties go to the shorter tail, so nothing is removed on no evidence.
  std::size_t earliest = 0;
  for (std::size_t i = n; i-- > 0;) {
    if (probabilities[i][body] >= kConfidentBody) {
      earliest = i + 1;
      break;
    }
  }
  double best = 0.0, sum = 0.0;
  std::size_t tail_start = n;
  for (std::size_t i = n; i-- > earliest;) {
    sum += -log_odds(probabilities[i][body]) - body_margin;
    if (sum > best) {
      best = sum;
      tail_start = i;
    }
  }
  out->tail_start = tail_start;

  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = probabilities[i];
    if (i >= tail_start) {
      out->labels[i] = p[sidebar] > p[boilerplate] ? LineLabel::kSidebar : LineLabel::kBoilerplate;
      continue;
    }
    const double body_score = std::log(p[body] + kEpsilon) + body_margin;
    const double boil_score = std::log(p[boilerplate] + kEpsilon);
    const double side_score = std::log(p[sidebar] + kEpsilon);
    if (body_score >= boil_score && body_score >= side_score) out->labels[i] = LineLabel::kBody;
    else out->labels[i] = side_score > boil_score ? LineLabel::kSidebar : LineLabel::kBoilerplate;
  }

  // Kadane over the tail.
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

}  // namespace sidebarspam
