#include <catch2/catch.hpp>

#include <stdexcept>
#include <utility>
#include <vector>

#include "network/check_network.hpp"
#include "tacit/network/network.hpp"

using namespace tacit::network;
using tacit::network::testing::check_csr;

namespace {

std::vector<NodeId> row(const Network& net, NodeId v) {
  const auto r = net.neighbours(v);
  return {r.begin(), r.end()};
}

}  // namespace

TEST_CASE("to_string names the tie kinds", "[network]") {
  CHECK(std::string(to_string(TieKind::strong)) == "strong");
  CHECK(std::string(to_string(TieKind::weak)) == "weak");
}

TEST_CASE("an empty builder gives an empty network", "[network]") {
  const Network net = NetworkBuilder(0).build();
  CHECK(net.num_nodes() == 0);
  CHECK(net.num_ties() == 0);
  CHECK(net.num_arcs() == 0);
  check_csr(net);

  const Network isolated = NetworkBuilder(3).build();
  CHECK(isolated.num_nodes() == 3);
  CHECK(isolated.degree(1) == 0);
  CHECK(isolated.labels() == std::vector<std::string>{"0", "1", "2"});
  check_csr(isolated);
}

TEST_CASE("the builder sorts rows, drops self-loops and keeps a duplicate's first kind",
          "[network]") {
  NetworkBuilder builder(5);
  builder.add_tie(3, 0, TieKind::weak, 0.25f);
  builder.add_tie(0, 1, TieKind::strong, 1.0f);
  builder.add_tie(2, 2, TieKind::strong, 1.0f);  // self-loop: dropped
  builder.add_tie(4, 0, TieKind::strong, 2.0f);
  builder.add_tie(0, 3, TieKind::strong, 9.0f);  // duplicate of 3-0: ignored
  builder.add_tie(1, 0, TieKind::weak, 9.0f);    // duplicate of 0-1: ignored
  const Network net = std::move(builder).build();

  CHECK(net.num_nodes() == 5);
  CHECK(net.num_ties() == 3);
  CHECK(net.num_arcs() == 6);
  CHECK(row(net, 0) == std::vector<NodeId>{1, 3, 4});
  CHECK(row(net, 1) == std::vector<NodeId>{0});
  CHECK(row(net, 2).empty());
  CHECK(row(net, 3) == std::vector<NodeId>{0});
  CHECK(row(net, 4) == std::vector<NodeId>{0});

  const ArcId a03 = net.find_arc(0, 3);
  REQUIRE(a03 < net.num_arcs());
  CHECK(net.arc_kind(a03) == TieKind::weak);
  CHECK(net.arc_weight(a03) == 0.25f);
  CHECK(net.arc_kind(net.find_arc(1, 0)) == TieKind::strong);
  CHECK(net.arc_weight(net.find_arc(4, 0)) == 2.0f);
  CHECK(net.find_arc(2, 3) == net.num_arcs());
  CHECK(net.find_arc(0, 2) == net.num_arcs());
  CHECK(net.reverse_arc(a03) == net.find_arc(3, 0));
  check_csr(net);
}

TEST_CASE("the builder records teams, departments and labels", "[network]") {
  NetworkBuilder builder(4);
  builder.set_team(0, 0);
  builder.set_team(1, 0);
  builder.set_team(2, 2);
  builder.set_department(2, 1);
  builder.set_labels({"ann", "bob", "cy", "dee"});
  builder.add_tie(0, 2, TieKind::weak);
  const Network net = std::move(builder).build();
  CHECK(std::vector<std::int32_t>(net.team().begin(), net.team().end()) ==
        std::vector<std::int32_t>{0, 0, 2, -1});
  CHECK(std::vector<std::int32_t>(net.department().begin(), net.department().end()) ==
        std::vector<std::int32_t>{-1, -1, 1, -1});
  CHECK(net.num_teams() == 3);
  CHECK(net.num_departments() == 2);
  CHECK(net.labels()[3] == "dee");
  CHECK(net.arc_weight(net.find_arc(0, 2)) == 1.0f);
}

TEST_CASE("the builder rejects out-of-range nodes and a wrong number of labels", "[network]") {
  NetworkBuilder builder(3);
  CHECK_THROWS_AS(builder.add_tie(0, 3, TieKind::strong), std::out_of_range);
  CHECK_THROWS_AS(builder.set_team(3, 0), std::out_of_range);
  CHECK_THROWS_AS(builder.set_labels({"a", "b"}), std::invalid_argument);
}

TEST_CASE("a moved-from network is empty and valid", "[network]") {
  NetworkBuilder builder(3);
  builder.add_tie(0, 1, TieKind::strong);
  builder.add_tie(1, 2, TieKind::weak);
  Network a = std::move(builder).build();
  (void)a.impl();  // the Boost view moves along with the arrays
  Network b(std::move(a));
  CHECK(b.num_ties() == 2);
  CHECK(a.num_nodes() == 0);  // NOLINT(bugprone-use-after-move): the documented state
  CHECK(a.num_ties() == 0);
  Network c;
  c = std::move(b);
  CHECK(c.num_nodes() == 3);
  CHECK(c.arc_kind(c.find_arc(2, 1)) == TieKind::weak);
  check_csr(c);
}

TEST_CASE("with_ties replaces kinds and weights and keeps the structure", "[network]") {
  NetworkBuilder builder(3);
  builder.add_tie(0, 1, TieKind::strong);
  builder.add_tie(1, 2, TieKind::strong);
  Network net = std::move(builder).build();
  std::vector<std::uint8_t> kinds(net.num_arcs(), static_cast<std::uint8_t>(TieKind::weak));
  std::vector<float> weights(net.num_arcs(), 0.5f);
  net = std::move(net).with_ties(kinds, weights);
  CHECK(net.num_ties() == 2);
  CHECK(net.arc_kind(net.find_arc(0, 1)) == TieKind::weak);
  CHECK(net.arc_weight(net.find_arc(2, 1)) == 0.5f);
  check_csr(net);
  CHECK_THROWS_AS(std::move(net).with_ties({}, {}), std::invalid_argument);
}

TEST_CASE("one weight per kind is stored once; varied weights are kept per arc", "[network]") {
  NetworkBuilder uniform(4);
  uniform.add_tie(0, 1, TieKind::strong, 2.0f);
  uniform.add_tie(1, 2, TieKind::weak, 0.25f);
  uniform.add_tie(2, 3, TieKind::strong, 2.0f);
  const Network net = std::move(uniform).build();
  CHECK(net.weights_by_kind());
  CHECK(net.arc_weight(net.find_arc(3, 2)) == 2.0f);
  CHECK(net.arc_weight(net.find_arc(2, 1)) == 0.25f);
  CHECK(net.weights() == std::vector<float>{2.0f, 2.0f, 0.25f, 0.25f, 2.0f, 2.0f});

  NetworkBuilder varied(3);
  varied.add_tie(0, 1, TieKind::strong, 2.0f);
  varied.add_tie(1, 2, TieKind::strong, 3.0f);
  const Network other = std::move(varied).build();
  CHECK_FALSE(other.weights_by_kind());
  CHECK(other.arc_weight(other.find_arc(0, 1)) == 2.0f);
  CHECK(other.arc_weight(other.find_arc(2, 1)) == 3.0f);
}

TEST_CASE("generated networks label nodes by number without storing the labels", "[network]") {
  NetworkBuilder builder(12);
  const Network net = std::move(builder).build();
  CHECK(net.label(0) == "0");
  CHECK(net.label(11) == "11");
  CHECK(net.labels().size() == 12);
  CHECK(net.labels()[7] == "7");
}

TEST_CASE("reverse arcs pair up in a dense random multigraph", "[network]") {
  // Ties in scrambled order with many duplicates in both directions.
  NetworkBuilder builder(50);
  std::uint64_t x = 12345;
  for (int i = 0; i < 3000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto a = static_cast<NodeId>((x >> 33) % 50);
    const auto b = static_cast<NodeId>((x >> 13) % 50);
    builder.add_tie(a, b, (x >> 7) % 2 ? TieKind::strong : TieKind::weak,
                    static_cast<float>((x >> 40) % 7));
  }
  const Network net = std::move(builder).build();
  check_csr(net);
  CHECK(net.num_ties() <= 50 * 49 / 2);
}
