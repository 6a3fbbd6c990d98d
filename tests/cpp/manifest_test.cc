// The model manifest (model.json): digests, feature settings, and the errors loading gives
// when files do not belong together. Also SHA-256 against the FIPS 180-4 example vectors.
#include "catch.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "sidebarspam/manifest.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/sha256.h"
#include "test_util.h"

using sidebarspam::Classifier;
using sidebarspam::ModelPaths;
using sidebarspam::StatusCode;

namespace {

// The shipped model's files copied into dir (so a test can break one of them).
ModelPaths copy_shipped(const test_util::TempDir& dir) {
  const ModelPaths shipped = test_util::shipped_paths();
  ModelPaths paths;
  paths.line_model = dir.file("lines.ftz");
  paths.rules = dir.file("rules.tsv");
  for (auto [from, to] : {std::pair{shipped.line_model, paths.line_model}, std::pair{shipped.rules, paths.rules},
                          std::pair{shipped.structure, dir.file("lines.structure.tsv")},
                          std::pair{shipped.manifest, dir.file("model.json")}}) {
    std::string bytes;
    REQUIRE(test_util::read_file(from, &bytes));
    test_util::write_file(to, bytes);
  }
  return paths;
}

Classifier* load(const ModelPaths& paths, sidebarspam::Status* status) {
  static std::unique_ptr<Classifier> c;
  c.reset();
  *status = Classifier::Load(paths, {}, &c);
  return c.get();
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text;
  REQUIRE(test_util::read_file(path, &text));
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  test_util::write_file(path, text);
}

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples", "[manifest]") {
  CHECK(sidebarspam::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sidebarspam::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  CHECK(sidebarspam::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sidebarspam::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the shipped model loads with its manifest", "[manifest]") {
  test_util::TempDir dir;
  const ModelPaths paths = copy_shipped(dir);
  sidebarspam::Status s;
  REQUIRE(load(paths, &s) != nullptr);
  sidebarspam::ModelManifest m;
  REQUIRE(sidebarspam::ReadManifest(dir.file("model.json"), &m).ok());
  CHECK(m.feature_format == sidebarspam::kFeatureFormat);
  CHECK(m.line_model == "lines.ftz");
}

TEST_CASE("a rules file other than the manifest's is refused, naming both digests", "[manifest]") {
  test_util::TempDir dir;
  ModelPaths paths = copy_shipped(dir);
  std::ofstream(paths.rules, std::ios::app) << "extra_rule\tsidebar\t^never matches this$\n";
  sidebarspam::Status s;
  CHECK(load(paths, &s) == nullptr);
  CHECK(s.code() == StatusCode::kMismatch);
  CHECK(s.message().find("rules.tsv") != std::string::npos);
  CHECK(s.message().find("rules file the model manifest names") != std::string::npos);
}

TEST_CASE("a missing, corrupt or older manifest gives a clear error", "[manifest]") {
  test_util::TempDir dir;
  ModelPaths paths = copy_shipped(dir);
  sidebarspam::Status s;
  SECTION("missing") {
    std::remove(dir.file("model.json").c_str());
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kNotFound);
    CHECK(s.message().find("model.json") != std::string::npos);
    CHECK(s.message().find("no model manifest") != std::string::npos);
  }
  SECTION("not JSON") {
    test_util::write_file(dir.file("model.json"), "{\"line_model\": ");
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kCorruptFile);
  }
  SECTION("a field missing") {
    replace_in_file(dir.file("model.json"), "\"feature_format\"", "\"feature_fmt\"");
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kCorruptFile);
    CHECK(s.message().find("feature_format") != std::string::npos);
  }
  SECTION("an older feature format") {
    replace_in_file(dir.file("model.json"), "\"feature_format\": " + std::to_string(sidebarspam::kFeatureFormat),
                    "\"feature_format\": 0");
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kMismatch);
    CHECK(s.message().find("feature format 0") != std::string::npos);
  }
  SECTION("a feature the model uses, called off") {
    replace_in_file(dir.file("model.json"), "\"use_rules\": true", "\"use_rules\": false");
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kMismatch);
    CHECK(s.message().find("use_rules") != std::string::npos);
  }
  SECTION("another line model") {
    // The manifest names another file than the one given.
    replace_in_file(dir.file("model.json"), "\"sha256\": \"", "\"sha256\": \"0");
    CHECK(load(paths, &s) == nullptr);
    CHECK(s.code() == StatusCode::kMismatch);
    CHECK(s.message().find("lines.ftz") != std::string::npos);
  }
}

TEST_CASE("training writes a manifest, and scoring shows the model what training wrote", "[manifest][training]") {
  test_util::TempDir dir;
  // A small page set in the shapes the features tell apart: text, a list, a copyright anchor.
  std::vector<sidebarspam::TrainingDocument> docs;
  for (int d = 0; d < 30; ++d) {
    sidebarspam::TrainingDocument doc;
    doc.lines = {{"Home | News | Sport | Weather", "boilerplate"},
                 {"The council voted on Tuesday to extend the library's opening hours into the evening.", "body"},
                 {"Officials said the change would cost little, since volunteers staff the late shift " +
                      std::to_string(d) + ".",
                  "body"},
                 {"Copyright 2024 The Example Gazette. All rights reserved.", "boilerplate"},
                 {"- You will not believe what this cat did next", "sidebar"},
                 {"- Ten towns that vanished overnight", "sidebar"}};
    docs.push_back(doc);
  }
  sidebarspam::TrainingConfig config;
  config.rules = test_util::source_path("models/rules.tsv");
  config.epoch = 2;
  config.quantize = false;
  config.min_count = 1;
  const std::string model = dir.file("lines.bin");
  REQUIRE(sidebarspam::train_line_model(docs, config, model).ok());
  sidebarspam::ModelManifest m;
  REQUIRE(sidebarspam::ReadManifest(dir.file("model.json"), &m).ok());
  CHECK(m.line_model == "lines.bin");
  CHECK(m.features.use_rules);
  CHECK_FALSE(m.features.use_site_memory);

  ModelPaths paths;
  paths.line_model = model;
  paths.rules = config.rules;
  std::unique_ptr<Classifier> c;
  REQUIRE(Classifier::Load(paths, {}, &c).ok());
  REQUIRE(sidebarspam::write_line_training_file(docs, config, dir.file("train.txt")).ok());
  std::vector<std::string> written;
  std::ifstream in(dir.file("train.txt"));
  for (std::string line; std::getline(in, line);) written.push_back(line.substr(line.find(' ') + 1));
  std::vector<std::string> scored;
  for (const auto& doc : docs) {
    std::string text;
    for (const auto& line : doc.lines) text += line.text + "\n";
    for (std::string& input : c->model_inputs(text)) scored.push_back(std::move(input));
  }
  std::sort(written.begin(), written.end());
  std::sort(scored.begin(), scored.end());
  REQUIRE(written.size() == scored.size());
  CHECK(written == scored);
}
