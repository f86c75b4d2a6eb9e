#pragma once
// Lap timing of the phases of a tick, for benchmarks (tacit-bench prints the sums). Reading
// the clock costs some 20 ns, a dozen times a tick: always on, never in a results path.

#include <chrono>

namespace tacit::core {

class Stopwatch {
 public:
  Stopwatch() : m_last(Clock::now()) {}
  /// Adds the seconds since the previous lap (or construction) to total.
  void lap(double& total) {
    const auto now = Clock::now();
    total += std::chrono::duration<double>(now - m_last).count();
    m_last = now;
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point m_last;
};

}  // namespace tacit::core
