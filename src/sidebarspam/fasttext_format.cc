#include "sidebarspam/fasttext_format.h"

#include "sidebarspam/byte_reader.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace sidebarspam {
namespace {

constexpr std::int32_t kMagic = 793712314;
constexpr std::int32_t kVersion = 12;
constexpr std::int64_t kMaxRows = std::int64_t{1} << 32;
constexpr std::int32_t kMaxDim = 4096;
constexpr std::int32_t kProductQuantizerCentroids = 256;  // fastText's ksub (8-bit codes)
constexpr float kMaxWeight = 1e4f;

// fastText's own encodings on top of ByteReader.
bool skip(ByteReader* in, std::int64_t count) {
  std::string_view ignored;
  return count >= 0 && in->take(static_cast<std::uint64_t>(count), &ignored);
}
// A bool as fastText writes it: one byte, 0 or 1 (any other value is not a bool).
bool read_bool(ByteReader* in, bool* value) {
  std::uint8_t byte;
  if (!in->read(&byte) || byte > 1) return false;
  *value = byte == 1;
  return true;
}
// count floats, all finite and of a size a trained model has: NaN or huge weights make
// fastText throw (or overflow) at prediction time.
bool skip_floats(ByteReader* in, std::int64_t count) {
  std::string_view floats;
  if (count < 0 || static_cast<std::uint64_t>(count) > in->left() / 4 ||
      !in->take(static_cast<std::uint64_t>(count) * 4, &floats)) {
    return false;
  }
  for (std::int64_t i = 0; i < count; ++i) {
    float f;
    std::memcpy(&f, floats.data() + 4 * i, 4);
    if (!(std::fabs(f) <= kMaxWeight)) return false;
  }
  return true;
}

bool fail(std::string* error, const char* why) {
  *error = why;
  return false;
}

// ProductQuantizer: dim, nsubq, dsub, lastdsub, then dim * 256 float centroids.
bool check_quantizer(ByteReader* in, std::int32_t expected_dim, std::string* error) {
  std::int32_t dim, nsubq, dsub, lastdsub;
  if (!in->read(&dim) || !in->read(&nsubq) || !in->read(&dsub) || !in->read(&lastdsub)) {
    return fail(error, "truncated product quantizer");
  }
  if (dim != expected_dim || dsub <= 0 || nsubq <= 0 || nsubq != (dim + dsub - 1) / dsub || lastdsub <= 0 ||
      lastdsub > dsub) {
    return fail(error, "inconsistent product quantizer");
  }
  if (!skip_floats(in, std::int64_t{dim} * kProductQuantizerCentroids)) {
    return fail(error, "truncated or non-finite centroids");
  }
  return true;
}

// A dense or quantised matrix with `cols` columns; its row count goes to *rows.
bool check_matrix(ByteReader* in, bool quantized, std::int32_t cols, std::int64_t* rows, std::string* error) {
  if (!quantized) {
    std::int64_t m, n;
    if (!in->read(&m) || !in->read(&n)) return fail(error, "truncated matrix header");
    if (m < 0 || m > kMaxRows || n != cols) return fail(error, "bad matrix shape");
    if (!skip_floats(in, m * n)) return fail(error, "truncated matrix or non-finite weights");
    *rows = m;
    return true;
  }
  bool qnorm;
  std::int64_t m, n;
  std::int32_t codesize;
  if (!read_bool(in, &qnorm) || !in->read(&m) || !in->read(&n) || !in->read(&codesize)) {
    return fail(error, "truncated quantised matrix header");
  }
  if (m < 0 || m > kMaxRows || n != cols || codesize < 0) return fail(error, "bad quantised matrix shape");
  if (!skip(in, codesize)) return fail(error, "truncated codes");
  if (!check_quantizer(in, cols, error)) return false;
  if (qnorm) {
    if (!skip(in, m)) return fail(error, "truncated norm codes");
    if (!check_quantizer(in, 1, error)) return false;
  }
  *rows = m;
  return true;
}

// The arguments fastText saved that decide the layout of the rest of the file.
struct ModelArgs {
  std::int32_t dim, word_ngrams, loss, model, bucket;
};

bool check_args(ByteReader* in, ModelArgs* args, std::string* error) {
  std::int32_t magic, version;
  if (!in->read(&magic) || magic != kMagic) return fail(error, "bad magic number");
  if (!in->read(&version) || version != kVersion) return fail(error, "unsupported file version");
  // Args: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate, t.
  std::int32_t a[12];
  double t;
  for (std::int32_t& v : a) {
    if (!in->read(&v)) return fail(error, "truncated arguments");
  }
  if (!in->read(&t)) return fail(error, "truncated arguments");
  *args = ModelArgs{a[0], a[5], a[6], a[7], a[8]};
  const std::int32_t minn = a[9], maxn = a[10];
  if (args->dim <= 0 || args->dim > kMaxDim || args->loss < 1 || args->loss > 4 || args->model < 1 ||
      args->model > 3 || args->bucket < 0 || args->word_ngrams < 1 || args->word_ngrams > 100 || minn < 0 ||
      maxn < 0 || maxn > 100) {
    return fail(error, "invalid arguments");
  }
  return true;
}

struct Dictionary {
  std::int32_t nwords = 0, nlabels = 0;
  std::int64_t prune_size = -1;
  std::int32_t max_pruned = -1;
  std::vector<std::pair<std::int32_t, std::int32_t>> prune_index;  // only when asked for
};

// Dictionary: size nwords nlabels (int32), ntokens pruneidx_size (int64), entries, prune index.
bool check_dictionary(ByteReader* in, std::int32_t bucket, bool keep_index, Dictionary* d, std::string* error) {
  std::int32_t size;
  std::int64_t ntokens;
  if (!in->read(&size) || !in->read(&d->nwords) || !in->read(&d->nlabels) || !in->read(&ntokens) ||
      !in->read(&d->prune_size)) {
    return fail(error, "truncated dictionary header");
  }
  if (size < 0 || d->nwords < 0 || d->nlabels < 0 || std::int64_t{d->nwords} + d->nlabels != size ||
      d->prune_size < -1) {
    return fail(error, "inconsistent dictionary header");
  }
  for (std::int32_t i = 0; i < size; ++i) {
    std::int64_t count;
    std::int8_t type;
    if (!in->skip_past('\0') || !in->read(&count) || !in->read(&type)) return fail(error, "truncated dictionary");
    if (type != (i < d->nwords ? 0 : 1)) return fail(error, "inconsistent dictionary entry types");
  }
  for (std::int64_t i = 0; i < d->prune_size; ++i) {
    std::int32_t first, second;
    if (!in->read(&first) || !in->read(&second)) return fail(error, "truncated prune index");
    if (second < 0 || first < 0 || first >= bucket) return fail(error, "invalid prune index");
    if (second > d->max_pruned) d->max_pruned = second;
    if (keep_index) d->prune_index.emplace_back(first, second);
  }
  return true;
}

}  // namespace

bool check_fasttext_model(std::string_view bytes, std::string* error, FastTextLayout* layout) {
  ByteReader in(bytes);
  ModelArgs args;
  Dictionary dict;
  if (!check_args(&in, &args, error) || !check_dictionary(&in, args.bucket, layout != nullptr, &dict, error)) {
    return false;
  }
  bool quant_input, quant_output;
  std::int64_t input_rows, output_rows;
  if (!read_bool(&in, &quant_input)) return fail(error, "truncated model or bad flag");
  if (!check_matrix(&in, quant_input, args.dim, &input_rows, error)) return false;
  if (!read_bool(&in, &quant_output)) return fail(error, "truncated model or bad flag");
  if (!check_matrix(&in, quant_input && quant_output, args.dim, &output_rows, error)) return false;
  if (in.left() != 0) return fail(error, "trailing bytes after the model");

  // Every id fastText can compute must index an existing row.
  const std::int64_t needed = dict.prune_size >= 0 ? std::int64_t{dict.nwords} + dict.max_pruned + 1
                                                   : std::int64_t{dict.nwords} + args.bucket;
  if (input_rows < needed) return fail(error, "input matrix smaller than the dictionary");
  if (args.model == 3 && output_rows != dict.nlabels) return fail(error, "output matrix does not match the labels");
  if (layout) {
    layout->input_rows = input_rows;
    layout->prune_size = dict.prune_size;
    layout->prune_index = std::move(dict.prune_index);
  }
  return true;
}

}  // namespace sidebarspam
