// The tick loop allocates nothing once its buffers have grown to the run's needs: every
// per-tick buffer (per-thread lists, feeds, rounds, scratch) keeps its capacity from tick to
// tick, and a buffer reallocates only when the run reaches a new high-water mark (more posts,
// requests or communities than ever before), geometrically. This executable counts every
// operator new (bench/counting_allocator.hpp replaces it), so it is its own test binary.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "counting_allocator.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/runner/runner.hpp"
#include "tacit/scenario/loader.hpp"

namespace {

/// Operator new calls made by ticks warmup+1 .. warmup+ticks of the scenario, at 2 threads.
std::uint64_t allocations_in_ticks(const std::string& file, const std::vector<std::string>& sets,
                                   unsigned warmup, unsigned ticks) {
  const auto sc = tacit::scenario::load_scenario_file(std::string(TACIT_SOURCE_DIR) + "/" + file, sets);
  const auto net = tacit::network::make_network(sc.network, *sc.seed);
  tacit::model::RunOptions options = tacit::runner::run_options(sc, 2);
  options.ticks = warmup + ticks;
  tacit::model::Simulation sim(net, sc.model, options);
  for (unsigned t = 0; t < warmup; ++t) sim.step();
  const auto before = tacit_bench::allocation_count().allocations;
  for (unsigned t = 0; t < ticks; ++t) sim.step();
  return tacit_bench::allocation_count().allocations - before;
}

}  // namespace

TEST_CASE("the counting allocator counts", "[allocations]") {
  const auto before = tacit_bench::allocation_count();
  auto* v = new std::vector<double>(1000);
  const auto after = tacit_bench::allocation_count();
  delete v;
  CHECK(after.allocations - before.allocations == 2);  // the vector object and its 1000 doubles
  CHECK(after.bytes - before.bytes == sizeof(std::vector<double>) + 1000 * sizeof(double));
}

TEST_CASE("a warmed-up tick allocates nothing", "[allocations][performance]") {
  // A game has fixed buffers: nothing at all after the first tick.
  CHECK(allocations_in_ticks("bench/pgg.yaml", {"network.agents=2000"}, 10, 40) == 0);
  // The sharing model's requests and rounds, and a platform's posts, feeds and communities,
  // still reach new highs now and then, each buffer doubling when it does; a buffer that
  // allocated every tick (there are 2 threads, 40 ticks) would give 40 or more. How high the
  // per-thread buffers (likes, new posts) get depends on which thread took which blocks, so the
  // count varies from run to run: hybrid.yaml gave 7-9 (2026-11-24), 10 once under load.
  for (const char* file : {"scenarios/esm/none.yaml", "scenarios/examples/demo.yaml", "scenarios/esm/bottom_up.yaml",
                           "scenarios/esm/top_down.yaml", "scenarios/esm/hybrid.yaml"}) {
    INFO(file);
    CHECK(allocations_in_ticks(file, {}, 60, 40) < 20);
  }
}
