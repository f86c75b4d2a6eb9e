#pragma once
// Blocks of consecutive items for the parallel loops that hand work to threads as they become
// free (`schedule(dynamic, 1)` over block numbers) instead of one fixed share each. On a
// shared machine one core is often slower than the other for a while; with fixed shares the
// faster thread then waits at the end of each loop for the slower one (5-20 ms a tick at 10^6
// agents, docs/PERFORMANCE.md). Which thread runs a block never changes a result: the loops
// that use blocks write per item, sum order-free integers, or keep their events per block and
// apply them in block order.

#include <algorithm>
#include <cstdint>

namespace tacit::core {

struct Blocks {
  std::int64_t size = 0;   ///< items per block (the last block may have fewer)
  std::int64_t count = 0;  ///< number of blocks
  std::int64_t begin(std::int64_t block) const { return block * size; }
  std::int64_t end(std::int64_t block, std::int64_t items) const { return std::min(items, (block + 1) * size); }
};

/// About 64 blocks per thread, each of at least 256 items: enough for the threads to even out,
/// few enough that taking a block (and restarting a loop's fetching ahead) costs nothing.
inline Blocks blocks_for(std::int64_t items, std::int64_t threads) {
  Blocks b;
  const std::int64_t parts = 64 * std::max<std::int64_t>(threads, 1);
  b.size = std::max<std::int64_t>(256, (items + parts - 1) / parts);
  b.count = items > 0 ? (items + b.size - 1) / b.size : 0;
  return b;
}

/// One contiguous range of items per thread, the ranges in thread order: for the loops whose
/// per-thread outputs are joined in thread order (so in item order at any thread count).
struct ThreadRange {
  std::int64_t begin = 0;
  std::int64_t end = 0;
};

/// Thread `thread`'s range of [0, items) among `threads`.
inline ThreadRange thread_range(std::int64_t items, std::int64_t thread, std::int64_t threads) {
  return {items * thread / threads, items * (thread + 1) / threads};
}

}  // namespace tacit::core
