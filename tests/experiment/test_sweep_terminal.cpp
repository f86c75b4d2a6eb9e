// What tacit sweep shows on a terminal (the progress bar), and that its memory does not grow
// with the number of runs (rows are streamed to the files, not collected).

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>

#include "experiment_fixtures.hpp"

using namespace tacit_test;

namespace {

/// Runs `command` from the source directory under a pseudo-terminal (util-linux `script`), so
/// that tacit's stderr is a terminal; returns what the terminal received.
std::string on_terminal(const std::filesystem::path& dir, const std::string& command) {
  const auto out = dir / "terminal.txt";
  const std::string cmd = cat({"cd '", TACIT_SOURCE_DIR, "' && script -qec ", sh(command), " /dev/null </dev/null >",
                               sh(out), " 2>&1"});
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  return slurp(out);
}

bool have_script() { return std::system("command -v script >/dev/null 2>&1") == 0; }

/// Peak resident set size, in KiB, of the largest child process waited for so far.
long children_peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("on a terminal, sweep draws runs done of total, failures, elapsed time and ETA", "[sweep][terminal]") {
  if (!have_script()) {
    WARN("util-linux `script` is not installed: the progress bar is not tested");
    return;
  }
  // Point 1 (transparency 2) is out of range: its 3 runs fail, the other 3 run.
  const auto dir = experiment_dir("progress", R"(scenario: base.yaml
seed: 3
replications: 3
factors:
  organization.transparency: [0, 2]
)");
  const std::string sweep = cat({"'", TACIT_BINARY, "' sweep ", (dir / "e.yaml").string(), " -j 1 -o ",
                                 (dir / "out").string()});
  const std::string screen = on_terminal(dir, sweep);
  INFO(screen);
  CHECK(screen.find("] 0/6 runs  0 failed  elapsed 0s  ETA ?") != std::string::npos);
  CHECK(screen.find("[########################] 6/6 runs  3 failed  elapsed ") != std::string::npos);
  CHECK(screen.find("ETA 0s") != std::string::npos);
  // The bar is erased, over its whole width, before the summary, which starts on a clean line.
  std::size_t width = 0;
  for (std::size_t at = screen.find("\r["); at != std::string::npos; at = screen.find("\r[", at + 1)) {
    width = std::max(width, screen.find('\r', at + 1) - at - 1);
  }
  CHECK(width >= 60);
  std::string erase(1, '\r');
  erase.append(width, ' ');
  erase += '\r';
  CHECK(screen.find(erase) != std::string::npos);
  CHECK(screen.find("tacit: 3 of 6 runs failed (status and error in") != std::string::npos);

  SECTION("--quiet draws nothing, on a terminal too") {
    CHECK(on_terminal(dir, sweep + " --force --quiet").find("runs  ") == std::string::npos);
  }
  SECTION("nothing when stderr is not a terminal") {
    const auto r = tacit_test::tacit("sweep " + sh(dir / "e.yaml") + " -j 1 --force -o " + sh(dir / "out"));
    CHECK(r.code == 1);
    CHECK(r.err.find("runs  ") == std::string::npos);
    CHECK(r.err.find('\r') == std::string::npos);
  }
}

TEST_CASE("sweep memory does not grow with the number of runs", "[sweep][memory]") {
  // Every run keeps its whole time series (31 rows of ~50 columns, ~12 kB), so 40 runs write
  // ~0.5 MB and 4000 runs ~50 MB. A sweep that held its rows would need the 50 MB; one that
  // streams them needs what 40 runs need.
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer holds freed blocks in a quarantine of up to 256 MB before reusing them, so
  // under the debug preset every sweep's peak would grow with the bytes it ever allocated; the
  // child processes run without the quarantine so the test measures what is live.
  const char* given = std::getenv("ASAN_OPTIONS");
  const std::string options = std::string(given != nullptr ? given : "") + ":quarantine_size_mb=0";
  ::setenv("ASAN_OPTIONS", options.c_str(), 1);
#endif
  const std::string experiment = R"(scenario: base.yaml
seed: 8
replications: REPS
factors:
  organization.transparency: [0, 1]
keep:
  timeseries_every: 1
)";
  auto with_reps = [&](const std::string& reps) {
    std::string e = experiment;
    e.replace(e.find("REPS"), 4, reps);
    return e;
  };
  const auto small = experiment_dir("memory-small", with_reps("20"));
  const auto large = experiment_dir("memory-large", with_reps("2000"));
  REQUIRE(tacit_test::tacit("sweep " + sh(small / "e.yaml") + " -q -j 2 -o " + sh(small / "out")).code == 0);
  const long small_peak = children_peak_rss_kib();
  REQUIRE(tacit_test::tacit("sweep " + sh(large / "e.yaml") + " -q -j 2 -o " + sh(large / "out")).code == 0);
  const long both_peak = children_peak_rss_kib();
  const auto written = std::filesystem::file_size(large / "out/timeseries.csv");
  INFO("peak RSS after 40 runs " << small_peak << " KiB, after 4000 runs " << both_peak << " KiB; "
                                  << written / 1024 << " KiB of time series written");
  REQUIRE(written > 40u * 1024 * 1024);
  CHECK(both_peak - small_peak < 10 * 1024);
}
