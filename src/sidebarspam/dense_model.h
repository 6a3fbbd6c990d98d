// Internal: a loaded fastText supervised model decoded once into dense tables, so prediction
// is a few table lookups and vector adds per token.
//
// Why not fastText's own predict: for every token it hashes each character n-gram, looks each
// one up in an std::unordered_map (the prune index) and decodes every quantised row again;
// with ~30 n-grams per token that was 85 % of the scoring time. Here each vocabulary word's
// row sum is computed once at load, n-gram buckets map to rows through a flat array, and the
// rows are plain floats. The arithmetic is fastText's (mean of the input rows, softmax of the
// output layer); a test checks the probabilities against fastText's predict on real lines.
#ifndef SIDEBARSPAM_DENSE_MODEL_H_
#define SIDEBARSPAM_DENSE_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/fasttext_format.h"

namespace fasttext {
class FastText;
}

namespace sidebarspam {

class DenseModel;

// Tokens whose texts are known before any line is read (the pseudo-tokens of model_input.h),
// looked up in one model once: prediction takes them by index instead of hashing their text
// and probing the vocabulary for every line. Immutable, so shared by threads.
class KnownTokens {
 public:
  std::size_t size() const { return entries_.size(); }

 private:
  friend class DenseModel;
  // What the text path does with the token, decided once.
  enum class Kind : std::uint8_t {
    kDropped,     // a label: fastText drops it (no rows, no word n-grams)
    kWord,        // a vocabulary word: its row sum
    kNoRows,      // fastText's end-of-line token outside the vocabulary: only its hash
    kNgramSum,    // out of vocabulary: the sum of its character n-gram rows, as the token cache holds it
    kNgramsEach,  // out of vocabulary and longer than the token cache takes: n-gram rows one by one
  };
  struct Entry {
    std::string text;
    std::uint32_t hash;
    std::int32_t id;          // kWord: vocabulary id
    Kind kind;
    std::int64_t count;       // kNgramSum: rows in the sum
    std::vector<float> sum;   // kNgramSum
  };
  std::uint64_t model_ = 0;  // the model they were resolved in
  std::vector<Entry> entries_;
};

class DenseModel {
 public:
  // Builds the tables from a loaded model (non-const: fastText decodes rows only through a
  // non-const call) and the layout its file check found. False with *error when the model
  // uses something this predictor does not implement (a loss other than softmax, a quantised
  // output layer): the trainer never writes those.
  static bool Build(fasttext::FastText* model, const FastTextLayout& layout, std::unique_ptr<DenseModel>* out,
                    std::string* error);

  std::size_t num_labels() const { return num_labels_; }

  // Softmax probabilities in fastText's label order for a line of space-separated tokens
  // (fastText's reader: its whitespace splits, an end-of-line token is appended). Returns
  // false, leaving probabilities untouched, when no token has an input row. Thread-safe.
  bool predict(std::string_view line, float* probabilities) const;

  // Looks texts up once (each one token: no separators, not fastText's end-of-line token).
  // Their indices are what predict takes.
  KnownTokens resolve(const std::vector<std::string>& texts) const;

  // The same probabilities as predict(words + " " + the known tokens' texts + " " + tail),
  // space-separated, bit for bit, with the known tokens given by index into known (resolved in
  // this model). Thread-safe.
  bool predict(std::string_view words, const std::uint32_t* ids, std::size_t num_ids, const KnownTokens& known,
               std::string_view tail, float* probabilities) const;

  // True when some vocabulary word starts with prefix.
  bool has_word_with_prefix(std::string_view prefix) const;

 private:
  DenseModel() = default;
  std::int32_t find_word(std::string_view word, std::uint32_t hash) const;
  // Adds the rows fastText would use for an out-of-vocabulary token: its character n-grams.
  void add_subwords(std::string_view word, float* sum, std::int64_t* count) const;
  void add_row(std::int64_t row, float* sum) const;
  // Adds every row into sum, in order.
  void add_rows(const std::vector<const float*>& rows, float* sum) const;

  // Building, in steps: input rows and n-gram buckets, the vocabulary, the output layer.
  void build_rows(fasttext::FastText* model, const FastTextLayout& layout);
  void build_vocabulary(fasttext::FastText* model);

  // Prediction, in three passes so that the memory reads of each (vocabulary slots, row sums,
  // n-gram rows: tables of megabytes, so mostly cache misses) are prefetched together.
  struct Token {
    std::string_view text;
    std::uint32_t hash;
    std::int32_t id;
    const KnownTokens::Entry* known;  // a known token: what to add, already looked up
  };
  // 1. The line's tokens, hashed, plus fastText's end-of-line token (scan_words: without it;
  //    false when the text held one, where fastText's reader stops).
  void scan_tokens(std::string_view line, std::vector<Token>* tokens) const;
  bool scan_words(std::string_view text, std::vector<Token>* tokens) const;
  // 2.-3. from the scanned tokens.
  bool predict_tokens(std::vector<Token>* tokens, float* probabilities) const;
  // 2. Word row sums to add (rows) or, for unknown words, their n-gram sums added to hidden;
  //    drops labels from tokens. Returns the number of rows counted.
  std::int64_t add_word_rows(std::vector<Token>* tokens, std::vector<const float*>* rows, float* hidden) const;
  // 3. The word n-gram rows to add. Returns the number of rows counted.
  std::int64_t add_ngram_rows(const std::vector<Token>& tokens, std::vector<const float*>* rows) const;
  // Mean of the rows, then the softmax of the output layer.
  void softmax_of(const std::vector<const float*>& rows, std::int64_t count, float* hidden, float* probabilities) const;

  std::uint64_t id_ = 0;  // unique per model: keys the per-thread token caches
  int dim_ = 0;
  std::size_t num_labels_ = 0;
  int word_ngrams_ = 1;
  int minn_ = 0;
  int maxn_ = 0;
  std::int32_t bucket_ = 0;
  std::string label_prefix_;
  std::uint32_t eos_hash_ = 0;

  std::vector<float> rows_;              // input rows, dim_ floats each
  std::vector<std::int32_t> bucket_row_; // hash bucket -> input row, -1 when pruned away
  std::string_view word(std::int32_t id) const {
    return std::string_view(word_bytes_).substr(word_offset_[id], word_offset_[id + 1] - word_offset_[id]);
  }

  // Vocabulary: open-addressing table keyed by fastText's word hash; the words themselves
  // are concatenated in word_bytes_ (one probe usually touches one cache line).
  struct WordSlot {
    std::uint32_t hash;
    std::int32_t id;  // -1: empty
  };
  std::vector<WordSlot> word_slots_;
  std::string word_bytes_;
  std::vector<std::uint32_t> word_offset_;  // word i is word_bytes_[offset[i], offset[i + 1])
  std::vector<float> word_sum_;          // per word: sum of its subword rows
  std::vector<std::int32_t> word_count_; // per word: number of those rows
  std::vector<bool> word_is_label_;
  std::vector<float> output_;            // num_labels_ rows of dim_ floats
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_DENSE_MODEL_H_
