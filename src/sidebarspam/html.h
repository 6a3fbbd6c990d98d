// sidebarspam/html.h — score and clean a page given as HTML.
//
//   sidebarspam::HtmlScoreResult r = sidebarspam::score_html(*classifier, html_bytes);
//   std::cout << "decoded as " << r.page.encoding << " (" << r.page.encoding_source << ")\n";
//   for (std::size_t i = 0; i < r.result.lines.size(); ++i)
//     std::cout << sidebarspam::label_name(r.result.lines[i].label) << "\t"
//               << r.page.lines[i].dom_path << "\t" << r.page.line_text(i) << "\n";
//   std::string article = sidebarspam::clean_html(*classifier, html_bytes);  // body lines, "\n" each
//
// The page is parsed once (libxml2's HTML parser) and turned into lines by one recipe, the one
// the English training pages were made with (README "HTML in"): every block element (p, div, li,
// h1-h6, td, br, ...) starts and ends a line, inline text (a, span, b, ...) is joined into the
// current line, <pre> is split at its newlines, head/script/style/noscript/template/svg/iframe/
// object/embed/canvas/video/audio are dropped (their tail text is kept), zero-width characters
// are removed, whitespace is collapsed and lines shorter than three characters are dropped. The
// lines, joined with "\n", are the text that the classifier then labels (with its HTML model,
// ModelPaths::html_model_dir, when it has one; else as Classifier::score()), so offsets in the
// result are byte offsets into HtmlPage::text, and line i of the result is HtmlPage::lines[i].
//
// Encoding (what the English training pages were decoded with): a BOM (UTF-8, UTF-16LE/BE),
// else UTF-8 when the bytes are valid UTF-8, else the <meta charset> / http-equiv
// content-type charset in the first 4096 bytes, else windows-1252. Bytes that are invalid in
// the chosen encoding become U+FFFD. HtmlPage::encoding and encoding_source say what was used.
//
// Any bytes are accepted and give a defined result: HtmlOptions::max_html_bytes bounds the
// input read (the rest is ignored, `truncated` set); elements nested deeper than
// HtmlOptions::max_depth are read as inline text of the element at the limit (their text joins
// its line; paths stop there). Time and memory are linear in the input (100,000 nested <div>s:
// 50 ms; a 50 MB page: about 2 s). Nothing here throws, prints or exits.
//
// Thread safety: free functions over a const Classifier; call them from any number of threads.
// All types are plain copyable values.
#ifndef SIDEBARSPAM_HTML_H_
#define SIDEBARSPAM_HTML_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/classifier.h"
#include "sidebarspam/result.h"

namespace sidebarspam {

//   option          default   meaning
//   max_html_bytes  64 MiB    bytes of the input read; the rest is ignored (truncated = true)
//   max_depth       256       elements nested deeper than this are read as part of their
//                             ancestor at the limit (no deeper lines, paths or features)
//   encoding        ""        decode as this encoding (iconv name), skipping the detection
struct HtmlOptions {
  std::size_t max_html_bytes = std::size_t{64} << 20;
  int max_depth = 256;
  std::string encoding;
};

// Where in the DOM a line comes from, and what the DOM says about it. Counted at the line's
// first non-blank text, except the link counts, which cover the whole line.
struct DomFeatures {
  // Characters (code points, whitespace excluded) of the line and how many of them are inside
  // an <a href>; link_chars / chars is the share of link text.
  std::uint32_t chars = 0;
  std::uint32_t link_chars = 0;
  // Distinct links (<a> elements) that gave the line text.
  std::uint32_t links = 0;
  // The innermost block element holding the line ("p", "li", "h2", "td", "figcaption", ...;
  // "pre" for a <pre> piece, "body" for loose text).
  std::string block_tag;
  // Element depth (html = 1), counted beyond max_depth too.
  std::uint32_t depth = 0;
  // Inside one of these elements (or an element with the matching ARIA role: navigation,
  // complementary, contentinfo, banner, main), as bits of kInNav, ...
  std::uint32_t inside = 0;
  // For a line inside an <li>: the number of <li> children of its list and its 1-based
  // position among them; 0 and 0 otherwise.
  std::uint32_t list_length = 0;
  std::uint32_t list_position = 0;
  // Lower-cased alphabetic tokens (3 letters or more) of the class and id attributes of the
  // line's ancestors, innermost first, without duplicates, at most 24 ("related", "share",
  // "footer", ...). Generic evidence for a model to weigh, never matched against site names.
  std::vector<std::string> class_tokens;
};
constexpr std::uint32_t kInNav = 1, kInAside = 2, kInFooter = 4, kInHeader = 8, kInArticle = 16,
                        kInMain = 32, kInForm = 64;

struct HtmlLine {
  // Byte range of the line in HtmlPage::text (no terminator; the next line starts at end + 1).
  std::size_t start = 0;
  std::size_t end = 0;
  // The element chain at the line's first text, outermost first, "tag#id.class.class" per
  // element, joined by " > " ("html > body > div#main.story > p").
  std::string dom_path;
  DomFeatures dom;
};

struct HtmlPage {
  // The lines, each followed by "\n".
  std::string text;
  std::vector<HtmlLine> lines;
  // The encoding the bytes were decoded with ("utf-8", "utf-16le", "windows-1252", "euc-kr",
  // ...) and why: "bom", "utf-8" (the bytes are valid UTF-8), "meta" (a <meta> charset),
  // "default" (windows-1252 when nothing else applies), "option" (HtmlOptions::encoding).
  std::string encoding;
  std::string encoding_source;
  // True when the input was longer than max_html_bytes or nested deeper than max_depth.
  bool truncated = false;

  std::string_view line_text(std::size_t i) const {
    return std::string_view(text).substr(lines[i].start, lines[i].end - lines[i].start);
  }
};

// The DOM features of a line as line-model input words, the one place they are made (for
// training and scoring alike): "__dt_li" (block tag), "__dl2" (share of link text: 0 none,
// 1 under 30 %, 2 under 70 %, 3 under 95 %, 4 more), "__dn2" (links: 0, 1, 2-3, 4+), "__di_nav"
// (one per enclosing nav/aside/footer/header/article/main/form), "__dq3" / "__dp_last"
// (list length bucket and position: first, mid, last), "__dd2" (depth bucket) and "__dc_related"
// (the 8 innermost class/id tokens, as words). A model trained on them reads them when a page
// comes as HTML; plain text gives none.
std::string dom_model_tokens(const DomFeatures& dom);

// Parses the page and returns its lines (the recipe above). Any bytes; empty input: no lines.
HtmlPage html_to_lines(std::string_view html, const HtmlOptions& options = {});

struct HtmlScoreResult {
  HtmlPage page;
  // The labels of page.text (by the HTML model when the classifier has one, else as
  // classifier.score(page.text)): line i is page.lines[i].
  ScoreResult result;
};

// Converts the page and labels its lines.
HtmlScoreResult score_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options = {});

// score_html of many pages on `threads` threads (0 = all cores), results in input order and
// identical to calling score_html on each.
std::vector<HtmlScoreResult> score_html_batch(const Classifier& classifier, const std::vector<std::string_view>& html,
                                              int threads = 0, const HtmlOptions& options = {});

// The body lines of a scored page, each followed by "\n".
std::string clean_html(const HtmlScoreResult& scored);

// The article as text: the body lines of score_html, each followed by "\n".
std::string clean_html(const Classifier& classifier, std::string_view html, const HtmlOptions& options = {});

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_HTML_H_
