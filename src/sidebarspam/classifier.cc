#include "sidebarspam/classifier.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "sidebarspam/clickbait.h"
#include "sidebarspam/features.h"
#include "sidebarspam/line_key.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/manifest.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/model.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/page_result.h"
#include "sidebarspam/parallel.h"
#include "sidebarspam/page_structure.h"
#include "sidebarspam/rules.h"
#include "sidebarspam/segment.h"

namespace sidebarspam {

const std::vector<std::string>& line_label_names() {
  static const std::vector<std::string> names = {"body", "boilerplate", "sidebar"};
  return names;
}
const std::vector<std::string>& clickbait_label_names() {
  static const std::vector<std::string> names = {"clickbait", "normal"};
  return names;
}

std::string_view label_name(LineLabel label) { return line_label_names()[static_cast<std::size_t>(label)]; }

bool parse_label(std::string_view name, LineLabel* label) {
  const auto& names = line_label_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      *label = static_cast<LineLabel>(i);
      return true;
    }
  }
  return false;
}

ModelPaths ModelPaths::InDirectory(const std::string& directory) {
  std::string dir = directory;
  if (!dir.empty() && dir.back() != '/') dir.push_back('/');
  auto optional = [&](const char* name) {
    std::ifstream probe(dir + name);
    return probe ? dir + name : std::string();
  };
  return ModelPaths{dir + "lines.ftz",          dir + "rules.tsv",
                    dir + "clickbait.ftz",      optional("clickbait-ko.ftz"),
                    optional("clickbait-calibration.tsv"), dir + "lines.structure.tsv",
                    dir + "model.json", optional("html/lines.ftz").empty() ? std::string() : dir + "html"};
}

std::string ModelPaths::ManifestPathFor(const std::string& line_model) {
  const std::size_t slash = line_model.find_last_of('/');
  return (slash == std::string::npos ? std::string() : line_model.substr(0, slash + 1)) + "model.json";
}

std::string ModelPaths::StructurePathFor(const std::string& line_model) {
  const std::size_t slash = line_model.find_last_of('/');
  const std::size_t dot = line_model.find_last_of('.');
  const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  return (has_extension ? line_model.substr(0, dot) : line_model) + ".structure.tsv";
}

namespace {

// A line model with what was learned and recorded with it.
struct LineModel {
  std::unique_ptr<LabelModel> model;
  std::unique_ptr<PageStructure> structure;
  // The features the model was trained with; only the line length bound is the caller's.
  FeatureConfig features;
  // The model was trained with DOM tokens (html.h); otherwise score_with_line_tokens leaves
  // them out (their sub-word n-grams would still move an unaware model's scores).
  bool use_line_tokens = false;
  // The pseudo-tokens of the model input (pseudo_tokens.h), looked up in the model once.
  KnownTokens pseudo_tokens;
};

// Loads a line model, its page structure and manifest (each file on its own first, so a
// missing or corrupt file is named as such, then whether they belong together with the rules).
Status load_line_model(const ModelPaths& paths, const RuleSet& rules, const Options& options, LineModel* out) {
  ModelManifest manifest;
  Status s = LabelModel::Load(paths.line_model, line_label_names(), &out->model);
  if (s.ok()) s = PageStructure::Load(paths.structure, &out->structure);
  if (s.ok()) s = read_manifest(paths.manifest, &manifest);
  if (s.ok()) s = check_manifest(manifest, paths, *out->model);
  if (!s.ok()) return s;
  out->features = manifest.features;
  out->features.max_line_bytes = options.max_line_bytes;
  // DOM tokens are words of the model's own vocabulary; a model without them is not shown any.
  out->use_line_tokens = out->model->has_word_with_prefix(token::kDomBlockTag);
  out->pseudo_tokens = out->model->resolve(pseudo_token_texts(rules));
  return Status::Ok();
}

}  // namespace

struct Classifier::Impl {
  Options options;
  Normalizer normalizer;
  std::unique_ptr<RuleSet> rules;
  std::unique_ptr<ClickbaitScorer> clickbait_model;
  LineModel text_model;
  // The line model for pages read from HTML (ModelPaths::html_model_dir); null = text_model.
  std::unique_ptr<LineModel> html_model;

  const LineModel& html_or_text_model() const { return html_model ? *html_model : text_model; }


  HeadlineScoring headlines() const { return HeadlineScoring{clickbait_model.get(), rules.get(), options.clickbait_min}; }

  // One page: its labels, and with a memory what the memory knows about the site's other
  // pages (the page is not recorded here); its line keys into *line_keys_out when given.
  // line_tokens (a page read from HTML): the page is labelled by html_or_text_model(), and
  // line_tokens[i] appended to line i's model input when that model knows DOM tokens.
  ScoreResult score_page(std::string_view text, std::string_view site, const SiteMemory* memory,
                         std::vector<std::uint64_t>* line_keys_out,
                         const std::vector<std::string>* line_tokens = nullptr) const;
};

ScoreResult Classifier::Impl::score_page(std::string_view text, std::string_view site, const SiteMemory* memory,
                                         std::vector<std::uint64_t>* line_keys_out,
                                         const std::vector<std::string>* line_tokens) const {
  const Impl& impl = *this;
  const LineModel& lm = line_tokens != nullptr ? html_or_text_model() : text_model;
  thread_local std::vector<LineSpan> spans;
  split_lines(text, &spans);
  thread_local DocumentFeatures features;
  analyse_lines(text, spans, impl.normalizer, *impl.rules, lm.features.max_line_bytes, &features);
  if (memory != nullptr) {
    std::vector<std::uint64_t> keys = line_keys(features.norm);
    memory->counts(site, keys, &features.seen);
    if (line_keys_out != nullptr) *line_keys_out = std::move(keys);
  }
  encode_document(*impl.rules, lm.features, &features);

  const std::size_t m = features.content.size();
  std::vector<std::array<float, kNumLabels>> probabilities(m);
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t line = features.content[k];
    std::string_view tail;  // after the pseudo-tokens
    if (lm.use_line_tokens && line_tokens != nullptr && line < line_tokens->size()) tail = (*line_tokens)[line];
    const LineInput& input = features.model_input[k];
    lm.model->predict(input.words, input.pseudo, lm.pseudo_tokens, tail, probabilities[k].data());
  }
  Segmentation seg;
  const float body_margin = &lm == impl.html_model.get() ? impl.options.html_body_margin : impl.options.body_margin;
  segment(probabilities, SegmentOptions{body_margin, impl.options.switch_penalty, impl.options.structure_weight},
          lm.structure->table(page_script(features.norm)), &seg);
  return assemble_result(PageDecisions{spans, features, probabilities, seg}, *impl.rules, impl.headlines());
}


Classifier::Classifier() : impl_(new Impl) {}
Classifier::~Classifier() = default;

Status Classifier::Load(const ModelPaths& given, const Options& options, std::unique_ptr<Classifier>* out) {
  Status s = options.validate();
  if (!s.ok()) return s;
  ModelPaths paths = given;
  if (paths.structure.empty()) paths.structure = ModelPaths::StructurePathFor(paths.line_model);
  if (paths.manifest.empty()) paths.manifest = ModelPaths::ManifestPathFor(paths.line_model);
  std::unique_ptr<Classifier> c(new Classifier);
  Impl& impl = *c->impl_;
  impl.options = options;
  s = RuleSet::Load(paths.rules, &impl.rules);
  if (s.ok()) s = load_line_model(paths, *impl.rules, options, &impl.text_model);
  if (s.ok() && !paths.html_model_dir.empty()) {
    // The HTML model's files are its directory's; the rules are this classifier's, and its
    // manifest must name them (one rules file labels both models' pages).
    ModelPaths html = ModelPaths::InDirectory(paths.html_model_dir);
    html.rules = paths.rules;
    impl.html_model = std::make_unique<LineModel>();
    s = load_line_model(html, *impl.rules, options, impl.html_model.get());
  }
  if (s.ok() && !paths.clickbait_model.empty()) s = ClickbaitScorer::Load(paths, &impl.clickbait_model);
  if (!s.ok()) return s;
  if (impl.clickbait_model) impl.clickbait_model->resolve_pseudo_tokens(*impl.rules);
  *out = std::move(c);
  return Status::Ok();
}

ScoreResult Classifier::score(std::string_view text) const { return impl_->score_page(text, {}, nullptr, nullptr); }

ScoreResult Classifier::score(std::string_view text, std::string_view site, SiteMemory* memory) const {
  std::vector<std::uint64_t> keys;
  ScoreResult result = impl_->score_page(text, site, memory, &keys);
  if (memory != nullptr) memory->add_page(site, keys);
  return result;
}

bool Classifier::uses_site_memory() const { return impl_->text_model.features.use_site_memory; }
bool Classifier::uses_line_tokens() const { return impl_->html_or_text_model().use_line_tokens; }
bool Classifier::has_html_model() const { return impl_->html_model != nullptr; }

ScoreResult Classifier::score_with_line_tokens(std::string_view text,
                                               const std::vector<std::string>& line_tokens) const {
  return impl_->score_page(text, {}, nullptr, nullptr, &line_tokens);
}

std::vector<ScoreResult> Classifier::score_batch(const std::vector<std::string_view>& texts, int threads) const {
  std::vector<ScoreResult> results(texts.size());
  parallel_for(texts.size(), threads, [&](std::size_t i) { results[i] = score(texts[i]); });
  return results;
}

Status Classifier::score_batch(const std::vector<std::string_view>& texts, const std::vector<std::string_view>& sites,
                               SiteMemory* memory, int threads, std::vector<ScoreResult>* results) const {
  if (memory != nullptr && sites.size() != texts.size()) {
    return Status(StatusCode::kInvalidArgument, "score_batch with a site memory needs one site per text (" +
                                                    std::to_string(sites.size()) + " sites for " +
                                                    std::to_string(texts.size()) + " texts)");
  }
  if (memory == nullptr) {
    *results = score_batch(texts, threads);
    return Status::Ok();
  }
  results->assign(texts.size(), ScoreResult());
  std::vector<std::vector<std::uint64_t>> keys(texts.size());
  parallel_for(texts.size(), threads,
               [&](std::size_t i) { (*results)[i] = impl_->score_page(texts[i], sites[i], memory, &keys[i]); });
  for (std::size_t i = 0; i < texts.size(); ++i) memory->add_page(sites[i], keys[i]);
  return Status::Ok();
}

std::string Classifier::clean(std::string_view text, const ScoreResult& result) {
  std::string out;
  out.reserve(text.size());
  for (const LineResult& line : result.lines) {
    if (line.label == LineLabel::kBody && line.next <= text.size() && line.start <= line.next) {
      out.append(text.data() + line.start, line.next - line.start);
    }
  }
  return out;
}

std::string Classifier::clean(std::string_view text) const { return clean(text, score(text)); }

std::optional<float> Classifier::clickbait(std::string_view headline) const { return clickbait(headline, nullptr); }

std::optional<float> Classifier::clickbait(std::string_view headline, std::vector<std::string>* cues) const {
  if (!impl_->clickbait_model) return std::nullopt;
  NormalizedLine norm;
  impl_->normalizer.normalize(headline, impl_->options.max_line_bytes, &norm);
  std::vector<int> hits;
  impl_->rules->match(norm.clean, &hits);
  return impl_->headlines().score(norm, shape_of_line(norm), hits, cues);
}

std::optional<float> Classifier::clickbait_threshold(std::string_view headline) const {
  if (!impl_->clickbait_model) return std::nullopt;
  NormalizedLine norm;
  impl_->normalizer.normalize(headline, impl_->options.max_line_bytes, &norm);
  return impl_->clickbait_model->threshold(norm);
}

std::vector<std::string> Classifier::model_inputs(std::string_view text) const {
  std::vector<LineSpan> spans;
  split_lines(text, &spans);
  DocumentFeatures features;
  extract_features(text, spans, impl_->normalizer, *impl_->rules, impl_->text_model.features, &features);
  return model_input_texts(features, *impl_->rules);
}

bool Classifier::has_clickbait_model() const { return impl_->clickbait_model != nullptr; }

const Options& Classifier::options() const { return impl_->options; }

std::vector<std::pair<std::string, RuleHint>> Classifier::rule_hints() const {
  std::vector<std::pair<std::string, RuleHint>> hints;
  for (std::size_t i = 0; i < impl_->rules->size(); ++i) {
    const Rule& rule = impl_->rules->rule(i);
    hints.emplace_back(rule.id, rule.hint);
  }
  return hints;
}

}  // namespace sidebarspam
