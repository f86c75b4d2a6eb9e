#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "tacit/core/huge_pages.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace tacit::core;

namespace {

#if defined(__linux__)
// The VmFlags line of the mapping of /proc/self/smaps that holds `address` ("" if none does).
std::string vm_flags_at(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    const auto dash = line.find('-');
    const auto space = line.find(' ');
    if (dash != std::string::npos && space != std::string::npos && dash < space &&
        line.find_first_not_of("0123456789abcdef") == dash) {
      const std::uintptr_t start = std::stoull(line.substr(0, dash), nullptr, 16);
      const std::uintptr_t end = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
      inside = start <= at && at < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool advised(const void* address) { return vm_flags_at(address).find(" hg") != std::string::npos; }

// The kernel keeps the advice only where it has transparent huge pages at all.
bool kernel_has_thp() { return std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good(); }
#endif

}  // namespace

TEST_CASE("huge pages: the advice covers the whole pages inside the block and nothing else", "[huge_pages]") {
#if defined(__linux__)
  if (!kernel_has_thp()) {
    WARN("no transparent huge pages in this kernel: the advice is not checked");
    return;
  }
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  // A mapping of its own, so no other advice or allocation shares it.
  const std::size_t length = 4 * k_huge_page_bytes;
  void* raw = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(raw != MAP_FAILED);
  auto* base = static_cast<std::byte*>(raw);
  // From 100 bytes into the first page to 100 bytes into page 700: pages 1 .. 699 are whole.
  advise_huge_pages(base + 100, 700 * page);
  CHECK_FALSE(advised(base));                 // page 0: only partly inside
  CHECK(advised(base + page));                // the first whole page
  CHECK(advised(base + 699 * page));          // the last whole page
  CHECK_FALSE(advised(base + 700 * page));    // page 700: only its first 100 bytes are inside
  CHECK_FALSE(advised(base + length - page));
  // Blocks below one huge page are left alone.
  advise_huge_pages(base + 2 * k_huge_page_bytes, k_huge_page_bytes - 1);
  CHECK_FALSE(advised(base + 2 * k_huge_page_bytes + page));
  munmap(raw, length);
#else
  WARN("not Linux: advise_huge_pages does nothing here");
#endif
}

TEST_CASE("huge pages: assign_on_huge_pages is assign, on advised memory when it is large", "[huge_pages]") {
  std::vector<std::uint32_t> small{1, 2, 3};
  assign_on_huge_pages(small, 5, 7u);
  CHECK(small == std::vector<std::uint32_t>(5, 7u));

  const std::size_t n = 3 * k_huge_page_bytes / sizeof(double);  // 6 MB
  std::vector<double> large;
  assign_on_huge_pages(large, n, 0.5);
  REQUIRE(large.size() == n);
  CHECK(large.front() == 0.5);
  CHECK(large.back() == 0.5);
#if defined(__linux__)
  if (kernel_has_thp()) CHECK(advised(large.data() + n / 2));
#endif
  // Smaller again: the same memory, new contents.
  const double* before = large.data();
  assign_on_huge_pages(large, 10, 2.0);
  CHECK(large.data() == before);
  CHECK(large == std::vector<double>(10, 2.0));
}

TEST_CASE("huge pages: reserve_on_huge_pages keeps the elements and grows at least twofold", "[huge_pages]") {
  std::vector<std::unique_ptr<int>> owned;  // move-only elements are moved, not copied
  owned.push_back(std::make_unique<int>(1));
  owned.push_back(std::make_unique<int>(2));
  owned.shrink_to_fit();
  reserve_on_huge_pages(owned, 3);
  CHECK(owned.capacity() >= 4);  // 2 * 2
  REQUIRE(owned.size() == 2);
  CHECK(*owned[0] == 1);
  CHECK(*owned[1] == 2);
  const std::size_t capacity = owned.capacity();
  reserve_on_huge_pages(owned, 2);  // room already: nothing moves
  CHECK(owned.capacity() == capacity);

  std::vector<std::uint32_t> ids(1000);
  std::iota(ids.begin(), ids.end(), 0u);
  const std::size_t n = k_huge_page_bytes;  // 8 MB of ids
  reserve_on_huge_pages(ids, n);
  CHECK(ids.capacity() >= n);
  REQUIRE(ids.size() == 1000);
  CHECK(ids[999] == 999u);
  resize_on_huge_pages(ids, n);
  CHECK(ids.size() == n);
  CHECK(ids[999] == 999u);
  CHECK(ids[1000] == 0u);  // value-initialized
#if defined(__linux__)
  if (kernel_has_thp()) CHECK(advised(ids.data() + n / 2));
#endif
}
