#include "sidebarspam/segment.h"

#include "catch.h"

using sidebarspam::LineLabel;
using sidebarspam::Segmentation;
using sidebarspam::SegmentOptions;

namespace {
using P = std::array<float, 3>;
const P kBody{0.95f, 0.03f, 0.02f};
const P kSide{0.05f, 0.05f, 0.90f};
const P kBoil{0.05f, 0.90f, 0.05f};
const P kUnsure{0.55f, 0.05f, 0.40f};
const SegmentOptions kSmooth{0.0f, 0.5f};  // no body bonus, the shipped switch penalty
}  // namespace

TEST_CASE("an uncertain line inside a trailing list joins the list", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBody, kBody, kBoil, kSide, kUnsure, kSide, kSide}, kSmooth, &s);
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
  sidebarspam::segment({kBody, kBody, kBoil, kSide, kUnsure, kSide, kSide}, SegmentOptions{0.0f, 0.0f}, &s);
  CHECK(s.labels[4] == LineLabel::kBody);
  CHECK(s.tail_start == 5);
}

TEST_CASE("a confident title among widgets stays body", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBoil, kBoil, kBody, kBoil, kBoil, kBody, kBody, kBoil}, kSmooth, &s);
  CHECK(s.labels[2] == LineLabel::kBody);
  CHECK(s.labels[3] == LineLabel::kBoilerplate);
  CHECK(s.labels[0] == LineLabel::kBoilerplate);
  CHECK(s.tail_start == 7);
  CHECK_FALSE(s.trailing_block);
}

TEST_CASE("no junk, no tail; empty input", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBody, kBody}, kSmooth, &s);
  CHECK(s.tail_start == 2);
  CHECK_FALSE(s.trailing_block);
  sidebarspam::segment({}, kSmooth, &s);
  CHECK(s.labels.empty());
  CHECK(s.tail_start == 0);
}

TEST_CASE("body_margin keeps uncertain lines", "[segment]") {
  const P weak{0.30f, 0.60f, 0.10f};
  Segmentation s;
  sidebarspam::segment({kBody, weak}, SegmentOptions{0.0f, 0.0f}, &s);
  CHECK(s.labels[1] == LineLabel::kBoilerplate);
  sidebarspam::segment({kBody, weak}, SegmentOptions{2.0f, 0.0f}, &s);
  CHECK(s.labels[1] == LineLabel::kBody);
}
