#include "tacit/core/error.hpp"

namespace tacit {

std::string SourceLocation::str() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string Diagnostic::str() const { return where.str() + ": " + message; }

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out;
}
}  // namespace

InputFileError::InputFileError(std::vector<Diagnostic> diagnostics)
    : InputError(join(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

InputFileError::InputFileError(SourceLocation where, std::string message)
    : InputFileError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

}  // namespace tacit
