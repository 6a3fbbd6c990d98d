#include "sidebarspam/normalize.h"

#include "catch.h"

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
