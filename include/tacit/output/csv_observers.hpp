#pragma once
// CSV writers as observers of a run (column meanings: docs/OUTPUTS.md). They write to streams
// handed to them by the output directory; the engine never writes a file.

#include <cstdint>
#include <ostream>
#include <string>

#include "tacit/model/observer.hpp"

namespace tacit::output {

/// timeseries.csv: one row per reported tick, `tick` then Simulation::metric_names().
/// Rows at tick 0, every `every`-th tick, and the last tick.
class TimeseriesCsv final : public model::Observer {
 public:
  TimeseriesCsv(std::ostream& out, std::uint32_t every);
  void on_run_start(const model::Simulation& sim) override;
  void on_tick_end(const model::Simulation& sim, std::uint32_t tick) override;
  /// Writes the last tick when the run stopped early (fixation) between two every-th ticks.
  void on_run_end(const model::Simulation& sim) override;

 private:
  void write_row(const model::Simulation& sim, std::uint32_t tick);

  std::ostream& m_out;
  std::uint32_t m_every;
  std::string m_line;
  std::uint32_t m_last_written = UINT32_MAX;
};

/// agents.csv: the final state of every agent, one row each, written at the end of the run.
class AgentsCsv final : public model::Observer {
 public:
  explicit AgentsCsv(std::ostream& out) : m_out(out) {}
  void on_run_end(const model::Simulation& sim) override;

 private:
  std::ostream& m_out;
};

}  // namespace tacit::output
