#pragma once
// The experiment verbs of the CLI: `sweep`, `merge` and `compare` (docs/EXPERIMENTS.md).
// Internal to src/app, where CLI11 is fenced in: run_cli registers them on its CLI::App before
// parsing and asks them to dispatch after.

#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace tacit::app {

class ExperimentVerbs {
 public:
  /// Adds the subcommands and their options to `app`.
  explicit ExperimentVerbs(CLI::App& app);
  ~ExperimentVerbs();
  ExperimentVerbs(const ExperimentVerbs&) = delete;
  ExperimentVerbs& operator=(const ExperimentVerbs&) = delete;

  /// Runs the experiment verb that was parsed and returns its exit code; nullopt when the verb
  /// was another one. `command` (the command line) is recorded in manifests. Throws tacit's
  /// typed errors for run_cli's handler.
  std::optional<int> dispatch(const std::string& command) const;

  struct Args;  ///< the parsed options, defined in experiment_verbs.cpp

 private:
  std::unique_ptr<Args> m_args;
};

}  // namespace tacit::app
