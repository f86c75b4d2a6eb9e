// tacit-memory-probe: what a random cache line costs on this machine, the unit in which the tick
// loops pay (docs/PERFORMANCE.md, "What a tick costs"). Reads and writes 2^22 random 8-byte
// words of a 512 MiB array, independent of each other (as the agents a tick touches are), with
// software prefetching 0, 8, 16 and 32 accesses ahead, on 4 KiB pages and on transparent huge
// pages (madvise). Prints nanoseconds per access for each, and first what writing the array
// the first time cost (the page faults of memory the process never had: the kernel's zeroing,
// and on a VM whatever the host does to back it), per 2 MiB, on each kind of page.
//   build/tacit-memory-probe

#include <sys/mman.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

constexpr std::size_t k_bytes = std::size_t{512} << 20;
constexpr std::size_t k_accesses = std::size_t{1} << 22;

void probe(bool huge) {
  void* memory = mmap(nullptr, k_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    std::perror("tacit-memory-probe: mmap");
    return;
  }
  madvise(memory, k_bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  const auto touch = std::chrono::steady_clock::now();
  std::memset(memory, 1, k_bytes);
  const double touched = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - touch).count();
  std::printf("pages %s first write: %.2f ms per 2 MiB\n", huge ? "huge" : "4k  ",
              touched / static_cast<double>(k_bytes >> 21));
  auto* words = static_cast<std::uint64_t*>(memory);
  const std::size_t n = k_bytes / sizeof(std::uint64_t);
  std::vector<std::uint32_t> index(k_accesses);
  std::uint64_t x = 88172645463325252ULL;  // xorshift64: a fixed, cheap sequence
  for (auto& i : index) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    i = static_cast<std::uint32_t>(x % n);
  }
  for (const std::size_t ahead : {std::size_t{0}, std::size_t{8}, std::size_t{16}, std::size_t{32}}) {
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t sum = 0;
    for (std::size_t k = 0; k < k_accesses; ++k) {
      if (ahead > 0 && k + ahead < k_accesses) __builtin_prefetch(&words[index[k + ahead]], 1);
      sum += words[index[k]];
      words[index[k]] = sum;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("pages %s prefetch %2zu ahead: %.1f ns per random access (checksum %llu)\n",
                huge ? "huge" : "4k  ", ahead, seconds / static_cast<double>(k_accesses) * 1e9,
                static_cast<unsigned long long>(sum & 1U));
  }
  munmap(memory, k_bytes);
}

}  // namespace

int main() {
  probe(false);
  probe(true);
  return 0;
}
