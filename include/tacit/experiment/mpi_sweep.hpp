#pragma once
// A sweep over MPI ranks (build with -DTACIT_MPI=ON; launch with mpirun, see docs/CLUSTER.md).
// Rank 0 loads the experiment, prepares the output directory (fresh or resumed) and hands runs
// out one at a time to ranks 1..N−1 as they ask for work; it writes every result in run order
// through the same code as a local sweep, so the outputs are byte-identical to one. Each
// worker runs one run at a time with one thread. With a single rank, rank 0 runs them itself.

#include <string>

#include "tacit/experiment/sweep.hpp"

namespace tacit::experiment {

/// True when this tacit was built with MPI.
bool mpi_available();

/// What one rank of an MPI sweep returns.
struct MpiSweepResult {
  bool root = false;     ///< rank 0: `summary` is filled
  int exit_code = 0;     ///< for ranks > 0: the code to exit with (rank 0 fails by throwing)
  SweepSummary summary;
};

/// Runs the sweep of the experiment file at `path` over MPI_COMM_WORLD; calls MPI_Init and
/// MPI_Finalize. On rank 0 throws like run_sweep; other ranks return quietly with the exit
/// code. Throws InputError when tacit was built without MPI.
MpiSweepResult run_sweep_mpi(const std::string& path, const SweepOptions& options);

}  // namespace tacit::experiment
