// sidebarspam/classifier.h — score the lines of a crawled article.
//
//   #include <sidebarspam/sidebarspam.h>
//
//   std::unique_ptr<sidebarspam::Classifier> classifier;
//   sidebarspam::Status status = sidebarspam::Classifier::Load(
//       sidebarspam::ModelPaths::InDirectory("/usr/share/sidebarspam"), {}, &classifier);
//   if (!status.ok()) { std::cerr << status.message() << "\n"; return 1; }
//   sidebarspam::ScoreResult result = classifier->score(article_text);
//   std::string kept = classifier->clean(article_text);  // body lines only, byte-identical
//
// Naming: types are CamelCase; so are the static functions that make or find something
// (Classifier::Load, ModelPaths::InDirectory, SiteMemory::LineKey, Status::Ok); every method
// called on an object, and every free function, is snake_case (score, save, options()).
//
// Thread safety: a loaded Classifier is immutable; score(), clean() and score_batch() are
// const and may be called from any number of threads at once on one instance.
// Not copyable (it owns the models); move the unique_ptr instead.
// The library never throws from scoring, never prints and never exits: loading reports
// errors through Status, scoring accepts any bytes (invalid UTF-8, NUL, CR, huge lines).
#ifndef SIDEBARSPAM_CLASSIFIER_H_
#define SIDEBARSPAM_CLASSIFIER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sidebarspam/options.h"
#include "sidebarspam/result.h"
#include "sidebarspam/site_memory.h"
#include "sidebarspam/status.h"

namespace sidebarspam {

struct ModelPaths {
  std::string line_model;       // fastText .ftz/.bin with labels body, boilerplate, sidebar
  std::string rules;            // rules file (see rules.h)
  std::string clickbait_model;  // optional fastText model with labels clickbait, normal; "" = none
  // Optional, read only with a clickbait_model ("" = none): the Korean clickbait model (Korean
  // headlines go to it, all others to clickbait_model) and the calibration of both models and
  // of the page-level spam score (see clickbait.h; none = scores uncalibrated).
  std::string clickbait_model_ko;
  std::string clickbait_calibration;
  // The page structure learned with the line model (see StructurePathFor); "" = the file
  // next to line_model.
  std::string structure;
  // The model manifest (model.json: what the line model was trained with; see manifest.h);
  // "" = model.json in the line model's directory.
  std::string manifest;
  // Optional ("" = none): a model directory (lines.ftz, lines.structure.tsv, model.json) whose
  // line model, trained with DOM tokens, labels the pages read from HTML (html.h, score_html)
  // instead of line_model; trained with the same rules file (checked at load). Plain text is
  // always labelled by line_model.
  std::string html_model_dir;

  // The default file names inside a model directory (as installed or shipped in models/):
  // lines.ftz, lines.structure.tsv, rules.tsv, model.json, clickbait.ftz, and clickbait-ko.ftz
  // and clickbait-calibration.tsv when they exist there (older model directories have neither),
  // and html/ as html_model_dir when html/lines.ftz exists there.
  static ModelPaths InDirectory(const std::string& directory);
  // Where training writes, and loading looks for, a line model's manifest: model.json in
  // its directory.
  static std::string ManifestPathFor(const std::string& line_model);
  // Where training writes, and loading looks for, a line model's page structure: its path
  // without the extension, plus ".structure.tsv" (lines.ftz -> lines.structure.tsv).
  static std::string StructurePathFor(const std::string& line_model);
};


// True when a headline is scored by the Korean clickbait model (when one is loaded): at least a
// third of its letters (Hangul + Latin) are Hangul. The trainer splits headlines with it.
bool is_korean_headline(std::string_view headline);

class Classifier {
 public:
  // Loads the models and rules, and checks them against the manifest. On failure *out is left
  // unchanged and the Status names the file (and line, for rules) at fault: kNotFound,
  // kInvalidModel / kInvalidRules / kCorruptFile (a file unreadable), kMismatch (files that do
  // not belong together: a rules file or line model other than the manifest's), or
  // kInvalidArgument (an option out of range).
  static Status Load(const ModelPaths& paths, const Options& options, std::unique_ptr<Classifier>* out);

  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // Labels every line of text. Any bytes are accepted; empty text gives no lines.
  ScoreResult score(std::string_view text) const;

  // Scores many documents on `threads` threads (0 = all cores). Results are in input order
  // and identical to calling score() on each.
  std::vector<ScoreResult> score_batch(const std::vector<std::string_view>& texts, int threads = 0) const;

  // The same for a page of `site`, with what memory knows about the site's other pages
  // (see site_memory.h); the page is then recorded in memory. With a model trained without
  // site memory the labels are those of score(text), and lines seen before still get the
  // reason "site_seen:N".
  ScoreResult score(std::string_view text, std::string_view site, SiteMemory* memory) const;
  // Batch form: every page is scored against memory as it was before the batch, then the
  // pages are recorded in input order, so results do not depend on the thread count. sites
  // gives one site per text: kInvalidArgument (and nothing scored or recorded) otherwise.
  Status score_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& sites,
                     SiteMemory* memory, int threads, std::vector<ScoreResult>* results) const;
  // Labels every line of text as a page read from HTML: by the HTML model when one is loaded
  // (html_model_dir), else by the line model, appending line_tokens[i] (when there is one) to
  // line i's model input: the DOM tokens of the page (html.h, dom_model_tokens). A model
  // trained without such tokens (uses_line_tokens() false) is not shown them.
  ScoreResult score_with_line_tokens(std::string_view text, const std::vector<std::string>& line_tokens) const;
  // True when the line model that labels pages read from HTML (the HTML model when one is
  // loaded, else the line model) was trained with DOM tokens.
  bool uses_line_tokens() const;
  // True when a separate line model for pages read from HTML was loaded (html_model_dir).
  bool has_html_model() const;

  // True when the line model was trained with site-memory features.
  bool uses_site_memory() const;

  // The text with every non-body line removed. Kept lines are copied byte for byte with their
  // own line terminators, so the output is a subsequence of the input's lines.
  std::string clean(std::string_view text) const;
  // Same, from an existing result for this text.
  static std::string clean(std::string_view text, const ScoreResult& result);

  // Clickbait probability of one headline in [0, 1] (calibrated: 0.7 = about 70 % of such
  // headlines are clickbait by the labelling rubric); empty when no clickbait model is loaded.
  std::optional<float> clickbait(std::string_view headline) const;
  // The same, and appends to *cues the rubric cues that raised the score
  // ("clickbait:withheld_fact", ...; see the clickbait rules in rules.tsv).
  std::optional<float> clickbait(std::string_view headline, std::vector<std::string>* cues) const;
  // The score at or above which the headline counts as clickbait: the decision threshold of the
  // model that scores it (Korean or default), from the calibration file, where training puts
  // half the best F1 of the out-of-fold scores; 0.5 without one. Empty without a clickbait model.
  std::optional<float> clickbait_threshold(std::string_view headline) const;
  bool has_clickbait_model() const;

  // The line model's input for each non-blank line of text (word tokens and pseudo-tokens, as
  // the trainer writes them): to see what the model was shown.
  std::vector<std::string> model_inputs(std::string_view text) const;

  const Options& options() const;
  // (id, hint) of each rule in the loaded rules file, in file order (hint_name() gives the
  // hint's name in the rules file). Reasons name rules as "rule:<id>".
  std::vector<std::pair<std::string, RuleHint>> rule_hints() const;

 private:
  Classifier();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_CLASSIFIER_H_
