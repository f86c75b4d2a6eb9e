#pragma once
// Classic evolutionary games on the graph (docs/MODEL.md, Games). With game.kind != none a tick
// is one generation: every agent plays the game with its neighbours (cooperate = share),
// payoffs accumulate over the games it plays, and strategies are revised by game.update
// (model/learning) with every agent under the same rule.
//
// Call order: initialize_strategies once, then game_step once per tick; stop when the tick
// budget is spent or, with StopRule::fixation, when fixated() (no mutation: fixation is
// absorbing, so the run may end at the first fixated tick).

#include <cstdint>
#include <span>
#include <vector>

#include "tacit/model/learning.hpp"
#include "tacit/model/params.hpp"
#include "tacit/network/network.hpp"

namespace tacit::model {

/// Label of the stream initialize_strategies draws from: Rng(seed, learning, 0, this).
inline constexpr std::uint64_t k_game_init_stream = ~std::uint64_t{0} - 1;

/// Buffers a game reuses from generation to generation: once sized, a step allocates nothing.
struct GameScratch {
  std::vector<double> share;         ///< public goods: each hosted game's share per member
  std::vector<double> contribution;  ///< public goods per individual: what each agent puts in each game
  std::vector<std::uint8_t> next;    ///< synchronous rules: next strategies
  std::vector<double> work;          ///< event rules: payoffs kept current event by event
  std::vector<double> fitness;       ///< birth–death: initial fitness
  std::vector<double> lo, hi;        ///< pairwise: payoff bounds by degree
  FitnessSampler sampler;            ///< birth–death
};

/// Bounds on the accumulated payoff of any agent of degree k: lo <= P <= hi (used for the
/// pairwise rule's M). Donation game and prisoner's dilemma: the extremes over strategy and
/// number of cooperating neighbours (0 or k), self-interaction included. Public goods (r >= 0):
/// per game [-(k+1), r (k+1)], per individual [-1, r (k+1)].
struct PayoffRange {
  double lo = 0.0;
  double hi = 0.0;
};
PayoffRange payoff_range(const GameParams& game, std::uint32_t degree);

/// Accumulated payoffs of one generation, with s_x = 1 for a cooperator, n_x the cooperating
/// neighbours of x, k_x its degree:
///   donation:          P_x = b n_x - c k_x s_x [+ (b - c) s_x with self_interaction]
///   prisoner's dilemma: P_x = sum over neighbours of A[s_x][s_y], A = [[P, T], [S, R]] by
///                      (defect, cooperate) [+ A[s_x][s_x] with self_interaction]
///   public goods:      every node h hosts a game of its k_h + 1 members (itself and its
///                      neighbours); a cooperator puts c_x in each game it joins, c_x = 1 (per
///                      game) or 1 / (k_x + 1) (per individual: 1 in total); each pot times r is
///                      split evenly among the members:
///                      P_x = sum over h in {x} + N(x) of r (sum of members' c) / (k_h + 1)
///                            - s_x c_x (k_x + 1).
/// Gather loops over the CSR rows: each payoff is summed by one thread in a fixed order, so the
/// result is identical at any thread count.
void compute_payoffs(const network::Network& network, const GameParams& game,
                     std::span<const std::uint8_t> strategy, std::span<double> payoff, unsigned threads,
                     GameScratch& scratch);
/// As above with a thread-local scratch.
void compute_payoffs(const network::Network& network, const GameParams& game,
                     std::span<const std::uint8_t> strategy, std::span<double> payoff, unsigned threads);

/// Initial strategies. fraction: exactly round(initial_fraction N) cooperators at agents drawn
/// without replacement (partial Fisher–Yates on stream k_game_init_stream); single_cooperator /
/// single_defector: everyone defects / cooperates except initial_node. Throws InputError if
/// initial_node is not in the network.
void initialize_strategies(const GameParams& game, std::span<std::uint8_t> strategy, std::uint64_t seed);

/// One generation: payoffs of the current strategies into `payoff` (what the agents earned this
/// tick), then revision by game.update with every agent under that rule. learning.rate is not
/// used: a generation is one revision of every agent for the synchronous rules (rate 1; pairwise
/// M from payoff_range) and N elementary events for death_birth, birth_death and imitation, each
/// seeing the payoffs left by the previous events (updated locally, the neighbourhood of the
/// changed agent; two steps for public goods). Heuristic rules read strategies as last actions,
/// every neighbour is visible, and this generation's payoff is the tick payoff.
void game_step(const network::Network& network, const GameParams& game, const LearningParams& learning,
               std::span<std::uint8_t> strategy, std::span<double> payoff, std::uint64_t seed,
               std::uint32_t tick, unsigned threads, GameScratch& scratch);
/// As above with a thread-local scratch.
void game_step(const network::Network& network, const GameParams& game, const LearningParams& learning,
               std::span<std::uint8_t> strategy, std::span<double> payoff, std::uint64_t seed,
               std::uint32_t tick, unsigned threads);

/// True when every agent has the same strategy (an empty population is fixated).
bool fixated(std::span<const std::uint8_t> strategy);
/// Share of cooperators, 0 for an empty population.
double cooperator_fraction(std::span<const std::uint8_t> strategy);

}  // namespace tacit::model
