#include "sidebarspam/model.h"

#include <cstdio>

#include "sidebarspam/features.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/rules.h"

#include "catch.h"
#include "test_util.h"

using sidebarspam::LabelModel;
using sidebarspam::StatusCode;

namespace {
const std::vector<std::string> kLineLabels = {"body", "boilerplate", "sidebar"};
}

TEST_CASE("missing model file", "[model]") {
  std::unique_ptr<LabelModel> m;
  auto s = LabelModel::Load("/nonexistent/lines.ftz", kLineLabels, &m);
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(s.message().find("/nonexistent/lines.ftz") != std::string::npos);
}

TEST_CASE("garbage, empty and truncated model files are rejected", "[model]") {
  std::string good;
  REQUIRE(test_util::read_file(test_util::source_path("models/lines.ftz"), &good));
  const test_util::TempDir dir;
  const std::string path = dir.file("model_test_corrupt.ftz");
  std::unique_ptr<LabelModel> m;

  test_util::write_file(path, "");
  CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  test_util::write_file(path, "this is not a model at all, just text\n");
  auto s = LabelModel::Load(path, kLineLabels, &m);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("bad magic") != std::string::npos);
  CHECK(s.message().find(path) == 0);
  for (std::size_t cut : {std::size_t{8}, std::size_t{100}, good.size() / 2, good.size() - 1}) {
    test_util::write_file(path, good.substr(0, cut));
    INFO("cut at " << cut);
    CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  }
  test_util::write_file(path, good + "x");
  CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  CHECK(m == nullptr);
}

TEST_CASE("a model with other labels is rejected", "[model]") {
  std::unique_ptr<LabelModel> m;
  auto s = LabelModel::Load(test_util::source_path("models/clickbait.ftz"), kLineLabels, &m);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("labels") != std::string::npos);
}

TEST_CASE("probabilities sum to one", "[model]") {
  std::unique_ptr<LabelModel> m;
  REQUIRE(LabelModel::Load(test_util::source_path("models/lines.ftz"), kLineLabels, &m).ok());
  float p[3];
  m->predict("copyright © news . __b_none", p);
  CHECK(p[0] + p[1] + p[2] == Approx(1.0f).margin(1e-3));
  m->predict("", p);  // only fastText's end-of-line token: still a distribution
  CHECK(p[0] + p[1] + p[2] == Approx(1.0f).margin(1e-3));
}

namespace {
// Every model input of a document, as the scorer builds them.
std::vector<std::string> model_inputs(const std::string& text) {
  static sidebarspam::Normalizer normalizer;
  static std::unique_ptr<sidebarspam::RuleSet> rules = [] {
    std::unique_ptr<sidebarspam::RuleSet> r;
    if (!sidebarspam::RuleSet::Load(test_util::source_path("models/rules.tsv"), &r).ok()) throw std::runtime_error("rules");
    return r;
  }();
  std::vector<sidebarspam::LineSpan> spans;
  sidebarspam::split_lines(text, &spans);
  sidebarspam::DocumentFeatures features;
  sidebarspam::extract_features(text, spans, normalizer, *rules, {}, &features);
  return sidebarspam::model_input_texts(features, *rules);
}

void check_same_as_fasttext(const LabelModel& m, const std::string& input) {
  float dense[3], reference[3];
  m.predict(input, dense);
  m.predict_reference(input, reference);
  for (std::size_t i = 0; i < m.num_labels(); ++i) {
    INFO("input: '" << input << "' label " << i);
    CHECK(dense[i] == Approx(reference[i]).margin(2e-5));
  }
}
}  // namespace

TEST_CASE("dense prediction equals fastText's own predict", "[model]") {
  std::unique_ptr<LabelModel> lines, clickbait;
  REQUIRE(LabelModel::Load(test_util::source_path("models/lines.ftz"), kLineLabels, &lines).ok());
  REQUIRE(LabelModel::Load(test_util::source_path("models/clickbait.ftz"), {"clickbait", "normal"}, &clickbait).ok());
  std::vector<std::string> inputs = {
      "", " ", "\t\v\f", "copyright © news . __b_none",
      // out-of-vocabulary words (character n-grams only), label-looking and end-of-line tokens
      "zzqxv 뷁뷁뷁 qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
      "__label__body __label__nonsense word", "before </s> after", "tab\tseparated\rwords\n",
      std::string("nul\0byte", 8), "\xff\xfe broken utf-8 \xe2\x82"};
  for (const char* example : {"examples/article-ko.txt", "examples/article-en.txt"}) {
    std::string text;
    REQUIRE(test_util::read_file(test_util::source_path(example), &text));
    for (const std::string& input : model_inputs(text)) inputs.push_back(input);
  }
  REQUIRE(inputs.size() > 40);
  for (const std::string& input : inputs) {
    check_same_as_fasttext(*lines, input);
    check_same_as_fasttext(*clickbait, input);
  }
}
