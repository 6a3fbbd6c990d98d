// Internal: what a line's place on the whole page says about it (part of the features stage).
//
// A line's own text and its neighbours do not tell a teaser lede from a paragraph, or the
// page's title from a headline in a list. The page does: lists repeat a shape every one to
// three lines, teaser lists pair a headline with a sentence again and again, the article is
// the block with the most running text, and the title shares its words with that block.
#ifndef SIDEBARSPAM_PAGE_CONTEXT_H_
#define SIDEBARSPAM_PAGE_CONTEXT_H_

#include <cstdint>
#include <vector>

#include "sidebarspam/normalize.h"

namespace sidebarspam {

struct LineShape;

enum class MainBlockPosition : std::int8_t { kNone, kInside, kBefore, kAfter };

struct LineContext {
  std::int8_t period = 0;      // 2 or 3 when the line's shape recurs that many lines away, else 0
  std::int8_t period_run = 0;  // lines in the periodic run around it (0 when period is 0)
  bool headline_lede = false;  // part of a repeated headline-then-sentence pair
  MainBlockPosition main = MainBlockPosition::kNone;
  std::int16_t main_distance = 0;  // lines to the main text block (before/after it)
  std::int8_t block_rank = -1;     // rank by text mass of the text block the line is in (-1 none)
  std::int8_t title_overlap = -1;  // headline-like lines: share of syllable bigrams found in the main block, 0..3
  bool duplicate = false;          // the same tokens occur on another line of the page
};

// paragraph[k]: line k is running text (see features.cc). One LineContext per content line.
void page_context(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                  const std::vector<bool>& paragraph, std::vector<LineContext>* out);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PAGE_CONTEXT_H_
