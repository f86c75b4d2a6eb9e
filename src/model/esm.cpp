#include "tacit/model/esm.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "tacit/core/blocks.hpp"
#include "tacit/core/huge_pages.hpp"
#include "tacit/core/positive_part.hpp"
#include "tacit/core/rng.hpp"
#include "tacit/core/stats.hpp"
#include "tacit/core/stopwatch.hpp"
#include "tacit/model/decision.hpp"
#include "tacit/model/esm_adoption.hpp"
#include "tacit/model/reputation.hpp"

namespace tacit::model {

namespace {

// v.assign(n, value) that grows the capacity geometrically: the list of communities grows a
// little most ticks, and a plain assign would reallocate the per-community arrays every time.
template <class T>
void assign_growing(std::vector<T>& v, std::size_t n, T value) {
  core::reserve_on_huge_pages(v, n);
  v.assign(n, value);
}

// Second label of an agent's ESM stream in one tick: which phase draws from it.
enum class Part : std::uint64_t { adopt = 0, join = 1, read = 2, post = 3, answer = 4 };
// Platform-wide draws of a tick (starters, management's answers).
constexpr std::uint64_t k_platform = 0xFFFF'FFFFULL;

// An agent's stream for one part of a tick: Rng(seed, Stream::esm, tick, part << 32 | agent),
// from the tick's prefix (SeedPrefix(seed, Stream::esm, tick)).
std::uint64_t agent_seed(const SeedPrefix& tick_streams, std::uint32_t agent, Part part) {
  return tick_streams((static_cast<std::uint64_t>(part) << 32) | agent);
}
Rng agent_rng(const SeedPrefix& tick_streams, std::uint32_t agent, Part part) {
  return Rng(agent_seed(tick_streams, agent, part));
}
// The draw of a reader's decision to answer the open question its read r lands on: the first
// uniform of a stream of its own for each (reader, read), label part << 32 | agent + r << 40
// (parts use bits 32-39). Nothing else draws from it, so deciding moves none of the reads.
double answer_draw(const SeedPrefix& tick_streams, std::uint32_t agent, std::uint32_t read) {
  return Rng::first_uniform(tick_streams(((static_cast<std::uint64_t>(Part::answer) << 32) | agent) +
                                         (static_cast<std::uint64_t>(read) << 40)));
}

enum EventKind : std::uint8_t { k_answer = 2, k_join = 3, k_create = 4 };

// Whether knowledge from an author of unit `author` to a reader of unit `reader` crosses units:
// both known (-1: none) and different. A mask of compares, not branches (reading decides it
// for every read).
bool crosses_units(std::int32_t reader, std::int32_t author) { return (reader >= 0) & (author >= 0) & (author != reader); }

constexpr std::int32_t k_none = -1;

double logistic(double x) { return share_probability(x, 1.0); }

}  // namespace

Esm::Esm(const network::Network& net, const ModelParams& params, const Population& pop, std::uint64_t seed)
    : m_network(net),
      m_params(params.esm),
      m_decision(params.decision),
      m_organization(params.organization),
      m_reputation(params.reputation),
      m_seed(seed),
      m_interests(pop.interests_per_agent) {
  m_qualities = {1.0f, genuine_quality(), static_cast<float>(m_params.strategic_quality)};
  const std::uint32_t n = pop.size();
  auto& a = m_agents;
  core::assign_on_huge_pages(a.state, n, k_non_user);
  for (auto* v : {&a.adopted_tick, &a.posts, &a.strategic_posts, &a.questions, &a.ideas, &a.answers_given,
                  &a.answers_received, &a.reads, &a.likes, &a.likes_before, &a.last_post_tick,
                  &a.last_answer_tick, &a.innovations_seen}) {
    core::assign_on_huge_pages(*v, n, 0);
  }
  core::assign_on_huge_pages(a.low_ticks, n, 0);
  core::assign_on_huge_pages(a.content, n, 0.0f);
  core::assign_on_huge_pages(a.heard, n, 0.0f);
  core::assign_on_huge_pages(a.gained, n, PlatformGain{});
  core::assign_on_huge_pages(a.membership, std::size_t{n} * m_interests, k_none);
  core::assign_on_huge_pages(a.churn_tick, n, 0);
  core::assign_on_huge_pages(m_nearby, std::size_t{n} * m_interests, 0);
  core::assign_on_huge_pages(m_user_neighbours, n, 0);
  m_feeds.offsets.assign(1, 0);
}

float Esm::genuine_quality() const {
  return static_cast<float>(
      std::min(1.0, m_params.codification + (supported() && m_params.moderators > 0 ? m_params.elaboration : 0.0)));
}

bool Esm::supported() const {
  return m_params.introduction == EsmIntroduction::top_down || m_params.introduction == EsmIntroduction::hybrid;
}

std::uint32_t Esm::resolve(std::uint32_t c) const {
  if (!m_merged) return c;  // (reading and the feeds resolve every membership and post)
  while (m_communities[c].merged_into >= 0) c = static_cast<std::uint32_t>(m_communities[c].merged_into);
  return c;
}

std::uint32_t Esm::alive_communities() const {
  std::uint32_t alive = 0;
  for (const auto& c : m_communities) alive += c.merged_into < 0 ? 1u : 0u;
  return alive;
}

std::uint32_t Esm::topics_with_communities() const {
  std::vector<std::uint8_t> seen;
  std::uint32_t topics = 0;
  for (const auto& c : m_communities) {
    if (c.merged_into >= 0) continue;
    if (c.topic >= seen.size()) seen.resize(c.topic + 1u, 0);
    topics += seen[c.topic] ? 0u : 1u;
    seen[c.topic] = 1;
  }
  return topics;
}

std::span<const std::int32_t> Esm::units() const {
  return m_network.num_departments() > 0 ? m_network.department() : m_network.team();
}

std::int32_t Esm::unit(std::uint32_t agent) const { return units()[agent]; }

std::uint32_t Esm::launch_tick_of(std::uint32_t agent) const {
  if (m_params.introduction != EsmIntroduction::top_down || m_params.rollout_interval == 0)
    return m_params.launch_tick;
  const std::int32_t d = m_network.num_departments() > 0 ? m_network.department()[agent] : -1;
  return m_params.launch_tick + static_cast<std::uint32_t>(std::max(d, 0)) * m_params.rollout_interval;
}

double Esm::exposure() const {
  const double audience = m_params.audience == EsmAudience::everyone ? 1.0 : 0.5;
  return std::min(1.0, audience + (m_params.monitoring ? 0.5 : 0.0));
}

double Esm::pull(std::uint32_t i, std::uint32_t tick) const {
  const double c = m_agents.content[i];
  double p = c / (c + m_params.critical_mass);
  if (m_params.introduction == EsmIntroduction::top_down) {
    const std::uint32_t since = tick - std::min(tick, launch_tick_of(i));
    p += m_params.mandate * std::pow(m_params.mandate_decay, static_cast<double>(since));
  }
  return p;
}

double Esm::posting_utility(const Population& pop, std::uint32_t i, std::uint32_t tick) const {
  const auto& p = m_params;
  const auto& a = m_agents;
  const double x = exposure();
  const double c = a.content[i];
  const bool answered_recently = a.last_answer_tick[i] > 0;
  double u = p.post_bias + p.post_altruism * pop.traits[i].altruism +
             p.post_recognition * pop.traits[i].recognition * x * (1.0 + std::min(1.0, static_cast<double>(a.likes[i] - a.likes_before[i]))) +
             p.post_reciprocity * pop.traits[i].reciprocity * (answered_recently ? 1.0 : 0.0) +
             p.post_learning * pop.traits[i].learning_motive + p.post_content * c / (c + p.critical_mass) +
             p.post_heard * a.heard[i] - p.post_cost * pop.traits[i].sharing_cost -
             p.visibility_weight * std::max(0.0, x - static_cast<double>(pop.traits[i].visibility));
  if (p.introduction == EsmIntroduction::top_down) u += pull(i, tick) - c / (c + p.critical_mass);
  return u;
}

void Esm::make_user(std::uint32_t i, std::uint32_t tick) {
  count_user_neighbour(i, +1);
  become_user(i, tick);
  ++m_counters.adopted;
}

void Esm::become_user(std::uint32_t i, std::uint32_t tick) {
  m_agents.state[i] = k_lurker;
  m_agents.adopted_tick[i] = tick;
  m_agents.low_ticks[i] = 0;
}

void Esm::count_user_neighbour(std::uint32_t j, int delta, std::uint32_t first, std::uint32_t last) {
  for (auto arc = m_network.arc_begin(j); arc < m_network.arc_end(j); ++arc) {
    const std::uint32_t i = m_network.arc_target(arc);
    if (i >= first && i < last) m_user_neighbours[i] = static_cast<std::uint32_t>(static_cast<std::int64_t>(m_user_neighbours[i]) + delta);
  }
}

std::uint32_t Esm::create_community(std::uint16_t topic, std::uint32_t tick) {
  Community c;
  c.topic = topic;
  c.created_tick = tick;
  core::reserve_on_huge_pages(m_communities, m_communities.size() + 1);
  m_communities.push_back(c);
  // Its feed is empty until the next rebuild: reading needs no check of the community's age.
  core::reserve_on_huge_pages(m_feeds.offsets, m_feeds.offsets.size() + 1);
  m_feeds.offsets.push_back(m_feeds.offsets.back());
  ++m_counters.communities_created;
  return static_cast<std::uint32_t>(m_communities.size() - 1);
}

// ---- 1. launch and adoption ------------------------------------------------------------------

void Esm::adopt(std::uint32_t tick, const Population& pop, std::span<const Need> needs, std::uint32_t threads) {
  const SeedPrefix streams(m_seed, Stream::esm, tick);
  const std::uint32_t n = pop.size();
  const auto& p = m_params;
  auto& a = m_agents;
  const std::size_t k = m_interests;

  if (p.introduction == EsmIntroduction::top_down) {
    if (!m_launched) {  // management's broad spaces: space s holds the topics t = s mod spaces
      for (std::uint32_t s = 0; s < p.spaces; ++s) create_community(static_cast<std::uint16_t>(s), tick);
      m_launched = true;
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      if (a.state[i] != k_non_user || launch_tick_of(i) != tick) continue;
      make_user(i, tick);
      for (std::size_t s = 0; s < k; ++s) {
        const auto space = pop.interests[i * k + s] % p.spaces;
        a.membership[i * k + s] = static_cast<std::int32_t>(space);
        ++m_communities[space].members;
      }
    }
  } else if (tick == p.launch_tick) {
    m_launched = true;
    // Starters: practitioners with a problem at launch first, in random order (one platform
    // stream), then others if there are too few.
    Rng rng(m_seed, Stream::esm, tick, k_platform);
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_partition(order.begin(), order.end(), [&](std::uint32_t i) { return needs[i].active(); });
    const auto needy = static_cast<std::uint32_t>(
        std::count_if(needs.begin(), needs.end(), [](const Need& x) { return x.active(); }));
    const std::uint32_t count = std::min(p.starters, n);
    for (std::uint32_t s = 0; s < count; ++s) {  // partial Fisher-Yates within each group
      const std::uint32_t end = s < needy ? needy : n;
      std::swap(order[s], order[s + rng.below(end - s)]);
    }
    for (std::uint32_t s = 0; s < count; ++s) {
      const std::uint32_t i = order[s];
      if (a.state[i] == k_non_user) make_user(i, tick);
      if (p.starter_mode == StarterMode::neighbourhood) {
        for (auto arc = m_network.arc_begin(i); arc < m_network.arc_end(i); ++arc) {
          const auto j = m_network.arc_target(arc);
          if (a.state[j] == k_non_user) make_user(j, tick);
        }
      }
      // A starter opens the community of its problem (or of its first interest).
      if (k > 0) {
        std::size_t slot = 0;
        for (std::size_t s2 = 0; s2 < k; ++s2)
          if (needs[i].active() && pop.interests[i * k + s2] == static_cast<std::uint16_t>(needs[i].topic)) slot = s2;
        if (a.membership[i * k + slot] == k_none) {
          const auto topic = pop.interests[i * k + slot];
          std::int32_t c = community_among_neighbours(pop, i, topic);
          if (c == k_none) c = static_cast<std::int32_t>(create_community(topic, tick));
          a.membership[i * k + slot] = c;
          ++m_communities[static_cast<std::size_t>(c)].members;
          count_membership(pop, i, slot, +1);
        }
      }
    }
    return;  // contagion starts the tick after the launch
  }
  if (!m_launched || p.introduction == EsmIntroduction::top_down) return;

  // Contagion (and awareness from management's communication) from the users at the start of
  // the step: synchronous, one stream per agent.
  core::resize_on_huge_pages(m_was_user, n);
  core::resize_on_huge_pages(m_adopt, n);
  const double communication = supported() ? p.communication : 0.0;
  const auto sn = static_cast<std::int64_t>(n);
  // Per agent, in blocks taken by whichever thread is free (core/blocks.hpp).
  const std::int64_t block = core::blocks_for(sn, threads).size;
  std::uint64_t adopted = 0;
#pragma omp parallel num_threads(threads) reduction(+ : adopted)
  {
    // Who was a user, on both threads too (serially, it was 0.5 ms a tick at 10^6 agents).
#pragma omp for schedule(dynamic, block)
    for (std::int64_t s = 0; s < sn; ++s) {
      const auto i = static_cast<std::uint32_t>(s);
      m_was_user[i] = user(i) ? 1 : 0;
      m_adopt[i] = 0;
    }
    // Each agent decides from who was a user (m_was_user), and an adopter changes only its own
    // state here (make_user's own part).
#pragma omp for schedule(dynamic, block)
    for (std::int64_t s = 0; s < sn; ++s) {
      const auto i = static_cast<std::uint32_t>(s);
      if (a.state[i] != k_non_user) continue;
      Rng rng = agent_rng(streams, i, Part::adopt);
      // Without a user neighbour E = 0, and adopts() needs no D then: skip the scan (most agents
      // early in a bottom-up spread).
      const Exposure e = m_user_neighbours[i] > 0 ? model::exposure(m_network, m_was_user, i, p.strong_weight)
                                                  : Exposure{};
      bool yes = adopts(p, e, pop.adoption_threshold[i], rng);
      if (!yes && communication > 0.0) yes = rng.uniform() < communication;
      m_adopt[i] = yes ? 1 : 0;
      if (yes) {
        become_user(i, tick);
        ++adopted;
      }
    }
    // The adopters' neighbours count one more user neighbour (make_user's other part), once all
    // have decided: each thread walks all the adopters and counts for the neighbours in its
    // share of the ids (sums, so in any order; no two threads write one count).
    const auto [first, last] = core::thread_range(sn, omp_get_thread_num(), omp_get_num_threads());
    for (std::uint32_t j = 0; j < n; ++j)
      if (m_adopt[j]) count_user_neighbour(j, +1, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last));
  }
  m_counters.adopted += adopted;
}

// ---- 2. communities ------------------------------------------------------------------------

void Esm::count_membership(const Population& pop, std::uint32_t j, std::size_t slot, int delta,
                           std::uint32_t first, std::uint32_t last) {
  if (m_params.introduction == EsmIntroduction::top_down) return;  // spaces: nobody searches
  const std::size_t k = m_interests;
  const std::uint16_t topic = pop.interests[std::size_t{j} * k + slot];
  for (auto arc = m_network.arc_begin(j); arc < m_network.arc_end(j); ++arc) {
    const std::uint32_t i = m_network.arc_target(arc);
    if (i < first || i >= last) continue;
    const std::uint16_t* interests = pop.interests.data() + std::size_t{i} * k;
    for (std::size_t s2 = 0; s2 < k; ++s2) {
      if (interests[s2] != topic) continue;
      m_nearby[std::size_t{i} * k + s2] = static_cast<std::uint32_t>(static_cast<std::int64_t>(m_nearby[std::size_t{i} * k + s2]) + delta);
      break;
    }
  }
}

std::vector<std::uint32_t> Esm::nearby_from_scratch(const Population& pop) const {
  const std::size_t k = m_interests;
  std::vector<std::uint32_t> out(m_agents.state.size() * k, 0);
  for (std::uint32_t j = 0; j < m_agents.state.size(); ++j) {
    if (!user(j) || m_params.introduction == EsmIntroduction::top_down) continue;
    for (std::size_t s = 0; s < k; ++s) {
      if (m_agents.membership[j * k + s] == k_none) continue;
      const std::uint16_t topic = pop.interests[j * k + s];
      for (auto arc = m_network.arc_begin(j); arc < m_network.arc_end(j); ++arc) {
        const std::size_t i = m_network.arc_target(arc);
        for (std::size_t s2 = 0; s2 < k; ++s2)
          if (pop.interests[i * k + s2] == topic) ++out[i * k + s2];
      }
    }
  }
  return out;
}

std::int32_t Esm::community_among_neighbours(const Population& pop, std::uint32_t i, std::uint16_t topic) const {
  // The community most of i's user neighbours belong to on `topic` (ties: the lowest id). The
  // community of slot s is always on topic interests[s], so only the slot whose interest is
  // `topic` can match: compare the interest first, resolve merges only for that slot.
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;  // (community, count)
  seen.clear();
  const std::size_t k = m_interests;
  // The neighbours' interests, states and memberships are random lines: all asked for first,
  // so that their misses overlap (a search waited for each in turn).
  if (m_fetch_ahead) {
    for (auto arc = m_network.arc_begin(i); arc < m_network.arc_end(i); ++arc) {
      const auto j = m_network.arc_target(arc);
      __builtin_prefetch(pop.interests.data() + std::size_t{j} * k);
      __builtin_prefetch(m_agents.state.data() + j);
      __builtin_prefetch(m_agents.membership.data() + std::size_t{j} * k);
    }
  }
  for (auto arc = m_network.arc_begin(i); arc < m_network.arc_end(i); ++arc) {
    const auto j = m_network.arc_target(arc);
    const std::uint16_t* interests = pop.interests.data() + std::size_t{j} * k;
    std::size_t s = 0;
    while (s < k && interests[s] != topic) ++s;
    if (s == k || !user(j)) continue;
    const std::int32_t c = m_agents.membership[std::size_t{j} * k + s];
    if (c == k_none) continue;
    const std::uint32_t r = resolve(static_cast<std::uint32_t>(c));
    auto it = std::find_if(seen.begin(), seen.end(), [r](const auto& e) { return e.first == r; });
    if (it == seen.end()) {
      seen.emplace_back(r, 1u);
    } else {
      ++it->second;
    }
  }
  std::int32_t best = k_none;
  std::uint32_t best_count = 0;
  for (const auto& [c, count] : seen) {
    if (count > best_count || (count == best_count && static_cast<std::int32_t>(c) < best)) {
      best = static_cast<std::int32_t>(c);
      best_count = count;
    }
  }
  return best;
}

void Esm::join_communities(std::uint32_t tick, const Population& pop, std::uint32_t threads) {
  if (m_params.introduction == EsmIntroduction::top_down || m_interests == 0) return;
  const SeedPrefix streams(m_seed, Stream::esm, tick);
  const std::uint32_t n = pop.size();
  const std::size_t k = m_interests;
  auto& a = m_agents;
  const auto sn = static_cast<std::int64_t>(n);
  // In blocks taken by whichever thread is free (core/blocks.hpp); each block's events are a
  // slice of its thread's buffer (m_join_slices), applied below in block order.
  const core::Blocks blocks = core::blocks_for(sn, threads);
  m_join_slices.resize(static_cast<std::size_t>(blocks.count));
  const bool fetch = m_fetch_ahead;
#pragma omp parallel num_threads(threads)
  {
    // Moved into a local for the loop and back (as in read): no shared cache line per push.
    const auto me = static_cast<std::size_t>(omp_get_thread_num());
    std::vector<Event> events = std::move(m_events[me]);
    events.clear();
    // A block's users with an open slot (a few per cent once the platform has spread), listed
    // first without a branch, as read lists its readers; only they draw, and read their counts
    // of members nearby and adoption ticks, random lines fetched k_ahead of them on the list.
    std::vector<std::uint32_t> open_users = std::move(m_block_users[me]);
    if (open_users.size() < static_cast<std::size_t>(blocks.size)) open_users.resize(static_cast<std::size_t>(blocks.size));
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks.count; ++b) {
      const auto from = static_cast<std::uint32_t>(events.size());
      std::uint32_t* const listed = open_users.data();
      std::size_t count = 0;
      for (std::int64_t s = blocks.begin(b); s < blocks.end(b, sn); ++s) {
        const auto i = static_cast<std::uint32_t>(s);
        // Most users are in a community on each interest: no draw, so no stream to seed.
        bool open = false;
        for (std::size_t slot = 0; slot < k; ++slot) open |= a.membership[i * k + slot] == k_none;
        listed[count] = i;
        count += user(i) & open ? 1 : 0;
      }
      constexpr std::size_t k_ahead = 8;
      for (std::size_t q = 0; q < count; ++q) {
        if (fetch && q + k_ahead < count) {
          __builtin_prefetch(m_nearby.data() + std::size_t{listed[q + k_ahead]} * k);
          __builtin_prefetch(a.adopted_tick.data() + listed[q + k_ahead]);
        }
        const std::uint32_t i = listed[q];
        Rng rng = agent_rng(streams, i, Part::join);
        const bool recruited = a.adopted_tick[i] == tick;  // a new user joins what its recruiters use
        for (std::size_t slot = 0; slot < k; ++slot) {
          if (a.membership[i * k + slot] != k_none) continue;
          if (!recruited && !(rng.uniform() < m_params.join)) continue;
          // m_nearby says whether a search can find anything: most cannot, and are skipped.
          const std::int32_t c = m_nearby[i * k + slot] > 0
                                     ? community_among_neighbours(pop, i, pop.interests[i * k + slot])
                                     : k_none;
          if (c != k_none) {
            events.push_back({i, static_cast<std::uint32_t>(c), static_cast<std::uint16_t>(slot), k_join});
          } else if (rng.uniform() < m_params.create) {
            events.push_back({i, 0, static_cast<std::uint16_t>(slot), k_create});
          }
        }
      }
      m_join_slices[static_cast<std::size_t>(b)] = {static_cast<std::uint32_t>(me), from, static_cast<std::uint32_t>(events.size())};
    }
    m_events[me] = std::move(events);
    m_block_users[me] = std::move(open_users);
  }
  // The joins and creates in block order, so in agent id order. An agent has at most one event
  // per slot, and only its own events set its slots: every event finds its slot open.
  for (const EventSlice& slice : m_join_slices) {
    for (const Event& e : slice.of(m_events)) {
      const std::size_t slot = e.slot;
      assert(a.membership[e.agent * k + slot] == k_none);
      if (e.kind == k_join) {
        const auto r = resolve(e.target);
        a.membership[e.agent * k + slot] = static_cast<std::int32_t>(r);
        ++m_communities[r].members;
      } else {  // create, unless a neighbour started one on the topic earlier in this pass
        const auto topic = pop.interests[e.agent * k + slot];
        std::int32_t c = community_among_neighbours(pop, e.agent, topic);
        if (c == k_none) c = static_cast<std::int32_t>(create_community(topic, tick));
        a.membership[e.agent * k + slot] = c;
        ++m_communities[static_cast<std::size_t>(c)].members;
      }
    }
  }
  count_joins(pop, threads);
}

void Esm::count_joins(const Population& pop, std::uint32_t threads) {
  // Nothing reads m_nearby between the joins above and here (the searches of this pass were
  // made before them; the creates look at memberships), and counts are sums: they can wait
  // for the pass, and be counted on all threads. Each thread walks all the events, which are
  // in agent id order (their arcs come in order), and counts for the neighbours in its share of
  // the ids: no two threads write one count. Where a neighbour is one of its share, its
  // interests and counts are random lines: fetched k_ahead events on. (Tens of thousands of
  // joins a tick while the platform spreads, 20 neighbours each; a few hundred later.)
  const auto n = static_cast<std::int64_t>(m_agents.state.size());
  const std::size_t k = m_interests;
  const bool fetch = m_fetch_ahead;
#pragma omp parallel num_threads(threads)
  {
    const auto [begin, end] = core::thread_range(n, omp_get_thread_num(), omp_get_num_threads());
    const auto first = static_cast<std::uint32_t>(begin);
    const auto last = static_cast<std::uint32_t>(end);
    constexpr std::size_t k_ahead = 4;
    for (const EventSlice& slice : m_join_slices) {
      const std::span<const Event> events = slice.of(m_events);
      for (std::size_t q = 0; q < events.size(); ++q) {
        if (fetch && q + k_ahead < events.size()) {
          const std::uint32_t j = events[q + k_ahead].agent;
          for (auto arc = m_network.arc_begin(j); arc < m_network.arc_end(j); ++arc) {
            const std::uint32_t i = m_network.arc_target(arc);
            if (i < first || i >= last) continue;
            __builtin_prefetch(pop.interests.data() + std::size_t{i} * k);
            __builtin_prefetch(m_nearby.data() + std::size_t{i} * k, 1);
          }
        }
        count_membership(pop, events[q].agent, events[q].slot, +1, first, last);
      }
    }
  }
}

// ---- 3. reading ----------------------------------------------------------------------------

void Esm::read(std::uint32_t tick, Population& pop, std::uint32_t threads) {
  const SeedPrefix streams(m_seed, Stream::esm, tick);
  const std::uint32_t n = pop.size();
  auto& a = m_agents;
  const auto& p = m_params;
  const auto sn = static_cast<std::int64_t>(n);
  const core::Blocks blocks = core::blocks_for(sn, threads);
  m_read_slices.resize(static_cast<std::size_t>(blocks.count));
  // The tick's sums over readers, each added in reader id order, as a serial loop would (so
  // they do not depend on the thread count). A block's readers' sums wait in a buffer of the
  // pool until every block before it has been added: the thread that hands in the block next
  // in order adds it, and any after it already handed in (in the critical section
  // tacit_esm_read_sums, a few microseconds a block). Buffers are reused from tick to tick,
  // and the pool's room is reserved here, so handing out a buffer never moves the others.
  m_sum_pool.reserve(static_cast<std::size_t>(blocks.count) + threads);
  m_sum_block.assign(static_cast<std::size_t>(blocks.count), -1);
  m_sum_free.clear();
  for (std::size_t q = m_sum_pool.size(); q-- > 0;) m_sum_free.push_back(static_cast<std::int32_t>(q));
  std::int64_t summed = 0;  // the blocks added so far
  double relevance = 0.0, gained_sum = 0.0, cross_sum = 0.0;
  std::uint64_t reads_sum = 0;
  const auto take_buffer = [&]() -> std::int32_t {  // (in the critical section)
    if (!m_sum_free.empty()) {
      const std::int32_t q = m_sum_free.back();
      m_sum_free.pop_back();
      return q;
    }
    m_sum_pool.emplace_back().reserve(static_cast<std::size_t>(blocks.size));
    return static_cast<std::int32_t>(m_sum_pool.size() - 1);
  };
#pragma omp parallel num_threads(threads) reduction(+ : reads_sum)
  {
    // Each thread's buffers are moved into locals for the loop and back after it, so they keep
    // their capacity from tick to tick: the vector objects of different threads sit side by side
    // in the members, and pushing through references to them would share their cache line.
    const auto me = static_cast<std::size_t>(omp_get_thread_num());
    // The parameters the reads use, as this thread's own constants: a parallel region reaches
    // the variables declared outside it through a pointer, which the loop would load again
    // for every read (its stores might, for all the compiler knows, change them).
    const std::size_t k = m_interests;
    const bool everyone = p.audience == EsmAudience::everyone;
    const bool spaces = p.introduction == EsmIntroduction::top_down;
    const std::uint32_t draws = p.reads;
    const double off_topic = p.off_topic_relevance;
    // A read's relevance by the post's quality and whether it is on one of the reader's
    // interests (quality q at 2q, off the interests at 2q + 1): one load, no branch.
    std::array<double, 6> relevance_of{};
    for (std::size_t q = 0; q < 3; ++q) {
      relevance_of[2 * q] = static_cast<double>(m_qualities[q]) * 1.0;
      relevance_of[2 * q + 1] = static_cast<double>(m_qualities[q]) * off_topic;
    }
    const std::int32_t* const units = this->units().data();
    float* const knowledge_rows = pop.explicit_knowledge.data();
    const auto topics = static_cast<std::size_t>(pop.topics());
    std::vector<Event> events = std::move(m_events[me]);
    events.clear();
    // The answer decisions the block's reads met, pending[0, open) (open questions): every read
    // writes one at pending[open] and counts it only when it is one. So the buffer has room for
    // a decision per read of a block, sized once (520 KB a thread at 10^6 agents, 2 threads).
    std::vector<PendingAnswer> pending = std::move(m_pending[me]);
    if (pending.size() < static_cast<std::size_t>(blocks.size) * draws)
      pending.resize(static_cast<std::size_t>(blocks.size) * draws);
    std::size_t open = 0;
    // The authors of the posts liked, liked[0, likes) (m_liked_count): the buffer keeps its size
    // from tick to tick and only grows, so that making room for a reader's likes writes nothing.
    std::vector<std::uint32_t> liked = std::move(m_liked[me]);
    std::size_t likes = 0;
    // Per topic, the last reader (in this tick) with an interest in it; n for none.
    std::vector<std::uint32_t> interested = std::move(m_interested[me]);
    interested.assign(pop.topics(), n);
    // A chunk's plans: each reader's draws (the feed entries they land on) and the size of its
    // feeds (no draws when 0). Sized once; read_chunk readers at a time.
    constexpr std::size_t read_chunk = 64;
    std::vector<std::uint32_t> chunk_slots_buffer = std::move(m_read_slots[me]);
    if (chunk_slots_buffer.size() < read_chunk * draws) chunk_slots_buffer.resize(read_chunk * draws);
    std::uint32_t* const chunk_slots = chunk_slots_buffer.data();
    std::array<std::uint64_t, read_chunk> totals{};
    std::vector<FeedRange> feed_list = std::move(m_feed_list[me]);
    if (feed_list.size() < std::max<std::size_t>(k, 8)) feed_list.resize(std::max<std::size_t>(k, 8));
    // A block's readers (users) in id order (list_users).
    std::vector<std::uint32_t> readers = std::move(m_block_users[me]);
    if (readers.size() < static_cast<std::size_t>(blocks.size)) readers.resize(static_cast<std::size_t>(blocks.size));
    std::vector<ReaderSums>* sums = nullptr;  // this block's readers' sums, a buffer of the pool
    std::int32_t sums_buffer = -1;
#pragma omp critical(tacit_esm_read_sums)
    {
      sums_buffer = take_buffer();
      sums = &m_sum_pool[static_cast<std::size_t>(sums_buffer)];
    }
    const std::int32_t* const membership = a.membership.data();
    const std::uint32_t* const offsets = m_feeds.offsets.data();
    const FeedEntry* const entries = m_feeds.entries.data();
    const auto all_posts = static_cast<std::uint64_t>(m_posts.size());
    const bool merged = m_merged;
    const bool fetch = m_fetch_ahead;
    // Posts agent j can draw: the feeds of its communities (list), or every post. The ranges
    // are worked out once per reader, so a draw needs no look-up of feed offsets.
    const auto gather = [&](std::uint32_t j, FeedRange* list,
                            std::size_t& feed_count) __attribute__((always_inline)) -> std::uint64_t {
      feed_count = 0;
      if (everyone) return all_posts;
      std::uint64_t total = 0;
      for (std::size_t slot = 0; slot < k; ++slot) {
        const std::int32_t c = membership[j * k + slot];
        if (c == k_none) continue;
        const std::uint32_t r = resolve(static_cast<std::uint32_t>(c));
        // Two interests can share a community only in a top-down space: elsewhere a community
        // is on one topic, and an agent's interests are distinct topics (model/population).
        bool twice = false;
        for (std::size_t f = 0; spaces && f < feed_count; ++f) twice |= list[f].community == r;
        assert(spaces || std::none_of(list, list + feed_count, [r](const FeedRange& f) { return f.community == r; }));
        if (twice) continue;
        const std::uint64_t start = offsets[r];
        const std::uint64_t size = offsets[r + 1] - start;
        list[feed_count++] = {total, start - total, r};
        total += size;
      }
      return total;
    };
    // Readers in blocks taken by whichever thread is free (core/blocks.hpp). A reader writes
    // only its own state and its thread's buffers; its answers are applied later in reader id
    // order (m_read_slices), and likes only count.
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks.count; ++b) {
      const auto first_event = static_cast<std::uint32_t>(events.size());
      std::uint32_t* const listed = readers.data();
      // (A non-user adds nothing to the sums: zeros.)
      const std::size_t in_block = list_users(blocks.begin(b), blocks.end(b, sn), listed);
      // Reads are random in the feeds, so the block is read in chunks, each in two passes: the
      // first works out every reader's draws (its read stream feeds nothing else, so these are
      // exactly the entries it reads; memberships do not change while reading) and fetches
      // their entries, the second reads them, by then in the caches. The misses overlap with
      // each other and with the first pass's arithmetic instead of stalling the reads; and each
      // pass is a short loop that keeps its values in registers.
      for (std::size_t from = 0; from < in_block; from += read_chunk) {
        const std::size_t to = std::min(in_block, from + read_chunk);
        for (std::size_t at = from; at < to; ++at) {
          // The communities of the reader four on, a few random lines, fetched for its turn.
          if (fetch && !everyone && at + 4 < in_block) {
            const std::size_t ahead = listed[at + 4];
            for (std::size_t slot = 0; slot < k; ++slot) {
              const std::int32_t c = membership[ahead * k + slot];
              if (c == k_none) continue;
              if (merged) __builtin_prefetch(&m_communities[static_cast<std::size_t>(c)]);  // (resolve)
              __builtin_prefetch(offsets + c);
            }
          }
          const std::uint32_t j = listed[at];
          std::size_t feed_count = 0;
          const std::uint64_t total = gather(j, feed_list.data(), feed_count);
          totals[at - from] = total;
          if (total == 0) continue;
          SplitMix rng(agent_seed(streams, j, Part::read));
          std::uint32_t* const slot = chunk_slots + (at - from) * draws;
          if (everyone) {
            for (std::uint32_t r = 0; r < draws; ++r) {
              slot[r] = static_cast<std::uint32_t>(rng.below(total));
              if (fetch) __builtin_prefetch(entries + slot[r]);
            }
          } else {
            const FeedPicker pick({feed_list.data(), feed_count});
            for (std::uint32_t r = 0; r < draws; ++r) {
              slot[r] = static_cast<std::uint32_t>(pick(rng.below(total)));
              if (fetch) __builtin_prefetch(entries + slot[r]);
            }
          }
        }
        for (std::size_t at = from; at < to; ++at) {
          const std::uint32_t i = listed[at];
          const std::uint64_t total = totals[at - from];
          const std::uint32_t* const slots = chunk_slots + (at - from) * draws;
          // The reader's sums, kept in registers and stored once (the same additions in the same
          // order as into the arrays, which start the tick at zero).
          double relevant = 0.0, gained = 0.0, cross = 0.0;
          std::uint32_t reads = 0;
          if (total > 0) {
            // The reader marks its interests' topics with its id, so the interest test of a read
            // is one load and compare, not a loop over the interests (and nothing to clear).
            const std::uint16_t* const interests = pop.interests.data() + i * k;
            for (std::size_t slot = 0; slot < k; ++slot) interested[interests[slot]] = i;
            // What every read of this reader uses, looked up once (nothing here changes while it reads).
            static_assert(KnowledgeMatrix::IsRowMajor, "an agent's knowledge is one contiguous row");
            float* const knows = knowledge_rows + i * topics;  // topic t at knows[t]
            const double capacity = static_cast<double>(pop.traits[i].absorptive_capacity);
            const std::int32_t ui = units == nullptr ? -1 : units[i];
            // Room for a like per read: written at the end, kept only where the read earns one.
            if (liked.size() < likes + draws) liked.resize(std::max<std::size_t>(2 * liked.size(), likes + draws));
            std::uint32_t* const like = liked.data();
            PendingAnswer* const decision = pending.data();
            // The kind of an entry, whether there is something to learn, whether it earns a like and
            // whether it is an open question are as good as random from one read to the next, so
            // they are arithmetic, not branches: written as selects, GCC compiled the first two to
            // branches, and their mispredictions cost reading a fifth of its time (docs/
            // PERFORMANCE.md, "Mispredicted branches found and removed"). A read with nothing to
            // learn keeps a gap of +0 and so gains +0: adding that, and storing the level plus it,
            // leave the same numbers as skipping them (no level is -0).
            for (std::uint32_t r = 0; r < draws; ++r) {
              const FeedEntry& post = entries[slots[r]];
              if (post.author == i) continue;  // one's own post teaches nothing
              const bool on_interest = interested[post.topic] == i;
              const double rel = relevance_of[2 * std::size_t{post.quality} + (on_interest ? 0 : 1)];
              relevant += rel;
              ++reads;
              const auto t = static_cast<Eigen::Index>(post.topic);
              const float have = knows[t];
              const bool knowledge = post.kind == static_cast<std::uint8_t>(PostKind::knowledge);
              const float kept = core::positive_part(post.level - have) * static_cast<float>(knowledge);
              const double gain = capacity * rel * static_cast<double>(kept);
              knows[t] = have + static_cast<float>(gain);
              gained += gain;
              const bool other_unit = crosses_units(ui, post.author_unit);
              cross += gain * static_cast<double>(other_unit);
              like[likes] = post.author;
              likes += knowledge & (rel >= 0.5) ? 1 : 0;
              // A question not answered yet, that the reader knows more of than its asker: asked in
              // public, the reader decides with the sharing logit (model/decision), after the
              // block's reads, with a draw of its own (answer_draw).
              decision[open] = {slots[r], have, i, r};
              open += (post.kind == static_cast<std::uint8_t>(PostKind::question)) & (have > post.level) ? 1 : 0;
            }
          }
          a.reads[i] += reads;
          reads_sum += reads;
          sums->push_back({relevant, gained, cross});
          a.gained[i].total += gained;
          a.gained[i].cross_unit += cross;
          a.content[i] = static_cast<float>(p.memory * a.content[i] + (1.0 - p.memory) * relevant);
        }
      }
      // The block's answer decisions, in the order they were drawn (so its answer events are in
      // reader order). Each needs the asker's image, a random byte of a 1 MB array that the
      // feed entries streaming through the reads evict: fetched k_ahead decisions on, the
      // misses overlap here instead of stalling each read that meets an open question.
      constexpr std::size_t k_ahead = 8;
      const auto teams = m_network.team();
      for (std::size_t q = 0; q < open; ++q) {
        if (q + k_ahead < open) {
          const std::uint32_t slot = pending[q + k_ahead].slot;
          __builtin_prefetch(&pop.image[entries[slot].author]);
          __builtin_prefetch(&m_feeds.tails[slot]);
        }
        const PendingAnswer& d = pending[q];
        const FeedEntry& entry = entries[d.slot];
        const FeedTail& tail = m_feeds.tails[d.slot];
        const std::int32_t team = teams[d.reader];
        const std::int32_t ui = units == nullptr ? -1 : units[d.reader];
        const bool other_unit = crosses_units(ui, entry.author_unit);
        ShareContext ctx;
        ctx.value = d.have - entry.level;
        ctx.same_team = team >= 0 && team == tail.author_team;
        ctx.asker_image_normalized = normalized_image(pop.image[entry.author], m_reputation);
        // An answer is public: exposure above the reader's preference deters it too.
        const double u = sharing_utility(m_decision, m_organization, pop, d.reader, ctx).total -
                         p.visibility_weight * std::max(0.0, exposure() - static_cast<double>(pop.traits[d.reader].visibility));
        // (A reader with the strategy rule decides without looking at the draw.)
        if (decide_drawn(m_decision, pop, d.reader, u, answer_draw(streams, d.reader, d.read)))
          events.push_back({d.reader, tail.id, 0, k_answer, other_unit, d.slot});
      }
      open = 0;
      m_read_slices[static_cast<std::size_t>(b)] = {static_cast<std::uint32_t>(me), first_event,
                                                    static_cast<std::uint32_t>(events.size())};
#pragma omp critical(tacit_esm_read_sums)
      {
        m_sum_block[static_cast<std::size_t>(b)] = sums_buffer;
        while (summed < blocks.count && m_sum_block[static_cast<std::size_t>(summed)] >= 0) {
          const std::int32_t q = m_sum_block[static_cast<std::size_t>(summed)];
          std::vector<ReaderSums>& done = m_sum_pool[static_cast<std::size_t>(q)];
          for (const ReaderSums& r : done) {
            relevance += r.relevance;
            gained_sum += r.gained;
            cross_sum += r.cross;
          }
          done.clear();
          m_sum_free.push_back(q);
          ++summed;
        }
        sums_buffer = take_buffer();
        sums = &m_sum_pool[static_cast<std::size_t>(sums_buffer)];
      }
    }
    m_events[me] = std::move(events);
    m_pending[me] = std::move(pending);
    m_liked[me] = std::move(liked);
    m_liked_count[me] = likes;
    m_read_slots[me] = std::move(chunk_slots_buffer);
    m_feed_list[me] = std::move(feed_list);
    m_block_users[me] = std::move(readers);
    m_interested[me] = std::move(interested);
#pragma omp critical(tacit_esm_read_sums)
    m_sum_free.push_back(sums_buffer);  // (the buffer taken after the thread's last block)
  }
  assert(summed == blocks.count);
  m_counters.relevance += relevance;
  m_counters.gained += gained_sum;
  m_counters.cross_unit_gained += cross_sum;
  m_counters.reads += reads_sum;
}

// ---- 4. likes and answers, in reader id order --------------------------------------------

void Esm::count_likes() {
  auto& a = m_agents;
  // The latest tick's likes are what the count adds now: kept as the count before it (a copy
  // in order), so that a like adds to one random count, not to two.
  std::copy(a.likes.begin(), a.likes.end(), a.likes_before.begin());
  // Likes only count, so they need no order; serial and random in the authors: fetch a few
  // ahead so the misses overlap. (Counted in parallel by author range, each thread walking all
  // the lists, this took 12-14 ms a tick at 10^6 agents instead of 6-10.)
  constexpr std::size_t k_ahead = 16;
  for (std::size_t t = 0; t < m_liked.size(); ++t) {
    const std::vector<std::uint32_t>& liked = m_liked[t];
    const std::size_t count = m_liked_count[t];
    for (std::size_t q = 0; q < count; ++q) {
      if (q + k_ahead < count) __builtin_prefetch(&a.likes[liked[q + k_ahead]], 1);
      a.likes[liked[q]] += 1;
    }
    m_counters.likes += count;
    m_liked_count[t] = 0;
  }
}

void Esm::answer_questions(Population& pop) {
  auto& a = m_agents;
  constexpr std::size_t k_ahead = 16;
  // Answers in reader id order (the blocks' slices in block order): the first reader to answer
  // a question answers it. What depends on that order (who answers, what the asker learns, the
  // sums) is done here, serially; the counts and ticks of the answer, which do not, are left to
  // credit_answers, on both threads.
  // Room for an answer per event: each is written, and kept only where it is the first.
  std::size_t events_total = 0;
  for (const EventSlice& slice : m_read_slices) events_total += slice.end - slice.begin;
  m_answered.resize(events_total);
  Answered* const given = m_answered.data();
  std::size_t answers = 0;
  for (const EventSlice& slice : m_read_slices) {
    const std::span<const Event> events = slice.of(m_events);
    for (std::size_t q = 0; q < events.size(); ++q) {
      // Each answer is random in the posts, the knowledge rows of two agents and the asker's
      // records: the question k_ahead answers on is fetched, and for the one half as far on,
      // whose question has arrived by now, what its answer reads and writes.
      if (q + k_ahead < events.size()) __builtin_prefetch(&m_posts[events[q + k_ahead].target], 1);
      if (q + k_ahead / 2 < events.size()) {
        const Event& next = events[q + k_ahead / 2];
        const Post& asked = m_posts[next.target];
        __builtin_prefetch(&pop.explicit_knowledge(next.agent, static_cast<Eigen::Index>(asked.topic)));
        __builtin_prefetch(&pop.explicit_knowledge(asked.author, static_cast<Eigen::Index>(asked.topic)), 1);
        __builtin_prefetch(&pop.traits[asked.author]);
        __builtin_prefetch(&a.gained[asked.author], 1);
      }
      const Event& e = events[q];
      Post& post = m_posts[e.target];
      // Whether a reader earlier in id order answered the question already, and whether the
      // asker knows less, are as good as random from one answer to the next: the answer is
      // worked out either way and a later one, or one that teaches nothing, gains +0. Adding +0
      // leaves every level and sum as skipping it would (none is -0).
      const bool first = !post.answered;
      post.answered = true;  // (its feed entry is marked by mark_answered)
      const std::uint32_t asker = post.author;
      const auto t = static_cast<Eigen::Index>(post.topic);
      const float gap = pop.explicit_knowledge(e.agent, t) - pop.explicit_knowledge(asker, t);
      const double gain = static_cast<double>(pop.traits[asker].absorptive_capacity) *
                          static_cast<double>(core::positive_part(gap)) * static_cast<double>(first);
      pop.explicit_knowledge(asker, t) += static_cast<float>(gain);
      a.gained[asker].total += gain;
      m_counters.gained += gain;
      // (Whether reader and asker are in different units was seen when the reader read the
      // question: the entry has the asker's unit.)
      const double cross = gain * static_cast<double>(e.cross);
      a.gained[asker].cross_unit += cross;
      m_counters.cross_unit_gained += cross;
      given[answers] = {e.agent, asker};
      answers += first ? 1 : 0;
    }
  }
  m_answered.resize(answers);
  m_counters.answers += answers;
  m_counters.posts += answers;
}

void Esm::mark_answered() {
  // Every question an answer event is about is answered now, whichever answer came first: its
  // feed entry's mark is set here, beside answer_questions (which never reads the entries), so
  // that the answers' serial pass has one random line less per event to wait for.
  constexpr std::size_t k_ahead = 16;
  FeedEntry* const entries = m_feeds.entries.data();
  for (const EventSlice& slice : m_read_slices) {
    const std::span<const Event> events = slice.of(m_events);
    for (std::size_t q = 0; q < events.size(); ++q) {
      if (q + k_ahead < events.size()) __builtin_prefetch(&entries[events[q + k_ahead].entry], 1);
      entries[events[q].entry].kind |= k_answered_bit;
    }
  }
}

void Esm::credit_answers(std::uint32_t tick, std::uint32_t threads) {
  // Counts and ticks only, so the order of the answers does not matter; but a reader may give
  // two answers and an asker receive two, so each thread takes the agents of its id range,
  // walking the whole list (short: tens of thousands at 10^6 agents).
  auto& a = m_agents;
  const auto n = static_cast<std::int64_t>(a.state.size());
#pragma omp parallel num_threads(threads)
  {
    const auto [first, last] = core::thread_range(n, omp_get_thread_num(), omp_get_num_threads());
    const auto mine = [&](std::uint32_t agent) { return agent >= first && agent < last; };
    for (const Answered& ans : m_answered) {
      if (mine(ans.asker)) {
        a.answers_received[ans.asker] += 1;
        a.last_answer_tick[ans.asker] = tick;
      }
      if (mine(ans.reader)) {
        a.answers_given[ans.reader] += 1;
        a.posts[ans.reader] += 1;
        a.last_post_tick[ans.reader] = tick;
        if (a.state[ans.reader] == k_lurker) a.state[ans.reader] = k_contributor;
      }
    }
  }
}

// ---- 5. management answers ideas ---------------------------------------------------------

void Esm::respond_to_ideas(std::uint32_t tick) {
  if (!supported() || m_params.management_response <= 0.0) return;
  Rng rng(m_seed, Stream::esm, tick, k_platform + 1);
  for (std::uint32_t id = 0; id < m_posts.size(); ++id) {
    Post& post = m_posts[id];
    if (post.kind != PostKind::idea || post.answered) continue;
    if (!(rng.uniform() < m_params.management_response)) continue;
    post.answered = true;
    m_feeds.entries[feed_slot_of(id)].kind |= k_answered_bit;
    m_agents.heard[post.author] = 1.0f;
    ++m_counters.ideas_answered;
  }
}

// ---- 6. posting ----------------------------------------------------------------------------

void Esm::post(std::uint32_t tick, Population& pop, std::span<const Need> needs, std::uint32_t threads) {
  const SeedPrefix streams(m_seed, Stream::esm, tick);
  const std::uint32_t n = pop.size();
  const std::size_t k = m_interests;
  const std::uint32_t topics = pop.topics();
  auto& a = m_agents;
  const auto& p = m_params;
  const bool top_down = p.introduction == EsmIntroduction::top_down;
  const float quality = genuine_quality();
  const auto sn = static_cast<std::int64_t>(n);
  // Agents in blocks taken by whichever thread is free (core/blocks.hpp); each block's posts
  // are a slice of its thread's list (m_post_slices), merged below in block order, so in agent
  // id order at any thread count. (With one fixed half per thread, one thread worked alone
  // ~1 ms a tick at 10^6 agents while the other waited: docs/PERFORMANCE.md.)
  const core::Blocks blocks = core::blocks_for(sn, threads);
  m_post_slices.resize(static_cast<std::size_t>(blocks.count));
#pragma omp parallel num_threads(threads)
  {
    // Moved into a local for the loop and back (as in read): no shared cache line per push.
    const auto me = static_cast<std::size_t>(omp_get_thread_num());
    std::vector<Post> out = std::move(m_new_posts[me]);
    out.clear();
    // Who posts depends on the draws (a user in ten, at random), and a poster reads its traits,
    // knowledge rows and communities, lines the hardware cannot guess. So the loop draws the
    // streams of the users k_ahead ahead, keeps them for when it gets there, and where those
    // draws say a user will post, fetches what posting reads (a wrong guess costs a useless
    // fetch, never a different result: the stream is the user's own either way). fetch_for is
    // always inlined: a call to a function that only prefetches is deleted by GCC (see
    // Simulation::prefetch).
    //
    // A user who has no question to ask draws first whether to post knowledge, and nine in ten
    // at the default post_rate draw nothing more: that draw is the stream's first output
    // (Rng::first_uniform), so their streams are not seeded, ahead or here. A user who may ask
    // draws first whether to ask: its stream is seeded ahead and kept from its start for here.
    struct Ahead {
      std::uint64_t seed = 0;
      std::optional<Rng> stream;
    };
    constexpr std::size_t k_ahead = 16;
    std::array<Ahead, k_ahead> drawn_ahead;
    const auto may_ask = [&](std::uint32_t j) { return needs[j].active() && pop.ledger[j].last_received_tick != tick; };
    const auto fetch_for = [&](std::uint32_t j, Ahead& ahead) __attribute__((always_inline)) {
      const std::uint16_t* interests = pop.interests.data() + j * k;
      bool posts = pop.ledger[j].innovations > a.innovations_seen[j];  // an idea
      double knowledge_draw = 0.0;
      ahead.stream.reset();
      if (may_ask(j)) {
        Rng guess = ahead.stream.emplace(ahead.seed);
        if (guess.uniform() < p.ask) {
          __builtin_prefetch(&pop.explicit_knowledge(j, static_cast<Eigen::Index>(needs[j].topic)));
          posts = true;
        }
        knowledge_draw = guess.uniform();
      } else {
        knowledge_draw = Rng::first_uniform(ahead.seed);
      }
      if (knowledge_draw < p.post_rate) {
        __builtin_prefetch(&pop.traits[j]);
        for (std::size_t slot = 0; slot < k; ++slot) {
          __builtin_prefetch(&pop.tacit_knowledge(j, static_cast<Eigen::Index>(interests[slot])));
          __builtin_prefetch(&pop.explicit_knowledge(j, static_cast<Eigen::Index>(interests[slot])), 1);
        }
        posts = true;
      }
      if (!posts || !m_merged) return;  // (resolve reads a community once some were merged)
      for (std::size_t slot = 0; slot < k; ++slot) {
        const std::int32_t c = a.membership[j * k + slot];
        if (c != k_none) __builtin_prefetch(&m_communities[static_cast<std::size_t>(c)]);
      }
    };
    // A block's users, listed first as in read (posting makes a lurker a contributor, never a
    // user a non-user, so the list stays right through the block).
    std::vector<std::uint32_t> users = std::move(m_block_users[me]);
    if (users.size() < static_cast<std::size_t>(blocks.size)) users.resize(static_cast<std::size_t>(blocks.size));
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks.count; ++b) {
      const auto from = static_cast<std::uint32_t>(out.size());
      std::uint32_t* const listed = users.data();
      const std::size_t count = list_users(blocks.begin(b), blocks.end(b, sn), listed);
      // The list's user q is drawn into drawn_ahead[q % k_ahead]: the first k_ahead here, then
      // each one k_ahead on into the entry of the user whose turn it is, once that is taken.
      const auto draw_ahead = [&](std::size_t q) __attribute__((always_inline)) {
        Ahead& ahead = drawn_ahead[q % k_ahead];
        ahead.seed = agent_seed(streams, listed[q], Part::post);
        fetch_for(listed[q], ahead);
      };
      if (m_fetch_ahead)
        for (std::size_t q = 0; q < std::min(count, k_ahead); ++q) draw_ahead(q);
      for (std::size_t at = 0; at < count; ++at) {
        const std::uint32_t i = listed[at];
        std::uint64_t seed = 0;
        std::optional<Rng> stream;  // the user's stream, once it draws more than its first output
        if (m_fetch_ahead) {
          const Ahead& ahead = drawn_ahead[at % k_ahead];
          seed = ahead.seed;
          stream = ahead.stream;
          if (at + k_ahead < count) draw_ahead(at + k_ahead);
        } else {
          seed = agent_seed(streams, i, Part::post);
          if (may_ask(i)) stream.emplace(seed);
        }
        const std::uint16_t* interests = pop.interests.data() + i * k;
        const std::int32_t* member = a.membership.data() + i * k;
        auto community_of = [&](std::uint16_t topic) -> std::int32_t {
          for (std::size_t slot = 0; slot < k; ++slot)
            if (interests[slot] == topic && member[slot] != k_none)
              return static_cast<std::int32_t>(resolve(static_cast<std::uint32_t>(member[slot])));
          return k_none;
        };
        auto any_community = [&]() -> std::int32_t {
          for (std::size_t slot = 0; slot < k; ++slot)
            if (member[slot] != k_none) return static_cast<std::int32_t>(resolve(static_cast<std::uint32_t>(member[slot])));
          return k_none;
        };
        auto emit = [&](Post post, std::int32_t community) {
          post.author = i;
          post.author_unit = unit(i);
          post.community = static_cast<std::uint32_t>(community);
          post.tick = tick;
          out.push_back(post);
          a.posts[i] += 1;
          // Asking is taking: only knowledge and ideas (and answers) are contributions.
          if (post.kind != PostKind::question) {
            a.last_post_tick[i] = tick;
            a.state[i] = k_contributor;
          }
        };
        // A problem the ties did not solve becomes a question.
        if (stream && stream->uniform() < p.ask) {  // a stream at this point: the user may ask
          const auto topic = static_cast<std::uint16_t>(needs[i].topic);
          const std::int32_t c = community_of(topic);
          if (c != k_none) {
            Post q;
            q.kind = PostKind::question;
            q.topic = topic;
            q.level = pop.explicit_knowledge(i, static_cast<Eigen::Index>(topic));
            emit(q, c);
            a.questions[i] += 1;
          }
        }
        // An innovation made this tick is posted as an idea.
        if (pop.ledger[i].innovations > a.innovations_seen[i]) {
          a.innovations_seen[i] = pop.ledger[i].innovations;
          const auto topic = needs[i].active() ? static_cast<std::uint16_t>(needs[i].topic) : interests[0];
          std::int32_t c = community_of(topic);
          if (c == k_none) c = any_community();
          if (c != k_none) {
            Post idea;
            idea.kind = PostKind::idea;
            idea.topic = topic;
            emit(idea, c);
            a.ideas[i] += 1;
          }
        }
        // Knowledge: a logit on the posting motives, at most post_rate per tick. The draw meets
        // post_rate first: post_rate * logistic(...) never exceeds post_rate (the logistic is at
        // most 1 and rounding is monotonic), so a draw at or above it decides without the
        // utility and its exp (nine users in ten at the default 0.1), with the same outcome.
        const double draw = stream ? stream->uniform() : Rng::first_uniform(seed);
        if (draw < p.post_rate &&
            draw < p.post_rate * logistic(posting_utility(pop, i, tick) / m_decision.temperature)) {
          if (!stream) stream = Rng::after_first(seed);  // its first output was the draw above
          Rng& rng = *stream;
          const bool strategic =
              p.monitoring && rng.uniform() < p.strategic * pop.traits[i].recognition * pop.traits[i].visibility;
          Post post;
          if (strategic) {  // made to be seen: any topic, low quality, no codification effort
            post.topic = static_cast<std::uint16_t>(rng.below(topics));
            post.strategic = true;
            post.quality = static_cast<float>(p.strategic_quality);
            post.level = pop.explicit_knowledge(i, post.topic);
            const std::int32_t c =
                top_down ? static_cast<std::int32_t>(post.topic % p.spaces) : any_community();
            if (c != k_none) {
              emit(post, c);
              a.strategic_posts[i] += 1;
            }
          } else {  // codifies what it knows best of its practice (externalization)
            std::size_t best = 0;
            for (std::size_t slot = 1; slot < k; ++slot)
              if (pop.tacit_knowledge(i, interests[slot]) > pop.tacit_knowledge(i, interests[best])) best = slot;
            if (k > 0) {
              post.topic = interests[best];
              const auto t = static_cast<Eigen::Index>(post.topic);
              const float codified = static_cast<float>(p.codification) * pop.tacit_knowledge(i, t);
              float& own = pop.explicit_knowledge(i, t);
              own = std::max(own, codified);
              post.level = own;
              post.quality = quality;
              const std::int32_t c = community_of(post.topic);
              if (c != k_none) emit(post, c);
            }
          }
        }
      }
      m_post_slices[static_cast<std::size_t>(b)] = {static_cast<std::uint32_t>(me), from, static_cast<std::uint32_t>(out.size())};
    }
    m_new_posts[me] = std::move(out);
    m_block_users[me] = std::move(users);
  }
  {
    std::size_t added = 0;
    for (const auto& out : m_new_posts) added += out.size();
    core::reserve_on_huge_pages(m_posts, m_posts.size() + added);
  }
  for (const EventSlice& slice : m_post_slices) {
    for (const Post& post : slice.of(m_new_posts)) {
      m_posts.push_back(post);
      ++m_counters.posts;
      switch (post.kind) {
        case PostKind::knowledge:
          ++m_counters.knowledge_posts;
          m_counters.strategic_posts += post.strategic ? 1u : 0u;
          break;
        case PostKind::question: ++m_counters.questions; break;
        case PostKind::idea: ++m_counters.ideas; break;
      }
    }
  }
}

// ---- 7. moderation -------------------------------------------------------------------------

void Esm::moderate() {
  if (!supported() || m_params.moderators == 0 || m_params.introduction == EsmIntroduction::top_down) return;
  std::uint64_t capacity = std::uint64_t{m_params.moderators} * m_params.moderation_capacity;
  // Merge duplicates: on each topic (in topic order) the smallest community into the largest.
  auto& by_topic = m_by_topic;  // kept from tick to tick with its capacity; emptied here
  for (auto& list : by_topic) list.clear();
  auto largest = [&](const std::vector<std::uint32_t>& list) {
    std::uint32_t best = list.front();
    for (auto c : list)
      if (m_communities[c].members > m_communities[best].members) best = c;  // ties: lowest id
    return best;
  };
  for (std::uint32_t c = 0; c < m_communities.size(); ++c) {
    if (m_communities[c].merged_into >= 0) continue;
    const auto t = m_communities[c].topic;
    if (t >= by_topic.size()) by_topic.resize(t + 1u);
    by_topic[t].push_back(c);
  }
  bool merged = false;
  for (auto& list : by_topic) {
    while (list.size() > 1 && capacity > 0) {
      const std::uint32_t keep = largest(list);
      std::uint32_t drop = list.back();
      for (auto it = list.rbegin(); it != list.rend(); ++it)
        if (m_communities[*it].members < m_communities[drop].members) drop = *it;  // ties: highest id
      m_communities[drop].merged_into = static_cast<std::int32_t>(keep);
      m_communities[keep].members += m_communities[drop].members;
      list.erase(std::find(list.begin(), list.end(), drop));
      --capacity;
      ++m_counters.merges;
      merged = true;
      m_merged = true;
      m_feeds_stale = true;  // the dropped community's posts join the kept one's feed
    }
  }
  if (merged) {
    for (auto& c : m_agents.membership)
      if (c != k_none) c = static_cast<std::int32_t>(resolve(static_cast<std::uint32_t>(c)));
  }
  // Move off-topic threads to their topic's community.
  for (Post& post : m_posts) {
    if (capacity == 0) break;
    const std::uint32_t here = resolve(post.community);
    if (m_communities[here].topic == post.topic) continue;
    if (post.topic >= by_topic.size() || by_topic[post.topic].empty()) continue;
    post.community = largest(by_topic[post.topic]);
    m_feeds_stale = true;
    --capacity;
    ++m_counters.redirects;
  }
}

// ---- 8. churn ------------------------------------------------------------------------------

void Esm::churn(std::uint32_t tick, const Population& pop, std::uint32_t threads) {
  auto& a = m_agents;
  const auto& p = m_params;
  const auto sn = static_cast<std::int64_t>(a.state.size());
  // Who churns this tick, per thread, in blocks taken by whichever thread is free (core/
  // blocks.hpp): each block's churners are a slice of its thread's list (m_churn_slices), taken
  // below in block order, so in id order.
  m_churned_now.resize(threads);
  for (auto& list : m_churned_now) list.clear();
  const core::Blocks blocks = core::blocks_for(sn, threads);
  m_churn_slices.resize(static_cast<std::size_t>(blocks.count));
  std::uint64_t churned = 0;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(+ : churned)
  for (std::int64_t b = 0; b < blocks.count; ++b) {
    std::vector<std::uint32_t>& mine = m_churned_now[static_cast<std::size_t>(omp_get_thread_num())];
    const auto from = static_cast<std::uint32_t>(mine.size());
    for (std::int64_t s = blocks.begin(b); s < blocks.end(b, sn); ++s) {
      const auto i = static_cast<std::uint32_t>(s);
      if (!user(i)) continue;
      // A contributor is a user who contributed within the last post_lifetime ticks. (Whether one
      // did, and whether the pull is low, are as good as random from one user to the next: selects,
      // not branches.)
      const std::uint32_t last = a.last_post_tick[i];
      const bool recent = (last > 0) & (last + p.post_lifetime > tick);
      a.state[i] = recent ? k_contributor : k_lurker;
      a.heard[i] = static_cast<float>(p.memory * a.heard[i]);
      const bool low = pull(i, tick) < pop.relevance_threshold[i];
      const auto longer = static_cast<std::uint16_t>(std::min<std::uint32_t>(a.low_ticks[i] + 1u, 65535u));
      a.low_ticks[i] = low ? longer : std::uint16_t{0};
      if (p.churn_patience > 0 && a.low_ticks[i] >= p.churn_patience) {
        a.state[i] = k_churned;
        a.churn_tick[i] = tick;
        ++churned;
        mine.push_back(i);
      }
    }
    m_churn_slices[static_cast<std::size_t>(b)] = {static_cast<std::uint32_t>(omp_get_thread_num()), from,
                                                   static_cast<std::uint32_t>(mine.size())};
  }
  m_counters.churned = churned;
  // They no longer count as neighbours' users or members: sums, so in any order. Each thread
  // walks all the churners and counts for the neighbours in its share of the ids (no two
  // threads write one count).
  if (churned == 0) return;
  const std::size_t k = m_interests;
#pragma omp parallel num_threads(threads)
  {
    const auto [begin, end] = core::thread_range(sn, omp_get_thread_num(), omp_get_num_threads());
    const auto first = static_cast<std::uint32_t>(begin);
    const auto last = static_cast<std::uint32_t>(end);
    for (const EventSlice& slice : m_churn_slices)
      for (const std::uint32_t j : slice.of(m_churned_now)) {
        count_user_neighbour(j, -1, first, last);
        for (std::size_t s = 0; s < k; ++s)
          if (a.membership[std::size_t{j} * k + s] != k_none) count_membership(pop, j, s, -1, first, last);
      }
  }
}

// ---- feeds ---------------------------------------------------------------------------------

void Esm::count_expired(std::uint32_t tick) {
  // Posts of tick t are read during ticks t+1 .. t+post_lifetime (at least 1: this step's posts,
  // appended after this, never expire at its rebuild, and nothing else adds posts or communities
  // before it).
  const std::uint32_t lifetime = m_params.post_lifetime;
  // Posts are appended tick by tick, so the expired ones are a prefix.
  const auto expired = std::partition_point(m_posts.begin(), m_posts.end(),
                                            [&](const Post& post) { return post.tick + lifetime <= tick; });
  m_expired = static_cast<std::uint32_t>(expired - m_posts.begin());
  // Each feed's expired entries, counted while their posts are still there (for an update of the
  // feeds: see rebuild_feeds). Moderation may later make the update a sort anew: then unused.
  m_expired_counted = m_expired <= m_feed_posts && m_params.audience != EsmAudience::everyone;
  if (m_expired_counted) {
    assign_growing(m_feed_kept, m_communities.size(), 0u);
    for (std::uint32_t id = 0; id < m_expired; ++id) ++m_feed_kept[m_posts[id].community];
  }
}

void Esm::rebuild_feeds(std::uint32_t threads) {
  // The feeds hold the posts of the last rebuild, in post order within each community; the
  // posts expired since are a prefix of them, so each feed loses a prefix, and this step's posts
  // come after all of them, so each feed gains a suffix. Only moderation moves older posts from
  // one feed to another (a merge or a redirect): then, and with one feed of all posts, they are
  // sorted anew.
  const std::uint32_t gone = m_expired;
  const bool update = !m_feeds_stale && m_expired_counted;
  m_posts.erase(m_posts.begin(), m_posts.begin() + gone);
  if (update)
    update_feeds(gone, threads);
  else
    sort_feeds(threads);
  m_feed_posts = static_cast<std::uint32_t>(m_posts.size());
  m_feeds_stale = false;
}

void Esm::update_feeds(std::uint32_t gone, std::uint32_t threads) {
  const std::size_t communities = m_communities.size();  // (communities created this step: empty feeds)
  const std::uint32_t kept = m_feed_posts - gone;  // posts [0, kept) were in the feeds, [kept, size) are new
  const auto posts = static_cast<std::uint32_t>(m_posts.size());
  const Feeds& old = m_feeds;
  Feeds& next = m_next_feeds;
  // The tick's posts by community (a counting sort of those only, about one alive post in
  // post_lifetime): m_feed_added counts them, then holds where each community's new ones end,
  // and last where they start (communities + 1 of them: the last one's start is the end).
  assign_growing(m_feed_added, communities + 1, 0u);
  for (std::uint32_t id = kept; id < posts; ++id) {
    Post& post = m_posts[id];
    post.community = resolve(post.community);
    ++m_feed_added[post.community];
  }
  // Where each feed starts now, and its first entry kept (m_feed_kept held its expired count).
  core::resize_for_overwrite_on_huge_pages(next.offsets, communities + 1);
  std::uint32_t at = 0, added = 0;
  for (std::size_t c = 0; c < communities; ++c) {
    const std::uint32_t first = old.offsets[c] + m_feed_kept[c];
    m_feed_kept[c] = first;
    next.offsets[c] = at;
    added += m_feed_added[c];
    at += (old.offsets[c + 1] - first) + m_feed_added[c];
    m_feed_added[c] = added;  // the end of c's new entries; they are placed from the back
  }
  next.offsets[communities] = at;
  m_feed_added[communities] = added;
  // The new posts by community, in post order within one (placed from the back): community c's
  // are m_feed_new[m_feed_added[c], m_feed_added[c + 1]).
  core::resize_for_overwrite_on_huge_pages(m_feed_new, posts - kept);
  for (std::uint32_t id = posts; id-- > kept;) m_feed_new[--m_feed_added[m_posts[id].community]] = id - kept;
  core::resize_for_overwrite_on_huge_pages(m_new_entries, posts - kept);
  core::resize_for_overwrite_on_huge_pages(m_new_tails, posts - kept);
  core::resize_for_overwrite_on_huge_pages(next.entries, at);
  if (next.tails.capacity() < at) {  // (on small pages: see Feeds::tails)
    const std::size_t capacity = std::max<std::size_t>(at, 2 * next.tails.capacity());
    std::vector<FeedTail>().swap(next.tails);
    next.tails.reserve(capacity);
  }
  next.tails.resize(at);
  const auto team = m_network.team();
#pragma omp parallel num_threads(threads)
  {
    // The new posts' entries, in post order; each needs its author's team, a random line
    // (fetched k_ahead posts on).
    constexpr std::int64_t k_ahead = 16;
    const auto first_new = static_cast<std::int64_t>(kept);
    const auto end_new = static_cast<std::int64_t>(posts);
#pragma omp for schedule(static)
    for (std::int64_t id = first_new; id < end_new; ++id) {
      if (m_fetch_ahead && !team.empty() && id + k_ahead < end_new)
        __builtin_prefetch(&team[m_posts[static_cast<std::size_t>(id + k_ahead)].author]);
      const auto post = static_cast<std::uint32_t>(id);
      m_new_entries[post - kept] = feed_entry(post);
      m_new_tails[post - kept] = feed_tail(post);
    }
    // Each thread writes the feeds that start in its share of the entries: a copy of the kept
    // entries (the post ids less the expired), then the new ones, all in place order.
    const auto parts = static_cast<std::int64_t>(omp_get_num_threads());
    const auto t = static_cast<std::int64_t>(omp_get_thread_num());
    const auto feeds_from = [&](std::int64_t part) -> std::size_t {
      if (part >= parts) return communities;
      const auto place = static_cast<std::uint32_t>(core::thread_range(at, part, parts).begin);
      const auto starts = next.offsets.begin();
      return static_cast<std::size_t>(std::lower_bound(starts, starts + static_cast<std::ptrdiff_t>(communities), place) - starts);
    };
    const std::size_t c_first = t == 0 ? 0 : feeds_from(t);
    const std::size_t c_last = feeds_from(t + 1);
    FeedEntry* const entries = next.entries.data();
    FeedTail* const tails = next.tails.data();
    for (std::size_t c = c_first; c < c_last; ++c) {
      std::uint32_t to = next.offsets[c];
      for (std::uint32_t from = m_feed_kept[c]; from < old.offsets[c + 1]; ++from, ++to) {
        entries[to] = old.entries[from];
        tails[to] = {old.tails[from].id - gone, old.tails[from].author_team};
      }
      const std::uint32_t new_end = m_feed_added[c + 1];
      for (std::uint32_t q = m_feed_added[c]; q < new_end; ++q, ++to) {
        entries[to] = m_new_entries[m_feed_new[q]];
        tails[to] = m_new_tails[m_feed_new[q]];
      }
    }
  }
  std::swap(m_feeds, m_next_feeds);
}

void Esm::sort_feeds(std::uint32_t threads) {
  const std::size_t communities = m_communities.size();
  const auto ids = static_cast<std::int64_t>(m_posts.size());
  assign_growing(m_feeds.offsets, communities + 1, 0u);
  core::reserve_on_huge_pages(m_feeds.entries, m_posts.size());
  m_feeds.entries.resize(m_posts.size());
  m_feeds.tails.resize(m_posts.size());  // (on small pages: see Feeds::tails)
  if (m_feed_fill.size() < threads) m_feed_fill.resize(threads);
  const bool everyone = m_params.audience == EsmAudience::everyone;
  // A counting sort by community, in parallel: each thread counts the posts of a contiguous id
  // range, a community's feed gives each thread its place after the threads before it, and
  // each thread writes its entries there. Within a feed the entries are in id order, as a
  // serial pass would leave them, at any thread count.
#pragma omp parallel num_threads(threads)
  {
    const auto parts = static_cast<std::int64_t>(omp_get_num_threads());
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const auto [first, last] = core::thread_range(ids, static_cast<std::int64_t>(t), parts);
    auto& fill = m_feed_fill[t];
    assign_growing(fill, communities, 0u);
    // Hundreds of thousands of communities at 10^6 agents: their records, the counts and the
    // feeds' places are fetched k_ahead posts on (twice that for the counts the places need).
    constexpr std::int64_t k_ahead = 16;
    for (std::int64_t id = first; id < last; ++id) {
      if (m_fetch_ahead && m_merged && id + k_ahead < last)  // (for resolve)
        __builtin_prefetch(&m_communities[m_posts[static_cast<std::size_t>(id + k_ahead)].community]);
      Post& post = m_posts[static_cast<std::size_t>(id)];
      post.community = resolve(post.community);
      ++fill[post.community];
    }
#pragma omp barrier
#pragma omp single
    {
      std::uint32_t at = 0;
      for (std::size_t c = 0; c < communities; ++c) {
        m_feeds.offsets[c] = at;
        for (std::size_t part = 0; part < static_cast<std::size_t>(parts); ++part) {
          const std::uint32_t count = m_feed_fill[part][c];
          m_feed_fill[part][c] = at;
          at += count;
        }
      }
      m_feeds.offsets[communities] = at;
    }
    // The entries land in the feeds of thousands of communities, each write a miss: fetch the
    // place of the entry k_ahead posts on (exact unless its feed gets an entry in between).
    const auto team = m_network.team();
    for (std::int64_t id = first; id < last; ++id) {
      if (m_fetch_ahead && !everyone && id + 2 * k_ahead < last)
        __builtin_prefetch(&fill[m_posts[static_cast<std::size_t>(id + 2 * k_ahead)].community]);
      if (m_fetch_ahead && id + k_ahead < last) {
        const Post& ahead = m_posts[static_cast<std::size_t>(id + k_ahead)];
        if (!everyone) {
          __builtin_prefetch(&m_feeds.entries[fill[ahead.community]], 1);
          __builtin_prefetch(&m_feeds.tails[fill[ahead.community]], 1);
        }
        if (!team.empty()) __builtin_prefetch(&team[ahead.author]);
      }
      const auto post = static_cast<std::uint32_t>(id);
      const std::size_t slot = everyone ? post : fill[m_posts[post].community]++;
      m_feeds.entries[slot] = feed_entry(post);
      m_feeds.tails[slot] = feed_tail(post);
    }
  }
}

Esm::FeedTail Esm::feed_tail(std::uint32_t id) const {
  const auto team = m_network.team();
  return {id, team.empty() ? -1 : team[m_posts[id].author]};
}

std::size_t Esm::feed_slot_of(std::uint32_t id) const {
  if (m_params.audience == EsmAudience::everyone) return id;
  const std::uint32_t c = m_posts[id].community;  // (resolved when the feeds were brought up to date)
  const auto first = m_feeds.tails.begin() + m_feeds.offsets[c];
  const auto last = m_feeds.tails.begin() + m_feeds.offsets[c + 1];
  const auto at = std::lower_bound(first, last, id, [](const FeedTail& tail, std::uint32_t v) { return tail.id < v; });
  assert(at != last && at->id == id);
  return static_cast<std::size_t>(at - m_feeds.tails.begin());
}

Esm::Feeds Esm::feeds_from_scratch() const {
  Feeds out;
  const bool everyone = m_params.audience == EsmAudience::everyone;
  const std::size_t communities = m_communities.size();
  out.offsets.assign(communities + 1, 0u);
  const auto posts = static_cast<std::uint32_t>(m_posts.size());
  for (std::uint32_t id = 0; id < posts; ++id) ++out.offsets[resolve(m_posts[id].community) + 1];
  for (std::size_t c = 0; c < communities; ++c) out.offsets[c + 1] += out.offsets[c];
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  out.entries.resize(posts);
  out.tails.resize(posts);
  for (std::uint32_t id = 0; id < posts; ++id) {
    const std::uint32_t slot = everyone ? id : fill[resolve(m_posts[id].community)]++;
    out.entries[slot] = feed_entry(id);
    out.tails[slot] = feed_tail(id);
  }
  return out;
}

Esm::FeedEntry Esm::feed_entry(std::uint32_t id) const {
  const Post& post = m_posts[id];
  FeedEntry e;
  e.author = post.author;
  e.author_unit = post.author_unit;
  e.level = post.level;
  e.topic = post.topic;
  e.kind = static_cast<std::uint8_t>(static_cast<std::uint8_t>(post.kind) | (post.answered ? k_answered_bit : 0));
  const auto q = std::find(m_qualities.begin(), m_qualities.end(), post.quality);
  if (q == m_qualities.end()) throw std::logic_error("esm: a post's quality is none of the qualities posts are made with");
  e.quality = static_cast<std::uint8_t>(q - m_qualities.begin());
  return e;
}

// ---- the step ------------------------------------------------------------------------------

void Esm::step(std::uint32_t tick, Population& pop, std::span<const Need> needs, std::uint32_t threads) {
  m_counters = EsmCounters{};
  if (!enabled() || tick < m_params.launch_tick) return;
  if (threads == 0) threads = 1;
  if (m_events.size() < threads) m_events.resize(threads);
  if (m_pending.size() < threads) m_pending.resize(threads);
  if (m_liked.size() < threads) m_liked.resize(threads);
  if (m_liked_count.size() < threads) m_liked_count.resize(threads, 0);
  if (m_new_posts.size() < threads) m_new_posts.resize(threads);
  if (m_read_slots.size() < threads) m_read_slots.resize(threads);
  if (m_feed_list.size() < threads) m_feed_list.resize(threads);
  if (m_block_users.size() < threads) m_block_users.resize(threads);
  if (m_interested.size() < threads) m_interested.resize(threads);
  core::Stopwatch watch;
  adopt(tick, pop, needs, threads);
  watch.lap(m_phase_seconds.adopt);
  join_communities(tick, pop, threads);
  watch.lap(m_phase_seconds.join);
  read(tick, pop, threads);
  watch.lap(m_phase_seconds.read);
  // Likes touch only the authors' like counts and the answered questions' entries only their
  // marks; the answers touch neither: with a second thread both sides run at once (each
  // serial, in its own order).
#pragma omp parallel sections num_threads(std::min(threads, 2u))
  {
#pragma omp section
    {
      count_likes();
      count_expired(tick);  // (the answers take longer than the likes: this fills the wait)
      mark_answered();
    }
#pragma omp section
    answer_questions(pop);
  }
  for (auto& events : m_events) events.clear();
  credit_answers(tick, threads);
  respond_to_ideas(tick);
  watch.lap(m_phase_seconds.respond);
  post(tick, pop, needs, threads);
  moderate();
  watch.lap(m_phase_seconds.post);
  churn(tick, pop, threads);
  watch.lap(m_phase_seconds.churn);
  rebuild_feeds(threads);
  watch.lap(m_phase_seconds.feeds);
}

// ---- metrics -------------------------------------------------------------------------------

const std::vector<std::string>& esm_metric_names() {
  static const std::vector<std::string> names = {
      "esm_adopters",          "esm_users",              "esm_contributors",
      "esm_lurkers",           "esm_churned",            "esm_new_users",      "esm_posts",
      "esm_knowledge_posts",   "esm_strategic_share",    "esm_questions",      "esm_answers",
      "esm_ideas",             "esm_ideas_answered",     "esm_reads",          "esm_read_relevance",
      "esm_likes",             "esm_posts_top1_share",   "esm_posts_top10_share", "esm_posts_gini",
      "esm_communities",       "esm_communities_per_topic", "esm_knowledge_gained", "esm_cross_unit_gained",
  };
  return names;
}

void append_esm_metrics(const Esm& esm, std::vector<double>& scratch,
                        std::vector<double>& sort, std::vector<double>& out) {
  const auto& a = esm.agents();
  const auto& c = esm.counters();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t adopters = 0, users = 0, contributors = 0, lurkers = 0, churned = 0;
  scratch.clear();
  double total_posts = 0.0;
  for (std::size_t i = 0; i < a.state.size(); ++i) {
    const auto s = a.state[i];
    if (s == k_non_user) continue;
    ++adopters;
    users += s == k_lurker || s == k_contributor ? 1u : 0u;
    contributors += s == k_contributor ? 1u : 0u;
    lurkers += s == k_lurker ? 1u : 0u;
    churned += s == k_churned ? 1u : 0u;
    scratch.push_back(static_cast<double>(a.posts[i]));
    total_posts += a.posts[i];
  }
  // Participation inequality among adopters: share of all posts by the top 1 % and 10 %.
  double top1 = nan, top10 = nan, gini = nan;
  if (total_posts > 0.0) {
    sort.assign(scratch.begin(), scratch.end());
    std::sort(sort.begin(), sort.end(), std::greater<>());
    auto top = [&](double share) {
      const auto m = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sort.size())));
      double sum = 0.0;
      for (std::size_t k = 0; k < m; ++k) sum += sort[k];
      return sum / total_posts;
    };
    top1 = top(0.01);
    top10 = top(0.10);
    gini = core::gini(scratch, sort);
  }
  const std::uint32_t topics = esm.topics_with_communities();
  const std::uint32_t alive = esm.alive_communities();
  auto ratio = [&](double num, double den) { return den > 0.0 ? num / den : nan; };
  for (const double v : {
           static_cast<double>(adopters), static_cast<double>(users), static_cast<double>(contributors),
           static_cast<double>(lurkers), static_cast<double>(churned),
           static_cast<double>(c.adopted), static_cast<double>(c.posts), static_cast<double>(c.knowledge_posts),
           ratio(static_cast<double>(c.strategic_posts), static_cast<double>(c.knowledge_posts)),
           static_cast<double>(c.questions), static_cast<double>(c.answers), static_cast<double>(c.ideas),
           static_cast<double>(c.ideas_answered), static_cast<double>(c.reads),
           ratio(c.relevance, static_cast<double>(c.reads)), static_cast<double>(c.likes), top1, top10, gini,
           static_cast<double>(alive), ratio(static_cast<double>(alive), static_cast<double>(topics)), c.gained,
           c.cross_unit_gained}) {
    out.push_back(v);
  }
}

}  // namespace tacit::model
