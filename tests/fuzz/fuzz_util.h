// Shared by the libFuzzer targets that score: the shipped model, loaded once per process.
#ifndef SIDEBARSPAM_TESTS_FUZZ_UTIL_H_
#define SIDEBARSPAM_TESTS_FUZZ_UTIL_H_

#include <cstdlib>
#include <memory>

#include "sidebarspam/classifier.h"

namespace fuzz_util {

inline const sidebarspam::Classifier& shipped_classifier() {
  static std::unique_ptr<sidebarspam::Classifier> c = [] {
    std::unique_ptr<sidebarspam::Classifier> loaded;
    auto s = sidebarspam::Classifier::Load(sidebarspam::ModelPaths::InDirectory(SIDEBARSPAM_MODEL_DIR), {}, &loaded);
    if (!s.ok()) std::abort();
    return loaded;
  }();
  return *c;
}

}  // namespace fuzz_util

#endif  // SIDEBARSPAM_TESTS_FUZZ_UTIL_H_
