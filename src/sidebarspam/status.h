// sidebarspam/status.h — error reporting without exceptions.
//
//   sidebarspam::Status s = sidebarspam::Classifier::Load(paths, options, &classifier);
//   if (!s.ok()) std::cerr << s.message() << "\n";   // e.g. "rules.tsv:12: invalid regex ..."
//
// Copyable value type.
#ifndef SIDEBARSPAM_STATUS_H_
#define SIDEBARSPAM_STATUS_H_

#include <string>
#include <utility>

namespace sidebarspam {

enum class StatusCode : int {
  kOk = 0,
  kNotFound = 1,         // a file does not exist or cannot be opened
  kInvalidModel = 2,     // a model file is corrupt, truncated or has the wrong labels
  kInvalidRules = 3,     // a rules file has a syntax error or a regex RE2 rejects
  kInvalidArgument = 4,  // bad options or training input
  kInternal = 5,         // a failure inside a dependency (fastText training, I/O while writing)
  kCorruptFile = 6,      // a site memory file or a model manifest (model.json) is unreadable
  kMismatch = 7,         // files that are each valid do not belong together: a rules file or line
                         // model that is not the one the manifest names, an older feature format
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Human-readable, names the file (and line, for rules) it is about.
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_STATUS_H_
