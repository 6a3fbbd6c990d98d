#include "sidebarspam/page_structure.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace sidebarspam {
namespace {

constexpr double kSmoothing = 0.5;
const char* const kRegionNames[] = {"before", "article", "insert", "after"};

bool allowed_move(Region from, Region to) {
  switch (from) {
    case Region::kBefore: return to == Region::kBefore || to == Region::kArticle;
    case Region::kArticle: return to != Region::kBefore;
    case Region::kInsert: return to == Region::kInsert || to == Region::kArticle;
    case Region::kAfter: return to == Region::kAfter;
  }
  return false;
}
bool allowed_start(Region r) { return r == Region::kBefore || r == Region::kArticle; }
bool allowed_end(Region r) { return r != Region::kInsert; }

int state_index(Region region, LineLabel label) {
  const auto& states = page_states();
  for (int s = 0; s < kNumPageStates; ++s) {
    if (states[s].region == region && states[s].label == label) return s;
  }
  return -1;
}

int parse_state(const std::string& name) {
  for (int s = 0; s < kNumPageStates; ++s) {
    if (page_state_name(s) == name) return s;
  }
  return -1;
}

}  // namespace

const std::array<PageState, kNumPageStates>& page_states() {
  static const std::array<PageState, kNumPageStates> states = {{
      {Region::kBefore, LineLabel::kBoilerplate},
      {Region::kBefore, LineLabel::kSidebar},
      {Region::kArticle, LineLabel::kBody},
      {Region::kInsert, LineLabel::kBoilerplate},
      {Region::kInsert, LineLabel::kSidebar},
      {Region::kAfter, LineLabel::kBoilerplate},
      {Region::kAfter, LineLabel::kSidebar},
  }};
  return states;
}

std::string page_state_name(int state) {
  const PageState& s = page_states()[state];
  return std::string(kRegionNames[static_cast<int>(s.region)]) + "_" + std::string(label_name(s.label));
}

std::vector<int> PageStructure::states_of(const std::vector<LineLabel>& labels) {
  long first_body = -1, last_body = -1;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != LineLabel::kBody) continue;
    if (first_body < 0) first_body = static_cast<long>(i);
    last_body = static_cast<long>(i);
  }
  std::vector<int> states(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const long k = static_cast<long>(i);
    Region region = labels[i] == LineLabel::kBody      ? Region::kArticle
                    : first_body < 0 || k < first_body ? Region::kBefore
                    : k > last_body                    ? Region::kAfter
                                                       : Region::kInsert;
    states[i] = state_index(region, labels[i]);
  }
  return states;
}

void PageStructure::learn_table(const std::vector<std::vector<int>>& pages, const std::vector<double>& weights,
                                PageTable* out) {
  const auto& st = page_states();
  std::array<double, kNumPageStates> initial{}, end{};
  std::array<std::array<double, kNumPageStates>, kNumPageStates> moves{};
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::vector<int>& states = pages[p];
    if (states.empty()) continue;
    initial[states.front()] += weights[p];
    end[states.back()] += weights[p];
    for (std::size_t i = 1; i < states.size(); ++i) moves[states[i - 1]][states[i]] += weights[p];
  }
  double total = 0.0;
  for (int s = 0; s < kNumPageStates; ++s) total += allowed_start(st[s].region) ? initial[s] + kSmoothing : 0.0;
  for (int s = 0; s < kNumPageStates; ++s) {
    out->initial_[s] = allowed_start(st[s].region) ? std::log((initial[s] + kSmoothing) / total) : kForbidden;
  }
  // Each state's row: its moves and its chance of ending the page, together summing to one.
  for (int a = 0; a < kNumPageStates; ++a) {
    double row = allowed_end(st[a].region) ? end[a] + kSmoothing : 0.0;
    for (int b = 0; b < kNumPageStates; ++b) row += allowed_move(st[a].region, st[b].region) ? moves[a][b] + kSmoothing : 0.0;
    for (int b = 0; b < kNumPageStates; ++b) {
      out->move_[a][b] =
          allowed_move(st[a].region, st[b].region) ? std::log((moves[a][b] + kSmoothing) / row) : kForbidden;
    }
    out->end_[a] = allowed_end(st[a].region) ? std::log((end[a] + kSmoothing) / row) : kForbidden;
  }
}

std::string_view page_script_name(PageScript script) { return script == PageScript::kHangul ? "hangul" : "other"; }

PageScript page_script(const std::vector<NormalizedLine>& lines) {
  long hangul = 0, latin = 0;
  for (const NormalizedLine& line : lines) {
    hangul += line.hangul;
    latin += line.latin;
  }
  return page_script_of(hangul, latin);
}

PageScript page_script_of(long hangul_letters, long latin_letters) {
  const long letters = hangul_letters + latin_letters;
  return letters > 0 && hangul_letters >= kHangulPageShare * static_cast<double>(letters) ? PageScript::kHangul
                                                                                          : PageScript::kOther;
}

std::unique_ptr<PageStructure> PageStructure::Learn(const std::vector<std::vector<LineLabel>>& pages,
                                                    const std::vector<double>& weights,
                                                    const std::vector<PageScript>& scripts) {
  std::unique_ptr<PageStructure> out(new PageStructure);
  for (int t = 0; t < kNumPageScripts; ++t) {
    std::vector<std::vector<int>> states;
    std::vector<double> w;
    for (std::size_t p = 0; p < pages.size(); ++p) {
      if (static_cast<int>(p < scripts.size() ? scripts[p] : PageScript::kOther) != t) continue;
      states.push_back(states_of(pages[p]));
      w.push_back(p < weights.size() ? weights[p] : 1.0);
    }
    learn_table(states, w, &out->tables_[t]);
  }
  return out;
}

std::string PageStructure::serialize() const {
  std::ostringstream out;
  out.precision(9);
  out << "# sidebarspam page structure: log-probabilities of the page-state machine per script, "
         "learned from the training pages\n";
  auto put = [&](double v) {
    if (v <= kForbidden) {
      out << "forbidden\n";
    } else {
      out << v << "\n";
    }
  };
  for (int t = 0; t < kNumPageScripts; ++t) {
    const PageTable& table = tables_[t];
    const std::string script(page_script_name(static_cast<PageScript>(t)));
    for (int s = 0; s < kNumPageStates; ++s) {
      out << script << "\tinitial\t" << page_state_name(s) << "\t";
      put(table.initial_[s]);
    }
    for (int a = 0; a < kNumPageStates; ++a) {
      for (int b = 0; b < kNumPageStates; ++b) {
        out << script << "\tmove\t" << page_state_name(a) << "\t" << page_state_name(b) << "\t";
        put(table.move_[a][b]);
      }
    }
    for (int s = 0; s < kNumPageStates; ++s) {
      out << script << "\tend\t" << page_state_name(s) << "\t";
      put(table.end_[s]);
    }
  }
  return out.str();
}

namespace {

// Which entries of each table a file gave: every one must be there.
struct Seen {
  std::array<bool, kNumPageStates> initial{}, end{};
  std::array<std::array<bool, kNumPageStates>, kNumPageStates> move{};
};

Status parse_value(const std::string& value, double* v) {
  if (value == "forbidden") {
    *v = kForbidden;
    return Status::Ok();
  }
  char* stop = nullptr;
  *v = std::strtod(value.c_str(), &stop);
  if (stop == value.c_str() || *stop != '\0' || !std::isfinite(*v) || *v > 0.0) {
    return Status(StatusCode::kInvalidModel, "'" + value + "' is not a log-probability (a number <= 0 or 'forbidden')");
  }
  return Status::Ok();
}

int parse_script(const std::string& name) {
  for (int t = 0; t < kNumPageScripts; ++t) {
    if (page_script_name(static_cast<PageScript>(t)) == name) return t;
  }
  return -1;
}

}  // namespace

Status PageStructure::Parse(std::string_view text, const std::string& name, std::unique_ptr<PageStructure>* out) {
  std::unique_ptr<PageStructure> p(new PageStructure);
  std::array<Seen, kNumPageScripts> seen{};
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  auto error = [&](const std::string& what) {
    return Status(StatusCode::kInvalidModel, name + ":" + std::to_string(line_no) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string script, kind, a, b, value, rest;
    fields >> script >> kind >> a;
    if (kind == "move") fields >> b;
    fields >> value;
    if (value.empty() || (fields >> rest)) {
      return error("expected 'SCRIPT initial|end STATE VALUE' or 'SCRIPT move FROM TO VALUE'");
    }
    const int t = parse_script(script);
    if (t < 0) return error("unknown script '" + script + "' (hangul or other)");
    double v;
    Status s = parse_value(value, &v);
    if (!s.ok()) return error(s.message());
    const int from = parse_state(a);
    const int to = kind == "move" ? parse_state(b) : 0;
    if (from < 0 || to < 0) return error("unknown state '" + (from < 0 ? a : b) + "'");
    PageTable& table = p->tables_[t];
    if (kind == "initial") {
      table.initial_[from] = v;
      seen[t].initial[from] = true;
    } else if (kind == "end") {
      table.end_[from] = v;
      seen[t].end[from] = true;
    } else if (kind == "move") {
      table.move_[from][to] = v;
      seen[t].move[from][to] = true;
    } else {
      return error("unknown entry '" + kind + "'");
    }
  }
  for (int t = 0; t < kNumPageScripts; ++t) {
    for (int s = 0; s < kNumPageStates; ++s) {
      bool complete = seen[t].initial[s] && seen[t].end[s];
      for (int u = 0; u < kNumPageStates; ++u) complete = complete && seen[t].move[s][u];
      if (!complete) {
        return Status(StatusCode::kInvalidModel, name + ": incomplete: " +
                                                     std::string(page_script_name(static_cast<PageScript>(t))) +
                                                     " state " + page_state_name(s) + " lacks entries");
      }
    }
  }
  *out = std::move(p);
  return Status::Ok();
}

Status PageStructure::Load(const std::string& path, std::unique_ptr<PageStructure>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path + ": cannot open page structure file");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path, out);
}

Status PageStructure::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status(StatusCode::kNotFound, path + ": cannot create page structure file");
  out << serialize();
  out.close();
  if (!out) return Status(StatusCode::kInternal, path + ": write error");
  return Status::Ok();
}

}  // namespace sidebarspam
