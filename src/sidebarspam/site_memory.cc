#include "sidebarspam/site_memory.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "sidebarspam/byte_reader.h"
#include "sidebarspam/line_key.h"
#include "sidebarspam/normalize.h"

namespace sidebarspam {
namespace {

constexpr std::size_t kMaxShards = 16;
constexpr char kMagic[8] = {'S', 'B', 'S', 'M', 'E', 'M', '\x01', '\x00'};  // name, format version 1

struct Line {
  std::uint32_t count = 0;
  std::uint64_t last_page = 0;  // the site's page number (1-based) that last contained it
};

struct Site {
  std::uint64_t pages = 0;
  std::uint64_t last_used = 0;  // shard clock at the last add_page, for least-recently-used eviction
  std::unordered_map<std::uint64_t, Line> lines;
};

// Little-endian fixed-width writer and bounds-checked reader for the file format.
template <typename T>
void put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

}  // namespace

struct SiteMemory::Shard {
  mutable std::mutex mutex;
  std::unordered_map<std::string, Site> sites;
  std::uint64_t clock = 0;
  std::size_t max_sites = 1;

  // Drops lines not seen in the window, then the rarest and oldest, down to 3/4 of the cap,
  // so pruning runs once per many new lines.
  static void prune(Site* site, const SiteMemoryOptions& options) {
    if (site->lines.size() <= options.max_lines_per_site) return;
    for (auto it = site->lines.begin(); it != site->lines.end();) {
      it = site->pages - it->second.last_page >= options.window_pages ? site->lines.erase(it) : std::next(it);
    }
    const std::size_t target = options.max_lines_per_site * 3 / 4;
    if (site->lines.size() <= target) return;
    std::vector<std::pair<std::uint64_t, Line>> entries(site->lines.begin(), site->lines.end());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      if (a.second.count != b.second.count) return a.second.count > b.second.count;
      if (a.second.last_page != b.second.last_page) return a.second.last_page > b.second.last_page;
      return a.first < b.first;  // deterministic
    });
    entries.resize(target);
    site->lines = std::unordered_map<std::uint64_t, Line>(entries.begin(), entries.end());
  }

  // The site, created (and the least recently used one evicted) if needed. Caller holds mutex.
  Site& site(std::string_view name) {
    auto it = sites.find(std::string(name));
    if (it != sites.end()) return it->second;
    if (sites.size() >= max_sites) {
      auto oldest = std::min_element(sites.begin(), sites.end(), [](const auto& a, const auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      sites.erase(oldest);
    }
    return sites[std::string(name)];
  }
};

SiteMemory::SiteMemory(const SiteMemoryOptions& options) : options_(options) {
  options_.max_sites = std::max<std::size_t>(1, options_.max_sites);
  options_.max_lines_per_site = std::max<std::size_t>(4, options_.max_lines_per_site);
  options_.window_pages = std::max<std::uint32_t>(1, options_.window_pages);
  const std::size_t n = std::min(kMaxShards, options_.max_sites);
  for (std::size_t i = 0; i < n; ++i) {
    shards_.push_back(std::make_unique<Shard>());
    shards_.back()->max_sites = options_.max_sites / n;  // n <= max_sites: at most max_sites in all
  }
}

SiteMemory::~SiteMemory() = default;

std::uint64_t SiteMemory::LineKey(std::string_view line) {
  static const Normalizer normalizer;
  NormalizedLine norm;
  normalizer.normalize(line, 4096, &norm);
  return line_key_of_tokens(norm.tokens);
}

SiteMemory::Shard& SiteMemory::shard_of(std::string_view site) const {
  // A fixed hash (not std::hash): a saved memory must load into the same shards anywhere,
  // or a full shard could drop sites on load.
  return *shards_[line_key_of_tokens(site) % shards_.size()];
}

std::uint32_t SiteMemory::count(std::string_view site, std::uint64_t line_key) const {
  std::vector<std::uint32_t> out;
  counts(site, {line_key}, &out);
  return out[0];
}

void SiteMemory::counts(std::string_view site, const std::vector<std::uint64_t>& line_keys,
                        std::vector<std::uint32_t>* out) const {
  out->assign(line_keys.size(), 0);
  const Shard& shard = shard_of(site);
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto s = shard.sites.find(std::string(site));
  if (s == shard.sites.end()) return;
  for (std::size_t i = 0; i < line_keys.size(); ++i) {
    auto line = s->second.lines.find(line_keys[i]);
    if (line_keys[i] == 0 || line == s->second.lines.end()) continue;
    (*out)[i] = s->second.pages - line->second.last_page >= options_.window_pages ? 0 : line->second.count;
  }
}

void SiteMemory::add_page(std::string_view site_name, const std::vector<std::uint64_t>& line_keys) {
  std::unordered_set<std::uint64_t> distinct;
  for (std::uint64_t key : line_keys) {
    if (key != 0) distinct.insert(key);
  }
  Shard& shard = shard_of(site_name);
  std::lock_guard<std::mutex> lock(shard.mutex);
  Site& site = shard.site(site_name);
  site.last_used = ++shard.clock;
  ++site.pages;
  for (std::uint64_t key : distinct) {
    Line& line = site.lines[key];
    if (line.count > 0 && site.pages - line.last_page > options_.window_pages) line.count = 0;  // stale
    if (line.count < UINT32_MAX) ++line.count;
    line.last_page = site.pages;
  }
  Shard::prune(&site, options_);
}

void SiteMemory::merge(const SiteMemory& other) {
  if (&other == this) return;
  for (const auto& other_shard : other.shards_) {
    std::unordered_map<std::string, Site> copied;
    {
      std::lock_guard<std::mutex> lock(other_shard->mutex);
      copied = other_shard->sites;
    }
    for (auto& [name, theirs] : copied) {
      Shard& shard = shard_of(name);
      std::lock_guard<std::mutex> lock(shard.mutex);
      Site& mine = shard.site(name);
      const std::uint64_t pages = mine.pages + theirs.pages;
      auto age = [&](const Site& s, const Line& l) { return s.pages - l.last_page; };
      std::unordered_map<std::uint64_t, Line> lines;
      for (const Site* from : {&mine, &theirs}) {
        for (const auto& [key, line] : from->lines) {
          if (age(*from, line) >= options_.window_pages) continue;
          Line& merged = lines[key];
          const std::uint64_t last = pages - age(*from, line);
          merged.count = static_cast<std::uint32_t>(std::min<std::uint64_t>(UINT32_MAX, std::uint64_t{merged.count} + line.count));
          merged.last_page = std::max(merged.last_page, last);
        }
      }
      mine.pages = pages;
      mine.lines = std::move(lines);
      mine.last_used = ++shard.clock;
      Shard::prune(&mine, options_);
    }
  }
}

std::size_t SiteMemory::num_sites() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mutex);
    n += shard->sites.size();
  }
  return n;
}

std::size_t SiteMemory::num_lines() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mutex);
    for (const auto& entry : shard->sites) n += entry.second.lines.size();
  }
  return n;
}

// Format: magic (8 bytes) | max_sites u64 | max_lines_per_site u64 | window_pages u32 |
// sites u64 | per site: name length u32, name, pages u64, lines u64, per line: key u64,
// count u32, age u64 (pages since it was last seen). Little-endian.
std::string SiteMemory::Serialize() const {
  std::string out(kMagic, sizeof(kMagic));
  put<std::uint64_t>(&out, options_.max_sites);
  put<std::uint64_t>(&out, options_.max_lines_per_site);
  put<std::uint32_t>(&out, options_.window_pages);
  std::vector<std::pair<std::string, Site>> sites;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mutex);
    sites.insert(sites.end(), shard->sites.begin(), shard->sites.end());
  }
  std::sort(sites.begin(), sites.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  put<std::uint64_t>(&out, sites.size());
  for (const auto& [name, site] : sites) {
    put<std::uint32_t>(&out, static_cast<std::uint32_t>(name.size()));
    out += name;
    put<std::uint64_t>(&out, site.pages);
    std::vector<std::pair<std::uint64_t, Line>> lines(site.lines.begin(), site.lines.end());
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    put<std::uint64_t>(&out, lines.size());
    for (const auto& [key, line] : lines) {
      put<std::uint64_t>(&out, key);
      put<std::uint32_t>(&out, line.count);
      put<std::uint64_t>(&out, site.pages - line.last_page);
    }
  }
  return out;
}

Status SiteMemory::Deserialize(std::string_view bytes, const std::string& name, std::unique_ptr<SiteMemory>* out) {
  auto corrupt = [&](const std::string& why) {
    return Status(StatusCode::kCorruptFile, name + ": not a valid site memory file (" + why + ")");
  };
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, 6) != 0) return corrupt("bad magic");
  if (std::memcmp(bytes.data() + 6, kMagic + 6, 2) != 0) return corrupt("unsupported format version");
  ByteReader in(bytes.substr(sizeof(kMagic)));
  SiteMemoryOptions options;
  std::uint64_t max_sites, max_lines, n_sites;
  if (!in.read(&max_sites) || !in.read(&max_lines) || !in.read(&options.window_pages) || !in.read(&n_sites)) {
    return corrupt("truncated header");
  }
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 40;
  if (max_sites == 0 || max_sites > kLimit || max_lines == 0 || max_lines > kLimit || options.window_pages == 0) {
    return corrupt("invalid options");
  }
  options.max_sites = static_cast<std::size_t>(max_sites);
  options.max_lines_per_site = static_cast<std::size_t>(max_lines);
  if (n_sites > max_sites || n_sites > in.left() / 20) return corrupt("site count does not fit the file");
  auto memory = std::make_unique<SiteMemory>(options);
  std::string site_name;
  for (std::uint64_t i = 0; i < n_sites; ++i) {
    std::uint32_t name_size;
    std::string_view name_bytes;
    Site site;
    std::uint64_t n_lines;
    if (!in.read(&name_size) || !in.take(name_size, &name_bytes) || !in.read(&site.pages) || !in.read(&n_lines)) {
      return corrupt("truncated site");
    }
    site_name.assign(name_bytes.data(), name_bytes.size());
    if (n_lines > max_lines || n_lines > in.left() / 20) return corrupt("line count does not fit the file");
    for (std::uint64_t j = 0; j < n_lines; ++j) {
      std::uint64_t key, age;
      Line line;
      if (!in.read(&key) || !in.read(&line.count) || !in.read(&age)) return corrupt("truncated line");
      if (age > site.pages || line.count == 0) return corrupt("inconsistent line");
      line.last_page = site.pages - age;
      site.lines[key] = line;
    }
    Shard& shard = memory->shard_of(site_name);
    if (shard.sites.count(site_name)) return corrupt("duplicate site");
    Site& slot = shard.site(site_name);
    slot = std::move(site);
    slot.last_used = ++shard.clock;
  }
  if (in.left() != 0) return corrupt("trailing bytes");
  *out = std::move(memory);
  return Status::Ok();
}

Status SiteMemory::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file || !file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return Status(StatusCode::kInternal, path + ": cannot write site memory");
  }
  return Status::Ok();
}

Status SiteMemory::Load(const std::string& path, std::unique_ptr<SiteMemory>* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status(StatusCode::kNotFound, path + ": cannot open site memory file");
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return Deserialize(bytes, path, out);
}

}  // namespace sidebarspam
