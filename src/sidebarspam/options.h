// sidebarspam/options.h — the scoring options of a Classifier (classifier.h).
//
//   sidebarspam::Options options;
//   options.body_margin = 2.0f;  // remove less article text, keep more junk
//
// Every field is described once, in option_fields(): the Python binding (sidebarspam.Options)
// and the CLI's flags are generated from that table, with these defaults.
#ifndef SIDEBARSPAM_OPTIONS_H_
#define SIDEBARSPAM_OPTIONS_H_

#include <cstddef>
#include <vector>

#include "sidebarspam/status.h"

namespace sidebarspam {

// Lines are read up to this many bytes by default, in training and in scoring.
inline constexpr std::size_t kDefaultMaxLineBytes = 4096;

// Options; the defaults are what the shipped model was tuned with. Each field is described,
// once, in option_fields() (what the Python binding and the CLI's flags are built from).
struct Options {
  float body_margin = 1.0f;
  // body_margin for pages read from HTML when a separate HTML model labels them
  // (ModelPaths::html_model_dir): its scores, sharper with the DOM features, need a smaller
  // body bonus (0.5: English dev HTML, site-held-out, models/README.md "HTML model").
  float html_body_margin = 0.5f;
  float switch_penalty = 0.5f;
  float structure_weight = 0.5f;
  std::size_t max_line_bytes = kDefaultMaxLineBytes;
  float clickbait_min = 0.0f;

  // kInvalidArgument naming the option unless every value is in range.
  Status validate() const;
};

// One entry per Options field, in declaration order. Exactly one of real and count is set.
struct OptionField {
  const char* name;  // the field's name ("body_margin")
  const char* help;  // what it does, for --help and docstrings
  float Options::*real;
  std::size_t Options::*count;
};
const std::vector<OptionField>& option_fields();

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_OPTIONS_H_
