// score_html / clean_html: the HTML front end (html_lines.cc) in front of Classifier::score.
#include <algorithm>
#include <atomic>
#include <initializer_list>
#include <thread>
#include <utility>

#include "sidebarspam/html.h"

namespace sidebarspam {

namespace {
int bucket_of(std::uint32_t value, std::initializer_list<std::uint32_t> upper_bounds) {
  int b = 0;
  for (std::uint32_t bound : upper_bounds) {
    if (value <= bound) return b;
    ++b;
  }
  return b;
}
}  // namespace

std::string dom_model_tokens(const DomFeatures& dom) {
  std::string out;
  auto add = [&out](const std::string& token) {
    if (!out.empty()) out.push_back(' ');
    out += token;
  };
  add("__dt_" + dom.block_tag);
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
