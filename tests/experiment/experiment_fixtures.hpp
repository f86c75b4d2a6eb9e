#pragma once
// Shared by the experiment tests: a small base scenario (60 agents, 30 ticks: a run takes a few
// milliseconds) and helpers to write an experiment beside it in a scratch directory.

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "cli/cli_harness.hpp"

namespace tacit_test {

inline const std::string k_base_scenario = R"(name: small
ticks: 30
network:
  generator: teams
  agents: 60
  team_size: 6
  teams_per_department: 2
knowledge:
  topics: 3
)";

/// A scratch directory holding base.yaml and `experiment` as e.yaml; returns the directory.
inline std::filesystem::path experiment_dir(const std::string& name, const std::string& experiment,
                                            const std::string& base = k_base_scenario) {
  const auto dir = scratch(name);
  write_file(dir / "base.yaml", base);
  write_file(dir / "e.yaml", experiment);
  return dir;
}

/// `p` between single quotes, for the shell.
inline std::string sh(const std::filesystem::path& p) {
  std::string s(1, '\'');
  s += p.string();
  s += '\'';
  return s;
}

/// The pieces joined. GCC 12 at -O3 warns falsely (-Wrestrict, PR 105651) on some chains of
/// "literal" + std::string + "literal"; this sidesteps them.
inline std::string cat(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (auto p : pieces) out += p;
  return out;
}

/// Number of lines of a text.
inline std::size_t lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace tacit_test
