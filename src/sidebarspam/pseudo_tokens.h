// Internal, features stage: every pseudo-token the line model's input can carry, numbered.
//
// The encoder (model_input.cc) emits pseudo-tokens as ids. Their text (training's fastText
// input, Classifier::model_inputs) and what a loaded model adds for them (resolved once at
// load, dense_model.h's KnownTokens) both come from this one table, so the training text and
// what scoring computes cannot drift apart, and scoring never formats or hashes them again.
//
// An id is a family (a token prefix of model_input.h plus how its value is written) and a
// value: "__l_" + 3 is PseudoTokenFamily::kLength with value 3. Matching rules come last, one
// id per rule of the rule set ("__r_" + the rule's id), so the table depends on the rules.
#ifndef SIDEBARSPAM_PSEUDO_TOKENS_H_
#define SIDEBARSPAM_PSEUDO_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace sidebarspam {

class RuleSet;

using PseudoToken = std::uint32_t;

// In the order encode_line emits them; their texts are written in pseudo_tokens.cc.
enum class PseudoTokenFamily : int {
  // The line itself.
  kBullet, kEnd, kLength, kWords, kHangulShare, kLatinShare, kDigitShare, kPunctShare,
  kQuote, kEllipsis, kTag, kGossip, kTruncated,
  // Its place in the document.
  kFromEnd, kRelativePosition, kDocumentLength, kAfterAnchor, kBeforeAnchor, kParagraph,
  kDensity, kNearest, kBulletRun,
  // Hints of the matching rules (by RuleHint value).
  kHint,
  // Neighbours.
  kPreviousNone, kPreviousBullet, kPreviousEnd, kPreviousLength, kPreviousHint,
  kNextNone, kNextBullet, kNextEnd, kNextLength, kNextHint,
  // Page context.
  kPeriod, kPeriodRun, kHeadlineLede, kMainBlockInside, kMainBlockBefore, kMainBlockAfter,
  kBlockRank, kTitleOverlap, kDuplicate,
  // Site memory.
  kSeen, kPreviousSeen, kNextSeen,
  kSimilarLength,
  kCount
};

// Values of each family, in family order: {smallest value, number of values}. Families
// without a value have one. bucket(value, bounds) gives 0..len(bounds): len(bounds) + 1 values;
// the int8 fields of the page context (page_context.h) have an id for every value of the type.
struct PseudoTokenValues {
  int first;
  int count;
};
inline constexpr PseudoTokenValues kPseudoTokenValues[] = {
    {0, 10}, {0, 12}, {0, 12}, {0, 10}, {0, 4}, {0, 4}, {0, 4}, {0, 4},  // bullets, endings, 11 length bounds, 9 word bounds, ratio_bucket
    {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1},
    {0, 8}, {0, 10}, {0, 7}, {0, 5}, {0, 1}, {0, 1},  // 7 bounds, fifths and 9 for the first line, 6 bounds, 4 bounds
    {0, 5}, {0, 5}, {0, 5},
    {0, 4},                                           // RuleHint values of line evidence
    {0, 1}, {0, 10}, {0, 12}, {0, 12}, {0, 4},
    {0, 1}, {0, 10}, {0, 12}, {0, 12}, {0, 4},
    {-128, 256}, {0, 5}, {0, 1}, {0, 1}, {0, 8}, {0, 8},  // period: int8; 7 bounds of the main block distance
    {-128, 256}, {-128, 256}, {0, 1},                     // block rank, title overlap: int8
    {0, 5}, {0, 1}, {0, 1},
    {0, 1},
};
static_assert(sizeof(kPseudoTokenValues) / sizeof(kPseudoTokenValues[0]) ==
              static_cast<std::size_t>(PseudoTokenFamily::kCount));

// The first id of each family (and past the last, the number of fixed ids), as a table:
// encode_line's ids are a load and an add.
struct FirstPseudoTokens {
  PseudoToken id[static_cast<int>(PseudoTokenFamily::kCount) + 1] = {};
  constexpr FirstPseudoTokens() {
    for (int f = 0; f < static_cast<int>(PseudoTokenFamily::kCount); ++f) {
      id[f + 1] = id[f] + static_cast<PseudoToken>(kPseudoTokenValues[f].count);
    }
  }
};
inline constexpr FirstPseudoTokens kFirstPseudoTokens{};
// Ids of the fixed families; rules come after them.
inline constexpr PseudoToken kFixedPseudoTokens = kFirstPseudoTokens.id[static_cast<int>(PseudoTokenFamily::kCount)];

// The id of family's token for value (0 for the families without one). A value outside the
// family's range is a bug in the encoder: it aborts rather than emit another token's id.
inline PseudoToken pseudo_token(PseudoTokenFamily family, int value = 0) {
  const PseudoTokenValues& values = kPseudoTokenValues[static_cast<int>(family)];
  const int index = value - values.first;
  if (index < 0 || index >= values.count) std::abort();
  return kFirstPseudoTokens.id[static_cast<int>(family)] + static_cast<PseudoToken>(index);
}
// The id of rule index h's token.
inline PseudoToken rule_pseudo_token(std::size_t rule_index) {
  return kFixedPseudoTokens + static_cast<PseudoToken>(rule_index);
}

// The text of id (rule ids from rules).
std::string pseudo_token_text(PseudoToken id, const RuleSet& rules);
// The texts of every id, in id order: what a model resolves at load.
std::vector<std::string> pseudo_token_texts(const RuleSet& rules);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PSEUDO_TOKENS_H_
