#pragma once
// When the tick loops fetch ahead. Software prefetching pays when the agents' arrays do not
// fit in the caches (random neighbours, helpers, feed entries miss); in a small population
// every fetch is already a hit, and working out the addresses ahead (the next asker's
// neighbours, the next reader's feed entries) only costs instructions — some 10 % of a
// 200-agent run.

#include <cstdint>

namespace tacit::core {

/// Populations at least this large prefetch (about 500 bytes of state per agent: 16 MB).
inline constexpr std::uint32_t k_prefetch_min_agents = 1u << 15;

inline constexpr bool worth_prefetching(std::uint32_t agents) { return agents >= k_prefetch_min_agents; }

}  // namespace tacit::core
