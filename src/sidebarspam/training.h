// sidebarspam/training.h — train the models the classifier loads.
//
//   std::vector<sidebarspam::TrainingDocument> docs = ...;  // lines with labels
//   sidebarspam::TrainingConfig config;                       // defaults = shipped model
//   config.rules = "models/rules.tsv";
//   sidebarspam::Status s = sidebarspam::train_line_model(docs, config, "models/lines.ftz");
//
// Training featurises documents with the same code the classifier uses to score, then calls
// fastText's own trainer and quantiser. With threads = 1 the output file is a deterministic
// function of the documents, the rules file and the config. Functions here are not meant to
// run concurrently with each other (fastText training uses a temporary file next to the
// output). They do not print; progress goes to the optional callback.
#ifndef SIDEBARSPAM_TRAINING_H_
#define SIDEBARSPAM_TRAINING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sidebarspam/options.h"
#include "sidebarspam/status.h"

namespace sidebarspam {

struct TrainingLine {
  std::string text;
  std::string label;  // "body", "boilerplate", "sidebar"; "" = context only, not a training example
  // Appended to the line's model input: the DOM tokens of a page read from HTML (html.h,
  // dom_model_tokens), as Classifier::score_with_line_tokens appends them; "" for plain text.
  std::string extra_tokens;
};

struct TrainingDocument {
  std::vector<TrainingLine> lines;
  int repeat = 1;  // how many times the document's examples are written (to weight a source)
  std::string site;  // site key for site-memory features (TrainingConfig::use_site_memory)
};

struct TrainingConfig {
  std::string rules;           // rules file used for rule features (required for the line model)
  std::size_t max_line_bytes = kDefaultMaxLineBytes;
  bool use_rules = true;       // false trains the "model without rule features" ablation
  bool use_site_memory = false;  // train "seen on N other pages of the site" features (documents in crawl order)
  bool use_page_context = true;  // page-context features (page_context.h); false trains the ablation
  double site_memory_dropout = 0.5;  // share of pages featurised without the memory (cold start)
  // fastText hyper-parameters.
  int dim = 32;
  int epoch = 12;
  double lr = 0.2;
  int word_ngrams = 2;
  int minn = 2;
  int maxn = 4;
  int bucket = 200000;
  int min_count = 2;
  int seed = 20240611;
  int threads = 1;
  // Quantisation (0 cutoff = keep the model unquantised, as .bin).
  bool quantize = true;
  std::size_t cutoff = 60000;
  int dsub = 2;
};

// progress(fraction_done) is called from the training thread, at most every few percent.
using TrainingProgress = std::function<void(float)>;

// Writes the fastText training file (one "__label__X tokens..." line per labelled line)
// that train_line_model feeds to fastText. Useful to inspect features.
Status write_line_training_file(const std::vector<TrainingDocument>& documents,
                                const TrainingConfig& config, const std::string& path);

// Learns only the page structure of documents into path (the file train_line_model writes
// next to its model): to re-derive it for an existing line model trained on the same data.
Status learn_page_structure(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                            const std::string& path);

// Trains the line model into output_path and learns the page structure (the log-probabilities
// of the page-state machine, page_structure.h) from the same documents' labels into
// ModelPaths::StructurePathFor(output_path), then writes the manifest (write_model_manifest);
// the classifier loads all three.
// Writes the manifest of a trained line model, ModelPaths::ManifestPathFor(line_model)
// (model.json in its directory): the digests of the model, its page structure and
// config.rules, and the feature settings of config. Other keys of an existing model.json are
// kept (the Python trainer records its data sources and metrics there).
Status write_model_manifest(const TrainingConfig& config, const std::string& line_model);

Status train_line_model(const std::vector<TrainingDocument>& documents, const TrainingConfig& config,
                        const std::string& output_path, const TrainingProgress& progress = {});

struct TrainingHeadline {
  std::string text;
  std::string label;  // "clickbait" or "normal"
  int repeat = 1;
};

Status train_clickbait_model(const std::vector<TrainingHeadline>& headlines, const TrainingConfig& config,
                             const std::string& output_path, const TrainingProgress& progress = {});

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_TRAINING_H_
