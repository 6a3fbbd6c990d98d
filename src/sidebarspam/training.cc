#include "sidebarspam/training.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>

#include "sidebarspam/clickbait.h"
#include "sidebarspam/headline.h"
#include "sidebarspam/features.h"
#include "sidebarspam/line_key.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/manifest.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/model.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/page_structure.h"
#include "sidebarspam/classifier.h"
#include "sidebarspam/site_memory.h"
#include "sidebarspam/rules.h"

namespace sidebarspam {
namespace {

bool known_label(const std::string& label, const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), label) != names.end();
}

FeatureConfig feature_config_of(const TrainingConfig& config) {
  FeatureConfig features;
  features.max_line_bytes = config.max_line_bytes;
  features.use_rules = config.use_rules;
  features.use_site_memory = config.use_site_memory;
  features.use_page_context = config.use_page_context;
  return features;
}

// The document as one text, a line per training line; kInvalidArgument on an unknown label.
Status document_text(const TrainingDocument& doc, std::size_t d, std::string* text) {
  text->clear();
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const TrainingLine& line = doc.lines[i];
    if (!line.label.empty() && !known_label(line.label, line_label_names())) {
      return Status(StatusCode::kInvalidArgument, "document " + std::to_string(d) + " line " + std::to_string(i) +
                                                      ": unknown label '" + line.label + "'");
    }
    std::string t = line.text;
    std::replace(t.begin(), t.end(), '\n', ' ');  // one training line must stay one line
    *text += t;
    text->push_back('\n');
  }
  return Status::Ok();
}

// The examples of one featurised document (repeated doc.repeat times); returns its labels of
// the content lines, and whether every content line has one.
bool document_examples(const TrainingDocument& doc, const DocumentFeatures& features, const RuleSet& rules,
                       std::vector<std::string>* examples, std::vector<LineLabel>* page) {
  bool fully_labelled = true;
  for (std::size_t k = 0; k < features.content.size(); ++k) {
    const std::string& label = doc.lines[features.content[k]].label;
    fully_labelled = fully_labelled && !label.empty();
    if (label.empty()) continue;
    LineLabel parsed;
    parse_label(label, &parsed);
    page->push_back(parsed);
    std::string example = "__label__" + label + " " + model_input_text(features.model_input[k], rules);
    const std::string& extra = doc.lines[features.content[k]].extra_tokens;
    if (!extra.empty()) example += " " + extra;
    for (int r = 0; r < std::max(1, doc.repeat); ++r) examples->push_back(example);
  }
  return fully_labelled;
}

// Featurises every labelled line; each example is one fastText input line. With pages, also
// collects each document's labels of its non-blank labelled lines (for the page structure).
Status line_examples(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                     std::vector<std::string>* examples, std::vector<std::vector<LineLabel>>* pages = nullptr,
                     std::vector<double>* weights = nullptr, std::vector<PageScript>* scripts = nullptr) {
  std::unique_ptr<RuleSet> rules;
  Status s = RuleSet::Load(config.rules, &rules);
  if (!s.ok()) return s;
  Normalizer normalizer;
  const FeatureConfig feature_config = feature_config_of(config);
  // Pages are read in the given order and each one sees the site's earlier pages, as a
  // crawler's memory would: a site's first pages train the cold start.
  SiteMemory memory;
  std::vector<LineSpan> spans;
  DocumentFeatures features;
  std::string text;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const TrainingDocument& doc = documents[d];
    s = document_text(doc, d, &text);
    if (!s.ok()) return s;
    split_lines(text, &spans);
    // A share of the pages is featurised as if no memory were given (and still recorded):
    // callers without a memory, and every site's first pages, must not lose what the model
    // knows from text and structure alone. Chosen by a hash of the index: deterministic.
    const bool drop = ((static_cast<std::uint64_t>(d) * 0x9E3779B97F4A7C15ull) >> 40) % 1000 <
                      static_cast<std::uint64_t>(config.site_memory_dropout * 1000.0);
    analyse_lines(text, spans, normalizer, *rules, feature_config.max_line_bytes, &features);
    if (config.use_site_memory) {
      const std::vector<std::uint64_t> keys = line_keys(features.norm);
      if (!drop) memory.counts(doc.site, keys, &features.seen);
      memory.add_page(doc.site, keys);
    }
    encode_document(*rules, feature_config, &features);
    std::vector<LineLabel> page;
    // The page structure counts moves between neighbouring lines: a page with unlabelled
    // lines between its labelled ones would count moves that never happened.
    if (document_examples(doc, features, *rules, examples, &page) && pages != nullptr) {
      pages->push_back(std::move(page));
      weights->push_back(std::max(1, doc.repeat));
      scripts->push_back(page_script(features.norm));
    }
  }
  if (examples->empty()) return Status(StatusCode::kInvalidArgument, "no labelled lines to train on");
  return Status::Ok();
}

Status write_shuffled(std::vector<std::string>* examples, int seed, const std::string& path) {
  // fastText reads its file in order with a decaying learning rate: shuffle so no source
  // comes last. Seeded, so training stays deterministic.
  std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
  std::shuffle(examples->begin(), examples->end(), rng);
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status(StatusCode::kNotFound, path + ": cannot create training file");
  for (const std::string& e : *examples) out << e << '\n';
  out.close();
  if (!out) return Status(StatusCode::kInternal, path + ": write error");
  return Status::Ok();
}

Status run_fasttext(const std::string& input, const TrainingConfig& config, const std::string& output_path,
                    const TrainingProgress& progress) {
  fasttext::Args args;
  args.input = input;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = config.dim;
  args.epoch = config.epoch;
  args.lr = config.lr;
  args.wordNgrams = config.word_ngrams;
  args.minn = config.minn;
  args.maxn = config.maxn;
  args.bucket = config.bucket;
  args.minCount = config.min_count;
  args.minCountLabel = 1;
  args.seed = config.seed;
  args.thread = std::max(1, config.threads);
  args.verbose = 0;
  try {
    fasttext::FastText ft;
    float last = -1.0f;
    ft.train(args, [&](float p, float, double, double, int64_t) {
      if (progress && p - last >= 0.02f) {
        last = p;
        progress(p);
      }
    });
    if (config.quantize) {
      fasttext::Args qargs = args;
      qargs.qnorm = true;
      qargs.retrain = false;
      qargs.cutoff = config.cutoff;
      qargs.dsub = static_cast<std::size_t>(config.dsub);
      ft.quantize(qargs);
    }
    ft.saveModel(output_path);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, output_path + ": fastText training failed: " + e.what());
  }
  if (progress) progress(1.0f);
  return Status::Ok();
}

Status train_from_examples(std::vector<std::string>* examples, const TrainingConfig& config,
                           const std::string& output_path, const TrainingProgress& progress) {
  const std::string tmp = output_path + ".train.txt";
  Status s = write_shuffled(examples, config.seed, tmp);
  if (s.ok()) s = run_fasttext(tmp, config, output_path, progress);
  std::remove(tmp.c_str());
  return s;
}

}  // namespace

Status write_line_training_file(const std::vector<TrainingDocument>& documents,
                                const TrainingConfig& config, const std::string& path) {
  std::vector<std::string> examples;
  Status s = line_examples(documents, config, &examples);
  if (!s.ok()) return s;
  return write_shuffled(&examples, config.seed, path);
}

namespace {

Status examples_and_structure(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                              std::vector<std::string>* examples, const std::string& structure_path) {
  std::vector<std::vector<LineLabel>> pages;
  std::vector<double> weights;
  std::vector<PageScript> scripts;
  Status s = line_examples(documents, config, examples, &pages, &weights, &scripts);
  if (!s.ok()) return s;
  return PageStructure::Learn(pages, weights, scripts)->save(structure_path);
}

}  // namespace

Status learn_page_structure(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                            const std::string& path) {
  std::vector<std::string> examples;
  return examples_and_structure(documents, config, &examples, path);
}

Status write_model_manifest(const TrainingConfig& config, const std::string& line_model) {
  return write_manifest(line_model, ModelPaths::StructurePathFor(line_model), config.rules, feature_config_of(config),
                       ModelPaths::ManifestPathFor(line_model));
}

Status train_line_model(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                        const std::string& output_path, const TrainingProgress& progress) {
  std::vector<std::string> examples;
  Status s = examples_and_structure(documents, config, &examples, ModelPaths::StructurePathFor(output_path));
  if (s.ok()) s = train_from_examples(&examples, config, output_path, progress);
  if (s.ok()) s = write_model_manifest(config, output_path);
  return s;
}

Status train_clickbait_model(const std::vector<TrainingHeadline>& headlines, const TrainingConfig& config,
                             const std::string& output_path, const TrainingProgress& progress) {
  std::unique_ptr<RuleSet> rules;
  Status s = RuleSet::Load(config.rules, &rules);
  if (!s.ok()) return s;
  Normalizer normalizer;
  NormalizedLine norm;
  std::vector<std::string> examples;
  std::vector<int> hits;
  std::string input;
  for (std::size_t i = 0; i < headlines.size(); ++i) {
    const TrainingHeadline& h = headlines[i];
    if (!known_label(h.label, clickbait_label_names())) {
      return Status(StatusCode::kInvalidArgument,
                    "headline " + std::to_string(i) + ": unknown label '" + h.label + "'");
    }
    normalizer.normalize(h.text, config.max_line_bytes, &norm);
    rules->match(norm.clean, &hits);
    rules->match_cues(norm.clean, &hits);
    clickbait_input(norm, shape_of_line(norm), hits, *rules, &input);
    for (int r = 0; r < std::max(1, h.repeat); ++r) examples.push_back("__label__" + h.label + " " + input);
  }
  if (examples.empty()) return Status(StatusCode::kInvalidArgument, "no headlines to train on");
  return train_from_examples(&examples, config, output_path, progress);
}

}  // namespace sidebarspam
