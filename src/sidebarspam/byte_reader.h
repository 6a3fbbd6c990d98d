// Internal: a bounds-checked reader over bytes in memory, for the binary files the library
// reads before trusting them (fastText models, site memory files). Every read says whether
// the bytes were there; nothing reads past the end.
#ifndef SIDEBARSPAM_BYTE_READER_H_
#define SIDEBARSPAM_BYTE_READER_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sidebarspam {

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  // A fixed-width value as the file stores it (little-endian, like the machines that write them).
  template <typename T>
  bool read(T* value) {
    if (left() < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  // The next n bytes.
  bool take(std::uint64_t n, std::string_view* out) {
    if (n > left()) return false;
    *out = bytes_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return true;
  }
  // Up to and including the next c (a NUL-terminated string, say).
  bool skip_past(char c) {
    const std::size_t end = bytes_.find(c, pos_);
    if (end == std::string_view::npos) return false;
    pos_ = end + 1;
    return true;
  }
  std::size_t left() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_BYTE_READER_H_
