#pragma once
// Plain description of the network a run uses: which generator or file, and its parameters.
// Filled by the scenario loader (keys under `network:`), read by network::make_network.
// Defaults here are the scenario defaults: they live in this one place.

#include <cstdint>
#include <string>
#include <vector>

namespace tacit::network {

enum class Generator : std::uint8_t {
  teams,             ///< an organization: teams (strong inside), weak ties across, departments
  stochastic_block,  ///< blocks with p_in / p_out; strong inside a block, weak across
  watts_strogatz,    ///< ring of k nearest, each lattice edge rewired with probability p
  barabasi_albert,   ///< preferential attachment, m ties per new node
  erdos_renyi,       ///< G(n, p)
  ring,              ///< ring, k nearest (k/2 a side)
  lattice,           ///< 2-D grid, von Neumann or Moore, periodic or not
  complete,          ///< every pair tied
  file,              ///< imported edge-list CSV or GraphML
};

enum class WeakTieMode : std::uint8_t {
  count,        ///< each agent gets weak_ties weak ties to random agents of other teams (on average)
  probability,  ///< every cross-team pair is tied with probability weak_p
};

enum class Neighbourhood : std::uint8_t { von_neumann, moore };

enum class FileFormat : std::uint8_t { automatic, csv, graphml };

/// How ties without a given kind are classified strong / weak.
enum class TieRule : std::uint8_t {
  natural,           ///< the generator's own structure (see docs/MODEL.md, Networks)
  all_strong,
  all_weak,
  overlap,           ///< neighbourhood overlap >= overlap_threshold -> strong (Onnela et al. 2007)
  weight_threshold,  ///< weight >= weight_threshold -> strong
};

struct NetworkSpec {
  Generator generator = Generator::teams;
  std::uint32_t agents = 200;  ///< number of nodes (ignored for file, lattice: width x height)

  // teams
  std::uint32_t team_size = 10;             ///< agents per team (the last team may be smaller)
  std::uint32_t teams_per_department = 0;   ///< 0: no departments
  double strong_p = 1.0;                    ///< probability of each within-team tie
  WeakTieMode weak_mode = WeakTieMode::count;
  double weak_ties = 2.0;                   ///< count mode: mean weak ties per agent
  double weak_p = 0.01;                     ///< probability mode: per cross-team pair
  double weak_same_department = 0.5;        ///< share of weak ties kept inside the department

  // stochastic_block (blocks become teams)
  std::vector<std::uint32_t> blocks{100, 100};
  double p_in = 0.1;
  double p_out = 0.01;

  // watts_strogatz, ring
  std::uint32_t k = 4;    ///< even; k/2 neighbours a side
  double rewire_p = 0.1;  ///< watts_strogatz rewiring probability

  // barabasi_albert
  std::uint32_t m = 2;

  // erdos_renyi
  double edge_p = 0.05;

  // lattice
  std::uint32_t width = 10;
  std::uint32_t height = 10;
  Neighbourhood neighbourhood = Neighbourhood::von_neumann;
  bool periodic = true;

  // file
  std::string path;  ///< resolved relative to the scenario file by the loader
  FileFormat format = FileFormat::automatic;

  // tie kinds and weights
  TieRule tie_rule = TieRule::natural;
  double overlap_threshold = 0.1;
  double weight_threshold = 0.5;
  float strong_weight = 1.0f;  ///< weight given to generated strong ties
  float weak_weight = 0.5f;    ///< weight given to generated weak ties
};

}  // namespace tacit::network
