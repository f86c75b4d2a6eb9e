#pragma once
// Small networks and parameter sets shared by the model tests.

#include <cstdint>

#include "tacit/core/rng.hpp"
#include "tacit/model/params.hpp"
#include "tacit/model/simulation.hpp"
#include "tacit/network/generators.hpp"
#include "tacit/network/network.hpp"

namespace tacit_test {

inline tacit::network::Network ring(std::uint32_t n,
                                    tacit::network::TieKind kind = tacit::network::TieKind::strong) {
  tacit::network::NetworkBuilder b(n);
  for (std::uint32_t i = 0; i < n; ++i) b.add_tie(i, (i + 1) % n, kind);
  return std::move(b).build();
}

inline tacit::network::Network path(std::uint32_t n,
                                    tacit::network::TieKind kind = tacit::network::TieKind::strong) {
  tacit::network::NetworkBuilder b(n);
  for (std::uint32_t i = 0; i + 1 < n; ++i) b.add_tie(i, i + 1, kind);
  return std::move(b).build();
}

/// The teams generator with teams of ten (departments of the generator's default size) and
/// `weak_ties` weak ties per agent on average.
inline tacit::network::Network teams_of_ten(std::uint32_t agents, double weak_ties, std::uint64_t seed) {
  tacit::network::NetworkSpec spec;
  spec.generator = tacit::network::Generator::teams;
  spec.agents = agents;
  spec.team_size = 10;
  spec.weak_ties = weak_ties;
  return tacit::network::make_network(spec, seed);
}

/// G(n, p) from a plain Rng: small random graphs for tests of games and learning.
inline tacit::network::Network random_graph(std::uint32_t n, double p, std::uint64_t seed) {
  tacit::network::NetworkBuilder b(n);
  tacit::Rng rng(seed);
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t j = i + 1; j < n; ++j)
      if (rng.bernoulli(p)) b.add_tie(i, j, tacit::network::TieKind::strong);
  return std::move(b).build();
}

/// Everyone always shares (strategy rule, all cooperators), always has a problem in topic 0..
/// of its interests, simple problems only, no teaching gain, no learning: pure transfer.
inline tacit::model::ModelParams pure_transfer(std::uint32_t topics, double alpha) {
  tacit::model::ModelParams p;
  p.knowledge.topics = topics;
  p.population.interests = topics;
  p.population.defaults.decision = tacit::model::DecisionRule::strategy;
  p.population.defaults.initial_cooperate = 1.0;
  p.population.defaults.absorptive_capacity = tacit::model::Distribution::constant(alpha);
  p.needs.rate = 1.0;
  p.needs.complex_share = 0.0;
  p.transfer.teaching_gain = 0.0;
  return p;
}

inline tacit::model::RunOptions options(tacit::model::Activation activation, std::uint32_t threads = 1,
                                        std::uint64_t seed = 1) {
  tacit::model::RunOptions o;
  o.seed = seed;
  o.ticks = 10;
  o.activation = activation;
  o.threads = threads;
  return o;
}

}  // namespace tacit_test
