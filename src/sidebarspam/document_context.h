// Internal, features stage, part 2: what the lines around a line say about it. Anchors
// (copyright, byline: where the article most likely ended), the density of running text
// nearby, runs of lines with one bullet, and the page-level context of page_context.h.
#ifndef SIDEBARSPAM_DOCUMENT_CONTEXT_H_
#define SIDEBARSPAM_DOCUMENT_CONTEXT_H_

#include <vector>

#include "sidebarspam/line_shape.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/page_context.h"

namespace sidebarspam {

// All vectors have one entry per content line.
struct DocumentContext {
  std::vector<int> since_anchor;     // lines since the last anchor before the line; -1 = none
  std::vector<bool> before_anchor;   // an anchor follows the line
  std::vector<bool> paragraph;       // the line is running text
  std::vector<int> density;          // running-text lines within 3 lines
  std::vector<int> nearest;          // distance to the nearest running-text line (99 = over 8)
  std::vector<int> run;              // lines in the run of the line's bullet kind
  std::vector<LineContext> page;     // page_context(); empty when not wanted
};

void document_context(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                      bool with_page_context, DocumentContext* out);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_DOCUMENT_CONTEXT_H_
