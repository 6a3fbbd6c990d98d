#include "sidebarspam/normalize.h"

#include <re2/re2.h>

#include <cstdint>
#include <string>

#include "catch.h"
#include "sidebarspam/utf8.h"

using sidebarspam::NormalizedLine;
using sidebarspam::Normalizer;

TEST_CASE("tokens are lower-cased, digits folded, punctuation split", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  n.normalize("  Hello, World 2024!  ", 4096, &out);
  CHECK(out.clean == "Hello, World 2024!");
  CHECK(out.tokens == "hello , world 0000 !");
  CHECK(out.words == 3);
  CHECK(out.digits == 4);
}

TEST_CASE("Korean and brackets", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  n.normalize("- \"치마 야하다고\"…엄지인 [헬스톡]", 4096, &out);
  CHECK(out.tokens == "- \" 치마 야하다고 \" … 엄지인 [ 헬스톡 ]");
  CHECK(out.hangul == 12);  // 치마 야하다고 엄지인 헬스톡
}

TEST_CASE("URLs and e-mail become placeholders", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  n.normalize("see https://example.com/a?b=1 or mail kim@example.co.kr", 4096, &out);
  CHECK(out.tokens == "see ssurl or mail ssemail");
}

TEST_CASE("invalid UTF-8 and NUL are repaired, not dropped", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  std::string raw("a\xFF\xC3" "b\0c", 6);
  n.normalize(raw, 4096, &out);
  CHECK(out.clean == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b c");
}

TEST_CASE("long lines are cut at a code point boundary", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  std::string raw;
  for (int i = 0; i < 100; ++i) raw += "가";  // 3 bytes each
  n.normalize(raw, 16, &out);
  CHECK(out.truncated);
  CHECK(out.clean.size() == 15);
  CHECK(out.codepoints == 5);
}

TEST_CASE("token count is capped", "[normalize]") {
  Normalizer n;
  NormalizedLine out;
  std::string raw;
  for (int i = 0; i < 100; ++i) raw += "w ";
  n.normalize(raw, 4096, &out);
  CHECK(out.words == 100);
  std::size_t spaces = 0;
  for (char c : out.tokens) spaces += c == ' ';
  CHECK(spaces + 1 == static_cast<std::size_t>(Normalizer::kMaxTokens));
}

// The normaliser before it became one pass (decode into clean, then decode clean again for
// the tokens), kept here as the reference the one-pass version must reproduce exactly.
namespace reference {
using namespace sidebarspam;
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

void reference_normalize(std::string_view raw, std::size_t max_bytes, NormalizedLine* out) {
  static const re2::RE2 url(R"((?i)(?:https?://|www\.)[^\s]+)");
  static const re2::RE2 email(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)");
  make_clean(raw, max_bytes, out);
  out->codepoints = out->hangul = out->latin = out->digits = out->punct = out->words = 0;
  out->tokens.clear();

  std::string_view text = out->clean;
  std::string replaced;
  // RE2 only runs on the few lines that can hold a URL or an address.
  if (text.find("://") != std::string_view::npos || text.find("www.") != std::string_view::npos ||
      text.find('@') != std::string_view::npos) {
    replaced.assign(text.data(), text.size());
    re2::RE2::GlobalReplace(&replaced, url, " ssurl ");
    re2::RE2::GlobalReplace(&replaced, email, " ssemail ");
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
    if (emitted >= Normalizer::kMaxTokens) return false;
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

}  // namespace reference

namespace {
void check_same(const std::string& raw, std::size_t max_bytes) {
  Normalizer n;
  NormalizedLine got, want;
  n.normalize(raw, max_bytes, &got);
  reference::reference_normalize(raw, max_bytes, &want);
  INFO("raw: " << raw << " max_bytes " << max_bytes);
  REQUIRE(got.clean == want.clean);
  REQUIRE(got.tokens == want.tokens);
  REQUIRE(got.codepoints == want.codepoints);
  REQUIRE(got.hangul == want.hangul);
  REQUIRE(got.latin == want.latin);
  REQUIRE(got.digits == want.digits);
  REQUIRE(got.punct == want.punct);
  REQUIRE(got.words == want.words);
  REQUIRE(got.truncated == want.truncated);
}
}  // namespace

TEST_CASE("the one-pass normaliser gives the two-pass reference's output", "[normalize]") {
  for (const char* raw : {"", " ", "\t\x01 a", "ＡＢｃ１２３ ＦＦ", "가나다 ... 기자 kim@ex.co.kr www.a.b/c https://x.y/z?q",
                          "\xED\xA0\x80 surrogate \xE0\x80\x80 overlong \xF0\x9F\x98\x80 emoji \xC2\xA0nbsp",
                          "\xE3\x80\x80ideographic\xE2\x80\x8Bzero width\xEF\xBB\xBF" "bom", "trailing   \x7F"}) {
    for (std::size_t max_bytes : {4096u, 16u, 7u}) check_same(raw, max_bytes);
  }
  std::string long_line;
  for (int i = 0; i < 300; ++i) long_line += i % 7 == 0 ? "단어, " : "word ";
  for (std::size_t max_bytes : {4096u, 700u, 17u}) check_same(long_line, max_bytes);
  // Random bytes biased towards UTF-8 lead and continuation bytes, spaces and controls.
  std::uint32_t state = 12345;
  auto next = [&]() { return state = state * 1664525u + 1013904223u; };
  const unsigned char alphabet[] = {' ', 'a', 'Z', '5', '.', '@', ':', '/', 'w', 0x00, 0x09, 0x7F, 0x80, 0xBF,
                                    0xC2, 0xA0, 0xE0, 0xEA, 0xB0, 0x80, 0xED, 0xEF, 0xBC, 0xF0, 0x9F, 0xFF};
  for (int trial = 0; trial < 3000; ++trial) {
    std::string raw;
    const std::size_t len = next() % 40;
    for (std::size_t i = 0; i < len; ++i) raw.push_back(static_cast<char>(alphabet[(next() >> 8) % sizeof alphabet]));
    check_same(raw, trial % 3 == 0 ? 12 : 4096);
  }
}
