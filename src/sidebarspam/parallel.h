// Internal: the one thread pool of the library (batch scoring of text and of HTML).
#ifndef SIDEBARSPAM_PARALLEL_H_
#define SIDEBARSPAM_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace sidebarspam {

// Runs work(i) for i in [0, n) on `threads` threads (0 = all cores), this one included.
template <typename Work>
void parallel_for(std::size_t n, int threads, const Work& work) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), n));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto run = [&]() {
    for (std::size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (auto& thread : pool) thread.join();
}

}  // namespace sidebarspam

#endif  // SIDEBARSPAM_PARALLEL_H_
