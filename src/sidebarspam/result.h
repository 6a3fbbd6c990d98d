// sidebarspam/result.h — what scoring one document returns.
//
//   sidebarspam::ScoreResult r = classifier.score(text);
//   for (const sidebarspam::LineResult& line : r.lines)
//     if (line.label != sidebarspam::LineLabel::kBody)
//       std::cout << line.start << ".." << line.end << " is junk\n";
//   if (r.trailing_block) std::cout << "sidebar lines " << r.trailing_block->first_line << "\n";
//
// Plain value types: copyable, movable, no references into the classifier or the input,
// so results outlive both. Offsets are byte offsets into the scored input.
#ifndef SIDEBARSPAM_RESULT_H_
#define SIDEBARSPAM_RESULT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidebarspam {

// The three things a line of a crawled article can be.
enum class LineLabel : int {
  kBody = 0,         // the article: title, paragraphs, sub-heads
  kBoilerplate = 1,  // site chrome: widgets, bylines, copyright, share/print, navigation
  kSidebar = 2,      // links to other stories: "most read", "related", portal teaser lists
};
constexpr int kNumLabels = 3;

// What a rule of the rules file is evidence of (its second column). kClickbait rules are cues
// of the clickbait labelling rubric: they feed the clickbait models only (reasons
// "clickbait:<cue>"), never the line model's input.
enum class RuleHint : int { kBody = 0, kBoilerplate = 1, kSidebar = 2, kAnchor = 3, kClickbait = 4 };

// "body", "boilerplate", "sidebar", "anchor", "clickbait": the names the rules file uses.
std::string_view hint_name(RuleHint hint);

// "body", "boilerplate", "sidebar".
std::string_view label_name(LineLabel label);
// Inverse of label_name; returns false for an unknown name.
bool parse_label(std::string_view name, LineLabel* label);

struct LineResult {
  // Byte range of the line's content in the input, without its line terminator ("\n" or "\r\n").
  std::size_t start = 0;
  std::size_t end = 0;
  // Byte offset where the next line starts (end + terminator length); equals input size on the
  // last line. [start, next) of every line tiles the input with no gaps or overlaps.
  std::size_t next = 0;
  LineLabel label = LineLabel::kBody;
  // Calibrated per-label probabilities, indexed by LineLabel. Blank lines copy their neighbour's.
  std::array<float, kNumLabels> probabilities{{1.0f, 0.0f, 0.0f}};
  // How sensational the line reads as a headline: the calibrated probability (with a calibration
  // file) that it is clickbait by the labelling rubric, in [0, 1]; empty when the line is not
  // headline-like (too long, a sentence of running text, blank) or no clickbait model is loaded.
  std::optional<float> clickbait;
  // The clickbait verdict: clickbait is at least the decision threshold of the model that scored
  // the line (Classifier::clickbait_threshold; per language, chosen out-of-fold in training).
  // False when clickbait is empty.
  bool is_clickbait = false;
  // Why the line got its label: "rule:<id>" for each rule that matched, plus structural codes
  // ("blank", "tail", "trailing_block", "after_anchor", "bullet", "truncated"); and why it got
  // its clickbait score: "clickbait:<cue>" for each rubric cue rule that raised it.
  std::vector<std::string> reasons;
};

// The contiguous run of sidebar lines at the end of the article, as line indices (inclusive).
struct TrailingBlock {
  std::size_t first_line = 0;
  std::size_t last_line = 0;
  // Byte range in the input: from the first line's start to the last line's next.
  std::size_t start = 0;
  std::size_t end = 0;
};

// A run of junk lines of one kind: a list of links to other stories (kind kSidebar) or a
// stretch of site chrome (kind kBoilerplate). Blank lines between its lines belong to it.
struct JunkBlock {
  LineLabel kind = LineLabel::kSidebar;
  // First and last non-blank line of the run (line indices, inclusive).
  std::size_t first_line = 0;
  std::size_t last_line = 0;
  // Byte range in the input: from the first line's start to the last line's next.
  std::size_t start = 0;
  std::size_t end = 0;
};

struct ScoreResult {
  std::vector<LineResult> lines;
  // Every maximal run of non-body lines that share a label, in text order: drop the sidebar
  // blocks to remove every link list, not only the last one.
  std::vector<JunkBlock> blocks;
  // The sidebar run at the end of the article (after its last body line), if any.
  std::optional<TrailingBlock> trailing_block;
  // Page-level spam score in [0, 1]: the probability that at least one headline of the page's
  // link lists is clickbait, 1 - prod(1 - clickbait) over the headline-like sidebar lines of
  // every sidebar block (and the trailing block), times their mean P(sidebar); 0 when there
  // are none or no clickbait model is loaded. Above 0.5: the page carries a sensational link
  // list (the threshold the README gives moderation scripts). See clickbait.h.
  float spam_score = 0.0f;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_RESULT_H_
