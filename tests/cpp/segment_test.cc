#include "sidebarspam/segment.h"

#include "catch.h"

using sidebarspam::LineLabel;
using sidebarspam::Segmentation;

namespace {
using P = std::array<float, 3>;
const P kBody{0.95f, 0.03f, 0.02f};
const P kSide{0.05f, 0.05f, 0.90f};
const P kBoil{0.05f, 0.90f, 0.05f};
const P kUnsure{0.55f, 0.05f, 0.40f};
}  // namespace

TEST_CASE("an uncertain line inside a trailing list joins the tail", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBody, kBody, kBoil, kSide, kUnsure, kSide, kSide}, 0.0f, &s);
  CHECK(s.tail_start == 2);
  CHECK(s.labels[1] == LineLabel::kBody);
  CHECK(s.labels[2] == LineLabel::kBoilerplate);
  CHECK(s.labels[4] == LineLabel::kSidebar);
  REQUIRE(s.trailing_block);
  CHECK(s.trailing_block->first == 3);
  CHECK(s.trailing_block->second == 6);
}

TEST_CASE("junk before the article does not pull the article into the tail", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBoil, kBoil, kBoil, kBoil, kBody, kBoil}, 0.0f, &s);
  CHECK(s.labels[4] == LineLabel::kBody);
  CHECK(s.labels[0] == LineLabel::kBoilerplate);
  CHECK(s.tail_start == 5);
  CHECK_FALSE(s.trailing_block);
}

TEST_CASE("no junk, no tail; empty input", "[segment]") {
  Segmentation s;
  sidebarspam::segment({kBody, kBody}, 0.0f, &s);
  CHECK(s.tail_start == 2);
  CHECK_FALSE(s.trailing_block);
  sidebarspam::segment({}, 0.0f, &s);
  CHECK(s.labels.empty());
}

TEST_CASE("body_margin keeps uncertain lines", "[segment]") {
  const P weak{0.30f, 0.60f, 0.10f};
  Segmentation s;
  sidebarspam::segment({kBody, weak}, 0.0f, &s);
  CHECK(s.labels[1] == LineLabel::kBoilerplate);
  sidebarspam::segment({kBody, weak}, 2.0f, &s);
  CHECK(s.labels[1] == LineLabel::kBody);
}
