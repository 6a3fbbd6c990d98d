#include "sidebarspam/pseudo_tokens.h"

#include <string_view>

#include "sidebarspam/line_shape.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

// Hints as tokens name them, by RuleHint value (body, boilerplate, sidebar, anchor); the
// clickbait hint is never line evidence.
std::string_view hint_name(int hint) {
  static constexpr std::string_view kNames[] = {"body", "boil", "side", "anchor"};
  return kNames[hint];
}
std::string_view bullet_name_of(int b) { return bullet_name(static_cast<BulletKind>(b)); }
std::string_view end_name_of(int e) { return end_name(static_cast<EndKind>(e)); }

// How a family's tokens are written: its prefix, then nothing, the value as a number, or the
// value's name.
struct Writing {
  std::string prefix;
  std::string_view (*name)(int) = nullptr;
  bool number = false;
};
Writing flag(std::string prefix) { return {std::move(prefix), nullptr, false}; }
Writing number(std::string prefix) { return {std::move(prefix), nullptr, true}; }
Writing named(std::string prefix, std::string_view (*name)(int)) { return {std::move(prefix), name, false}; }

// The text of every fixed id, in id order.
std::vector<std::string> fixed_texts() {
  using F = PseudoTokenFamily;
  std::vector<Writing> writing(static_cast<std::size_t>(F::kCount));
  auto set = [&](F f, Writing w) { writing[static_cast<std::size_t>(f)] = std::move(w); };
  set(F::kBullet, named(token::kBullet, bullet_name_of));
  set(F::kEnd, named(token::kEnd, end_name_of));
  set(F::kLength, number(token::kLength));
  set(F::kWords, number(token::kWords));
  set(F::kHangulShare, number(token::kHangulShare));
  set(F::kLatinShare, number(token::kLatinShare));
  set(F::kDigitShare, number(token::kDigitShare));
  set(F::kPunctShare, number(token::kPunctShare));
  set(F::kQuote, flag(token::kQuote));
  set(F::kEllipsis, flag(token::kEllipsis));
  set(F::kTag, flag(token::kTag));
  set(F::kGossip, flag(token::kGossip));
  set(F::kTruncated, flag(token::kTruncated));
  set(F::kFromEnd, number(token::kFromEnd));
  set(F::kRelativePosition, number(token::kRelativePosition));
  set(F::kDocumentLength, number(token::kDocumentLength));
  set(F::kAfterAnchor, number(token::kAfterAnchor));
  set(F::kBeforeAnchor, flag(token::kBeforeAnchor));
  set(F::kParagraph, flag(token::kParagraph));
  set(F::kDensity, number(token::kDensity));
  set(F::kNearest, number(token::kNearest));
  set(F::kBulletRun, number(token::kBulletRun));
  set(F::kHint, named(token::kHint, hint_name));
  const std::string previous = token::kPrevious, next = token::kNext;
  set(F::kPreviousNone, flag(previous + "_none"));
  set(F::kPreviousBullet, named(previous + "b_", bullet_name_of));
  set(F::kPreviousEnd, named(previous + "e_", end_name_of));
  set(F::kPreviousLength, number(previous + "l_"));
  set(F::kPreviousHint, named(previous + "h_", hint_name));
  set(F::kNextNone, flag(next + "_none"));
  set(F::kNextBullet, named(next + "b_", bullet_name_of));
  set(F::kNextEnd, named(next + "e_", end_name_of));
  set(F::kNextLength, number(next + "l_"));
  set(F::kNextHint, named(next + "h_", hint_name));
  set(F::kPeriod, number(token::kPeriod));
  set(F::kPeriodRun, number(token::kPeriodRun));
  set(F::kHeadlineLede, flag(token::kHeadlineLede));
  set(F::kMainBlockInside, flag(std::string(token::kMainBlock) + "in"));
  set(F::kMainBlockBefore, number(std::string(token::kMainBlock) + "b_"));
  set(F::kMainBlockAfter, number(std::string(token::kMainBlock) + "a_"));
  set(F::kBlockRank, number(token::kBlockRank));
  set(F::kTitleOverlap, number(token::kTitleOverlap));
  set(F::kDuplicate, flag(token::kDuplicate));
  set(F::kSeen, number(token::kSeen));
  set(F::kPreviousSeen, flag(token::kPreviousSeen));
  set(F::kNextSeen, flag(token::kNextSeen));
  set(F::kSimilarLength, flag(token::kSimilarLength));
  std::vector<std::string> texts;
  for (std::size_t f = 0; f < writing.size(); ++f) {
    const Writing& w = writing[f];
    const PseudoTokenValues& values = kPseudoTokenValues[f];
    for (int i = 0; i < values.count; ++i) {
      if (w.name != nullptr) {
        texts.push_back(w.prefix + std::string(w.name(i)));
      } else if (w.number) {
        texts.push_back(w.prefix + std::to_string(values.first + i));
      } else {
        texts.push_back(w.prefix);
      }
    }
  }
  return texts;
}

const std::vector<std::string>& fixed() {
  static const std::vector<std::string> texts = fixed_texts();
  return texts;
}

}  // namespace

std::string pseudo_token_text(PseudoToken id, const RuleSet& rules) {
  if (id < kFixedPseudoTokens) return fixed()[id];
  return token::kRule + rules.rule(id - kFixedPseudoTokens).id;
}

std::vector<std::string> pseudo_token_texts(const RuleSet& rules) {
  std::vector<std::string> texts = fixed();
  for (std::size_t h = 0; h < rules.size(); ++h) texts.push_back(token::kRule + rules.rule(h).id);
  return texts;
}

}  // namespace sidebarspam
