// The features stage: what the model input of a line says about the line, its neighbours and
// the page (see features.h, model_input.h).
#include "sidebarspam/features.h"

#include <memory>
#include <string>
#include <vector>

#include "catch.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/rules.h"
#include "test_util.h"

namespace {

struct Featurised {
  std::vector<std::string> inputs;
  sidebarspam::DocumentFeatures features;
};

Featurised featurise(const std::string& text, sidebarspam::FeatureConfig config = {}) {
  static std::unique_ptr<sidebarspam::RuleSet> rules = [] {
    std::unique_ptr<sidebarspam::RuleSet> r;
    REQUIRE(sidebarspam::RuleSet::Load(test_util::source_path("models/rules.tsv"), &r).ok());
    return r;
  }();
  static const sidebarspam::Normalizer normalizer;
  std::vector<sidebarspam::LineSpan> spans;
  sidebarspam::split_lines(text, &spans);
  Featurised out;
  sidebarspam::extract_features(text, spans, normalizer, *rules, config, &out.features);
  out.inputs = sidebarspam::model_input_texts(out.features, *rules);
  return out;
}

bool has_token(const std::string& input, const std::string& token) {
  return (" " + input + " ").find(" " + token + " ") != std::string::npos;
}

const char* const kPage =
    "Home | News | Sport\n"
    "\n"
    "The council voted on Tuesday to extend the library's opening hours into the evening, officials said.\n"
    "Volunteers will staff the late shift, which the council expects to cost very little over the year.\n"
    "Copyright 2024 The Example Gazette. All rights reserved.\n"
    "- Ten towns that vanished overnight\n"
    "- The cat that learned to open doors\n"
    "- Why nobody buys this car\n";

}  // namespace

TEST_CASE("blank lines get no model input; content lines keep their order", "[features]") {
  Featurised f = featurise(kPage);
  REQUIRE(f.inputs.size() == 7);
  CHECK(f.features.content[0] == 0);
  CHECK(f.features.content[1] == 2);  // line 1 is blank
  CHECK(f.inputs[1].rfind("the council voted", 0) == 0);  // word tokens first, lower-cased
}

TEST_CASE("the line's own shape, its neighbours and its place in the document", "[features]") {
  Featurised f = featurise(kPage);
  using namespace sidebarspam::token;
  CHECK(has_token(f.inputs[0], std::string(kPrevious) + "_none"));   // first line: no previous line
  CHECK(has_token(f.inputs[6], std::string(kNext) + "_none"));
  CHECK(has_token(f.inputs[1], std::string(kParagraph)));
  CHECK(has_token(f.inputs[4], std::string(kBullet) + "dash"));
  CHECK(has_token(f.inputs[4], std::string(kBulletRun) + "2"));      // a run of 3 dashes: bucket (2, 4]
  CHECK(has_token(f.inputs[3], std::string(kRule) + "copyright"));
  CHECK(has_token(f.inputs[3], std::string(kHint) + "anchor"));
  CHECK(has_token(f.inputs[4], std::string(kAfterAnchor) + "0"));    // one line after the anchor
  CHECK_FALSE(f.features.after_anchor[2]);
  CHECK(f.features.after_anchor[4]);
  CHECK(has_token(f.inputs[2], std::string(kBeforeAnchor)));
  CHECK(has_token(f.inputs[6], std::string(kFromEnd) + "0"));
}

TEST_CASE("feature switches leave their tokens out", "[features]") {
  sidebarspam::FeatureConfig no_rules;
  no_rules.use_rules = false;
  Featurised f = featurise(kPage, no_rules);
  for (const std::string& input : f.inputs) CHECK(input.find(sidebarspam::token::kRule) == std::string::npos);
  sidebarspam::FeatureConfig no_context;
  no_context.use_page_context = false;
  f = featurise(kPage, no_context);
  for (const std::string& input : f.inputs) CHECK(input.find(sidebarspam::token::kMainBlock) == std::string::npos);
  Featurised with = featurise(kPage);
  bool any = false;
  for (const std::string& input : with.inputs) any = any || input.find(sidebarspam::token::kMainBlock) != std::string::npos;
  CHECK(any);
}

TEST_CASE("site counts become seen tokens only when the model uses them", "[features]") {
  std::unique_ptr<sidebarspam::RuleSet> rules;
  REQUIRE(sidebarspam::RuleSet::Load(test_util::source_path("models/rules.tsv"), &rules).ok());
  const sidebarspam::Normalizer normalizer;
  const std::string text = kPage;
  std::vector<sidebarspam::LineSpan> spans;
  sidebarspam::split_lines(text, &spans);
  sidebarspam::DocumentFeatures f;
  sidebarspam::analyse_lines(text, spans, normalizer, *rules, 4096, &f);
  REQUIRE(f.seen.size() == 7);
  f.seen[0] = 12;
  sidebarspam::FeatureConfig config;
  config.use_site_memory = true;
  sidebarspam::encode_document(*rules, config, &f);
  std::vector<std::string> inputs = sidebarspam::model_input_texts(f, *rules);
  CHECK(has_token(inputs[0], std::string(sidebarspam::token::kSeen) + "3"));  // 12: bucket (9, 29]
  CHECK(has_token(inputs[1], sidebarspam::token::kPreviousSeen));
  config.use_site_memory = false;
  sidebarspam::encode_document(*rules, config, &f);
  inputs = sidebarspam::model_input_texts(f, *rules);
  CHECK(inputs[0].find(sidebarspam::token::kSeen) == std::string::npos);
}
