#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "tacit/network/generators.hpp"
#include "tacit/network/metrics.hpp"

using namespace tacit::network;

namespace {

Network from_ties(std::uint32_t n, const std::vector<std::pair<NodeId, NodeId>>& ties) {
  NetworkBuilder builder(n);
  for (const auto& [a, b] : ties) builder.add_tie(a, b, TieKind::strong);
  return std::move(builder).build();
}

Network watts_strogatz(double p, std::uint64_t seed) {
  NetworkSpec spec;
  spec.generator = Generator::watts_strogatz;
  spec.agents = 1000;
  spec.k = 10;
  spec.rewire_p = p;
  return make_network(spec, seed);
}

}  // namespace

TEST_CASE("clustering of hand-checked graphs", "[network][metrics]") {
  // Triangle 0-1-2 with a pendant 3 on node 2: C = (1, 1, 1/3, 0), mean 7/12.
  const Network tri = from_ties(4, {{0, 1}, {1, 2}, {0, 2}, {2, 3}});
  const std::vector<double> c = local_clustering(tri);
  CHECK(c[0] == 1.0);
  CHECK(c[1] == 1.0);
  CHECK(c[2] == Approx(1.0 / 3.0));
  CHECK(c[3] == 0.0);
  CHECK(average_clustering(tri) == Approx(7.0 / 12.0));

  NetworkSpec complete;
  complete.generator = Generator::complete;
  complete.agents = 9;
  CHECK(average_clustering(make_network(complete, 0)) == 1.0);

  // Ring k = 4: C = 3(k - 2) / (4(k - 1)) = 1/2.
  NetworkSpec ring;
  ring.generator = Generator::ring;
  ring.agents = 30;
  ring.k = 4;
  CHECK(average_clustering(make_network(ring, 0)) == Approx(0.5));
  CHECK(average_clustering(NetworkBuilder(0).build()) == 0.0);
}

TEST_CASE("shortest path lengths by breadth-first search", "[network][metrics]") {
  // Path 0-1-2-3: distances 1, 2, 3, 1, 2, 1 each way: mean 20 / 12.
  const Network path = from_ties(4, {{0, 1}, {1, 2}, {2, 3}});
  const PathLengths all = shortest_path_lengths(path);
  CHECK(all.pairs == 12);
  CHECK(all.unreachable == 0);
  CHECK(all.mean == Approx(20.0 / 12.0));
  CHECK(all.longest == 3);

  const std::vector<NodeId> ends{0, 3};
  const PathLengths from_ends = shortest_path_lengths(path, ends);
  CHECK(from_ends.pairs == 6);
  CHECK(from_ends.mean == Approx(2.0));

  // Two components {0, 1} and {2, 3, 4} (a path): 2 + 6 reachable ordered pairs, 12 not.
  const Network split = from_ties(5, {{0, 1}, {2, 3}, {3, 4}});
  const PathLengths s = shortest_path_lengths(split);
  CHECK(s.pairs == 8);
  CHECK(s.unreachable == 12);
  CHECK(s.mean == Approx((2 * 1 + 2 * 1 + 2 * 1 + 2 * 2) / 8.0));
}

TEST_CASE("neighbourhood overlap of ties", "[network][metrics]") {
  // Two triangles 0-1-2 and 3-4-5 joined by the bridge 2-3.
  const Network net = from_ties(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}});
  const std::vector<double> o = tie_overlap(net);
  // Bridge: no common neighbour: 0 / ((3 - 1) + (3 - 1) - 0) = 0.
  CHECK(o[net.find_arc(2, 3)] == 0.0);
  // 0-1: common {2}; others = (2 - 1) + (2 - 1) - 1 = 1: overlap 1.
  CHECK(o[net.find_arc(0, 1)] == 1.0);
  // 1-2: common {0}; others = (2 - 1) + (3 - 1) - 1 = 2: overlap 1/2, same from both ends.
  CHECK(o[net.find_arc(1, 2)] == 0.5);
  CHECK(o[net.find_arc(2, 1)] == 0.5);
  // A lone tie has denominator 0: overlap defined as 0.
  CHECK(tie_overlap(from_ties(2, {{0, 1}}))[0] == 0.0);
}

TEST_CASE("degree statistics by tie kind", "[network][metrics]") {
  NetworkBuilder builder(4);
  builder.add_tie(0, 1, TieKind::strong);
  builder.add_tie(0, 2, TieKind::strong);
  builder.add_tie(0, 3, TieKind::weak);
  const Network star = std::move(builder).build();
  const DegreeSummary d = degree_stats(star);
  CHECK(d.all.mean == 1.5);
  CHECK(d.all.min == 1);
  CHECK(d.all.max == 3);
  CHECK(d.all.stddev == Approx(std::sqrt(0.75)));  // degrees 3, 1, 1, 1
  CHECK(d.strong.max == 2);
  CHECK(d.strong.min == 0);
  CHECK(d.weak.mean == 0.5);
  CHECK(d.strong_ties == 2);
  CHECK(d.weak_ties == 1);
  CHECK(degrees_of_kind(star, TieKind::weak) == std::vector<std::uint32_t>{1, 0, 0, 1});
}

// docs/validation-targets.md §1 (Watts & Strogatz 1998), N = 1000, k = 10.
// Expected: C(0) = 3(k - 2) / (4(k - 1)) = 24/36 = 2/3 exactly (every node of the ring lattice
// sees the same neighbourhood). For small p a triangle survives when its three ties are all kept,
// so C(p) / C(0) ~ (1 - p)^3 (Barrat & Weigt 2000). L(0) = N / (2k) roughly (exactly 50.45 here),
// and a few shortcuts shrink it: L(0.01) / L(0) in [0.12, 0.25].
TEST_CASE("Watts-Strogatz clustering and path length match the published curves",
          "[network][metrics][validation]") {
  const Network lattice = watts_strogatz(0.0, 1);
  const double c0 = average_clustering(lattice);
  CHECK(c0 == Approx(2.0 / 3.0).epsilon(1e-12));

  // Averaged over 20 seeds. Margin, measured over 40 seeds (and the same with networkx 3.6's
  // watts_strogatz_graph): one graph's C(p)/C(0) has sd 0.0012, 0.005, 0.008, 0.011 at
  // p = 0.001, 0.01, 0.05, 0.1, so the 20-seed mean has sd <= 0.0025; the mean sits above
  // (1 - p)^3 by 0.000, 0.001, 0.004, 0.009 (Barrat & Weigt's formula is for the ratio of mean
  // triangles to mean triples; the mean of local coefficients runs a little higher once degrees
  // vary). Worst case 0.009 + 4 sd = 0.019 < 0.02.
  constexpr int k_seeds = 20;
  for (const double p : {0.001, 0.01, 0.05, 0.1}) {
    double ratio = 0.0;
    for (int seed = 1; seed <= k_seeds; ++seed) {
      ratio += average_clustering(watts_strogatz(p, static_cast<std::uint64_t>(seed))) / c0;
    }
    ratio /= k_seeds;
    CAPTURE(p, ratio, std::pow(1.0 - p, 3));
    CHECK(ratio == Approx(std::pow(1.0 - p, 3)).margin(0.02));
  }

  const double l0 = shortest_path_lengths(lattice).mean;
  CHECK(l0 == Approx(50.45).margin(0.01));  // sum over distances 1..500 of a ring, / 999
  // L(0.01)/L(0) is 0.177 with sd 0.014 per graph (networkx: 0.172): 3 seeds are plenty.
  double l_small_world = 0.0;
  for (int seed = 1; seed <= 3; ++seed) {
    const Network net = watts_strogatz(0.01, static_cast<std::uint64_t>(seed));
    l_small_world += shortest_path_lengths(net).mean;
  }
  const double ratio = l_small_world / 3.0 / l0;
  CAPTURE(ratio);
  CHECK(ratio >= 0.12);
  CHECK(ratio <= 0.25);
}
