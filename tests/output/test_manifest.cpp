#include <catch2/catch.hpp>

#include <sstream>

#include "tacit/output/manifest.hpp"

using namespace tacit::output;

TEST_CASE("FNV-1a 64 matches the published test vectors", "[manifest]") {
  // Vectors from the FNV reference (Fowler, Noll, Vo): "" and "a".
  CHECK(fnv1a_hex("") == "cbf29ce484222325");
  CHECK(fnv1a_hex("a") == "af63dc4c8601ec8c");
}

TEST_CASE("manifest is JSON with the seed as number and string, strings escaped", "[manifest]") {
  ManifestInfo m;
  m.tacit_version = "0.1.0";
  m.scenario_name = "quote\"d";
  m.seed = 18446744073709551615ULL;
  m.files = {"a.csv", "b.csv"};
  std::ostringstream out;
  write_manifest(out, m);
  const std::string s = out.str();
  CHECK(s.find("\"seed\": 18446744073709551615,") != std::string::npos);
  CHECK(s.find("\"seed_string\": \"18446744073709551615\"") != std::string::npos);
  CHECK(s.find("\"scenario_name\": \"quote\\\"d\"") != std::string::npos);
  CHECK(s.find("\"files\": [\"a.csv\", \"b.csv\"]\n}") != std::string::npos);
  CHECK(utc_now().size() == 20);
}
