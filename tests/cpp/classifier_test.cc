#include "sidebarspam/classifier.h"

#include <cstdio>
#include <thread>

#include "catch.h"
#include "test_util.h"

using sidebarspam::Classifier;
using sidebarspam::LineLabel;
using sidebarspam::ScoreResult;
using sidebarspam::StatusCode;

namespace {

std::vector<LineLabel> labels_of(const ScoreResult& r) {
  std::vector<LineLabel> out;
  for (const auto& l : r.lines) out.push_back(l.label);
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

// Checks 1-based line numbers against the expected label.
void check_labels(const ScoreResult& r, std::initializer_list<int> lines, LineLabel expected) {
  for (int n : lines) {
    INFO("line " << n);
    REQUIRE(static_cast<std::size_t>(n) <= r.lines.size());
    CHECK(r.lines[n - 1].label == expected);
  }
}

}  // namespace

TEST_CASE("the seed article comes out right", "[classifier][seed]") {
  std::string text;
  REQUIRE(test_util::read_file(test_util::shared_path("examples/daum-article.txt"), &text));
  ScoreResult r = test_util::shipped().score(text);
  REQUIRE(r.lines.size() == 28);
  check_labels(r, {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, LineLabel::kBody);
  check_labels(r, {2, 5, 6, 18}, LineLabel::kBoilerplate);
  check_labels(r, {19, 20, 21, 22, 23, 24, 25, 26, 27, 28}, LineLabel::kSidebar);
  REQUIRE(r.trailing_block);
  CHECK(r.trailing_block->first_line == 18);
  CHECK(r.trailing_block->last_line == 27);
  CHECK(r.trailing_block->end == text.size());
  CHECK(r.spam_score > 0.0f);
}

TEST_CASE("the bundled example article comes out right", "[classifier]") {
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  ScoreResult r = test_util::shipped().score(text);
  REQUIRE(r.lines.size() == 22);
  check_labels(r, {1, 7, 8, 9, 10, 11, 12, 13}, LineLabel::kBody);
  check_labels(r, {2, 5, 6, 14}, LineLabel::kBoilerplate);
  check_labels(r, {15, 16, 17, 18, 19, 20, 21, 22}, LineLabel::kSidebar);
  REQUIRE(r.trailing_block);
  CHECK(r.trailing_block->first_line == 14);
  CHECK(r.trailing_block->last_line == 21);
}

TEST_CASE("blocks are the maximal junk runs, in order, with their bytes", "[classifier][blocks]") {
  // The example (chrome, body, copyright, a trailing list), as it is and with a blank line
  // before every list item (blank lines inside a block belong to it).
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  for (const std::string& doc : {text, replace_all(text, "\n- ", "\n\n- ")}) {
    ScoreResult r = test_util::shipped().score(doc);
    REQUIRE_FALSE(r.blocks.empty());
    std::size_t previous_end = 0;
    for (const auto& b : r.blocks) {
      INFO("block " << b.first_line << ".." << b.last_line);
      CHECK(b.kind != LineLabel::kBody);
      CHECK(b.first_line <= b.last_line);
      CHECK(b.start == r.lines[b.first_line].start);
      CHECK(b.end == r.lines[b.last_line].next);
      CHECK(b.start >= previous_end);
      previous_end = b.end;
      for (std::size_t i = b.first_line; i <= b.last_line; ++i) CHECK(r.lines[i].label == b.kind);
      // Maximal: the non-blank lines just outside have another label.
      for (std::size_t i = b.first_line; i-- > 0;) {
        if (r.lines[i].start == r.lines[i].end) continue;
        CHECK(r.lines[i].label != b.kind);
        break;
      }
      for (std::size_t i = b.last_line + 1; i < r.lines.size(); ++i) {
        if (r.lines[i].start == r.lines[i].end) continue;
        CHECK(r.lines[i].label != b.kind);
        break;
      }
    }
    // Every junk line is in exactly one block.
    std::size_t junk = 0, covered = 0;
    for (const auto& l : r.lines) junk += l.label != LineLabel::kBody && l.start != l.end;
    for (const auto& b : r.blocks) {
      for (std::size_t i = b.first_line; i <= b.last_line; ++i) covered += r.lines[i].start != r.lines[i].end;
    }
    CHECK(covered == junk);
    // The trailing block is the last sidebar block.
    REQUIRE(r.trailing_block);
    const auto& last = r.blocks.back();
    CHECK(last.kind == LineLabel::kSidebar);
    CHECK(last.first_line == r.trailing_block->first_line);
    CHECK(last.last_line == r.trailing_block->last_line);
  }
}

TEST_CASE("CRLF and LF give the same labels with correct offsets", "[classifier]") {
  std::string lf;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &lf));
  std::string crlf = replace_all(lf, "\n", "\r\n");
  const Classifier& c = test_util::shipped();
  ScoreResult a = c.score(lf), b = c.score(crlf);
  REQUIRE(labels_of(a) == labels_of(b));
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    std::string_view la(lf.data() + a.lines[i].start, a.lines[i].end - a.lines[i].start);
    std::string_view lb(crlf.data() + b.lines[i].start, b.lines[i].end - b.lines[i].start);
    CHECK(la == lb);
    CHECK(b.lines[i].next - b.lines[i].end == 2);
    CHECK(a.lines[i].probabilities == b.lines[i].probabilities);
  }
}

TEST_CASE("clean() keeps exactly the body lines, byte for byte", "[classifier]") {
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  text = replace_all(text, "\n", "\r\n") + "no newline at the end";
  const Classifier& c = test_util::shipped();
  ScoreResult r = c.score(text);
  std::string expected, removed;
  for (const auto& l : r.lines) {
    (l.label == LineLabel::kBody ? expected : removed) += text.substr(l.start, l.next - l.start);
  }
  CHECK(c.clean(text) == expected);
  CHECK(expected.size() + removed.size() == text.size());
  CHECK(expected.find("무단전재") == std::string::npos);
  CHECK(expected.find("한빛시가 내년 1월부터") != std::string::npos);
}

TEST_CASE("empty and whitespace-only input", "[classifier]") {
  const Classifier& c = test_util::shipped();
  CHECK(c.score("").lines.empty());
  CHECK_FALSE(c.score("").trailing_block);
  CHECK(c.clean("") == "");
  ScoreResult r = c.score("\n \n\t\n");
  REQUIRE(r.lines.size() == 3);
  for (const auto& l : r.lines) CHECK(l.label == LineLabel::kBody);
  CHECK(c.clean("\n \n\t\n") == "\n \n\t\n");
}

TEST_CASE("invalid UTF-8 and NUL bytes are scored, not dropped", "[classifier]") {
  const Classifier& c = test_util::shipped();
  std::string text("\xFF\xFE garbage \xC3\x28 line\n", 20);
  text += std::string("nul\0inside\0the line\n", 20);
  text += "- \"충격\"…유명 배우 \xED\xA0\x80 근황\n";
  ScoreResult r = c.score(text);
  REQUIRE(r.lines.size() == 3);
  std::size_t pos = 0;
  for (const auto& l : r.lines) {
    CHECK(l.start == pos);
    pos = l.next;
    float sum = l.probabilities[0] + l.probabilities[1] + l.probabilities[2];
    CHECK(sum == Approx(1.0f).margin(1e-3));
  }
  CHECK(pos == text.size());
  CHECK(c.clean(text).size() <= text.size());
}

TEST_CASE("score_batch equals score, on several threads", "[classifier]") {
  std::string base;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &base));
  std::vector<std::string> docs;
  for (int i = 0; i < 40; ++i) docs.push_back(i % 3 == 0 ? base : base.substr(0, base.size() * (i + 1) / 41));
  std::vector<std::string_view> views(docs.begin(), docs.end());
  const Classifier& c = test_util::shipped();
  for (int threads : {1, 4}) {
    auto batch = c.score_batch(views, threads);
    REQUIRE(batch.size() == docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      ScoreResult single = c.score(docs[i]);
      CHECK(labels_of(batch[i]) == labels_of(single));
      CHECK(batch[i].spam_score == single.spam_score);
    }
  }
  CHECK(c.score_batch({}, 4).empty());
}

TEST_CASE("one classifier shared by 8 threads", "[classifier][threads]") {
  std::string text;
  REQUIRE(test_util::read_file(test_util::source_path("examples/article-ko.txt"), &text));
  const Classifier& c = test_util::shipped();
  const auto expected = labels_of(c.score(text));
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) mismatches[t] += labels_of(c.score(text)) != expected;
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("load errors are clear and leave no classifier", "[classifier]") {
  std::unique_ptr<Classifier> c;
  auto paths = test_util::shipped_paths();

  auto missing = paths;
  missing.line_model = "/nonexistent/model.ftz";
  auto s = Classifier::Load(missing, {}, &c);
  CHECK(s.code() == StatusCode::kNotFound);
  CHECK(s.message().find("/nonexistent/model.ftz") != std::string::npos);

  auto corrupt = paths;
  corrupt.line_model = "classifier_test_corrupt.ftz";
  test_util::write_file(corrupt.line_model, std::string(1000, 'x'));
  s = Classifier::Load(corrupt, {}, &c);
  CHECK(s.code() == StatusCode::kInvalidModel);
  std::remove(corrupt.line_model.c_str());

  auto bad_rules = paths;
  bad_rules.rules = "classifier_test_rules.tsv";
  test_util::write_file(bad_rules.rules, "# header\ngood\tbody\tok\nbroken\tsidebar\t[z-a]\n");
  s = Classifier::Load(bad_rules, {}, &c);
  CHECK(s.code() == StatusCode::kInvalidRules);
  CHECK(s.message().find("classifier_test_rules.tsv:3:") != std::string::npos);
  std::remove(bad_rules.rules.c_str());
  CHECK(c == nullptr);
}

TEST_CASE("clickbait scores headlines, not paragraphs", "[classifier]") {
  const Classifier& c = test_util::shipped();
  REQUIRE(c.has_clickbait_model());
  float bait = c.clickbait("You Won't Believe What This Actor Did Next").value();
  float news = c.clickbait("Parliament passes budget bill after second reading").value();
  CHECK(bait > 0.5f);
  CHECK(news < 0.5f);
  ScoreResult r = c.score(
      "A long paragraph of running text that says what happened in full sentences and ends with a period, "
      "as article bodies do.\n");
  REQUIRE(r.lines.size() == 1);
  CHECK_FALSE(r.lines[0].clickbait.has_value());
}
