#include "sidebarspam/classifier.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <thread>

#include "sidebarspam/clickbait.h"
#include "sidebarspam/features.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/model.h"
#include "sidebarspam/normalize.h"
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

namespace {

// Runs work(i) for i in [0, n) on `threads` threads (0 = all cores), this one included.
template <typename Work>
void parallel_for(std::size_t n, int threads, const Work& work) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), n));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto run = [&]() {
    for (std::size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (auto& thread : pool) thread.join();
}

}  // namespace

ModelPaths ModelPaths::InDirectory(const std::string& directory) {
  std::string dir = directory;
  if (!dir.empty() && dir.back() != '/') dir.push_back('/');
  auto optional = [&](const char* name) {
    std::ifstream probe(dir + name);
    return probe ? dir + name : std::string();
  };
  return ModelPaths{dir + "lines.ftz",          dir + "rules.tsv",
                    dir + "clickbait.ftz",      optional("clickbait-ko.ftz"),
                    optional("clickbait-calibration.tsv"), dir + "lines.structure.tsv"};
}

std::string ModelPaths::StructurePathFor(const std::string& line_model) {
  const std::size_t slash = line_model.find_last_of('/');
  const std::size_t dot = line_model.find_last_of('.');
  const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  return (has_extension ? line_model.substr(0, dot) : line_model) + ".structure.tsv";
}

struct Classifier::Impl {
  Options options;
  FeatureConfig features;
  Normalizer normalizer;
  std::unique_ptr<RuleSet> rules;
  std::unique_ptr<LabelModel> line_model;
  std::unique_ptr<ClickbaitScorer> clickbait_model;
  std::unique_ptr<PageStructure> structure;
  // The line model was trained with DOM tokens (html.h); otherwise score_with_line_tokens
  // leaves them out (their sub-word n-grams would still move an unaware model's scores).
  bool use_line_tokens = false;

  // hits: the line rules that matched; the clickbait cues are matched here, for the lines
  // that are scored as headlines only.
  float clickbait_of(const NormalizedLine& norm, const LineShape& shape, const std::vector<int>& hits,
                     std::vector<std::string>* cues) const {
    thread_local std::vector<int> with_cues;
    with_cues = hits;
    rules->match_cues(norm.clean, &with_cues);
    const float p = clickbait_model->score(norm, shape, with_cues, *rules, cues);
    return p < options.clickbait_min ? 0.0f : p;
  }
};

Classifier::Classifier() : impl_(new Impl) {}
Classifier::~Classifier() = default;

Status Classifier::Load(const ModelPaths& paths, const Options& options, std::unique_ptr<Classifier>* out) {
  if (options.max_line_bytes < 16) {
    return Status(StatusCode::kInvalidArgument, "max_line_bytes must be at least 16");
  }
  if (!(options.switch_penalty >= 0.0f) || !std::isfinite(options.body_margin) ||
      !(options.structure_weight >= 0.0f) || !std::isfinite(options.structure_weight)) {
    return Status(StatusCode::kInvalidArgument,
                  "switch_penalty and structure_weight must be finite and >= 0, body_margin finite");
  }
  std::unique_ptr<Classifier> c(new Classifier);
  c->impl_->options = options;
  c->impl_->features.max_line_bytes = options.max_line_bytes;
  Status s = RuleSet::Load(paths.rules, &c->impl_->rules);
  if (!s.ok()) return s;
  s = LabelModel::Load(paths.line_model, line_label_names(), &c->impl_->line_model);
  if (!s.ok()) return s;
  s = PageStructure::Load(paths.structure.empty() ? ModelPaths::StructurePathFor(paths.line_model) : paths.structure,
                          &c->impl_->structure);
  if (!s.ok()) return s;
  // A model trained without rule features (the ablation) must be shown none at scoring time.
  c->impl_->features.use_rules = c->impl_->line_model->has_word_with_prefix("__r_") ||
                                 c->impl_->line_model->has_word_with_prefix("__h_");
  c->impl_->features.use_site_memory = c->impl_->line_model->has_word_with_prefix("__seen_");
  c->impl_->features.use_page_context = c->impl_->line_model->has_word_with_prefix("__mb_");
  c->impl_->use_line_tokens = c->impl_->line_model->has_word_with_prefix("__dt_");
  if (!paths.clickbait_model.empty()) {
    s = ClickbaitScorer::Load(paths, &c->impl_->clickbait_model);
    if (!s.ok()) return s;
  }
  *out = std::move(c);
  return Status::Ok();
}

ScoreResult Classifier::score(std::string_view text) const { return score_page(text, {}, nullptr, nullptr); }

ScoreResult Classifier::score_with_line_tokens(std::string_view text,
                                               const std::vector<std::string>& line_tokens) const {
  return score_page(text, {}, nullptr, nullptr, &line_tokens);
}

ScoreResult Classifier::score(std::string_view text, std::string_view site, SiteMemory* memory) const {
  std::vector<std::uint64_t> keys;
  ScoreResult result = score_page(text, site, memory, &keys);
  if (memory != nullptr) memory->add_page(site, keys);
  return result;
}

bool Classifier::uses_site_memory() const { return impl_->features.use_site_memory; }
bool Classifier::uses_line_tokens() const { return impl_->use_line_tokens; }

ScoreResult Classifier::score_page(std::string_view text, std::string_view site, const SiteMemory* memory,
                                   std::vector<std::uint64_t>* line_keys,
                                   const std::vector<std::string>* line_tokens) const {
  const Impl& impl = *impl_;
  ScoreResult result;
  thread_local std::vector<LineSpan> spans;
  split_lines(text, &spans);
  thread_local DocumentFeatures features;
  extract_features(text, spans, impl.normalizer, *impl.rules, impl.features, &features, SiteView{memory, site});
  if (line_keys != nullptr) *line_keys = features.line_key;

  const std::size_t m = features.content.size();
  std::vector<std::array<float, kNumLabels>> probabilities(m);
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t line = features.content[k];
    if (impl.use_line_tokens && line_tokens != nullptr && line < line_tokens->size() &&
        !(*line_tokens)[line].empty()) {
      features.model_input[k] += ' ';
      features.model_input[k] += (*line_tokens)[line];
    }
    impl.line_model->predict(features.model_input[k], probabilities[k].data());
  }
  Segmentation seg;
  segment(probabilities,
          SegmentOptions{impl.options.body_margin, impl.options.switch_penalty, impl.options.structure_weight},
          impl.structure->table(page_script(features.norm)), &seg);

  result.lines.resize(spans.size());
  std::vector<long> content_of(spans.size(), -1);
  for (std::size_t k = 0; k < m; ++k) content_of[features.content[k]] = static_cast<long>(k);

  for (std::size_t k = 0; k < m; ++k) {
    LineResult& line = result.lines[features.content[k]];
    line.label = seg.labels[k];
    line.probabilities = probabilities[k];
    for (int h : features.hits[k]) line.reasons.push_back("rule:" + impl.rules->rule(h).id);
    if (features.shape[k].bullet != BulletKind::kNone) line.reasons.push_back("bullet");
    if (features.after_anchor[k]) line.reasons.push_back("after_anchor");
    if (k >= seg.tail_start) line.reasons.push_back("tail");
    if (seg.trailing_block && k >= seg.trailing_block->first && k <= seg.trailing_block->second) {
      line.reasons.push_back("trailing_block");
    }
    if (features.norm[k].truncated) line.reasons.push_back("truncated");
    if (features.seen[k] > 0) line.reasons.push_back("site_seen:" + std::to_string(features.seen[k]));
    if (impl.clickbait_model && is_headline_like(features.norm[k], features.shape[k])) {
      line.clickbait = impl.clickbait_of(features.norm[k], features.shape[k], features.hits[k], &line.reasons);
    }
  }
  // Blank lines follow the content line before them (or after, at the top of the text), so a
  // removed block takes its inner blank lines with it and the body keeps its paragraph breaks.
  long previous = m > 0 ? 0 : -1;  // before the first content line: that line
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (content_of[i] >= 0) {
      previous = content_of[i];
      continue;
    }
    const long source = previous;
    LineResult& line = result.lines[i];
    if (source >= 0) {
      line.label = seg.labels[source];
      line.probabilities = probabilities[source];
    }
    line.reasons.push_back("blank");
  }
  for (std::size_t i = 0; i < spans.size(); ++i) {
    result.lines[i].start = spans[i].start;
    result.lines[i].end = spans[i].end;
    result.lines[i].next = spans[i].next;
  }

  for (const LabelRun& run : junk_runs(seg.labels)) {
    JunkBlock block;
    block.kind = run.label;
    block.first_line = features.content[run.first];
    block.last_line = features.content[run.last];
    block.start = spans[block.first_line].start;
    block.end = spans[block.last_line].next;
    result.blocks.push_back(block);
  }
  if (seg.trailing_block) {
    TrailingBlock block;
    block.first_line = features.content[seg.trailing_block->first];
    block.last_line = features.content[seg.trailing_block->second];
    block.start = spans[block.first_line].start;
    block.end = spans[block.last_line].next;
    result.trailing_block = block;
  }
  if (impl.clickbait_model) result.spam_score = impl.clickbait_model->page_score(result);
  return result;
}

std::vector<ScoreResult> Classifier::score_batch(const std::vector<std::string_view>& texts, int threads) const {
  std::vector<ScoreResult> results(texts.size());
  parallel_for(texts.size(), threads, [&](std::size_t i) { results[i] = score(texts[i]); });
  return results;
}

std::vector<ScoreResult> Classifier::score_batch(const std::vector<std::string_view>& texts,
                                                const std::vector<std::string_view>& sites, SiteMemory* memory,
                                                int threads) const {
  if (memory == nullptr) return score_batch(texts, threads);
  std::vector<ScoreResult> results(texts.size());
  std::vector<std::vector<std::uint64_t>> keys(texts.size());
  auto site_of = [&](std::size_t i) { return i < sites.size() ? sites[i] : std::string_view(); };
  parallel_for(texts.size(), threads, [&](std::size_t i) { results[i] = score_page(texts[i], site_of(i), memory, &keys[i]); });
  for (std::size_t i = 0; i < texts.size(); ++i) memory->add_page(site_of(i), keys[i]);
  return results;
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

float Classifier::clickbait(std::string_view headline) const { return clickbait(headline, nullptr); }

float Classifier::clickbait(std::string_view headline, std::vector<std::string>* cues) const {
  if (!impl_->clickbait_model) return -1.0f;
  NormalizedLine norm;
  impl_->normalizer.normalize(headline, impl_->options.max_line_bytes, &norm);
  std::vector<int> hits;
  impl_->rules->match(norm.clean, &hits);
  return impl_->clickbait_of(norm, shape_of_line(norm), hits, cues);
}

bool Classifier::has_clickbait_model() const { return impl_->clickbait_model != nullptr; }

const Options& Classifier::options() const { return impl_->options; }

std::vector<std::pair<std::string, std::string>> Classifier::rule_hints() const {
  std::vector<std::pair<std::string, std::string>> hints;
  for (std::size_t i = 0; i < impl_->rules->size(); ++i) {
    const Rule& rule = impl_->rules->rule(i);
    hints.emplace_back(rule.id, std::string(hint_name(rule.hint)));
  }
  return hints;
}

}  // namespace sidebarspam
