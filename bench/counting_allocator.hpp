// Counts every allocation made through operator new, so a benchmark or a test can say how many
// a stretch of code made (the engine's containers all allocate through it).
//
// The header replaces the global operator new and delete (every form: plain, array, nothrow,
// aligned, sized), so include it in exactly one source file of an executable. Blocks come from
// malloc / aligned_alloc and go back to free, in every form, which keeps AddressSanitizer's
// pairing of allocations and deallocations consistent in the debug preset.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace tacit_bench {

struct AllocationCount {
  std::uint64_t allocations = 0;
  std::uint64_t bytes = 0;
};

namespace detail {
inline std::atomic<std::uint64_t> g_allocations{0};
inline std::atomic<std::uint64_t> g_bytes{0};

inline void* allocate(std::size_t size, std::size_t alignment) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(size, std::memory_order_relaxed);
  if (size == 0) size = 1;
  if (alignment <= alignof(std::max_align_t)) return std::malloc(size);
  return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}

inline void* allocate_or_throw(std::size_t size, std::size_t alignment) {
  void* p = allocate(size, alignment);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
}  // namespace detail

/// Allocations made so far by this process through operator new.
inline AllocationCount allocation_count() {
  return {detail::g_allocations.load(std::memory_order_relaxed), detail::g_bytes.load(std::memory_order_relaxed)};
}

}  // namespace tacit_bench

// NOLINTBEGIN: the replaceable global allocation functions, by their standard names.
void* operator new(std::size_t size) { return tacit_bench::detail::allocate_or_throw(size, 0); }
void* operator new[](std::size_t size) { return tacit_bench::detail::allocate_or_throw(size, 0); }
void* operator new(std::size_t size, std::align_val_t a) {
  return tacit_bench::detail::allocate_or_throw(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a) {
  return tacit_bench::detail::allocate_or_throw(size, static_cast<std::size_t>(a));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return tacit_bench::detail::allocate(size, 0); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return tacit_bench::detail::allocate(size, 0); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return tacit_bench::detail::allocate(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return tacit_bench::detail::allocate(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
// NOLINTEND
