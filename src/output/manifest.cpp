#include "tacit/output/manifest.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <unistd.h>

#include "tacit/core/format.hpp"

namespace tacit::output {

namespace {
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}
}  // namespace

void write_manifest(std::ostream& out, const ManifestInfo& m) {
  std::string s = "{\n";
  auto field = [&](const char* key, const std::string& json_value, bool last = false) {
    s += "  \"";
    s += key;
    s += "\": " + json_value + (last ? "\n" : ",\n");
  };
  auto number = [](auto x) {
    std::string t;
    core::append_number(t, x);
    return t;
  };
  field("tacit_version", json_string(m.tacit_version));
  field("git_commit", json_string(m.git_commit));
  field("command", json_string(m.command));
  field("scenario_name", json_string(m.scenario_name));
  field("scenario_file", json_string(m.scenario_file));
  field("scenario_hash", json_string(m.scenario_hash));
  // The seed as a string too: JSON readers that use doubles would round a 64-bit integer.
  field("seed", number(m.seed));
  field("seed_string", json_string(number(m.seed)));
  field("seed_source", json_string(m.seed_source));
  field("ticks", number(m.ticks));
  field("agents", number(m.agents));
  field("ties", number(m.ties));
  field("threads", number(m.threads));
  field("host", json_string(m.host));
  field("start_time", json_string(m.start_time));
  field("end_time", json_string(m.end_time));
  field("wall_seconds", number(m.wall_seconds));
  std::string files = "[";
  for (std::size_t i = 0; i < m.files.size(); ++i) files += (i ? ", " : "") + json_string(m.files[i]);
  field("files", files + "]", true);
  s += "}\n";
  out << s;
}

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

}  // namespace tacit::output
