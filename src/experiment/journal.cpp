#include "tacit/experiment/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "tacit/core/error.hpp"

namespace tacit::experiment {

namespace {

std::string errno_text() { return std::strerror(errno); }

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool to_u64(const std::string& s, std::uint64_t& out) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

// ---- AppendFile ------------------------------------------------------------------------------

AppendFile::AppendFile(const std::filesystem::path& path, std::uint64_t truncate_to, bool create)
    : m_path(path) {
  m_fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0), 0644);
  if (m_fd < 0) throw Error("cannot open " + path.string() + ": " + errno_text());
  // The constructor may still throw: close the descriptor first (no destructor will).
  auto fail = [this](std::string message) {
    ::close(m_fd);
    m_fd = -1;
    throw Error(std::move(message));
  };
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) fail("cannot stat " + path.string() + ": " + errno_text());
  if (static_cast<std::uint64_t>(st.st_size) < truncate_to) {
    fail(path.string() + " is shorter (" + std::to_string(st.st_size) +
         " bytes) than its journal says (" + std::to_string(truncate_to) +
         " bytes): it was changed after the sweep wrote it; start over with --force");
  }
  if (::ftruncate(m_fd, static_cast<off_t>(truncate_to)) != 0 ||
      ::lseek(m_fd, static_cast<off_t>(truncate_to), SEEK_SET) < 0) {
    fail("cannot truncate " + path.string() + ": " + errno_text());
  }
  m_size = truncate_to;
}

AppendFile::~AppendFile() {
  if (m_fd >= 0) ::close(m_fd);
}

AppendFile::AppendFile(AppendFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size), m_path(std::move(other.m_path)) {}

AppendFile& AppendFile::operator=(AppendFile&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
    m_size = other.m_size;
    m_path = std::move(other.m_path);
  }
  return *this;
}

void AppendFile::append(const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(m_fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error("cannot write " + m_path.string() + ": " + errno_text());
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  m_size += text.size();
}

void AppendFile::sync() {
  if (::fsync(m_fd) != 0) throw Error("cannot sync " + m_path.string() + ": " + errno_text());
}

// ---- shards ----------------------------------------------------------------------------------

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  std::uint64_t i = 0;
  std::uint64_t n = 0;
  if (slash == std::string::npos || !to_u64(text.substr(0, slash), i) ||
      !to_u64(text.substr(slash + 1), n) || n == 0 || i == 0 || i > n || n > 1000000) {
    throw InputError("--shard must be I/N with 1 <= I <= N (I counts from 1), such as 2/8; got '" +
                     text + "'");
  }
  return Shard{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(n)};
}

// ---- journal ---------------------------------------------------------------------------------

std::string journal_header_text(const JournalHeader& h) {
  return "tacit-sweep-journal 1\nexperiment " + h.experiment_hash + "\nseed " +
         std::to_string(h.seed) + " " + h.seed_source + "\nshard " + h.shard.str() + "\nstart " +
         std::to_string(h.runs_bytes) + " " + std::to_string(h.timeseries_bytes) + "\n";
}

std::string journal_entry_text(const JournalEntry& e) {
  return "run " + std::to_string(e.run) + (e.failed ? " failed " : " ok ") +
         std::to_string(e.runs_bytes) + " " + std::to_string(e.timeseries_bytes) + "\n";
}

JournalReplay read_journal(const std::filesystem::path& path,
                           const std::function<void(const JournalEntry&)>& on_entry) {
  JournalReplay replay;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open " + path.string());
  std::string line;
  int header_lines = 0;
  std::uint64_t offset = 0;
  std::uint64_t line_number = 0;
  auto malformed = [&](const std::string& why) {
    return Error(path.string() + ":" + std::to_string(line_number) + ": malformed journal line (" +
                 why + "); start the sweep over with --force");
  };
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline: a line torn by a crash
    ++line_number;
    const auto w = words(line);
    if (header_lines < 5) {
      bool ok = false;
      switch (header_lines) {
        case 0: ok = w.size() == 2 && w[0] == "tacit-sweep-journal" && w[1] == "1"; break;
        case 1:
          ok = w.size() == 2 && w[0] == "experiment";
          if (ok) replay.header.experiment_hash = w[1];
          break;
        case 2:
          ok = w.size() == 3 && w[0] == "seed" && to_u64(w[1], replay.header.seed);
          if (ok) replay.header.seed_source = w[2];
          break;
        case 3:
          if (w.size() == 2 && w[0] == "shard") {
            try {
              replay.header.shard = parse_shard(w[1]);
              ok = true;
            } catch (const InputError&) {
              ok = false;
            }
          }
          break;
        case 4:
          ok = w.size() == 3 && w[0] == "start" && to_u64(w[1], replay.header.runs_bytes) &&
               to_u64(w[2], replay.header.timeseries_bytes);
          break;
        default: break;
      }
      if (!ok) throw malformed("header");
      ++header_lines;
      offset += line.size() + 1;
      if (header_lines == 5) {
        replay.has_header = true;
        replay.valid_bytes = offset;
      }
      continue;
    }
    JournalEntry e;
    if (w.size() != 5 || w[0] != "run" || !to_u64(w[1], e.run) || (w[2] != "ok" && w[2] != "failed") ||
        !to_u64(w[3], e.runs_bytes) || !to_u64(w[4], e.timeseries_bytes)) {
      throw malformed("expected 'run INDEX ok|failed BYTES BYTES'");
    }
    e.failed = w[2] == "failed";
    ++replay.entries;
    if (e.failed) ++replay.failed;
    replay.last = e;
    if (on_entry) on_entry(e);
    offset += line.size() + 1;
    replay.valid_bytes = offset;
  }
  return replay;
}

}  // namespace tacit::experiment
