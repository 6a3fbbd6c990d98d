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

std::unique_ptr<PageStructure> PageStructure::Learn(const std::vector<std::vector<LineLabel>>& pages,
                                                    const std::vector<double>& weights) {
  const auto& st = page_states();
  std::array<double, kNumPageStates> initial{}, end{};
  std::array<std::array<double, kNumPageStates>, kNumPageStates> moves{};
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::vector<int> states = states_of(pages[p]);
    if (states.empty()) continue;
    const double w = p < weights.size() ? weights[p] : 1.0;
    initial[states.front()] += w;
    end[states.back()] += w;
    for (std::size_t i = 1; i < states.size(); ++i) moves[states[i - 1]][states[i]] += w;
  }
  std::unique_ptr<PageStructure> out(new PageStructure);
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
  return out;
}

std::string PageStructure::Serialize() const {
  std::ostringstream out;
  out.precision(9);
  out << "# sidebarspam page structure: log-probabilities of the page-state machine, learned from "
         "the training pages\n";
  auto put = [&](double v) {
    if (v <= kForbidden) {
      out << "forbidden";
    } else {
      out << v;
    }
  };
  for (int s = 0; s < kNumPageStates; ++s) {
    out << "initial\t" << page_state_name(s) << "\t";
    put(initial_[s]);
    out << "\n";
  }
  for (int a = 0; a < kNumPageStates; ++a) {
    for (int b = 0; b < kNumPageStates; ++b) {
      out << "move\t" << page_state_name(a) << "\t" << page_state_name(b) << "\t";
      put(move_[a][b]);
      out << "\n";
    }
  }
  for (int s = 0; s < kNumPageStates; ++s) {
    out << "end\t" << page_state_name(s) << "\t";
    put(end_[s]);
    out << "\n";
  }
  return out.str();
}

Status PageStructure::Parse(std::string_view text, const std::string& name, std::unique_ptr<PageStructure>* out) {
  std::unique_ptr<PageStructure> p(new PageStructure);
  std::array<bool, kNumPageStates> seen_initial{}, seen_end{};
  std::array<std::array<bool, kNumPageStates>, kNumPageStates> seen_move{};
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
    std::string kind, a, b, value;
    fields >> kind >> a;
    if (kind == "move") fields >> b;
    fields >> value;
    std::string rest;
    if (value.empty() || (fields >> rest)) return error("expected 'initial|end STATE VALUE' or 'move FROM TO VALUE'");
    double v;
    if (value == "forbidden") {
      v = kForbidden;
    } else {
      char* stop = nullptr;
      v = std::strtod(value.c_str(), &stop);
      if (stop == value.c_str() || *stop != '\0' || !std::isfinite(v) || v > 0.0) {
        return error("'" + value + "' is not a log-probability (a number <= 0 or 'forbidden')");
      }
    }
    const int s = parse_state(a);
    const int t = kind == "move" ? parse_state(b) : 0;
    if (s < 0 || t < 0) return error("unknown state '" + (s < 0 ? a : b) + "'");
    if (kind == "initial") {
      p->initial_[s] = v;
      seen_initial[s] = true;
    } else if (kind == "end") {
      p->end_[s] = v;
      seen_end[s] = true;
    } else if (kind == "move") {
      p->move_[s][t] = v;
      seen_move[s][t] = true;
    } else {
      return error("unknown entry '" + kind + "'");
    }
  }
  for (int s = 0; s < kNumPageStates; ++s) {
    bool complete = seen_initial[s] && seen_end[s];
    for (int t = 0; t < kNumPageStates; ++t) complete = complete && seen_move[s][t];
    if (!complete) {
      return Status(StatusCode::kInvalidModel, name + ": incomplete: state " + page_state_name(s) + " lacks entries");
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

Status PageStructure::Save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status(StatusCode::kNotFound, path + ": cannot create page structure file");
  out << Serialize();
  out.close();
  if (!out) return Status(StatusCode::kInternal, path + ": write error");
  return Status::Ok();
}

}  // namespace sidebarspam
