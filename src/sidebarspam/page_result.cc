#include "sidebarspam/page_result.h"

#include "sidebarspam/clickbait.h"
#include "sidebarspam/headline.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

void add_reasons(const PageDecisions& page, const RuleSet& rules, std::size_t k, std::vector<std::string>* reasons) {
  const DocumentFeatures& f = page.features;
  const Segmentation& seg = page.segmentation;
  for (int h : f.hits[k]) reasons->push_back("rule:" + rules.rule(h).id);
  if (f.shape[k].bullet != BulletKind::kNone) reasons->push_back("bullet");
  if (f.after_anchor[k]) reasons->push_back("after_anchor");
  if (k >= seg.tail_start) reasons->push_back("tail");
  if (seg.trailing_block && k >= seg.trailing_block->first && k <= seg.trailing_block->second) {
    reasons->push_back("trailing_block");
  }
  if (f.norm[k].truncated) reasons->push_back("truncated");
  if (f.seen[k] > 0) reasons->push_back("site_seen:" + std::to_string(f.seen[k]));
}

// Blank lines follow the content line before them (or after, at the top of the text), so a
// removed block takes its inner blank lines with it and the body keeps its paragraph breaks.
void label_blank_lines(const PageDecisions& page, std::vector<LineResult>* lines) {
  const DocumentFeatures& f = page.features;
  std::vector<long> content_of(lines->size(), -1);
  for (std::size_t k = 0; k < f.content.size(); ++k) content_of[f.content[k]] = static_cast<long>(k);
  long previous = f.content.empty() ? -1 : 0;  // before the first content line: that line
  for (std::size_t i = 0; i < lines->size(); ++i) {
    if (content_of[i] >= 0) {
      previous = content_of[i];
      continue;
    }
    LineResult& line = (*lines)[i];
    if (previous >= 0) {
      line.label = page.segmentation.labels[previous];
      line.probabilities = page.probabilities[previous];
    }
    line.reasons.push_back("blank");
  }
}

// Byte range of content lines [first, last], with the last one's terminator.
template <typename Block>
Block block_of(const PageDecisions& page, std::size_t first, std::size_t last) {
  Block block;
  block.first_line = page.features.content[first];
  block.last_line = page.features.content[last];
  block.start = page.spans[block.first_line].start;
  block.end = page.spans[block.last_line].next;
  return block;
}

}  // namespace

float HeadlineScoring::score(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& line_hits,
                             std::vector<std::string>* cues) const {
  thread_local std::vector<int> with_cues;
  with_cues = line_hits;
  rules->match_cues(norm.clean, &with_cues);
  const float p = model->score(norm, shape, with_cues, *rules, cues);
  return p < min ? 0.0f : p;
}

ScoreResult assemble_result(const PageDecisions& page, const RuleSet& rules, const HeadlineScoring& headlines) {
  const DocumentFeatures& f = page.features;
  ScoreResult result;
  result.lines.resize(page.spans.size());
  for (std::size_t k = 0; k < f.content.size(); ++k) {
    LineResult& line = result.lines[f.content[k]];
    line.label = page.segmentation.labels[k];
    line.probabilities = page.probabilities[k];
    add_reasons(page, rules, k, &line.reasons);
    if (headlines.model != nullptr && is_headline_like(f.norm[k], f.shape[k])) {
      line.clickbait = headlines.score(f.norm[k], f.shape[k], f.hits[k], &line.reasons);
      line.is_clickbait = *line.clickbait >= headlines.model->threshold(f.norm[k]);
    }
  }
  label_blank_lines(page, &result.lines);
  for (std::size_t i = 0; i < page.spans.size(); ++i) {
    result.lines[i].start = page.spans[i].start;
    result.lines[i].end = page.spans[i].end;
    result.lines[i].next = page.spans[i].next;
  }
  for (const LabelRun& run : junk_runs(page.segmentation.labels)) {
    JunkBlock block = block_of<JunkBlock>(page, run.first, run.last);
    block.kind = run.label;
    result.blocks.push_back(block);
  }
  if (const auto& trailing = page.segmentation.trailing_block) {
    result.trailing_block = block_of<TrailingBlock>(page, trailing->first, trailing->second);
  }
  if (headlines.model != nullptr) result.spam_score = headlines.model->page_score(result);
  return result;
}

}  // namespace sidebarspam
