#include "sidebarspam/lines.h"

#include "catch.h"

using sidebarspam::LineSpan;
using sidebarspam::split_lines;

namespace {
std::vector<LineSpan> split(std::string_view text) {
  std::vector<LineSpan> spans;
  split_lines(text, &spans);
  return spans;
}
}  // namespace

TEST_CASE("empty input has no lines", "[lines]") { CHECK(split("").empty()); }

TEST_CASE("LF lines with offsets", "[lines]") {
  auto s = split("ab\ncde\n");
  REQUIRE(s.size() == 2);
  CHECK(s[0].start == 0);
  CHECK(s[0].end == 2);
  CHECK(s[0].next == 3);
  CHECK(s[1].start == 3);
  CHECK(s[1].end == 6);
  CHECK(s[1].next == 7);
}

TEST_CASE("CRLF terminator is not content", "[lines]") {
  auto s = split("ab\r\ncde\r\nf");
  REQUIRE(s.size() == 3);
  CHECK(s[0].end == 2);
  CHECK(s[0].next == 4);
  CHECK(s[1].start == 4);
  CHECK(s[1].end == 7);
  CHECK(s[2].start == 9);
  CHECK(s[2].end == 10);
  CHECK(s[2].next == 10);
}

TEST_CASE("lone CR stays content, empty lines are lines", "[lines]") {
  auto s = split("a\rb\n\n\nc");
  REQUIRE(s.size() == 4);
  CHECK(s[0].end - s[0].start == 3);
  CHECK(s[1].start == s[1].end);
  CHECK(s[2].start == s[2].end);
}

TEST_CASE("spans tile the input", "[lines]") {
  std::string text = "x\r\n\ny\rz\n\r\nlast";
  auto s = split(text);
  std::size_t pos = 0;
  for (const auto& span : s) {
    CHECK(span.start == pos);
    CHECK(span.start <= span.end);
    CHECK(span.end <= span.next);
    pos = span.next;
  }
  CHECK(pos == text.size());
}

TEST_CASE("blank detection", "[lines]") {
  CHECK(sidebarspam::is_blank(""));
  CHECK(sidebarspam::is_blank(" \t "));
  CHECK(sidebarspam::is_blank("\xC2\xA0\xE3\x80\x80"));
  CHECK_FALSE(sidebarspam::is_blank(" a "));
}
