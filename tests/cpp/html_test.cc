#include "sidebarspam/html.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "catch.h"
#include "test_util.h"

using sidebarspam::HtmlOptions;
using sidebarspam::HtmlPage;
using sidebarspam::html_to_lines;
using test_util::scaled;

namespace {

std::vector<std::string> texts(const HtmlPage& page) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < page.lines.size(); ++i) out.emplace_back(page.line_text(i));
  return out;
}

}  // namespace

TEST_CASE("block elements make lines, inline text is joined", "[html]") {
  const HtmlPage page = html_to_lines(
      "<html><head><title>not text</title></head><body>"
      "<h1>The  <b>city</b>&nbsp;council votes</h1>"
      "<p>First <a href='/x'>paragraph</a> here.<br>After the break.</p>"
      "<div>ab</div>"  // shorter than three characters: dropped
      "<script>var x = 'dropped';</script><p>tail\u200b kept</p>"
      "<ul class='related-stories'><li><a href='/1'>One story link</a></li><li><a href='/2'>Two story link</a></li></ul>"
      "</body></html>");
  REQUIRE(texts(page) == std::vector<std::string>{"The city council votes", "First paragraph here.",
                                                  "After the break.", "tail kept", "One story link",
                                                  "Two story link"});
  REQUIRE(page.text == "The city council votes\nFirst paragraph here.\nAfter the break.\ntail kept\n"
                       "One story link\nTwo story link\n");
  REQUIRE(page.encoding == "utf-8");
  REQUIRE(page.encoding_source == "utf-8");
  CHECK(page.lines[0].dom.block_tag == "h1");
  CHECK(page.lines[0].dom_path == "html > body > h1");
  CHECK(page.lines[1].dom.links == 1);
  CHECK(page.lines[1].dom.link_chars == 9);
  CHECK(page.lines[1].dom.chars == 19);
  const auto& li = page.lines[5];
  CHECK(li.dom.block_tag == "li");
  CHECK(li.dom.list_length == 2);
  CHECK(li.dom.list_position == 2);
  CHECK(li.dom.link_chars == li.dom.chars);
  CHECK(li.dom_path == "html > body > ul.related-stories > li > a");
  CHECK(li.dom.class_tokens == std::vector<std::string>{"related", "stories"});
}

TEST_CASE("pre is split at its newlines; nav/footer/role are reported", "[html]") {
  const HtmlPage page = html_to_lines(
      "<body><nav><a href='/'>Home page</a></nav><pre>line one\n  line two\n\nend</pre>"
      "<div role='contentinfo'>Copyright notice</div><footer id='site-footer'><p>Footer text</p></footer></body>");
  REQUIRE(texts(page) == std::vector<std::string>{"Home page", "line one", "line two", "end", "Copyright notice",
                                                  "Footer text"});
  CHECK(page.lines[0].dom.inside == sidebarspam::kInNav);
  CHECK(page.lines[1].dom.block_tag == "pre");
  CHECK(page.lines[4].dom.inside == sidebarspam::kInFooter);
  CHECK((page.lines[5].dom.inside & sidebarspam::kInFooter) != 0);
  CHECK(page.lines[5].dom_path == "html > body > footer#site-footer > p");
}

TEST_CASE("an early </body> does not hide the rest; <?xml?> is dropped", "[html]") {
  const HtmlPage page =
      html_to_lines("<?xml version='1.0'?><html><body><p>before the end</p></body></html><p>after the end</p>");
  REQUIRE(texts(page) == std::vector<std::string>{"before the end", "after the end"});
}

TEST_CASE("encodings: BOM, valid UTF-8, meta charset, windows-1252 default", "[html][encoding]") {
  {
    const HtmlPage p = html_to_lines("\xEF\xBB\xBF<p>caf\xC3\xA9 au lait</p>");
    CHECK(p.encoding_source == "bom");
    CHECK(texts(p) == std::vector<std::string>{"caf\xC3\xA9 au lait"});
  }
  {
    // "<p>héllo</p>" in UTF-16LE with its BOM.
    std::string s = "\xFF\xFE";
    for (char32_t c : std::u32string(U"<p>h\u00e9llo</p>")) {
      s.push_back(static_cast<char>(c & 0xFF));
      s.push_back(static_cast<char>(c >> 8));
    }
    const HtmlPage p = html_to_lines(s);
    CHECK(p.encoding == "utf-16le");
    CHECK(texts(p) == std::vector<std::string>{"h\xC3\xA9llo"});
  }
  {
    // EUC-KR bytes for "한국어 기사" with a meta charset.
    const HtmlPage p = html_to_lines(
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=euc-kr'></head>"
        "<body><p>\xC7\xD1\xB1\xB9\xBE\xEE \xB1\xE2\xBB\xE7</p></body></html>");
    CHECK(p.encoding == "euc-kr");
    CHECK(p.encoding_source == "meta");
    CHECK(texts(p) == std::vector<std::string>{"\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xEA\xB8\xB0\xEC\x82\xAC"});
  }
  {
    // Valid UTF-8 wins over a wrong meta charset (how the English pages were decoded).
    const HtmlPage p = html_to_lines("<meta charset='iso-8859-1'><p>caf\xC3\xA9 au lait</p>");
    CHECK(p.encoding_source == "utf-8");
    CHECK(texts(p) == std::vector<std::string>{"caf\xC3\xA9 au lait"});
  }
  {
    const HtmlPage p = html_to_lines("<p>caf\xE9 \x93quoted\x94</p>");
    CHECK(p.encoding == "windows-1252");
    CHECK(p.encoding_source == "default");
    CHECK(texts(p) == std::vector<std::string>{"caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"});
  }
  {
    HtmlOptions o;
    o.encoding = "koi8-r";
    const HtmlPage p = html_to_lines("<p>\xF0\xD2\xC9\xD7\xC5\xD4</p>", o);
    CHECK(p.encoding_source == "option");
    CHECK(texts(p) == std::vector<std::string>{"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"});
  }
}

TEST_CASE("hostile markup gets a defined result", "[html][bad_input]") {
  CHECK(html_to_lines("").lines.empty());
  CHECK(html_to_lines("   \n").lines.empty());
  CHECK(texts(html_to_lines(std::string("\0\0\0<p>nul\0 bytes</p>", 19))) == std::vector<std::string>{"nul bytes"});
  CHECK(texts(html_to_lines("<p>unclosed <b>bold <i>italic")) == std::vector<std::string>{"unclosed bold italic"});
  CHECK(texts(html_to_lines("<<<>>><p>a < b > c</p></div></div></p>")).size() >= 1);

  SECTION("100,000 nested elements: lines up to the depth limit, then one line, in linear time") {
    const std::size_t n = scaled(100000);
    std::string deep;
    for (std::size_t i = 0; i < n; ++i) deep += "<div>";
    deep += "deep text";
    for (std::size_t i = 0; i < n; ++i) deep += "</div>";
    deep += "<p>after</p>";
    const auto t0 = std::chrono::steady_clock::now();
    const HtmlPage page = html_to_lines(deep);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seconds < 10.0);
    CHECK(page.truncated);
    REQUIRE(page.lines.size() == 2);
    CHECK(page.line_text(0) == "deep text");
    CHECK(page.lines[0].dom.depth == n + 2);  // html > body > n divs
    std::size_t elements = 1;
    for (std::size_t p = page.lines[0].dom_path.find(" > "); p != std::string::npos;
         p = page.lines[0].dom_path.find(" > ", p + 1))
      ++elements;
    CHECK(elements == 256);  // the path stops at max_depth
    CHECK(page.line_text(1) == "after");
  }

  SECTION("a 50 MB page is read whole; above max_html_bytes the rest is ignored") {
    const std::size_t n = scaled(50u << 20) / 100;
    std::string big;
    big.reserve(n * 100 + 64);
    big += "<html><body>";
    for (std::size_t i = 0; i < n; ++i) big += "<p>A paragraph of ninety bytes that repeats and repeats to make the page big.</p>\n";
    const HtmlPage page = html_to_lines(big);
    CHECK(!page.truncated);
    CHECK(page.lines.size() == n);
    HtmlOptions small;
    small.max_html_bytes = 1 << 20;
    const HtmlPage cut = html_to_lines(big, small);
    CHECK(cut.truncated);
    CHECK(cut.lines.size() < page.lines.size());
    CHECK(cut.lines.size() > 10000);
  }

  SECTION("one 50 MB text node, and what follows it") {
    std::string big = "<p>";
    big.append(scaled(50u << 20), 'x');
    big += "</p><p>after the text</p>";
    const HtmlPage page = html_to_lines(big);
    REQUIRE(page.lines.size() == 2);
    CHECK(page.lines[0].end - page.lines[0].start == scaled(50u << 20));
    CHECK(page.line_text(1) == "after the text");
  }
}

TEST_CASE("score_html labels the lines html_to_lines makes, and clean_html keeps the body", "[html][classifier]") {
  std::string article;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-en.txt"), &article));
  std::string html = "<html><body><article>";
  std::size_t from = 0;
  while (from < article.size()) {
    std::size_t nl = article.find('\n', from);
    if (nl == std::string::npos) nl = article.size();
    html += "<p>" + article.substr(from, nl - from) + "</p>\n";
    from = nl + 1;
  }
  html += "</article></body></html>";
  const auto& clf = test_util::shipped_text_only();
  const sidebarspam::HtmlScoreResult r = sidebarspam::score_html(clf, html);
  REQUIRE(r.result.lines.size() == r.page.lines.size());
  for (std::size_t i = 0; i < r.page.lines.size(); ++i) {
    CHECK(r.result.lines[i].start == r.page.lines[i].start);
    CHECK(r.result.lines[i].end == r.page.lines[i].end);
  }
  const sidebarspam::ScoreResult plain = clf.score(r.page.text);
  REQUIRE(plain.lines.size() == r.result.lines.size());
  std::string expected;
  for (const auto& line : plain.lines)
    if (line.label == sidebarspam::LineLabel::kBody) expected += r.page.text.substr(line.start, line.end - line.start) + "\n";
  CHECK(sidebarspam::clean_html(clf, html) == expected);
  CHECK(!expected.empty());
  CHECK(expected.size() < r.page.text.size());  // the example's chrome and trailing list go
}

TEST_CASE("DOM features become model words, and a model trained without them is not shown them", "[html][model]") {
  sidebarspam::DomFeatures dom;
  dom.chars = 20;
  dom.link_chars = 20;
  dom.links = 1;
  dom.block_tag = "li";
  dom.depth = 8;
  dom.inside = sidebarspam::kInAside | sidebarspam::kInMain;
  dom.list_length = 5;
  dom.list_position = 5;
  dom.class_tokens = {"related", "stories"};
  CHECK(sidebarspam::dom_model_tokens(dom) ==
        "__dt_li __dl4 __dn1 __di_aside __di_main __dq2 __dp_last __dd1 __dc_related __dc_stories");
  CHECK(sidebarspam::dom_model_tokens(sidebarspam::DomFeatures()) == "__dt_ __dl0 __dn0 __dd0");

  const auto& clf = test_util::shipped_text_only();
  REQUIRE(!clf.uses_line_tokens());  // the shipped text model reads text only
  const std::string text = "Riverside library reopens\nThe library reopened on Saturday after two years.\nShare\n";
  const auto plain = clf.score(text);
  const auto with = clf.score_with_line_tokens(text, {"__dt_nav __dl4", "__dt_p __dl0", "__dt_li __dl4"});
  REQUIRE(plain.lines.size() == with.lines.size());
  for (std::size_t i = 0; i < plain.lines.size(); ++i) CHECK(plain.lines[i].probabilities == with.lines[i].probabilities);
}

TEST_CASE("a model directory's html/ model labels pages read from HTML, its line model plain text", "[html][model]") {
  test_util::TempDir dir;
  std::filesystem::create_directory(dir.file("html"));
  for (const char* name : {"lines.ftz", "lines.structure.tsv", "model.json", "rules.tsv"}) {
    std::filesystem::copy_file(test_util::source_path(std::string("models/") + name), dir.file(name));
    if (std::string(name) != "rules.tsv")
      std::filesystem::copy_file(test_util::source_path(std::string("models/") + name), dir.file(std::string("html/") + name));
  }
  sidebarspam::ModelPaths paths = sidebarspam::ModelPaths::InDirectory(dir.file(""));
  CHECK(paths.html_model_dir == dir.file("html"));
  paths.clickbait_model.clear();
  sidebarspam::Options lenient;
  lenient.html_body_margin = 40.0f;  // the HTML model's pages: everything body
  std::unique_ptr<sidebarspam::Classifier> clf;
  REQUIRE(sidebarspam::Classifier::Load(paths, lenient, &clf).ok());
  CHECK(clf->has_html_model());
  const std::string html = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><p>The library reopened on "
                           "Saturday after two years of work.</p><footer>Copyright 2024 Riverside Gazette. All "
                           "rights reserved.</footer>";
  const sidebarspam::HtmlScoreResult r = sidebarspam::score_html(*clf, html);
  REQUIRE(r.result.lines.size() == 3);
  for (const auto& line : r.result.lines) CHECK(line.label == sidebarspam::LineLabel::kBody);
  // Plain text goes to the line model, with body_margin, not html_body_margin.
  const auto plain = clf->score(r.page.text);
  const auto reference = test_util::shipped_text_only().score(r.page.text);
  REQUIRE(plain.lines.size() == reference.lines.size());
  for (std::size_t i = 0; i < plain.lines.size(); ++i) CHECK(plain.lines[i].label == reference.lines[i].label);
  CHECK(reference.lines[2].label != sidebarspam::LineLabel::kBody);  // the footer: the margin made the difference
  // A broken HTML model is a load error naming its file.
  std::filesystem::resize_file(dir.file("html/lines.ftz"), 100);
  const sidebarspam::Status s = sidebarspam::Classifier::Load(paths, lenient, &clf);
  CHECK(!s.ok());
  CHECK(s.message().find("html/lines.ftz") != std::string::npos);
}
