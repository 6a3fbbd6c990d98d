#include "sidebarspam/dense_model.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace sidebarspam {
namespace {

// fastText's word hash (FNV-1a over the bytes, each byte sign-extended as fastText does).
constexpr std::uint32_t kHashStart = 2166136261u;
inline std::uint32_t hash_byte(std::uint32_t h, char c) {
  return (h ^ static_cast<std::uint32_t>(static_cast<std::int8_t>(c))) * 16777619u;
}
std::uint32_t hash_of(std::string_view s) {
  std::uint32_t h = kHashStart;
  for (char c : s) h = hash_byte(h, c);
  return h;
}

// The bytes fastText's reader splits words on, as a table: one load a byte on the hot path.
struct SeparatorTable {
  bool is[256] = {};
  constexpr SeparatorTable() {
    for (unsigned char c : {' ', '\n', '\r', '\t', '\v', '\f', '\0'}) is[c] = true;
  }
};
constexpr SeparatorTable kSeparators;
inline bool is_separator(char c) { return kSeparators.is[static_cast<unsigned char>(c)]; }

std::atomic<std::uint64_t> next_model_id{1};

// Adds columns [k, k + kColumns) of every row into hidden, row after row; returns the next column.
template <std::size_t kColumns>
std::size_t add_rows_in_block(const std::vector<const float*>& rows, std::size_t k, float* hidden) {
  float acc[kColumns];
  std::memcpy(acc, hidden + k, sizeof acc);
  for (const float* row : rows) {
    for (std::size_t j = 0; j < kColumns; ++j) acc[j] += row[k + j];
  }
  std::memcpy(hidden + k, acc, sizeof acc);
  return k + kColumns;
}

// Row sums of recently seen out-of-vocabulary tokens, per thread and per model. Korean words
// are mostly out of vocabulary (particles glue onto nouns), and each costs ~15 character
// n-gram rows; news text repeats its words, so most lookups hit. Direct-mapped, so a lookup
// is one probe and memory is fixed: kSlots * (dim floats + kMaxBytes) per thread and model.
class TokenCache {
 public:
  static constexpr std::size_t kSlots = 8192;
  static constexpr std::size_t kMaxBytes = 30;  // longer tokens are not cached

  TokenCache(std::uint64_t owner, std::size_t dim)
      : owner_(owner), dim_(dim), length_(kSlots, 0), bytes_(kSlots * kMaxBytes), count_(kSlots), sum_(kSlots * dim) {}
  std::uint64_t owner() const { return owner_; }

  // The slot holding token; when it held another token (*fresh), it is cleared and claimed
  // for the caller to fill.
  std::size_t slot(std::string_view token, std::uint32_t hash, bool* fresh) {
    const std::size_t s = (hash ^ (hash >> 15)) & (kSlots - 1);
    char* stored = &bytes_[s * kMaxBytes];
    *fresh = !(length_[s] == token.size() && std::memcmp(stored, token.data(), token.size()) == 0);
    if (*fresh) {
      length_[s] = static_cast<std::uint8_t>(token.size());
      std::memcpy(stored, token.data(), token.size());
      std::fill_n(&sum_[s * dim_], dim_, 0.0f);
      count_[s] = 0;
    }
    return s;
  }
  float* sum(std::size_t s) { return &sum_[s * dim_]; }
  std::int64_t& count(std::size_t s) { return count_[s]; }

 private:
  std::uint64_t owner_;
  std::size_t dim_;
  std::vector<std::uint8_t> length_;  // 0: empty (tokens are never empty)
  std::vector<char> bytes_;
  std::vector<std::int64_t> count_;
  std::vector<float> sum_;
};

TokenCache& token_cache(std::uint64_t owner, std::size_t dim) {
  thread_local std::vector<std::unique_ptr<TokenCache>> caches;
  for (auto& cache : caches) {
    if (cache->owner() == owner) return *cache;
  }
  if (caches.size() >= 4) caches.erase(caches.begin());  // a thread rarely uses more models
  caches.push_back(std::make_unique<TokenCache>(owner, dim));
  return *caches.back();
}

}  // namespace

bool DenseModel::Build(fasttext::FastText* model, const FastTextLayout& layout, std::unique_ptr<DenseModel>* out,
                       std::string* error) {
  const fasttext::Args args = model->getArgs();
  if (args.loss != fasttext::loss_name::softmax) {
    *error = "loss '" + args.lossToString(args.loss) + "' is not supported (train with softmax)";
    return false;
  }
  if (model->isQuant() && args.qout) {
    *error = "a quantised output layer (-qout) is not supported";
    return false;
  }
  // The bucket table has one entry per hash bucket whatever the file holds (a pruned model keeps
  // rows for a few buckets only), so a corrupt or hostile bucket count must not size it.
  constexpr std::int64_t kMaxBuckets = std::int64_t{1} << 24;  // fastText's default is 2,000,000
  if (args.bucket < 0 || args.bucket > kMaxBuckets) {
    *error = "bucket count " + std::to_string(args.bucket) + " is outside 0.." + std::to_string(kMaxBuckets);
    return false;
  }
  std::unique_ptr<DenseModel> dense(new DenseModel);
  DenseModel& d = *dense;
  d.dim_ = args.dim;
  d.word_ngrams_ = args.wordNgrams;
  d.minn_ = args.minn;
  d.maxn_ = args.maxn;
  d.bucket_ = args.bucket;
  d.id_ = next_model_id++;
  d.label_prefix_ = args.label;
  d.build_rows(model, layout);
  d.build_vocabulary(model);
  auto output = model->getOutputMatrix();
  d.num_labels_ = static_cast<std::size_t>(output->rows());
  if (output->cols() != d.dim_ || output->rows() != model->getDictionary()->nlabels()) {
    *error = "output layer does not match the labels";
    return false;
  }
  d.output_.assign(output->data(), output->data() + output->rows() * output->cols());
  *out = std::move(dense);
  return true;
}

// Input rows, decoded once (fastText decodes a quantised row on every use).
void DenseModel::build_rows(fasttext::FastText* model, const FastTextLayout& layout) {
  const std::int32_t nwords = model->getDictionary()->nwords();
  const std::size_t dim = static_cast<std::size_t>(dim_);
  fasttext::Vector row(dim_);
  rows_.resize(static_cast<std::size_t>(layout.input_rows) * dim);
  for (std::int64_t i = 0; i < layout.input_rows; ++i) {
    model->getInputVector(row, static_cast<std::int32_t>(i));
    std::copy(row.data(), row.data() + dim, rows_.begin() + static_cast<std::ptrdiff_t>(i * dim_));
  }
  bucket_row_.assign(static_cast<std::size_t>(std::max(0, bucket_)), -1);
  if (layout.prune_size < 0) {
    for (std::int32_t b = 0; b < bucket_; ++b) bucket_row_[b] = nwords + b;
  } else {
    for (const auto& [bucket, offset] : layout.prune_index) bucket_row_[bucket] = nwords + offset;
  }
}

// Vocabulary (words, then labels, as in fastText's dictionary) with each word's row sum.
void DenseModel::build_vocabulary(fasttext::FastText* model) {
  auto dict = model->getDictionary();
  const std::int32_t nwords = dict->nwords();
  const std::size_t dim = static_cast<std::size_t>(dim_);
  const std::int32_t size = nwords + dict->nlabels();
  word_offset_.assign(1, 0);
  word_is_label_.assign(static_cast<std::size_t>(size), false);
  word_sum_.assign(static_cast<std::size_t>(nwords) * dim, 0.0f);
  word_count_.assign(static_cast<std::size_t>(nwords), 0);
  for (std::int32_t i = 0; i < size; ++i) {
    word_bytes_ += i < nwords ? dict->getWord(i) : dict->getLabel(i - nwords);
    word_offset_.push_back(static_cast<std::uint32_t>(word_bytes_.size()));
    word_is_label_[i] = i >= nwords;
    if (i >= nwords) continue;
    const std::vector<std::int32_t>& subwords = dict->getSubwords(i);
    float* sum = &word_sum_[static_cast<std::size_t>(i) * dim];
    for (std::int32_t id : subwords) add_row(id, sum);
    word_count_[i] = static_cast<std::int32_t>(subwords.size());
  }
  std::size_t slots = 16;
  while (slots < 2 * static_cast<std::size_t>(size)) slots *= 2;
  word_slots_.assign(slots, WordSlot{0, -1});
  for (std::int32_t i = 0; i < size; ++i) {
    const std::uint32_t h = hash_of(word(i));
    std::size_t s = h & (slots - 1);
    while (word_slots_[s].id != -1) s = (s + 1) & (slots - 1);
    word_slots_[s] = WordSlot{h, i};
  }
  eos_hash_ = hash_of(fasttext::Dictionary::EOS);
}

std::int32_t DenseModel::find_word(std::string_view word, std::uint32_t hash) const {
  const std::size_t mask = word_slots_.size() - 1;
  for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
    const WordSlot& slot = word_slots_[s];
    if (slot.id < 0) return -1;
    if (slot.hash == hash && this->word(slot.id) == word) return slot.id;
  }
}

void DenseModel::add_row(std::int64_t row, float* sum) const {
  const float* r = &rows_[static_cast<std::size_t>(row) * static_cast<std::size_t>(dim_)];
  for (int k = 0; k < dim_; ++k) sum[k] += r[k];
}

void DenseModel::add_subwords(std::string_view token, float* sum, std::int64_t* count) const {
  if (bucket_ <= 0 || maxn_ <= 0) return;
  thread_local std::string word;
  thread_local std::vector<const float*> ngram_rows;
  ngram_rows.clear();
  word.assign("<");
  word.append(token.data(), token.size());
  word.push_back('>');
  const std::size_t n_bytes = word.size();
  for (std::size_t i = 0; i < n_bytes; ++i) {
    if ((word[i] & 0xC0) == 0x80) continue;
    std::uint32_t h = kHashStart;
    for (std::size_t j = i, n = 1; j < n_bytes && n <= static_cast<std::size_t>(maxn_); ++n) {
      h = hash_byte(h, word[j++]);
      while (j < n_bytes && (word[j] & 0xC0) == 0x80) h = hash_byte(h, word[j++]);
      if (n >= static_cast<std::size_t>(minn_) && !(n == 1 && (i == 0 || j == n_bytes))) {
        const std::int32_t r = bucket_row_[h % static_cast<std::uint32_t>(bucket_)];
        if (r >= 0) ngram_rows.push_back(&rows_[static_cast<std::size_t>(r) * static_cast<std::size_t>(dim_)]);
      }
    }
  }
  add_rows(ngram_rows, sum);
  *count += static_cast<std::int64_t>(ngram_rows.size());
}

bool DenseModel::scan_words(std::string_view text, std::vector<Token>* tokens) const {
  std::size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_separator(text[pos])) ++pos;
    if (pos == text.size()) return true;
    const std::size_t start = pos;
    std::uint32_t h = kHashStart;  // hashed while scanning: each byte is read once
    for (; pos < text.size() && !is_separator(text[pos]); ++pos) h = hash_byte(h, text[pos]);
    const std::string_view word = text.substr(start, pos - start);
    __builtin_prefetch(&word_slots_[h & (word_slots_.size() - 1)]);
    tokens->push_back({word, h, -1, nullptr});
    if (word == fasttext::Dictionary::EOS) return false;  // fastText's reader ends the line there
  }
}

void DenseModel::scan_tokens(std::string_view line, std::vector<Token>* tokens) const {
  // fastText's reader ends every line with its end-of-line token
  if (scan_words(line, tokens)) tokens->push_back({fasttext::Dictionary::EOS, eos_hash_, -1, nullptr});
}

std::int64_t DenseModel::add_word_rows(std::vector<Token>* tokens, std::vector<const float*>* rows,
                                       float* hidden) const {
  const std::size_t dim = static_cast<std::size_t>(dim_);
  std::int64_t count = 0;
  TokenCache* cache = nullptr;
  std::size_t kept = 0;  // tokens that are words (labels are dropped, as fastText does)
  for (Token& t : *tokens) {
    if (t.known != nullptr) {
      // A known token: the same as the branches below, looked up at load.
      const KnownTokens::Entry& e = *t.known;
      switch (e.kind) {
        case KnownTokens::Kind::kDropped:
          continue;
        case KnownTokens::Kind::kWord: {
          const float* sum = &word_sum_[static_cast<std::size_t>(e.id) * dim];
          __builtin_prefetch(sum);
          rows->push_back(sum);
          count += word_count_[e.id];
          break;
        }
        case KnownTokens::Kind::kNoRows:
          break;
        case KnownTokens::Kind::kNgramSum:
          for (std::size_t k = 0; k < dim; ++k) hidden[k] += e.sum[k];
          count += e.count;
          break;
        case KnownTokens::Kind::kNgramsEach:
          add_subwords(t.text, hidden, &count);
          break;
      }
      (*tokens)[kept++] = t;
      continue;
    }
    t.id = find_word(t.text, t.hash);
    if (t.id >= 0) {
      if (word_is_label_[t.id]) continue;
      const float* sum = &word_sum_[static_cast<std::size_t>(t.id) * dim];
      __builtin_prefetch(sum);
      rows->push_back(sum);
      count += word_count_[t.id];
    } else if (t.text.substr(0, label_prefix_.size()) == label_prefix_) {
      continue;
    } else if (t.text == fasttext::Dictionary::EOS) {
      // fastText gives a pruned end-of-line token no rows, only its hash below
    } else {
      if (cache == nullptr) cache = &token_cache(id_, dim);  // one thread-local lookup per line
      if (t.text.size() > TokenCache::kMaxBytes) {
        add_subwords(t.text, hidden, &count);  // rare; not worth a cache slot
      } else {
        bool fresh;
        const std::size_t s = cache->slot(t.text, t.hash, &fresh);
        if (fresh) add_subwords(t.text, cache->sum(s), &cache->count(s));
        // Added now, not deferred: a later token of this line may take over the slot.
        const float* sum = cache->sum(s);
        for (std::size_t k = 0; k < dim; ++k) hidden[k] += sum[k];
        count += cache->count(s);
      }
    }
    (*tokens)[kept++] = t;
  }
  tokens->resize(kept);
  return count;
}

std::int64_t DenseModel::add_ngram_rows(const std::vector<Token>& tokens, std::vector<const float*>* rows) const {
  if (bucket_ <= 0) return 0;
  const std::size_t dim = static_cast<std::size_t>(dim_);
  const std::uint64_t buckets = static_cast<std::uint64_t>(bucket_);
  std::int64_t count = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::uint64_t h = static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(tokens[i].hash)));
    for (std::size_t j = i + 1; j < tokens.size() && j < i + static_cast<std::size_t>(word_ngrams_); ++j) {
      h = h * 116049371u + static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(tokens[j].hash)));
      const std::int32_t r = bucket_row_[h % buckets];
      if (r >= 0) {
        const float* row = &rows_[static_cast<std::size_t>(r) * dim];
        __builtin_prefetch(row);
        rows->push_back(row);
        ++count;
      }
    }
  }
  return count;
}

void DenseModel::add_rows(const std::vector<const float*>& rows, float* sum) const {
  // Columns in blocks over all rows, held in registers: each sum[k] still adds the rows in
  // their order (the same floats, bit for bit), without a load and a store of sum per row
  // and column.
  const std::size_t dim = static_cast<std::size_t>(dim_);
  std::size_t k = 0;
  while (k + 16 <= dim) k = add_rows_in_block<16>(rows, k, sum);
  while (k + 4 <= dim) k = add_rows_in_block<4>(rows, k, sum);
  while (k < dim) k = add_rows_in_block<1>(rows, k, sum);
}

void DenseModel::softmax_of(const std::vector<const float*>& rows, std::int64_t count, float* hidden,
                            float* probabilities) const {
  const std::size_t dim = static_cast<std::size_t>(dim_);
  add_rows(rows, hidden);
  const float scale = static_cast<float>(1.0 / static_cast<double>(count));
  for (std::size_t k = 0; k < dim; ++k) hidden[k] *= scale;
  float max = -INFINITY;
  for (std::size_t l = 0; l < num_labels_; ++l) {
    const float* w = &output_[l * dim];
    float dot = 0.0f;
    for (std::size_t k = 0; k < dim; ++k) dot += w[k] * hidden[k];
    probabilities[l] = dot;
    max = std::max(max, dot);
  }
  float z = 0.0f;
  for (std::size_t l = 0; l < num_labels_; ++l) {
    probabilities[l] = std::exp(probabilities[l] - max);
    z += probabilities[l];
  }
  for (std::size_t l = 0; l < num_labels_; ++l) probabilities[l] /= z;
}

bool DenseModel::predict_tokens(std::vector<Token>* tokens, float* probabilities) const {
  thread_local std::vector<const float*> rows;  // row sums and rows to add, in fastText's order
  thread_local std::vector<float> hidden;
  rows.clear();
  hidden.assign(static_cast<std::size_t>(dim_), 0.0f);
  std::int64_t count = add_word_rows(tokens, &rows, hidden.data());
  count += add_ngram_rows(*tokens, &rows);
  if (count == 0) return false;
  softmax_of(rows, count, hidden.data(), probabilities);
  return true;
}

bool DenseModel::predict(std::string_view line, float* probabilities) const {
  thread_local std::vector<Token> tokens;
  tokens.clear();
  scan_tokens(line, &tokens);
  return predict_tokens(&tokens, probabilities);
}

bool DenseModel::predict(std::string_view words, const std::uint32_t* ids, std::size_t num_ids,
                         const KnownTokens& known, std::string_view tail, float* probabilities) const {
  if (known.model_ != id_) std::abort();  // resolved in another model: a caller bug
  thread_local std::vector<Token> tokens;
  tokens.clear();
  // Where the text holds fastText's end-of-line token its reader stops: what follows is unread.
  if (scan_words(words, &tokens)) {
    for (std::size_t i = 0; i < num_ids; ++i) {
      const KnownTokens::Entry& e = known.entries_[ids[i]];
      tokens.push_back({e.text, e.hash, e.id, &e});
    }
    scan_tokens(tail, &tokens);
  }
  return predict_tokens(&tokens, probabilities);
}

KnownTokens DenseModel::resolve(const std::vector<std::string>& texts) const {
  KnownTokens known;
  known.model_ = id_;
  known.entries_.reserve(texts.size());
  const std::size_t dim = static_cast<std::size_t>(dim_);
  for (const std::string& text : texts) {
    // The branches of add_word_rows for a text token, taken once.
    const std::uint32_t hash = hash_of(text);
    KnownTokens::Entry e{text, hash, find_word(text, hash), KnownTokens::Kind::kNoRows, 0, {}};
    if (e.id >= 0) {
      e.kind = word_is_label_[e.id] ? KnownTokens::Kind::kDropped : KnownTokens::Kind::kWord;
    } else if (text.substr(0, label_prefix_.size()) == label_prefix_) {
      e.kind = KnownTokens::Kind::kDropped;
    } else if (text == fasttext::Dictionary::EOS) {
      e.kind = KnownTokens::Kind::kNoRows;
    } else if (text.size() > TokenCache::kMaxBytes) {
      e.kind = KnownTokens::Kind::kNgramsEach;  // summed into the line's rows as they come, as there
    } else {
      // As a fresh token cache slot: zeros, then the n-gram rows.
      e.kind = KnownTokens::Kind::kNgramSum;
      e.sum.assign(dim, 0.0f);
      add_subwords(text, e.sum.data(), &e.count);
    }
    known.entries_.push_back(std::move(e));
  }
  return known;
}

bool DenseModel::has_word_with_prefix(std::string_view prefix) const {
  for (std::size_t i = 0; i < word_is_label_.size(); ++i) {
    if (!word_is_label_[i] && word(static_cast<std::int32_t>(i)).substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace sidebarspam
