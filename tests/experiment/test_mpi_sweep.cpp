// tacit sweep --mpi. With an MPI build (-DTACIT_MPI=ON) the sweep runs under mpirun with three
// ranks (rank 0 writes, two workers run) and must write the bytes of a local sweep; without
// one, --mpi is bad input with a message saying how to get it.

#include <catch2/catch.hpp>

#include <cstdlib>

#include "experiment_fixtures.hpp"

using namespace tacit_test;

namespace {
const std::string k_experiment = R"(scenario: base.yaml
seed: 13
replications: 5
factors:
  organization.transparency: [0, 1]
  network.weak_ties: [1, 4]
keep:
  final: [knowledge_mean, shares]
  window: {from: 5, to: 25}
  timeseries_every: 3
)";
}  // namespace

#ifdef TACIT_TEST_MPIEXEC
TEST_CASE("an MPI sweep writes the same bytes as a local sweep", "[mpi]") {
  const auto dir = experiment_dir("mpi", k_experiment);
  REQUIRE(tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -q -o " + sh(dir / "local")).code == 0);
  // Two ranks: one worker; three: two workers taking runs as they finish. Root is allowed in
  // containers; three ranks on two cores need --oversubscribe.
  for (const int ranks : {2, 3}) {
    const std::string tag = "mpi" + std::to_string(ranks);
    const std::string cmd =
        cat({"OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 '", TACIT_TEST_MPIEXEC,
             "' --oversubscribe -n ", std::to_string(ranks), " '", TACIT_BINARY, "' sweep ", sh(dir / "e.yaml"),
             " --mpi -o ", sh(dir / tag), " >", sh(dir / (tag + ".out")), " 2>", sh(dir / (tag + ".err"))});
    const int status = std::system(cmd.c_str());
    INFO("ranks " << ranks << ": " << slurp(dir / (tag + ".err")));
    REQUIRE(status == 0);
    const std::string workers = ranks == 2 ? "1 MPI workers" : "2 MPI workers";
    CHECK(slurp(dir / (tag + ".out")).find(workers + ": 20 ok, 0 failed") != std::string::npos);
    for (const char* f : {"runs.csv", "timeseries.csv", "experiment.resolved.yaml"}) {
      INFO(f);
      CHECK(slurp(dir / tag / f) == slurp(dir / "local" / f));
    }
  }
}
#else
TEST_CASE("sweep --mpi without an MPI build says how to get one, exit 2", "[mpi]") {
  const auto dir = experiment_dir("mpi", k_experiment);
  const auto r = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " --mpi -o " + sh(dir / "out"));
  CHECK(r.code == 2);
  CHECK(r.err == "tacit: error: --mpi: this tacit was built without MPI; rebuild with cmake -DTACIT_MPI=ON "
                 "(Debian: apt-get install libopenmpi-dev openmpi-bin), or use --shard\n");
}
#endif
