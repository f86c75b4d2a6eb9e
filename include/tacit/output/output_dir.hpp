#pragma once
// A run's output directory with atomic files: every file is written under a temporary name
// in the same directory and renamed to its final name only when the whole run has succeeded
// (commit()). A run that fails leaves no file under a final name.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace tacit::output {

/// File names a run may write; with --force, stale copies of these are removed first.
const std::vector<std::string>& known_output_names();

class OutputDirectory {
 public:
  /// Creates `path` (and parents) if needed. An existing non-empty directory is refused with an
  /// InputError unless `force`; with `force` the known output names in it are removed.
  OutputDirectory(std::filesystem::path path, bool force);
  ~OutputDirectory();  ///< removes temporary files that were never committed
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  /// A stream to the temporary file that becomes `name` on commit().
  std::ostream& open(const std::string& name);
  /// Closes every file, checks it was written completely, renames each to its final name.
  /// Throws tacit::Error on any I/O failure (and then leaves no final file of this run).
  void commit();

  const std::filesystem::path& path() const { return m_path; }
  /// Final paths of the committed files, in the order they were opened.
  std::vector<std::filesystem::path> committed() const;

 private:
  struct File {
    std::string name;
    std::filesystem::path temp;
    std::ofstream stream;
  };
  std::filesystem::path m_path;
  std::vector<std::unique_ptr<File>> m_files;
  bool m_committed = false;
};

}  // namespace tacit::output
