#include "sidebarspam/features.h"

#include "sidebarspam/document_context.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {

void analyse_lines(std::string_view text, const std::vector<LineSpan>& spans, const Normalizer& normalizer,
                   const RuleSet& rules, std::size_t max_line_bytes, DocumentFeatures* out) {
  out->content.clear();
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (!is_blank(text.substr(spans[i].start, spans[i].end - spans[i].start))) out->content.push_back(i);
  }
  const std::size_t m = out->content.size();
  out->norm.resize(m);
  out->hits.resize(m);
  out->shape.resize(m);
  out->seen.assign(m, 0);
  for (std::size_t k = 0; k < m; ++k) {
    const LineSpan& span = spans[out->content[k]];
    normalizer.normalize(text.substr(span.start, span.end - span.start), max_line_bytes, &out->norm[k]);
    rules.match(out->norm[k].clean, &out->hits[k]);
    out->shape[k] = shape_of_line(out->norm[k]);
    for (int h : out->hits[k]) out->shape[k].hint_mask |= 1u << static_cast<int>(rules.rule(h).hint);
  }
}

void encode_document(const RuleSet& rules, const FeatureConfig& config, DocumentFeatures* out) {
  thread_local DocumentContext context;
  document_context(out->norm, out->shape, config.use_page_context, &context);
  const std::size_t m = out->content.size();
  out->after_anchor.resize(m);
  out->model_input.resize(m);
  for (std::size_t k = 0; k < m; ++k) {
    out->after_anchor[k] = context.since_anchor[k] >= 0;
    encode_line(*out, context, rules, config, k, &out->model_input[k]);
  }
}

void extract_features(std::string_view text, const std::vector<LineSpan>& spans, const Normalizer& normalizer,
                      const RuleSet& rules, const FeatureConfig& config, DocumentFeatures* out) {
  analyse_lines(text, spans, normalizer, rules, config.max_line_bytes, out);
  encode_document(rules, config, out);
}

}  // namespace sidebarspam
