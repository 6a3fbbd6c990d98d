// Internal: a structural check of a fastText 0.9 model file, run before fastText sees it.
// fastText's own loader trusts its input: a truncated dictionary makes it read forever, and a
// corrupt size makes it allocate terabytes. This walks the same layout with bounds checks.
#ifndef SIDEBARSPAM_FASTTEXT_FORMAT_H_
#define SIDEBARSPAM_FASTTEXT_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sidebarspam {

// What the checker learned about the file that fastText's public API does not expose.
struct FastTextLayout {
  std::int64_t input_rows = 0;
  // -1: no pruning (every hash bucket has its row); otherwise the bucket -> row offset pairs
  // of the dictionary's prune index (fastText keeps it private).
  std::int64_t prune_size = -1;
  std::vector<std::pair<std::int32_t, std::int32_t>> prune_index;
};

// True when bytes (a whole model file, magic included) is a well-formed supervised or
// unsupervised fastText model (format version 12) with consistent sizes and nothing after
// its end. Otherwise false, with a short reason in *error. layout, when given, is filled.
bool check_fasttext_model(std::string_view bytes, std::string* error, FastTextLayout* layout = nullptr);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_FASTTEXT_FORMAT_H_
