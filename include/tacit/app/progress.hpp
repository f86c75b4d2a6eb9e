#pragma once
// A progress bar with ETA on stderr, for runs long enough to need one.

#include <chrono>
#include <cstdint>

#include "tacit/model/observer.hpp"

namespace tacit::app {

/// Draws `[#####-----]  45%  tick 450/1000  ETA 12s` on stderr, only when `enabled` (stderr is
/// a terminal and --quiet was not given), only once the run has lasted half a second, and at
/// most ten times a second. Clears its line at the end.
class ProgressBar final : public model::Observer {
 public:
  explicit ProgressBar(bool enabled) : m_enabled(enabled) {}
  void on_run_start(const model::Simulation& sim) override;
  void on_tick_end(const model::Simulation& sim, std::uint32_t tick) override;
  void on_run_end(const model::Simulation& sim) override;

 private:
  using Clock = std::chrono::steady_clock;
  bool m_enabled;
  bool m_drawn = false;
  Clock::time_point m_start;
  Clock::time_point m_last_draw;
};

/// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace tacit::app
