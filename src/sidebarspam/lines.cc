#include "sidebarspam/lines.h"

#include <cstring>

namespace sidebarspam {

void split_lines(std::string_view text, std::vector<LineSpan>* lines) {
  lines->clear();
  std::size_t pos = 0;
  const std::size_t n = text.size();
  while (pos < n) {
    const void* nl = std::memchr(text.data() + pos, '\n', n - pos);
    LineSpan span;
    span.start = pos;
    if (nl == nullptr) {
      span.end = n;
      span.next = n;
    } else {
      std::size_t at = static_cast<const char*>(nl) - text.data();
      span.end = (at > pos && text[at - 1] == '\r') ? at - 1 : at;
      span.next = at + 1;
    }
    lines->push_back(span);
    pos = span.next;
  }
}

bool is_blank(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == 0xC2 && i + 1 < line.size() && static_cast<unsigned char>(line[i + 1]) == 0xA0) {
      i += 2;  // U+00A0 no-break space
    } else if (c == 0xE3 && i + 2 < line.size() && static_cast<unsigned char>(line[i + 1]) == 0x80 &&
               static_cast<unsigned char>(line[i + 2]) == 0x80) {
      i += 3;  // U+3000 ideographic space
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace sidebarspam
