#include "tacit/model/games.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "tacit/core/error.hpp"
#include "tacit/core/rng.hpp"

namespace tacit::model {

namespace {

// Strategies are summed as numbers: a cooperator counts 1.
static_assert(k_cooperate == 1 && k_defect == 0);

// Prisoner's dilemma payoff of a player with strategy `me` against `other`.
double pd(const GameParams& g, std::uint8_t me, std::uint8_t other) {
  if (me == k_cooperate) return other == k_cooperate ? g.R : g.S;
  return other == k_cooperate ? g.T : g.P;
}

// Cooperating neighbours of v.
std::uint32_t cooperating(std::span<const network::ArcId> row, std::span<const network::NodeId> target,
                          std::span<const std::uint8_t> strategy, std::uint32_t v) {
  std::uint32_t count = 0;
  for (network::ArcId a = row[v]; a < row[v + 1]; ++a) count += strategy[target[a]];
  return count;
}

// Sum of value over v's neighbours, in CSR order.
double gather(std::span<const network::ArcId> row, std::span<const network::NodeId> target,
              std::span<const double> value, std::uint32_t v) {
  double sum = 0.0;
  for (network::ArcId a = row[v]; a < row[v + 1]; ++a) sum += value[target[a]];
  return sum;
}

void pgg_payoffs(const network::Network& net, const GameParams& g, std::span<const std::uint8_t> strategy,
                 std::span<double> payoff, unsigned threads, GameScratch& scratch) {
  const auto row = net.row_start();
  const auto target = net.targets();
  const auto n = static_cast<std::int64_t>(strategy.size());
  const bool per_game = g.cost == PgCost::per_game;
  scratch.share.resize(strategy.size());
  std::span<double> share = scratch.share;
  if (per_game) {
    // Every member puts in 1 per game: the pot is the number of cooperating members.
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto h = static_cast<std::uint32_t>(i);
      const std::uint32_t pot = strategy[h] + cooperating(row, target, strategy, h);
      share[h] = g.r * pot / (row[h + 1] - row[h] + 1);
    }
  } else {
    scratch.contribution.resize(strategy.size());
    std::span<double> contribution = scratch.contribution;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto v = static_cast<std::uint32_t>(i);
      contribution[v] = strategy[v] ? 1.0 / (row[v + 1] - row[v] + 1) : 0.0;
    }
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto h = static_cast<std::uint32_t>(i);
      const double pot = contribution[h] + gather(row, target, contribution, h);
      share[h] = g.r * pot / (row[h + 1] - row[h] + 1);
    }
  }
  // Each agent collects its share of its own game and of every neighbour's, minus what it paid:
  // k+1 per game, or 1 in total.
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<std::uint32_t>(i);
    const double p = share[v] + gather(row, target, share, v);
    const double paid = per_game ? static_cast<double>(row[v + 1] - row[v] + 1) : 1.0;
    payoff[v] = strategy[v] ? p - paid : p;
  }
}

// Event rules keep payoffs current: after agent u switched, add the change to every payoff it
// touches and refresh their fitness in the sampler (when given).
class PayoffUpdater {
 public:
  PayoffUpdater(const network::Network& net, const GameParams& g, std::span<const std::uint8_t> strategy,
                std::span<double> work, FitnessSampler* sampler, double w)
      : m_net(net), m_g(g), m_strategy(strategy), m_work(work), m_sampler(sampler), m_w(w) {}

  void switched(std::uint32_t u) {
    const std::uint8_t now = m_strategy[u];
    const double sign = now == k_cooperate ? 1.0 : -1.0;
    const auto nb = m_net.neighbours(u);
    const auto k = static_cast<double>(nb.size());
    switch (m_g.kind) {
      case GameKind::donation:
        add(u, sign * (-m_g.c * k + (m_g.self_interaction ? m_g.b - m_g.c : 0.0)));
        for (const auto j : nb) add(j, sign * m_g.b);
        break;
      case GameKind::prisoners_dilemma: {
        const std::uint8_t before = now == k_cooperate ? k_defect : k_cooperate;
        double p = m_g.self_interaction ? pd(m_g, now, now) : 0.0;
        for (const auto j : nb) {
          p += pd(m_g, now, m_strategy[j]);
          add(j, pd(m_g, m_strategy[j], now) - pd(m_g, m_strategy[j], before));
        }
        add(u, p - m_work[u]);
        break;
      }
      case GameKind::public_goods: {
        const bool per_game = m_g.cost == PgCost::per_game;
        const double put = sign * (per_game ? 1.0 : 1.0 / (k + 1.0));
        host(u, put);
        for (const auto h : nb) host(h, put);
        add(u, -sign * (per_game ? k + 1.0 : 1.0));
        break;
      }
      case GameKind::none:
        break;
    }
  }

 private:
  void add(std::uint32_t v, double delta) {
    m_work[v] += delta;
    if (m_sampler) m_sampler->set(v, fitness(m_work[v], m_w));
  }
  // The game hosted by h changed its pot by `put`: every member's share changes.
  void host(std::uint32_t h, double put) {
    const auto nb = m_net.neighbours(h);
    const double delta = m_g.r * put / static_cast<double>(nb.size() + 1);
    add(h, delta);
    for (const auto j : nb) add(j, delta);
  }

  const network::Network& m_net;
  const GameParams& m_g;
  std::span<const std::uint8_t> m_strategy;
  std::span<double> m_work;
  FitnessSampler* m_sampler;
  double m_w;
};

void synchronous_step(const network::Network& net, const LearningParams& learning, LearningRule rule,
                      const GameParams& game, std::span<std::uint8_t> strategy, std::span<const double> payoff,
                      std::uint64_t seed, std::uint32_t tick, unsigned threads, GameScratch& scratch) {
  PairwiseBound bound;
  if (rule == LearningRule::pairwise) {
    std::uint32_t max_degree = 0;
    for (std::uint32_t v = 0; v < strategy.size(); ++v) max_degree = std::max(max_degree, net.degree(v));
    scratch.lo.resize(max_degree + 1);
    scratch.hi.resize(max_degree + 1);
    for (std::uint32_t k = 0; k <= max_degree; ++k) {
      const PayoffRange range = payoff_range(game, k);
      scratch.lo[k] = range.lo;
      scratch.hi[k] = range.hi;
    }
    bound.lo = scratch.lo;
    bound.hi = scratch.hi;
  }
  // In a game everyone acts and is seen: the last action is the strategy (k_shared ==
  // k_cooperate), and this generation's payoff is the tick payoff.
  const std::span<const std::uint8_t> strategies = strategy;
  const RevisionInput in{strategy, payoff, FieldView<std::uint8_t>(strategies), {}, FieldView<double>(payoff)};
  scratch.next.resize(strategy.size());
  revise_synchronous(net, RuleMap{{}, rule}, in, learning, 1.0, bound, scratch.next, seed, tick, threads);
  std::copy(scratch.next.begin(), scratch.next.end(), strategy.begin());
}

void event_step(const network::Network& net, const LearningParams& learning, LearningRule rule,
                const GameParams& game, std::span<std::uint8_t> strategy, std::span<const double> payoff,
                std::uint64_t seed, std::uint32_t tick, GameScratch& scratch) {
  const auto n = static_cast<std::uint32_t>(strategy.size());
  const double w = learning.selection_intensity;
  scratch.work.assign(payoff.begin(), payoff.end());
  FitnessSampler* sampler = nullptr;
  if (rule == LearningRule::birth_death) {
    scratch.fitness.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) scratch.fitness[i] = fitness(payoff[i], w);
    scratch.sampler.assign(scratch.fitness);
    sampler = &scratch.sampler;
  }
  PayoffUpdater update(net, game, strategy, scratch.work, sampler, w);
  const RuleMap rules{{}, rule};
  Rng rng(seed, Stream::learning, tick, k_event_stream);
  for (std::uint32_t e = 0; e < n; ++e) {
    if (rule == LearningRule::birth_death) {
      const std::uint32_t child = birth_death_event(net, rules, strategy, scratch.sampler, rng);
      if (child != k_unchanged) update.switched(child);
      continue;
    }
    const auto u = static_cast<std::uint32_t>(rng.below(n));
    const bool changed = rule == LearningRule::death_birth
                             ? death_birth_event(net, strategy, scratch.work, w, u, rng)
                             : imitation_event(net, strategy, scratch.work, w, u, rng);
    if (changed) update.switched(u);
  }
}

}  // namespace

PayoffRange payoff_range(const GameParams& g, std::uint32_t degree) {
  const auto k = static_cast<double>(degree);
  const double self = g.self_interaction ? 1.0 : 0.0;
  PayoffRange range;
  switch (g.kind) {
    case GameKind::none:
      break;
    case GameKind::donation:
    case GameKind::prisoners_dilemma: {
      // Payoffs are linear in the number of cooperating neighbours: the extremes are at 0 and k.
      const bool donation = g.kind == GameKind::donation;
      const double c0 = donation ? -g.c * k + self * (g.b - g.c) : k * g.S + self * g.R;
      const double ck = donation ? (g.b - g.c) * k + self * (g.b - g.c) : k * g.R + self * g.R;
      const double d0 = donation ? 0.0 : k * g.P + self * g.P;
      const double dk = donation ? g.b * k : k * g.T + self * g.P;
      range.lo = std::min({c0, ck, d0, dk});
      range.hi = std::max({c0, ck, d0, dk});
      break;
    }
    case GameKind::public_goods: {
      const double members = k + 1.0;
      const double paid = g.cost == PgCost::per_game ? members : 1.0;
      range.lo = -paid + std::min(0.0, g.r) * members;
      range.hi = std::max(0.0, g.r) * members;
      break;
    }
  }
  return range;
}

void compute_payoffs(const network::Network& network, const GameParams& game,
                     std::span<const std::uint8_t> strategy, std::span<double> payoff, unsigned threads,
                     GameScratch& scratch) {
  const auto row = network.row_start();
  const auto target = network.targets();
  const auto n = static_cast<std::int64_t>(strategy.size());
  switch (game.kind) {
    case GameKind::none:
      std::fill(payoff.begin(), payoff.end(), 0.0);
      break;
    case GameKind::donation: {
      const double self = game.self_interaction ? game.b - game.c : 0.0;
#pragma omp parallel for num_threads(threads) schedule(static)
      for (std::int64_t i = 0; i < n; ++i) {
        const auto v = static_cast<std::uint32_t>(i);
        const double p = game.b * cooperating(row, target, strategy, v);
        payoff[v] = strategy[v] ? p - game.c * (row[v + 1] - row[v]) + self : p;
      }
      break;
    }
    case GameKind::prisoners_dilemma: {
#pragma omp parallel for num_threads(threads) schedule(static)
      for (std::int64_t i = 0; i < n; ++i) {
        const auto v = static_cast<std::uint32_t>(i);
        const std::uint32_t cooperators = cooperating(row, target, strategy, v);
        const std::uint32_t defectors = row[v + 1] - row[v] - cooperators;
        const std::uint8_t s = strategy[v];
        double p = cooperators * pd(game, s, k_cooperate) + defectors * pd(game, s, k_defect);
        if (game.self_interaction) p += pd(game, s, s);
        payoff[v] = p;
      }
      break;
    }
    case GameKind::public_goods:
      pgg_payoffs(network, game, strategy, payoff, threads, scratch);
      break;
  }
}

void compute_payoffs(const network::Network& network, const GameParams& game,
                     std::span<const std::uint8_t> strategy, std::span<double> payoff, unsigned threads) {
  thread_local GameScratch scratch;
  compute_payoffs(network, game, strategy, payoff, threads, scratch);
}

void initialize_strategies(const GameParams& game, std::span<std::uint8_t> strategy, std::uint64_t seed) {
  const auto n = static_cast<std::uint32_t>(strategy.size());
  if (n == 0) return;
  switch (game.initial) {
    case InitialStrategies::fraction: {
      const double f = std::clamp(game.initial_fraction, 0.0, 1.0);
      const auto m = static_cast<std::uint32_t>(std::llround(f * n));
      std::fill(strategy.begin(), strategy.end(), k_defect);
      // Partial Fisher–Yates: the first m of a random permutation cooperate.
      std::vector<std::uint32_t> order(n);
      std::iota(order.begin(), order.end(), 0u);
      Rng rng(seed, Stream::learning, 0, k_game_init_stream);
      for (std::uint32_t i = 0; i < m; ++i) {
        std::swap(order[i], order[i + rng.below(n - i)]);
        strategy[order[i]] = k_cooperate;
      }
      break;
    }
    case InitialStrategies::single_cooperator:
    case InitialStrategies::single_defector: {
      if (game.initial_node >= n)
        throw InputError("game.initial_node is " + std::to_string(game.initial_node) +
                         " but the network has " + std::to_string(n) + " nodes (ids 0.." +
                         std::to_string(n - 1) + "); choose a node in that range");
      const bool single_c = game.initial == InitialStrategies::single_cooperator;
      std::fill(strategy.begin(), strategy.end(), single_c ? k_defect : k_cooperate);
      strategy[game.initial_node] = single_c ? k_cooperate : k_defect;
      break;
    }
  }
}

void game_step(const network::Network& network, const GameParams& game, const LearningParams& learning,
               std::span<std::uint8_t> strategy, std::span<double> payoff, std::uint64_t seed,
               std::uint32_t tick, unsigned threads, GameScratch& scratch) {
  compute_payoffs(network, game, strategy, payoff, threads, scratch);
  const LearningRule rule = game.update;
  if (rule == LearningRule::none || strategy.empty()) return;
  if (is_event_rule(rule)) {
    event_step(network, learning, rule, game, strategy, payoff, seed, tick, scratch);
  } else {
    synchronous_step(network, learning, rule, game, strategy, payoff, seed, tick, threads, scratch);
  }
}

void game_step(const network::Network& network, const GameParams& game, const LearningParams& learning,
               std::span<std::uint8_t> strategy, std::span<double> payoff, std::uint64_t seed,
               std::uint32_t tick, unsigned threads) {
  thread_local GameScratch scratch;
  game_step(network, game, learning, strategy, payoff, seed, tick, threads, scratch);
}

bool fixated(std::span<const std::uint8_t> strategy) {
  return std::adjacent_find(strategy.begin(), strategy.end(), std::not_equal_to<>()) == strategy.end();
}

double cooperator_fraction(std::span<const std::uint8_t> strategy) {
  if (strategy.empty()) return 0.0;
  std::uint64_t c = 0;
  for (const auto s : strategy) c += s == k_cooperate;
  return static_cast<double>(c) / static_cast<double>(strategy.size());
}

}  // namespace tacit::model
