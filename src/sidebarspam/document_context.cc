#include "sidebarspam/document_context.h"

#include <cstddef>

#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

constexpr unsigned kAnchorBit = 1u << static_cast<int>(RuleHint::kAnchor);

// Anchors: where the article body most likely ended (copyright, byline). Only anchors past
// the first fifth of the lines count for "since": a copyright notice in a page header says
// nothing about where the article stops.
void anchors(const std::vector<LineShape>& shape, DocumentContext* out) {
  const std::size_t m = shape.size();
  out->since_anchor.assign(m, -1);
  int last_anchor = -1;
  for (std::size_t k = 0; k < m; ++k) {
    if (last_anchor >= 0) out->since_anchor[k] = static_cast<int>(k) - last_anchor;
    if ((shape[k].hint_mask & kAnchorBit) && 5 * k >= m) last_anchor = static_cast<int>(k);
  }
  out->before_anchor.assign(m, false);
  bool seen = false;
  for (std::size_t k = m; k-- > 0;) {
    out->before_anchor[k] = seen;
    if (shape[k].hint_mask & kAnchorBit) seen = true;
  }
}

// Text density around a line: article paragraphs come in runs, chrome and link lists sit
// between them or after them (the context idea of jusText, on plain text).
void density(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape, DocumentContext* out) {
  const std::size_t m = shape.size();
  out->paragraph.assign(m, false);
  for (std::size_t k = 0; k < m; ++k) {
    const EndKind e = shape[k].end;
    const int cps = norm[k].codepoints;
    const bool sentence_end = e == EndKind::kPeriod || e == EndKind::kDaPeriod || e == EndKind::kQuestion ||
                              e == EndKind::kExclaim || e == EndKind::kQuote || e == EndKind::kDa;
    out->paragraph[k] = (cps >= 60 && sentence_end) || cps >= 150;
  }
  out->density.assign(m, 0);
  out->nearest.assign(m, 99);
  for (std::size_t k = 0; k < m; ++k) {
    for (std::size_t j = k >= 3 ? k - 3 : 0; j <= k + 3 && j < m; ++j) {
      if (j != k && out->paragraph[j]) out->density[k] += 1;
    }
    for (std::size_t d = 1; d <= 8; ++d) {
      if ((k >= d && out->paragraph[k - d]) || (k + d < m && out->paragraph[k + d])) {
        out->nearest[k] = static_cast<int>(d);
        break;
      }
    }
  }
}

// Runs of lines that share a bullet: sidebars are lists.
void bullet_runs(const std::vector<LineShape>& shape, std::vector<int>* run) {
  const std::size_t m = shape.size();
  run->assign(m, 0);
  for (std::size_t k = 0; k < m;) {
    std::size_t j = k;
    while (j < m && shape[j].bullet == shape[k].bullet) ++j;
    for (std::size_t t = k; t < j; ++t) (*run)[t] = static_cast<int>(j - k);
    k = j;
  }
}

}  // namespace

void document_context(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                      bool with_page_context, DocumentContext* out) {
  anchors(shape, out);
  density(norm, shape, out);
  bullet_runs(shape, &out->run);
  out->page.clear();
  if (with_page_context) page_context(norm, shape, out->paragraph, &out->page);
}

}  // namespace sidebarspam
