#pragma once
// Allocator settings for tacit's processes (called first thing in main). glibc serves blocks
// above a threshold with mmap and returns them to the system when freed, but by default it
// raises the threshold to the size of each such block freed (up to 32 MB), after which blocks
// of that size come from the heap, whose freed space the process keeps. A tick loop that grows
// a few large vectors (the platform's posts and feeds) then holds tens of MB it no longer uses:
// at 10^6 agents the peak resident size went 918 -> 968 MiB with the default (benchmark 1,
// docs/PERFORMANCE.md). A fixed threshold keeps large blocks mapped only while they are used.

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tacit::core {

inline void configure_allocator() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);  // glibc's initial value, now fixed
#endif
}

}  // namespace tacit::core
