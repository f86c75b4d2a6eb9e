#include "tacit/output/output_dir.hpp"

#include <system_error>
#include <unistd.h>

#include "tacit/core/error.hpp"

namespace tacit::output {

namespace fs = std::filesystem;

const std::vector<std::string>& known_output_names() {
  static const std::vector<std::string> names = {
      "timeseries.csv", "agents.csv", "scenario.resolved.yaml", "manifest.json",
      "network.graphml", "edges.csv",
  };
  return names;
}

OutputDirectory::OutputDirectory(fs::path path, bool force) : m_path(std::move(path)) {
  std::error_code ec;
  if (fs::exists(m_path, ec)) {
    if (!fs::is_directory(m_path, ec))
      throw InputError("output path '" + m_path.string() + "' exists and is not a directory; choose another -o");
    if (!fs::is_empty(m_path, ec)) {
      if (!force)
        throw InputError("output directory '" + m_path.string() +
                         "' is not empty; use --force to overwrite its tacit outputs, or choose another -o");
      for (const auto& name : known_output_names()) fs::remove(m_path / name, ec);
    }
  } else {
    fs::create_directories(m_path, ec);
    if (ec) throw Error("cannot create output directory '" + m_path.string() + "': " + ec.message());
  }
}

OutputDirectory::~OutputDirectory() {
  if (m_committed) return;
  for (auto& f : m_files) {
    f->stream.close();
    std::error_code ec;
    fs::remove(f->temp, ec);
  }
}

std::ostream& OutputDirectory::open(const std::string& name) {
  auto file = std::make_unique<File>();
  file->name = name;
  file->temp = m_path / ("." + name + ".tmp-" + std::to_string(::getpid()));
  file->stream.open(file->temp, std::ios::binary | std::ios::trunc);
  if (!file->stream)
    throw Error("cannot write '" + file->temp.string() + "': " + std::error_code(errno, std::generic_category()).message());
  m_files.push_back(std::move(file));
  return m_files.back()->stream;
}

void OutputDirectory::commit() {
  for (auto& f : m_files) {
    f->stream.flush();
    f->stream.close();
    if (f->stream.fail()) throw Error("writing '" + (m_path / f->name).string() + "' failed (disk full?)");
  }
  for (auto& f : m_files) {
    std::error_code ec;
    fs::rename(f->temp, m_path / f->name, ec);
    if (ec) throw Error("cannot rename '" + f->temp.string() + "' to '" + f->name + "': " + ec.message());
  }
  m_committed = true;
}

std::vector<fs::path> OutputDirectory::committed() const {
  std::vector<fs::path> out;
  if (!m_committed) return out;
  for (const auto& f : m_files) out.push_back(m_path / f->name);
  return out;
}

}  // namespace tacit::output
