// Internal: the model manifest, model.json in the model directory. Training writes it next to
// the line model; loading reads it and refuses files that do not belong together, instead of
// guessing the feature settings from the model's vocabulary.
//
//   {
//     "line_model": {
//       "file": "lines.ftz", "sha256": "...",            the line model it describes
//       "structure_sha256": "...",                       its page structure (lines.structure.tsv)
//       "rules_sha256": "...",                           the rules file it was trained with
//       "feature_format": 1,                             model_input.h's kFeatureFormat
//       "labels": ["body", "boilerplate", "sidebar"],
//       "features": {"max_line_bytes": 4096, "use_rules": true, "use_site_memory": false,
//                    "use_page_context": true}
//     },
//     ...                                                other keys (the Python trainer adds its
//   }                                                    config, data sources and dev metrics)
#ifndef SIDEBARSPAM_MANIFEST_H_
#define SIDEBARSPAM_MANIFEST_H_

#include <string>
#include <vector>

#include "sidebarspam/classifier.h"
#include "sidebarspam/features.h"
#include "sidebarspam/status.h"

namespace sidebarspam {

class LabelModel;

struct ModelManifest {
  std::string line_model;  // file name, without directory
  std::string line_model_sha256;
  std::string structure_sha256;
  std::string rules_sha256;
  int feature_format = 0;
  std::vector<std::string> labels;
  FeatureConfig features;
};

// kNotFound when path does not exist, kCorruptFile when it is not a manifest.
Status ReadManifest(const std::string& path, ModelManifest* out);
// The manifest of a line model just trained: digests of its files, the rules file and the
// feature settings. Replaces the "line_model" entry of an existing file, keeps its other keys.
Status WriteManifest(const std::string& line_model, const std::string& structure, const std::string& rules,
                     const FeatureConfig& features, const std::string& path);
// kMismatch (naming the file and both digests or values) unless the files in paths and the
// loaded line model are the ones the manifest describes.
Status CheckManifest(const ModelManifest& manifest, const ModelPaths& paths, const LabelModel& line_model);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_MANIFEST_H_
