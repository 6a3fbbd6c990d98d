// libFuzzer target: load arbitrary bytes as a site memory file. Corrupt or truncated files
// must come back as kCorruptFile, never crash or allocate without bound; what loads must
// save to bytes that load to the same memory again, and keep counting.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "sidebarspam/site_memory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<sidebarspam::SiteMemory> memory;
  const sidebarspam::Status s = sidebarspam::SiteMemory::Deserialize(bytes, "fuzz.bin", &memory);
  if (!s.ok()) {
    if (s.code() != sidebarspam::StatusCode::kCorruptFile || memory != nullptr) std::abort();
    return 0;
  }
  const std::string saved = memory->Serialize();
  std::unique_ptr<sidebarspam::SiteMemory> again;
  if (!sidebarspam::SiteMemory::Deserialize(saved, "saved.bin", &again).ok() || again->Serialize() != saved) {
    std::abort();
  }
  memory->add_page("site", {1, 2, 3});
  (void)memory->count("site", 2);
  return 0;
}
