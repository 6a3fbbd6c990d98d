// score_html / clean_html: the HTML front end (html_lines.cc) in front of Classifier::score.
#include <algorithm>
#include <atomic>
#include <thread>

#include "sidebarspam/html.h"

namespace sidebarspam {

HtmlScoreResult score_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options) {
  HtmlScoreResult out;
  out.page = html_to_lines(html, options);
  out.result = classifier.score(out.page.text);
  return out;
}

std::vector<HtmlScoreResult> score_html_batch(const Classifier& classifier, const std::vector<std::string_view>& html,
                                              int threads, const HtmlOptions& options) {
  std::vector<HtmlScoreResult> out(html.size());
  std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads) : std::thread::hardware_concurrency();
  workers = std::max<std::size_t>(1, std::min(workers, html.size()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < html.size(); i = next++) out[i] = score_html(classifier, html[i], options);
  };
  if (workers <= 1) {
    work();
    return out;
  }
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
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
