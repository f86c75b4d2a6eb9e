// Built instead of mpi_sweep.cpp when TACIT_MPI is OFF.
#include "tacit/core/error.hpp"
#include "tacit/experiment/mpi_sweep.hpp"

namespace tacit::experiment {

bool mpi_available() { return false; }

MpiSweepResult run_sweep_mpi(const std::string& /*path*/, const SweepOptions& /*options*/) {
  throw InputError("--mpi: this tacit was built without MPI; rebuild with cmake -DTACIT_MPI=ON "
                   "(Debian: apt-get install libopenmpi-dev openmpi-bin), or use --shard");
}

}  // namespace tacit::experiment
