// Internal: the shape of a page as a state machine, learned from labelled pages.
//
// A page has one article (title, deck, paragraphs) with chrome and link lists before it,
// short inserts inside it (a byline, a photo credit, a "related articles" block) and chrome
// and link lists after it. Each line is in one of seven states: a region (before, article,
// insert, after) and a label (body only in the article; boilerplate or sidebar elsewhere).
// Moves the structure forbids get no probability (nothing comes back from "after" to the
// article; an insert always returns to the article); the others get the log-probabilities
// counted on the training pages, so how long chrome runs, how often a list follows the
// copyright line and how rare an insert is are learned, not hand-set.
//
// Immutable after Learn/Parse; safe to share across threads.
#ifndef SIDEBARSPAM_PAGE_STRUCTURE_H_
#define SIDEBARSPAM_PAGE_STRUCTURE_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/result.h"
#include "sidebarspam/status.h"

namespace sidebarspam {

enum class Region : int { kBefore = 0, kArticle = 1, kInsert = 2, kAfter = 3 };

struct PageState {
  Region region;
  LineLabel label;
};
constexpr int kNumPageStates = 7;
// The states in a fixed order: before/boilerplate, before/sidebar, article/body,
// insert/boilerplate, insert/sidebar, after/boilerplate, after/sidebar.
const std::array<PageState, kNumPageStates>& page_states();

// Log-probability of a move the structure forbids.
constexpr double kForbidden = -1e30;

class PageStructure {
 public:
  // Counts the state sequences of labelled pages (labels in line order; pages with no
  // labelled line are skipped), each page weighted by its weight, with add-half smoothing
  // over the allowed moves.
  static std::unique_ptr<PageStructure> Learn(const std::vector<std::vector<LineLabel>>& pages,
                                              const std::vector<double>& weights);
  // The text form written by Serialize: "initial <state> <logp>", "move <from> <to> <logp>",
  // "end <state> <logp>" lines; name is used in error messages.
  static Status Parse(std::string_view text, const std::string& name, std::unique_ptr<PageStructure>* out);
  static Status Load(const std::string& path, std::unique_ptr<PageStructure>* out);
  std::string Serialize() const;
  Status Save(const std::string& path) const;

  double initial(int state) const { return initial_[state]; }
  double move(int from, int to) const { return move_[from][to]; }
  double end(int state) const { return end_[state]; }

  // The states of one page's gold labels (what Learn counts).
  static std::vector<int> states_of(const std::vector<LineLabel>& labels);

 private:
  PageStructure() = default;
  std::array<double, kNumPageStates> initial_{};
  std::array<std::array<double, kNumPageStates>, kNumPageStates> move_{};
  std::array<double, kNumPageStates> end_{};
};

// "before_boilerplate", "article_body", ...: the names the text form uses.
std::string page_state_name(int state);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PAGE_STRUCTURE_H_
