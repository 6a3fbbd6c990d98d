// Internal: which lines are headlines, and what a clickbait model reads of one. Used by the
// scorer (clickbait.h, the result stage) and the clickbait trainer alike.
#ifndef SIDEBARSPAM_HEADLINE_H_
#define SIDEBARSPAM_HEADLINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/features.h"
#include "sidebarspam/line_shape.h"
#include "sidebarspam/normalize.h"

namespace sidebarspam {

class RuleSet;

// Model input for a clickbait model: the line's tokens, its punctuation shape (teaser
// ellipsis, quotes, tags, question marks) and the rules it matches (the "clickbait" cue rules
// of the rules file write down the labelling rubric's cues), without rule index `skip`
// (-1 = all kept; the scorer leaves one cue out to see whether it raised the score).
// Pseudo-tokens as ids of the line model's table (pseudo_tokens.h); the text form (what the
// trainer writes) is model_input_text of them.
void clickbait_input(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     LineInput* out, int skip = -1);
void clickbait_input(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     const RuleSet& rules, std::string* out, int skip = -1);

// True when a line reads like a headline rather than running text or a widget label.
bool is_headline_like(const NormalizedLine& norm, const LineShape& shape);

// True when a headline is read by the Korean model: at least a third of its letters
// (Hangul + Latin) are Hangul.
bool is_korean_headline(const NormalizedLine& norm);

// The cue a "clickbait" rule stands for, as named in reasons: its id without a "cue_" prefix.
std::string cue_name(const std::string& rule_id);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_HEADLINE_H_
