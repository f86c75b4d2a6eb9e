#pragma once
// The command-line interface (CLI11): thin verbs over the libraries, one top-level error
// handler mapping tacit's typed errors to exit codes (0 ok, 1 runtime failure, 2 bad input).

namespace tacit::app {

/// Parses argv, runs the verb, returns the process exit code. Errors go to stderr.
int run_cli(int argc, char** argv);

}  // namespace tacit::app
