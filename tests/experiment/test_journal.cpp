#include <catch2/catch.hpp>

#include "experiment_fixtures.hpp"
#include "tacit/core/error.hpp"
#include "tacit/experiment/journal.hpp"

using namespace tacit::experiment;
using namespace tacit_test;

TEST_CASE("shards split runs by index modulo N", "[journal]") {
  const Shard s = parse_shard("2/3");
  CHECK(s.index == 2);
  CHECK(s.count == 3);
  CHECK(s.contains(1));
  CHECK(s.contains(4));
  CHECK_FALSE(s.contains(3));
  CHECK(s.size_of(10) == 3);  // 1, 4, 7
  CHECK(parse_shard("1/3").size_of(10) == 4);
  CHECK(parse_shard("3/3").size_of(10) == 3);
  CHECK(s.str() == "2/3");
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "-1/2"}) {
    CHECK_THROWS_AS(parse_shard(bad), tacit::InputError);
  }
}

TEST_CASE("a journal reads back; a torn last line is ignored", "[journal]") {
  const auto dir = scratch("journal");
  const auto path = dir / "sweep.journal";
  JournalHeader h{"0123456789abcdef", 42, "drawn", Shard{1, 2}, 100, 200};
  const std::string text = journal_header_text(h) + journal_entry_text({0, false, 150, 400}) +
                           journal_entry_text({2, true, 180, 400});
  write_file(path, text + "run 4 ok 2");  // torn: no newline
  std::vector<std::uint64_t> runs;
  const JournalReplay r = read_journal(path, [&](const JournalEntry& e) { runs.push_back(e.run); });
  REQUIRE(r.has_header);
  CHECK(r.header.experiment_hash == "0123456789abcdef");
  CHECK(r.header.seed == 42);
  CHECK(r.header.seed_source == "drawn");
  CHECK(r.header.shard.str() == "1/2");
  CHECK(r.header.runs_bytes == 100);
  CHECK(r.header.timeseries_bytes == 200);
  CHECK(runs == std::vector<std::uint64_t>{0, 2});
  CHECK(r.entries == 2);
  CHECK(r.failed == 1);
  REQUIRE(r.last);
  CHECK(r.last->runs_bytes == 180);
  CHECK(r.valid_bytes == text.size());

  write_file(path, "tacit-sweep-journal 1\nexperiment ab");  // torn while it was created
  CHECK_FALSE(read_journal(path).has_header);
  write_file(path, journal_header_text(h) + "run x ok 1 2\n");
  CHECK_THROWS_AS(read_journal(path), tacit::Error);
}

TEST_CASE("an append file is cut to the journaled size, and refused when shorter", "[journal]") {
  const auto dir = scratch("append");
  const auto path = dir / "runs.csv";
  {
    AppendFile f(path, 0, true);
    f.append("header\nrow 1\nrow 2 (torn");
    f.sync();
    CHECK(f.size() == 24);
  }
  {
    AppendFile f(path, 13, false);
    f.append("row 2\n");
  }
  CHECK(slurp(path) == "header\nrow 1\nrow 2\n");
  CHECK_THROWS_AS(AppendFile(path, 1000, false), tacit::Error);
}
