// score_html / clean_html: the HTML front end (html_lines.cc) in front of Classifier::score.
#include "sidebarspam/html.h"

namespace sidebarspam {

HtmlScoreResult score_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options) {
  HtmlScoreResult out;
  out.page = html_to_lines(html, options);
  out.result = classifier.score(out.page.text);
  return out;
}

std::string clean_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options) {
  const HtmlScoreResult scored = score_html(classifier, html, options);
  std::string kept;
  for (std::size_t i = 0; i < scored.result.lines.size(); ++i) {
    const LineResult& line = scored.result.lines[i];
    if (line.label != LineLabel::kBody) continue;
    kept.append(scored.page.text, line.start, line.end - line.start);
    kept.push_back('\n');
  }
  return kept;
}

}  // namespace sidebarspam
