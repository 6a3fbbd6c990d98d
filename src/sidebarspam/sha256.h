// Internal: SHA-256 (FIPS 180-4), to tie a model to the exact files it was trained with (the
// manifest records the digests; loading compares them).
#ifndef SIDEBARSPAM_SHA256_H_
#define SIDEBARSPAM_SHA256_H_

#include <string>
#include <string_view>

#include "sidebarspam/status.h"

namespace sidebarspam {

// Lower-case hex digest of data.
std::string sha256_hex(std::string_view data);
// Of a file's bytes; kNotFound when it cannot be read.
Status sha256_file(const std::string& path, std::string* hex);

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_SHA256_H_
