#include "sidebarspam/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_set>

namespace sidebarspam {

// How the rules of one kind (line rules, clickbait cues) are matched: three RE2::Sets and a
// few single regexes, chosen so that every DFA's states fit its budget and stay cached.
// A DFA state is the set of rule positions alive at a byte; rules in one set multiply each
// other's positions, and when the states a text needs exceed the budget, RE2 drops its whole
// state cache and builds it again, byte by byte, for every later line (on 10 MB of Korean
// news the old two-set layout allocated 2.4 GB of states per pass: 25 MB/s instead of 500).
// - start: rules anchored at the line start (^...): an ANCHOR_START set, whose DFA stops as
//   soon as no rule can still match, usually a few bytes in.
// - start_end: rules anchored at both ends (^...$, e.g. "^- .{3,90}$"): their tails keep a
//   DFA alive to the end of the line, and beside the start rules' counted prefixes
//   ("^[^.]{0,30}[가-힣]{2,4}...") the products overflowed the budget; apart, both stay warm.
// - end: rules anchored only at the end (...$, e.g. "(…|\.\.)\s*[^\s.]+.{0,40}$"), each its
//   own RE2: for an end-anchored pattern RE2 runs the reversed program from the end of the
//   line and stops when it dies, so a counted tail costs its own length instead of
//   multiplying the unanchored set's states at every byte.
// - anywhere: the rest, one unanchored set.
// Matches are the same as matching every rule alone (a test checks it on real lines, and
// another fails when a rule makes a set rebuild its states).
struct RuleGroup {
  static re2::RE2::Options options() {
    re2::RE2::Options o;
    o.set_log_errors(false);  // errors are returned as Status, the library never logs
    o.set_max_mem(8 << 20);
    return o;
  }
  RuleGroup()
      : start(options(), re2::RE2::ANCHOR_START),
        start_end(options(), re2::RE2::ANCHOR_START),
        anywhere(options(), re2::RE2::UNANCHORED) {}
  re2::RE2::Set start;
  re2::RE2::Set start_end;
  re2::RE2::Set anywhere;
  std::vector<int> start_rule;  // set index -> rule index
  std::vector<int> start_end_rule;
  std::vector<int> anywhere_rule;
  std::vector<int> end_rule;  // rule indices matched alone (RuleSet::Matcher::single)

  enum class Place { kStart, kStartEnd, kEnd, kAnywhere };
  bool add(const std::string& pattern, Place place, int rule, std::string* error) {
    re2::RE2::Set* set = place == Place::kStart ? &start : place == Place::kStartEnd ? &start_end : &anywhere;
    std::vector<int>* rule_of = place == Place::kStart      ? &start_rule
                                : place == Place::kStartEnd ? &start_end_rule
                                : place == Place::kEnd      ? &end_rule
                                                            : &anywhere_rule;
    if (place != Place::kEnd && set->Add(pattern, error) < 0) return false;
    rule_of->push_back(rule);
    return true;
  }
  bool compile() {
    return (start_rule.empty() || start.Compile()) && (start_end_rule.empty() || start_end.Compile()) &&
           (anywhere_rule.empty() || anywhere.Compile());
  }
};

// The line rules and the clickbait cues in separate groups: the cues are read only for the
// few headline-like lines the clickbait model scores, and their Hangul alternations with
// open tails would otherwise cost every line of every page (2.4x the instructions of the
// whole scorer on Korean news when they shared the line rules' sets).
struct RuleSet::Matcher {
  RuleGroup lines;
  RuleGroup cues;
  // Each rule alone: the end-anchored rules always, the others only if a set's DFA runs out
  // of memory on some input, so that a rule hit is never silently lost.
  std::vector<std::unique_ptr<re2::RE2>> single;
  mutable std::atomic<std::uint64_t> dfa_failures{0};
};

RuleSet::RuleSet() : matcher_(new Matcher) {}
RuleSet::~RuleSet() = default;

namespace {

constexpr std::string_view kHintNames[] = {"body", "boilerplate", "sidebar", "anchor", "clickbait"};

bool parse_hint(std::string_view s, RuleHint* hint) {
  for (std::size_t i = 0; i < std::size(kHintNames); ++i) {
    if (kHintNames[i] == s) {
      *hint = static_cast<RuleHint>(i);
      return true;
    }
  }
  return false;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Calls visit(c, depth) for every character of pattern[from..] outside character classes
// and escapes, with its group depth after it (so '(' reports 1 at the top level); stops
// early when visit returns false.
template <typename Visit>
void scan_pattern(std::string_view pattern, std::size_t from, const Visit& visit) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t j = from; j < pattern.size(); ++j) {
    const char c = pattern[j];
    if (c == '\\') {
      ++j;  // escaped character (its second byte can never be a UTF-8 continuation of these)
      if (!visit('\\', depth)) return;
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (j + 1 < pattern.size() && pattern[j + 1] == '^') ++j;
      if (j + 1 < pattern.size() && pattern[j + 1] == ']') ++j;  // "[]...]": ']' first is literal
      if (!visit('[', depth)) return;
    } else {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (!visit(c, depth)) return;
    }
  }
}

// True when every match of pattern starts at the beginning of the text: after any leading
// flag groups such as (?i), it starts with ^ and has no top-level alternative ("^a|b" is not).
bool starts_anchored(std::string_view pattern) {
  std::size_t i = 0;
  while (pattern.compare(i, 2, "(?") == 0) {
    const std::size_t close = pattern.find(')', i);
    if (close == std::string_view::npos || pattern.find(':', i) < close) break;  // (?i:...) is a group
    i = close + 1;
  }
  if (i >= pattern.size() || pattern[i] != '^') return false;
  bool alternative = false;
  scan_pattern(pattern, i + 1, [&](char c, int depth) { return !(alternative = c == '|' && depth == 0); });
  return !alternative;
}

// True when every match of pattern ends at the end of the text: it ends with an unescaped $
// outside any group or class and has no top-level alternative ("a$|b" is not).
bool ends_anchored(std::string_view pattern) {
  bool alternative = false;
  bool last_is_dollar = false;
  scan_pattern(pattern, 0, [&](char c, int depth) {
    last_is_dollar = c == '$' && depth == 0;
    return !(alternative = c == '|' && depth == 0);
  });
  return last_is_dollar && !alternative;
}

}  // namespace

std::string_view hint_name(RuleHint hint) { return kHintNames[static_cast<std::size_t>(hint)]; }

Status RuleSet::Load(const std::string& path, std::unique_ptr<RuleSet>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path + ": cannot open rules file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return Parse(buffer.str(), path, out);
}

namespace {

// One line of a rules file: a rule into *rule (its id new in *ids), or nothing for a blank or
// comment line (*rule left without an id). where = "file:line: " for messages.
Status parse_rule_line(std::string_view line, int line_no, const std::string& where,
                       std::unordered_set<std::string>* ids, Rule* rule) {
  if (line.find('\0') != std::string_view::npos) {
    return Status(StatusCode::kInvalidRules, where + "NUL byte in rules file");
  }
  if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') return Status::Ok();
  std::size_t t1 = line.find('\t');
  std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) {
    return Status(StatusCode::kInvalidRules, where + "expected <id>\\t<hint>\\t<pattern>");
  }
  rule->id = std::string(line.substr(0, t1));
  std::string_view hint = line.substr(t1 + 1, t2 - t1 - 1);
  rule->pattern = std::string(line.substr(t2 + 1));
  rule->line = line_no;
  if (!valid_id(rule->id)) {
    return Status(StatusCode::kInvalidRules, where + "rule id '" + rule->id + "' must match [a-z0-9_]{1,64}");
  }
  if (!ids->insert(rule->id).second) {
    return Status(StatusCode::kInvalidRules, where + "duplicate rule id '" + rule->id + "'");
  }
  if (!parse_hint(hint, &rule->hint)) {
    return Status(StatusCode::kInvalidRules, where + "rule '" + rule->id + "': unknown hint '" + std::string(hint) +
                                                 "' (expected body, boilerplate, sidebar or anchor)");
  }
  if (rule->pattern.empty()) {
    return Status(StatusCode::kInvalidRules, where + "rule '" + rule->id + "': empty pattern");
  }
  return Status::Ok();
}

}  // namespace

Status RuleSet::Parse(std::string_view text, const std::string& name, std::unique_ptr<RuleSet>* out) {
  std::unique_ptr<RuleSet> set(new RuleSet);
  std::unordered_set<std::string> ids;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    Rule rule;
    Status s = parse_rule_line(line, line_no, where, &ids, &rule);
    if (!s.ok()) return s;
    if (rule.id.empty()) continue;  // blank or comment
    Matcher& m = *set->matcher_;
    RuleGroup& group = rule.hint == RuleHint::kClickbait ? m.cues : m.lines;
    std::string error;
    const bool at_start = starts_anchored(rule.pattern);
    const bool at_end = ends_anchored(rule.pattern);
    const RuleGroup::Place place = at_start ? (at_end ? RuleGroup::Place::kStartEnd : RuleGroup::Place::kStart)
                                            : (at_end ? RuleGroup::Place::kEnd : RuleGroup::Place::kAnywhere);
    if (!group.add(rule.pattern, place, static_cast<int>(set->rules_.size()), &error)) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': invalid regex: " + error);
    }
    m.single.emplace_back(new re2::RE2(rule.pattern, RuleGroup::options()));
    if (!m.single.back()->ok()) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': invalid regex: " +
                                                   m.single.back()->error());
    }
    set->rules_.push_back(std::move(rule));
  }
  Matcher& m = *set->matcher_;
  if (!m.lines.compile() || !m.cues.compile()) {
    return Status(StatusCode::kInvalidRules, name + ": rules too large for RE2 to compile together");
  }
  *out = std::move(set);
  return Status::Ok();
}

namespace {

// Appends the rule indices of `set` matching text; false when its DFA ran out of memory.
// It first asks only whether any rule matches: without a match list (RE2 allocates one per
// call) its DFA stops at the first match. Most lines match no rule of a set (English pages:
// 99 % for the unanchored one, Korean news 2/3), so the second search is rare.
bool match_set(const re2::RE2::Set& set, const std::vector<int>& rule_of, const re2::StringPiece& text,
               std::vector<int>* hits) {
  if (rule_of.empty()) return true;
  thread_local std::vector<int> found;
  re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
  if (!set.Match(text, nullptr, &error)) return error.kind == re2::RE2::Set::kNoError;
  if (!set.Match(text, &found, &error)) return error.kind == re2::RE2::Set::kNoError;
  for (int i : found) hits->push_back(rule_of[static_cast<std::size_t>(i)]);
  return true;
}

// Matches one group; if a set's DFA ran out of memory, that set's rules one by one instead.
void match_group(const RuleGroup& group, const std::vector<std::unique_ptr<re2::RE2>>& single,
                 std::atomic<std::uint64_t>* failures, std::string_view text, std::vector<int>* hits) {
  const re2::StringPiece piece(text.data(), text.size());
  const std::size_t before = hits->size();
  auto alone = [&](const std::vector<int>& rules) {
    for (int r : rules) {
      if (re2::RE2::PartialMatch(piece, *single[static_cast<std::size_t>(r)])) hits->push_back(r);
    }
  };
  const std::pair<const re2::RE2::Set*, const std::vector<int>*> sets[] = {
      {&group.start, &group.start_rule}, {&group.start_end, &group.start_end_rule},
      {&group.anywhere, &group.anywhere_rule}};
  for (const auto& [set, rule_of] : sets) {
    const std::size_t at = hits->size();
    if (!match_set(*set, *rule_of, piece, hits)) {
      failures->fetch_add(1, std::memory_order_relaxed);
      hits->resize(at);
      alone(*rule_of);
    }
  }
  alone(group.end_rule);
  std::sort(hits->begin() + static_cast<std::ptrdiff_t>(before), hits->end());
}

}  // namespace

void RuleSet::match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  match_group(matcher_->lines, matcher_->single, &matcher_->dfa_failures, text, hits);
}

void RuleSet::match_cues(std::string_view text, std::vector<int>* hits) const {
  const std::size_t before = hits->size();
  match_group(matcher_->cues, matcher_->single, &matcher_->dfa_failures, text, hits);
  std::inplace_merge(hits->begin(), hits->begin() + static_cast<std::ptrdiff_t>(before), hits->end());
}

std::uint64_t RuleSet::dfa_failures() const { return matcher_->dfa_failures.load(std::memory_order_relaxed); }

}  // namespace sidebarspam
