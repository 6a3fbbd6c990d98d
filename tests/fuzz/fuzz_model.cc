// libFuzzer target: load arbitrary bytes as a fastText model. Corrupt or truncated files must
// come back as kInvalidModel, never crash, hang or allocate without bound.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "sidebarspam/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string> kLabels = {"clickbait", "normal"};
  std::unique_ptr<sidebarspam::LabelModel> model;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  sidebarspam::Status s = sidebarspam::LabelModel::FromBytes(bytes, "fuzz.ftz", kLabels, &model);
  if (s.ok()) {
    float p[2];
    model->predict("a b __e_word", p);
  } else if (s.code() != sidebarspam::StatusCode::kInvalidModel) {
    std::abort();
  }
  return 0;
}
