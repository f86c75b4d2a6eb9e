#pragma once
// manifest.json: what is needed to reproduce and audit a run (docs/OUTPUTS.md).

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::output {

struct ManifestInfo {
  std::string tacit_version;
  std::string git_commit;
  std::string command;        ///< the command line, arguments joined by spaces
  std::string scenario_name;
  std::string scenario_file;
  std::string scenario_hash;  ///< FNV-1a 64 of scenario.resolved.yaml, hex
  std::uint64_t seed = 0;
  std::string seed_source;    ///< "scenario", "--seed" or "drawn"
  std::uint32_t ticks = 0;
  std::uint32_t agents = 0;
  std::uint64_t ties = 0;
  std::uint32_t threads = 1;
  std::string host;
  std::string start_time;     ///< ISO 8601 UTC
  std::string end_time;
  double wall_seconds = 0.0;
  std::vector<std::string> files;  ///< output files of the run
};

void write_manifest(std::ostream& out, const ManifestInfo& info);

/// FNV-1a 64-bit hash of `text` as 16 lower-case hex digits.
std::string fnv1a_hex(std::string_view text);
/// Current time as ISO 8601 UTC, e.g. "2026-11-22T22:40:00Z".
std::string utc_now();
/// This machine's host name ("unknown" when it cannot be read).
std::string host_name();

}  // namespace tacit::output
