#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "network/check_network.hpp"
#include "tacit/core/error.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/network/io.hpp"

using namespace tacit::network;
using tacit::network::testing::check_csr;
namespace fs = std::filesystem;

namespace {

/// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    m_path = fs::temp_directory_path() /
             ("tacit-network-io-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `text` to `name` in the directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path p = m_path / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name) const { return (m_path / name).string(); }

 private:
  fs::path m_path;
};

Network csv(const std::string& text, const NetworkSpec& spec = {}) {
  std::istringstream in(text);
  return read_edges_csv(in, "edges.csv", spec);
}

Network graphml(const std::string& text, const NetworkSpec& spec = {}) {
  std::istringstream in(text);
  return read_graphml(in, "net.graphml", spec);
}

/// The full message of the InputFileError `f` throws, or "no error".
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const tacit::InputFileError& e) {
    return e.what();
  }
  return "no error";
}

std::string csv_error(const std::string& text, const NetworkSpec& spec = {}) {
  return error_of([&] { (void)csv(text, spec); });
}

std::string graphml_error(const std::string& text, const NetworkSpec& spec = {}) {
  return error_of([&] { (void)graphml(text, spec); });
}

/// Kind and weight of the tie between the nodes labelled a and b ("none" if absent).
std::string tie_of(const Network& net, const std::string& a, const std::string& b) {
  const auto& labels = net.labels();
  const auto ia = std::find(labels.begin(), labels.end(), a) - labels.begin();
  const auto ib = std::find(labels.begin(), labels.end(), b) - labels.begin();
  if (ia == static_cast<long>(labels.size()) || ib == static_cast<long>(labels.size())) {
    return "none";
  }
  const ArcId arc = net.find_arc(static_cast<NodeId>(ia), static_cast<NodeId>(ib));
  if (arc == net.num_arcs()) return "none";
  std::ostringstream out;
  out << to_string(net.arc_kind(arc)) << ' ' << net.arc_weight(arc);
  return out.str();
}

const char* const k_graphml_head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// CSV

TEST_CASE("CSV with a header, comments, quotes, duplicates and a self-loop", "[network][io]") {
  const Network net = csv(
      "# staff ties, exported 2024\r\n"
      "source,target,tie,weight\r\n"
      "alice,bob,strong,0.9\r\n"
      "\r\n"
      "bob,\"carol, jr\",weak,0.2\n"
      "   # an indented comment\n"
      " carol , alice , WEAK , 1e-1\n"
      "bob,alice,weak,5\n"
      "dan,dan,strong,1\n");
  check_csr(net);
  CHECK(net.labels() == std::vector<std::string>{"alice", "bob", "carol, jr", "carol", "dan"});
  CHECK(net.num_ties() == 3);
  CHECK(tie_of(net, "alice", "bob") == "strong 0.9");  // the duplicate bob,alice is ignored
  CHECK(tie_of(net, "carol, jr", "bob") == "weak 0.2");
  CHECK(tie_of(net, "alice", "carol") == "weak 0.1");
  CHECK(net.degree(4) == 0);  // dan: the self-loop is dropped, the node stays
  CHECK(net.team()[0] == -1);
  CHECK(net.num_teams() == 0);
}

TEST_CASE("CSV header columns may come in any order and use aliases", "[network][io]") {
  const Network net = csv("Weight,To,From,Kind\n0.5,b,a,weak\n");
  CHECK(net.labels() == std::vector<std::string>{"a", "b"});
  CHECK(tie_of(net, "a", "b") == "weak 0.5");
}

TEST_CASE("CSV without a header: columns by position", "[network][io]") {
  NetworkSpec spec;
  spec.strong_weight = 3.0f;
  spec.weak_weight = 0.5f;

  // No kinds: natural means overlap. A triangle 1-2-3 with a pendant 4 on 3 (threshold 0.1):
  // 1-2 shares 3 -> overlap 1/1, strong; 3-4 shares nothing -> weak. Weights follow the kinds.
  const Network plain = csv("1,2\n2,3\n3,1\n3,4\n", spec);
  CHECK(tie_of(plain, "1", "2") == "strong 3");
  CHECK(tie_of(plain, "3", "4") == "weak 0.5");

  const Network kinds = csv("x,y,weak\ny,z,strong\n", spec);
  CHECK(tie_of(kinds, "x", "y") == "weak 0.5");
  CHECK(tie_of(kinds, "z", "y") == "strong 3");

  // A number in the third column of the first line makes it the weight column.
  spec.tie_rule = TieRule::weight_threshold;
  spec.weight_threshold = 0.5;
  const Network weights = csv("x,y,0.7\ny,z,0.25\n", spec);
  CHECK(tie_of(weights, "x", "y") == "strong 0.7");
  CHECK(tie_of(weights, "y", "z") == "weak 0.25");

  const Network four = csv("x,y,weak,2\n", spec);  // weight_threshold reclassifies file kinds
  CHECK(tie_of(four, "x", "y") == "strong 2");
}

TEST_CASE("CSV errors name file, line and column, what is wrong and what is allowed",
          "[network][io]") {
  CHECK(csv_error("source,target,tie\na,b,strong\nb,c,stong\n") ==
        "edges.csv:3:5: tie must be 'strong' or 'weak', got 'stong'");
  CHECK(csv_error("a,b,weak,0.5\nb,c,weak,-1\n") ==
        "edges.csv:2:10: weight must be a finite number >= 0, got '-1'");
  CHECK(csv_error("a,b,weak,0.5\nb,c,weak,heavy\n") ==
        "edges.csv:2:10: weight must be a finite number >= 0, got 'heavy'");
  CHECK(csv_error("a,b,strong\nb,c\n") ==
        "edges.csv:2:4: expected 3 fields (source,target,tie), found 2");
  CHECK(csv_error("a,b\nb,c,weak\n") ==
        "edges.csv:2:5: expected 2 fields (source,target), found 3");
  CHECK(csv_error("source,target,wieght\n") ==
        "edges.csv:1:15: unknown column 'wieght' in the header; allowed: source, target, tie "
        "(or kind), weight");
  CHECK(csv_error("source,weight\n") ==
        "edges.csv:1:1: the header has no 'target' (or 'to') column; it needs source and target");
  CHECK(csv_error("source,target,tie,tie\n") ==
        "edges.csv:1:19: column 'tie' appears twice in the header");
  CHECK(csv_error("a b c\n") ==
        "edges.csv:1:1: expected 2 to 4 comma-separated fields (source,target[,tie][,weight]), "
        "found 1");
  CHECK(csv_error("a,\"b,weak\n") ==
        "edges.csv:1:3: unterminated quoted field: add the closing '\"'");
  CHECK(csv_error("a,\"b\"x,weak\n") ==
        "edges.csv:1:6: unexpected text after a closing quote: expected ',' or the end of the "
        "line");
  CHECK(csv_error("a,b\n,c\n") == "edges.csv:2:1: empty source id: every tie needs two node ids");
  // Columns count characters, not bytes.
  CHECK(csv_error("zoë,chloé,bof\n") ==
        "edges.csv:1:11: tie must be 'strong' or 'weak', got 'bof'");
  CHECK(csv_error("# nothing here\n\n") ==
        "edges.csv: no ties found: expected lines source,target[,tie][,weight]");
  CHECK(csv_error("source,target\n") ==
        "edges.csv: no ties found: expected lines source,target[,tie][,weight]");
  NetworkSpec by_weight;
  by_weight.tie_rule = TieRule::weight_threshold;
  CHECK(csv_error("a,b,weak\n", by_weight) ==
        "edges.csv: tie_rule weight_threshold needs a weight for every tie, but the file has no "
        "weight column; add one (source,target,tie,weight) or choose another tie_rule");
}

TEST_CASE("CSV errors are collected, up to 20 per file", "[network][io]") {
  std::string text = "a,b,strong\n";
  for (int i = 0; i < 25; ++i) text += "a,b,bad\n";  // 25 problems
  try {
    (void)csv(text);
    FAIL("no error");
  } catch (const tacit::InputFileError& e) {
    REQUIRE(e.diagnostics().size() == 21);
    CHECK(e.diagnostics()[0].str() == "edges.csv:2:5: tie must be 'strong' or 'weak', got 'bad'");
    CHECK(e.diagnostics()[0].where.line == 2);
    CHECK(e.diagnostics()[0].where.column == 5);
    CHECK(e.diagnostics()[19].where.line == 21);
    CHECK(e.diagnostics()[20].str() == "edges.csv: ... and 5 more problems not shown");
  }
}

// ---------------------------------------------------------------------------------------------
// GraphML

TEST_CASE("GraphML as networkx writes it, with keys, defaults and entities", "[network][io]") {
  const Network net = graphml(std::string(k_graphml_head) +
                              "  <!-- keys first -->\n"
                              "  <key id=\"d0\" for=\"edge\" attr.name=\"tie\" "
                              "attr.type=\"string\">"
                              "<default>strong</default></key>\n"
                              "  <key id=\"d1\" for=\"edge\" attr.name=\"weight\" "
                              "attr.type=\"double\"/>\n"
                              "  <key id=\"d2\" for=\"node\" attr.name=\"team\" "
                              "attr.type=\"int\">\n"
                              "    <default>7</default>\n"
                              "  </key>\n"
                              "  <key id=\"d3\" for=\"node\" attr.name=\"colour\"/>\n"
                              "  <graph id=\"G\" edgedefault=\"undirected\">\n"
                              "    <node id=\"R&amp;D\"><data key=\"d2\">0</data></node>\n"
                              "    <node id='ops'><data key=\"d3\">red</data></node>\n"
                              "    <node id=\"x&#233;\"/>\n"
                              "    <edge source=\"R&amp;D\" target=\"ops\">\n"
                              "      <data key=\"d0\"> weak </data><data key=\"d1\">0.25</data>\n"
                              "    </edge>\n"
                              "    <edge source=\"ops\" target=\"x&#xe9;\"/>\n"
                              "  </graph>\n"
                              "</graphml>\n");
  check_csr(net);
  CHECK(net.labels() == std::vector<std::string>{"R&D", "ops", "x\xC3\xA9"});
  CHECK(tie_of(net, "R&D", "ops") == "weak 0.25");
  CHECK(tie_of(net, "ops", "x\xC3\xA9") == "strong 1");  // default kind, weight by kind
  CHECK(std::vector<std::int32_t>(net.team().begin(), net.team().end()) ==
        std::vector<std::int32_t>{0, 7, 7});
  CHECK(net.department()[0] == -1);
}

TEST_CASE("GraphML without tie kinds is classified by the tie rule", "[network][io]") {
  const std::string text = std::string(k_graphml_head) +
                           "<graph edgedefault=\"directed\">"
                           "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/><node id=\"d\"/>"
                           "<edge source=\"a\" target=\"b\"/><edge source=\"b\" target=\"c\"/>"
                           "<edge source=\"c\" target=\"a\"/><edge source=\"c\" target=\"d\"/>"
                           "<edge source=\"b\" target=\"a\"/>"
                           "</graph></graphml>";
  const Network net = graphml(text);
  CHECK(net.num_ties() == 4);  // directed b->a and a->b are one tie
  CHECK(tie_of(net, "a", "b") == "strong 1");
  CHECK(tie_of(net, "c", "d") == "weak 0.5");
  NetworkSpec weak;
  weak.tie_rule = TieRule::all_weak;
  CHECK(tie_of(graphml(text, weak), "a", "b") == "weak 0.5");
}

TEST_CASE("GraphML errors name file, line and column", "[network][io]") {
  const std::string head = k_graphml_head;  // two lines
  CHECK(graphml_error("<?xml version=\"1.0\"?>\n<gml/>\n") ==
        "net.graphml:2:1: the root element is <gml>; a GraphML file has <graphml> as its root");
  CHECK(graphml_error(head + "<graph>\n  <node id=\"a\">\n</graph>\n</graphml>\n") ==
        "net.graphml:5:1: closing tag </graph> does not match <node> opened at 4:3");
  CHECK(graphml_error(head + "<graph>\n  <node id=\"a\"/>\n") ==
        "net.graphml:5:1: unexpected end of the file: <graph> opened at 3:1 is not closed");
  CHECK(graphml_error(head + "<graph><node id=\"a&b\"/></graph></graphml>") ==
        "net.graphml:3:19: unknown or malformed reference '&b'; XML allows &lt; &gt; "
        "&amp; &quot; &apos; &#N; &#xN; (write a literal '&' as &amp;)");
  CHECK(graphml_error(head + "<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"b\"/>\n"
                             "</graph></graphml>") ==
        "net.graphml:5:1: edge end 'b' is not declared by a <node id=\"b\"/>");
  CHECK(graphml_error(head + "<graph>\n<node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\"/>\n"
                             "</graph></graphml>") ==
        "net.graphml:5:1: <edge> needs a 'target' attribute");
  CHECK(graphml_error(head + "<graph>\n<node id=\"a\"/>\n<node id=\"a\"/>\n</graph></graphml>") ==
        "net.graphml:5:1: duplicate node id 'a' (first declared at 4:1)");
  CHECK(graphml_error(head + "<key id=\"k\" for=\"edge\" attr.name=\"kind\"/>\n<graph>\n"
                             "<node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\">"
                             "<data key=\"k\">medium</data></edge>\n</graph></graphml>") ==
        "net.graphml:6:29: tie must be 'strong' or 'weak', got 'medium'");
  CHECK(graphml_error(head + "<key id=\"k\" for=\"edge\" attr.name=\"tie\"/>\n<graph>\n"
                             "<node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"/>\n"
                             "</graph></graphml>") ==
        "net.graphml:6:1: <edge> without a tie kind: give every edge <data key=\"...\">strong"
        "</data> or weak, or a <default> in the tie key");
  CHECK(graphml_error(head + "<graph>\n<node id=\"a\"><data key=\"d9\">1</data></node>\n"
                             "</graph></graphml>") ==
        "net.graphml:4:14: data key 'd9' is not declared: add <key id=\"d9\" for=\"node\" "
        "attr.name=\"...\"/> under <graphml>");
  CHECK(graphml_error(head + "<key id=\"t\" for=\"node\" attr.name=\"team\"/><graph>\n"
                             "<node id=\"a\"><data key=\"t\">x</data></node>\n"
                             "</graph></graphml>") ==
        "net.graphml:4:14: team must be an integer >= -1 (-1: none), got 'x'");
  CHECK(graphml_error(head + "<graph>\n<hyperedge/>\n</graph></graphml>") ==
        "net.graphml:4:1: <hyperedge> is not supported; use <edge source=\"...\" target=\"...\">");
  CHECK(graphml_error(head + "<graph>\n<node id=a/>\n</graph></graphml>") ==
        "net.graphml:4:10: the value of attribute 'id' must be in quotes");
  CHECK(graphml_error(head + "<graph><graph/></graph></graphml>") ==
        "net.graphml:3:8: nested <graph> elements are not supported: tacit reads one flat graph");
  CHECK(graphml_error(head + "</graphml>\n<graphml/>") ==
        "net.graphml:4:1: a second root element <graphml>; an XML file has exactly one");
  CHECK(graphml_error("") == "net.graphml:1:1: no XML element found: expected <graphml>");
  CHECK(graphml_error(head + "</graphml>") ==
        "net.graphml: no <graph> element: nothing to read");
  NetworkSpec by_weight;
  by_weight.tie_rule = TieRule::weight_threshold;
  CHECK(graphml_error(head + "<graph>\n<node id=\"a\"/><node id=\"b\"/>\n"
                             "  <edge source=\"a\" target=\"b\"/>\n</graph></graphml>",
                      by_weight) ==
        "net.graphml:5:3: tie_rule weight_threshold needs a weight on every edge, and this one "
        "has none; add weight data (or a <default> in the weight key) or choose another tie_rule");
}

// ---------------------------------------------------------------------------------------------
// Files

TEST_CASE("read_network_file picks the format by extension and reports unreadable files",
          "[network][io]") {
  TempDir dir;
  NetworkSpec spec;
  spec.generator = Generator::file;

  spec.path = dir.write("ties.CSV", "a,b,weak\n");
  CHECK(tie_of(make_network(spec, 0), "a", "b") == "weak 0.5");

  spec.path = dir.write("ties.xml", std::string(k_graphml_head) +
                                        "<graph><node id=\"a\"/></graph></graphml>");
  CHECK(read_network_file(spec).num_nodes() == 1);

  spec.path = dir.write("ties.txt", "a,b\n");
  CHECK(error_of([&] { (void)read_network_file(spec); }) ==
        spec.path + ": cannot tell the network file's format from its extension '.txt': use "
                    ".csv, .graphml or .xml, or set format to csv or graphml");
  spec.format = FileFormat::csv;
  CHECK(read_network_file(spec).num_ties() == 1);

  spec.path = dir.path("missing.graphml");
  spec.format = FileFormat::automatic;
  CHECK(error_of([&] { (void)read_network_file(spec); }) ==
        spec.path + ": cannot read the network file: No such file or directory");

  spec.path = dir.path("");
  spec.format = FileFormat::graphml;
  CHECK(error_of([&] { (void)read_network_file(spec); }) ==
        spec.path + ": cannot read the network file: it is a directory");

  // Errors inside a file name the path as given.
  spec.path = dir.write("bad.csv", "a,b,meh\n");
  spec.format = FileFormat::automatic;
  CHECK(error_of([&] { (void)read_network_file(spec); }) ==
        spec.path + ":1:5: tie must be 'strong' or 'weak', got 'meh'");
}

// ---------------------------------------------------------------------------------------------
// Export and round trips

TEST_CASE("write_graphml then read_graphml gives back the same network", "[network][io]") {
  NetworkSpec spec;
  spec.agents = 120;
  spec.team_size = 8;
  spec.teams_per_department = 3;
  spec.strong_p = 0.8;
  spec.weak_weight = 0.1f;  // not exact in binary: tests the shortest round-trip form
  const Network original = make_network(spec, 17);
  std::ostringstream out;
  write_graphml(original, out);
  const Network back = graphml(out.str(), spec);
  check_csr(back);
  auto eq = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  CHECK(back.labels() == original.labels());
  CHECK(eq(back.row_start(), original.row_start()));
  CHECK(eq(back.targets(), original.targets()));
  CHECK(eq(back.kinds(), original.kinds()));
  CHECK(eq(back.weights(), original.weights()));
  CHECK(eq(back.team(), original.team()));
  CHECK(eq(back.department(), original.department()));
  CHECK(out.str().find("<data key=\"weight\">0.1</data>") != std::string::npos);
}

TEST_CASE("write_graphml escapes labels and writes the documented keys", "[network][io]") {
  NetworkBuilder builder(2);
  builder.set_labels({"a<b>", "\"c\" & 'd'"});
  builder.set_team(0, 4);
  builder.add_tie(0, 1, TieKind::weak, 0.5f);
  const Network net = std::move(builder).build();
  std::ostringstream out;
  write_graphml(net, out);
  const std::string text = out.str();
  CHECK(text.find("<key id=\"tie\" for=\"edge\" attr.name=\"tie\" attr.type=\"string\"/>") !=
        std::string::npos);
  CHECK(text.find("<graph id=\"G\" edgedefault=\"undirected\">") != std::string::npos);
  CHECK(text.find("    <node id=\"a&lt;b&gt;\"><data key=\"team\">4</data><data "
                  "key=\"department\">-1</data></node>\n") != std::string::npos);
  CHECK(text.find("    <edge source=\"a&lt;b&gt;\" target=\"&quot;c&quot; &amp; &apos;d&apos;\">"
                  "<data key=\"tie\">weak</data><data key=\"weight\">0.5</data></edge>\n") !=
        std::string::npos);
  CHECK(graphml(text).labels() == net.labels());
}

TEST_CASE("write_edges_csv then read_edges_csv keeps every tie", "[network][io]") {
  NetworkBuilder builder(5);
  builder.set_labels({"plain", "with,comma", "with \"quote\"", "#hash", " padded "});
  builder.add_tie(0, 1, TieKind::strong, 1.0f);
  builder.add_tie(1, 2, TieKind::weak, 0.3f);
  builder.add_tie(2, 3, TieKind::weak, 1e-7f);
  builder.add_tie(3, 4, TieKind::strong, 2.5f);
  const Network net = std::move(builder).build();
  std::ostringstream out;
  write_edges_csv(net, out);
  CHECK(out.str() ==
        "source,target,tie,weight\n"
        "plain,\"with,comma\",strong,1\n"
        "\"with,comma\",\"with \"\"quote\"\"\",weak,0.3\n"
        "\"with \"\"quote\"\"\",\"#hash\",weak,1e-07\n"
        "\"#hash\",\" padded \",strong,2.5\n");
  const Network back = csv(out.str());
  CHECK(back.labels() == net.labels());
  CHECK(tie_of(back, "with,comma", "with \"quote\"") == "weak 0.3");
  CHECK(back.arc_weight(back.find_arc(2, 3)) == 1e-7f);
  CHECK(tie_of(back, " padded ", "#hash") == "strong 2.5");
}

TEST_CASE("CSV round trip of a generated network, matched by label", "[network][io]") {
  NetworkSpec spec;
  spec.generator = Generator::watts_strogatz;
  spec.agents = 300;
  spec.k = 6;
  spec.rewire_p = 0.2;
  const Network original = make_network(spec, 8);
  std::ostringstream out;
  write_edges_csv(original, out);
  const Network back = csv(out.str(), spec);
  REQUIRE(back.num_ties() == original.num_ties());
  bool same = true;
  for (NodeId u = 0; u < original.num_nodes(); ++u) {
    for (ArcId a = original.arc_begin(u); a < original.arc_end(u); ++a) {
      const NodeId v = original.arc_target(a);
      std::ostringstream expected;
      expected << to_string(original.arc_kind(a)) << ' ' << original.arc_weight(a);
      same &= tie_of(back, original.labels()[u], original.labels()[v]) == expected.str();
    }
  }
  CHECK(same);
}

TEST_CASE("mangled files either parse into a valid network or throw InputFileError",
          "[network][io]") {
  NetworkSpec spec;
  spec.agents = 24;
  spec.team_size = 6;
  spec.teams_per_department = 2;
  const Network net = make_network(spec, 5);
  std::ostringstream g, c;
  write_graphml(net, g);
  write_edges_csv(net, c);
  const std::string alphabet = "<>/=\"'&;#,\n \r\tx0.-e\xC3\xA9";
  std::uint64_t state = 99;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int parsed = 0, rejected = 0;
  for (const bool is_graphml : {true, false}) {
    const std::string original = is_graphml ? g.str() : c.str();
    for (int trial = 0; trial < 300; ++trial) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(next() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = next() % text.size();
        switch (next() % 4) {
          case 0: text[at] = alphabet[next() % alphabet.size()]; break;
          case 1: text.erase(at, 1 + next() % 8); break;
          case 2: text.insert(at, 1, alphabet[next() % alphabet.size()]); break;
          default: text.resize(at); break;
        }
      }
      try {
        const Network back = is_graphml ? graphml(text) : csv(text);
        check_csr(back);
        ++parsed;
      } catch (const tacit::InputFileError& e) {
        CHECK(std::string(e.what()).rfind(is_graphml ? "net.graphml" : "edges.csv", 0) == 0);
        ++rejected;
      }
    }
  }
  CHECK(parsed > 0);
  CHECK(rejected > 0);
}
