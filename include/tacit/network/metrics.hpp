#pragma once
// Structural measures of a Network: clustering, path lengths, tie overlap, degrees by tie kind.
// Used by the tests, the validation suite and run summaries.

#include <cstdint>
#include <span>
#include <vector>

#include "tacit/network/network.hpp"

namespace tacit::network {

/// Local clustering coefficient of each node: ties among its neighbours / (deg choose 2);
/// 0 for degree < 2 (as networkx.clustering).
std::vector<double> local_clustering(const Network& net);

/// Mean local clustering over all nodes: Watts & Strogatz's C (networkx.average_clustering).
double average_clustering(const Network& net);

/// Shortest-path lengths (in ties) from a set of sources.
struct PathLengths {
  double mean = 0.0;              ///< mean over reachable ordered pairs (s, t), t != s; 0 if none
  std::uint64_t pairs = 0;        ///< reachable ordered pairs counted
  std::uint64_t unreachable = 0;  ///< ordered pairs (s, t), t != s, with no path
  std::uint32_t longest = 0;      ///< the longest shortest path seen (the diameter for all sources)
};

/// Breadth-first search (Boost.Graph) from every node: L of Watts & Strogatz.
PathLengths shortest_path_lengths(const Network& net);
/// Breadth-first search from the given sources only (an estimate of L for large networks).
PathLengths shortest_path_lengths(const Network& net, std::span<const NodeId> sources);

/// Neighbourhood overlap of each arc's tie (Onnela et al. 2007), indexed by arc:
/// |N(i) ∩ N(j)| / (|N(i) ∪ N(j)| - 2), where N excludes the node itself; 0 when the
/// denominator is 0 (i and j have no other neighbours).
std::vector<double> tie_overlap(const Network& net);

struct DegreeStats {
  double mean = 0.0;
  double stddev = 0.0;  ///< population standard deviation
  std::uint32_t min = 0;
  std::uint32_t max = 0;
};

/// Degree statistics counting all ties, strong ties only and weak ties only.
struct DegreeSummary {
  DegreeStats all;
  DegreeStats strong;
  DegreeStats weak;
  std::uint64_t strong_ties = 0;
  std::uint64_t weak_ties = 0;
};

DegreeSummary degree_stats(const Network& net);

/// Degree of every node counting only ties of `kind`.
std::vector<std::uint32_t> degrees_of_kind(const Network& net, TieKind kind);

}  // namespace tacit::network
