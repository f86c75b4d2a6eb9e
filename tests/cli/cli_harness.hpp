#pragma once
// Runs the real tacit binary (built alongside the tests) and captures exit code, stdout, stderr.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace tacit_test {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The per-process scratch root, removed when the test process exits.
inline const std::filesystem::path& scratch_root() {
  struct Root {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("tacit-cli-" + std::to_string(::getpid()));
    ~Root() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const Root root;
  return root.path;
}

/// A fresh scratch directory per test process.
inline std::filesystem::path scratch(const std::string& name) {
  const auto p = scratch_root() / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

/// Runs `tacit ARGS` (ARGS already shell-quoted where needed) from the source directory.
inline Result tacit(const std::string& args) {
  const auto dir = scratch_root() / "io";
  std::filesystem::create_directories(dir);
  const auto out = dir / "stdout";
  const auto err = dir / "stderr";
  const std::string cmd = std::string("cd '") + TACIT_SOURCE_DIR + "' && '" + TACIT_BINARY + "' " + args +
                          " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace tacit_test
