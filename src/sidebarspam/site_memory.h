// sidebarspam/site_memory.h — what each site repeats across its pages.
//
//   sidebarspam::SiteMemory memory;                       // bounded, thread-safe
//   for (const Page& page : crawl)                        // pages of many sites, any order
//     auto result = classifier->score(page.text, page.host, &memory);
//   memory.Save("memory.bin");                            // resume tomorrow, or merge workers
//
// A site's "most read" list and its chrome lines come back on hundreds of its pages; an
// article paragraph does not. SiteMemory counts, per site key (a host, a domain, a source id:
// the caller decides), in how many of the site's recent pages each normalised line occurred.
// The classifier reads "seen on N other pages of this site" as a feature of the line (when
// its model was trained with site memory) and as the reason "site_seen:N", then records the
// page. Lines are keyed by a 64-bit hash of their normalised tokens (lower-cased, digits
// folded), so "3 hours ago" and "5 hours ago" are one line.
//
// Bounded memory: at most max_sites sites (the least recently used one is dropped) and
// max_lines_per_site lines per site (stale and rare lines are dropped first). A line not seen
// in a site's last window_pages pages counts from zero again, so the counts follow what the
// site shows now. Thread-safe: sites are spread over independently locked shards.
#ifndef SIDEBARSPAM_SITE_MEMORY_H_
#define SIDEBARSPAM_SITE_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sidebarspam/status.h"

namespace sidebarspam {

struct SiteMemoryOptions {
  std::size_t max_sites = 10000;
  std::size_t max_lines_per_site = 4096;
  std::uint32_t window_pages = 1000;
};

class SiteMemory {
 public:
  explicit SiteMemory(const SiteMemoryOptions& options = {});
  ~SiteMemory();
  SiteMemory(const SiteMemory&) = delete;
  SiteMemory& operator=(const SiteMemory&) = delete;

  // The key of a line: a hash of its normalised tokens; 0 for a line without any token.
  static std::uint64_t LineKey(std::string_view line);

  // In how many of site's recent pages the line with this key occurred.
  std::uint32_t count(std::string_view site, std::uint64_t line_key) const;
  // The same for every key of a page at once (one lock and one site lookup); 0 for key 0.
  void counts(std::string_view site, const std::vector<std::uint64_t>& line_keys,
              std::vector<std::uint32_t>* out) const;
  // Records one page of site: each distinct non-zero key counts once.
  void add_page(std::string_view site, const std::vector<std::uint64_t>& line_keys);
  // Adds other's pages and counts into this memory (workers that saw different pages of the
  // same sites). Ages of lines are kept relative to each site's newest page.
  void merge(const SiteMemory& other);

  std::size_t num_sites() const;
  std::size_t num_lines() const;  // over all sites
  const SiteMemoryOptions& options() const { return options_; }

  // A versioned binary file. Load checks every size and count, so a truncated or corrupt
  // file gives kCorruptFile with the path, never a crash.
  Status Save(const std::string& path) const;
  static Status Load(const std::string& path, std::unique_ptr<SiteMemory>* out);
  // The same on bytes in memory (name stands for the path in messages).
  std::string Serialize() const;
  static Status Deserialize(std::string_view bytes, const std::string& name, std::unique_ptr<SiteMemory>* out);

 private:
  struct Shard;
  Shard& shard_of(std::string_view site) const;
  SiteMemoryOptions options_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_SITE_MEMORY_H_
