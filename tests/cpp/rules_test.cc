#include "sidebarspam/rules.h"

#include <fstream>

#include "catch.h"

using sidebarspam::RuleHint;
using sidebarspam::RuleSet;
using sidebarspam::StatusCode;

TEST_CASE("rules parse and match in one pass", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  auto s = RuleSet::Parse("# comment\n\ncopyright\tanchor\t(?i)copyright|무단\\s*전재\r\nbullet\tsidebar\t^- \n",
                          "test.tsv", &rules);
  REQUIRE(s.ok());
  REQUIRE(rules->size() == 2);
  CHECK(rules->rule(0).id == "copyright");
  CHECK(rules->rule(0).hint == RuleHint::kAnchor);
  CHECK(rules->rule(0).line == 3);
  CHECK(rules->rule(1).line == 4);
  std::vector<int> hits;
  rules->match("Copyright © 파이낸셜뉴스. 무단전재 및 재배포 금지.", &hits);
  CHECK(hits == std::vector<int>{0});
  rules->match("- headline", &hits);
  CHECK(hits == std::vector<int>{1});
  rules->match("nothing here", &hits);
  CHECK(hits.empty());
}

TEST_CASE("an invalid regex reports file and line", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  auto s = RuleSet::Parse("ok\tbody\tfine\n# c\nbad\tboilerplate\t(unclosed\n", "my.tsv", &rules);
  CHECK_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kInvalidRules);
  CHECK(s.message().rfind("my.tsv:3: rule 'bad': invalid regex", 0) == 0);
  CHECK(rules == nullptr);
}

TEST_CASE("syntax errors name the line", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  CHECK(RuleSet::Parse("x\tbody\n", "f", &rules).message().rfind("f:1:", 0) == 0);
  CHECK(RuleSet::Parse("x\tnothing\ty\n", "f", &rules).message().find("unknown hint") != std::string::npos);
  CHECK(RuleSet::Parse("X\tbody\ty\n", "f", &rules).message().find("must match") != std::string::npos);
  CHECK(RuleSet::Parse("x\tbody\ty\nx\tbody\tz\n", "f", &rules).message().rfind("f:2: duplicate", 0) == 0);
  CHECK(RuleSet::Parse("x\tbody\t\n", "f", &rules).message().find("empty pattern") != std::string::npos);
}

TEST_CASE("missing rules file", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  auto s = RuleSet::Load("/nonexistent/rules.tsv", &rules);
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(s.message().find("/nonexistent/rules.tsv") != std::string::npos);
}

TEST_CASE("the shipped rules file compiles", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  auto s = RuleSet::Load(SIDEBARSPAM_SOURCE_DIR "/models/rules.tsv", &rules);
  INFO(s.message());
  REQUIRE(s.ok());
  CHECK(rules->size() >= 10);
}

// Rules anchored with ^ run in an ANCHOR_START set; anything else must keep matching anywhere.
TEST_CASE("anchored and unanchored rules match as written", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  const char* text =
      "top_alt\tbody\t^start|anywhere\n"          // 0: only the first alternative is anchored
      "grouped\tbody\t^(x|y)z\n"                   // 1: anchored, the | is inside a group
      "flagged\tbody\t(?i)^head\n"                 // 2: anchored after a flag group
      "class_bar\tbody\t^[|(]q\n"                  // 3: anchored, | and ( inside a class
      "escaped\tbody\t^\\(|tail$\n"                // 4: escaped paren, then a top-level |
      "group_flag\tbody\t(?i:^a)|b\n"              // 5: a (?i:...) group is not a flag prefix
      "plain\tbody\tmid\n";                        // 6
  REQUIRE(RuleSet::Parse(text, "anchors.tsv", &rules).ok());
  std::vector<int> hits;
  rules->match("start and mid", &hits);
  CHECK(hits == std::vector<int>{0, 6});
  rules->match("it is anywhere", &hits);
  CHECK(hits == std::vector<int>{0});
  rules->match("xz", &hits);
  CHECK(hits == std::vector<int>{1});
  rules->match("wxz", &hits);
  CHECK(hits.empty());
  rules->match("HEADLINE", &hits);
  CHECK(hits == std::vector<int>{2});
  rules->match("the head", &hits);
  CHECK(hits.empty());
  rules->match("|q", &hits);
  CHECK(hits == std::vector<int>{3});
  rules->match("x|q", &hits);
  CHECK(hits.empty());
  rules->match("(x", &hits);
  CHECK(hits == std::vector<int>{4});
  rules->match("on the tail", &hits);
  CHECK(hits == std::vector<int>{4});
  rules->match("cab", &hits);
  CHECK(hits == std::vector<int>{5});
  rules->match("A", &hits);
  CHECK(hits == std::vector<int>{5});
}

// Rules anchored at the end run alone from the line's end, rules anchored at both ends in a
// set of their own: each place must keep the rule's meaning.
TEST_CASE("end-anchored and both-anchored rules match as written", "[rules]") {
  std::unique_ptr<RuleSet> rules;
  const char* text =
      "tail\tsidebar\t(…|\\.\\.)\\s*[^\\s.]{1,}.{0,5}$\n"  // 0: end-anchored: alone, reversed
      "both\tsidebar\t^- .{1,4}$\n"                            // 1: both ends: the start_end set
      "alt_end\tbody\tx$|y\n"                                  // 2: top-level |: anywhere
      "escaped\tbody\tcost \\$\n"                              // 3: a literal $: anywhere
      "class\tbody\t[$]z\n"                                    // 4: $ in a class: anywhere
      "grouped\tbody\t(q|k$)\n"                                // 5: $ inside a group: anywhere
      "start\tbody\t^go\n";                                    // 6
  REQUIRE(RuleSet::Parse(text, "ends.tsv", &rules).ok());
  std::vector<int> hits;
  rules->match("wait… then x", &hits);
  CHECK(hits == std::vector<int>{0, 2});
  rules->match("wait… then 123456789", &hits);
  CHECK(hits.empty());  // more than 5 characters after the run that follows the ellipsis
  rules->match("- abc", &hits);
  CHECK(hits == std::vector<int>{1});
  rules->match("- abcde", &hits);
  CHECK(hits.empty());
  rules->match("go, it cost $ and $z", &hits);
  CHECK(hits == std::vector<int>{3, 4, 6});
  rules->match("yk", &hits);
  CHECK(hits == std::vector<int>{2, 5});
  rules->match("kx", &hits);
  CHECK(hits == std::vector<int>{2});
  CHECK(rules->dfa_failures() == 0);
}

TEST_CASE("clickbait cues are matched apart from the line rules", "[rules]") {
  std::unique_ptr<sidebarspam::RuleSet> rules;
  REQUIRE(sidebarspam::RuleSet::Parse("copyright\tanchor\t(?i)copyright\n"
                                      "why\tclickbait\t이유는\\?$\n"
                                      "tease\tsidebar\t…\n"
                                      "hidden\tclickbait\t^이\\s*(회사|나라)\n",
                                      "t", &rules)
              .ok());
  std::vector<int> hits;
  rules->match("이 회사가 망한 이유는? … copyright", &hits);
  CHECK(hits == std::vector<int>{0, 2});  // the cues are left out
  rules->match_cues("이 회사가 망한 이유는? … copyright", &hits);
  CHECK(hits == std::vector<int>{0, 2, 3});  // "이유는?" is not at the end: only the anchored cue
  rules->match("이 나라 이유는?", &hits);
  CHECK(hits.empty());
  rules->match_cues("이 나라 이유는?", &hits);
  CHECK(hits == std::vector<int>{1, 3});
}
