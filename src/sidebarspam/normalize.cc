#include "sidebarspam/normalize.h"

#include <re2/re2.h>

#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

// Copies raw into clean, repairing it as described in NormalizedLine::clean.
void make_clean(std::string_view raw, std::size_t max_bytes, NormalizedLine* out) {
  std::string& clean = out->clean;
  clean.clear();
  out->truncated = false;
  std::size_t pos = 0;
  std::size_t last_non_space = 0;
  while (pos < raw.size()) {
    char32_t cp;
    std::size_t len = decode_utf8(raw, pos, &cp);
    const std::size_t encoded = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (clean.size() + encoded > max_bytes) {
      out->truncated = true;
      break;
    }
    pos += len;
    if (cp < 0x20 || cp == 0x7F) cp = ' ';
    if (is_space(cp)) {
      if (clean.empty() || clean.back() == ' ') continue;  // trim the start, collapse runs
      clean.push_back(' ');
      continue;
    }
    if (len == encoded) {
      clean.append(raw.data() + pos - len, len);  // valid as it stands: copy the bytes
    } else {
      append_utf8(cp, &clean);  // an invalid byte, now U+FFFD
    }
    last_non_space = clean.size();
  }
  clean.resize(last_non_space);
}

}  // namespace

Normalizer::Normalizer()
    : url_(new re2::RE2(R"((?i)(?:https?://|www\.)[^\s]+)")),
      email_(new re2::RE2(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")) {}

Normalizer::~Normalizer() = default;

void Normalizer::normalize(std::string_view raw, std::size_t max_bytes, NormalizedLine* out) const {
  make_clean(raw, max_bytes, out);
  out->codepoints = out->hangul = out->latin = out->digits = out->punct = out->words = 0;
  out->tokens.clear();

  std::string_view text = out->clean;
  std::string replaced;
  // RE2 only runs on the few lines that can hold a URL or an address.
  if (text.find("://") != std::string_view::npos || text.find("www.") != std::string_view::npos ||
      text.find('@') != std::string_view::npos) {
    replaced.assign(text.data(), text.size());
    re2::RE2::GlobalReplace(&replaced, *url_, " ssurl ");
    re2::RE2::GlobalReplace(&replaced, *email_, " ssemail ");
    text = replaced;
  }

  std::string& tokens = out->tokens;
  int emitted = 0;
  bool in_word = false;
  auto end_word = [&]() {
    if (in_word) {
      ++out->words;
      in_word = false;
    }
  };
  auto start_token = [&]() -> bool {
    if (emitted >= kMaxTokens) return false;
    if (!tokens.empty()) tokens.push_back(' ');
    ++emitted;
    return true;
  };
  bool emitting_word = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    pos += decode_utf8(text, pos, &cp);
    if (is_space(cp)) {
      end_word();
      continue;
    }
    if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);  // full-width digits
    if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) cp -= 0xFEE0;
    ++out->codepoints;
    if (is_punct(cp)) {
      end_word();
      ++out->punct;
      if (start_token()) append_utf8(cp, &tokens);
      continue;
    }
    if (cp >= '0' && cp <= '9') {
      ++out->digits;
      cp = '0';
    } else if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      ++out->latin;
    } else if (cp >= 0xC0 && cp <= 0x24F) {
      ++out->latin;
    } else if (is_hangul(cp)) {
      ++out->hangul;
    }
    if (!in_word) {
      in_word = true;
      emitting_word = start_token();
    }
    if (emitting_word) append_utf8(cp, &tokens);
  }
  end_word();
}

}  // namespace sidebarspam
