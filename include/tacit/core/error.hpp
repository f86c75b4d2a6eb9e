#pragma once
// Typed errors, caught once at the top (tacit::app::run_cli), each mapped to one exit code.

#include <stdexcept>
#include <string>
#include <vector>

namespace tacit {

/// Process exit codes: the only three tacit uses.
enum class ExitCode : int { ok = 0, runtime_failure = 1, bad_input = 2 };

/// A runtime failure (I/O, numerical trouble): exit code 1.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input from the user (usage, scenario, input file): exit code 2.
class InputError : public Error {
 public:
  using Error::Error;
};

/// Where in an input file something is. Line and column count from 1; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  /// "file:line:col", "file:line" or "file", whichever is known.
  std::string str() const;
};

/// One problem found in an input file: where, and what is wrong and what is allowed.
struct Diagnostic {
  SourceLocation where;
  std::string message;
  /// "file:line:col: message".
  std::string str() const;
};

/// Bad input with one or more located diagnostics (all errors of a file reported at once).
class InputFileError : public InputError {
 public:
  explicit InputFileError(std::vector<Diagnostic> diagnostics);
  InputFileError(SourceLocation where, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

 private:
  std::vector<Diagnostic> m_diagnostics;
};

}  // namespace tacit
