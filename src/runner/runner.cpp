#include "tacit/runner/runner.hpp"

#include <chrono>
#include <random>

#include "tacit/core/error.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/network/io.hpp"
#include "tacit/output/csv_observers.hpp"
#include "tacit/output/manifest.hpp"
#include "tacit/output/output_dir.hpp"
#include "tacit/scenario/loader.hpp"
#include "tacit/version.hpp"

namespace tacit::runner {

namespace {

/// Writes the network once, at the start of the run, to a stream of the output directory.
class NetworkExport final : public model::Observer {
 public:
  NetworkExport(std::ostream* graphml, std::ostream* edges) : m_graphml(graphml), m_edges(edges) {}
  void on_run_start(const model::Simulation& sim) override {
    if (m_graphml) network::write_graphml(sim.network(), *m_graphml);
    if (m_edges) network::write_edges_csv(sim.network(), *m_edges);
  }

 private:
  std::ostream* m_graphml;
  std::ostream* m_edges;
};

std::vector<std::string> all_overrides(const RunRequest& request) {
  // --seed and --ticks are overrides like any --set, so they pass the same validation.
  std::vector<std::string> overrides = request.overrides;
  if (request.ticks) overrides.push_back("ticks=" + std::to_string(*request.ticks));
  if (request.seed) overrides.push_back("seed=" + std::to_string(*request.seed));
  return overrides;
}

}  // namespace

void validate(const std::string& scenario_path, const std::vector<std::string>& overrides) {
  (void)scenario::load_scenario_file(scenario_path, overrides);
}

model::RunOptions run_options(const scenario::Scenario& sc, std::uint32_t threads) {
  if (!sc.seed) throw Error("run_options: the scenario's seed must be set");
  model::RunOptions options;
  options.seed = *sc.seed;
  options.ticks = sc.ticks;
  options.activation = sc.activation;
  options.threads = threads;
  return options;
}

void simulate(const scenario::Scenario& sc, model::Observer& observer, std::uint32_t threads) {
  if (!sc.seed) throw Error("simulate: the scenario's seed must be set");
  const network::Network net = network::make_network(sc.network, *sc.seed);
  model::Simulation sim(net, sc.model, run_options(sc, threads));
  sim.run(observer);
}

RunSummary execute(const RunRequest& request) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string start_time = output::utc_now();
  scenario::Scenario sc = scenario::load_scenario_file(request.scenario_path, all_overrides(request));

  RunSummary summary;
  summary.scenario_name = sc.name;
  if (request.seed) {
    summary.seed_source = "--seed";
  } else if (sc.seed) {
    summary.seed_source = "scenario";
  } else {
    // Never the clock: a seed from the OS entropy source, printed by the caller and recorded.
    std::random_device device;
    sc.seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    summary.seed_source = "drawn";
  }
  summary.seed = *sc.seed;
  summary.ticks = sc.ticks;
  summary.out_dir = request.out_dir.empty() ? std::filesystem::path("out") / sc.name : request.out_dir;

  const network::Network net = network::make_network(sc.network, summary.seed);
  summary.agents = net.num_nodes();
  summary.ties = net.num_ties();

  output::OutputDirectory out(summary.out_dir, request.force);
  model::Simulation sim(net, sc.model, run_options(sc, request.threads));

  output::TimeseriesCsv timeseries(out.open("timeseries.csv"), sc.output.every);
  output::AgentsCsv agents(out.open("agents.csv"));
  NetworkExport exporter(sc.output.network_graphml ? &out.open("network.graphml") : nullptr,
                         sc.output.edges_csv ? &out.open("edges.csv") : nullptr);
  model::ObserverList observers;
  observers.add(timeseries);
  observers.add(agents);
  observers.add(exporter);
  if (request.extra_observer) observers.add(*request.extra_observer);
  sim.run(observers);

  const std::string resolved = scenario::to_resolved_yaml(sc);
  out.open("scenario.resolved.yaml") << resolved;

  summary.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  output::ManifestInfo manifest;
  manifest.tacit_version = k_version;
  manifest.git_commit = k_git_commit;
  manifest.command = request.command;
  manifest.scenario_name = sc.name;
  manifest.scenario_file = request.scenario_path;
  manifest.scenario_hash = output::fnv1a_hex(resolved);
  manifest.seed = summary.seed;
  manifest.seed_source = summary.seed_source;
  manifest.ticks = sc.ticks;
  manifest.agents = summary.agents;
  manifest.ties = summary.ties;
  manifest.threads = request.threads;
  manifest.host = output::host_name();
  manifest.start_time = start_time;
  manifest.end_time = output::utc_now();
  manifest.wall_seconds = summary.wall_seconds;
  manifest.files = {"timeseries.csv", "agents.csv", "scenario.resolved.yaml", "manifest.json"};
  if (sc.output.network_graphml) manifest.files.push_back("network.graphml");
  if (sc.output.edges_csv) manifest.files.push_back("edges.csv");
  // The manifest is opened last, so it is renamed last: its presence marks a complete run.
  output::write_manifest(out.open("manifest.json"), manifest);
  out.commit();

  summary.files = out.committed();
  summary.metric_names = model::Simulation::metric_names();
  const auto m = sim.metrics();
  summary.final_metrics.assign(m.begin(), m.end());
  summary.esm = sc.model.esm.introduction != model::EsmIntroduction::none;
  return summary;
}

}  // namespace tacit::runner
