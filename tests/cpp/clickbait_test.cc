#include "sidebarspam/clickbait.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "catch.h"
#include "sidebarspam/features.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/rules.h"
#include "test_util.h"

using sidebarspam::ClickbaitCalibration;
using sidebarspam::JunkBlock;
using sidebarspam::LineLabel;
using sidebarspam::LineResult;
using sidebarspam::Calibration;
using sidebarspam::ScoreResult;
using sidebarspam::StatusCode;

namespace {

std::string temp_file(const std::string& name, const std::string& bytes) {
  static const test_util::TempDir dir;  // removed at exit
  const std::string path = dir.file(name);
  test_util::write_file(path, bytes);
  return path;
}

// A result whose lines 0..n-1 are sidebar lines with the given clickbait scores, in one block.
ScoreResult list_page(const std::vector<float>& scores, float sidebar_probability = 1.0f) {
  ScoreResult r;
  for (float s : scores) {
    LineResult line;
    line.label = LineLabel::kSidebar;
    line.probabilities = {{1.0f - sidebar_probability, 0.0f, sidebar_probability}};
    line.clickbait = s;
    r.lines.push_back(line);
  }
  JunkBlock block;
  block.first_line = 0;
  block.last_line = scores.size() - 1;
  r.blocks.push_back(block);
  return r;
}

}  // namespace

TEST_CASE("isotonic calibration: piecewise linear through its knots, flat beyond", "[clickbait]") {
  Calibration c;
  c.x = {0.1, 0.5, 0.9};
  c.y = {0.0, 0.2, 0.8};
  CHECK(c.apply(0.0f) == 0.0f);
  CHECK(c.apply(0.3f) == Approx(0.1f));
  CHECK(c.apply(0.7f) == Approx(0.5f));
  CHECK(c.apply(1.0f) == Approx(0.8f));
}

TEST_CASE("Platt scaling: identity by default, monotone, fitted parameters applied", "[clickbait]") {
  Calibration identity;
  CHECK(identity.apply(0.3f) == 0.3f);
  Calibration p{0.5, -1.0, {}, {}};
  // logit(0.5) = 0 -> sigmoid(-1)
  CHECK(p.apply(0.5f) == Approx(1.0 / (1.0 + std::exp(1.0))).epsilon(1e-5));
  CHECK(p.apply(0.9f) > p.apply(0.5f));
  CHECK(p.apply(0.0f) >= 0.0f);
  CHECK(p.apply(1.0f) <= 1.0f);
}

TEST_CASE("calibration file: names, errors with file and line", "[clickbait]") {
  ClickbaitCalibration c;
  std::string good = temp_file("sbs_cal_good.tsv", "# comment\nko\tplatt\t0.5\t-1\npage\tplatt\t2\t0.25\n");
  REQUIRE(ClickbaitCalibration::Load(good, &c).ok());
  CHECK(c.korean.a == 0.5);
  CHECK(c.korean.b == -1.0);
  CHECK(c.other.a == 1.0);  // not given: identity
  CHECK(c.page.b == 0.25);

  std::string iso = temp_file("sbs_cal_iso.tsv", "default\tisotonic\t0.1,0.9\t0,0.8\n");
  REQUIRE(ClickbaitCalibration::Load(iso, &c).ok());
  CHECK(c.other.apply(0.5f) == Approx(0.4f));
  std::string unsorted = temp_file("sbs_cal_unsorted.tsv", "default\tisotonic\t0.9,0.1\t0,0.8\n");
  CHECK(ClickbaitCalibration::Load(unsorted, &c).message().find("ascending") != std::string::npos);

  // Decision thresholds: 0.5 unless given, before or after the name's map; in [0, 1].
  CHECK(c.korean.threshold == 0.5f);
  std::string cut = temp_file("sbs_cal_cut.tsv", "ko\tthreshold\t0.25\nko\tisotonic\t0.1,0.9\t0,0.8\ndefault\tthreshold\t0.6\n");
  REQUIRE(ClickbaitCalibration::Load(cut, &c).ok());
  CHECK(c.korean.threshold == 0.25f);
  CHECK(c.korean.apply(0.5f) == Approx(0.4f));  // the map survives its threshold line
  CHECK(c.other.threshold == 0.6f);
  CHECK(c.page.threshold == 0.5f);
  std::string page_cut = temp_file("sbs_cal_pagecut.tsv", "page\tthreshold\t0.5\n");
  CHECK(ClickbaitCalibration::Load(page_cut, &c).message().find("headline models") != std::string::npos);
  for (const char* bad_cut : {"ko\tthreshold\t1.5\n", "ko\tthreshold\t-0.1\n", "ko\tthreshold\tx\n", "ko\tthreshold\t0.1,0.2\n"}) {
    std::string f = temp_file("sbs_cal_badcut.tsv", bad_cut);
    CHECK(ClickbaitCalibration::Load(f, &c).message().find("sbs_cal_badcut.tsv:1: the threshold") != std::string::npos);
  }

  std::string bad = temp_file("sbs_cal_bad.tsv", "ko\tplatt\t0.5\n");
  auto s = ClickbaitCalibration::Load(bad, &c);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("sbs_cal_bad.tsv:1") != std::string::npos);
  std::string name = temp_file("sbs_cal_name.tsv", "fr\tplatt\t1\t0\n");
  CHECK(ClickbaitCalibration::Load(name, &c).message().find("unknown name 'fr'") != std::string::npos);
  std::string number = temp_file("sbs_cal_num.tsv", "ko\tplatt\tx\t0\n");
  CHECK_FALSE(ClickbaitCalibration::Load(number, &c).ok());
  CHECK(ClickbaitCalibration::Load("/nonexistent/cal.tsv", &c).code() == StatusCode::kNotFound);
}

TEST_CASE("page spam score: at least one clickbait headline in the lists, times the block's confidence", "[clickbait]") {
  CHECK(sidebarspam::page_spam_raw(ScoreResult{}) == 0.0f);
  CHECK(sidebarspam::page_spam_raw(list_page({0.5f, 0.5f})) == Approx(0.75f));
  CHECK(sidebarspam::page_spam_raw(list_page({0.5f, 0.5f}, 0.5f)) == Approx(0.375f));
  // More sober headlines never lower it; one sensational one raises it.
  CHECK(sidebarspam::page_spam_raw(list_page({0.02f, 0.02f, 0.9f})) > sidebarspam::page_spam_raw(list_page({0.02f, 0.02f, 0.02f})));
  // Lines outside sidebar blocks (body, boilerplate) do not count.
  ScoreResult r = list_page({0.9f, 0.9f});
  r.blocks[0].kind = LineLabel::kBoilerplate;
  CHECK(sidebarspam::page_spam_raw(r) == 0.0f);
  // Non-headline lines (no clickbait score) do not count.
  ScoreResult q = list_page({0.9f});
  q.lines[0].clickbait.reset();
  CHECK(sidebarspam::page_spam_raw(q) == 0.0f);
}

TEST_CASE("Korean headlines go to the Korean model by Hangul share", "[clickbait]") {
  CHECK(sidebarspam::is_korean_headline("이재명 유죄에 비명계 뜬다"));
  CHECK(sidebarspam::is_korean_headline("BTS 뷔, 폭풍 친화력 어디까지?"));
  CHECK_FALSE(sidebarspam::is_korean_headline("You won't believe what this actor did"));
  CHECK_FALSE(sidebarspam::is_korean_headline("Samsung Galaxy S25 Ultra review: 삼성"));
  CHECK_FALSE(sidebarspam::is_korean_headline("2024"));
}

TEST_CASE("clickbait cue rules stay out of the line model's input", "[clickbait][rules]") {
  std::unique_ptr<sidebarspam::RuleSet> with, without;
  REQUIRE(sidebarspam::RuleSet::Parse("a\tsidebar\t알고\\s*보니\ncue_x\tclickbait\t알고\\s*보니\n", "r", &with).ok());
  REQUIRE(sidebarspam::RuleSet::Parse("a\tsidebar\t알고\\s*보니\n", "r", &without).ok());
  CHECK(with->rule(1).hint == sidebarspam::RuleHint::kClickbait);
  CHECK(sidebarspam::hint_name(sidebarspam::RuleHint::kClickbait) == "clickbait");
  const std::string text = "본문 첫 줄입니다.\n- 50대 가장, 주운 복권이 알고보니…\n";
  std::vector<sidebarspam::LineSpan> spans;
  sidebarspam::split_lines(text, &spans);
  sidebarspam::Normalizer normalizer;
  sidebarspam::DocumentFeatures a, b;
  sidebarspam::extract_features(text, spans, normalizer, *with, {}, &a);
  sidebarspam::extract_features(text, spans, normalizer, *without, {}, &b);
  CHECK(sidebarspam::model_input_texts(a, *with) == sidebarspam::model_input_texts(b, *without));
  CHECK(a.hits[1].size() == 1);  // the line rules only: cues are matched for headlines alone
  std::vector<int> hits = a.hits[1];
  with->match_cues(a.norm[1].clean, &hits);
  CHECK(hits.size() == 2);  // the cue still matches (for the clickbait model and reasons)
  std::string input;
  sidebarspam::clickbait_input(a.norm[1], a.shape[1], hits, *with, &input);
  CHECK(input.find("__r_cue_x") != std::string::npos);
  CHECK(sidebarspam::cue_name("cue_withheld_fact") == "withheld_fact");
}

TEST_CASE("the shipped models: per-language files, calibrated cues in reasons", "[clickbait][seed]") {
  const sidebarspam::ModelPaths paths = test_util::shipped_paths();
  CHECK_FALSE(paths.clickbait_model_ko.empty());
  CHECK_FALSE(paths.clickbait_calibration.empty());
  std::vector<std::string> cues;
  const float p = test_util::shipped().clickbait("\"딸이 보고 말았다\" 아빠의 비밀 일기장, 알고보니…", &cues).value();
  CHECK(p >= 0.5f);
  CHECK(std::find(cues.begin(), cues.end(), "clickbait:withheld_fact") != cues.end());
  cues.clear();
  CHECK(test_util::shipped().clickbait("누리군의회, 내년도 예산안 3120억원 원안 의결", &cues).value() < 0.5f);
  CHECK(cues.empty());
}

TEST_CASE("an old model directory (one clickbait model, no calibration) still loads", "[clickbait]") {
  sidebarspam::ModelPaths paths = test_util::shipped_paths();
  paths.clickbait_model_ko.clear();
  paths.clickbait_calibration.clear();
  std::unique_ptr<sidebarspam::Classifier> c;
  REQUIRE(sidebarspam::Classifier::Load(paths, {}, &c).ok());
  CHECK(c->clickbait("이재명 유죄에 비명계 뜬다").value() >= 0.0f);
  paths.clickbait_calibration = "/nonexistent/clickbait-calibration.tsv";
  auto s = sidebarspam::Classifier::Load(paths, {}, &c);
  CHECK(s.message().find("clickbait-calibration.tsv") != std::string::npos);
}
