// Internal: the key SiteMemory counts a line by, a hash of its normalised tokens. Shared by the
// scorer and the trainer (which compute keys for a page) and by SiteMemory (which stores them).
#ifndef SIDEBARSPAM_LINE_KEY_H_
#define SIDEBARSPAM_LINE_KEY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "sidebarspam/normalize.h"

namespace sidebarspam {

// 0 = no tokens (a line without words is never counted). FNV-1a, 64 bit: stable across
// platforms and runs, so a saved memory stays valid.
inline std::uint64_t line_key_of_tokens(std::string_view tokens) {
  if (tokens.empty()) return 0;
  std::uint64_t h = 1469598103934665603ull;
  for (char c : tokens) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h == 0 ? 1 : h;
}

inline std::vector<std::uint64_t> line_keys(const std::vector<NormalizedLine>& lines) {
  std::vector<std::uint64_t> keys;
  keys.reserve(lines.size());
  for (const NormalizedLine& norm : lines) keys.push_back(line_key_of_tokens(norm.tokens));
  return keys;
}

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_LINE_KEY_H_
