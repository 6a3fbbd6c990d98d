#include "sidebarspam/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_set>

namespace sidebarspam {

// Two RE2::Sets instead of one. Rules anchored at the line start go into an ANCHOR_START
// set, whose DFA stops as soon as no rule can still match; the rest share an unanchored set.
// In one unanchored set, the anchored rules' counted repetitions (".{0,40}$") multiplied the
// DFA's states: it never stopped building new ones and matched at 2.6 MB/s on Korean news
// lines; split, the two sets run at ~145 and ~110 MB/s once warm.
struct SetPair {
  static re2::RE2::Options options() {
    re2::RE2::Options o;
    o.set_log_errors(false);  // errors are returned as Status, the library never logs
    o.set_max_mem(8 << 20);
    return o;
  }
  SetPair() : anchored(options(), re2::RE2::ANCHOR_START), unanchored(options(), re2::RE2::UNANCHORED) {}
  re2::RE2::Set anchored;
  re2::RE2::Set unanchored;
  std::vector<int> anchored_rule;  // set index -> rule index
  std::vector<int> unanchored_rule;

  bool compile() {
    return (anchored_rule.empty() || anchored.Compile()) && (unanchored_rule.empty() || unanchored.Compile());
  }
  // Appends the rule indices matching text; false when a DFA ran out of memory on it.
  bool match(const re2::StringPiece& text, std::vector<int>* hits) const {
    thread_local std::vector<int> found;
    bool ok = true;
    for (int pass = 0; pass < 2; ++pass) {
      const std::vector<int>& rule_of = pass == 0 ? anchored_rule : unanchored_rule;
      if (rule_of.empty()) continue;
      re2::RE2::Set::ErrorInfo error{re2::RE2::Set::kNoError};
      if (!(pass == 0 ? anchored : unanchored).Match(text, &found, &error)) {
        ok = ok && error.kind == re2::RE2::Set::kNoError;
        continue;
      }
      for (int i : found) hits->push_back(rule_of[static_cast<std::size_t>(i)]);
    }
    return ok;
  }
};

// The line rules and the clickbait cues in separate sets: the cues are read only for the
// few headline-like lines the clickbait model scores, and their Hangul alternations with
// open tails would otherwise cost every line of every page (2.4x the instructions of the
// whole scorer on Korean news when they shared the line rules' sets).
struct RuleSet::Matcher {
  SetPair lines;
  SetPair cues;
  // Each rule alone: used only if a set's DFA runs out of memory on some input, so that a
  // rule hit is never silently lost.
  std::vector<std::unique_ptr<re2::RE2>> single;
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
  int depth = 0;
  bool in_class = false;
  for (std::size_t j = i + 1; j < pattern.size(); ++j) {
    const char c = pattern[j];
    if (c == '\\') {
      ++j;  // escaped character (its second byte can never be a UTF-8 continuation of these)
    } else if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      if (j + 1 < pattern.size() && pattern[j + 1] == '^') ++j;
      if (j + 1 < pattern.size() && pattern[j + 1] == ']') ++j;  // "[]...]": ']' first is literal
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
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
    if (line.find('\0') != std::string_view::npos) {
      return Status(StatusCode::kInvalidRules, where + "NUL byte in rules file");
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    std::size_t t1 = line.find('\t');
    std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) {
      return Status(StatusCode::kInvalidRules, where + "expected <id>\\t<hint>\\t<pattern>");
    }
    Rule rule;
    rule.id = std::string(line.substr(0, t1));
    std::string_view hint = line.substr(t1 + 1, t2 - t1 - 1);
    rule.pattern = std::string(line.substr(t2 + 1));
    rule.line = line_no;
    if (!valid_id(rule.id)) {
      return Status(StatusCode::kInvalidRules, where + "rule id '" + rule.id + "' must match [a-z0-9_]{1,64}");
    }
    if (!ids.insert(rule.id).second) {
      return Status(StatusCode::kInvalidRules, where + "duplicate rule id '" + rule.id + "'");
    }
    if (!parse_hint(hint, &rule.hint)) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': unknown hint '" +
                                                   std::string(hint) +
                                                   "' (expected body, boilerplate, sidebar or anchor)");
    }
    if (rule.pattern.empty()) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': empty pattern");
    }
    Matcher& m = *set->matcher_;
    SetPair& group = rule.hint == RuleHint::kClickbait ? m.cues : m.lines;
    std::string error;
    const bool anchored = starts_anchored(rule.pattern);
    if ((anchored ? group.anchored : group.unanchored).Add(rule.pattern, &error) < 0) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': invalid regex: " + error);
    }
    (anchored ? group.anchored_rule : group.unanchored_rule).push_back(static_cast<int>(set->rules_.size()));
    m.single.emplace_back(new re2::RE2(rule.pattern, SetPair::options()));
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

// Matches one group; if a DFA ran out of memory, that group's rules one by one instead.
void match_group(const SetPair& group, const std::vector<std::unique_ptr<re2::RE2>>& single,
                 std::string_view text, std::vector<int>* hits) {
  const re2::StringPiece piece(text.data(), text.size());
  const std::size_t before = hits->size();
  if (!group.match(piece, hits)) {
    hits->resize(before);
    for (const std::vector<int>* rules : {&group.anchored_rule, &group.unanchored_rule}) {
      for (int r : *rules) {
        if (re2::RE2::PartialMatch(piece, *single[static_cast<std::size_t>(r)])) hits->push_back(r);
      }
    }
  }
  std::sort(hits->begin() + static_cast<std::ptrdiff_t>(before), hits->end());
}

}  // namespace

void RuleSet::match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  match_group(matcher_->lines, matcher_->single, text, hits);
}

void RuleSet::match_cues(std::string_view text, std::vector<int>* hits) const {
  const std::size_t before = hits->size();
  match_group(matcher_->cues, matcher_->single, text, hits);
  std::inplace_merge(hits->begin(), hits->begin() + static_cast<std::ptrdiff_t>(before), hits->end());
}

}  // namespace sidebarspam
