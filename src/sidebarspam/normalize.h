// Internal: turn one raw line into (a) clean text the rules match and (b) the word tokens the
// model reads. Training and prediction both call Normalizer::normalize, so what the model
// learned is exactly what it is shown.
#ifndef SIDEBARSPAM_NORMALIZE_H_
#define SIDEBARSPAM_NORMALIZE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace sidebarspam {

struct NormalizedLine {
  // Valid UTF-8 (invalid bytes -> U+FFFD, NUL and other control bytes -> space), trimmed, cut
  // to at most max_bytes at a code point boundary. Rules match this.
  std::string clean;
  // Lower-cased word and punctuation tokens separated by single spaces; digits fold to 0,
  // URLs and e-mail addresses to placeholder words. At most kMaxTokens tokens.
  std::string tokens;
  int codepoints = 0;
  int hangul = 0;
  int latin = 0;
  int digits = 0;
  int punct = 0;
  int words = 0;  // word tokens in clean (all of them, not only the emitted ones)
  bool truncated = false;  // the raw line was longer than max_bytes
};

class Normalizer {
 public:
  // Only this many tokens of a line reach the model: enough to recognise a headline or a
  // widget, while long paragraphs do not drown the structural pseudo-tokens in the average.
  static constexpr int kMaxTokens = 40;

  Normalizer();
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Thread-safe (const, no shared mutable state).
  void normalize(std::string_view raw, std::size_t max_bytes, NormalizedLine* out) const;

 private:
  std::unique_ptr<re2::RE2> url_;
  std::unique_ptr<re2::RE2> email_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_NORMALIZE_H_
