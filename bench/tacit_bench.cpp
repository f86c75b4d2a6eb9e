// tacit-bench: times the tick loop of one scenario, apart from set-up and output.
//   tacit-bench SCENARIO [--set key=value]... [--threads N] [--ticks T] [--warmup W] [--each]
// Loads the scenario (through the scenario layer, like `tacit run`), builds the network and the
// population, steps W warm-up ticks untimed (default 1: a platform launches, first requests),
// then T ticks timed (steady_clock around Simulation::step), and prints one line:
//   agents edges ticks threads setup_s s_per_tick agent_ticks_per_s peak_rss_mb
// (setup_s includes the warm-up ticks) and, for the sharing model, a second line with the
// milliseconds per timed tick spent in each phase (Simulation::phase_seconds, Esm's parts).
// With --each, a last line `tick_ms` gives the milliseconds of every tick, warm-up ticks first:
// where the steady state starts (how many ticks a benchmark should leave untimed).
// Nothing is written; no observer runs, as in a sweep that keeps only final values. Build with
// the release preset (TACIT_BUILD_BENCH, default ON); scripts/bench runs the benchmarks of
// docs/PERFORMANCE.md.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "counting_allocator.hpp"
#include "tacit/core/allocator.hpp"
#include "tacit/core/error.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/runner/runner.hpp"
#include "tacit/scenario/loader.hpp"

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

[[noreturn]] void usage(const char* what) {
  std::fprintf(stderr,
               "tacit-bench: %s\nusage: tacit-bench SCENARIO [--set key=value]... [--threads N] "
               "[--ticks T] [--warmup W] [--each]\n",
               what);
  std::exit(2);
}

// One tick, timed. Never inlined, so that profilers can count a tick's instructions by this
// name (`valgrind --tool=callgrind --toggle-collect='*timed_tick*'`): GCC inlines
// Simulation::step into its only caller, where it has no name of its own.
[[gnu::noinline]] void timed_tick(tacit::model::Simulation& sim, std::vector<double>& tick_ms) {
  const auto start = std::chrono::steady_clock::now();
  sim.step();
  tick_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
}

}  // namespace

int main(int argc, char** argv) {
  tacit::core::configure_allocator();  // as tacit's own main does
  using clock = std::chrono::steady_clock;
  std::string path;
  std::vector<std::string> sets;
  unsigned threads = 1;
  unsigned ticks = 10;
  unsigned warmup = 1;
  bool each = false;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&]() -> std::string {
      if (a + 1 >= argc) usage(("missing value after " + arg).c_str());
      return argv[++a];
    };
    if (arg == "--set") {
      sets.push_back(value());
    } else if (arg == "--threads") {
      threads = static_cast<unsigned>(std::stoul(value()));
    } else if (arg == "--ticks") {
      ticks = static_cast<unsigned>(std::stoul(value()));
    } else if (arg == "--warmup") {
      warmup = static_cast<unsigned>(std::stoul(value()));
    } else if (arg == "--each") {
      each = true;
    } else if (!arg.empty() && arg[0] == '-') {
      usage(("unknown option " + arg).c_str());
    } else if (path.empty()) {
      path = arg;
    } else {
      usage("one scenario only");
    }
  }
  if (path.empty()) usage("no scenario");
  if (threads == 0 || ticks == 0) usage("--threads and --ticks must be at least 1");
  try {
    const auto t0 = clock::now();
    tacit::scenario::Scenario sc = tacit::scenario::load_scenario_file(path, sets);
    if (!sc.seed) usage("the scenario needs a seed");
    const tacit::network::Network net = tacit::network::make_network(sc.network, *sc.seed);
    tacit::model::RunOptions options = tacit::runner::run_options(sc, threads);
    options.ticks = warmup + ticks;
    tacit::model::Simulation sim(net, sc.model, options);
    std::vector<double> tick_ms;
    tick_ms.reserve(warmup + ticks);
    for (unsigned t = 0; t < warmup; ++t) timed_tick(sim, tick_ms);
    const tacit::model::PhaseSeconds p0 = sim.phase_seconds();
    const tacit::model::EsmPhaseSeconds e0 = sim.esm().phase_seconds();
    const tacit_bench::AllocationCount a0 = tacit_bench::allocation_count();
    const auto t1 = clock::now();
    for (unsigned t = 0; t < ticks; ++t) timed_tick(sim, tick_ms);
    const auto t2 = clock::now();
    const tacit_bench::AllocationCount a1 = tacit_bench::allocation_count();
    const double allocations = static_cast<double>(a1.allocations - a0.allocations) / ticks;
    const double allocated_mb = static_cast<double>(a1.bytes - a0.bytes) / ticks / (1024.0 * 1024.0);
    const tacit::model::PhaseSeconds p1 = sim.phase_seconds();
    const tacit::model::EsmPhaseSeconds e1 = sim.esm().phase_seconds();
    const double setup = std::chrono::duration<double>(t1 - t0).count();
    const double per_tick = std::chrono::duration<double>(t2 - t1).count() / ticks;
    std::printf("agents %u edges %u ticks %u threads %u setup_s %.3f s_per_tick %.5f agent_ticks_per_s %.4g "
                "peak_rss_mb %.0f allocations_per_tick %.1f allocated_mb_per_tick %.2f\n",
                net.num_nodes(), net.num_arcs() / 2, ticks, threads, setup, per_tick,
                static_cast<double>(net.num_nodes()) / per_tick, peak_rss_mb(), allocations, allocated_mb);
    if (p1.serve > p0.serve) {  // the sharing model ran (games have no phases to report)
      const auto ms = [&](double a, double b) { return 1000.0 * (b - a) / ticks; };
      std::printf("ms_per_tick draw_requests %.1f order %.1f serve %.1f esm %.1f settle %.1f | esm: adopt %.1f "
                  "join %.1f read %.1f respond %.1f post %.1f churn %.1f feeds %.1f\n",
                  ms(p0.draw_requests, p1.draw_requests), ms(p0.order, p1.order), ms(p0.serve, p1.serve),
                  ms(p0.esm, p1.esm), ms(p0.settle, p1.settle), ms(e0.adopt, e1.adopt), ms(e0.join, e1.join),
                  ms(e0.read, e1.read), ms(e0.respond, e1.respond), ms(e0.post, e1.post),
                  ms(e0.churn, e1.churn), ms(e0.feeds, e1.feeds));
    }
    if (each) {
      std::printf("tick_ms");
      for (const double ms : tick_ms) std::printf(" %.1f", ms);
      std::printf("\n");
    }
  } catch (const tacit::InputError& e) {
    std::fprintf(stderr, "tacit-bench: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tacit-bench: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
