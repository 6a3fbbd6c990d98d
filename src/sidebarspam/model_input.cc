#include "sidebarspam/model_input.h"

#include <cstdlib>
#include <string_view>

#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

using F = PseudoTokenFamily;

constexpr int kLineHints = 4;  // RuleHint values of line evidence (the clickbait hint is not)

// Appends family's token for value.
inline void add(std::vector<PseudoToken>* in, F family, int value = 0) { in->push_back(pseudo_token(family, value)); }

void add_hints(unsigned hint_mask, F family, std::vector<PseudoToken>* in) {
  for (int b = 0; b < kLineHints; ++b) {
    if (hint_mask & (1u << b)) add(in, family, b);
  }
}

void add_line_tokens(const NormalizedLine& norm, const LineShape& s, std::vector<PseudoToken>* in) {
  add(in, F::kBullet, static_cast<int>(s.bullet));
  add(in, F::kEnd, static_cast<int>(s.end));
  add(in, F::kLength, s.length_bucket);
  add(in, F::kWords, bucket(norm.words, {1, 2, 3, 5, 8, 12, 20, 35, 60}));
  add(in, F::kHangulShare, ratio_bucket(norm.hangul, norm.codepoints));
  add(in, F::kLatinShare, ratio_bucket(norm.latin, norm.codepoints));
  add(in, F::kDigitShare, ratio_bucket(norm.digits, norm.codepoints));
  add(in, F::kPunctShare, ratio_bucket(norm.punct, norm.codepoints));
  if (s.has_quote) add(in, F::kQuote);
  if (s.has_ellipsis) add(in, F::kEllipsis);
  if (s.has_tag) add(in, F::kTag);
  if (s.has_gossip_mark) add(in, F::kGossip);
  if (norm.truncated) add(in, F::kTruncated);
}

void add_position_tokens(const DocumentFeatures& f, const DocumentContext& c, std::size_t k,
                         std::vector<PseudoToken>* in) {
  const std::size_t m = f.content.size();
  add(in, F::kFromEnd, bucket(static_cast<int>(m - 1 - k), {0, 1, 2, 4, 8, 16, 32}));
  add(in, F::kRelativePosition, k == 0 ? 9 : static_cast<int>(5 * k / m));
  add(in, F::kDocumentLength, bucket(static_cast<int>(m), {3, 8, 16, 32, 64, 128}));
  if (c.since_anchor[k] >= 0) add(in, F::kAfterAnchor, bucket(c.since_anchor[k], {1, 2, 5, 12}));
  if (c.before_anchor[k]) add(in, F::kBeforeAnchor);
  if (c.paragraph[k]) add(in, F::kParagraph);
  add(in, F::kDensity, bucket(c.density[k], {0, 1, 2, 4}));
  add(in, F::kNearest, bucket(c.nearest[k], {1, 2, 4, 8}));
  if (f.shape[k].bullet != BulletKind::kNone) add(in, F::kBulletRun, bucket(c.run[k], {1, 2, 4, 8}));
}

void add_rule_tokens(const std::vector<int>& hits, unsigned hint_mask, const RuleSet& rules,
                     std::vector<PseudoToken>* in) {
  for (int h : hits) {
    if (rules.rule(h).hint == RuleHint::kClickbait) continue;  // clickbait cues: not line evidence
    in->push_back(rule_pseudo_token(static_cast<std::size_t>(h)));
  }
  add_hints(hint_mask, F::kHint, in);
}

// Neighbours: a line is read in the context of the lines around it.
struct NeighbourFamilies {
  F bullet, end, length, hint, none;
};
constexpr NeighbourFamilies kPreviousLine{F::kPreviousBullet, F::kPreviousEnd, F::kPreviousLength, F::kPreviousHint,
                                          F::kPreviousNone};
constexpr NeighbourFamilies kNextLine{F::kNextBullet, F::kNextEnd, F::kNextLength, F::kNextHint, F::kNextNone};

// The neighbour's shape (nullptr: there is none) under one side's families.
void add_neighbour(const LineShape* o, const NeighbourFamilies& side, bool use_rules, std::vector<PseudoToken>* in) {
  if (o == nullptr) {
    add(in, side.none);
    return;
  }
  add(in, side.bullet, static_cast<int>(o->bullet));
  add(in, side.end, static_cast<int>(o->end));
  add(in, side.length, o->length_bucket);
  if (use_rules) add_hints(o->hint_mask, side.hint, in);
}

void add_neighbour_tokens(const DocumentFeatures& f, const FeatureConfig& config, std::size_t k,
                          std::vector<PseudoToken>* in) {
  add_neighbour(k > 0 ? &f.shape[k - 1] : nullptr, kPreviousLine, config.use_rules, in);
  add_neighbour(k + 1 < f.content.size() ? &f.shape[k + 1] : nullptr, kNextLine, config.use_rules, in);
}

void add_page_tokens(const LineContext& c, std::vector<PseudoToken>* in) {
  if (c.period != 0) {
    add(in, F::kPeriod, c.period);
    add(in, F::kPeriodRun, bucket(c.period_run, {2, 4, 8, 16}));
  }
  if (c.headline_lede) add(in, F::kHeadlineLede);
  if (c.main == MainBlockPosition::kInside) {
    add(in, F::kMainBlockInside);
  } else if (c.main != MainBlockPosition::kNone) {
    add(in, c.main == MainBlockPosition::kBefore ? F::kMainBlockBefore : F::kMainBlockAfter,
        bucket(c.main_distance, {1, 2, 4, 8, 16, 32, 64}));
  }
  if (c.block_rank >= 0) add(in, F::kBlockRank, c.block_rank);
  if (c.title_overlap >= 0) add(in, F::kTitleOverlap, c.title_overlap);
  if (c.duplicate) add(in, F::kDuplicate);
}

// How many other pages of the site had this line (and its neighbours): chrome and "most
// read" lists come back on every page, article text does not.
void add_site_tokens(const std::vector<std::uint32_t>& seen, std::size_t k, std::vector<PseudoToken>* in) {
  if (seen[k] > 0) add(in, F::kSeen, bucket(static_cast<int>(seen[k]), {1, 3, 9, 29}));
  if (k > 0 && seen[k - 1] > 1) add(in, F::kPreviousSeen);
  if (k + 1 < seen.size() && seen[k + 1] > 1) add(in, F::kNextSeen);
}

// Neighbours of about the same length on both sides: lines of a list or a grid.
bool similar_length_around(const std::vector<LineShape>& shape, std::size_t k) {
  return k > 0 && k + 1 < shape.size() && std::abs(shape[k - 1].length_bucket - shape[k].length_bucket) <= 1 &&
         std::abs(shape[k + 1].length_bucket - shape[k].length_bucket) <= 1;
}

}  // namespace

void encode_line(const DocumentFeatures& f, const DocumentContext& context, const RuleSet& rules,
                 const FeatureConfig& config, std::size_t k, LineInput* out) {
  const LineShape& s = f.shape[k];
  out->words = f.norm[k].tokens;
  if (out->words.empty()) out->words = token::kEmpty;
  std::vector<PseudoToken>* in = &out->pseudo;
  in->clear();
  // Room for every line's tokens at once (a few dozen): the vector is reused, page after page.
  if (in->capacity() < 64) in->reserve(64);
  add_line_tokens(f.norm[k], s, in);
  add_position_tokens(f, context, k, in);
  if (config.use_rules) add_rule_tokens(f.hits[k], s.hint_mask, rules, in);
  add_neighbour_tokens(f, config, k, in);
  if (config.use_page_context) add_page_tokens(context.page[k], in);
  if (config.use_site_memory) add_site_tokens(f.seen, k, in);
  if (similar_length_around(f.shape, k)) add(in, F::kSimilarLength);
}

std::string model_input_text(const LineInput& input, const RuleSet& rules) {
  std::string text = input.words;
  for (PseudoToken id : input.pseudo) {
    text.push_back(' ');
    text += pseudo_token_text(id, rules);
  }
  return text;
}

std::vector<std::string> model_input_texts(const DocumentFeatures& features, const RuleSet& rules) {
  std::vector<std::string> texts;
  texts.reserve(features.model_input.size());
  for (const LineInput& input : features.model_input) texts.push_back(model_input_text(input, rules));
  return texts;
}

}  // namespace sidebarspam
