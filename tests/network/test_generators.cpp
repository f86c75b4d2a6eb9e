#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <set>
#include <vector>

#include "network/check_network.hpp"
#include "tacit/core/error.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/network/metrics.hpp"

using namespace tacit::network;
using tacit::network::testing::check_csr;

namespace {

std::uint64_t count_kind(const Network& net, TieKind kind) {
  std::uint64_t arcs = 0;
  for (ArcId a = 0; a < net.num_arcs(); ++a) arcs += net.arc_kind(a) == kind;
  return arcs / 2;
}

bool same_arrays(const Network& a, const Network& b) {
  auto eq = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  return eq(a.row_start(), b.row_start()) && eq(a.targets(), b.targets()) &&
         eq(a.kinds(), b.kinds()) && eq(a.weights(), b.weights()) && eq(a.team(), b.team()) &&
         eq(a.department(), b.department());
}

NetworkSpec spec_of(Generator g, std::uint32_t agents) {
  NetworkSpec spec;
  spec.generator = g;
  spec.agents = agents;
  return spec;
}

std::string error_of(const NetworkSpec& spec) {
  try {
    (void)make_network(spec, 1);
  } catch (const tacit::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("every generator is reproducible by seed and valid", "[network][generators]") {
  const Generator random_ones[] = {Generator::teams, Generator::stochastic_block,
                                   Generator::watts_strogatz, Generator::barabasi_albert,
                                   Generator::erdos_renyi};
  for (const Generator g : random_ones) {
    NetworkSpec spec = spec_of(g, 200);
    spec.k = 6;
    spec.weak_mode = g == Generator::teams ? WeakTieMode::count : spec.weak_mode;
    spec.teams_per_department = 4;
    CAPTURE(static_cast<int>(g));
    const Network a = make_network(spec, 42);
    const Network b = make_network(spec, 42);
    const Network c = make_network(spec, 43);
    check_csr(a);
    CHECK(a.num_nodes() == 200);
    CHECK(a.num_ties() > 0);
    CHECK(same_arrays(a, b));
    CHECK_FALSE(same_arrays(a, c));
    CHECK(a.labels().front() == "0");
    CHECK(a.labels().back() == "199");
  }
}

TEST_CASE("teams: contiguous teams, departments, strong inside, counted weak ties across",
          "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::teams, 95);
  spec.team_size = 10;
  spec.teams_per_department = 3;
  spec.weak_ties = 2.0;
  const Network net = make_network(spec, 7);
  check_csr(net);
  CHECK(net.num_teams() == 10);  // nine of 10, the last of 5
  CHECK(net.num_departments() == 4);
  for (NodeId v = 0; v < 95; ++v) {
    CHECK(net.team()[v] == static_cast<std::int32_t>(v / 10));
    CHECK(net.department()[v] == static_cast<std::int32_t>(v / 30));
  }
  bool kinds_follow_teams = true;
  std::vector<std::uint32_t> strong_degree = degrees_of_kind(net, TieKind::strong);
  for (NodeId u = 0; u < 95; ++u) {
    for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
      const bool same_team = net.team()[u] == net.team()[net.arc_target(a)];
      const TieKind expected = same_team ? TieKind::strong : TieKind::weak;
      const float weight = same_team ? spec.strong_weight : spec.weak_weight;
      kinds_follow_teams &= net.arc_kind(a) == expected && net.arc_weight(a) == weight;
    }
    // strong_p = 1: everyone is tied to all team mates.
    CHECK(strong_degree[u] == (u < 90 ? 9u : 4u));
  }
  CHECK(kinds_follow_teams);
  CHECK(count_kind(net, TieKind::strong) == 9 * 45 + 10);
  CHECK(count_kind(net, TieKind::weak) == 95);  // round(95 * 2 / 2)
}

TEST_CASE("teams count mode keeps weak_same_department of the weak ties inside departments",
          "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::teams, 2000);
  spec.team_size = 10;
  spec.teams_per_department = 5;
  spec.weak_ties = 4.0;
  spec.weak_same_department = 0.3;
  const Network net = make_network(spec, 11);
  std::uint64_t weak = 0, inside = 0;
  for (NodeId u = 0; u < net.num_nodes(); ++u) {
    for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
      const NodeId v = net.arc_target(a);
      if (v < u || net.arc_kind(a) != TieKind::weak) continue;
      ++weak;
      CHECK(net.team()[u] != net.team()[v]);
      inside += net.department()[u] == net.department()[v];
    }
  }
  CHECK(weak == 4000);
  // Binomial(4000, 0.3): sd = 29; 5 sd = 145 ties = 0.036.
  CHECK(static_cast<double>(inside) / static_cast<double>(weak) == Approx(0.3).margin(0.036));
}

TEST_CASE("teams probability mode ties each cross-team pair with weak_p", "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::teams, 1000);
  spec.team_size = 20;
  spec.strong_p = 0.5;
  spec.weak_mode = WeakTieMode::probability;
  spec.weak_p = 0.01;
  const Network net = make_network(spec, 3);
  check_csr(net);
  // Pairs: inside 50 * 190 = 9500, across 499500 - 9500 = 490000.
  const double strong_mean = 0.5 * 9500, weak_mean = 0.01 * 490000;
  CHECK(std::abs(static_cast<double>(count_kind(net, TieKind::strong)) - strong_mean) <
        5 * std::sqrt(9500 * 0.25));
  CHECK(std::abs(static_cast<double>(count_kind(net, TieKind::weak)) - weak_mean) <
        5 * std::sqrt(490000 * 0.01 * 0.99));
  CHECK(net.num_departments() == 0);
  CHECK(net.department()[0] == -1);
}

TEST_CASE("stochastic_block: blocks become teams, p_in strong inside, p_out weak across",
          "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::stochastic_block, 100);
  spec.blocks = {30, 50, 20};
  spec.p_in = 1.0;
  spec.p_out = 0.0;
  const Network net = make_network(spec, 5);
  check_csr(net);
  CHECK(net.num_teams() == 3);
  CHECK(net.team()[29] == 0);
  CHECK(net.team()[30] == 1);
  CHECK(net.team()[99] == 2);
  CHECK(net.num_ties() == 435 + 1225 + 190);
  CHECK(count_kind(net, TieKind::weak) == 0);

  spec.p_in = 0.0;
  spec.p_out = 1.0;
  const Network across = make_network(spec, 5);
  CHECK(across.num_ties() == 30 * 50 + 30 * 20 + 50 * 20);
  CHECK(count_kind(across, TieKind::strong) == 0);
  CHECK(across.arc_weight(0) == spec.weak_weight);
}

TEST_CASE("watts_strogatz: p = 0 is the ring, rewiring keeps the tie count",
          "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::watts_strogatz, 100);
  spec.k = 6;
  spec.rewire_p = 0.0;
  const Network ring = make_network(spec, 1);
  check_csr(ring);
  CHECK(ring.num_ties() == 300);
  for (NodeId v = 0; v < 100; ++v) CHECK(ring.degree(v) == 6);
  CHECK(std::vector<NodeId>(ring.neighbours(0).begin(), ring.neighbours(0).end()) ==
        std::vector<NodeId>{1, 2, 3, 97, 98, 99});
  CHECK(count_kind(ring, TieKind::weak) == 0);

  spec.agents = 2000;
  spec.rewire_p = 0.2;
  const Network net = make_network(spec, 1);
  check_csr(net);
  CHECK(net.num_ties() == 6000);  // no tie lost to self-loops or duplicates
  // Rewired ties are weak: Binomial(6000, 0.2), sd = 31.
  CHECK(std::abs(static_cast<double>(count_kind(net, TieKind::weak)) - 1200.0) < 5 * 31.0);

  spec.agents = 7;  // k = 6 = n - 1: complete, nowhere to rewire to
  spec.rewire_p = 1.0;
  const Network full = make_network(spec, 1);
  CHECK(full.num_ties() == 21);
  CHECK(count_kind(full, TieKind::weak) == 0);
}

TEST_CASE("barabasi_albert: m ties per new node from a complete core", "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::barabasi_albert, 1000);
  spec.m = 3;
  spec.tie_rule = TieRule::all_strong;
  const Network net = make_network(spec, 9);
  check_csr(net);
  CHECK(net.num_ties() == 6 + 3 * 996);
  const DegreeSummary d = degree_stats(net);
  CHECK(d.all.min == 3);
  CHECK(d.all.max > 30);  // a hub: preferential attachment, not uniform
  for (NodeId a = 0; a < 4; ++a) {
    for (NodeId b = a + 1; b < 4; ++b) CHECK(net.find_arc(a, b) < net.num_arcs());
  }
}

TEST_CASE("erdos_renyi: G(n, p) tie count", "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::erdos_renyi, 2000);
  spec.edge_p = 0.01;
  const Network net = make_network(spec, 2);
  check_csr(net);
  const double mean = 0.01 * 2000 * 1999 / 2.0;
  CHECK(std::abs(static_cast<double>(net.num_ties()) - mean) < 5 * std::sqrt(mean * 0.99));
  spec.edge_p = 1.0;
  spec.agents = 30;
  CHECK(make_network(spec, 2).num_ties() == 435);
  spec.edge_p = 0.0;
  CHECK(make_network(spec, 2).num_ties() == 0);
}

TEST_CASE("ring, lattice and complete", "[network][generators]") {
  NetworkSpec ring = spec_of(Generator::ring, 10);
  ring.k = 4;
  const Network r = make_network(ring, 0);
  check_csr(r);
  CHECK(r.num_ties() == 20);
  CHECK(std::vector<NodeId>(r.neighbours(0).begin(), r.neighbours(0).end()) ==
        std::vector<NodeId>{1, 2, 8, 9});
  CHECK(count_kind(r, TieKind::weak) == 0);

  NetworkSpec lat = spec_of(Generator::lattice, 1);  // agents is ignored: width x height
  lat.width = 4;
  lat.height = 3;
  const Network torus = make_network(lat, 0);
  check_csr(torus);
  CHECK(torus.num_nodes() == 12);
  CHECK(torus.num_ties() == 24);
  // Node 5 = (1, 1): left 4, right 6, up 1, down 9.
  CHECK(std::vector<NodeId>(torus.neighbours(5).begin(), torus.neighbours(5).end()) ==
        std::vector<NodeId>{1, 4, 6, 9});
  lat.periodic = false;
  const Network open = make_network(lat, 0);
  CHECK(open.num_ties() == 3 * 3 + 4 * 2);
  CHECK(open.degree(0) == 2);
  CHECK(open.degree(5) == 4);
  lat.neighbourhood = Neighbourhood::moore;
  CHECK(make_network(lat, 0).degree(5) == 8);
  CHECK(make_network(lat, 0).degree(0) == 3);
  lat.periodic = true;
  lat.width = lat.height = 5;
  const Network moore = make_network(lat, 0);
  CHECK(moore.num_ties() == 100);
  CHECK(degree_stats(moore).all.min == 8);

  const Network k7 = make_network(spec_of(Generator::complete, 7), 0);
  check_csr(k7);
  CHECK(k7.num_ties() == 21);
}

TEST_CASE("tie rules reclassify and reweight generated ties", "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::teams, 60);
  spec.strong_weight = 2.0f;
  spec.weak_weight = 0.25f;

  spec.tie_rule = TieRule::all_weak;
  Network net = make_network(spec, 1);
  CHECK(count_kind(net, TieKind::strong) == 0);
  CHECK(net.arc_weight(0) == 0.25f);

  spec.tie_rule = TieRule::all_strong;
  net = make_network(spec, 1);
  CHECK(count_kind(net, TieKind::weak) == 0);
  CHECK(net.arc_weight(0) == 2.0f);

  // Natural weights are 2 (strong) and 0.25 (weak): a threshold between keeps natural kinds.
  spec.tie_rule = TieRule::weight_threshold;
  spec.weight_threshold = 1.0;
  const Network by_weight = make_network(spec, 1);
  spec.tie_rule = TieRule::natural;
  const Network natural = make_network(spec, 1);
  CHECK(same_arrays(by_weight, natural));

  // Overlap: inside a complete team of 10, a tie shares 8 neighbours of at most 8 + weak extras;
  // a cross-team tie shares (almost) none.
  spec.tie_rule = TieRule::overlap;
  spec.overlap_threshold = 0.3;
  const Network overlap = make_network(spec, 1);
  CHECK(std::equal(overlap.kinds().begin(), overlap.kinds().end(), natural.kinds().begin()));
}

TEST_CASE("erdos_renyi and barabasi_albert classify naturally by overlap",
          "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::erdos_renyi, 300);
  spec.edge_p = 0.05;
  spec.m = 5;
  spec.overlap_threshold = 0.05;
  for (const Generator g : {Generator::erdos_renyi, Generator::barabasi_albert}) {
    spec.generator = g;
    const Network net = make_network(spec, 4);
    const std::vector<double> overlap = tie_overlap(net);
    bool consistent = true;
    for (ArcId a = 0; a < net.num_arcs(); ++a) {
      consistent &= (net.arc_kind(a) == TieKind::strong) == (overlap[a] >= 0.05);
      consistent &= net.arc_weight(a) ==
                    (net.arc_kind(a) == TieKind::strong ? spec.strong_weight : spec.weak_weight);
    }
    CHECK(consistent);
    CHECK(count_kind(net, TieKind::strong) > 0);
    CHECK(count_kind(net, TieKind::weak) > 0);
  }
}

TEST_CASE("impossible generator parameters are input errors", "[network][generators]") {
  NetworkSpec spec = spec_of(Generator::watts_strogatz, 10);
  spec.k = 5;
  CHECK(error_of(spec) == "network: watts_strogatz needs an even k < agents, got k = 5 with "
                          "agents = 10");
  spec.generator = Generator::ring;
  spec.k = 10;
  CHECK(error_of(spec) == "network: ring needs an even k < agents, got k = 10 with agents = 10");
  spec = spec_of(Generator::stochastic_block, 150);
  CHECK(error_of(spec) ==
        "network: stochastic_block: the block sizes add up to 200, but agents = 150");
  spec = spec_of(Generator::barabasi_albert, 3);
  spec.m = 3;
  CHECK(error_of(spec) == "network: barabasi_albert needs 1 <= m < agents, got m = 3 with "
                          "agents = 3");
  spec = spec_of(Generator::erdos_renyi, 3);
  spec.edge_p = 1.5;
  CHECK(error_of(spec) == "network: edge_p = 1.500000 is not a probability in [0, 1]");
  spec = spec_of(Generator::teams, 3);
  spec.team_size = 0;
  CHECK(error_of(spec) == "network: teams needs team_size >= 1");
}
