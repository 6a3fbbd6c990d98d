#include "sidebarspam/clickbait.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "sidebarspam/headline.h"
#include "sidebarspam/model.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

float sigmoid(double x) { return static_cast<float>(1.0 / (1.0 + std::exp(-x))); }

// Comma-separated finite numbers.
bool parse_numbers(const std::string& field, std::vector<double>* out) {
  out->clear();
  std::stringstream ss(field);
  for (std::string item; std::getline(ss, item, ',');) {
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(v)) return false;
    out->push_back(v);
  }
  return !out->empty();
}

}  // namespace

float Calibration::apply(float p) const {
  if (!x.empty()) {
    if (p <= x.front()) return static_cast<float>(y.front());
    if (p >= x.back()) return static_cast<float>(y.back());
    const std::size_t i = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), static_cast<double>(p)) - x.begin());
    const double t = x[i] > x[i - 1] ? (p - x[i - 1]) / (x[i] - x[i - 1]) : 1.0;
    return static_cast<float>(y[i - 1] + t * (y[i] - y[i - 1]));
  }
  if (a == 1.0 && b == 0.0) return p;
  const double q = std::clamp(static_cast<double>(p), 1e-6, 1.0 - 1e-6);
  return sigmoid(a * std::log(q / (1.0 - q)) + b);
}

Status ClickbaitCalibration::Load(const std::string& path, ClickbaitCalibration* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path + ": cannot open calibration file");
  ClickbaitCalibration c;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    Calibration* named = fields[0] == "ko" ? &c.korean : fields[0] == "default" ? &c.other
                       : fields[0] == "page" ? &c.page : nullptr;
    if (named == nullptr) {
      return Status(StatusCode::kInvalidModel, where + "unknown name '" + fields[0] + "' (ko, default, page)");
    }
    if (fields.size() == 3 && fields[1] == "threshold") {
      if (named == &c.page) {  // the page score's threshold is the moderator's (README), not the model's
        return Status(StatusCode::kInvalidModel, where + "thresholds are for the headline models (ko, default)");
      }
      std::vector<double> t;
      if (!parse_numbers(fields[2], &t) || t.size() != 1 || t[0] < 0.0 || t[0] > 1.0) {
        return Status(StatusCode::kInvalidModel, where + "the threshold must be one number in [0, 1]");
      }
      named->threshold = static_cast<float>(t[0]);
      continue;
    }
    if (fields.size() != 4 || (fields[1] != "platt" && fields[1] != "isotonic")) {
      return Status(StatusCode::kInvalidModel,
                    where + "expected <name>\\tplatt\\t<a>\\t<b>, <name>\\tisotonic\\t<x,...>\\t<y,...> or "
                    "<name>\\tthreshold\\t<t>");
    }
    Calibration p;
    if (fields[1] == "platt") {
      if (!parse_numbers(fields[2], &p.x) || !parse_numbers(fields[3], &p.y) || p.x.size() != 1 || p.y.size() != 1) {
        return Status(StatusCode::kInvalidModel, where + "a and b must be numbers");
      }
      p.a = p.x[0];
      p.b = p.y[0];
      p.x.clear();
      p.y.clear();
    } else {
      if (!parse_numbers(fields[2], &p.x) || !parse_numbers(fields[3], &p.y) || p.x.empty() ||
          p.x.size() != p.y.size() || !std::is_sorted(p.x.begin(), p.x.end()) ||
          !std::is_sorted(p.y.begin(), p.y.end())) {
        return Status(StatusCode::kInvalidModel,
                      where + "isotonic knots: as many x as y, numbers, both ascending");
      }
    }
    p.threshold = named->threshold;  // a threshold line may come before its map
    *named = p;
  }
  *out = c;
  return Status::Ok();
}

float page_spam_raw(const ScoreResult& result) {
  std::vector<bool> in_list(result.lines.size(), false);
  auto mark = [&](std::size_t first, std::size_t last) {
    for (std::size_t i = first; i <= last && i < in_list.size(); ++i) in_list[i] = true;
  };
  for (const JunkBlock& block : result.blocks) {
    if (block.kind == LineLabel::kSidebar) mark(block.first_line, block.last_line);
  }
  if (result.trailing_block) mark(result.trailing_block->first_line, result.trailing_block->last_line);
  double none_clickbait = 1.0;  // probability that no headline of the lists is clickbait
  double confidence = 0.0;
  int count = 0;
  for (std::size_t i = 0; i < result.lines.size(); ++i) {
    const LineResult& line = result.lines[i];
    if (!in_list[i] || !line.clickbait || line.label != LineLabel::kSidebar) continue;
    none_clickbait *= 1.0 - std::clamp(static_cast<double>(*line.clickbait), 0.0, 1.0);
    confidence += line.probabilities[static_cast<int>(LineLabel::kSidebar)];
    ++count;
  }
  if (count == 0) return 0.0f;
  return static_cast<float>((1.0 - none_clickbait) * confidence / count);
}

ClickbaitScorer::ClickbaitScorer() = default;
ClickbaitScorer::~ClickbaitScorer() = default;

Status ClickbaitScorer::Load(const ModelPaths& paths, std::unique_ptr<ClickbaitScorer>* out) {
  std::unique_ptr<ClickbaitScorer> scorer(new ClickbaitScorer);
  Status s = LabelModel::Load(paths.clickbait_model, clickbait_label_names(), &scorer->other_);
  if (!s.ok()) return s;
  if (!paths.clickbait_model_ko.empty()) {
    s = LabelModel::Load(paths.clickbait_model_ko, clickbait_label_names(), &scorer->korean_);
    if (!s.ok()) return s;
  }
  if (!paths.clickbait_calibration.empty()) {
    s = ClickbaitCalibration::Load(paths.clickbait_calibration, &scorer->calibration_);
    if (!s.ok()) return s;
  }
  *out = std::move(scorer);
  return Status::Ok();
}

float ClickbaitScorer::score(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                             const RuleSet& rules, std::vector<std::string>* reasons) const {
  const bool korean = routes_to_korean(norm);
  const LabelModel& model = korean ? *korean_ : *other_;
  const Calibration& calibration = korean ? calibration_.korean : calibration_.other;
  const KnownTokens* known = &rules == resolved_for_ ? (korean ? &korean_known_ : &other_known_) : nullptr;
  // By ids when the rules were resolved, else as text: the same probabilities.
  thread_local LineInput input;
  thread_local std::string text;
  auto predict = [&](int skip, float* probabilities) {
    clickbait_input(norm, shape, hits, &input, skip);
    if (known != nullptr) {
      model.predict(input.words, input.pseudo, *known, {}, probabilities);
    } else {
      text = model_input_text(input, rules);
      model.predict(text, probabilities);
    }
  };
  float p[2];
  predict(-1, p);
  const float score = calibration.apply(p[0]);
  if (reasons != nullptr) {
    for (int h : hits) {
      const Rule& rule = rules.rule(h);
      if (rule.hint != RuleHint::kClickbait) continue;
      float q[2];
      predict(h, q);
      // Compared before calibration: a flat stretch of the isotonic map must not hide a cue.
      if (q[0] < p[0]) reasons->push_back("clickbait:" + cue_name(rule.id));
    }
  }
  return score;
}

void ClickbaitScorer::resolve_pseudo_tokens(const RuleSet& rules) {
  const std::vector<std::string> texts = pseudo_token_texts(rules);
  other_known_ = other_->resolve(texts);
  if (korean_ != nullptr) korean_known_ = korean_->resolve(texts);
  resolved_for_ = &rules;
}

bool ClickbaitScorer::routes_to_korean(const NormalizedLine& norm) const {
  return korean_ != nullptr && is_korean_headline(norm);
}

float ClickbaitScorer::threshold(const NormalizedLine& norm) const {
  return routes_to_korean(norm) ? calibration_.korean.threshold : calibration_.other.threshold;
}

float ClickbaitScorer::page_score(const ScoreResult& result) const {
  const float raw = page_spam_raw(result);
  return raw > 0.0f ? calibration_.page.apply(raw) : 0.0f;
}

}  // namespace sidebarspam
