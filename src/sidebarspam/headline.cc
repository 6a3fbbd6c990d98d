#include "sidebarspam/headline.h"

#include "sidebarspam/features.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

void add(std::string* out, std::string_view prefix, std::string_view name) {
  out->push_back(' ');
  out->append(prefix);
  out->append(name);
}

constexpr std::string_view kCuePrefix = "cue_";

}  // namespace

void clickbait_input(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     const RuleSet& rules, std::string* out, int skip) {
  // The same token names as the line model's input (model_input.h); word buckets differ.
  *out = norm.tokens;
  if (out->empty()) *out = token::kEmpty;
  add(out, token::kEnd, end_name(shape.end));
  add(out, token::kWords, std::to_string(bucket(norm.words, {2, 4, 6, 8, 10, 13, 16, 20})));
  add(out, token::kHangulShare, std::to_string(ratio_bucket(norm.hangul, norm.codepoints)));
  if (shape.has_quote) add(out, token::kQuote, "");
  if (shape.has_ellipsis) add(out, token::kEllipsis, "");
  if (shape.has_tag) add(out, token::kTag, "");
  if (shape.has_gossip_mark) add(out, token::kGossip, "");
  for (int h : hits) {
    if (h != skip) add(out, token::kRule, rules.rule(h).id);
  }
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
