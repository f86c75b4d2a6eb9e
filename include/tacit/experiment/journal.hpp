#pragma once
// Crash safety of a sweep. The sweep appends rows to runs.csv and timeseries.csv, makes them
// durable (fsync), and only then appends one line per finished run to the journal
// (sweep.journal) with the byte sizes the two CSVs had after that run, and fsyncs the journal.
// After a crash, SIGKILL or power loss, the journal's last complete line says exactly how much
// of each CSV is committed: `--resume` truncates both to those sizes (dropping rows written
// after the last journal line, and any torn trailing line) and runs only the missing runs.
//
// Journal format (text, one record per line; docs/EXPERIMENTS.md):
//   tacit-sweep-journal 1
//   experiment <hash>            experiment_hash() of the sweep
//   seed <root seed> <source>
//   shard <I>/<N>
//   start <runs.csv bytes> <timeseries.csv bytes>     (the headers)
//   run <index> ok|failed <runs.csv bytes> <timeseries.csv bytes>   (one per finished run)

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace tacit::experiment {

/// A file opened for appending through a POSIX descriptor, so it can be fsync'd and truncated.
class AppendFile {
 public:
  AppendFile() = default;
  /// Opens `path`: created empty when `truncate_to` is 0 and the file is missing, else cut to
  /// `truncate_to` bytes (throws tacit::Error when it is shorter than that).
  AppendFile(const std::filesystem::path& path, std::uint64_t truncate_to, bool create);
  ~AppendFile();
  AppendFile(AppendFile&& other) noexcept;
  AppendFile& operator=(AppendFile&& other) noexcept;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  bool is_open() const { return m_fd >= 0; }
  /// Writes all of `text` (throws tacit::Error on failure).
  void append(const std::string& text);
  /// fsync: what was appended survives a crash of the machine.
  void sync();
  /// Bytes in the file.
  std::uint64_t size() const { return m_size; }

 private:
  int m_fd = -1;
  std::uint64_t m_size = 0;
  std::filesystem::path m_path;
};

/// Which runs a process executes: those with index % count == index − 1 (index from 1).
struct Shard {
  std::uint32_t index = 1;
  std::uint32_t count = 1;
  bool contains(std::uint64_t run) const { return run % count == index - 1; }
  /// Runs of a sweep of `total` runs that fall in this shard.
  std::uint64_t size_of(std::uint64_t total) const {
    return total / count + (total % count > index - 1 ? 1 : 0);
  }
  /// "I/N".
  std::string str() const { return std::to_string(index) + "/" + std::to_string(count); }
};

/// Reads "I/N" (1 ≤ I ≤ N); throws InputError otherwise.
Shard parse_shard(const std::string& text);

struct JournalHeader {
  std::string experiment_hash;
  std::uint64_t seed = 0;
  std::string seed_source;
  Shard shard;
  std::uint64_t runs_bytes = 0;        ///< runs.csv with its header only
  std::uint64_t timeseries_bytes = 0;  ///< timeseries.csv with its header only (0: none)
};

struct JournalEntry {
  std::uint64_t run = 0;
  bool failed = false;
  std::uint64_t runs_bytes = 0;
  std::uint64_t timeseries_bytes = 0;
};

/// What a journal on disk says.
struct JournalReplay {
  bool has_header = false;  ///< false: a journal torn while it was being created
  JournalHeader header;
  std::uint64_t entries = 0;  ///< complete run lines
  std::uint64_t failed = 0;   ///< of which failed
  std::optional<JournalEntry> last;
  std::uint64_t valid_bytes = 0;  ///< length of the complete lines; the rest is torn
};

/// Reads the journal at `path`; `on_entry` sees each complete run line in order. Throws
/// tacit::Error when a complete line is malformed (a torn last line is not an error).
JournalReplay read_journal(const std::filesystem::path& path,
                           const std::function<void(const JournalEntry&)>& on_entry = {});

/// Text of the header lines.
std::string journal_header_text(const JournalHeader& header);
/// Text of one run line.
std::string journal_entry_text(const JournalEntry& entry);

}  // namespace tacit::experiment
