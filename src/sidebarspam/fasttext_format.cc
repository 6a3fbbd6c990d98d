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

}  // namespace

bool check_fasttext_model(std::string_view bytes, std::string* error, FastTextLayout* layout) {
  ByteReader in(bytes);
  std::int32_t magic, version;
  if (!in.read(&magic) || magic != kMagic) return fail(error, "bad magic number");
  if (!in.read(&version) || version != kVersion) return fail(error, "unsupported file version");

  // Args: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate, t.
  std::int32_t a[12];
  double t;
  for (std::int32_t& v : a) {
    if (!in.read(&v)) return fail(error, "truncated arguments");
  }
  if (!in.read(&t)) return fail(error, "truncated arguments");
  const std::int32_t dim = a[0], word_ngrams = a[5], loss = a[6], model = a[7], bucket = a[8];
  const std::int32_t minn = a[9], maxn = a[10];
  if (dim <= 0 || dim > kMaxDim || loss < 1 || loss > 4 || model < 1 || model > 3 || bucket < 0 ||
      word_ngrams < 1 || word_ngrams > 100 || minn < 0 || maxn < 0 || maxn > 100) {
    return fail(error, "invalid arguments");
  }

  // Dictionary: size nwords nlabels (int32), ntokens pruneidx_size (int64), entries, prune index.
  std::int32_t size, nwords, nlabels;
  std::int64_t ntokens, prune_size;
  if (!in.read(&size) || !in.read(&nwords) || !in.read(&nlabels) || !in.read(&ntokens) || !in.read(&prune_size)) {
    return fail(error, "truncated dictionary header");
  }
  if (size < 0 || nwords < 0 || nlabels < 0 || std::int64_t{nwords} + nlabels != size || prune_size < -1) {
    return fail(error, "inconsistent dictionary header");
  }
  for (std::int32_t i = 0; i < size; ++i) {
    std::int64_t count;
    std::int8_t type;
    if (!in.skip_past('\0') || !in.read(&count) || !in.read(&type)) return fail(error, "truncated dictionary");
    if (type != (i < nwords ? 0 : 1)) return fail(error, "inconsistent dictionary entry types");
  }
  std::int32_t max_pruned = -1;
  std::vector<std::pair<std::int32_t, std::int32_t>> prune_index;
  for (std::int64_t i = 0; i < prune_size; ++i) {
    std::int32_t first, second;
    if (!in.read(&first) || !in.read(&second)) return fail(error, "truncated prune index");
    if (second < 0 || first < 0 || first >= bucket) return fail(error, "invalid prune index");
    if (second > max_pruned) max_pruned = second;
    if (layout) prune_index.emplace_back(first, second);
  }

  bool quant_input, quant_output;
  std::int64_t input_rows, output_rows;
  if (!read_bool(&in, &quant_input)) return fail(error, "truncated model or bad flag");
  if (!check_matrix(&in, quant_input, dim, &input_rows, error)) return false;
  if (!read_bool(&in, &quant_output)) return fail(error, "truncated model or bad flag");
  if (!check_matrix(&in, quant_input && quant_output, dim, &output_rows, error)) return false;
  if (in.left() != 0) return fail(error, "trailing bytes after the model");

  // Every id fastText can compute must index an existing row.
  const std::int64_t needed = prune_size >= 0 ? std::int64_t{nwords} + max_pruned + 1 : std::int64_t{nwords} + bucket;
  if (input_rows < needed) return fail(error, "input matrix smaller than the dictionary");
  if (model == 3 && output_rows != nlabels) return fail(error, "output matrix does not match the labels");
  if (layout) {
    layout->input_rows = input_rows;
    layout->prune_size = prune_size;
    layout->prune_index = std::move(prune_index);
  }
  return true;
}

}  // namespace sidebarspam
