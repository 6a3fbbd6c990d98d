#include "sidebarspam/options.h"

#include <cmath>
#include <string>

namespace sidebarspam {

const std::vector<OptionField>& option_fields() {
  static const std::vector<OptionField> fields = {
      {"body_margin",
       "log-odds bonus for body: raise it to remove less article text (and keep more junk), lower it to "
       "remove more",
       &Options::body_margin, nullptr},
      {"html_body_margin",
       "body_margin for pages read from HTML when a separate HTML model labels them (the model directory's "
       "html/)",
       &Options::html_body_margin, nullptr},
      {"switch_penalty",
       "extra cost of a label change between neighbouring lines: higher smooths more (uncertain lines follow "
       "their run)",
       &Options::switch_penalty, nullptr},
      {"structure_weight",
       "weight of the learned page structure (where the article starts and ends, how long chrome and lists "
       "run); 0 = line model and switch_penalty alone",
       &Options::structure_weight, nullptr},
      {"max_line_bytes",
       "only the first bytes of a longer line are read (its label still covers the whole line); bounds the "
       "time per line",
       nullptr, &Options::max_line_bytes},
      {"clickbait_min", "clickbait scores below this are reported as 0", &Options::clickbait_min, nullptr},
  };
  return fields;
}

Status Options::validate() const {
  auto bad = [](const char* what) { return Status(StatusCode::kInvalidArgument, what); };
  if (max_line_bytes < 16) return bad("max_line_bytes must be at least 16");
  if (!std::isfinite(body_margin)) return bad("body_margin must be finite");
  if (!std::isfinite(html_body_margin)) return bad("html_body_margin must be finite");
  if (!(switch_penalty >= 0.0f) || !std::isfinite(switch_penalty)) return bad("switch_penalty must be finite and >= 0");
  if (!(structure_weight >= 0.0f) || !std::isfinite(structure_weight)) {
    return bad("structure_weight must be finite and >= 0");
  }
  if (!(clickbait_min >= 0.0f && clickbait_min <= 1.0f)) return bad("clickbait_min must be in [0, 1]");
  return Status::Ok();
}

}  // namespace sidebarspam
