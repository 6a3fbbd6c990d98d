// sidebarspam/rules.h — the rules file: named RE2 patterns with a label hint.
//
//   std::unique_ptr<sidebarspam::RuleSet> rules;
//   sidebarspam::Status s = sidebarspam::RuleSet::Load("models/rules.tsv", &rules);
//   if (!s.ok()) die(s.message());  // "models/rules.tsv:7: rule 'x': invalid regex: missing )"
//   std::vector<int> hits;
//   rules->match("Copyright © 파이낸셜뉴스. 무단전재 및 재배포 금지.", &hits);
//
// File format, one rule a line, tab-separated, UTF-8:
//   <id>\t<hint>\t<RE2 pattern>
// id: [a-z0-9_]+, unique. hint: body | boilerplate | sidebar | anchor | clickbait, where
// "anchor" is boilerplate that marks the end of an article body (copyright, byline), so the
// lines after it are more likely tail junk, and "clickbait" is a cue of the clickbait rubric
// (read by the clickbait models only; not line-model evidence). Blank lines and lines starting with '#' are ignored.
// Patterns are unanchored (use ^ and $), match the cleaned line (see normalize.h), and may
// use (?i). The rules run in three RE2::Set passes per line (rules anchored with ^, with ^
// and $, and the rest) and rules anchored with $ alone run one by one from the line's end:
// rules.cc says why (every DFA has to fit its memory budget and stay warm).
//
// A RuleSet is immutable after loading and safe to share across threads. Not copyable.
#ifndef SIDEBARSPAM_RULES_H_
#define SIDEBARSPAM_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/status.h"

#include "sidebarspam/result.h"

namespace re2 {
class RE2;
}

namespace sidebarspam {

// RuleHint and hint_name() are public (result.h): Classifier::rule_hints() returns them.

struct Rule {
  std::string id;
  RuleHint hint = RuleHint::kBoilerplate;
  std::string pattern;
  int line = 0;  // 1-based line in the rules file
};

class RuleSet {
 public:
  static Status Load(const std::string& path, std::unique_ptr<RuleSet>* out);
  // name is used in error messages in place of a path.
  static Status Parse(std::string_view text, const std::string& name, std::unique_ptr<RuleSet>* out);

  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  std::size_t size() const { return rules_.size(); }
  const Rule& rule(std::size_t i) const { return rules_[i]; }

  // Indices of the rules matching text, ascending, clickbait cues (hint kClickbait) left out.
  // Thread-safe.
  void match(std::string_view text, std::vector<int>* hits) const;
  // Adds the clickbait cues matching text to hits (kept ascending): for the lines the
  // clickbait model scores. Thread-safe.
  void match_cues(std::string_view text, std::vector<int>* hits) const;

  // How many times a set's DFA ran out of memory on a line (its rules were then matched one
  // by one: same hits, much slower). 0 with the shipped rules; a test checks it.
  std::uint64_t dfa_failures() const;

 private:
  RuleSet();
  struct Matcher;
  std::vector<Rule> rules_;
  std::unique_ptr<Matcher> matcher_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_RULES_H_
