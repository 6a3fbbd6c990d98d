// Internal: how sensational a headline is, and how sensational a page's link lists are.
//
// One clickbait model per language (Korean headlines go to the Korean model when one is
// loaded, every other headline to the default model), each followed by its Platt
// calibration, so a score of 0.7 means "about 70 % of such headlines are clickbait by the
// labelling rubric". The page-level spam score is computed from the scores of the headline
// lines of the page's sidebar blocks (see page_spam_raw) and calibrated the same way.
#ifndef SIDEBARSPAM_CLICKBAIT_H_
#define SIDEBARSPAM_CLICKBAIT_H_

#include <memory>
#include <string>
#include <vector>

#include "sidebarspam/classifier.h"
#include "sidebarspam/headline.h"
#include "sidebarspam/line_shape.h"
#include "sidebarspam/model.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/result.h"
#include "sidebarspam/status.h"

namespace sidebarspam {

class LabelModel;
class RuleSet;

// A map from a model's probability to a calibrated one. Identity by default; either Platt
// scaling on the log-odds, p -> 1 / (1 + exp(-(a * logit(p) + b))), or an isotonic (monotone,
// piecewise linear) map through the knots (x[i], y[i]), x ascending, flat beyond the ends.
// With it, the model's decision threshold on the calibrated score: set by training to half the
// best F1 of the calibrated out-of-fold scores (a rare class such as Korean clickbait gets a
// threshold below 0.5).
struct Calibration {
  double a = 1.0;
  double b = 0.0;
  std::vector<double> x;  // isotonic knots (empty = Platt)
  std::vector<double> y;
  float threshold = 0.5f;
  float apply(float p) const;
};

// The calibration file (clickbait-calibration.tsv): '#' comments and lines
//   <name>\tplatt\t<a>\t<b>
//   <name>\tisotonic\t<x1>,<x2>,...\t<y1>,<y2>,...
//   <name>\tthreshold\t<t>      (decision threshold in [0, 1]; default 0.5; ko and default only)
// with name "ko" (Korean model), "default" (the other model) or "page" (spam score).
// Names not given keep the identity and 0.5.
struct ClickbaitCalibration {
  Calibration korean;
  Calibration other;
  Calibration page;
  static Status Load(const std::string& path, ClickbaitCalibration* out);
};

// The uncalibrated page-level score: 0 without headline-like sidebar lines in sidebar blocks
// (and the trailing block), else the probability that at least one of them is clickbait if
// their (calibrated) clickbait scores were independent, 1 - prod(1 - p_i), times the mean
// sidebar probability of those lines (how sure the line model is that they are a link list).
float page_spam_raw(const ScoreResult& result);

class ClickbaitScorer {
 public:
  // Loads paths.clickbait_model (required), paths.clickbait_model_ko and
  // paths.clickbait_calibration (each optional: "" = none).
  static Status Load(const ModelPaths& paths, std::unique_ptr<ClickbaitScorer>* out);
  ~ClickbaitScorer();

  // Calibrated clickbait probability of one headline. When reasons is given, appends
  // "clickbait:<cue>" for each matched cue rule that raises the score (the model's probability
  // without the cue's input token is lower).
  float score(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
              const RuleSet& rules, std::vector<std::string>* reasons) const;

  // Looks the pseudo-tokens (pseudo_tokens.h) of rules up in the models once: score() with
  // these rules then passes them as ids (the same probabilities, bit for bit). Before any
  // lines are scored (not thread-safe).
  void resolve_pseudo_tokens(const RuleSet& rules);

  // Decision threshold of the model that scores this headline (Korean or default).
  float threshold(const NormalizedLine& norm) const;

  // Calibrated page-level spam score of a scored document (lines and blocks filled in).
  float page_score(const ScoreResult& result) const;

 private:
  ClickbaitScorer();
  // True when the headline goes to the Korean model (one is loaded and it reads as Korean).
  bool routes_to_korean(const NormalizedLine& norm) const;
  std::unique_ptr<LabelModel> other_;
  std::unique_ptr<LabelModel> korean_;
  ClickbaitCalibration calibration_;
  const RuleSet* resolved_for_ = nullptr;  // the rules of other_known_ and korean_known_
  KnownTokens other_known_;
  KnownTokens korean_known_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_CLICKBAIT_H_
