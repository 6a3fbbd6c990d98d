#include "sidebarspam/headline.h"

#include "sidebarspam/features.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/pseudo_tokens.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

constexpr std::string_view kCuePrefix = "cue_";

}  // namespace

void clickbait_input(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     LineInput* out, int skip) {
  using F = PseudoTokenFamily;
  // The same tokens as the line model's input (model_input.h); word buckets differ (0..8, a
  // subset of the kWords ids).
  out->words = norm.tokens;
  if (out->words.empty()) out->words = token::kEmpty;
  std::vector<PseudoToken>& in = out->pseudo;
  in.clear();
  in.push_back(pseudo_token(F::kEnd, static_cast<int>(shape.end)));
  in.push_back(pseudo_token(F::kWords, bucket(norm.words, {2, 4, 6, 8, 10, 13, 16, 20})));
  in.push_back(pseudo_token(F::kHangulShare, ratio_bucket(norm.hangul, norm.codepoints)));
  if (shape.has_quote) in.push_back(pseudo_token(F::kQuote));
  if (shape.has_ellipsis) in.push_back(pseudo_token(F::kEllipsis));
  if (shape.has_tag) in.push_back(pseudo_token(F::kTag));
  if (shape.has_gossip_mark) in.push_back(pseudo_token(F::kGossip));
  for (int h : hits) {
    if (h != skip) in.push_back(rule_pseudo_token(static_cast<std::size_t>(h)));
  }
}

void clickbait_input(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     const RuleSet& rules, std::string* out, int skip) {
  thread_local LineInput input;
  clickbait_input(norm, shape, hits, &input, skip);
  *out = model_input_text(input, rules);
}

bool is_headline_like(const NormalizedLine& norm, const LineShape& shape) {
  if (norm.words < 2 || norm.words > 20 || norm.codepoints < 8 || norm.codepoints > 160) return false;
  // Running text ends its sentence; headlines do not (a teaser "…" is fine). A quote that
  // closes a second sentence is running text too.
  if (shape.end == EndKind::kQuote && norm.clean.find(". ") != std::string::npos) return false;
  return shape.end != EndKind::kDaPeriod && shape.end != EndKind::kPeriod && shape.end != EndKind::kColon;
}

bool is_korean_headline(const NormalizedLine& norm) {
  return norm.hangul > 0 && 3 * norm.hangul >= norm.hangul + norm.latin;
}

bool is_korean_headline(std::string_view headline) {
  static const Normalizer normalizer;
  NormalizedLine norm;
  normalizer.normalize(headline, kDefaultMaxLineBytes, &norm);
  return is_korean_headline(norm);
}

std::string cue_name(const std::string& rule_id) {
  if (rule_id.compare(0, kCuePrefix.size(), kCuePrefix) == 0) return rule_id.substr(kCuePrefix.size());
  return rule_id;
}

}  // namespace sidebarspam
