#include "sidebarspam/manifest.h"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "sidebarspam/model.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/sha256.h"

namespace sidebarspam {
namespace {

using nlohmann::json;

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status corrupt(const std::string& path, const std::string& why) {
  return Status(StatusCode::kCorruptFile, path + ": not a valid model manifest (" + why + ")");
}

void from_json_entry(const json& entry, ModelManifest* m) {
  m->line_model = entry.at("file").get<std::string>();
  m->line_model_sha256 = entry.at("sha256").get<std::string>();
  m->structure_sha256 = entry.at("structure_sha256").get<std::string>();
  m->rules_sha256 = entry.at("rules_sha256").get<std::string>();
  m->feature_format = entry.at("feature_format").get<int>();
  m->labels = entry.at("labels").get<std::vector<std::string>>();
  const json& f = entry.at("features");
  m->features.max_line_bytes = f.at("max_line_bytes").get<std::size_t>();
  m->features.use_rules = f.at("use_rules").get<bool>();
  m->features.use_site_memory = f.at("use_site_memory").get<bool>();
  m->features.use_page_context = f.at("use_page_context").get<bool>();
}

Status check_digest(const std::string& what, const std::string& path, const std::string& expected) {
  std::string actual;
  Status s = sha256_file(path, &actual);
  if (!s.ok()) return s;
  if (actual == expected) return Status::Ok();
  return Status(StatusCode::kMismatch, path + " (sha256 " + actual.substr(0, 12) + "...) is not the " + what +
                                           " the model manifest names (sha256 " + expected.substr(0, 12) +
                                           "...): use the files trained together, or retrain");
}

// A feature the manifest calls off must not have tokens in the model's vocabulary (the other
// way round is not checked: a small model may have pruned every token of a feature it uses).
Status check_vocabulary(const ModelManifest& m, const LabelModel& model) {
  struct Feature {
    bool on;
    const char* prefix;
    const char* name;
  };
  const Feature features[] = {{m.features.use_rules, token::kRule, "use_rules"},
                              {m.features.use_site_memory, token::kSeen, "use_site_memory"},
                              {m.features.use_page_context, token::kMainBlock, "use_page_context"}};
  for (const Feature& f : features) {
    if (!f.on && model.has_word_with_prefix(f.prefix)) {
      return Status(StatusCode::kMismatch, m.line_model + ": the manifest says " + f.name +
                                               " is off, but the model knows '" + f.prefix + "' tokens");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ReadManifest(const std::string& path, ModelManifest* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kNotFound,
                  path + ": no model manifest (model.json, which training writes next to the line model; a model "
                         "directory from before sidebarspam 0.2 needs retraining or `sidebarspam manifest`)");
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return corrupt(path, "not a JSON object");
  if (!doc.contains("line_model")) return corrupt(path, "no \"line_model\" entry");
  ModelManifest m;
  try {
    from_json_entry(doc.at("line_model"), &m);
  } catch (const json::exception& e) {
    return corrupt(path, e.what());
  }
  *out = std::move(m);
  return Status::Ok();
}

Status WriteManifest(const std::string& line_model, const std::string& structure, const std::string& rules,
                     const FeatureConfig& features, const std::string& path) {
  std::string model_digest, structure_digest, rules_digest;
  for (auto [file, digest] : {std::pair{&line_model, &model_digest}, std::pair{&structure, &structure_digest},
                              std::pair{&rules, &rules_digest}}) {
    Status s = sha256_file(*file, digest);
    if (!s.ok()) return s;
  }
  json doc = json::object();
  if (std::ifstream old(path); old) {
    json parsed = json::parse(old, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) doc = std::move(parsed);
  }
  doc["line_model"] = {{"file", base_name(line_model)},
                       {"sha256", model_digest},
                       {"structure_sha256", structure_digest},
                       {"rules_sha256", rules_digest},
                       {"feature_format", kFeatureFormat},
                       {"labels", line_label_names()},
                       {"features",
                        {{"max_line_bytes", features.max_line_bytes},
                         {"use_rules", features.use_rules},
                         {"use_site_memory", features.use_site_memory},
                         {"use_page_context", features.use_page_context}}}};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << doc.dump(2) << '\n';
  out.close();
  if (!out) return Status(StatusCode::kInternal, path + ": write error");
  return Status::Ok();
}

Status CheckManifest(const ModelManifest& m, const ModelPaths& paths, const LabelModel& line_model) {
  if (m.feature_format != kFeatureFormat) {
    return Status(StatusCode::kMismatch, paths.manifest + ": model built with feature format " +
                                             std::to_string(m.feature_format) + ", this library reads format " +
                                             std::to_string(kFeatureFormat) + ": retrain the model");
  }
  if (m.labels != line_label_names()) {
    return Status(StatusCode::kMismatch, paths.manifest + ": labels are not body, boilerplate, sidebar");
  }
  Status s = check_digest("line model", paths.line_model, m.line_model_sha256);
  if (s.ok()) s = check_digest("page structure", paths.structure, m.structure_sha256);
  if (s.ok()) s = check_digest("rules file", paths.rules, m.rules_sha256);
  if (s.ok()) s = check_vocabulary(m, line_model);
  return s;
}

}  // namespace sidebarspam
