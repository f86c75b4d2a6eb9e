#include "tacit/model/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <numeric>

#include "tacit/core/blocks.hpp"
#include "tacit/core/error.hpp"
#include "tacit/core/huge_pages.hpp"
#include "tacit/core/positive_part.hpp"
#include "tacit/core/prefetch.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/core/stopwatch.hpp"
#include "tacit/model/decision.hpp"
#include "tacit/model/games.hpp"
#include "tacit/model/innovation.hpp"
#include "tacit/model/learning.hpp"
#include "tacit/model/organization.hpp"
#include "tacit/model/population_init.hpp"
#include "tacit/model/reputation.hpp"
#include "tacit/model/search.hpp"
#include "tacit/model/transfer.hpp"
#include "tacit/model/trust.hpp"

namespace tacit::model {

namespace {
Population initialized_population(const network::Network& network, const ModelParams& params, std::uint64_t seed) {
  Population pop;
  initialize_population(pop, network, params, seed);
  return pop;
}

// Phase 2 of a request draws from a second stream of the same (tick, agent), so that adding a
// draw to phase 1 never shifts phase 2's numbers, and vice versa.
constexpr std::uint64_t k_phase_two = std::uint64_t{1} << 32;
}  // namespace

Simulation::Simulation(const network::Network& network, const ModelParams& params, RunOptions options)
    : m_network(network),
      m_params(params),
      m_search_terms(params.search, params.reputation),
      m_options(options),
      m_population(initialized_population(network, params, options.seed)),
      m_esm(network, params, m_population, options.seed) {
  if (m_options.threads == 0) m_options.threads = 1;
  m_fetch_ahead = m_options.fetch_ahead == FetchAhead::always ||
                  (m_options.fetch_ahead == FetchAhead::automatic && core::worth_prefetching(network.num_nodes()));
  m_esm.set_fetch_ahead(m_fetch_ahead);
  const std::uint32_t n = network.num_nodes();
  initialize_trust(m_ties, network, params.trust);
  if (params.game.kind != GameKind::none) initialize_strategies(params.game, m_population.strategy, options.seed);
  core::assign_on_huge_pages(m_order, n, 0u);
  std::iota(m_order.begin(), m_order.end(), 0u);
  core::assign_on_huge_pages(m_need, n, Need{});
  core::assign_on_huge_pages(m_request, n, network.num_arcs());
  if (options.activation == Activation::synchronous) {
    size_on_huge_pages(m_snapshot_explicit, n, params.knowledge.topics);
    size_on_huge_pages(m_snapshot_tacit, n, params.knowledge.topics);
  }
  for (std::uint32_t i = 0; i < n; ++i)
    m_any_learning |= static_cast<LearningRule>(m_population.learning_rule[i]) != LearningRule::none;
}

const std::vector<std::string>& Simulation::metric_names() { return model::metric_names(); }

void Simulation::run(Observer& observer) {
  observer.on_run_start(*this);
  observer.on_tick_end(*this, m_tick);
  while (m_tick < m_options.ticks && !finished()) {
    step();
    observer.on_tick_end(*this, m_tick);
  }
  observer.on_run_end(*this);
}

bool Simulation::finished() const {
  return m_params.game.kind != GameKind::none && m_params.game.stop == StopRule::fixation &&
         fixated(m_population.strategy);
}

void Simulation::step() {
  ++m_tick;
  m_request_seeds = SeedPrefix(m_options.seed, Stream::request, m_tick);
  m_counters = TickCounters{};
  if (m_params.game.kind != GameKind::none) {
    step_game();
  } else {
    step_sharing();
  }
}

void Simulation::step_game() {
  core::resize_on_huge_pages(m_game_payoff, m_population.size());
  game_step(m_network, m_params.game, m_params.learning, m_population.strategy, m_game_payoff,
            m_options.seed, m_tick, m_options.threads);
  // The generation's payoffs are the agents' payoffs (no memory across generations in games).
  std::copy(m_game_payoff.begin(), m_game_payoff.end(), m_population.payoff.begin());
  for (std::size_t i = 0; i < m_game_payoff.size(); ++i) m_population.ledger[i].tick_payoff = m_game_payoff[i];
}

void Simulation::step_sharing() {
  auto& pop = m_population;
  // This tick's payoff and action start afresh: the previous tick's settling cleared them.
  core::Stopwatch watch;
  draw_requests();
  watch.lap(m_phase_seconds.draw_requests);
  if (!shuffles_beside_searches()) shuffle_order();
  const bool synchronous = m_options.activation == Activation::synchronous;
  if (synchronous) {
    m_snapshot_explicit = pop.explicit_knowledge;
    m_snapshot_tacit = pop.tacit_knowledge;
  }
  watch.lap(m_phase_seconds.order);
  serve_all(synchronous);
  watch.lap(m_phase_seconds.serve);
  m_esm.step(m_tick, pop, m_need, m_options.threads);
  watch.lap(m_phase_seconds.esm);
  settle_payoffs_and_learn();
  watch.lap(m_phase_seconds.settle);
}

void Simulation::shuffle_order() {
  if (m_options.activation != Activation::random) return;
  // Fisher–Yates from the identity, so the order of tick t depends on (seed, t) only.
  std::iota(m_order.begin(), m_order.end(), 0u);
  Rng rng(m_options.seed, Stream::schedule, m_tick);
  for (std::size_t i = m_order.size(); i > 1; --i) std::swap(m_order[i - 1], m_order[rng.below(i)]);
}

bool Simulation::shuffles_beside_searches() const { return m_fetch_ahead && m_options.threads > 1; }

void Simulation::draw_requests() {
  const auto n = static_cast<std::int64_t>(m_population.size());
  const auto& pop = m_population;
  if (!m_fetch_ahead) {  // in the caches: one pass, nothing to fetch
#pragma omp parallel for num_threads(m_options.threads) schedule(static)
    for (std::int64_t s = 0; s < n; ++s) {
      const auto i = static_cast<std::uint32_t>(s);
      // Most agents have no problem, which the stream's first output decides: their streams
      // are not seeded. An asker's is, once, for its need and then its search.
      const std::uint64_t seed = m_request_seeds(i);
      m_need[i] = Need{};
      m_request[i] = m_network.num_arcs();
      if (!has_need(m_params.needs, seed)) continue;
      Rng rng(seed);
      m_need[i] = draw_need(pop, i, m_params.needs, rng);
      if (m_need[i].active()) m_request[i] = choose_helper(m_network, pop, m_ties, i, m_need[i], m_search_terms, rng);
    }
    return;
  }
  const core::Blocks blocks = core::blocks_for(n, m_options.threads);
  const auto words = (n + 63) / 64;
  core::resize_on_huge_pages(m_has_need, static_cast<std::size_t>(words));
  const std::int64_t word_block = std::max<std::int64_t>(1, blocks.size / 64);  // the blocks' words
#pragma omp parallel num_threads(m_options.threads)
  {
    // First who has a problem, a bit per agent from the first output of its stream (most agents
    // have none, and their streams are never seeded); then, in blocks, each asker's need and
    // search. Knowing who asks next, the loop draws the next asker's need (its stream is kept
    // for its turn, so each stream is seeded once) and fetches its neighbours' knowledge of the
    // topic (a random row each) while this asker chooses.
#pragma omp for schedule(dynamic, word_block)
    for (std::int64_t w = 0; w < words; ++w) {
      const std::int64_t end = std::min(n, 64 * w + 64);
      std::uint64_t bits = 0;
      for (std::int64_t s = 64 * w; s < end; ++s)
        bits |= static_cast<std::uint64_t>(has_need(m_params.needs, m_request_seeds(static_cast<std::uint64_t>(s))))
                << (s - 64 * w);
      m_has_need[static_cast<std::size_t>(w)] = bits;
    }
    // The activation order touches nothing a search reads: one thread shuffles it while the
    // others take the first blocks of searches.
    if (shuffles_beside_searches()) {
#pragma omp single nowait
      shuffle_order();
    }
    // The searches, in blocks of agents taken by whichever thread is free (core/blocks.hpp): an
    // agent's need and search write only its own entries, so which thread runs a block changes
    // nothing. The loop looks ahead within its block only (the next block may be another
    // thread's).
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks.count; ++b) {
      const std::int64_t block_end = blocks.end(b, n);
      // Who asks is a coin flip per agent: the block's agents are first all written as asking
      // nothing, and the loop then goes from asker to asker along the set bits (a branch per
      // agent on whether it asks was mispredicted at every third agent or so).
      for (std::int64_t s = blocks.begin(b); s < block_end; ++s) {
        m_need[static_cast<std::size_t>(s)] = Need{};
        m_request[static_cast<std::size_t>(s)] = m_network.num_arcs();
      }
      const auto asker_from = [&](std::int64_t from) {  // the first asker at or after `from`, or block_end
        if (from >= block_end) return block_end;
        auto w = static_cast<std::size_t>(from >> 6);
        std::uint64_t bits = m_has_need[w] & (~std::uint64_t{0} << (from & 63));
        while (bits == 0) {
          if (static_cast<std::int64_t>(++w) * 64 >= block_end) return block_end;
          bits = m_has_need[w];
        }
        return std::min(block_end, static_cast<std::int64_t>(w * 64) + std::countr_zero(bits));
      };
      std::uint32_t next_of = static_cast<std::uint32_t>(n);  // the asker whose need and stream are kept
      Need next_need;
      Rng next_rng;
      std::int64_t s = asker_from(blocks.begin(b));
      std::int64_t next = asker_from(s + 1);
      while (s < block_end) {
        const std::int64_t after = asker_from(next + 1);  // (next and after: the two askers after s)
        const auto i = static_cast<std::uint32_t>(s);
        Rng rng = next_of == i ? next_rng : Rng(m_request_seeds(i));
        const Need need = next_of == i ? next_need : draw_need(pop, i, m_params.needs, rng);
        m_need[i] = need;
        // The asker after next: its own arcs (neighbours, kinds, trust), contiguous but too far
        // apart from one asker to the next for the hardware to fetch them ahead.
        if (after < block_end) {
          const network::ArcId begin = m_network.arc_begin(static_cast<network::NodeId>(after));
          const network::ArcId end = m_network.arc_end(static_cast<network::NodeId>(after));
          const auto fetch = [](const void* from, const void* to) {  // the lines of [from, to)
            const auto* first = static_cast<const char*>(from);
            const auto* last = static_cast<const char*>(to) - 1;
            for (const char* line = first; line < last; line += 64) __builtin_prefetch(line);
            __builtin_prefetch(last);
          };
          if (begin < end) {
            fetch(m_network.targets().data() + begin, m_network.targets().data() + end);
            fetch(m_network.kinds().data() + begin, m_network.kinds().data() + end);
            fetch(m_ties.arc.data() + begin, m_ties.arc.data() + end);
          }
        }
        // The next asker: its need, then its neighbours' knowledge of the topic and their images.
        if (next < block_end) {
          const auto j = static_cast<std::uint32_t>(next);
          next_of = j;
          next_rng = Rng(m_request_seeds(j));
          next_need = draw_need(pop, j, m_params.needs, next_rng);
          if (next_need.active()) {
            const KnowledgeMatrix& k = next_need.complex ? pop.tacit_knowledge : pop.explicit_knowledge;
            for (const network::NodeId v : m_network.neighbours(j)) {
              __builtin_prefetch(&k(v, next_need.topic));
              __builtin_prefetch(&pop.image[v]);
            }
          }
        }
        m_request[i] = need.active() ? choose_helper(m_network, pop, m_ties, i, need, m_search_terms, rng)
                                     : m_network.num_arcs();
        s = next;
        next = after;
      }
    }
  }
}

// Always inlined: GCC sees no effect in a function that only prefetches, and deletes the calls
// to it when it does not inline it. Until this attribute it did so here, and serving ran
// without its fetches ahead (docs/PERFORMANCE.md, "The serving loop's fetches, found missing").
[[gnu::always_inline]] inline void Simulation::prefetch(const Request& r, bool from_snapshot) const {
  const auto& pop = m_population;
  const std::uint32_t i = r.asker, j = r.helper;
  const auto t = static_cast<Eigen::Index>(r.topic);
  const KnowledgeMatrix& source_explicit = from_snapshot ? m_snapshot_explicit : pop.explicit_knowledge;
  const KnowledgeMatrix& source_tacit = from_snapshot ? m_snapshot_tacit : pop.tacit_knowledge;
  // Records aligned to their size (ledger 64 bytes, traits 32): one line each.
  __builtin_prefetch(&pop.ledger[i], 1);
  if (r.arc == m_network.num_arcs()) return;
  __builtin_prefetch(&pop.traits[i]);
  __builtin_prefetch(&pop.image[i]);
  __builtin_prefetch(&pop.explicit_knowledge(i, t), 1);
  __builtin_prefetch(&source_explicit(j, t));
  __builtin_prefetch(&pop.explicit_knowledge(j, t), 1);
  if (r.complex) {
    __builtin_prefetch(&pop.tacit_knowledge(i, t), 1);
    __builtin_prefetch(&source_tacit(j, t));
    __builtin_prefetch(&pop.tacit_knowledge(j, t), 1);
  }
  __builtin_prefetch(&pop.ledger[j], 1);
  __builtin_prefetch(&pop.traits[j]);
  __builtin_prefetch(&pop.image[j], 1);
  __builtin_prefetch(&pop.identified[j]);
  const auto team = m_network.team();
  if (!team.empty()) {
    __builtin_prefetch(&team[i]);
    __builtin_prefetch(&team[j]);
  }
  // A 12-byte tie record may straddle two lines: its first and last field.
  __builtin_prefetch(&m_ties.arc[r.arc].trust_r, 1);
  __builtin_prefetch(&m_ties.arc[r.arc].balance, 1);
  __builtin_prefetch(&m_ties.arc[r.back].trust_r, 1);
  __builtin_prefetch(&m_ties.arc[r.back].balance, 1);
}

void Simulation::serve_all(bool from_snapshot) {
  // Requests in activation order, served as if one after another: a request touches only the
  // state of its asker i and helper j (their knowledge rows, counters, images, payoffs, and the
  // two arcs between them), so requests with no agent in common commute. Rounds: a request
  // runs in the round after the last one of the earlier requests it shares an agent with (the
  // first round if none), and the requests of a round, which share no agent, run in parallel.
  // Every pair of requests sharing an agent therefore runs in activation order, and the result
  // equals the serial one exactly; the only shared sum (knowledge gained, a double) is taken
  // afterwards in activation order.
  //
  // Each request touches some 20 cache lines of two random agents, so the loops prefetch the
  // request k_ahead places later while serving this one: the misses overlap instead of
  // queueing (the addresses come from the Request list).
  //
  // The list is built and resolved in parallel: each thread takes a contiguous part of the
  // activation order, lists its askers in order, and writes their requests from the prefix sum
  // of the counts before it, so the list is the same at any thread count.
  //
  // Only the listing walks the whole activation order, asking of each agent whether it has a
  // problem: of a bit per agent (125 KB, in a core's L2), not of m_need (8 MB at 10^6 agents,
  // a random miss per agent). The requests are then written from the askers alone, fetched a
  // fixed number of askers ahead (walking the whole order again, the fetches ahead had to ask
  // of every agent on the way and reached only as far as the askers happened to be).
  const network::ArcId none = m_network.num_arcs();
  const auto agents = static_cast<std::int64_t>(m_order.size());
  const auto words = (agents + 63) / 64;
  core::resize_on_huge_pages(m_asks, static_cast<std::size_t>(words));
  m_part_start.assign(static_cast<std::size_t>(m_options.threads) + 1, 0);
  if (m_part_askers.size() < m_options.threads) m_part_askers.resize(m_options.threads);
#pragma omp parallel num_threads(m_options.threads)
  {
    const auto threads = static_cast<std::int64_t>(omp_get_num_threads());
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
#pragma omp for schedule(static)
    for (std::int64_t w = 0; w < words; ++w) {
      const std::int64_t end = std::min(agents, 64 * w + 64);
      std::uint64_t bits = 0;
      for (std::int64_t i = 64 * w; i < end; ++i)
        bits |= static_cast<std::uint64_t>(m_need[static_cast<std::size_t>(i)].active()) << (i - 64 * w);
      m_asks[static_cast<std::size_t>(w)] = bits;
    }
    const auto asks = [this](std::uint32_t i) { return (m_asks[i / 64] >> (i % 64)) & 1u; };
    // This thread's part of the activation order, its askers listed in order (each agent written,
    // the next overwriting it unless it asks: no branch on a coin flip).
    const auto [first, last] = core::thread_range(agents, static_cast<std::int64_t>(t), threads);
    std::vector<std::uint32_t>& part = m_part_askers[t];
    core::resize_on_huge_pages(part, static_cast<std::size_t>(last - first));
    std::uint32_t* const listed = part.data();
    std::size_t askers = 0;
    for (std::int64_t s = first; s < last; ++s) {
      const std::uint32_t i = m_order[static_cast<std::size_t>(s)];
      listed[askers] = i;
      askers += asks(i);
    }
    m_part_start[t + 1] = askers;
#pragma omp barrier
#pragma omp single
    {
      for (std::size_t p = 1; p < m_part_start.size(); ++p) m_part_start[p] += m_part_start[p - 1];
      core::resize_on_huge_pages(m_pending, m_part_start.back());
    }
    // The askers are random agents: their needs and requests are fetched a few askers ahead so
    // the misses overlap, and, half as far ahead, what the list needs of their arcs.
    constexpr std::size_t k_ahead = 16;
    std::size_t at = m_part_start[t];
    for (std::size_t q = 0; q < askers; ++q) {
      if (m_fetch_ahead) {
        if (q + k_ahead < askers) {
          __builtin_prefetch(&m_need[listed[q + k_ahead]]);
          __builtin_prefetch(&m_request[listed[q + k_ahead]]);
        }
        if (q + k_ahead / 2 < askers) {
          const network::ArcId b = m_request[listed[q + k_ahead / 2]];
          if (b != none) {
            __builtin_prefetch(m_network.targets().data() + b);
            __builtin_prefetch(m_network.reverse_arcs().data() + b);
            __builtin_prefetch(m_network.kinds().data() + b);
          }
        }
      }
      const std::uint32_t i = listed[q];
      const Need& need = m_need[i];
      Request& r = m_pending[at++];
      const network::ArcId a = m_request[i];
      r.asker = i;
      r.arc = a;
      r.helper = a == none ? i : m_network.arc_target(a);
      r.back = a == none ? none : m_network.reverse_arc(a);
      r.kind = a == none ? network::TieKind::strong : m_network.arc_kind(a);
      r.topic = need.topic;
      r.complex = need.complex;
      r.gain = 0.0;
    }
  }
  // Four requests ahead: some 80 lines in flight. (Measured once the fetches were really there,
  // 04:43-04:48 UTC on 2026-11-24: serve phase 43.9 ms at 4 against 50.8 at 8 and 51.9 at 16;
  // 3 as 4, 2 no better.)
  const std::size_t k_ahead = m_fetch_ahead ? 4 : 0;
  if (m_options.threads <= 1) {  // one after another: no rounds to plan
    const std::size_t size = m_pending.size();
    for (std::size_t k = 0; k < size; ++k) {
      if (k_ahead > 0 && k + k_ahead < size) prefetch(m_pending[k + k_ahead], from_snapshot);
      m_counters.gained += serve(m_pending[k], from_snapshot, m_counters);
    }
    return;
  }
  // Rounds over positions in m_pending (4 bytes each, not copies of the requests).
  // Each thread counts into a copy on its own stack: the threads' entries of m_partial_counters
  // are neighbours in memory, and counting there per request would share cache lines.
  auto serve_list = [&](const std::uint32_t* list, std::size_t size, TickCounters& counters) {
    TickCounters mine = counters;
    for (std::size_t k = 0; k < size; ++k) {
      if (k_ahead > 0 && k + k_ahead < size) prefetch(m_pending[list[k + k_ahead]], from_snapshot);
      m_pending[list[k]].gain = serve(m_pending[list[k]], from_snapshot, mine);
    }
    counters = mine;
  };
  // Each request's round: one pass in activation order gives it the rounds it would wait
  // through if, round by round, it waited while an earlier request still to be served touched
  // one of its agents; a counting sort lists each round's requests in activation order. The
  // list is planned in two halves at once, one per thread, each with its own record of the
  // agents' last rounds, and the second half's rounds all come after the first's: a pair of
  // requests sharing an agent is then still served in activation order (within a half by the
  // rounds, across the halves because all of the first is served first). Planned serially the
  // whole list took ~1.6 ms a tick at 10^6 agents in which the other thread waited.
  const std::uint32_t n = m_population.size();
  const std::size_t size = m_pending.size();
  const std::size_t split = size / 2;
  const auto half_begin = [&](std::size_t half) { return half == 0 ? std::size_t{0} : split; };
  const auto half_end = [&](std::size_t half) { return half == 0 ? split : size; };
  core::resize_on_huge_pages(m_round_of, size);
  core::resize_on_huge_pages(m_by_round, size);
#pragma omp parallel for num_threads(std::min(m_options.threads, 2u)) schedule(static, 1)
  for (std::int64_t h = 0; h < 2; ++h) {
    RoundPlan& plan = m_round_plans[static_cast<std::size_t>(h)];
    const std::size_t lo = half_begin(static_cast<std::size_t>(h)), hi = half_end(static_cast<std::size_t>(h));
    if (plan.last_round.size() != n || std::uint64_t{plan.base} + (hi - lo) + 1 > UINT32_MAX) {
      core::assign_on_huge_pages(plan.last_round, n, 0u);
      plan.base = 0;
    }
    std::uint32_t* const last_round = plan.last_round.data();
    const std::uint32_t base = plan.base;
    std::uint32_t rounds = 0;
    for (std::size_t q = lo; q < hi; ++q) {
      if (q + 16 < hi) {
        __builtin_prefetch(&last_round[m_pending[q + 16].asker], 1);
        __builtin_prefetch(&last_round[m_pending[q + 16].helper], 1);
      }
      const Request& r = m_pending[q];
      const std::uint32_t last = std::max({base, last_round[r.asker], last_round[r.helper]});
      last_round[r.asker] = last_round[r.helper] = last + 1;
      m_round_of[q] = last + 1 - base;
      rounds = std::max(rounds, last + 1 - base);
    }
    plan.base = base + rounds;
    plan.rounds = rounds;
    std::vector<std::uint32_t>& start = plan.round_start;
    start.assign(static_cast<std::size_t>(rounds) + 2, 0u);
    for (std::size_t q = lo; q < hi; ++q) ++start[m_round_of[q] + 1];
    for (std::uint32_t k = 1; k <= rounds + 1; ++k) start[k] += start[k - 1];
    for (std::size_t q = lo; q < hi; ++q) m_by_round[lo + start[m_round_of[q]]++] = static_cast<std::uint32_t>(q);
    // start[k] now ends round k (starts round k + 1); round k starts at start[k - 1].
  }
  std::vector<TickCounters>& partial = m_partial_counters;
  partial.assign(m_options.threads, TickCounters{});
  for (std::size_t h = 0; h < 2; ++h) {
    const RoundPlan& plan = m_round_plans[h];
    for (std::uint32_t k = 1; k <= plan.rounds; ++k) {
      const std::uint32_t* list = m_by_round.data() + half_begin(h) + plan.round_start[k - 1];
      const auto ready = static_cast<std::int64_t>(plan.round_start[k] - plan.round_start[k - 1]);
      if (ready >= 256) {
        // In blocks taken by whichever thread is free (core/blocks.hpp); each thread counts into
        // its own entry of `partial` (integer counts: their sum does not depend on the order).
        const core::Blocks blocks = core::blocks_for(ready, m_options.threads);
#pragma omp parallel for num_threads(m_options.threads) schedule(dynamic, 1)
        for (std::int64_t b = 0; b < blocks.count; ++b) {
          const std::int64_t first = blocks.begin(b);
          serve_list(list + first, static_cast<std::size_t>(blocks.end(b, ready) - first),
                     partial[static_cast<std::size_t>(omp_get_thread_num())]);
        }
      } else {
        serve_list(list, static_cast<std::size_t>(ready), partial[0]);
      }
    }
  }
  for (const TickCounters& c : partial) {
    m_counters.requests += c.requests;
    m_counters.shares += c.shares;
    m_counters.shares_strong += c.shares_strong;
    m_counters.shares_weak += c.shares_weak;
    m_counters.unanswered += c.unanswered;
    m_counters.tacit_transfers += c.tacit_transfers;
    m_counters.innovations += c.innovations;
  }
  for (const Request& r : m_pending) m_counters.gained += r.gain;  // in activation order, as serially
}

double Simulation::serve(const Request& req, bool from_snapshot, TickCounters& counters) {
  auto& pop = m_population;
  const std::uint32_t i = req.asker;
  const Need need{req.topic, req.complex};
  const network::ArcId a = req.arc;
  ++counters.requests;
  pop.ledger[i].requests += 1;
  if (a == m_network.num_arcs()) {  // nobody to ask
    ++counters.unanswered;
    pop.ledger[i].unanswered += 1;
    return 0.0;
  }
  Rng rng(m_request_seeds(k_phase_two + i));
  const network::NodeId j = req.helper;
  const network::ArcId back = req.back;
  const auto t = static_cast<Eigen::Index>(need.topic);
  const KnowledgeMatrix& source_explicit = from_snapshot ? m_snapshot_explicit : pop.explicit_knowledge;
  const KnowledgeMatrix& source_tacit = from_snapshot ? m_snapshot_tacit : pop.tacit_knowledge;
  const KnowledgeMatrix& relevant = need.complex ? source_tacit : source_explicit;
  pop.ledger[j].asked += 1;

  // Decision of j, asked by i.
  ShareContext ctx;
  // (Which of the two knows more is as good as random from one request to the next.)
  ctx.value = core::positive_part(relevant(j, t) - relevant(i, t));
  ctx.complex = need.complex;
  const auto team = m_network.team();
  const std::int32_t team_i = team[i], team_j = team[j];
  ctx.same_team = team_i >= 0 && team_i == team_j;
  ctx.balance_giver_to_asker = m_ties.arc[back].balance;
  ctx.asker_image_normalized = normalized_image(pop.image[i], m_params.reputation);
  ctx.trust_giver_in_asker = expected_trust(m_ties.arc[back].trust_r, m_ties.arc[back].trust_s);
  const double utility = sharing_utility(m_params.decision, m_params.organization, pop, j, ctx).total;
  bool shared = decide_share(m_params.decision, pop, j, utility, rng);
  const bool barter = m_params.transfer.mode == TransferMode::barter;
  if (shared && barter)
    shared = barter_possible({source_explicit.row(i).data(), pop.topics()}, {source_explicit.row(j).data(), pop.topics()});
  // i's trust in j before this outcome decides whether tacit knowledge may cross.
  const bool tacit_ok = need.complex &&
                        tacit_allowed(req.kind, expected_trust(m_ties.arc[a].trust_r, m_ties.arc[a].trust_s),
                                      m_params.transfer);

  pop.ledger[j].last_action = shared ? k_shared : k_refused;
  // Only an identified giver's action is seen, which is as good as random from one request to
  // the next: the image is worked out either way and kept by a select, not a branch.
  std::int8_t seen = pop.image[j];
  observe_action(seen, shared, m_params.reputation);
  pop.image[j] = pop.identified[j] ? seen : pop.image[j];
  record_outcome(m_ties.arc[a].trust_r, m_ties.arc[a].trust_s, shared ? 1.0 : 0.0, m_params.trust.forgetting);
  pop.ledger[j].tick_payoff += giver_payoff(shared, pop.identified[j] != 0, m_params.organization);
  if (!shared) {
    ++counters.unanswered;
    pop.ledger[i].unanswered += 1;
    return 0.0;
  }

  pop.ledger[j].helped += 1;
  pop.ledger[j].last_helped_tick = m_tick;
  pop.ledger[i].received += 1;
  pop.ledger[i].last_received_tick = m_tick;
  ++counters.shares;
  if (req.kind == network::TieKind::strong) {
    ++counters.shares_strong;
  } else {
    ++counters.shares_weak;
  }
  record_favour(m_ties, back, a);

  // Transfer: receiver r learns from giver g (topic or all topics); the giver learns by teaching.
  const float teach = static_cast<float>(m_params.transfer.teaching_gain);
  const float tacit_rate = static_cast<float>(m_params.transfer.tacit_rate);
  const bool all = m_params.transfer.scope == TransferScope::all;
  const Eigen::Index first = all ? 0 : t;
  const Eigen::Index last = all ? static_cast<Eigen::Index>(pop.topics()) : t + 1;
  bool moved_tacit = false;
  auto learn = [&](std::uint32_t r, std::uint32_t g) {
    const float alpha = pop.traits[r].absorptive_capacity;
    double gained = 0.0;
    for (Eigen::Index c = first; c < last; ++c) {
      const float ge = absorb_one(pop.explicit_knowledge(r, c), source_explicit(g, c), alpha);
      pop.explicit_knowledge(g, c) += teach * ge;
      gained += ge;
      if (tacit_ok) {
        const float gt = absorb_one(pop.tacit_knowledge(r, c), source_tacit(g, c), alpha * tacit_rate);
        pop.tacit_knowledge(g, c) += teach * gt;
        gained += gt;
        moved_tacit |= gt > 0.0f;
      }
    }
    pop.ledger[r].gained += gained;
    return gained;
  };
  const double gained = learn(i, j);
  double total = gained;
  if (barter) total += learn(j, i);
  if (moved_tacit) ++counters.tacit_transfers;
  pop.ledger[i].tick_payoff += asker_payoff(gained, m_params.organization);
  if (innovation_occurs(req.kind, team_i, team_j, gained, m_params.innovation, rng)) {
    pop.ledger[i].innovations += 1;
    ++counters.innovations;
  }
  return total;
}

namespace {
void clear_tick(Ledger& own) {
  own.tick_payoff = 0.0;
  own.last_action = k_not_asked;
}
}  // namespace

void Simulation::settle_payoffs_and_learn() {
  auto& pop = m_population;
  const double memory = m_params.learning.payoff_memory;
  // Each agent's payoff takes in this tick's, and this tick's payoff and action are cleared for
  // the next tick, in the same walk over the ledger (a line per agent) when no agent learns:
  // learning reads them after the payoffs are settled.
  const auto n = static_cast<std::int64_t>(pop.payoff.size());
  const bool clear = !m_any_learning;
  const std::int64_t block = core::blocks_for(n, m_options.threads).size;  // (core/blocks.hpp)
#pragma omp parallel for num_threads(m_options.threads) schedule(dynamic, block)
  for (std::int64_t s = 0; s < n; ++s) {
    const auto i = static_cast<std::size_t>(s);
    Ledger& own = pop.ledger[i];
    pop.payoff[i] = memory * pop.payoff[i] + own.tick_payoff;
    if (clear) clear_tick(own);
  }
  if (!m_any_learning) return;
  revise_strategies(m_network, pop, m_params.learning, m_options.seed, m_tick, m_options.threads);
#pragma omp parallel for num_threads(m_options.threads) schedule(static)
  for (std::int64_t s = 0; s < n; ++s) clear_tick(pop.ledger[static_cast<std::size_t>(s)]);
}

std::span<const double> Simulation::metrics() const {
  if (m_metrics_tick != m_tick) {
    compute_metrics(m_network, m_population, m_ties, m_esm, m_params, m_counters, m_tick, m_scratch, m_metrics);
    m_metrics_tick = m_tick;
  }
  return m_metrics;
}

}  // namespace tacit::model
