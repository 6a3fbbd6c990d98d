#include "sidebarspam/page_context.h"

#include <algorithm>
#include <functional>

#include "sidebarspam/clickbait.h"
#include "sidebarspam/headline.h"
#include "sidebarspam/line_shape.h"
#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

// Paragraphs of one text block may be split by up to this many other lines (a photo caption,
// an inline widget).
constexpr std::size_t kBlockGap = 2;
// Syllable bigrams read from the main block: bounds the title test's cost on long articles.
constexpr std::size_t kMainBlockBytes = 6000;

// A coarse shape: what a list repeats (bullet, sentence end or not, length class, headline).
std::uint32_t signature(const NormalizedLine& norm, const LineShape& shape) {
  const int cps = norm.codepoints;
  const std::uint32_t length = cps <= 4 ? 0 : cps <= 20 ? 1 : cps <= 60 ? 2 : 3;
  const EndKind e = shape.end;
  const std::uint32_t end = e == EndKind::kDa || e == EndKind::kDaPeriod || e == EndKind::kPeriod ? 1
                            : e == EndKind::kDigit                                                ? 2
                            : e == EndKind::kWord                                                 ? 3
                                                                                                  : 4;
  return static_cast<std::uint32_t>(shape.bullet) | end << 4 | length << 8 |
         static_cast<std::uint32_t>(is_headline_like(norm, shape)) << 12;
}

void periods(const std::vector<std::uint32_t>& sig, std::vector<LineContext>* out) {
  const std::size_t m = sig.size();
  for (int p = 2; p <= 3; ++p) {
    auto recurs = [&](std::size_t k) {
      const std::size_t pp = static_cast<std::size_t>(p);
      return (k >= pp && sig[k] == sig[k - pp] && sig[k - 1] != sig[k]) ||
             (k + pp < m && sig[k] == sig[k + pp] && sig[k + 1] != sig[k]);
    };
    for (std::size_t k = 0; k < m;) {
      if ((*out)[k].period != 0 || !recurs(k)) {
        ++k;
        continue;
      }
      std::size_t j = k;
      while (j < m && (*out)[j].period == 0 && recurs(j)) ++j;
      for (std::size_t t = k; t < j; ++t) {
        (*out)[t].period = static_cast<std::int8_t>(p);
        (*out)[t].period_run = static_cast<std::int8_t>(std::min<std::size_t>(j - k, 100));
      }
      k = j;
    }
  }
}

bool is_sentence(const NormalizedLine& norm, const LineShape& shape) {
  return norm.codepoints >= 20 &&
         (shape.end == EndKind::kDaPeriod || shape.end == EndKind::kPeriod || shape.end == EndKind::kEllipsis);
}

void headline_lede_pairs(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                         std::vector<LineContext>* out) {
  const std::size_t m = norm.size();
  std::vector<bool> pair(m, false);  // a headline at k, a sentence at k + 1
  for (std::size_t k = 0; k + 1 < m; ++k) {
    pair[k] = is_headline_like(norm[k], shape[k]) && is_sentence(norm[k + 1], shape[k + 1]);
  }
  for (std::size_t k = 0; k + 1 < m; ++k) {
    if (!pair[k]) continue;
    bool repeated = false;
    for (std::size_t d = 2; d <= 3; ++d) repeated = repeated || (k + d < m && pair[k + d]) || (k >= d && pair[k - d]);
    if (repeated) (*out)[k].headline_lede = (*out)[k + 1].headline_lede = true;
  }
}

// Lines whose (non-empty) tokens another line of the page has too: the lines in order of
// their tokens' hash, then text, in a vector the thread reuses; equal texts are neighbours
// there (no hash map node per line).
void mark_duplicates(const std::vector<NormalizedLine>& norm, std::vector<LineContext>* out) {
  thread_local std::vector<std::pair<std::size_t, std::size_t>> by_hash;  // (hash, line)
  by_hash.clear();
  for (std::size_t k = 0; k < norm.size(); ++k) {
    if (!norm[k].tokens.empty()) by_hash.emplace_back(std::hash<std::string_view>()(norm[k].tokens), k);
  }
  const auto tokens = [&](std::size_t i) { return std::string_view(norm[by_hash[i].second].tokens); };
  std::sort(by_hash.begin(), by_hash.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const int order = std::string_view(norm[a.second].tokens).compare(norm[b.second].tokens);
    return order != 0 ? order < 0 : a.second < b.second;
  });
  for (std::size_t i = 0; i + 1 < by_hash.size(); ++i) {
    if (by_hash[i].first == by_hash[i + 1].first && tokens(i) == tokens(i + 1)) {
      (*out)[by_hash[i].second].duplicate = (*out)[by_hash[i + 1].second].duplicate = true;
    }
  }
}

struct TextBlock {
  std::size_t first, last;  // content lines
  long mass = 0;            // code points of its paragraphs
};

std::vector<TextBlock> text_blocks(const std::vector<NormalizedLine>& norm, const std::vector<bool>& paragraph) {
  std::vector<TextBlock> blocks;
  for (std::size_t k = 0; k < norm.size(); ++k) {
    if (!paragraph[k]) continue;
    if (!blocks.empty() && k - blocks.back().last <= kBlockGap + 1) {
      blocks.back().last = k;
    } else {
      blocks.push_back(TextBlock{k, k, 0});
    }
    blocks.back().mass += norm[k].codepoints;
  }
  return blocks;
}

// Hangul syllable (and other letter) bigrams: Korean words carry particles, so shared words
// show as shared syllable pairs rather than equal tokens.
template <typename Visit>
void bigrams(std::string_view text, const Visit& visit) {
  char32_t previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    i += decode_utf8(text, i, &cp);
    const bool letter = !is_punct(cp) && cp != ' ';
    if (letter && previous != 0) visit(static_cast<std::uint64_t>(previous) << 32 | cp);
    previous = letter ? cp : 0;
  }
}

// The main block's bigrams: an open-addressing set reused by the thread (std::unordered_set
// allocated a node per bigram, ~2000 a Korean article: the largest cost of page context).
// Bigrams are never 0 (both code points are letters), so 0 marks an empty slot.
class BigramSet {
 public:
  // Empties the set and makes room for max_items bigrams at under half load. Only the slots
  // the last page used are cleared: the table keeps the size of the largest page so far.
  void reset(std::size_t max_items) {
    for (std::size_t s : used_) slots_[s] = 0;
    used_.clear();
    std::size_t slots = slots_.empty() ? 64 : slots_.size();
    while (slots < 2 * max_items + 1) slots *= 2;
    if (slots != slots_.size()) slots_.assign(slots, 0);
  }
  void insert(std::uint64_t b) {
    std::size_t s = slot_of(b);
    while (slots_[s] != 0 && slots_[s] != b) s = (s + 1) & (slots_.size() - 1);
    if (slots_[s] == 0) used_.push_back(s);
    slots_[s] = b;
  }
  bool contains(std::uint64_t b) const {
    for (std::size_t s = slot_of(b);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s] == b) return true;
      if (slots_[s] == 0) return false;
    }
  }

 private:
  std::size_t slot_of(std::uint64_t b) const {
    return static_cast<std::size_t>((b * 0x9E3779B97F4A7C15ull) >> 32) & (slots_.size() - 1);
  }
  std::vector<std::uint64_t> slots_;
  std::vector<std::size_t> used_;
};

void title_overlap(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                   const TextBlock& main, std::vector<LineContext>* out) {
  thread_local BigramSet in_main;
  std::size_t bytes = 0, last = main.first;
  for (; last <= main.last && bytes < kMainBlockBytes; ++last) bytes += norm[last].clean.size();
  in_main.reset(bytes);  // fewer bigrams than bytes
  for (std::size_t k = main.first; k < last; ++k) {
    bigrams(norm[k].clean, [&](std::uint64_t b) { in_main.insert(b); });
  }
  for (std::size_t k = 0; k < norm.size(); ++k) {
    if (!is_headline_like(norm[k], shape[k])) continue;
    int total = 0, found = 0;
    bigrams(norm[k].clean, [&](std::uint64_t b) {
      ++total;
      found += in_main.contains(b);
    });
    const double share = total > 0 ? static_cast<double>(found) / total : 0.0;
    (*out)[k].title_overlap = static_cast<std::int8_t>(share < 0.15 ? 0 : share < 0.35 ? 1 : share < 0.6 ? 2 : 3);
  }
}

}  // namespace

void page_context(const std::vector<NormalizedLine>& norm, const std::vector<LineShape>& shape,
                  const std::vector<bool>& paragraph, std::vector<LineContext>* out) {
  const std::size_t m = norm.size();
  out->assign(m, LineContext{});
  std::vector<std::uint32_t> sig(m);
  for (std::size_t k = 0; k < m; ++k) sig[k] = signature(norm[k], shape[k]);
  periods(sig, out);
  headline_lede_pairs(norm, shape, out);

  mark_duplicates(norm, out);

  std::vector<TextBlock> blocks = text_blocks(norm, paragraph);
  if (blocks.empty()) return;
  std::vector<std::size_t> order(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) order[b] = b;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return blocks[a].mass > blocks[b].mass; });
  for (std::size_t r = 0; r < order.size(); ++r) {
    const TextBlock& block = blocks[order[r]];
    for (std::size_t k = block.first; k <= block.last; ++k) (*out)[k].block_rank = static_cast<std::int8_t>(std::min<std::size_t>(r, 3));
  }
  const TextBlock& main = blocks[order[0]];
  for (std::size_t k = 0; k < m; ++k) {
    LineContext& c = (*out)[k];
    if (k < main.first) {
      c.main = MainBlockPosition::kBefore;
      c.main_distance = static_cast<std::int16_t>(std::min<std::size_t>(main.first - k, 1000));
    } else if (k > main.last) {
      c.main = MainBlockPosition::kAfter;
      c.main_distance = static_cast<std::int16_t>(std::min<std::size_t>(k - main.last, 1000));
    } else {
      c.main = MainBlockPosition::kInside;
    }
  }
  title_overlap(norm, shape, main, out);
}

}  // namespace sidebarspam
