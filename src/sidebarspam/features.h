// Internal: per-document structural features. One function, extract_features, builds the
// model input for every line of a document; the trainer and the scorer both call it.
#ifndef SIDEBARSPAM_FEATURES_H_
#define SIDEBARSPAM_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/lines.h"
#include "sidebarspam/normalize.h"

namespace sidebarspam {

class RuleSet;
class SiteMemory;

// Hash of a line's normalised tokens: the key SiteMemory counts lines by (0 = no tokens).
std::uint64_t line_key_of_tokens(std::string_view tokens);

// The site a document belongs to and what is known about it; no memory = nothing known.
struct SiteView {
  const SiteMemory* memory = nullptr;
  std::string_view site;
};

enum class BulletKind : int { kNone, kDash, kArrow, kDot, kBox, kNote, kNumber, kBracket, kParen, kQuote };
enum class EndKind : int { kWord, kDa, kDaPeriod, kPeriod, kEllipsis, kQuestion, kExclaim, kQuote, kClose, kColon, kDigit, kSymbol };

// What the structure of one non-blank line looks like, before neighbours are considered.
struct LineShape {
  BulletKind bullet = BulletKind::kNone;
  EndKind end = EndKind::kWord;
  int length_bucket = 0;
  bool has_quote = false;
  bool has_ellipsis = false;
  bool has_tag = false;      // a short [bracketed] tag such as [헬스톡] or [단독]
  bool has_gossip_mark = false;  // ♥ or → inside the line, typical of entertainment teasers
  unsigned hint_mask = 0;    // bit i set when a rule with RuleHint i matched
};

// Index of the first upper bound that value does not exceed (len(bounds) past the last): the
// buckets pseudo-tokens carry.
int bucket(int value, std::initializer_list<int> upper_bounds);
// 0 when part is 0, else 1/2/3 for a share of whole under 0.3 / 0.7 / above.
int ratio_bucket(int part, int whole);

struct DocumentFeatures {
  std::vector<std::size_t> content;     // indices into the line spans of the non-blank lines
  std::vector<NormalizedLine> norm;     // per content line
  std::vector<std::vector<int>> hits;   // per content line: matching rule indices
  std::vector<LineShape> shape;         // per content line
  std::vector<bool> after_anchor;       // per content line: an anchor rule matched earlier
  std::vector<std::string> model_input; // per content line: tokens + pseudo-tokens, no newline
  std::vector<std::uint64_t> line_key;  // per content line, when a site memory was given
  std::vector<std::uint32_t> seen;      // per content line: pages of the site that had it
};

struct FeatureConfig {
  std::size_t max_line_bytes = 4096;  // longer lines are cut before normalising
  bool use_rules = true;              // false: rule pseudo-tokens left out (ablation)
  bool use_site_memory = false;       // emit "seen on the site" pseudo-tokens (model trained with them)
  bool use_page_context = true;       // emit page-context pseudo-tokens (page_context.h; false: ablation)
};

// Fills out for the document text split into spans. Thread-safe for distinct outs.
void extract_features(std::string_view text, const std::vector<LineSpan>& spans,
                      const Normalizer& normalizer, const RuleSet& rules,
                      const FeatureConfig& config, DocumentFeatures* out, const SiteView& site = {});

// Shape of a single line seen on its own (no rules, no neighbours), e.g. a headline to score.
LineShape shape_of_line(const NormalizedLine& norm);

// Name of a line ending in model inputs ("da", "ell", "q", ...).
std::string_view end_name(EndKind end);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_FEATURES_H_
