#include "experiment_verbs.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include <CLI/CLI.hpp>

#include "tacit/app/progress.hpp"
#include "tacit/core/error.hpp"
#include "tacit/experiment/compare.hpp"
#include "tacit/experiment/experiment.hpp"
#include "tacit/experiment/merge.hpp"
#include "tacit/experiment/mpi_sweep.hpp"
#include "tacit/experiment/sweep.hpp"

namespace tacit::app {

struct ExperimentVerbs::Args {
  CLI::App* sweep = nullptr;
  std::string experiment;
  std::string sweep_out;
  std::uint32_t jobs = 0;
  std::string shard;
  bool resume = false;
  bool sweep_force = false;
  bool sweep_quiet = false;
  bool mpi = false;

  CLI::App* merge = nullptr;
  std::vector<std::string> merge_dirs;
  std::string merge_out;
  bool merge_force = false;
  bool merge_quiet = false;

  CLI::App* compare = nullptr;
  std::vector<std::string> compare_dirs;
  std::string by;
  std::vector<std::string> metrics;
  std::string csv;
  bool paired = false;
};

namespace {

/// `[#####-----] 12/40 runs  1 failed  elapsed 3s  ETA 9s` on stderr, at most ten times a second.
class SweepProgressBar {
 public:
  explicit SweepProgressBar(bool enabled) : m_enabled(enabled) {}
  ~SweepProgressBar() { clear(); }
  /// Erases the bar (as wide as it was drawn), so that messages start on a clean line.
  void clear() {
    if (m_drawn) std::fprintf(stderr, "\r%*s\r", m_width, "");
    m_drawn = false;
    m_width = 0;
  }
  void draw(const experiment::SweepProgress& p) {
    if (!m_enabled || p.total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && p.done < p.total && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    const double fraction = static_cast<double>(p.done) / static_cast<double>(p.total);
    const std::uint64_t now_done = p.done - p.resumed;
    const double rate = p.elapsed_seconds > 0 ? static_cast<double>(now_done) / p.elapsed_seconds : 0.0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0.0;
    constexpr int k_width = 24;
    const int filled = static_cast<int>(fraction * k_width);
    char bar[k_width + 1];
    for (int i = 0; i < k_width; ++i) bar[i] = i < filled ? '#' : '-';
    bar[k_width] = '\0';
    char line[256];
    const int width = std::snprintf(
        line, sizeof line, "[%s] %llu/%llu runs  %llu failed  elapsed %.0fs  ETA %s", bar,
        static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
        static_cast<unsigned long long>(p.failed), p.elapsed_seconds,
        rate > 0 ? (std::to_string(static_cast<long long>(eta + 0.5)) + "s").c_str() : "?");
    // Padded to the previous width, so that a shorter line leaves nothing of the longer one.
    std::fprintf(stderr, "\r%-*s", std::max(width, m_width), line);
    std::fflush(stderr);
    m_width = std::max(width, m_width);
    m_drawn = true;
  }

 private:
  bool m_enabled;
  bool m_drawn = false;
  int m_width = 0;  ///< characters of the widest line drawn
  std::chrono::steady_clock::time_point m_last;
};

int do_sweep(const ExperimentVerbs::Args& args, const std::string& command) {
  experiment::SweepOptions options;
  options.out_dir = args.sweep_out;
  options.jobs = args.jobs;
  if (!args.shard.empty()) options.shard = experiment::parse_shard(args.shard);
  options.resume = args.resume;
  options.force = args.sweep_force;
  options.command = command;
  SweepProgressBar bar(!args.sweep_quiet && stderr_is_terminal());
  options.progress = [&bar](const experiment::SweepProgress& p) { bar.draw(p); };

  experiment::SweepSummary s;
  if (args.mpi) {
    // Every rank runs this; only rank 0 reports.
    experiment::MpiSweepResult r = experiment::run_sweep_mpi(args.experiment, options);
    if (!r.root) return r.exit_code;
    s = std::move(r.summary);
  } else {
    experiment::Experiment ex = experiment::load_experiment(args.experiment);
    s = experiment::run_sweep(ex, options);
  }
  bar.clear();
  if (s.seed_source == "drawn" && s.resumed == 0) {
    std::fprintf(stderr, "tacit: the experiment has no seed; drew root seed %llu (recorded in "
                         "experiment.resolved.yaml and manifest.json)\n",
                 static_cast<unsigned long long>(s.root_seed));
  }
  const std::uint64_t ok = s.shard_runs - s.failed;
  if (!args.sweep_quiet) {
    std::printf("%s: %llu runs (%llu points x %u replications)", s.name.c_str(),
                static_cast<unsigned long long>(s.total_runs),
                static_cast<unsigned long long>(s.points), s.replications);
    if (options.shard.count > 1) {
      std::printf(", shard %s: %llu runs", options.shard.str().c_str(),
                  static_cast<unsigned long long>(s.shard_runs));
    }
    std::printf(", root seed %llu, %u %s: %llu ok, %llu failed, %.2f s\n",
                static_cast<unsigned long long>(s.root_seed), s.jobs,
                args.mpi ? "MPI workers" : "jobs", static_cast<unsigned long long>(ok),
                static_cast<unsigned long long>(s.failed), s.wall_seconds);
    if (s.resumed > 0) {
      std::printf("resumed: %llu runs were already done\n", static_cast<unsigned long long>(s.resumed));
    }
    std::printf("outputs in %s/\n", s.out_dir.string().c_str());
  }
  if (s.failed > 0) {
    std::fprintf(stderr, "tacit: %llu of %llu runs failed (status and error in %s)\n",
                 static_cast<unsigned long long>(s.failed), static_cast<unsigned long long>(s.shard_runs),
                 (s.out_dir / "runs.csv").string().c_str());
    return static_cast<int>(ExitCode::runtime_failure);
  }
  return static_cast<int>(ExitCode::ok);
}

int do_merge(const ExperimentVerbs::Args& args, const std::string& command) {
  std::vector<std::filesystem::path> dirs(args.merge_dirs.begin(), args.merge_dirs.end());
  const auto s = experiment::merge_sweeps(dirs, args.merge_out, args.merge_force, command);
  if (!args.merge_quiet) {
    std::printf("merged %llu runs (%llu failed) from %zu directories into %s/\n",
                static_cast<unsigned long long>(s.runs), static_cast<unsigned long long>(s.failed),
                dirs.size(), s.out_dir.string().c_str());
  }
  return static_cast<int>(ExitCode::ok);
}

int do_compare(const ExperimentVerbs::Args& args) {
  experiment::CompareOptions options;
  options.dirs.assign(args.compare_dirs.begin(), args.compare_dirs.end());
  options.by = args.by;
  options.metrics = args.metrics;
  options.paired = args.paired;
  const auto report = experiment::compare_runs(options);
  if (!args.csv.empty()) {
    std::ofstream out(args.csv, std::ios::binary);
    out << experiment::render_compare_csv(report);
    out.close();
    if (!out) throw Error("cannot write '" + args.csv + "'");
  }
  std::fputs(experiment::render_compare_table(report).c_str(), stdout);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace

ExperimentVerbs::ExperimentVerbs(CLI::App& app) : m_args(std::make_unique<Args>()) {
  Args& a = *m_args;
  a.sweep = app.add_subcommand("sweep", "Run every run of an experiment (design x replications) in parallel");
  a.sweep->add_option("experiment", a.experiment, "Experiment YAML file (docs/EXPERIMENTS.md)")->required();
  a.sweep->add_option("-o,--out", a.sweep_out, "Output directory (default: out/<experiment name>)");
  a.sweep->add_option("-j,--jobs", a.jobs, "Runs at once (default: all cores); never changes results")
      ->check(CLI::Range(1u, 4096u));
  a.sweep->add_option("--shard", a.shard, "Run only shard I of N: the runs with index % N == I-1")
      ->type_name("I/N");
  a.sweep->add_flag("--resume", a.resume, "Continue an interrupted sweep in the output directory");
  a.sweep->add_flag("--force", a.sweep_force, "Replace the sweep outputs of a non-empty output directory");
  a.sweep->add_flag("-q,--quiet", a.sweep_quiet, "Print nothing but errors; no progress bar");
  a.sweep->add_flag("--mpi", a.mpi,
                    std::string("Run over MPI ranks (launch with mpirun): rank 0 writes, the others run") +
                        (experiment::mpi_available() ? "" : " [not in this build: -DTACIT_MPI=ON]"));

  a.merge = app.add_subcommand("merge", "Join the output directories of a sweep's shards into one");
  a.merge->add_option("dirs", a.merge_dirs, "Shard output directories")->required();
  a.merge->add_option("-o,--out", a.merge_out, "Output directory of the merged sweep")->required();
  a.merge->add_flag("--force", a.merge_force, "Replace the sweep outputs of a non-empty output directory");
  a.merge->add_flag("-q,--quiet", a.merge_quiet, "Print nothing but errors");

  a.compare = app.add_subcommand("compare", "Statistics of a sweep's runs by group: means, CIs, effect sizes, tests");
  a.compare->add_option("dirs", a.compare_dirs,
                        "A sweep output directory (holding runs.csv), or tacit run output directories")
      ->required();
  a.compare->add_option("--by", a.by,
                        "Factor to group by (default: each design point); run directories: a scenario "
                        "key (default: name)");
  a.compare->add_option("-m,--metric", a.metrics, "Metric: M (final.M), final.M or window.M; repeatable (default: all final)");
  a.compare->add_option("--csv", a.csv, "Also write the statistics to this CSV file");
  a.compare->add_flag("--paired", a.paired, "Pair runs by replicate: adds paired t and Wilcoxon signed-rank tests");
}

ExperimentVerbs::~ExperimentVerbs() = default;

std::optional<int> ExperimentVerbs::dispatch(const std::string& command) const {
  if (*m_args->sweep) return do_sweep(*m_args, command);
  if (*m_args->merge) return do_merge(*m_args, command);
  if (*m_args->compare) return do_compare(*m_args);
  return std::nullopt;
}

}  // namespace tacit::app
