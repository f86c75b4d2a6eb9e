// core::positive_part: max(x, 0) as (x + |x|) / 2, which must be the same number as the select
// it replaces in reading and serving (the outputs' bytes depend on it).

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "tacit/core/positive_part.hpp"

using tacit::core::positive_part;

TEST_CASE("positive_part is x above 0 and +0 otherwise, bit for bit", "[core][positive_part]") {
  const float denorm = std::numeric_limits<float>::denorm_min();
  const float big = std::numeric_limits<float>::max() / 2;
  for (const float x : {0.75f, 0.1f, 1e-30f, denorm, big, 1.0f})
    CHECK(std::bit_cast<std::uint32_t>(positive_part(x)) == std::bit_cast<std::uint32_t>(x));
  for (const float x : {-0.75f, -0.1f, -denorm, -big, 0.0f, -0.0f})
    CHECK(std::bit_cast<std::uint32_t>(positive_part(x)) == 0u);  // +0, never -0
  // Levels are in [0, 1]: every difference of two floats there, against the select.
  std::uint32_t mismatches = 0;
  for (int a = 0; a <= 1000; a += 7)
    for (int b = 0; b <= 1000; b += 3) {
      const float gap = static_cast<float>(a) / 1000.0f - static_cast<float>(b) / 1000.0f;
      const float select = gap > 0.0f ? gap : 0.0f;
      mismatches += std::bit_cast<std::uint32_t>(positive_part(gap)) != std::bit_cast<std::uint32_t>(select);
    }
  CHECK(mismatches == 0);
}
