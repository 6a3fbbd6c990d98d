// Helpers shared by the C++ tests: paths to the shipped model and the shared data.
#ifndef SIDEBARSPAM_TESTS_TEST_UTIL_H_
#define SIDEBARSPAM_TESTS_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sidebarspam/sidebarspam.h"

namespace test_util {

inline std::string source_path(const std::string& relative) {
  return std::string(SIDEBARSPAM_SOURCE_DIR) + "/" + relative;
}

// ../shared beside the checkout (read-only data; never copied into the repository).
inline std::string shared_path(const std::string& relative) {
  return std::string(SIDEBARSPAM_SOURCE_DIR) + "/../shared/" + relative;
}

inline bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Sanitizer builds run slower: SIDEBARSPAM_TEST_SCALE=10 divides the big inputs by 10.
inline std::size_t scaled(std::size_t n) {
  const char* s = std::getenv("SIDEBARSPAM_TEST_SCALE");
  const long div = s ? std::atol(s) : 1;
  return div > 1 ? n / static_cast<std::size_t>(div) : n;
}

inline sidebarspam::ModelPaths shipped_paths() {
  return sidebarspam::ModelPaths::InDirectory(source_path("models"));
}

// One classifier per test process, loaded on first use.
inline const sidebarspam::Classifier& shipped() {
  static std::unique_ptr<sidebarspam::Classifier> classifier = [] {
    std::unique_ptr<sidebarspam::Classifier> c;
    sidebarspam::Status s = sidebarspam::Classifier::Load(shipped_paths(), {}, &c);
    if (!s.ok()) throw std::runtime_error("cannot load shipped model: " + s.message());
    return c;
  }();
  return *classifier;
}

// The shipped model without its HTML model (html_model_dir ""): score_html then labels a
// page's lines exactly as score() labels its text.
inline const sidebarspam::Classifier& shipped_text_only() {
  static std::unique_ptr<sidebarspam::Classifier> classifier = [] {
    sidebarspam::ModelPaths paths = shipped_paths();
    paths.html_model_dir.clear();
    std::unique_ptr<sidebarspam::Classifier> c;
    sidebarspam::Status s = sidebarspam::Classifier::Load(paths, {}, &c);
    if (!s.ok()) throw std::runtime_error("cannot load shipped model: " + s.message());
    return c;
  }();
  return *classifier;
}

// A fresh directory under the system temp dir, removed with everything in it when the
// object goes: tests leave nothing behind.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sidebarspam-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace test_util

#endif
