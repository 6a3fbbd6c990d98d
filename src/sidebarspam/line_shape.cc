#include "sidebarspam/line_shape.h"

#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

const char* const kBulletNames[] = {"none", "dash", "arrow", "dot", "box", "note", "num", "brk", "par", "quo"};
const char* const kEndNames[] = {"word", "da", "dap", "per", "ell", "q", "ex", "quo", "close", "colon", "dig", "sym"};

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
std::string_view bullet_name(BulletKind bullet) { return kBulletNames[static_cast<int>(bullet)]; }

}  // namespace sidebarspam
