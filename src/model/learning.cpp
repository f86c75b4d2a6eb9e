#include "tacit/model/learning.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "tacit/core/exp.hpp"

namespace tacit::model {

namespace {

// Heuristics compare actions with strategies: sharing is cooperating.
static_assert(k_shared == k_cooperate && k_refused == k_defect);

std::uint8_t flipped(std::uint8_t s) { return s == k_cooperate ? k_defect : k_cooperate; }

bool visible(const RevisionInput& in, std::uint32_t j) { return in.identified.empty() || in.identified[j] != 0; }

// Fermi or pairwise: x has drawn neighbour y. The probability of copying y, or none when
// copying would change nothing or is ruled out (then no uniform is drawn).
std::optional<double> copy_probability(const network::Network& net, const RevisionInput& in, LearningRule rule,
                                       const LearningParams& params, const PairwiseBound& bound, std::uint32_t x,
                                       std::uint32_t y) {
  if (in.strategy[y] == in.strategy[x]) return std::nullopt;  // copying changes nothing: spare the draw
  const double diff = in.payoff[y] - in.payoff[x];
  if (rule == LearningRule::fermi) return 1.0 / (1.0 + core::exp(-params.selection_intensity * diff));
  if (!(diff > 0.0)) return std::nullopt;
  const double m = bound(net.degree(x), net.degree(y));
  return m > 0.0 ? diff / m : 1.0;
}

std::uint8_t imitate_best(const network::Network& net, const RevisionInput& in, std::uint32_t x) {
  double best = in.payoff[x];
  std::uint8_t s = in.strategy[x];
  for (const auto y : net.neighbours(x)) {
    if (in.payoff[y] > best) {  // strict: ties keep the earlier (own, then lower id)
      best = in.payoff[y];
      s = in.strategy[y];
    }
  }
  return s;
}

std::uint8_t heuristic(const network::Network& net, const RevisionInput& in, LearningRule rule,
                       const LearningParams& params, std::uint32_t x) {
  const std::uint8_t s = in.strategy[x];
  switch (rule) {
    case LearningRule::repeat:
      return in.last_action[x] == k_not_asked ? s : in.last_action[x];
    case LearningRule::win_stay_lose_shift:
      return in.tick_payoff[x] >= params.aspiration ? s : flipped(s);
    case LearningRule::mimic_majority: {
      std::uint32_t shared = 0, refused = 0;
      for (const auto y : net.neighbours(x)) {
        if (!visible(in, y)) continue;
        shared += in.last_action[y] == k_shared;
        refused += in.last_action[y] == k_refused;
      }
      return shared > refused ? k_cooperate : refused > shared ? k_defect : s;
    }
    case LearningRule::mimic_winners: {
      std::uint32_t n_shared = 0, n_refused = 0;
      double p_shared = 0.0, p_refused = 0.0;
      for (const auto y : net.neighbours(x)) {
        if (!visible(in, y)) continue;
        if (in.last_action[y] == k_shared) {
          ++n_shared;
          p_shared += in.tick_payoff[y];
        } else if (in.last_action[y] == k_refused) {
          ++n_refused;
          p_refused += in.tick_payoff[y];
        }
      }
      if (n_shared == 0 || n_refused == 0) return s;
      const double mean_shared = p_shared / n_shared, mean_refused = p_refused / n_refused;
      return mean_shared > mean_refused ? k_cooperate : mean_refused > mean_shared ? k_defect : s;
    }
    default:
      return s;
  }
}

// Index into `count` candidates chosen proportional to weight(i) with one uniform u; uniform
// when all weights are 0. The fallback is the last candidate with positive weight (rounding).
template <class Weight>
std::uint32_t roulette(std::uint32_t count, Weight weight, double u) {
  double total = 0.0;
  for (std::uint32_t i = 0; i < count; ++i) total += weight(i);
  if (!(total > 0.0)) return std::min(count - 1, static_cast<std::uint32_t>(u * count));
  const double target = u * total;
  double acc = 0.0;
  std::uint32_t last = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const double wgt = weight(i);
    if (wgt <= 0.0) continue;
    acc += wgt;
    last = i;
    if (target < acc) return i;
  }
  return last;
}

}  // namespace

bool is_event_rule(LearningRule rule) {
  return rule == LearningRule::death_birth || rule == LearningRule::birth_death ||
         rule == LearningRule::imitation;
}

bool is_synchronous_rule(LearningRule rule) { return rule != LearningRule::none && !is_event_rule(rule); }

void revise_synchronous(const network::Network& network, const RuleMap& rules, const RevisionInput& in,
                        const LearningParams& params, double rate, const PairwiseBound& bound,
                        std::span<std::uint8_t> next, std::uint64_t seed, std::uint32_t tick,
                        unsigned threads) {
  // Agents go in blocks: first each agent's draws up to the neighbour it looks at (and a
  // prefetch of that neighbour's state, a cache miss on large networks), then the decisions.
  // Each agent uses only its own stream, so neither blocks nor threads change the result.
  // At rate 1 the neighbour is the stream's first output, which needs one of its four state
  // words (Rng::first_below); the other three are seeded only for the agents that draw a
  // uniform after it. Many do not: once strategies cluster, most neighbours play the agent's
  // own strategy (and under the pairwise rule, half of the others earn less). In the public
  // goods game of benchmark 3 this took a step at 10^4 agents from 0.236 to 0.174 ms on one
  // thread (docs/PERFORMANCE.md), the same bytes.
  constexpr std::uint32_t k_block = 64;
  enum Stage : std::uint8_t { done, neighbour, deterministic };
  const auto n = static_cast<std::uint32_t>(in.strategy.size());
  const auto blocks = static_cast<std::int64_t>((n + k_block - 1) / k_block);
  const SeedPrefix streams(seed, Stream::learning, tick);
#pragma omp parallel num_threads(threads)
  {
    std::array<Rng, k_block> rng;               // an agent's stream after its draws, or
    std::array<std::uint64_t, k_block> start;   // its seed, when only the first output was drawn
    std::array<bool, k_block> seeded;           // which of the two
    std::array<std::uint32_t, k_block> drawn;
    std::array<Stage, k_block> stage;
#pragma omp for schedule(static)
    for (std::int64_t b = 0; b < blocks; ++b) {
      const auto first = static_cast<std::uint32_t>(b) * k_block;
      const std::uint32_t count = std::min(k_block, n - first);
      for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t x = first + i;
        const LearningRule rule = rules[x];
        stage[i] = done;
        next[x] = in.strategy[x];
        if (!is_synchronous_rule(rule)) continue;
        const bool draws = rule == LearningRule::fermi || rule == LearningRule::pairwise;
        seeded[i] = rate < 1.0;
        if (rate < 1.0 || draws) start[i] = streams(x);
        if (rate < 1.0) {
          rng[i] = Rng(start[i]);
          if (!rng[i].bernoulli(rate)) continue;
        }
        if (!draws) {
          stage[i] = deterministic;
          continue;
        }
        const std::uint32_t k = network.degree(x);
        if (k == 0) continue;
        std::uint64_t pick = 0;
        if (seeded[i] || !Rng::first_below(start[i], k, pick)) {
          if (!seeded[i]) rng[i] = Rng(start[i]);
          seeded[i] = true;
          pick = rng[i].below(k);
        }
        const std::uint32_t y = network.neighbours(x)[pick];
        drawn[i] = y;
        stage[i] = neighbour;
        __builtin_prefetch(&in.strategy[y]);
        __builtin_prefetch(&in.payoff[y]);
      }
      for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t x = first + i;
        if (stage[i] == neighbour) {
          const std::optional<double> p = copy_probability(network, in, rules[x], params, bound, x, drawn[i]);
          if (!p) continue;  // next[x] keeps the strategy
          if (!seeded[i]) rng[i] = Rng::after_first(start[i]);  // the first output went to the neighbour
          if (rng[i].uniform() < *p) next[x] = in.strategy[drawn[i]];
        } else if (stage[i] == deterministic) {
          next[x] = rules[x] == LearningRule::imitate_best ? imitate_best(network, in, x)
                                                           : heuristic(network, in, rules[x], params, x);
        }
      }
    }
  }
}

// ---- FitnessSampler ------------------------------------------------------------------------

void FitnessSampler::assign(std::span<const double> fitness) {
  const std::size_t n = fitness.size();
  m_value.assign(fitness.begin(), fitness.end());
  m_tree.assign(n + 1, 0.0);
  for (std::size_t i = 1; i <= n; ++i) {
    m_tree[i] += fitness[i - 1];
    const std::size_t parent = i + (i & (~i + 1));
    if (parent <= n) m_tree[parent] += m_tree[i];
  }
  m_top = 1;
  while (m_top * 2 <= n) m_top *= 2;
}

void FitnessSampler::set(std::uint32_t i, double fitness) {
  const double delta = fitness - m_value[i];
  if (delta == 0.0) return;
  m_value[i] = fitness;
  for (std::size_t j = std::size_t{i} + 1; j < m_tree.size(); j += j & (~j + 1)) m_tree[j] += delta;
}

double FitnessSampler::total() const {
  double sum = 0.0;
  for (std::size_t j = m_value.size(); j > 0; j -= j & (~j + 1)) sum += m_tree[j];
  return sum;
}

std::uint32_t FitnessSampler::sample(Rng& rng) const {
  const auto n = static_cast<std::uint32_t>(m_value.size());
  const double u = rng.uniform();
  const double sum = total();
  if (!(sum > 0.0)) return std::min(n - 1, static_cast<std::uint32_t>(u * n));
  // Descend the tree: the largest prefix whose sum is <= target; zero-fitness agents are skipped.
  double target = u * sum;
  std::uint32_t pos = 0;
  for (std::uint32_t step = m_top; step > 0; step >>= 1) {
    if (pos + step <= n && m_tree[pos + step] <= target) {
      pos += step;
      target -= m_tree[pos];
    }
  }
  // Rounding can run past the end or land on a zero; step back to the nearest positive fitness.
  if (pos >= n) pos = n - 1;
  while (pos > 0 && !(m_value[pos] > 0.0)) --pos;
  return pos;
}

// ---- event rules ---------------------------------------------------------------------------

bool death_birth_event(const network::Network& network, std::span<std::uint8_t> strategy,
                       std::span<const double> payoff, double w, std::uint32_t focal, Rng& rng) {
  const auto nb = network.neighbours(focal);
  if (nb.empty()) return false;
  const auto k = static_cast<std::uint32_t>(nb.size());
  const std::uint32_t winner =
      nb[roulette(k, [&](std::uint32_t i) { return fitness(payoff[nb[i]], w); }, rng.uniform())];
  if (strategy[winner] == strategy[focal]) return false;
  strategy[focal] = strategy[winner];
  return true;
}

bool imitation_event(const network::Network& network, std::span<std::uint8_t> strategy,
                     std::span<const double> payoff, double w, std::uint32_t focal, Rng& rng) {
  const auto nb = network.neighbours(focal);
  if (nb.empty()) return false;
  const auto k = static_cast<std::uint32_t>(nb.size());
  // Candidate 0 is the focal agent itself, then its neighbours.
  const auto who = [&](std::uint32_t i) { return i == 0 ? focal : nb[i - 1]; };
  const std::uint32_t winner =
      who(roulette(k + 1, [&](std::uint32_t i) { return fitness(payoff[who(i)], w); }, rng.uniform()));
  if (strategy[winner] == strategy[focal]) return false;
  strategy[focal] = strategy[winner];
  return true;
}

std::uint32_t birth_death_event(const network::Network& network, const RuleMap& rules,
                                std::span<std::uint8_t> strategy, const FitnessSampler& sampler, Rng& rng) {
  const std::uint32_t parent = sampler.sample(rng);
  const auto nb = network.neighbours(parent);
  if (nb.empty()) return k_unchanged;
  const std::uint32_t child = nb[rng.below(nb.size())];
  if (rules[child] != LearningRule::birth_death || strategy[child] == strategy[parent]) return k_unchanged;
  strategy[child] = strategy[parent];
  return child;
}

// ---- the sharing model ---------------------------------------------------------------------

void revise_strategies(const network::Network& network, Population& pop, const LearningParams& params,
                       std::uint64_t seed, std::uint32_t tick, unsigned threads, LearningScratch& scratch) {
  const auto n = static_cast<std::uint32_t>(pop.strategy.size());
  if (n == 0) return;
  const RuleMap rules{pop.learning_rule, LearningRule::none};
  bool any_sync = false, any_pairwise = false, any_focal = false, any_bd = false;
  for (std::uint32_t i = 0; i < n; ++i) {
    const LearningRule r = rules[i];
    any_sync |= is_synchronous_rule(r);
    any_pairwise |= r == LearningRule::pairwise;
    any_focal |= r == LearningRule::death_birth || r == LearningRule::imitation;
    any_bd |= r == LearningRule::birth_death;
  }

  if (any_sync) {
    PairwiseBound bound;
    if (any_pairwise) {
      // Payoffs of the sharing model have no bound by degree: M is the widest gap observed.
      const auto [lo, hi] = std::minmax_element(pop.payoff.begin(), pop.payoff.end());
      bound.constant = *hi - *lo;
    }
    const std::span<const Ledger> ledger = pop.ledger;
    const RevisionInput in{pop.strategy, pop.payoff, {ledger, &Ledger::last_action}, pop.identified,
                           {ledger, &Ledger::tick_payoff}};
    scratch.next.resize(n);
    revise_synchronous(network, rules, in, params, params.rate, bound, scratch.next, seed, tick, threads);
    std::copy(scratch.next.begin(), scratch.next.end(), pop.strategy.begin());
  }
  if (!any_focal && !any_bd) return;

  const auto events = static_cast<std::uint64_t>(std::llround(std::max(0.0, params.rate) * n));
  const double w = params.selection_intensity;
  Rng rng(seed, Stream::learning, tick, k_event_stream);
  if (any_focal) {
    for (std::uint64_t e = 0; e < events; ++e) {
      const auto u = static_cast<std::uint32_t>(rng.below(n));
      const LearningRule r = rules[u];
      if (r == LearningRule::death_birth) death_birth_event(network, pop.strategy, pop.payoff, w, u, rng);
      else if (r == LearningRule::imitation) imitation_event(network, pop.strategy, pop.payoff, w, u, rng);
    }
  }
  if (any_bd) {
    scratch.fitness.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) scratch.fitness[i] = fitness(pop.payoff[i], w);
    scratch.sampler.assign(scratch.fitness);
    for (std::uint64_t e = 0; e < events; ++e) birth_death_event(network, rules, pop.strategy, scratch.sampler, rng);
  }
}

void revise_strategies(const network::Network& network, Population& pop, const LearningParams& params,
                       std::uint64_t seed, std::uint32_t tick, unsigned threads) {
  thread_local LearningScratch scratch;
  revise_strategies(network, pop, params, seed, tick, threads, scratch);
}

}  // namespace tacit::model
