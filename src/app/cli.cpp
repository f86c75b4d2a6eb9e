#include "tacit/app/cli.hpp"

#include <cstdio>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "experiment_verbs.hpp"
#include "tacit/app/progress.hpp"
#include "tacit/core/error.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/network/metrics.hpp"
#include "tacit/runner/runner.hpp"
#include "tacit/scenario/loader.hpp"
#include "tacit/scenario/schema.hpp"
#include "tacit/version.hpp"

namespace tacit::app {

namespace {

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::uint64_t seed = 0;
  std::uint32_t ticks = 0;
  std::uint32_t threads = 0;
  std::vector<std::string> sets;
  bool force = false;
  bool quiet = false;
};

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i) out += ' ';
    out += argv[i];
  }
  return out;
}

int do_run(const RunArgs& args, const CLI::App& cmd, const std::string& command) {
  runner::RunRequest request;
  request.scenario_path = args.scenario;
  request.overrides = args.sets;
  if (cmd.count("--seed")) request.seed = args.seed;
  if (cmd.count("--ticks")) request.ticks = args.ticks;
  request.out_dir = args.out_dir;
  request.force = args.force;
  const unsigned hw = std::thread::hardware_concurrency();
  request.threads = args.threads ? args.threads : (hw ? hw : 1);
  request.command = command;
  ProgressBar progress(!args.quiet && stderr_is_terminal());
  request.extra_observer = &progress;

  const runner::RunSummary s = runner::execute(request);
  if (s.seed_source == "drawn")
    std::fprintf(stderr, "tacit: no seed given; drew seed %llu (recorded in manifest.json)\n",
                 static_cast<unsigned long long>(s.seed));
  if (!args.quiet) {
    std::printf("%s: %u agents, %llu ties, %u ticks, seed %llu, %.2f s\n", s.scenario_name.c_str(),
                s.agents, static_cast<unsigned long long>(s.ties), s.ticks,
                static_cast<unsigned long long>(s.seed), s.wall_seconds);
    for (std::size_t i = 0; i < s.metric_names.size(); ++i) {
      // Without a platform the esm_* columns are all 0 or nan: not worth 23 lines here.
      if (!s.esm && s.metric_names[i].rfind("esm_", 0) == 0) continue;
      std::printf("  %-26s %.6g\n", s.metric_names[i].c_str(), s.final_metrics[i]);
    }
    std::printf("outputs in %s/\n", s.out_dir.string().c_str());
  }
  return static_cast<int>(ExitCode::ok);
}

int do_validate(const std::vector<std::string>& files, const std::vector<std::string>& sets, bool quiet) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      runner::validate(file, sets);
      if (!quiet) std::printf("%s: ok\n", file.c_str());
    } catch (const InputFileError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      ++failed;
    } catch (const InputError& e) {
      std::fprintf(stderr, "tacit: error: %s: %s\n", file.c_str(), e.what());
      ++failed;
    }
  }
  return failed ? static_cast<int>(ExitCode::bad_input) : static_cast<int>(ExitCode::ok);
}

// `tacit network`: the scenario's network (generated or imported exactly as `tacit run` would)
// and its structure: ties by kind, degrees, Watts-Strogatz clustering C and path length L.
int do_network(const std::string& path, const std::vector<std::string>& sets, std::uint32_t sources) {
  const scenario::Scenario sc = scenario::load_scenario_file(path, sets);
  if (!sc.seed) throw InputError(path + ": 'tacit network' needs the scenario's seed (add seed: or --set seed=S)");
  const network::Network net = network::make_network(sc.network, *sc.seed);
  const auto d = network::degree_stats(net);
  std::printf("agents %u\nties %u\nstrong_ties %llu\nweak_ties %llu\n", net.num_nodes(), net.num_arcs() / 2,
              static_cast<unsigned long long>(d.strong_ties), static_cast<unsigned long long>(d.weak_ties));
  std::printf("degree_mean %.17g\ndegree_sd %.17g\ndegree_min %u\ndegree_max %u\n", d.all.mean, d.all.stddev,
              d.all.min, d.all.max);
  std::printf("clustering %.17g\n", network::average_clustering(net));
  network::PathLengths l;
  if (sources == 0 || sources >= net.num_nodes()) {
    l = network::shortest_path_lengths(net);
  } else {  // evenly spaced sources: deterministic, no draw
    std::vector<network::NodeId> from;
    for (std::uint32_t k = 0; k < sources; ++k)
      from.push_back(static_cast<network::NodeId>(std::uint64_t{k} * net.num_nodes() / sources));
    l = network::shortest_path_lengths(net, from);
  }
  std::printf("path_length %.17g\npath_sources %u\nunreachable_pairs %llu\ndiameter_seen %u\n", l.mean,
              sources == 0 || sources >= net.num_nodes() ? net.num_nodes() : sources,
              static_cast<unsigned long long>(l.unreachable), l.longest);
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"tacit — agent-based simulation of knowledge sharing in organizational networks", "tacit"};
  app.set_version_flag("--version", std::string("tacit ") + k_version + " (" + k_git_commit + ")");
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);

  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run a scenario and write its outputs to a directory");
  run->add_option("scenario", run_args.scenario, "Scenario YAML file")->required();
  run->add_option("-o,--out", run_args.out_dir, "Output directory (default: out/<scenario name>)");
  run->add_option("--seed", run_args.seed, "Root seed (overrides the scenario's seed)");
  run->add_option("--set", run_args.sets, "Override a scenario key: --set network.agents=500 (repeatable)")
      ->type_name("KEY=VALUE");
  run->add_option("--ticks", run_args.ticks, "Number of ticks (overrides the scenario's ticks)");
  run->add_option("--threads", run_args.threads,
                  "Threads inside a tick (default: all cores); never changes results")
      ->check(CLI::Range(1u, 1024u));
  run->add_flag("--force", run_args.force, "Overwrite the tacit outputs of a non-empty output directory");
  run->add_flag("-q,--quiet", run_args.quiet, "Print nothing but errors; no progress bar");

  std::vector<std::string> validate_files;
  std::vector<std::string> validate_sets;
  bool validate_quiet = false;
  auto* validate = app.add_subcommand("validate", "Check scenario files without running them (exit 0 or 2)");
  validate->add_option("scenarios", validate_files, "Scenario YAML files")->required();
  validate->add_option("--set", validate_sets, "Override a scenario key, as for run")->type_name("KEY=VALUE");
  validate->add_flag("-q,--quiet", validate_quiet, "Print only errors");

  bool markdown = false;
  auto* schema = app.add_subcommand("schema", "List every scenario key: type, default, allowed values, meaning");
  schema->add_flag("--markdown", markdown, "As a Markdown table (for docs)");

  std::string network_file;
  std::vector<std::string> network_sets;
  std::uint32_t network_sources = 0;
  auto* net_verb = app.add_subcommand(
      "network", "Build a scenario's network and print its structure: ties, degrees, clustering C, path length L");
  net_verb->add_option("scenario", network_file, "Scenario YAML file")->required();
  net_verb->add_option("--set", network_sets, "Override a scenario key, as for run")->type_name("KEY=VALUE");
  net_verb->add_option("--sources", network_sources,
                       "Path length from this many evenly spaced sources (default 0: from every node)");

  const ExperimentVerbs experiment_verbs(app);  // sweep, merge, compare

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" to CLI11 with exit code 0; usage errors exit 2.
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
  }

  try {
    if (*run) return do_run(run_args, *run, command_line(argc, argv));
    if (*validate) return do_validate(validate_files, validate_sets, validate_quiet);
    if (*net_verb) return do_network(network_file, network_sets, network_sources);
    if (auto code = experiment_verbs.dispatch(command_line(argc, argv))) return *code;
    if (*schema) {
      std::fputs((markdown ? scenario::render_schema_markdown() : scenario::render_schema()).c_str(), stdout);
      return 0;
    }
  } catch (const InputFileError& e) {
    // Located diagnostics speak for themselves: "file:line:col: what is wrong; what is allowed".
    std::fprintf(stderr, "%s\n", e.what());
    return static_cast<int>(ExitCode::bad_input);
  } catch (const InputError& e) {
    std::fprintf(stderr, "tacit: error: %s\n", e.what());
    return static_cast<int>(ExitCode::bad_input);
  } catch (const Error& e) {
    std::fprintf(stderr, "tacit: error: %s\n", e.what());
    return static_cast<int>(ExitCode::runtime_failure);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tacit: error: %s\n", e.what());
    return static_cast<int>(ExitCode::runtime_failure);
  }
  return static_cast<int>(ExitCode::bad_input);
}

}  // namespace tacit::app
