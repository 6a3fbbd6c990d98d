// Internal, features stage, part 3: the line model's input for one line. Its word tokens, then
// pseudo-tokens ("__e_da", "__r_copyright", ...) that carry the line's shape, its neighbours,
// its place in the document and on the page, and what the rules and the site memory say.
//
// The prefixes are the encoding's vocabulary: the loader checks a model's vocabulary against
// its manifest with the same constants (a model whose manifest claims rule features must know
// kRule tokens). Changing any of them, or what a token means, is a new kFeatureFormat.
//
// Pseudo-tokens are emitted as ids (pseudo_tokens.h); model_input_text writes the text that
// training gives fastText, and the scorer hands the ids to the model, which resolved what
// each one adds when it was loaded.
#ifndef SIDEBARSPAM_MODEL_INPUT_H_
#define SIDEBARSPAM_MODEL_INPUT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sidebarspam/document_context.h"
#include "sidebarspam/features.h"
#include "sidebarspam/pseudo_tokens.h"

namespace sidebarspam {

// Version of the model input encoding; a model's manifest records the one it was trained with.
inline constexpr int kFeatureFormat = 1;

namespace token {
inline constexpr char kEmpty[] = "ssempty";    // a line without word tokens
// The line itself.
inline constexpr char kBullet[] = "__b_";
inline constexpr char kEnd[] = "__e_";
inline constexpr char kLength[] = "__l_";
inline constexpr char kWords[] = "__w_";
inline constexpr char kHangulShare[] = "__hg_";
inline constexpr char kLatinShare[] = "__lt_";
inline constexpr char kDigitShare[] = "__dg_";
inline constexpr char kPunctShare[] = "__pu_";
inline constexpr char kQuote[] = "__quote";
inline constexpr char kEllipsis[] = "__ellip";
inline constexpr char kTag[] = "__tag";
inline constexpr char kGossip[] = "__gossip";
inline constexpr char kTruncated[] = "__trunc";
// Its place in the document.
inline constexpr char kFromEnd[] = "__fe_";
inline constexpr char kRelativePosition[] = "__rp_";
inline constexpr char kDocumentLength[] = "__dl_";
inline constexpr char kAfterAnchor[] = "__aa_";
inline constexpr char kBeforeAnchor[] = "__ba";
inline constexpr char kParagraph[] = "__para";
inline constexpr char kDensity[] = "__dens_";
inline constexpr char kNearest[] = "__near_";
inline constexpr char kBulletRun[] = "__run_";
inline constexpr char kSimilarLength[] = "__simlen";
// Rules: each matching rule and each hint among them.
inline constexpr char kRule[] = "__r_";
inline constexpr char kHint[] = "__h_";
// Neighbours: kPrevious / kNext + "b_", "e_", "l_", "h_" (as above) or "_none".
inline constexpr char kPrevious[] = "__p";
inline constexpr char kNext[] = "__n";
// Page context (page_context.h).
inline constexpr char kPeriod[] = "__per_";
inline constexpr char kPeriodRun[] = "__prl_";
inline constexpr char kHeadlineLede[] = "__hlp";
inline constexpr char kMainBlock[] = "__mb_";  // + "in", "b_<distance>", "a_<distance>"
inline constexpr char kBlockRank[] = "__brk_";
inline constexpr char kTitleOverlap[] = "__tov_";
inline constexpr char kDuplicate[] = "__dup";
// DOM tokens of a line read from HTML (html.h, dom_model_tokens); the block tag's prefix tells
// the loader a model was trained with them.
inline constexpr char kDomBlockTag[] = "__dt_";
// Site memory.
inline constexpr char kSeen[] = "__seen_";
inline constexpr char kPreviousSeen[] = "__pseen";
inline constexpr char kNextSeen[] = "__nseen";
}  // namespace token

// Writes the model input of content line k into *out (replacing it).
void encode_line(const DocumentFeatures& features, const DocumentContext& context, const RuleSet& rules,
                 const FeatureConfig& config, std::size_t k, LineInput* out);

// The input as fastText reads it: the words, then each pseudo-token's text, space-separated.
std::string model_input_text(const LineInput& input, const RuleSet& rules);
// The same for every content line of a document.
std::vector<std::string> model_input_texts(const DocumentFeatures& features, const RuleSet& rules);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_MODEL_INPUT_H_
