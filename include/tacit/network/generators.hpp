#pragma once
// Network generators and tie rules: NetworkSpec + root seed -> Network.
//
// Every generator first gives each tie its natural kind (below), weighted strong_weight or
// weak_weight; make_network then applies spec.tie_rule. Generated node labels are "0".."n-1".
// All randomness comes from one Rng(root_seed, Stream::network) consumed in a fixed order, so
// the same spec and seed give identical arrays on every platform.
//
// Natural kinds:
//   teams, stochastic_block   inside a team / block strong, across weak
//   watts_strogatz            lattice ties that were kept strong, rewired ties weak
//   ring, lattice, complete   all strong
//   barabasi_albert,          no structure of their own: natural means overlap
//   erdos_renyi
//   file                      the file's tie kinds; overlap when the file has none

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/network/network.hpp"
#include "tacit/network/spec.hpp"

namespace tacit::network {

/// Builds the network `spec` describes (generated, or read from spec.path) with its tie rule
/// applied. Throws InputError for parameters no network can satisfy (e.g. odd k), and
/// InputFileError for a bad network file.
Network make_network(const NetworkSpec& spec, std::uint64_t root_seed);

/// How apply_tie_rule sets weights once the kinds are known.
enum class TieWeights : std::uint8_t {
  by_kind,     ///< every tie gets strong_weight or weak_weight (generated networks)
  keep_given,  ///< keep given weights; only NaN ("none given") becomes strong/weak_weight
};

/// Reclassifies every tie of `net` by `rule` with spec's thresholds; natural keeps the kinds
/// `net` already has. Overlap: O_ij = |N(i) ∩ N(j)| / (|N(i) ∪ N(j)| - 2), strong when
/// O_ij >= overlap_threshold, O_ij = 0 when the denominator is 0 (Onnela et al. 2007).
/// Weight threshold: strong when weight >= weight_threshold.
Network apply_tie_rule(Network net, TieRule rule, const NetworkSpec& spec, TieWeights weights);

// The generators, with natural tie kinds (no tie rule applied). Each reads only its own keys of
// `spec` (plus agents, strong_weight, weak_weight) and draws from `rng`.

/// Contiguous teams of team_size; within-team pairs strong with strong_p; weak ties across teams
/// by weak_mode:
///  - count: exactly round(agents * weak_ties / 2) distinct cross-team ties (so weak_ties per
///    agent on average), fewer only when there are not that many cross-team pairs. Each is drawn
///    as: a uniform agent a; with probability weak_same_department a uniform agent of a's
///    department outside a's team, otherwise a uniform agent outside a's department (without
///    departments: outside a's team). When the chosen pool is empty the other one is used; a
///    pair drawn twice is drawn again (at most 20 x target + 1000 draws in all, then it stops
///    short: only possible when nearly every allowed pair is already tied).
///  - probability: every cross-team pair independently with weak_p (weak_same_department unused).
/// Departments are groups of teams_per_department consecutive teams (0: none, department -1).
Network make_teams(const NetworkSpec& spec, Rng& rng);
/// Blocks of sizes spec.blocks (sum = agents) become teams; p_in inside (strong), p_out across
/// (weak).
Network make_stochastic_block(const NetworkSpec& spec, Rng& rng);
/// Ring of k nearest (k even, k < agents). Classic rewiring (as networkx): for j = 1..k/2, for
/// each node u, the lattice tie (u, u+j) is rewired with probability rewire_p to (u, w), w
/// uniform among nodes that are not u and not yet tied to u; a node tied to all others keeps it.
Network make_watts_strogatz(const NetworkSpec& spec, Rng& rng);
/// Complete graph on m+1 nodes, then each new node ties to m distinct nodes chosen with
/// probability proportional to degree.
Network make_barabasi_albert(const NetworkSpec& spec, Rng& rng);
/// G(n, p) with p = edge_p, by geometric skips: O(n + ties) draws.
Network make_erdos_renyi(const NetworkSpec& spec, Rng& rng);
/// Ring, each node tied to its k nearest (k/2 a side; k even, k < agents).
Network make_ring(const NetworkSpec& spec);
/// width x height grid, node y * width + x; von Neumann (4) or Moore (8) neighbours; periodic
/// wraps around (a side shorter than 3 then yields fewer distinct neighbours).
Network make_lattice(const NetworkSpec& spec);
/// Every pair tied.
Network make_complete(const NetworkSpec& spec);

}  // namespace tacit::network
