#include "sidebarspam/segment.h"

#include <cmath>
#include <memory>

#include "catch.h"

using sidebarspam::LineLabel;
using sidebarspam::PageStructure;
using sidebarspam::Segmentation;
using sidebarspam::SegmentOptions;

namespace {
constexpr LineLabel B = LineLabel::kBody, C = LineLabel::kBoilerplate, S = LineLabel::kSidebar;

// Pages with chrome before the article, a short insert, and a copyright line and a long list
// after it: what the structure learns is that inserts are short and lists end pages.
const PageStructure& learned() {
  static const std::unique_ptr<PageStructure> structure = PageStructure::Learn(
      {{C, C, C, B, B, B, C, B, B, B, B, C, S, S, S, S, S, S, S, S},
       {C, C, B, B, B, B, B, B, C, S, S, S, S, S, S, S, S, S, S, C},
       {C, B, B, C, B, B, B, B, B, C, C, S, S, S, S, S, S, S}},
      {1.0, 1.0, 1.0}, {});
  return *structure;
}
void segment(const std::vector<std::array<float, 3>>& p, const SegmentOptions& options, Segmentation* out) {
  sidebarspam::segment(p, options, learned().table(sidebarspam::PageScript::kOther), out);
}
using P = std::array<float, 3>;
const P kBody{0.95f, 0.03f, 0.02f};
const P kSide{0.05f, 0.05f, 0.90f};
const P kBoil{0.05f, 0.90f, 0.05f};
const P kUnsure{0.55f, 0.05f, 0.40f};
const SegmentOptions kSmooth{0.0f, 0.5f, 0.0f};  // no body bonus, a switch penalty, no learned costs
}  // namespace

TEST_CASE("an uncertain line inside a trailing list joins the list", "[segment]") {
  Segmentation s;
  segment({kBody, kBody, kBoil, kSide, kUnsure, kSide, kSide}, kSmooth, &s);
  CHECK(s.tail_start == 2);
  CHECK(s.labels[1] == LineLabel::kBody);
  CHECK(s.labels[2] == LineLabel::kBoilerplate);
  CHECK(s.labels[4] == LineLabel::kSidebar);
  REQUIRE(s.trailing_block);
  CHECK(s.trailing_block->first == 3);
  CHECK(s.trailing_block->second == 6);
}

TEST_CASE("without smoothing the uncertain line keeps its own label", "[segment]") {
  Segmentation s;
  segment({kBody, kBody, kBoil, kSide, kUnsure, kSide, kSide}, SegmentOptions{0.0f, 0.0f, 0.0f}, &s);
  CHECK(s.labels[4] == LineLabel::kBody);
  CHECK(s.tail_start == 5);
}

TEST_CASE("a confident title among widgets stays body", "[segment]") {
  Segmentation s;
  segment({kBoil, kBoil, kBody, kBoil, kBoil, kBody, kBody, kBoil}, kSmooth, &s);
  CHECK(s.labels[2] == LineLabel::kBody);
  CHECK(s.labels[3] == LineLabel::kBoilerplate);
  CHECK(s.labels[0] == LineLabel::kBoilerplate);
  CHECK(s.tail_start == 7);
  CHECK_FALSE(s.trailing_block);
}

TEST_CASE("no junk, no tail; empty input", "[segment]") {
  Segmentation s;
  segment({kBody, kBody}, kSmooth, &s);
  CHECK(s.tail_start == 2);
  CHECK_FALSE(s.trailing_block);
  segment({}, kSmooth, &s);
  CHECK(s.labels.empty());
  CHECK(s.tail_start == 0);
}

TEST_CASE("body_margin keeps uncertain lines", "[segment]") {
  const P weak{0.30f, 0.60f, 0.10f};
  Segmentation s;
  segment({kBody, weak}, SegmentOptions{0.0f, 0.0f, 0.0f}, &s);
  CHECK(s.labels[1] == LineLabel::kBoilerplate);
  segment({kBody, weak}, SegmentOptions{2.0f, 0.0f, 0.0f}, &s);
  CHECK(s.labels[1] == LineLabel::kBody);
}

TEST_CASE("a weak body line far below the article joins the list around it", "[segment][structure]") {
  const P weak_body{0.60f, 0.05f, 0.35f};
  std::vector<P> page = {kBoil, kBody, kBody, kBody, kBoil};
  for (int i = 0; i < 8; ++i) page.push_back(kSide);
  page.push_back(weak_body);
  for (int i = 0; i < 3; ++i) page.push_back(kSide);
  Segmentation plain, structured;
  segment(page, SegmentOptions{0.0f, 0.0f, 0.0f}, &plain);
  CHECK(plain.labels[13] == LineLabel::kBody);  // the island moves the tail past the list
  CHECK(plain.tail_start == 14);
  segment(page, SegmentOptions{0.0f, 0.0f, 1.0f}, &structured);
  CHECK(structured.labels[13] == LineLabel::kSidebar);
  CHECK(structured.tail_start == 4);
  REQUIRE(structured.trailing_block);
  CHECK(structured.trailing_block->first == 5);
  CHECK(structured.trailing_block->second == 16);
}

TEST_CASE("the structure forbids coming back to the article after it ended", "[segment][structure]") {
  const sidebarspam::PageTable& s = learned().table(sidebarspam::PageScript::kOther);
  const auto& states = sidebarspam::page_states();
  for (int a = 0; a < sidebarspam::kNumPageStates; ++a) {
    for (int b = 0; b < sidebarspam::kNumPageStates; ++b) {
      const bool back = states[a].region == sidebarspam::Region::kAfter && states[b].region != sidebarspam::Region::kAfter;
      if (back) CHECK(s.move(a, b) <= sidebarspam::kForbidden);
    }
    // An insert never ends the page; every allowed row sums to one with its end.
    double total = s.end(a) <= sidebarspam::kForbidden ? 0.0 : std::exp(s.end(a));
    for (int b = 0; b < sidebarspam::kNumPageStates; ++b) total += s.move(a, b) <= sidebarspam::kForbidden ? 0.0 : std::exp(s.move(a, b));
    CHECK(total == Approx(1.0));
  }
  CHECK(s.end(3) <= sidebarspam::kForbidden);
  CHECK(s.end(4) <= sidebarspam::kForbidden);
}

TEST_CASE("page structure text form round-trips and rejects bad files", "[segment][structure]") {
  std::unique_ptr<PageStructure> parsed;
  REQUIRE(PageStructure::Parse(learned().serialize(), "x", &parsed).ok());
  CHECK(parsed->serialize() == learned().serialize());
  std::string text = learned().serialize();
  std::string bad = text;
  bad.replace(bad.find("other\tinitial\tbefore_boilerplate\t"), 0, "other\tinitial\tnowhere_body\t-1\n");
  sidebarspam::Status st = PageStructure::Parse(bad, "s.tsv", &parsed);
  CHECK_FALSE(st.ok());
  CHECK(st.message().find("unknown state 'nowhere_body'") != std::string::npos);
  CHECK_FALSE(PageStructure::Parse(text.substr(0, text.size() / 2), "s.tsv", &parsed).ok());
  bad = text;
  const std::size_t tab = bad.rfind('\t');
  bad.replace(tab + 1, bad.size() - tab - 2, "0.5");  // a probability above one
  CHECK_FALSE(PageStructure::Parse(bad, "s.tsv", &parsed).ok());
  bad = text;
  bad.replace(bad.find("other\tinitial"), 5, "greek");
  CHECK(PageStructure::Parse(bad, "s.tsv", &parsed).message().find("unknown script 'greek'") != std::string::npos);
  CHECK(PageStructure::Load("/nonexistent/lines.structure.tsv", &parsed).code() == sidebarspam::StatusCode::kNotFound);
}

TEST_CASE("a page's script picks its table", "[segment][structure]") {
  CHECK(sidebarspam::page_script_of(100, 50) == sidebarspam::PageScript::kHangul);
  CHECK(sidebarspam::page_script_of(20, 100) == sidebarspam::PageScript::kOther);
  CHECK(sidebarspam::page_script_of(0, 0) == sidebarspam::PageScript::kOther);
  // Pages of each script are counted into their own table only.
  auto structure = PageStructure::Learn({{C, B, C, B, B, S}, {C, B, B, B, B, S}},
                                        {1.0, 1.0}, {sidebarspam::PageScript::kHangul, sidebarspam::PageScript::kOther});
  const int article = 2, insert_boilerplate = 3;
  CHECK(structure->table(sidebarspam::PageScript::kHangul).move(article, insert_boilerplate) >
        structure->table(sidebarspam::PageScript::kOther).move(article, insert_boilerplate));
}
