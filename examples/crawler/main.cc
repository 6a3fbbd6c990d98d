// crawler: score article text files and print one JSON line per file.
//
//   crawler [--model-dir DIR] [--threads N] article.txt...   (crawler --help: this usage)
//
// Output per file: {"file": ..., "lines": [{"start","end","label","p_body","clickbait"}...],
// "trailing_block": [first_line, last_line] or null, "spam_score": ...}
#include <sidebarspam/sidebarspam.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

constexpr const char* kUsage =
    "usage: crawler [--model-dir DIR] [--threads N] article.txt...\n"
    "Scores each article text file and prints one JSON line per file: its lines' byte ranges,\n"
    "labels (body, boilerplate, sidebar), P(body) and clickbait scores, the trailing block and\n"
    "the page's spam score. --model-dir defaults to the installed model.\n";

int main(int argc, char** argv) {
  std::string model_dir = SIDEBARSPAM_MODEL_DIR;
  int threads = 0;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << kUsage;
      return 0;
    }
    if (std::strcmp(argv[i], "--model-dir") == 0 && i + 1 < argc) {
      model_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else {
      files.push_back(argv[i]);
    }
  }
  std::unique_ptr<sidebarspam::Classifier> classifier;
  sidebarspam::Status status =
      sidebarspam::Classifier::Load(sidebarspam::ModelPaths::InDirectory(model_dir), {}, &classifier);
  if (!status.ok()) {
    std::cerr << "crawler: " << status.message() << "\n";
    return 2;
  }
  std::vector<std::string> texts;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "crawler: cannot read " << file << "\n";
      return 2;
    }
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<sidebarspam::ScoreResult> results = classifier->score_batch(views, threads);
  for (std::size_t f = 0; f < files.size(); ++f) {
    const sidebarspam::ScoreResult& r = results[f];
    std::cout << "{\"file\":" << json_string(files[f]) << ",\"lines\":[";
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
      const auto& line = r.lines[i];
      std::cout << (i ? "," : "") << "{\"start\":" << line.start << ",\"end\":" << line.end << ",\"label\":\""
                << sidebarspam::label_name(line.label) << "\",\"p_body\":" << line.probabilities[0]
                << ",\"clickbait\":";
      if (line.clickbait) std::cout << *line.clickbait;
      else std::cout << "null";
      std::cout << "}";
    }
    std::cout << "],\"trailing_block\":";
    if (r.trailing_block) std::cout << "[" << r.trailing_block->first_line << "," << r.trailing_block->last_line << "]";
    else std::cout << "null";
    std::cout << ",\"spam_score\":" << r.spam_score << "}\n";
  }
  return 0;
}
