// Times the C++ scorer, or fastText's own predict over every line, on a benchmark corpus.
//
//   bench_score --system sidebarspam|fasttext --models DIR --corpus FILE [--threads N]
//               [--max-seconds S]
//
// The corpus (written by benchmarks/run.py) is a sequence of records "<bytes>\n<document>".
// It is streamed in chunks, so peak RSS is the model plus one chunk, not the whole corpus;
// only the scoring calls are timed. Prints one JSON object.
//
// "fasttext" is the baseline the issue asks for: fastText's predict (the library, not our
// dense tables) with the same line model over every non-blank line's model input. Building
// those inputs is not timed for it, so the baseline is the model alone.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sidebarspam/classifier.h"
#include "sidebarspam/features.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/model.h"
#include "sidebarspam/model_input.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/rules.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kChunkDocs = 2000;

struct Args {
  std::string system = "sidebarspam";
  std::string models = "models";
  std::string corpus;
  int threads = 1;
  double max_seconds = 0.0;  // 0: the whole corpus
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "bench_score: " << why
            << "\nusage: bench_score --system sidebarspam|fasttext --models DIR --corpus FILE [--threads N] "
               "[--max-seconds S]\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (i + 1 >= argc) usage("missing value for " + key);
    std::string value = argv[++i];
    if (key == "--system") a.system = value;
    else if (key == "--models") a.models = value;
    else if (key == "--corpus") a.corpus = value;
    else if (key == "--threads") a.threads = std::atoi(value.c_str());
    else if (key == "--max-seconds") a.max_seconds = std::atof(value.c_str());
    else usage("unknown option " + key);
  }
  if (a.corpus.empty()) usage("--corpus is required");
  if (a.system != "sidebarspam" && a.system != "fasttext") usage("unknown system " + a.system);
  if (a.threads < 1) usage("--threads must be >= 1");
  return a;
}

// Reads up to kChunkDocs records; false at the end of the file.
bool read_chunk(std::istream& in, std::vector<std::string>* docs) {
  docs->clear();
  std::string header;
  while (docs->size() < kChunkDocs && std::getline(in, header)) {
    const long size = std::atol(header.c_str());
    std::string doc(static_cast<std::size_t>(size), '\0');
    if (size < 0 || !in.read(&doc[0], size)) {
      std::cerr << "bench_score: corrupt corpus record\n";
      std::exit(1);
    }
    docs->push_back(std::move(doc));
  }
  return !docs->empty();
}

// The fastText baseline's unit of work: every line's model input of one document.
struct PreparedDoc {
  std::size_t lines = 0;  // all lines, blank ones included (what sidebarspam reports on)
  std::vector<std::string> inputs;
};

struct Prepare {
  sidebarspam::Normalizer normalizer;
  std::unique_ptr<sidebarspam::RuleSet> rules;
  PreparedDoc operator()(const std::string& text) const {
    std::vector<sidebarspam::LineSpan> spans;
    sidebarspam::split_lines(text, &spans);
    sidebarspam::DocumentFeatures features;
    sidebarspam::extract_features(text, spans, normalizer, *rules, {}, &features);
    return PreparedDoc{spans.size(), sidebarspam::model_input_texts(features, *rules)};
  }
};

// Peak resident memory of this process image in MB. Not getrusage's ru_maxrss: Linux
// carries that over from the parent across fork+exec, so a child of a big process
// would report its parent's peak.
double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      double kb = 0;
      status >> kb;
      return kb / 1024.0;
    }
    status.ignore(1 << 20, '\n');
  }
  return -1.0;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  const sidebarspam::ModelPaths paths = sidebarspam::ModelPaths::InDirectory(args.models);
  std::unique_ptr<sidebarspam::Classifier> classifier;
  std::unique_ptr<sidebarspam::LabelModel> line_model;
  Prepare prepare;
  sidebarspam::Status status;
  if (args.system == "sidebarspam") {
    status = sidebarspam::Classifier::Load(paths, {}, &classifier);
  } else {
    status = sidebarspam::LabelModel::Load(paths.line_model, sidebarspam::line_label_names(), &line_model);
    if (status.ok()) status = sidebarspam::RuleSet::Load(paths.rules, &prepare.rules);
  }
  if (!status.ok()) {
    std::cerr << "bench_score: " << status.message() << "\n";
    return 1;
  }

  std::ifstream in(args.corpus, std::ios::binary);
  if (!in) {
    std::cerr << "bench_score: cannot open " << args.corpus << "\n";
    return 1;
  }
  std::vector<std::string> docs;
  std::vector<PreparedDoc> prepared;
  std::vector<double> latency_ms;
  std::size_t total_docs = 0, total_bytes = 0, total_lines = 0, body_lines = 0;
  double seconds = 0.0;
  while (read_chunk(in, &docs)) {
    if (args.system == "fasttext") {
      prepared.clear();
      for (const std::string& doc : docs) prepared.push_back(prepare(doc));
    }
    std::vector<double> chunk_latency(docs.size());
    std::vector<std::size_t> chunk_lines(docs.size()), chunk_body(docs.size());
    std::atomic<std::size_t> next{0};
    auto work = [&]() {
      float p[3];
      for (std::size_t i = next++; i < docs.size(); i = next++) {
        const Clock::time_point start = Clock::now();
        if (classifier) {
          const sidebarspam::ScoreResult r = classifier->score(docs[i]);
          chunk_lines[i] = r.lines.size();
          for (const auto& line : r.lines) chunk_body[i] += line.label == sidebarspam::LineLabel::kBody;
        } else {
          for (const std::string& input : prepared[i].inputs) {
            line_model->predict_reference(input, p);
            chunk_body[i] += p[0] >= p[1] && p[0] >= p[2];
          }
          chunk_lines[i] = prepared[i].lines;
        }
        chunk_latency[i] = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      }
    };
    const Clock::time_point start = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 1; t < args.threads; ++t) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    seconds += std::chrono::duration<double>(Clock::now() - start).count();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      total_bytes += docs[i].size();
      total_lines += chunk_lines[i];
      body_lines += chunk_body[i];
    }
    total_docs += docs.size();
    latency_ms.insert(latency_ms.end(), chunk_latency.begin(), chunk_latency.end());
    if (args.max_seconds > 0 && seconds >= args.max_seconds) break;
  }
  std::printf(
      "{\"system\": \"%s\", \"threads\": %d, \"docs\": %zu, \"bytes\": %zu, \"lines\": %zu, \"body_lines\": %zu, "
      "\"seconds\": %.6f, \"mb_per_s\": %.3f, \"docs_per_s\": %.1f, \"p50_ms\": %.4f, \"p99_ms\": %.4f, "
      "\"peak_rss_mb\": %.1f}\n",
      args.system.c_str(), args.threads, total_docs, total_bytes, total_lines, body_lines, seconds,
      seconds > 0 ? static_cast<double>(total_bytes) / 1e6 / seconds : 0.0,
      seconds > 0 ? static_cast<double>(total_docs) / seconds : 0.0, percentile(latency_ms, 0.5),
      percentile(latency_ms, 0.99), peak_rss_mb());
  return 0;
}
