// libFuzzer target: the HTML front end and score_html on arbitrary bytes. Checks what every
// result must keep: lines are in order inside the text, each ends at a "\n", none is blank or
// shorter than 3 characters, the scored lines are the front end's lines, and clean_html is the
// body lines. Run by tests/fuzz/run.sh.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "sidebarspam/html.h"


extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string html(reinterpret_cast<const char*>(data), size);
  sidebarspam::HtmlOptions options;
  options.max_depth = 64;  // reach the depth limit with small inputs too
  const sidebarspam::HtmlScoreResult r = sidebarspam::score_html(fuzz_util::shipped_classifier(), html, options);
  const sidebarspam::HtmlPage& page = r.page;
  if (page.encoding.empty() || page.encoding_source.empty()) std::abort();
  if (r.result.lines.size() != page.lines.size()) std::abort();
  std::size_t pos = 0;
  std::string kept;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    const auto& line = page.lines[i];
    if (line.start != pos || line.end <= line.start + 2 || line.end >= page.text.size() + 1) std::abort();
    if (page.text[line.end] != '\n') std::abort();
    if (page.text.find('\n', line.start) != line.end) std::abort();
    if (r.result.lines[i].start != line.start || r.result.lines[i].end != line.end) std::abort();
    if (line.dom.link_chars > line.dom.chars) std::abort();
    if (line.dom.list_position > line.dom.list_length) std::abort();
    if (r.result.lines[i].label == sidebarspam::LineLabel::kBody) kept.append(page.text, line.start, line.end - line.start + 1);
    pos = line.end + 1;
  }
  if (pos != page.text.size()) std::abort();
  if (sidebarspam::clean_html(r) != kept) std::abort();
  return 0;
}
