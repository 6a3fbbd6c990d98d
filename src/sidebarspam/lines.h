// Internal: split a document into lines with byte offsets.
#ifndef SIDEBARSPAM_LINES_H_
#define SIDEBARSPAM_LINES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace sidebarspam {

struct LineSpan {
  std::size_t start = 0;  // first byte of the content
  std::size_t end = 0;    // one past the content, before "\r\n" or "\n"
  std::size_t next = 0;   // start of the following line (or the input size)
};

// Lines end at "\n"; a "\r" directly before it belongs to the terminator, so LF and CRLF
// files give the same contents. A lone "\r" is content (old Mac files are one long line,
// which is what every other line tool does with them too). A final line without "\n" is
// still a line; an input ending in "\n" has no empty line after it. Empty input: no lines.
void split_lines(std::string_view text, std::vector<LineSpan>* lines);

// True when the line is empty or only ASCII whitespace / NBSP / full-width spaces.
bool is_blank(std::string_view line);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_LINES_H_
