#include "sidebarspam/model.h"

#include <cstdio>

#include "catch.h"
#include "test_util.h"

using sidebarspam::LabelModel;
using sidebarspam::StatusCode;

namespace {
const std::vector<std::string> kLineLabels = {"body", "boilerplate", "sidebar"};
}

TEST_CASE("missing model file", "[model]") {
  std::unique_ptr<LabelModel> m;
  auto s = LabelModel::Load("/nonexistent/lines.ftz", kLineLabels, &m);
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(s.message().find("/nonexistent/lines.ftz") != std::string::npos);
}

TEST_CASE("garbage, empty and truncated model files are rejected", "[model]") {
  std::string good;
  REQUIRE(test_util::read_file(test_util::source_path("models/lines.ftz"), &good));
  const std::string path = "model_test_corrupt.ftz";
  std::unique_ptr<LabelModel> m;

  test_util::write_file(path, "");
  CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  test_util::write_file(path, "this is not a model at all, just text\n");
  auto s = LabelModel::Load(path, kLineLabels, &m);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("bad magic") != std::string::npos);
  CHECK(s.message().find(path) == 0);
  for (std::size_t cut : {std::size_t{8}, std::size_t{100}, good.size() / 2, good.size() - 1}) {
    test_util::write_file(path, good.substr(0, cut));
    INFO("cut at " << cut);
    CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  }
  test_util::write_file(path, good + "x");
  CHECK(LabelModel::Load(path, kLineLabels, &m).code() == StatusCode::kInvalidModel);
  CHECK(m == nullptr);
  std::remove(path.c_str());
}

TEST_CASE("a model with other labels is rejected", "[model]") {
  std::unique_ptr<LabelModel> m;
  auto s = LabelModel::Load(test_util::source_path("models/clickbait.ftz"), kLineLabels, &m);
  CHECK(s.code() == StatusCode::kInvalidModel);
  CHECK(s.message().find("labels") != std::string::npos);
}

TEST_CASE("probabilities sum to one", "[model]") {
  std::unique_ptr<LabelModel> m;
  REQUIRE(LabelModel::Load(test_util::source_path("models/lines.ftz"), kLineLabels, &m).ok());
  float p[3];
  m->predict("copyright © news . __b_none", p);
  CHECK(p[0] + p[1] + p[2] == Approx(1.0f).margin(1e-3));
  m->predict("", p);  // only fastText's end-of-line token: still a distribution
  CHECK(p[0] + p[1] + p[2] == Approx(1.0f).margin(1e-3));
}
