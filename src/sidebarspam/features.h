// Internal: the features stage. Turns the lines of one document into the model's input, in
// three steps that the scorer and the trainer both run, so that what the model learned is
// exactly what it is shown:
//   1. analyse_lines    per line: normalise, match the rules, take its shape (line_shape.h)
//   2. (the caller)     with a site memory: count the page's lines on the site (seen)
//   3. encode_document  the document's context (document_context.h) and each line's model
//                       input (model_input.h)
// extract_features runs 1 and 3 for a page without site memory.
#ifndef SIDEBARSPAM_FEATURES_H_
#define SIDEBARSPAM_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/line_shape.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/options.h"

namespace sidebarspam {

class RuleSet;

struct FeatureConfig {
  std::size_t max_line_bytes = kDefaultMaxLineBytes;  // longer lines are cut before normalising
  bool use_rules = true;              // false: rule pseudo-tokens left out (ablation)
  bool use_site_memory = false;       // emit "seen on the site" pseudo-tokens (model trained with them)
  bool use_page_context = true;       // emit page-context pseudo-tokens (page_context.h; false: ablation)
};

// The line model's input for one line (model_input.h).
struct LineInput {
  std::string words;                 // the normalised word tokens, space-separated, or token::kEmpty
  std::vector<std::uint32_t> pseudo; // then the pseudo-tokens, as ids (pseudo_tokens.h)
};

struct DocumentFeatures {
  std::vector<std::size_t> content;     // indices into the line spans of the non-blank lines
  // Step 1, per content line:
  std::vector<NormalizedLine> norm;
  std::vector<std::vector<int>> hits;   // matching rule indices
  std::vector<LineShape> shape;         // with hint_mask from the hits
  // Step 2, per content line: pages of the site that had the line (all 0 without a memory).
  std::vector<std::uint32_t> seen;
  // Step 3, per content line:
  std::vector<bool> after_anchor;       // an anchor rule matched earlier
  std::vector<LineInput> model_input;
};

// Step 1. Resets out (seen to zeros). Thread-safe for distinct outs.
void analyse_lines(std::string_view text, const std::vector<LineSpan>& spans, const Normalizer& normalizer,
                   const RuleSet& rules, std::size_t max_line_bytes, DocumentFeatures* out);
// Step 3, from the results of steps 1 and 2 in out.
void encode_document(const RuleSet& rules, const FeatureConfig& config, DocumentFeatures* out);

// Steps 1 and 3: the features of a page scored without site memory.
void extract_features(std::string_view text, const std::vector<LineSpan>& spans, const Normalizer& normalizer,
                      const RuleSet& rules, const FeatureConfig& config, DocumentFeatures* out);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_FEATURES_H_
