// Internal: a loaded fastText supervised model with a fixed, checked label set.
#ifndef SIDEBARSPAM_MODEL_H_
#define SIDEBARSPAM_MODEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/dense_model.h"
#include "sidebarspam/status.h"

namespace fasttext {
class FastText;
}

namespace sidebarspam {

// Label names of the two models, in LineLabel order and as {"clickbait", "normal"}.
const std::vector<std::string>& line_label_names();
const std::vector<std::string>& clickbait_label_names();

class LabelModel {
 public:
  // Loads path and checks it is a supervised fastText model whose labels are exactly
  // `labels` (without the "__label__" prefix, any order). The file is validated before it
  // reaches fastText (magic number, version, fully consumed), so a corrupt or truncated file
  // gives kInvalidModel instead of undefined behaviour.
  static Status Load(const std::string& path, const std::vector<std::string>& labels,
                     std::unique_ptr<LabelModel>* out);
  // The same from the file's bytes; name stands for the path in error messages.
  static Status FromBytes(const std::string& bytes, const std::string& name, const std::vector<std::string>& labels,
                          std::unique_ptr<LabelModel>* out);
  ~LabelModel();
  LabelModel(const LabelModel&) = delete;
  LabelModel& operator=(const LabelModel&) = delete;

  std::size_t num_labels() const { return label_order_.size(); }

  // True when some word of the model's vocabulary starts with prefix (e.g. "__r_": the model
  // was trained with rule features).
  bool has_word_with_prefix(std::string_view prefix) const;

  // Writes one probability per label, in the order given to Load, for the space-separated
  // input (as produced by extract_features); uniform when no token has an input row.
  // Thread-safe. Runs on the dense tables of DenseModel.
  void predict(std::string_view input, float* probabilities) const;

  // Tokens known before any line (the pseudo-tokens), looked up in this model once.
  KnownTokens resolve(const std::vector<std::string>& texts) const { return dense_->resolve(texts); }
  // The same as predict(words + the texts of ids + tail, space-separated), bit for bit, without
  // reading the known tokens' texts: ids index known, resolved by this model. Thread-safe.
  void predict(std::string_view words, const std::vector<std::uint32_t>& ids, const KnownTokens& known,
               std::string_view tail, float* probabilities) const;

  // The same through fastText's own predict: the reference the dense path is tested against,
  // and the "fastText over every line" baseline of the benchmark.
  void predict_reference(std::string_view input, float* probabilities) const;

 private:
  LabelModel();
  std::unique_ptr<fasttext::FastText> fasttext_;
  std::unique_ptr<DenseModel> dense_;
  std::vector<int> label_order_;  // fastText label id -> index in the caller's label list
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_MODEL_H_
