// The rule sets' DFAs must fit their memory budget and stay warm on real text: a rule that
// makes a set rebuild its states (RE2 drops its whole state cache when the budget is full and
// builds it again byte by byte) or fall back to one regex at a time costs 10-20x in speed
// without changing a single hit, so only this test notices it.
//
// How it tells: every allocation of the process is counted (a replaced operator new). A warm
// DFA allocates nothing when it matches lines it has seen before, apart from RE2's small
// per-call match list; one that thrashes allocates its states again on every pass. Its own
// executable, so the counting operator new affects no other test.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "catch.h"
#include "sidebarspam/lines.h"
#include "sidebarspam/normalize.h"
#include "sidebarspam/rules.h"
#include "test_util.h"

namespace {
// Bytes in allocations of 256 bytes or more: a DFA state holds one pointer per byte class
// (a kilobyte or more for these rules), RE2's per-call match lists and the test's own
// strings are smaller.
constexpr std::size_t kLargeAllocation = 256;
std::atomic<std::size_t> g_allocated_bytes{0};
}  // namespace

void* operator new(std::size_t n) {
  if (n >= kLargeAllocation) g_allocated_bytes.fetch_add(n, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using sidebarspam::RuleSet;

// The "text" strings of a JSONL.gz corpus (../shared/data), read through gzip -dc, up to
// max_bytes of text. JSON escapes are decoded (\uXXXX as UTF-8, surrogate pairs joined).
std::vector<std::string> corpus_texts(const std::string& path, std::size_t max_bytes) {
  std::vector<std::string> out;
  const std::string command = "gzip -dc '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::string data;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) data.append(buffer, n);
  pclose(pipe);
  const std::string key = "\"text\": \"";
  std::size_t total = 0;
  for (std::size_t pos = data.find(key); pos != std::string::npos && total < max_bytes; pos = data.find(key, pos)) {
    pos += key.size();
    std::string text;
    while (pos < data.size() && data[pos] != '"') {
      char c = data[pos++];
      if (c != '\\' || pos >= data.size()) {
        text.push_back(c);
        continue;
      }
      c = data[pos++];
      if (c == 'u' && pos + 4 <= data.size()) {
        char32_t cp = static_cast<char32_t>(std::strtoul(data.substr(pos, 4).c_str(), nullptr, 16));
        pos += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && data.compare(pos, 2, "\\u") == 0) {
          const char32_t low = static_cast<char32_t>(std::strtoul(data.substr(pos + 2, 4).c_str(), nullptr, 16));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          pos += 6;
        }
        char utf8[4];
        std::size_t len = 0;
        if (cp < 0x80) {
          utf8[len++] = static_cast<char>(cp);
        } else if (cp < 0x800) {
          utf8[len++] = static_cast<char>(0xC0 | (cp >> 6));
          utf8[len++] = static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          utf8[len++] = static_cast<char>(0xE0 | (cp >> 12));
          utf8[len++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          utf8[len++] = static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          utf8[len++] = static_cast<char>(0xF0 | (cp >> 18));
          utf8[len++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          utf8[len++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          utf8[len++] = static_cast<char>(0x80 | (cp & 0x3F));
        }
        text.append(utf8, len);
      } else {
        text.push_back(c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c);
      }
    }
    total += text.size();
    out.push_back(std::move(text));
  }
  return out;
}

// The cleaned lines of a few megabytes of Korean news and English pages: what the rules match.
const std::vector<std::string>& real_lines() {
  static const std::vector<std::string> lines = [] {
    const char* scale_env = std::getenv("SIDEBARSPAM_TEST_SCALE");
    const std::size_t scale = scale_env != nullptr && std::atoi(scale_env) > 0 ? std::atoi(scale_env) : 1;
    const std::size_t per_corpus = (6u << 20) / scale;
    sidebarspam::Normalizer normalizer;
    sidebarspam::NormalizedLine norm;
    std::vector<std::string> out;
    for (const char* corpus : {"data/ko/ko_docs.jsonl.gz", "data/en/train-wcxb-dev.jsonl.gz"}) {
      for (const std::string& text : corpus_texts(test_util::shared_path(corpus), per_corpus)) {
        normalizer.normalize(text, 4096, &norm);
        if (!norm.clean.empty()) out.push_back(norm.clean);
      }
    }
    return out;
  }();
  return lines;
}

struct PassCost {
  std::size_t bytes_allocated = 0;
  std::uint64_t dfa_failures = 0;
};

// Matches every line (and its clickbait cues) twice and returns what the second pass
// allocated in large blocks: nothing when the sets' DFAs stay warm.
PassCost second_pass(const RuleSet& rules, const std::vector<std::string>& lines) {
  std::vector<int> hits;
  hits.reserve(64);
  PassCost cost;
  for (int pass = 0; pass < 2; ++pass) {
    const std::size_t before = g_allocated_bytes.load();
    for (const std::string& line : lines) {
      rules.match(line, &hits);
      rules.match_cues(line, &hits);
    }
    cost.bytes_allocated = g_allocated_bytes.load() - before;
  }
  cost.dfa_failures = rules.dfa_failures();
  return cost;
}

std::string shipped_rules_text() {
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("models/rules.tsv"), &text));
  return text;
}

// A warm second pass builds no states (a new one now and then on a line unlike any before is
// fine); a thrashing set rebuilds several per line, each a kilobyte or more.
constexpr std::size_t kWarmBytesPerLine = 64;

}  // namespace

TEST_CASE("the shipped rule sets stay warm on real lines and never fall back", "[rules][dfa]") {
  const std::vector<std::string>& lines = real_lines();
  REQUIRE(lines.size() > 1000);
  std::unique_ptr<RuleSet> rules;
  REQUIRE(RuleSet::Parse(shipped_rules_text(), "rules.tsv", &rules).ok());
  const PassCost cost = second_pass(*rules, lines);
  INFO("second pass over " << lines.size() << " lines allocated " << cost.bytes_allocated << " bytes");
  CHECK(cost.bytes_allocated < kWarmBytesPerLine * lines.size());
  CHECK(cost.dfa_failures == 0);
}

// The check above can fail: a counted tail that is not anchored at the end (so it joins the
// unanchored set, where the old layout had teaser_ellipsis) makes that set thrash.
TEST_CASE("a rule that overflows its set's DFA budget is caught", "[rules][dfa]") {
  if (std::getenv("SIDEBARSPAM_TEST_SCALE") != nullptr) {
    WARN("scaled-down run (sanitizers): too few lines to overflow a set's DFA budget");
    return;
  }
  const std::vector<std::string>& lines = real_lines();
  std::unique_ptr<RuleSet> rules;
  REQUIRE(RuleSet::Parse(shipped_rules_text() + "thrash_probe\tsidebar\t(…|\\.\\.)\\s*[^\\s.]{1,}.{0,40}(\\s|$)\n",
                         "rules.tsv", &rules)
              .ok());
  const PassCost cost = second_pass(*rules, lines);
  INFO("second pass over " << lines.size() << " lines allocated " << cost.bytes_allocated << " bytes");
  CHECK(cost.bytes_allocated > 8 * kWarmBytesPerLine * lines.size());
}

// Three sets and single end-anchored regexes give the hits of every rule matched alone.
TEST_CASE("the rule sets match what each rule alone matches, on real lines", "[rules][dfa]") {
  const std::vector<std::string>& lines = real_lines();
  std::unique_ptr<RuleSet> rules;
  REQUIRE(RuleSet::Parse(shipped_rules_text(), "rules.tsv", &rules).ok());
  re2::RE2::Options options;
  options.set_log_errors(false);
  std::vector<std::unique_ptr<re2::RE2>> alone;
  for (std::size_t r = 0; r < rules->size(); ++r) alone.emplace_back(new re2::RE2(rules->rule(r).pattern, options));
  std::vector<int> hits, expected;
  std::size_t mismatches = 0, total_hits = 0;
  for (const std::string& line : lines) {
    rules->match(line, &hits);
    rules->match_cues(line, &hits);
    expected.clear();
    for (std::size_t r = 0; r < alone.size(); ++r) {
      if (re2::RE2::PartialMatch(line, *alone[r])) expected.push_back(static_cast<int>(r));
    }
    total_hits += expected.size();
    if (hits != expected) {
      if (mismatches++ < 5) UNSCOPED_INFO("mismatch on: " << line);
    }
  }
  CHECK(mismatches == 0);
  CHECK(total_hits > 100);
}
