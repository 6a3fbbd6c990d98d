// Internal: the result stage. Turns what the scorer decided about a page's content lines into
// the ScoreResult the API returns: every line's label and probabilities (a blank line follows
// the content line before it), byte offsets, reasons, the clickbait scores of headline-like
// lines, the junk blocks, the trailing block and the page's spam score.
#ifndef SIDEBARSPAM_PAGE_RESULT_H_
#define SIDEBARSPAM_PAGE_RESULT_H_

#include <array>
#include <string>
#include <vector>

#include "sidebarspam/features.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/result.h"
#include "sidebarspam/segment.h"

namespace sidebarspam {

class ClickbaitScorer;
class RuleSet;

// What scores headlines: the model (null = no clickbait scores), the rules (whose clickbait
// cues are matched for headline-like lines only) and Options::clickbait_min.
struct HeadlineScoring {
  const ClickbaitScorer* model = nullptr;
  const RuleSet* rules = nullptr;
  float min = 0.0f;
  // Clickbait probability of one line (scores below min are 0); cues: appended, may be null.
  float score(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& line_hits,
              std::vector<std::string>* cues) const;
};

struct PageDecisions {
  const std::vector<LineSpan>& spans;
  const DocumentFeatures& features;
  const std::vector<std::array<float, kNumLabels>>& probabilities;  // per content line
  const Segmentation& segmentation;
};

ScoreResult assemble_result(const PageDecisions& page, const RuleSet& rules, const HeadlineScoring& headlines);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PAGE_RESULT_H_
