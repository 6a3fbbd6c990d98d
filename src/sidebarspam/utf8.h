// Internal: the few UTF-8 operations the pipeline needs, hand-written because they sit on the
// hot path of every line and must accept any bytes without failing.
#ifndef SIDEBARSPAM_UTF8_H_
#define SIDEBARSPAM_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sidebarspam {

constexpr char32_t kReplacementChar = 0xFFFD;

std::size_t decode_utf8_multibyte(std::string_view text, std::size_t pos, char32_t* cp);

// Decodes one code point at text[pos]. Returns its length in bytes (1..4); an invalid or
// truncated sequence decodes as U+FFFD of length 1, so every byte is consumed exactly once.
// Inline for ASCII and for valid 3-byte sequences (Hangul, CJK, most punctuation beyond
// Latin-1): this runs once per character of every line.
inline std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if ((c & 0xF0) == 0xE0 && text.size() - pos >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
    const char32_t value = (char32_t{c} & 0x0F) << 12 | (char32_t{s[1]} & 0x3F) << 6 | (char32_t{s[2]} & 0x3F);
    if (value >= 0x800 && (value < 0xD800 || value > 0xDFFF)) {  // not overlong, not a surrogate
      *cp = value;
      return 3;
    }
  }
  return decode_utf8_multibyte(text, pos, cp);
}

// Appends the UTF-8 encoding of cp to out (a std::string or similar with push_back).
template <typename Out>
void append_utf8(char32_t cp, Out* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline bool is_hangul(char32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
         (cp >= 0x3130 && cp <= 0x318F);
}
inline bool is_cjk_ideograph(char32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }

bool is_space_beyond_ascii(char32_t cp);
bool is_punct_beyond_ascii(char32_t cp);

// Whitespace beyond ASCII that web pages use: NBSP, the U+2000 spaces, ideographic space, BOM.
inline bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  if (cp >= 0xAC00 && cp <= 0xD7A3) return false;  // Hangul syllables: most of Korean text
  return is_space_beyond_ascii(cp);
}
// Punctuation and symbols (ASCII punctuation, general punctuation, arrows, shapes, CJK
// brackets, dingbats, emoji). Each becomes a token of its own.
inline bool is_punct(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
           (cp >= 0x7B && cp <= 0x7E);
  }
  if (cp >= 0xAC00 && cp <= 0xD7A3) return false;  // Hangul syllables
  return is_punct_beyond_ascii(cp);
}

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_UTF8_H_
