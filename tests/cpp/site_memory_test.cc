#include "sidebarspam/site_memory.h"

#include <cstdio>
#include <thread>

#include "catch.h"
#include "test_util.h"

using sidebarspam::SiteMemory;
using sidebarspam::SiteMemoryOptions;
using sidebarspam::StatusCode;

namespace {
std::uint64_t key(const std::string& line) { return SiteMemory::LineKey(line); }
// A number spelled in letters: digits would all fold to 0 in the line key.
std::string spelled(int n) {
  std::string out;
  for (char c : std::to_string(n)) out.push_back(static_cast<char>('a' + (c - '0')));
  return out;
}
std::vector<std::uint64_t> keys(std::initializer_list<const char*> lines) {
  std::vector<std::uint64_t> out;
  for (const char* l : lines) out.push_back(key(l));
  return out;
}
}  // namespace

TEST_CASE("lines are keyed by their normalised tokens", "[site_memory]") {
  CHECK(key("Updated 3 hours ago") == key("updated  5 HOURS ago"));  // case, digits, spaces
  CHECK(key("많이 본 뉴스") != key("많이 본 기사"));
  CHECK(key("") == 0);
  CHECK(key("   ") == 0);
  CHECK(key("- a") != 0);
}

TEST_CASE("counts pages per site, each distinct line once per page", "[site_memory]") {
  SiteMemory memory;
  memory.add_page("a.example", keys({"Most read", "Most read", "Story one"}));
  memory.add_page("a.example", keys({"Most read", "Story two"}));
  memory.add_page("b.example", keys({"Most read"}));
  CHECK(memory.count("a.example", key("Most read")) == 2);
  CHECK(memory.count("a.example", key("Story one")) == 1);
  CHECK(memory.count("b.example", key("Most read")) == 1);
  CHECK(memory.count("c.example", key("Most read")) == 0);
  CHECK(memory.count("a.example", key("never")) == 0);
  CHECK(memory.num_sites() == 2);
  CHECK(memory.num_lines() == 4);
}

TEST_CASE("a line not seen within the window counts from zero again", "[site_memory]") {
  SiteMemory memory(SiteMemoryOptions{100, 1000, 3});
  memory.add_page("s", keys({"old banner"}));
  memory.add_page("s", keys({"old banner"}));
  CHECK(memory.count("s", key("old banner")) == 2);
  for (int i = 0; i < 2; ++i) memory.add_page("s", keys({"other"}));
  CHECK(memory.count("s", key("old banner")) == 2);  // last seen 2 pages ago: inside the window
  memory.add_page("s", keys({"other"}));
  CHECK(memory.count("s", key("old banner")) == 0);  // 3 pages ago: stale
  memory.add_page("s", keys({"old banner"}));
  CHECK(memory.count("s", key("old banner")) == 1);  // counts afresh
}

TEST_CASE("memory stays within its bounds", "[site_memory]") {
  SiteMemory memory(SiteMemoryOptions{32, 64, 1000});
  for (int site = 0; site < 500; ++site) {
    std::vector<std::uint64_t> page;
    for (int line = 0; line < 300; ++line) page.push_back(key("site " + spelled(site) + " line " + spelled(line)));
    memory.add_page("site" + std::to_string(site), page);  // site keys are not normalised
    REQUIRE(memory.num_sites() <= 32);
    REQUIRE(memory.num_lines() <= 32 * 64);
  }
  // The most recent site is kept (its 300 lines pruned to 3/4 of the cap); the oldest was dropped.
  std::uint32_t kept = 0;
  for (int line = 0; line < 300; ++line) kept += memory.count("site499", key("site " + spelled(499) + " line " + spelled(line)));
  CHECK(kept == 48);
  CHECK(memory.count("site0", key("site " + spelled(0) + " line " + spelled(0))) == 0);

  // Within a site, lines that keep coming back survive pruning; one-off lines go first.
  SiteMemory lines(SiteMemoryOptions{4, 64, 1000});
  for (int page = 0; page < 200; ++page) {
    std::vector<std::uint64_t> k = keys({"Header menu", "Most read"});
    for (int i = 0; i < 10; ++i) k.push_back(key("unique " + spelled(page) + " " + spelled(i)));
    lines.add_page("s", k);
    REQUIRE(lines.num_lines() <= 64);
  }
  CHECK(lines.count("s", key("Header menu")) == 200);
  CHECK(lines.count("s", key("Most read")) == 200);
}

TEST_CASE("merging adds pages and counts", "[site_memory]") {
  SiteMemory a, b;
  a.add_page("s", keys({"menu", "alpha"}));
  a.add_page("s", keys({"menu", "beta"}));
  b.add_page("s", keys({"menu", "gamma"}));
  b.add_page("t", keys({"other menu"}));
  a.merge(b);
  CHECK(a.count("s", key("menu")) == 3);
  CHECK(a.count("s", key("alpha")) == 1);
  CHECK(a.count("s", key("gamma")) == 1);
  CHECK(a.count("t", key("other menu")) == 1);
  CHECK(b.count("s", key("menu")) == 1);  // the source is unchanged
  a.merge(a);                              // merging with itself is a no-op, not a deadlock
  CHECK(a.count("s", key("menu")) == 3);
}

TEST_CASE("save and load give the same memory; corrupt files are errors", "[site_memory]") {
  SiteMemory memory(SiteMemoryOptions{50, 100, 20});
  for (int page = 0; page < 30; ++page) {
    memory.add_page(page % 2 ? "a" : "b", keys({"menu", page % 3 ? "sometimes" : "rarely"}));
  }
  const std::string path = "site_memory_test.bin";
  REQUIRE(memory.Save(path).ok());
  std::unique_ptr<SiteMemory> loaded;
  REQUIRE(SiteMemory::Load(path, &loaded).ok());
  CHECK(loaded->Serialize() == memory.Serialize());
  CHECK(loaded->options().window_pages == 20);
  for (const char* site : {"a", "b"}) {
    for (const char* line : {"menu", "sometimes", "rarely"}) {
      CHECK(loaded->count(site, key(line)) == memory.count(site, key(line)));
    }
  }
  // Loaded memory goes on counting where the saved one stopped.
  loaded->add_page("a", keys({"menu"}));
  CHECK(loaded->count("a", key("menu")) == memory.count("a", key("menu")) + 1);

  const std::string bytes = memory.Serialize();
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {  // every truncation is rejected
    std::unique_ptr<SiteMemory> bad;
    const sidebarspam::Status s = SiteMemory::Deserialize(bytes.substr(0, cut), "cut.bin", &bad);
    REQUIRE_FALSE(s.ok());
    CHECK(s.code() == StatusCode::kCorruptFile);
    CHECK(bad == nullptr);
  }
  std::string flipped = bytes;
  flipped[7] = '\x09';
  std::unique_ptr<SiteMemory> bad;
  CHECK(SiteMemory::Deserialize(flipped, "v.bin", &bad).message().find("unsupported format version") != std::string::npos);
  CHECK(SiteMemory::Deserialize(bytes + "x", "t.bin", &bad).message() == "t.bin: not a valid site memory file (trailing bytes)");
  CHECK(SiteMemory::Load("no/such/memory.bin", &bad).code() == StatusCode::kNotFound);
  std::remove(path.c_str());
}

TEST_CASE("concurrent pages from many threads are all counted", "[site_memory][thread]") {
  SiteMemory memory;
  const int per_thread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&memory, t, per_thread] {
      for (int i = 0; i < per_thread; ++i) {
        memory.add_page(t % 2 ? "odd" : "even", keys({"shared chrome", "menu"}));
        (void)memory.count("even", key("menu"));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(memory.count("even", key("shared chrome")) == static_cast<std::uint32_t>(4 * per_thread));
  CHECK(memory.count("odd", key("menu")) == static_cast<std::uint32_t>(4 * per_thread));
}

TEST_CASE("the classifier reports lines seen on the site and records pages", "[site_memory][classifier]") {
  const auto& clf = test_util::shipped();
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  SiteMemory memory;
  const auto first = clf.score(text, "news.example", &memory);
  for (const auto& line : first.lines) {
    for (const auto& r : line.reasons) CHECK(r.rfind("site_seen", 0) != 0);
  }
  const auto second = clf.score(text, "news.example", &memory);
  bool seen = false;
  for (const auto& line : second.lines) {
    for (const auto& r : line.reasons) seen = seen || r == "site_seen:1";
  }
  CHECK(seen);
  // A site's first page (nothing seen yet) is scored exactly as without a memory.
  const auto plain = clf.score(text);
  REQUIRE(plain.lines.size() == first.lines.size());
  for (std::size_t i = 0; i < plain.lines.size(); ++i) {
    CHECK(plain.lines[i].label == first.lines[i].label);
    CHECK(plain.lines[i].probabilities == first.lines[i].probabilities);
  }

  // Batches: every page against the memory before the batch, so thread counts agree.
  std::vector<std::string_view> texts(6, text);
  std::vector<std::string_view> sites = {"a", "a", "b", "a", "b", "c"};
  SiteMemory one, many;
  const auto r1 = clf.score_batch(texts, sites, &one, 1);
  const auto r4 = clf.score_batch(texts, sites, &many, 4);
  CHECK(one.Serialize() == many.Serialize());
  CHECK(one.count("a", SiteMemory::LineKey("다른 기사")) == many.count("a", SiteMemory::LineKey("다른 기사")));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    REQUIRE(r1[i].lines.size() == r4[i].lines.size());
    for (std::size_t j = 0; j < r1[i].lines.size(); ++j) CHECK(r1[i].lines[j].reasons == r4[i].lines[j].reasons);
  }
  const auto after = clf.score(text, "a", &one);
  bool three = false;
  for (const auto& line : after.lines) {
    for (const auto& r : line.reasons) three = three || r == "site_seen:3";
  }
  CHECK(three);  // the batch recorded its three pages of site "a"
}
