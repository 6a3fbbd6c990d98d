#include "sidebarspam/model.h"

#include "sidebarspam/fasttext_format.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <streambuf>

namespace sidebarspam {
namespace {

constexpr std::size_t kMaxModelBytes = std::size_t{1} << 31;

// An istream over bytes we already hold, without copying them again.
class ViewBuffer : public std::streambuf {
 public:
  ViewBuffer(const char* data, std::size_t size) {
    char* p = const_cast<char*>(data);
    setg(p, p, p + size);
  }
  std::streampos consumed() const { return gptr() - eback(); }
};

}  // namespace

LabelModel::LabelModel() : fasttext_(new fasttext::FastText) {}
LabelModel::~LabelModel() = default;

Status LabelModel::Load(const std::string& path, const std::vector<std::string>& labels,
                        std::unique_ptr<LabelModel>* out) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) return Status(StatusCode::kNotFound, path + ": cannot open model file");
  const std::streamoff size = file.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > kMaxModelBytes) {
    return Status(StatusCode::kInvalidModel, path + ": not a model file (unreadable or larger than 2 GiB)");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  file.seekg(0);
  if (!file.read(&bytes[0], size)) return Status(StatusCode::kNotFound, path + ": read error");
  return FromBytes(bytes, path, labels, out);
}

Status LabelModel::FromBytes(const std::string& bytes, const std::string& path, const std::vector<std::string>& labels,
                             std::unique_ptr<LabelModel>* out) {
  std::string why;
  FastTextLayout layout;
  if (!check_fasttext_model(bytes, &why, &layout)) {
    return Status(StatusCode::kInvalidModel, path + ": not a valid fastText model (" + why + ")");
  }

  std::unique_ptr<LabelModel> model(new LabelModel);
  // fastText's loadModel(istream&) expects the stream after the magic and version it would
  // have checked itself in loadModel(filename); check_fasttext_model checked them.
  ViewBuffer buffer(bytes.data() + 8, bytes.size() - 8);
  std::istream in(&buffer);
  try {
    model->fasttext_->loadModel(in);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidModel, path + ": corrupt fastText model: " + e.what());
  }
  if (!in || buffer.consumed() != static_cast<std::streampos>(bytes.size() - 8)) {
    return Status(StatusCode::kInvalidModel, path + ": corrupt fastText model (truncated or trailing bytes)");
  }
  const fasttext::Args args = model->fasttext_->getArgs();
  if (args.model != fasttext::model_name::sup) {
    return Status(StatusCode::kInvalidModel, path + ": not a supervised fastText model");
  }
  auto dict = model->fasttext_->getDictionary();
  if (static_cast<std::size_t>(dict->nlabels()) != labels.size() || labels.size() > 8) {
    return Status(StatusCode::kInvalidModel, path + ": model has " + std::to_string(dict->nlabels()) +
                                                 " labels, expected " + std::to_string(labels.size()));
  }
  if (!DenseModel::Build(model->fasttext_.get(), layout, &model->dense_, &why)) {
    return Status(StatusCode::kInvalidModel, path + ": " + why);
  }
  model->label_order_.assign(labels.size(), -1);
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string name = dict->getLabel(i);
    const std::string prefix = args.label;
    if (name.compare(0, prefix.size(), prefix) == 0) name = name.substr(prefix.size());
    bool found = false;
    for (std::size_t j = 0; j < labels.size(); ++j) {
      if (labels[j] == name) {
        model->label_order_[i] = static_cast<int>(j);
        found = true;
      }
    }
    if (!found) {
      return Status(StatusCode::kInvalidModel, path + ": unexpected label '" + name + "' in model");
    }
  }
  *out = std::move(model);
  return Status::Ok();
}

bool LabelModel::has_word_with_prefix(std::string_view prefix) const {
  return dense_->has_word_with_prefix(prefix);
}

void LabelModel::predict(std::string_view input, float* probabilities) const {
  const std::size_t n = label_order_.size();
  float p[8];  // Load accepts at most this many labels
  if (!dense_->predict(input, p)) {
    for (std::size_t i = 0; i < n; ++i) probabilities[i] = 1.0f / static_cast<float>(n);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) probabilities[label_order_[i]] = p[i];
}

void LabelModel::predict(std::string_view words, const std::vector<std::uint32_t>& ids, const KnownTokens& known,
                         std::string_view tail, float* probabilities) const {
  const std::size_t n = label_order_.size();
  float p[8];  // Load accepts at most this many labels
  if (!dense_->predict(words, ids.data(), ids.size(), known, tail, p)) {
    for (std::size_t i = 0; i < n; ++i) probabilities[i] = 1.0f / static_cast<float>(n);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) probabilities[label_order_[i]] = p[i];
}

void LabelModel::predict_reference(std::string_view input, float* probabilities) const {
  const std::size_t n = label_order_.size();
  for (std::size_t i = 0; i < n; ++i) probabilities[i] = 0.0f;
  // fastText's reader adds the end-of-line token when it sees "\n", as it did in training.
  thread_local std::string line;
  line.assign(input.data(), input.size());
  line.push_back('\n');
  ViewBuffer buffer(line.data(), line.size());
  std::istream in(&buffer);
  thread_local std::vector<int32_t> words, labels;
  words.clear();
  labels.clear();
  auto dict = fasttext_->getDictionary();
  dict->getLine(in, words, labels);
  if (words.empty()) {
    for (std::size_t i = 0; i < n; ++i) probabilities[i] = 1.0f / static_cast<float>(n);
    return;
  }
  thread_local fasttext::Predictions predictions;
  predictions.clear();
  try {
    fasttext_->predict(static_cast<int32_t>(n), words, predictions, 0.0f);
  } catch (const std::exception&) {
    // Loading rejects non-finite weights, so this is a last resort (fastText throws on NaN
    // from overflow): the line gets no opinion instead of taking the process down.
    for (std::size_t i = 0; i < n; ++i) probabilities[i] = 1.0f / static_cast<float>(n);
    return;
  }
  for (const auto& p : predictions) {
    // fastText 0.9's predict() returns log(p + 1e-5); undo the offset and clamp.
    probabilities[label_order_[p.second]] = std::min(1.0f, std::max(0.0f, std::exp(p.first) - 1e-5f));
  }
}

}  // namespace sidebarspam
