#include "sidebarspam/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_set>

namespace sidebarspam {

struct RuleSet::Matcher {
  Matcher() : set(options(), re2::RE2::UNANCHORED) {}
  static re2::RE2::Options options() {
    re2::RE2::Options o;
    o.set_log_errors(false);  // errors are returned as Status, the library never logs
    o.set_max_mem(64 << 20);
    return o;
  }
  re2::RE2::Set set;
};

RuleSet::RuleSet() : matcher_(new Matcher) {}
RuleSet::~RuleSet() = default;

namespace {

constexpr std::string_view kHintNames[] = {"body", "boilerplate", "sidebar", "anchor"};

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
    std::string error;
    if (set->matcher_->set.Add(rule.pattern, &error) < 0) {
      return Status(StatusCode::kInvalidRules, where + "rule '" + rule.id + "': invalid regex: " + error);
    }
    set->rules_.push_back(std::move(rule));
  }
  if (!set->rules_.empty() && !set->matcher_->set.Compile()) {
    return Status(StatusCode::kInvalidRules, name + ": rules too large for RE2 to compile together");
  }
  *out = std::move(set);
  return Status::Ok();
}

void RuleSet::match(std::string_view text, std::vector<int>* hits) const {
  hits->clear();
  if (rules_.empty()) return;
  matcher_->set.Match(re2::StringPiece(text.data(), text.size()), hits);
  std::sort(hits->begin(), hits->end());
}

}  // namespace sidebarspam
