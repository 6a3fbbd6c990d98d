// The model input as pseudo-token ids (model_input.h, pseudo_tokens.h): scoring by ids must
// give exactly the probabilities of scoring the text that training writes, bit for bit.
#include "sidebarspam/model_input.h"

#include <cstring>
#include <set>

#include "catch.h"
#include "sidebarspam/features.h"
#include "sidebarspam/headline.h"
#include "sidebarspam/line_shape.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/model.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/rules.h"
#include "test_util.h"

using sidebarspam::KnownTokens;
using sidebarspam::LabelModel;
using sidebarspam::LineInput;

namespace {

const std::vector<std::string> kLineLabels = {"body", "boilerplate", "sidebar"};

const LabelModel& line_model() {
  static std::unique_ptr<LabelModel> m = [] {
    std::unique_ptr<LabelModel> model;
    if (!LabelModel::Load(test_util::source_path("models/lines.ftz"), kLineLabels, &model).ok()) {
      throw std::runtime_error("cannot load models/lines.ftz");
    }
    return model;
  }();
  return *m;
}

std::unique_ptr<sidebarspam::RuleSet> shipped_rules() {
  std::unique_ptr<sidebarspam::RuleSet> r;
  REQUIRE(sidebarspam::RuleSet::Load(test_util::source_path("models/rules.tsv"), &r).ok());
  return r;
}

// Both paths for one line; true when every probability has the same bits.
bool same_bits(const LabelModel& model, const KnownTokens& known, const LineInput& input, const std::string& text,
               const std::string& tail) {
  float by_text[3], by_ids[3];
  model.predict(tail.empty() ? text : text + " " + tail, by_text);
  model.predict(input.words, input.pseudo, known, tail, by_ids);
  return std::memcmp(by_text, by_ids, sizeof by_text) == 0;
}

// Every content line of text under config, each with and without a DOM-like tail.
std::size_t check_document(const std::string& text, const sidebarspam::RuleSet& rules,
                           sidebarspam::FeatureConfig config, const std::vector<std::uint32_t>& seen = {}) {
  const LabelModel& model = line_model();
  const KnownTokens known = model.resolve(sidebarspam::pseudo_token_texts(rules));
  static const sidebarspam::Normalizer normalizer;
  std::vector<sidebarspam::LineSpan> spans;
  sidebarspam::split_lines(text, &spans);
  sidebarspam::DocumentFeatures f;
  sidebarspam::analyse_lines(text, spans, normalizer, rules, config.max_line_bytes, &f);
  for (std::size_t k = 0; k < f.seen.size() && k < seen.size(); ++k) f.seen[k] = seen[k];
  sidebarspam::encode_document(rules, config, &f);
  const std::vector<std::string> texts = sidebarspam::model_input_texts(f, rules);
  REQUIRE(texts.size() == f.model_input.size());
  for (std::size_t k = 0; k < texts.size(); ++k) {
    INFO("line " << k << ": '" << texts[k] << "'");
    CHECK(same_bits(model, known, f.model_input[k], texts[k], ""));
    CHECK(same_bits(model, known, f.model_input[k], texts[k], "__dt_li __dt_a zzunknowndomtoken"));
  }
  return texts.size();
}

}  // namespace

TEST_CASE("pseudo-token ids give the probabilities of their text, bit for bit", "[model_input]") {
  const std::unique_ptr<sidebarspam::RuleSet> rules = shipped_rules();
  std::vector<std::string> documents;
  for (const char* example : {"examples/article-ko.txt", "examples/article-en.txt"}) {
    std::string text;
    REQUIRE(test_util::read_file(test_util::source_path(example), &text));
    documents.push_back(text);
  }
  documents.push_back(
      // unknown words, label-looking words, pseudo-token look-alikes, an end-of-line token
      // inside a line (fastText stops reading there), separators, broken UTF-8, a long line
      "zzqxv 뷁뷁뷁 qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n"
      "__label__body __label__nonsense word\n"
      "__r_copyright __e_da __pb_none looks like a pseudo-token\n"
      "before </s> after\n"
      "tab\tseparated\vwords\n"
      "\xff\xfe broken utf-8 \xe2\x82\n"
      "- 목록 항목 하나\n- 목록 항목 둘\n- 목록 항목 셋\n"
      "Copyright © 2024 News Corp. All rights reserved.\n" +
      std::string(6000, 'x') + "\n" + std::string(3000, ' ') + "\n" + [] {
        std::string s;
        for (int i = 0; i < 400; ++i) s += "단어" + std::to_string(i) + " ";
        return s;
      }());
  documents.push_back("한 줄\n");   // one line: no neighbours
  documents.push_back("\n\n  \n");  // no content lines
  std::string many;                   // long documents: every position bucket
  for (int i = 0; i < 150; ++i) many += (i % 7 == 0 ? "- 관련기사 " : "본문 문장입니다. ") + std::to_string(i) + "\n";
  documents.push_back(many);

  std::size_t lines = 0;
  sidebarspam::FeatureConfig config;
  for (const std::string& d : documents) lines += check_document(d, *rules, config);
  config.use_site_memory = true;
  for (const std::string& d : documents) lines += check_document(d, *rules, config, {0, 1, 2, 5, 12, 40, 3, 0, 9});
  config.use_rules = false;
  config.use_page_context = false;
  for (const std::string& d : documents) lines += check_document(d, *rules, config);
  CHECK(lines > 300);
}

TEST_CASE("pseudo-tokens of every kind: words, unknown, long unknown, labels", "[model_input]") {
  // Rule ids the model never saw: one short (its character n-grams, summed once) and one longer
  // than the token cache takes (n-gram rows added one by one, as the text path does).
  std::unique_ptr<sidebarspam::RuleSet> rules;
  const std::string long_id(64, 'q');
  REQUIRE(sidebarspam::RuleSet::Parse("zzunseen\tsidebar\t관련기사\n" + long_id + "\tboilerplate\t무단\\s*전재\n"
                                      "copyright\tboilerplate\t(?i)copyright\n",
                                      "r", &rules)
              .ok());
  const std::string text = "관련기사 무단 전재 Copyright 2024\n본문 문장입니다.\n관련기사\n";
  CHECK(check_document(text, *rules, {}) == 3);

  // Known tokens given directly, in every order of a few: labels are dropped (with no word
  // n-gram), words and unknown tokens counted.
  const LabelModel& model = line_model();
  const std::vector<std::string> texts = {"__label__body", "__label__zz", "__b_none", "zzqqxx",
                                          std::string(40, 'z'), "__e_da"};
  const KnownTokens known = model.resolve(texts);
  REQUIRE(known.size() == texts.size());
  for (std::uint32_t a = 0; a < texts.size(); ++a) {
    for (std::uint32_t b = 0; b < texts.size(); ++b) {
      for (const std::string words : {"뉴스", "", "zz </s>"}) {
        const LineInput input{words, {a, b, a}};
        const std::string as_text = words + " " + texts[a] + " " + texts[b] + " " + texts[a];
        INFO(as_text);
        CHECK(same_bits(model, known, input, as_text, ""));
      }
    }
  }
}

TEST_CASE("every pseudo-token id has its own text", "[model_input]") {
  const std::unique_ptr<sidebarspam::RuleSet> rules = shipped_rules();
  const std::vector<std::string> texts = sidebarspam::pseudo_token_texts(*rules);
  REQUIRE(texts.size() == sidebarspam::kFixedPseudoTokens + rules->size());
  CHECK(std::set<std::string>(texts.begin(), texts.end()).size() == texts.size());
  for (std::size_t id = 0; id < texts.size(); ++id) {
    CHECK(texts[id].rfind("__", 0) == 0);
    CHECK(texts[id].find(' ') == std::string::npos);
    CHECK(sidebarspam::pseudo_token_text(static_cast<sidebarspam::PseudoToken>(id), *rules) == texts[id]);
  }
  using F = sidebarspam::PseudoTokenFamily;
  CHECK(texts[sidebarspam::pseudo_token(F::kLength, 3)] == "__l_3");
  CHECK(texts[sidebarspam::pseudo_token(F::kPreviousNone)] == "__p_none");
  CHECK(texts[sidebarspam::pseudo_token(F::kNextHint, 1)] == "__nh_boil");
  CHECK(texts[sidebarspam::pseudo_token(F::kMainBlockBefore, 2)] == "__mb_b_2");
  CHECK(texts[sidebarspam::pseudo_token(F::kPeriod, 3)] == "__per_3");
  CHECK(texts[sidebarspam::pseudo_token(F::kTitleOverlap, 0)] == "__tov_0");
  CHECK(texts[sidebarspam::rule_pseudo_token(0)] == "__r_" + rules->rule(0).id);
}

TEST_CASE("clickbait input by ids gives the probabilities of its text, bit for bit", "[model_input]") {
  const std::unique_ptr<sidebarspam::RuleSet> rules = shipped_rules();
  for (const char* path : {"models/clickbait.ftz", "models/clickbait-ko.ftz"}) {
    std::unique_ptr<LabelModel> model;
    REQUIRE(LabelModel::Load(test_util::source_path(path), {"clickbait", "normal"}, &model).ok());
    const KnownTokens known = model->resolve(sidebarspam::pseudo_token_texts(*rules));
    const sidebarspam::Normalizer normalizer;
    for (const char* headline : {"50대 가장, 주운 복권이 알고보니… 충격", "[단독] '♥' 열애설 그 후", "You won't believe what happened next!",
                                 "zzqq unknown words only", "", "Stocks fell 3% on Monday", "..."}) {
      sidebarspam::NormalizedLine norm;
      normalizer.normalize(headline, 4096, &norm);
      std::vector<int> hits;
      rules->match(norm.clean, &hits);
      rules->match_cues(norm.clean, &hits);
      const sidebarspam::LineShape shape = sidebarspam::shape_of_line(norm);
      std::vector<int> skips = {-1};  // all kept, then each hit left out (as score() does for cues)
      skips.insert(skips.end(), hits.begin(), hits.end());
      for (int skip : skips) {
        LineInput input;
        std::string text;
        sidebarspam::clickbait_input(norm, shape, hits, &input, skip);
        sidebarspam::clickbait_input(norm, shape, hits, *rules, &text, skip);
        CHECK(text == sidebarspam::model_input_text(input, *rules));
        float by_text[2], by_ids[2];
        model->predict(text, by_text);
        model->predict(input.words, input.pseudo, known, {}, by_ids);
        INFO(path << ": '" << text << "'");
        CHECK(std::memcmp(by_text, by_ids, sizeof by_text) == 0);
      }
    }
  }
}
