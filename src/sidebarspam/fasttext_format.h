// Internal: a structural check of a fastText 0.9 model file, run before fastText sees it.
// fastText's own loader trusts its input: a truncated dictionary makes it read forever, and a
// corrupt size makes it allocate terabytes. This walks the same layout with bounds checks.
#ifndef SIDEBARSPAM_FASTTEXT_FORMAT_H_
#define SIDEBARSPAM_FASTTEXT_FORMAT_H_

#include <string>
#include <string_view>

namespace sidebarspam {

// True when bytes (a whole model file, magic included) is a well-formed supervised or
// unsupervised fastText model (format version 12) with consistent sizes and nothing after
// its end. Otherwise false, with a short reason in *error.
bool check_fasttext_model(std::string_view bytes, std::string* error);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_FASTTEXT_FORMAT_H_
