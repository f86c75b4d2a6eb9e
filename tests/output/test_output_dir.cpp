#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tacit/core/error.hpp"
#include "tacit/output/output_dir.hpp"

namespace fs = std::filesystem;
using tacit::output::OutputDirectory;

namespace {
fs::path fresh_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("tacit-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}
std::size_t count_entries(const fs::path& p) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(p), fs::directory_iterator{}));
}
}  // namespace

TEST_CASE("files appear under their final names only on commit", "[output]") {
  const fs::path dir = fresh_dir("commit");
  {
    OutputDirectory out(dir, false);
    out.open("timeseries.csv") << "tick\n0\n";
    out.open("agents.csv") << "id\n";
    CHECK_FALSE(fs::exists(dir / "timeseries.csv"));
    out.commit();
    CHECK(out.committed().size() == 2);
  }
  CHECK(fs::exists(dir / "timeseries.csv"));
  std::ifstream in(dir / "timeseries.csv");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  CHECK(all == "tick\n0\n");
  CHECK(count_entries(dir) == 2);  // no temporary left behind
  fs::remove_all(dir);
}

TEST_CASE("a run that never commits leaves nothing under a final name", "[output]") {
  const fs::path dir = fresh_dir("abort");
  {
    OutputDirectory out(dir, false);
    out.open("timeseries.csv") << "partial";
    // destroyed without commit, as when the run throws
  }
  CHECK(fs::exists(dir));
  CHECK(count_entries(dir) == 0);
  fs::remove_all(dir);
}

TEST_CASE("a non-empty directory is refused unless forced", "[output]") {
  const fs::path dir = fresh_dir("refuse");
  fs::create_directories(dir);
  std::ofstream(dir / "timeseries.csv") << "old";
  std::ofstream(dir / "notes.txt") << "mine";
  try {
    OutputDirectory out(dir, false);
    FAIL("expected an InputError");
  } catch (const tacit::InputError& e) {
    CHECK(std::string(e.what()) == "output directory '" + dir.string() +
                                       "' is not empty; use --force to overwrite its tacit outputs, or choose another -o");
  }
  {
    OutputDirectory out(dir, true);
    // --force removes stale tacit outputs but never the user's other files.
    CHECK_FALSE(fs::exists(dir / "timeseries.csv"));
    CHECK(fs::exists(dir / "notes.txt"));
  }
  std::ofstream(dir / "file") << "x";
  CHECK_THROWS_AS(OutputDirectory(dir / "file", false), tacit::InputError);
  fs::remove_all(dir);
}
