// Internal, features stage, part 1: what one non-blank line looks like on its own (bullet,
// ending, length), before its neighbours or the page are considered.
#ifndef SIDEBARSPAM_LINE_SHAPE_H_
#define SIDEBARSPAM_LINE_SHAPE_H_

#include <initializer_list>
#include <string_view>

#include "sidebarspam/normalize.h"

namespace sidebarspam {

enum class BulletKind : int { kNone, kDash, kArrow, kDot, kBox, kNote, kNumber, kBracket, kParen, kQuote };
enum class EndKind : int { kWord, kDa, kDaPeriod, kPeriod, kEllipsis, kQuestion, kExclaim, kQuote, kClose, kColon, kDigit, kSymbol };

struct LineShape {
  BulletKind bullet = BulletKind::kNone;
  EndKind end = EndKind::kWord;
  int length_bucket = 0;
  bool has_quote = false;
  bool has_ellipsis = false;
  bool has_tag = false;      // a short [bracketed] tag such as [헬스톡] or [단독]
  bool has_gossip_mark = false;  // ♥ or → inside the line, typical of entertainment teasers
  unsigned hint_mask = 0;    // bit i set when a rule with RuleHint i matched (set by the caller)
};

// Shape of a single line seen on its own (no rules, no neighbours), e.g. a headline to score.
LineShape shape_of_line(const NormalizedLine& norm);

// Index of the first upper bound that value does not exceed (len(bounds) past the last): the
// buckets pseudo-tokens carry.
int bucket(int value, std::initializer_list<int> upper_bounds);
// 0 when part is 0, else 1/2/3 for a share of whole under 0.3 / 0.7 / above.
int ratio_bucket(int part, int whole);

// Names of a line ending and a bullet in model inputs ("da", "ell", "q", ...; "dash", ...).
std::string_view end_name(EndKind end);
std::string_view bullet_name(BulletKind bullet);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_LINE_SHAPE_H_
