#include "tacit/app/progress.hpp"

#include <cstdio>
#include <unistd.h>

#include "tacit/model/simulation.hpp"

namespace tacit::app {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::on_run_start(const model::Simulation& /*sim*/) {
  m_start = Clock::now();
  m_last_draw = m_start;
}

void ProgressBar::on_tick_end(const model::Simulation& sim, std::uint32_t tick) {
  if (!m_enabled || sim.options().ticks == 0) return;
  const auto now = Clock::now();
  using std::chrono::duration;
  if (now - m_start < std::chrono::milliseconds(500) || now - m_last_draw < std::chrono::milliseconds(100))
    return;
  m_last_draw = now;
  const double fraction = static_cast<double>(tick) / sim.options().ticks;
  const double elapsed = duration<double>(now - m_start).count();
  const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0.0;
  constexpr int k_width = 30;
  const int filled = static_cast<int>(fraction * k_width);
  char bar[k_width + 1];
  for (int i = 0; i < k_width; ++i) bar[i] = i < filled ? '#' : '-';
  bar[k_width] = '\0';
  std::fprintf(stderr, "\r[%s] %3d%%  tick %u/%u  ETA %.0fs  ", bar, static_cast<int>(fraction * 100), tick,
               sim.options().ticks, eta);
  std::fflush(stderr);
  m_drawn = true;
}

void ProgressBar::on_run_end(const model::Simulation& /*sim*/) {
  if (m_drawn) {
    std::fprintf(stderr, "\r%70s\r", "");
    std::fflush(stderr);
  }
}

}  // namespace tacit::app
