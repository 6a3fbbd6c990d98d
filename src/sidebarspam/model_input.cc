#include "sidebarspam/model_input.h"

#include <cstdlib>
#include <string_view>

#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

// Hints as tokens name them, by RuleHint value (body, boilerplate, sidebar, anchor); the
// clickbait hint is never line evidence.
const char* const kHintNames[] = {"body", "boil", "side", "anchor"};
constexpr int kLineHints = 4;

void put(std::string* out, std::string_view part) { out->append(part); }
void put(std::string* out, int value) { out->append(std::to_string(value)); }

// Appends one token made of parts: " " + parts...
template <typename... Parts>
void add(std::string* out, const Parts&... parts) {
  out->push_back(' ');
  (put(out, parts), ...);
}

void add_hints(unsigned hint_mask, std::string_view prefix, std::string_view name, std::string* in) {
  for (int b = 0; b < kLineHints; ++b) {
    if (hint_mask & (1u << b)) add(in, prefix, name, kHintNames[b]);
  }
}

void add_line_tokens(const NormalizedLine& norm, const LineShape& s, std::string* in) {
  add(in, token::kBullet, bullet_name(s.bullet));
  add(in, token::kEnd, end_name(s.end));
  add(in, token::kLength, s.length_bucket);
  add(in, token::kWords, bucket(norm.words, {1, 2, 3, 5, 8, 12, 20, 35, 60}));
  add(in, token::kHangulShare, ratio_bucket(norm.hangul, norm.codepoints));
  add(in, token::kLatinShare, ratio_bucket(norm.latin, norm.codepoints));
  add(in, token::kDigitShare, ratio_bucket(norm.digits, norm.codepoints));
  add(in, token::kPunctShare, ratio_bucket(norm.punct, norm.codepoints));
  if (s.has_quote) add(in, token::kQuote);
  if (s.has_ellipsis) add(in, token::kEllipsis);
  if (s.has_tag) add(in, token::kTag);
  if (s.has_gossip_mark) add(in, token::kGossip);
  if (norm.truncated) add(in, token::kTruncated);
}

void add_position_tokens(const DocumentFeatures& f, const DocumentContext& c, std::size_t k, std::string* in) {
  const std::size_t m = f.content.size();
  add(in, token::kFromEnd, bucket(static_cast<int>(m - 1 - k), {0, 1, 2, 4, 8, 16, 32}));
  add(in, token::kRelativePosition, k == 0 ? 9 : static_cast<int>(5 * k / m));
  add(in, token::kDocumentLength, bucket(static_cast<int>(m), {3, 8, 16, 32, 64, 128}));
  if (c.since_anchor[k] >= 0) add(in, token::kAfterAnchor, bucket(c.since_anchor[k], {1, 2, 5, 12}));
  if (c.before_anchor[k]) add(in, token::kBeforeAnchor);
  if (c.paragraph[k]) add(in, token::kParagraph);
  add(in, token::kDensity, bucket(c.density[k], {0, 1, 2, 4}));
  add(in, token::kNearest, bucket(c.nearest[k], {1, 2, 4, 8}));
  if (f.shape[k].bullet != BulletKind::kNone) add(in, token::kBulletRun, bucket(c.run[k], {1, 2, 4, 8}));
}

void add_rule_tokens(const std::vector<int>& hits, unsigned hint_mask, const RuleSet& rules, std::string* in) {
  for (int h : hits) {
    if (rules.rule(h).hint == RuleHint::kClickbait) continue;  // clickbait cues: not line evidence
    add(in, token::kRule, rules.rule(h).id);
  }
  add_hints(hint_mask, token::kHint, "", in);
}

// Neighbours: a line is read in the context of the lines around it.
void add_neighbour_tokens(const DocumentFeatures& f, const FeatureConfig& config, std::size_t k, std::string* in) {
  const std::size_t m = f.content.size();
  for (int side = 0; side < 2; ++side) {
    const char* prefix = side == 0 ? token::kPrevious : token::kNext;
    const bool exists = side == 0 ? k > 0 : k + 1 < m;
    if (!exists) {
      add(in, prefix, "_none");
      continue;
    }
    const LineShape& o = f.shape[side == 0 ? k - 1 : k + 1];
    add(in, prefix, "b_", bullet_name(o.bullet));
    add(in, prefix, "e_", end_name(o.end));
    add(in, prefix, "l_", o.length_bucket);
    if (config.use_rules) add_hints(o.hint_mask, prefix, "h_", in);
  }
}

void add_page_tokens(const LineContext& c, std::string* in) {
  if (c.period != 0) {
    add(in, token::kPeriod, c.period);
    add(in, token::kPeriodRun, bucket(c.period_run, {2, 4, 8, 16}));
  }
  if (c.headline_lede) add(in, token::kHeadlineLede);
  if (c.main == MainBlockPosition::kInside) {
    add(in, token::kMainBlock, "in");
  } else if (c.main != MainBlockPosition::kNone) {
    add(in, token::kMainBlock, c.main == MainBlockPosition::kBefore ? "b_" : "a_",
        bucket(c.main_distance, {1, 2, 4, 8, 16, 32, 64}));
  }
  if (c.block_rank >= 0) add(in, token::kBlockRank, c.block_rank);
  if (c.title_overlap >= 0) add(in, token::kTitleOverlap, c.title_overlap);
  if (c.duplicate) add(in, token::kDuplicate);
}

// How many other pages of the site had this line (and its neighbours): chrome and "most
// read" lists come back on every page, article text does not.
void add_site_tokens(const std::vector<std::uint32_t>& seen, std::size_t k, std::string* in) {
  if (seen[k] > 0) add(in, token::kSeen, bucket(static_cast<int>(seen[k]), {1, 3, 9, 29}));
  if (k > 0 && seen[k - 1] > 1) add(in, token::kPreviousSeen);
  if (k + 1 < seen.size() && seen[k + 1] > 1) add(in, token::kNextSeen);
}

// Neighbours of about the same length on both sides: lines of a list or a grid.
bool similar_length_around(const std::vector<LineShape>& shape, std::size_t k) {
  return k > 0 && k + 1 < shape.size() && std::abs(shape[k - 1].length_bucket - shape[k].length_bucket) <= 1 &&
         std::abs(shape[k + 1].length_bucket - shape[k].length_bucket) <= 1;
}

}  // namespace

void encode_line(const DocumentFeatures& f, const DocumentContext& context, const RuleSet& rules,
                 const FeatureConfig& config, std::size_t k, std::string* out) {
  const LineShape& s = f.shape[k];
  *out = f.norm[k].tokens;
  if (out->empty()) *out = token::kEmpty;
  add_line_tokens(f.norm[k], s, out);
  add_position_tokens(f, context, k, out);
  if (config.use_rules) add_rule_tokens(f.hits[k], s.hint_mask, rules, out);
  add_neighbour_tokens(f, config, k, out);
  if (config.use_page_context) add_page_tokens(context.page[k], out);
  if (config.use_site_memory) add_site_tokens(f.seen, k, out);
  if (similar_length_around(f.shape, k)) add(out, token::kSimilarLength);
}

}  // namespace sidebarspam
