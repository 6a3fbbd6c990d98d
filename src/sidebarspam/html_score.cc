// score_html / clean_html: the HTML front end (html_lines.cc) in front of Classifier::score.
#include <algorithm>
#include <initializer_list>
#include <utility>

#include "sidebarspam/html.h"
#include "sidebarspam/line_shape.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/parallel.h"

namespace sidebarspam {

namespace {
// The line shapes' bucket(), for the DOM's unsigned counts (clamped: any count past the last
// bound lands in the last bucket either way).
int bucket_of(std::uint32_t value, std::initializer_list<int> upper_bounds) {
  return bucket(static_cast<int>(std::min<std::uint32_t>(value, 1u << 30)), upper_bounds);
}
}  // namespace

std::string dom_model_tokens(const DomFeatures& dom) {
  std::string out;
  auto add = [&out](const std::string& token) {
    if (!out.empty()) out.push_back(' ');
    out += token;
  };
  add(token::kDomBlockTag + dom.block_tag);
  int link = 0;
  if (dom.link_chars > 0 && dom.chars > 0) {
    const double share = static_cast<double>(dom.link_chars) / dom.chars;
    link = share < 0.3 ? 1 : share < 0.7 ? 2 : share < 0.95 ? 3 : 4;
  }
  add("__dl" + std::to_string(link));
  add("__dn" + std::to_string(bucket_of(dom.links, {0, 1, 3})));
  static const std::pair<std::uint32_t, const char*> kInside[] = {
      {kInNav, "nav"}, {kInAside, "aside"}, {kInFooter, "footer"}, {kInHeader, "header"},
      {kInArticle, "article"}, {kInMain, "main"}, {kInForm, "form"}};
  for (const auto& [bit, name] : kInside)
    if (dom.inside & bit) add(std::string("__di_") + name);
  if (dom.list_length > 0) {
    add("__dq" + std::to_string(bucket_of(dom.list_length, {1, 3, 6, 12})));
    add(dom.list_position == 1 ? "__dp_first" : dom.list_position == dom.list_length ? "__dp_last" : "__dp_mid");
  }
  add("__dd" + std::to_string(bucket_of(dom.depth, {6, 10, 14, 20})));
  for (std::size_t i = 0; i < dom.class_tokens.size() && i < 8; ++i) add("__dc_" + dom.class_tokens[i]);
  return out;
}

HtmlScoreResult score_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options) {
  HtmlScoreResult out;
  out.page = html_to_lines(html, options);
  std::vector<std::string> tokens;
  tokens.reserve(out.page.lines.size());
  for (const HtmlLine& line : out.page.lines) tokens.push_back(dom_model_tokens(line.dom));
  out.result = classifier.score_with_line_tokens(out.page.text, tokens);
  return out;
}

std::vector<HtmlScoreResult> score_html_batch(const Classifier& classifier, const std::vector<std::string_view>& html,
                                              int threads, const HtmlOptions& options) {
  std::vector<HtmlScoreResult> out(html.size());
  parallel_for(html.size(), threads, [&](std::size_t i) { out[i] = score_html(classifier, html[i], options); });
  return out;
}

std::string clean_html(const HtmlScoreResult& scored) {
  std::string kept;
  for (const LineResult& line : scored.result.lines) {
    if (line.label != LineLabel::kBody) continue;
    kept.append(scored.page.text, line.start, line.end - line.start);
    kept.push_back('\n');
  }
  return kept;
}

std::string clean_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options) {
  return clean_html(score_html(classifier, html, options));
}

}  // namespace sidebarspam
