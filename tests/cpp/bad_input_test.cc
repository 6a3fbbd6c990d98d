// The documented outcome for each kind of bad input (README "Robustness").
#include <cstdio>
#include <cstdlib>

#include "catch.h"
#include "sidebarspam/classifier.h"
#include "sidebarspam/rules.h"
#include "test_util.h"

using sidebarspam::Classifier;
using sidebarspam::LineLabel;
using sidebarspam::ScoreResult;
using sidebarspam::StatusCode;
using test_util::scaled;

namespace {

// Lines tile the input and clean() is the concatenation of the body lines.
// (One assertion per document, not per line: a million Catch2 assertions take longer than
// the scoring.)
void check_lossless(const std::string& text, const ScoreResult& r) {
  std::size_t pos = 0;
  std::size_t bad = 0;
  std::string kept;
  for (const auto& l : r.lines) {
    bad += l.start != pos || l.end > l.next;
    if (l.label == LineLabel::kBody) kept.append(text, l.start, l.next - l.start);
    pos = l.next;
  }
  CHECK(bad == 0);
  CHECK(pos == text.size());
  CHECK(Classifier::clean(text, r) == kept);
}

}  // namespace

TEST_CASE("a UTF-8 BOM is part of the first line and kept by clean()", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  text = "\xEF\xBB\xBF" + text;
  ScoreResult r = c.score(text);
  check_lossless(text, r);
  CHECK(r.lines[0].label == LineLabel::kBody);
  CHECK(c.clean(text).compare(0, 3, "\xEF\xBB\xBF") == 0);
}

TEST_CASE("lone CR does not end a line", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  const std::string text = "first\rsecond\rthird";
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == 1);
  check_lossless(text, r);
}

TEST_CASE("whitespace-only lines are blank and follow their neighbour", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  const std::string text = " \t \n\xC2\xA0\n\xE3\x80\x80\n";
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == 3);
  for (const auto& l : r.lines) {
    CHECK(l.reasons == std::vector<std::string>{"blank"});
    CHECK(l.label == LineLabel::kBody);
  }
  CHECK(c.clean(text) == text);
}

TEST_CASE("a million blank lines take linear time", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  const std::string text = std::string(scaled(1000000), '\n') + "last line\n";
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == scaled(1000000) + 1);
  CHECK(r.lines.front().label == r.lines.back().label);  // leading blanks follow the first content line
  check_lossless(text, r);
}

TEST_CASE("one 100 MB line is read up to max_line_bytes and copied whole", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  std::string text(scaled(100u << 20), 'a');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = ' ';
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].end == text.size());
  CHECK(std::find(r.lines[0].reasons.begin(), r.lines[0].reasons.end(), "truncated") != r.lines[0].reasons.end());
  check_lossless(text, r);
}

TEST_CASE("one million short lines", "[bad_input]") {
  const Classifier& c = test_util::shipped();
  std::string text;
  const std::size_t n = scaled(1000000);
  text.reserve(n * 4);
  for (std::size_t i = 0; i < n; ++i) text += "ab\n";
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == n);
  check_lossless(text, r);
}

TEST_CASE("rules RE2 rejects or cannot fit are errors with a line number", "[bad_input]") {
  std::unique_ptr<sidebarspam::RuleSet> rules;
  auto s = sidebarspam::RuleSet::Parse("ok\tbody\tx\nbackref\tbody\t(a)\\1\n", "r.tsv", &rules);
  CHECK(s.code() == StatusCode::kInvalidRules);
  CHECK(s.message().rfind("r.tsv:2: rule 'backref': invalid regex", 0) == 0);

  std::string huge = "big\tbody\t";
  for (int i = 0; i < 20000; ++i) huge += "(a|b|c)[0-9]{1,50}";
  s = sidebarspam::RuleSet::Parse(huge + "\n", "big.tsv", &rules);
  CHECK_FALSE(s.ok());
  CHECK(s.message().rfind("big.tsv", 0) == 0);

  std::string long_ok = "long\tbody\t";
  for (int i = 0; i < 2000; ++i) long_ok += "word" + std::to_string(i) + "|";
  long_ok += "end";
  s = sidebarspam::RuleSet::Parse(long_ok + "\n", "long.tsv", &rules);
  CHECK(s.ok());
}

TEST_CASE("a model with other label names is rejected", "[bad_input]") {
  auto paths = test_util::shipped_paths();
  std::swap(paths.line_model, paths.clickbait_model);
  std::unique_ptr<Classifier> c;
  auto s = Classifier::Load(paths, {}, &c);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("labels") != std::string::npos);
}

TEST_CASE("bad options are rejected", "[bad_input]") {
  sidebarspam::Options options;
  options.max_line_bytes = 3;
  std::unique_ptr<Classifier> c;
  CHECK(Classifier::Load(test_util::shipped_paths(), options, &c).code() == StatusCode::kInvalidArgument);
  options = {};
  options.switch_penalty = -1.0f;
  CHECK(Classifier::Load(test_util::shipped_paths(), options, &c).code() == StatusCode::kInvalidArgument);
}
