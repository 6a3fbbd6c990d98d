#include "sidebarspam/features.h"

#include <algorithm>
#include <cstdlib>

#include "sidebarspam/page_context.h"
#include "sidebarspam/rules.h"
#include "sidebarspam/site_memory.h"
#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

const char* const kBulletNames[] = {"none", "dash", "arrow", "dot", "box", "note", "num", "brk", "par", "quo"};
const char* const kEndNames[] = {"word", "da", "dap", "per", "ell", "q", "ex", "quo", "close", "colon", "dig", "sym"};
const char* const kHintNames[] = {"body", "boil", "side", "anchor"};

BulletKind bullet_of(std::string_view clean) {
  if (clean.empty()) return BulletKind::kNone;
  char32_t first;
  std::size_t len = decode_utf8(clean, 0, &first);
  char32_t second = 0;
  if (len < clean.size()) decode_utf8(clean, len, &second);
  switch (first) {
    case '-': case 0x2013: case 0x2014: case 0x2015:
      return second == ' ' ? BulletKind::kDash : BulletKind::kNone;
    case 0x25B6: case 0x25BA: case 0x25B7: case 0x261E: case 0x2192: case 0x25B8: case 0x2023: case '>':
    case 0x27A4: case 0x25B9:
      return BulletKind::kArrow;
    case 0x00B7: case 0x2022: case 0x30FB: case 0x2219: case 0x2024:
      return BulletKind::kDot;
    case 0x25A0: case 0x25A1: case 0x25C6: case 0x25C7: case 0x25CF: case 0x25CB: case 0x25CE:
    case 0x2605: case 0x2606: case 0x25B2: case 0x25B3: case 0x25BC: case 0x25BD: case 0x25AA:
      return BulletKind::kBox;
    case 0x203B: case '*':
      return BulletKind::kNote;
    case '[': case 0x3010: case 0x3014: case 0xFF3B:
      return BulletKind::kBracket;
    case '(': case 0xFF08: case '<': case 0x3008: case 0x300A:
      return BulletKind::kParen;
    case '"': case '\'': case 0x201C: case 0x2018: case 0x2019: case 0x201D:
      return BulletKind::kQuote;
    default:
      break;
  }
  if (first >= '0' && first <= '9') {
    std::size_t i = 0;
    while (i < clean.size() && i < 3 && clean[i] >= '0' && clean[i] <= '9') ++i;
    if (i < clean.size() && (clean[i] == '.' || clean[i] == ')')) return BulletKind::kNumber;
  }
  return BulletKind::kNone;
}

// Last code point of s, and the one before it.
void last_two(std::string_view s, char32_t* last, char32_t* before) {
  *last = *before = 0;
  std::size_t i = s.size();
  for (int k = 0; k < 2 && i > 0; ++k) {
    std::size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80 && i - j < 4) --j;
    char32_t cp;
    decode_utf8(s, j, &cp);
    (k == 0 ? *last : *before) = cp;
    i = j;
  }
}

EndKind end_of(std::string_view clean) {
  char32_t last, before;
  last_two(clean, &last, &before);
  if (last == '.') {
    if (before == 0xB2E4) return EndKind::kDaPeriod;  // 다.
    if (before == '.') return EndKind::kEllipsis;
    return EndKind::kPeriod;
  }
  switch (last) {
    case 0xB2E4: return EndKind::kDa;
    case 0x2026: case 0x22EF: return EndKind::kEllipsis;
    case '?': case 0xFF1F: return EndKind::kQuestion;
    case '!': case 0xFF01: return EndKind::kExclaim;
    case '"': case '\'': case 0x201D: case 0x2019: case 0x201C: return EndKind::kQuote;
    case ']': case ')': case 0x3011: case '>': case 0x300B: case 0x3009: case 0xFF09: return EndKind::kClose;
    case ':': return EndKind::kColon;
    default: break;
  }
  if (last >= '0' && last <= '9') return EndKind::kDigit;
  if (is_punct(last)) return EndKind::kSymbol;
  return EndKind::kWord;
}


LineShape shape_of(const NormalizedLine& norm, const std::vector<int>& hits, const RuleSet& rules) {
  LineShape shape = shape_of_line(norm);
  for (int h : hits) shape.hint_mask |= 1u << static_cast<int>(rules.rule(h).hint);
  return shape;
}

void add(std::string* out, const char* name) {
  out->push_back(' ');
  out->append(name);
}
void add(std::string* out, const char* prefix, const char* name) {
  out->push_back(' ');
  out->append(prefix);
  out->append(name);
}
void add(std::string* out, const char* prefix, int value) {
  out->push_back(' ');
  out->append(prefix);
  out->append(std::to_string(value));
}

void add_context_tokens(const LineContext& c, std::string* in) {
  if (c.period != 0) {
    add(in, "__per_", c.period);
    add(in, "__prl_", bucket(c.period_run, {2, 4, 8, 16}));
  }
  if (c.headline_lede) add(in, "__hlp");
  if (c.main == MainBlockPosition::kInside) {
    add(in, "__mb_in");
  } else if (c.main != MainBlockPosition::kNone) {
    add(in, c.main == MainBlockPosition::kBefore ? "__mb_b_" : "__mb_a_",
        bucket(c.main_distance, {1, 2, 4, 8, 16, 32, 64}));
  }
  if (c.block_rank >= 0) add(in, "__brk_", c.block_rank);
  if (c.title_overlap >= 0) add(in, "__tov_", c.title_overlap);
  if (c.duplicate) add(in, "__dup");
}

}  // namespace

int bucket(int value, std::initializer_list<int> upper_bounds) {
  int i = 0;
  for (int bound : upper_bounds) {
    if (value <= bound) return i;
    ++i;
  }
  return i;
}

int ratio_bucket(int part, int whole) {
  if (part == 0 || whole == 0) return 0;
  double r = static_cast<double>(part) / whole;
  return r < 0.3 ? 1 : r < 0.7 ? 2 : 3;
}

LineShape shape_of_line(const NormalizedLine& norm) {
  LineShape shape;
  std::string_view c = norm.clean;
  shape.bullet = bullet_of(c);
  shape.end = end_of(c);
  shape.length_bucket = bucket(norm.codepoints, {4, 9, 14, 20, 30, 45, 65, 90, 130, 200, 400});
  shape.has_quote = c.find('"') != c.npos || c.find("\xE2\x80\x9C") != c.npos ||
                    c.find("\xE2\x80\x98") != c.npos || c.find('\'') != c.npos;
  shape.has_ellipsis = c.find("\xE2\x80\xA6") != c.npos || c.find("..") != c.npos;
  std::size_t open = c.find('[');
  if (open != c.npos) {
    std::size_t close = c.find(']', open);
    shape.has_tag = close != c.npos && close - open <= 40;
  }
  shape.has_gossip_mark = c.find("\xE2\x99\xA5") != c.npos || c.find("\xE2\x86\x92") != c.npos;
  return shape;
}

std::string_view end_name(EndKind end) { return kEndNames[static_cast<int>(end)]; }

void extract_features(std::string_view text, const std::vector<LineSpan>& spans,
                      const Normalizer& normalizer, const RuleSet& rules,
                      const FeatureConfig& config, DocumentFeatures* out, const SiteView& site) {
  out->content.clear();
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (!is_blank(text.substr(spans[i].start, spans[i].end - spans[i].start))) out->content.push_back(i);
  }
  const std::size_t m = out->content.size();
  out->norm.resize(m);
  out->hits.resize(m);
  out->shape.resize(m);
  out->after_anchor.assign(m, false);
  out->model_input.resize(m);

  constexpr unsigned kAnchorBit = 1u << static_cast<int>(RuleHint::kAnchor);
  for (std::size_t k = 0; k < m; ++k) {
    const LineSpan& span = spans[out->content[k]];
    normalizer.normalize(text.substr(span.start, span.end - span.start), config.max_line_bytes, &out->norm[k]);
    rules.match(out->norm[k].clean, &out->hits[k]);
    out->shape[k] = shape_of(out->norm[k], out->hits[k], rules);
  }
  out->line_key.clear();
  out->seen.assign(m, 0);
  if (site.memory != nullptr) {
    out->line_key.resize(m);
    for (std::size_t k = 0; k < m; ++k) out->line_key[k] = line_key_of_tokens(out->norm[k].tokens);
    site.memory->counts(site.site, out->line_key, &out->seen);
  }

  // Anchors: where the article body most likely ended (copyright, byline). Only anchors past
  // the first fifth of the lines count: a copyright notice in a page header says nothing
  // about where the article stops.
  std::vector<int> since_anchor(m, -1);
  int last_anchor = -1;
  for (std::size_t k = 0; k < m; ++k) {
    if (last_anchor >= 0) {
      out->after_anchor[k] = true;
      since_anchor[k] = static_cast<int>(k) - last_anchor;
    }
    if ((out->shape[k].hint_mask & kAnchorBit) && 5 * k >= m) last_anchor = static_cast<int>(k);
  }
  std::vector<bool> before_anchor(m, false);
  bool seen = false;
  for (std::size_t k = m; k-- > 0;) {
    before_anchor[k] = seen;
    if (out->shape[k].hint_mask & kAnchorBit) seen = true;
  }
  // Text density around a line: article paragraphs come in runs, chrome and link lists sit
  // between them or after them (the context idea of jusText, on plain text).
  std::vector<bool> paragraph(m, false);
  for (std::size_t k = 0; k < m; ++k) {
    const EndKind e = out->shape[k].end;
    const int cps = out->norm[k].codepoints;
    const bool sentence_end = e == EndKind::kPeriod || e == EndKind::kDaPeriod || e == EndKind::kQuestion ||
                              e == EndKind::kExclaim || e == EndKind::kQuote || e == EndKind::kDa;
    paragraph[k] = (cps >= 60 && sentence_end) || cps >= 150;
  }
  std::vector<int> density(m, 0), nearest(m, 99);
  for (std::size_t k = 0; k < m; ++k) {
    for (std::size_t j = k >= 3 ? k - 3 : 0; j <= k + 3 && j < m; ++j) {
      if (j != k && paragraph[j]) density[k] += 1;
    }
    for (std::size_t d = 1; d <= 8; ++d) {
      if ((k >= d && paragraph[k - d]) || (k + d < m && paragraph[k + d])) {
        nearest[k] = static_cast<int>(d);
        break;
      }
    }
  }
  // Runs of lines that share a bullet: sidebars are lists.
  std::vector<int> run(m, 0);
  for (std::size_t k = 0; k < m;) {
    std::size_t j = k;
    while (j < m && out->shape[j].bullet == out->shape[k].bullet) ++j;
    for (std::size_t t = k; t < j; ++t) run[t] = static_cast<int>(j - k);
    k = j;
  }

  std::vector<LineContext> context;
  if (config.use_page_context) page_context(out->norm, out->shape, paragraph, &context);

  const int doc_bucket = bucket(static_cast<int>(m), {3, 8, 16, 32, 64, 128});
  for (std::size_t k = 0; k < m; ++k) {
    const NormalizedLine& norm = out->norm[k];
    const LineShape& s = out->shape[k];
    std::string& in = out->model_input[k];
    in = norm.tokens;
    if (in.empty()) in = "ssempty";
    add(&in, "__b_", kBulletNames[static_cast<int>(s.bullet)]);
    add(&in, "__e_", kEndNames[static_cast<int>(s.end)]);
    add(&in, "__l_", s.length_bucket);
    add(&in, "__w_", bucket(norm.words, {1, 2, 3, 5, 8, 12, 20, 35, 60}));
    add(&in, "__hg_", ratio_bucket(norm.hangul, norm.codepoints));
    add(&in, "__lt_", ratio_bucket(norm.latin, norm.codepoints));
    add(&in, "__dg_", ratio_bucket(norm.digits, norm.codepoints));
    add(&in, "__pu_", ratio_bucket(norm.punct, norm.codepoints));
    if (s.has_quote) add(&in, "__quote");
    if (s.has_ellipsis) add(&in, "__ellip");
    if (s.has_tag) add(&in, "__tag");
    if (s.has_gossip_mark) add(&in, "__gossip");
    if (norm.truncated) add(&in, "__trunc");
    const int from_end = static_cast<int>(m - 1 - k);
    add(&in, "__fe_", bucket(from_end, {0, 1, 2, 4, 8, 16, 32}));
    add(&in, "__rp_", k == 0 ? 9 : static_cast<int>(5 * k / m));
    add(&in, "__dl_", doc_bucket);
    if (out->after_anchor[k]) add(&in, "__aa_", bucket(since_anchor[k], {1, 2, 5, 12}));
    if (before_anchor[k]) add(&in, "__ba");
    if (paragraph[k]) add(&in, "__para");
    add(&in, "__dens_", bucket(density[k], {0, 1, 2, 4}));
    add(&in, "__near_", bucket(nearest[k], {1, 2, 4, 8}));
    if (s.bullet != BulletKind::kNone) add(&in, "__run_", bucket(run[k], {1, 2, 4, 8}));
    if (config.use_rules) {
      for (int h : out->hits[k]) {
        if (rules.rule(h).hint == RuleHint::kClickbait) continue;  // clickbait cues: not line evidence
        add(&in, "__r_", rules.rule(h).id.c_str());
      }
      for (int b = 0; b < 4; ++b) {
        if (s.hint_mask & (1u << b)) add(&in, "__h_", kHintNames[b]);
      }
    }
    // Neighbours: a line is read in the context of the lines around it.
    const char* sides[2] = {"__p", "__n"};
    for (int side = 0; side < 2; ++side) {
      const bool exists = side == 0 ? k > 0 : k + 1 < m;
      std::string prefix = sides[side];
      if (!exists) {
        add(&in, (prefix + "_none").c_str());
        continue;
      }
      const LineShape& o = out->shape[side == 0 ? k - 1 : k + 1];
      add(&in, (prefix + "b_").c_str(), kBulletNames[static_cast<int>(o.bullet)]);
      add(&in, (prefix + "e_").c_str(), kEndNames[static_cast<int>(o.end)]);
      add(&in, (prefix + "l_").c_str(), o.length_bucket);
      if (config.use_rules) {
        for (int b = 0; b < 4; ++b) {
          if (o.hint_mask & (1u << b)) add(&in, (prefix + "h_").c_str(), kHintNames[b]);
        }
      }
    }
    if (config.use_page_context) add_context_tokens(context[k], &in);
    if (config.use_site_memory) {
      // How many other pages of the site had this line (and its neighbours): chrome and
      // "most read" lists come back on every page, article text does not.
      if (out->seen[k] > 0) add(&in, "__seen_", bucket(static_cast<int>(out->seen[k]), {1, 3, 9, 29}));
      if (k > 0 && out->seen[k - 1] > 1) add(&in, "__pseen");
      if (k + 1 < m && out->seen[k + 1] > 1) add(&in, "__nseen");
    }
    if (k > 0 && k + 1 < m && std::abs(out->shape[k - 1].length_bucket - s.length_bucket) <= 1 &&
        std::abs(out->shape[k + 1].length_bucket - s.length_bucket) <= 1) {
      add(&in, "__simlen");
    }
  }
}

}  // namespace sidebarspam
