#pragma once
// Large arrays on transparent huge pages. The model's hot loops read random agents' and arcs'
// state across the whole of a large population's memory (about 1 GB at 10^6 agents); on 4 KB
// pages nearly every such access also misses the TLB and walks the page table. Linux can back
// memory with 2 MB pages, but where transparent huge pages are set to "madvise" (Debian's
// default) only memory advised with MADV_HUGEPAGE gets them, and only where it is first
// written after the advice. These helpers give that advice to the engine's large arrays when
// they are allocated. It is advice only: the kernel may ignore it, nothing else changes, and
// results never depend on it. Elsewhere than Linux the helpers only size the vectors.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <type_traits>
#include <vector>

namespace tacit::core {

/// Blocks smaller than this are left alone (the size of one huge page on x86-64 and arm64).
inline constexpr std::size_t k_huge_page_bytes = std::size_t{2} << 20;

/// Advises the kernel to back the whole pages inside [data, data + bytes) with huge pages.
/// Pages already written keep their size, so call it on memory not yet written. No effect
/// on blocks below k_huge_page_bytes; errors are ignored (it is advice).
void advise_huge_pages(void* data, std::size_t bytes) noexcept;

/// v.assign(n, value); when that needs new memory of at least k_huge_page_bytes, the memory is
/// advised for huge pages before it is written.
template <class T>
void assign_on_huge_pages(std::vector<T>& v, std::size_t n, const std::type_identity_t<T>& value) {
  if (v.capacity() < n && n * sizeof(T) >= k_huge_page_bytes) {
    std::vector<T>().swap(v);
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

/// Makes room for at least n elements, growing the capacity at least twofold as push_back
/// would; new memory of at least k_huge_page_bytes is advised for huge pages before the
/// elements are moved into it.
template <class T>
void reserve_on_huge_pages(std::vector<T>& v, std::size_t n) {
  if (v.capacity() >= n) return;
  const std::size_t capacity = std::max(n, 2 * v.capacity());
  if (capacity * sizeof(T) < k_huge_page_bytes) {
    v.reserve(capacity);
    return;
  }
  std::vector<T> fresh;
  fresh.reserve(capacity);
  advise_huge_pages(fresh.data(), capacity * sizeof(T));
  fresh.insert(fresh.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(fresh);
}

/// v.resize(n) for a buffer whose elements are all about to be overwritten: when it needs more
/// room, its old elements are dropped instead of moved, and the new memory (twice the old
/// capacity, at least n) is advised for huge pages before it is written.
template <class T>
void resize_for_overwrite_on_huge_pages(std::vector<T>& v, std::size_t n) {
  if (v.capacity() < n) {
    const std::size_t capacity = std::max(n, 2 * v.capacity());
    std::vector<T>().swap(v);
    v.reserve(capacity);
    if (capacity * sizeof(T) >= k_huge_page_bytes) advise_huge_pages(v.data(), capacity * sizeof(T));
  }
  v.resize(n);
}

/// v.resize(n), growing the capacity as reserve_on_huge_pages does.
template <class T>
void resize_on_huge_pages(std::vector<T>& v, std::size_t n) {
  reserve_on_huge_pages(v, n);
  v.resize(n);
}

}  // namespace tacit::core
