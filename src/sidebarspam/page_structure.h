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

#include "sidebarspam/normalize.h"
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

// Pages are laid out differently by script: Korean portals put bylines, date lines and
// widgets between a title and its body far more often than English sites do. Each script
// gets its own learned table; a page's script is the majority of its letters.
enum class PageScript : int { kHangul = 0, kOther = 1 };
constexpr int kNumPageScripts = 2;
// "hangul" or "other": the names the text form uses.
std::string_view page_script_name(PageScript script);
// kHangul when Hangul letters are at least this share of the page's Hangul and Latin letters.
constexpr double kHangulPageShare = 0.3;
PageScript page_script_of(long hangul_letters, long latin_letters);
// The script of a page from its normalised lines' letter counts.
PageScript page_script(const std::vector<NormalizedLine>& lines);

// The log-probabilities of one script's page-state machine.
class PageTable {
 public:
  double initial(int state) const { return initial_[state]; }
  double move(int from, int to) const { return move_[from][to]; }
  double end(int state) const { return end_[state]; }

 private:
  friend class PageStructure;
  std::array<double, kNumPageStates> initial_{};
  std::array<std::array<double, kNumPageStates>, kNumPageStates> move_{};
  std::array<double, kNumPageStates> end_{};
};

class PageStructure {
 public:
  // Counts the state sequences of labelled pages (labels in line order; pages with no
  // labelled line are skipped), each page weighted by its weight, into the table of its
  // script, with add-half smoothing over the allowed moves.
  static std::unique_ptr<PageStructure> Learn(const std::vector<std::vector<LineLabel>>& pages,
                                              const std::vector<double>& weights,
                                              const std::vector<PageScript>& scripts);
  // The text form written by serialize: "<script> initial <state> <logp>",
  // "<script> move <from> <to> <logp>", "<script> end <state> <logp>" lines; name is used in
  // error messages.
  static Status Parse(std::string_view text, const std::string& name, std::unique_ptr<PageStructure>* out);
  static Status Load(const std::string& path, std::unique_ptr<PageStructure>* out);
  std::string serialize() const;
  Status save(const std::string& path) const;

  const PageTable& table(PageScript script) const { return tables_[static_cast<int>(script)]; }

  // The states of one page's gold labels (what Learn counts).
  static std::vector<int> states_of(const std::vector<LineLabel>& labels);

 private:
  PageStructure() = default;
  static void learn_table(const std::vector<std::vector<int>>& pages, const std::vector<double>& weights,
                          PageTable* out);
  std::array<PageTable, kNumPageScripts> tables_{};
};

// "before_boilerplate", "article_body", ...: the names the text form uses.
std::string page_state_name(int state);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PAGE_STRUCTURE_H_
