#include "tacit/experiment/run_record.hpp"

#include <charconv>
#include <cmath>
#include <exception>
#include <optional>
#include <sstream>

#include "tacit/core/format.hpp"
#include "tacit/experiment/csv.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/output/csv_observers.hpp"
#include "tacit/runner/runner.hpp"
#include "tacit/scenario/loader.hpp"

namespace tacit::experiment {

namespace {

// Indices into Simulation::metric_names() of the kept metrics.
std::vector<std::size_t> kept_indices(const Experiment& ex) {
  const auto& names = model::Simulation::metric_names();
  std::vector<std::size_t> out;
  for (const auto& m : ex.keep.final_metrics) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == m) out.push_back(i);
    }
  }
  return out;
}

// Collects what the sweep keeps of a run: the time series (through the same TimeseriesCsv as
// `tacit run`, so the rows are byte-identical), the window means and the final values.
class Collector final : public model::Observer {
 public:
  Collector(const Experiment& ex, std::optional<std::uint32_t> every)
      : m_window(ex.keep.window), m_kept(kept_indices(ex)),
        m_sum(m_kept.size(), 0.0), m_count(m_kept.size(), 0), m_final(m_kept.size(), 0.0) {
    if (every) m_timeseries.emplace(m_text, *every);
  }
  void on_run_start(const model::Simulation& sim) override {
    if (m_timeseries) m_timeseries->on_run_start(sim);
  }
  void on_tick_end(const model::Simulation& sim, std::uint32_t tick) override {
    if (m_timeseries) m_timeseries->on_tick_end(sim, tick);
    if (m_window && tick >= m_window->from && tick <= m_window->to) {
      const auto metrics = sim.metrics();
      for (std::size_t k = 0; k < m_kept.size(); ++k) {
        const double v = metrics[m_kept[k]];
        if (std::isnan(v)) continue;  // e.g. share_rate in a tick without requests
        m_sum[k] += v;
        ++m_count[k];
      }
    }
  }
  void on_run_end(const model::Simulation& sim) override {
    if (m_timeseries) m_timeseries->on_run_end(sim);
    const auto metrics = sim.metrics();
    for (std::size_t k = 0; k < m_kept.size(); ++k) m_final[k] = metrics[m_kept[k]];
  }

  const std::vector<double>& finals() const { return m_final; }
  double window_mean(std::size_t k) const {
    return m_count[k] == 0 ? std::nan("") : m_sum[k] / static_cast<double>(m_count[k]);
  }
  /// The time series lines without the header.
  std::string timeseries_lines() const {
    std::string text = m_text.str();
    const auto eol = text.find('\n');
    return eol == std::string::npos ? std::string() : text.substr(eol + 1);
  }

 private:
  std::ostringstream m_text;
  std::optional<output::TimeseriesCsv> m_timeseries;
  std::optional<Window> m_window;
  std::vector<std::size_t> m_kept;
  std::vector<double> m_sum;
  std::vector<std::size_t> m_count;
  std::vector<double> m_final;
};

// runs.csv holds one line per run: no field may break it.
std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

std::string runs_header(const Experiment& ex) {
  std::string out = "run,point,replicate,seed,status,error";
  for (const auto& key : ex.design.keys) {
    out += ',';
    append_csv_field(out, key);
  }
  for (const auto& m : ex.keep.final_metrics) out += ",final." + m;
  if (ex.keep.window) {
    for (const auto& m : ex.keep.final_metrics) out += ",window." + m;
  }
  out += '\n';
  return out;
}

std::string timeseries_header() {
  std::string out = "run,tick";
  for (const auto& name : model::Simulation::metric_names()) out += "," + name;
  out += '\n';
  return out;
}

bool keeps_timeseries(const Experiment& ex) { return ex.keep.timeseries_every.value_or(1) != 0; }

namespace {
// The scenario of a design point is parsed once per thread and copied for each replicate, with
// the run's seed set: the same Scenario as parsing the base scenario with run_overrides(ex, run)
// (the point's overrides, then seed=S), without reparsing YAML for every run — which dominated
// sweeps of many short runs. Errors are not cached: a failing point fails every run alike.
scenario::Scenario point_scenario(const Experiment& ex, std::uint64_t point, std::uint64_t seed) {
  struct Cache {
    std::string scenario_text;
    std::string scenario_file;
    std::vector<std::string> overrides;
    std::optional<scenario::Scenario> scenario;
  };
  thread_local Cache cache;
  std::vector<std::string> overrides = ex.design.overrides(point);
  if (!cache.scenario || cache.overrides != overrides || cache.scenario_text != ex.scenario_text ||
      cache.scenario_file != ex.scenario_file) {
    cache.scenario.reset();
    cache.scenario = scenario::parse_scenario(ex.scenario_text, ex.scenario_file, overrides);
    cache.overrides = std::move(overrides);
    cache.scenario_text = ex.scenario_text;
    cache.scenario_file = ex.scenario_file;
  }
  scenario::Scenario sc = *cache.scenario;
  sc.seed = seed;
  return sc;
}
}  // namespace

RunRecord execute_run(const Experiment& ex, std::uint64_t run) {
  RunRecord record;
  record.run = run;
  const std::uint64_t point = run / ex.replications;
  const std::uint64_t replicate = run % ex.replications;
  const std::uint64_t seed = run_seed(*ex.seed, run, ex.replications, ex.common_seeds);

  std::string error;
  std::optional<Collector> collector;
  try {
    const scenario::Scenario sc = point_scenario(ex, point, seed);
    std::optional<std::uint32_t> every;
    if (keeps_timeseries(ex)) every = ex.keep.timeseries_every.value_or(sc.output.every);
    collector.emplace(ex, every);
    runner::simulate(sc, *collector, 1);
  } catch (const std::exception& e) {
    error = one_line(e.what());
    if (error.empty()) error = "unknown error";
    record.failed = true;
  }

  std::string& row = record.runs_row;
  core::append_number(row, run);
  row += ',';
  core::append_number(row, point);
  row += ',';
  core::append_number(row, replicate);
  row += ',';
  core::append_number(row, seed);
  row += record.failed ? ",failed," : ",ok,";
  append_csv_field(row, error);
  for (const auto& value : ex.design.points[point]) {
    row += ',';
    append_csv_field(row, one_line(value));
  }
  const std::size_t kept = ex.keep.final_metrics.size();
  for (std::size_t k = 0; k < kept; ++k) {
    row += ',';
    if (!record.failed) core::append_number(row, collector->finals()[k]);
  }
  if (ex.keep.window) {
    for (std::size_t k = 0; k < kept; ++k) {
      row += ',';
      if (!record.failed) core::append_number(row, collector->window_mean(k));
    }
  }
  row += '\n';

  if (!record.failed && keeps_timeseries(ex)) {
    // Prefix every line of the run's own time series with its run index.
    const std::string lines = collector->timeseries_lines();
    std::string prefix;
    core::append_number(prefix, run);
    prefix += ',';
    std::size_t begin = 0;
    while (begin < lines.size()) {
      const auto eol = lines.find('\n', begin);
      const std::size_t end = eol == std::string::npos ? lines.size() : eol + 1;
      record.timeseries += prefix;
      record.timeseries.append(lines, begin, end - begin);
      begin = end;
    }
  }
  return record;
}

bool run_of_line(const std::string& line, std::uint64_t& run) {
  const auto comma = line.find(',');
  if (comma == std::string::npos || comma == 0) return false;
  const auto [ptr, ec] = std::from_chars(line.data(), line.data() + comma, run);
  return ec == std::errc() && ptr == line.data() + comma;
}

}  // namespace tacit::experiment
