#include "sidebarspam/normalize.h"

#include <re2/re2.h>

#include <algorithm>

#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

// The word tokens and counts of NormalizedLine, fed one code point at a time. Both paths of
// Normalizer::normalize use it, so they cannot disagree on what a token is.
class TokenWriter {
 public:
  explicit TokenWriter(NormalizedLine* out) : out_(out), tokens_(out->tokens) {
    out->codepoints = out->hangul = out->latin = out->digits = out->punct = out->words = 0;
    tokens_.clear();
  }

  // A separator: whitespace (the cleaned line's spaces, or the raw line's whitespace and
  // control bytes, which cleaning turns into spaces).
  void space() {
    if (in_word_) {
      ++out_->words;
      in_word_ = false;
    }
  }

  // Any other code point.
  void add(char32_t cp) {
    if (cp >= 0xFF10 && cp <= 0xFF5A) {
      if (cp <= 0xFF19) {
        cp = '0' + (cp - 0xFF10);  // full-width digits
      } else if ((cp >= 0xFF21 && cp <= 0xFF3A) || cp >= 0xFF41) {
        cp -= 0xFEE0;  // full-width letters
      }
    }
    ++out_->codepoints;
    if (is_punct(cp)) {
      space();
      ++out_->punct;
      if (start_token()) append_utf8(cp, &tokens_);
      return;
    }
    if (cp >= '0' && cp <= '9') {
      ++out_->digits;
      cp = '0';
    } else if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      ++out_->latin;
    } else if (cp >= 0xC0 && cp <= 0x24F) {
      ++out_->latin;
    } else if (is_hangul(cp)) {
      ++out_->hangul;
    }
    if (!in_word_) {
      in_word_ = true;
      emitting_word_ = start_token();
    }
    if (emitting_word_) append_utf8(cp, &tokens_);
  }

  // add(c) for an ASCII byte that is not a space or a control character (as the raw line
  // has most of its characters in English): the same counts and tokens, without the branches
  // for full-width forms and code points beyond ASCII.
  void add_ascii(unsigned char c) {
    ++out_->codepoints;
    if (is_punct(c)) {
      space();
      ++out_->punct;
      if (start_token()) tokens_.push_back(static_cast<char>(c));
      return;
    }
    if (c >= '0' && c <= '9') {
      ++out_->digits;
      c = '0';
    } else {
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      ++out_->latin;
    }
    if (!in_word_) {
      in_word_ = true;
      emitting_word_ = start_token();
    }
    if (emitting_word_) tokens_.push_back(static_cast<char>(c));
  }

  void finish() { space(); }

 private:
  bool start_token() {
    if (emitted_ >= Normalizer::kMaxTokens) return false;
    if (!tokens_.empty()) tokens_.push_back(' ');
    ++emitted_;
    return true;
  }

  NormalizedLine* out_;
  std::string& tokens_;
  int emitted_ = 0;
  bool in_word_ = false;
  bool emitting_word_ = false;
};

// One pass over raw: writes NormalizedLine::clean and feeds every code point it keeps to
// tokens (a space for each whitespace or control character, as the cleaned text has them).
void clean_and_tokenize(std::string_view raw, std::size_t max_bytes, NormalizedLine* out, TokenWriter* tokens) {
  std::string& clean = out->clean;
  out->truncated = false;
  // Worst case every raw byte becomes U+FFFD (3 bytes); the line is cut at max_bytes anyway.
  const std::size_t capacity = std::min(max_bytes, 3 * raw.size());
  clean.resize(capacity);
  char* const begin = &clean[0];
  char* w = begin;
  std::size_t last_non_space = 0;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    // ASCII: the branches below for a one-byte code point, taken directly.
    const unsigned char c = static_cast<unsigned char>(raw[pos]);
    if (c < 0x80) {
      if (static_cast<std::size_t>(w - begin) + 1 > max_bytes) {
        out->truncated = true;
        break;
      }
      ++pos;
      if (c <= 0x20 || c == 0x7F) {  // control characters and ASCII whitespace
        tokens->space();
        if (w == begin || w[-1] == ' ') continue;
        *w++ = ' ';
        continue;
      }
      *w++ = static_cast<char>(c);
      last_non_space = static_cast<std::size_t>(w - begin);
      tokens->add_ascii(c);
      continue;
    }
    char32_t cp;
    const std::size_t len = decode_utf8(raw, pos, &cp);
    const std::size_t encoded = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (static_cast<std::size_t>(w - begin) + encoded > max_bytes) {
      out->truncated = true;
      break;
    }
    pos += len;
    if (cp < 0x20 || cp == 0x7F || is_space(cp)) {
      tokens->space();
      if (w == begin || w[-1] == ' ') continue;  // trim the start, collapse runs
      *w++ = ' ';
      continue;
    }
    if (len == encoded) {
      for (std::size_t i = 0; i < len; ++i) *w++ = raw[pos - len + i];  // valid as it stands
    } else {
      w[0] = '\xEF', w[1] = '\xBF', w[2] = '\xBD';  // an invalid byte, now U+FFFD
      w += 3;
    }
    last_non_space = static_cast<std::size_t>(w - begin);
    tokens->add(cp);
  }
  clean.resize(last_non_space);
}

}  // namespace

Normalizer::Normalizer()
    : url_(new re2::RE2(R"((?i)(?:https?://|www\.)[^\s]+)")),
      email_(new re2::RE2(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")) {}

Normalizer::~Normalizer() = default;

void Normalizer::normalize(std::string_view raw, std::size_t max_bytes, NormalizedLine* out) const {
  // One decoding pass makes the clean text, the tokens and the counts together.
  TokenWriter writer(out);
  clean_and_tokenize(raw, max_bytes, out, &writer);
  writer.finish();

  // The few lines that can hold a URL or an e-mail address are tokenised again from the
  // clean text with those replaced by placeholder words (RE2 runs on these lines only).
  const std::string_view clean = out->clean;
  if (clean.find("://") == std::string_view::npos && clean.find("www.") == std::string_view::npos &&
      clean.find('@') == std::string_view::npos) {
    return;
  }
  std::string replaced(clean);
  re2::RE2::GlobalReplace(&replaced, *url_, " ssurl ");
  re2::RE2::GlobalReplace(&replaced, *email_, " ssemail ");
  TokenWriter again(out);
  const std::string_view text = replaced;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp;
    pos += decode_utf8(text, pos, &cp);
    if (is_space(cp)) {
      again.space();
    } else {
      again.add(cp);
    }
  }
  again.finish();
}

}  // namespace sidebarspam
