#include "tacit/network/generators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "tacit/core/error.hpp"
#include "tacit/core/huge_pages.hpp"
#include "tacit/network/io.hpp"
#include "tacit/network/metrics.hpp"

namespace tacit::network {

namespace {

constexpr std::uint64_t k_max_nodes = std::numeric_limits<std::uint32_t>::max() - 1;

[[noreturn]] void bad_spec(const std::string& what) { throw InputError("network: " + what); }

void check_probability(double p, const char* key) {
  if (!(p >= 0.0 && p <= 1.0)) {
    bad_spec(std::string(key) + " = " + std::to_string(p) + " is not a probability in [0, 1]");
  }
}

void check_ring(const char* generator, std::uint32_t n, std::uint32_t k) {
  if (k % 2 != 0 || k >= n) {
    bad_spec(std::string(generator) + " needs an even k < agents, got k = " + std::to_string(k) +
             " with agents = " + std::to_string(n));
  }
}

std::uint64_t pair_key(NodeId a, NodeId b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32) | b;
}

/// Calls f(j) for each j in [lo, hi) independently with probability p, in ascending order.
/// Geometric skips (Batagelj & Brandes 2005) make this O(1 + hits) draws instead of hi - lo.
template <class F>
void for_each_bernoulli(Rng& rng, double p, std::uint64_t lo, std::uint64_t hi, F&& f) {
  if (p <= 0.0 || lo >= hi) return;
  if (p >= 1.0) {
    for (std::uint64_t j = lo; j < hi; ++j) f(j);
    return;
  }
  const double log_q = std::log1p(-p);
  std::uint64_t j = lo;
  while (j < hi) {
    // Failures before the next success: floor(log U / log(1 - p)) with U uniform in (0, 1].
    const double skip = std::floor(std::log(1.0 - rng.uniform()) / log_q);
    if (!(skip < static_cast<double>(hi - j))) return;
    j += static_cast<std::uint64_t>(skip);
    f(j);
    ++j;
  }
}

/// Uniform node of [lo, hi) outside [ex_lo, ex_hi) (ex_lo <= ex_hi, both within [lo, hi]);
/// the pool must not be empty.
NodeId pick_outside(Rng& rng, std::uint64_t lo, std::uint64_t hi, std::uint64_t ex_lo,
                    std::uint64_t ex_hi) {
  const std::uint64_t before = ex_lo - lo;
  const std::uint64_t r = rng.below((hi - lo) - (ex_hi - ex_lo));
  return static_cast<NodeId>(r < before ? lo + r : ex_hi + (r - before));
}

/// Insert-only set of node pairs: open addressing with linear probing, ~8 bytes per slot at
/// most half full. Far lighter than std::unordered_set for millions of rewired ties.
class PairSet {
 public:
  explicit PairSet(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    m_slots.assign(capacity, k_empty);
  }
  bool contains(std::uint64_t key) const {
    for (std::size_t i = slot(key);; i = (i + 1) & (m_slots.size() - 1)) {
      if (m_slots[i] == key) return true;
      if (m_slots[i] == k_empty) return false;
    }
  }
  void insert(std::uint64_t key) {
    if (2 * (m_size + 1) > m_slots.size()) grow();
    place(key);
  }

 private:
  static constexpr std::uint64_t k_empty = ~std::uint64_t{0};
  std::size_t slot(std::uint64_t key) const {
    return static_cast<std::size_t>(mix64(key)) & (m_slots.size() - 1);
  }
  void place(std::uint64_t key) {
    std::size_t i = slot(key);
    while (m_slots[i] != k_empty) {
      if (m_slots[i] == key) return;
      i = (i + 1) & (m_slots.size() - 1);
    }
    m_slots[i] = key;
    ++m_size;
  }
  void grow() {
    std::vector<std::uint64_t> old(m_slots.size() * 2, k_empty);
    old.swap(m_slots);
    m_size = 0;
    for (const std::uint64_t key : old) {
      if (key != k_empty) place(key);
    }
  }
  std::vector<std::uint64_t> m_slots;
  std::size_t m_size = 0;
};

/// Contiguous groups [start[g], start[g+1]) of nodes, for teams and blocks.
struct Groups {
  std::vector<std::uint64_t> start{0};
  std::uint32_t count() const { return static_cast<std::uint32_t>(start.size() - 1); }
};

void set_groups(NetworkBuilder& builder, const Groups& teams, std::uint32_t teams_per_department) {
  for (std::uint32_t t = 0; t < teams.count(); ++t) {
    const auto department =
        teams_per_department == 0 ? -1 : static_cast<std::int32_t>(t / teams_per_department);
    for (std::uint64_t v = teams.start[t]; v < teams.start[t + 1]; ++v) {
      builder.set_team(static_cast<NodeId>(v), static_cast<std::int32_t>(t));
      builder.set_department(static_cast<NodeId>(v), department);
    }
  }
}

/// Strong ties inside each group with p_in, weak ties across groups with p_out (if >= 0).
void add_block_ties(NetworkBuilder& builder, const Groups& groups, double p_in, double p_out,
                    const NetworkSpec& spec, Rng& rng) {
  const std::uint64_t n = groups.start.back();
  for (std::uint32_t g = 0; g < groups.count(); ++g) {
    const std::uint64_t hi = groups.start[g + 1];
    for (std::uint64_t u = groups.start[g]; u < hi; ++u) {
      for_each_bernoulli(rng, p_in, u + 1, hi, [&](std::uint64_t v) {
        builder.add_tie(static_cast<NodeId>(u), static_cast<NodeId>(v), TieKind::strong,
                        spec.strong_weight);
      });
      for_each_bernoulli(rng, p_out, hi, n, [&](std::uint64_t v) {
        builder.add_tie(static_cast<NodeId>(u), static_cast<NodeId>(v), TieKind::weak,
                        spec.weak_weight);
      });
    }
  }
}

double expected_block_ties(const Groups& groups, double p_in, double p_out) {
  const double n = static_cast<double>(groups.start.back());
  double inside = 0.0;
  for (std::uint32_t g = 0; g < groups.count(); ++g) {
    const double s = static_cast<double>(groups.start[g + 1] - groups.start[g]);
    inside += s * (s - 1.0) / 2.0;
  }
  return p_in * inside + p_out * (n * (n - 1.0) / 2.0 - inside);
}

void reserve_expected(NetworkBuilder& builder, double ties) {
  // A little over the mean; capped (at 1 GiB of ties) so that a spec asking for billions of
  // ties fails cleanly in the builder instead of in one huge allocation here.
  const double wanted = std::min(ties * 1.05 + 16.0, 67108864.0);
  builder.reserve(static_cast<std::size_t>(wanted));
}

/// Cross-team weak ties, count mode (rule in generators.hpp).
void add_counted_weak_ties(NetworkBuilder& builder, const Groups& teams, const NetworkSpec& spec,
                           Rng& rng) {
  const std::uint64_t n = teams.start.back();
  std::uint64_t inside_pairs = 0;
  for (std::uint32_t t = 0; t < teams.count(); ++t) {
    const std::uint64_t s = teams.start[t + 1] - teams.start[t];
    inside_pairs += s * (s - 1) / 2;
  }
  const std::uint64_t cross_pairs = n * (n - 1) / 2 - inside_pairs;
  const auto wanted = static_cast<std::uint64_t>(
      std::llround(static_cast<double>(n) * std::max(spec.weak_ties, 0.0) / 2.0));
  const std::uint64_t target = std::min(wanted, cross_pairs);
  if (target == 0) return;

  const std::uint32_t tpd = spec.teams_per_department;
  const std::uint64_t ts = spec.team_size;
  auto draw_pair = [&]() -> std::uint64_t {
    const auto a = static_cast<NodeId>(rng.below(n));
    const std::uint64_t t = a / ts;
    const std::uint64_t team_lo = teams.start[t], team_hi = teams.start[t + 1];
    if (tpd == 0) return pair_key(a, pick_outside(rng, 0, n, team_lo, team_hi));
    const std::uint64_t first_team = t / tpd * tpd;
    const std::uint64_t last_team = std::min<std::uint64_t>(first_team + tpd, teams.count());
    const std::uint64_t dept_lo = teams.start[first_team], dept_hi = teams.start[last_team];
    const std::uint64_t in_pool = (dept_hi - dept_lo) - (team_hi - team_lo);
    const std::uint64_t out_pool = n - (dept_hi - dept_lo);
    // Always draw the coin, so that the stream does not depend on which pools are empty.
    const bool inside = rng.bernoulli(spec.weak_same_department);
    if ((inside && in_pool > 0) || out_pool == 0) {
      return pair_key(a, pick_outside(rng, dept_lo, dept_hi, team_lo, team_hi));
    }
    return pair_key(a, pick_outside(rng, 0, n, dept_lo, dept_hi));
  };

  // Draw in rounds of exactly the number still missing and deduplicate after each round: the
  // result is the first `target` distinct pairs of the draw sequence, as redrawing each
  // duplicate at once would give, with no hash set.
  std::vector<std::uint64_t> pairs;
  pairs.reserve(target);
  const std::uint64_t max_draws = 20 * target + 1000;
  std::uint64_t draws = 0;
  while (pairs.size() < target && draws < max_draws) {
    const std::uint64_t missing = std::min(target - pairs.size(), max_draws - draws);
    for (std::uint64_t i = 0; i < missing; ++i) pairs.push_back(draw_pair());
    draws += missing;
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  }
  for (const std::uint64_t key : pairs) {
    builder.add_tie(static_cast<NodeId>(key >> 32), static_cast<NodeId>(key & 0xffffffffULL),
                    TieKind::weak, spec.weak_weight);
  }
}

TieRule natural_rule(Generator generator) {
  switch (generator) {
    case Generator::barabasi_albert:
    case Generator::erdos_renyi:
      return TieRule::overlap;
    default:
      return TieRule::natural;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Network make_teams(const NetworkSpec& spec, Rng& rng) {
  const std::uint32_t n = spec.agents;
  if (spec.team_size == 0) bad_spec("teams needs team_size >= 1");
  check_probability(spec.strong_p, "strong_p");
  check_probability(spec.weak_p, "weak_p");
  check_probability(spec.weak_same_department, "weak_same_department");
  if (!(spec.weak_ties >= 0.0)) bad_spec("weak_ties must be >= 0");

  Groups teams;
  for (std::uint64_t lo = 0; lo < n; lo += spec.team_size) {
    teams.start.push_back(std::min<std::uint64_t>(lo + spec.team_size, n));
  }
  NetworkBuilder builder(n);
  const double weak_expected = spec.weak_mode == WeakTieMode::count
                                   ? n * spec.weak_ties / 2.0
                                   : expected_block_ties(teams, 0.0, spec.weak_p);
  reserve_expected(builder, expected_block_ties(teams, spec.strong_p, 0.0) + weak_expected);
  set_groups(builder, teams, spec.teams_per_department);
  if (spec.weak_mode == WeakTieMode::probability) {
    add_block_ties(builder, teams, spec.strong_p, spec.weak_p, spec, rng);
  } else {
    add_block_ties(builder, teams, spec.strong_p, 0.0, spec, rng);
    add_counted_weak_ties(builder, teams, spec, rng);
  }
  return std::move(builder).build();
}

Network make_stochastic_block(const NetworkSpec& spec, Rng& rng) {
  check_probability(spec.p_in, "p_in");
  check_probability(spec.p_out, "p_out");
  Groups blocks;
  for (const std::uint32_t size : spec.blocks) blocks.start.push_back(blocks.start.back() + size);
  if (blocks.start.back() != spec.agents) {
    bad_spec("stochastic_block: the block sizes add up to " + std::to_string(blocks.start.back()) +
             ", but agents = " + std::to_string(spec.agents));
  }
  NetworkBuilder builder(spec.agents);
  reserve_expected(builder, expected_block_ties(blocks, spec.p_in, spec.p_out));
  set_groups(builder, blocks, 0);
  add_block_ties(builder, blocks, spec.p_in, spec.p_out, spec, rng);
  return std::move(builder).build();
}

Network make_watts_strogatz(const NetworkSpec& spec, Rng& rng) {
  const std::uint32_t n = spec.agents;
  check_ring("watts_strogatz", n, spec.k);
  check_probability(spec.rewire_p, "rewire_p");
  const std::uint32_t half = spec.k / 2;

  // Lattice tie (u, u + j mod n), j = 1..half, has index (j - 1) * n + u. Which lattice ties are
  // gone is a bit per tie; the rewired ties live in a PairSet, so "is u tied to w" is O(1).
  std::vector<bool> removed(std::size_t{half} * n, false);
  std::vector<std::uint32_t> degree(n, spec.k);
  std::vector<std::uint64_t> rewired;
  const double expected_rewired = spec.rewire_p * half * static_cast<double>(n);
  rewired.reserve(static_cast<std::size_t>(expected_rewired * 1.05 + 16));
  PairSet rewired_set(static_cast<std::size_t>(expected_rewired * 1.05 + 16));

  auto tied = [&](NodeId u, NodeId w) {
    const std::uint32_t forward = w >= u ? w - u : w + n - u;  // w = u + forward (mod n)
    if (forward >= 1 && forward <= half) {
      if (!removed[std::size_t{forward - 1} * n + u]) return true;
    } else if (n - forward <= half) {  // u = w + (n - forward)
      if (!removed[std::size_t{n - forward - 1} * n + w]) return true;
    }
    return rewired_set.contains(pair_key(u, w));
  };

  for (std::uint32_t j = 1; j <= half; ++j) {
    for (NodeId u = 0; u < n; ++u) {
      if (!rng.bernoulli(spec.rewire_p)) continue;
      if (degree[u] >= n - 1) continue;  // tied to everyone: nowhere to go
      NodeId w;
      do {
        w = static_cast<NodeId>(rng.below(n));
      } while (w == u || tied(u, w));
      const NodeId v = static_cast<NodeId>((std::uint64_t{u} + j) % n);
      removed[std::size_t{j - 1} * n + u] = true;
      --degree[v];
      ++degree[w];
      rewired.push_back(pair_key(u, w));
      rewired_set.insert(rewired.back());
    }
  }

  NetworkBuilder builder(n);
  builder.reserve(std::size_t{half} * n);
  for (std::uint32_t j = 1; j <= half; ++j) {
    for (NodeId u = 0; u < n; ++u) {
      if (removed[std::size_t{j - 1} * n + u]) continue;
      builder.add_tie(u, static_cast<NodeId>((std::uint64_t{u} + j) % n), TieKind::strong,
                      spec.strong_weight);
    }
  }
  for (const std::uint64_t key : rewired) {
    builder.add_tie(static_cast<NodeId>(key >> 32), static_cast<NodeId>(key & 0xffffffffULL),
                    TieKind::weak, spec.weak_weight);
  }
  return std::move(builder).build();
}

Network make_barabasi_albert(const NetworkSpec& spec, Rng& rng) {
  const std::uint32_t n = spec.agents;
  const std::uint32_t m = spec.m;
  if (m == 0 || m >= n) {
    bad_spec("barabasi_albert needs 1 <= m < agents, got m = " + std::to_string(m) +
             " with agents = " + std::to_string(n));
  }
  NetworkBuilder builder(n);
  const std::uint64_t ties = std::uint64_t{m} * (m + 1) / 2 + std::uint64_t{m} * (n - m - 1);
  builder.reserve(ties);
  // Every tie end appears once in `ends`, so a uniform pick from it is a node chosen with
  // probability proportional to its degree.
  std::vector<NodeId> ends;
  ends.reserve(2 * ties);
  for (NodeId a = 0; a <= m; ++a) {
    for (NodeId b = a + 1; b <= m; ++b) {
      builder.add_tie(a, b, TieKind::strong, spec.strong_weight);
      ends.push_back(a);
      ends.push_back(b);
    }
  }
  std::vector<NodeId> chosen;
  chosen.reserve(m);
  for (NodeId v = m + 1; v < n; ++v) {
    chosen.clear();
    while (chosen.size() < m) {
      const NodeId t = ends[rng.below(ends.size())];
      if (std::find(chosen.begin(), chosen.end(), t) == chosen.end()) chosen.push_back(t);
    }
    for (const NodeId t : chosen) {
      builder.add_tie(v, t, TieKind::strong, spec.strong_weight);
      ends.push_back(t);
      ends.push_back(v);
    }
  }
  return std::move(builder).build();
}

Network make_erdos_renyi(const NetworkSpec& spec, Rng& rng) {
  const std::uint32_t n = spec.agents;
  check_probability(spec.edge_p, "edge_p");
  NetworkBuilder builder(n);
  reserve_expected(builder, spec.edge_p * n * (n - 1.0) / 2.0);
  for (std::uint64_t u = 0; u < n; ++u) {
    for_each_bernoulli(rng, spec.edge_p, u + 1, n, [&](std::uint64_t v) {
      builder.add_tie(static_cast<NodeId>(u), static_cast<NodeId>(v), TieKind::strong,
                      spec.strong_weight);
    });
  }
  return std::move(builder).build();
}

Network make_ring(const NetworkSpec& spec) {
  const std::uint32_t n = spec.agents;
  check_ring("ring", n, spec.k);
  NetworkBuilder builder(n);
  builder.reserve(std::size_t{spec.k / 2} * n);
  for (NodeId u = 0; u < n; ++u) {
    for (std::uint32_t j = 1; j <= spec.k / 2; ++j) {
      builder.add_tie(u, static_cast<NodeId>((std::uint64_t{u} + j) % n), TieKind::strong,
                      spec.strong_weight);
    }
  }
  return std::move(builder).build();
}

Network make_lattice(const NetworkSpec& spec) {
  const std::uint64_t w = spec.width, h = spec.height;
  if (w == 0 || h == 0 || w * h > k_max_nodes) {
    bad_spec("lattice needs width >= 1 and height >= 1 with width x height < 2^32 - 1, got " +
             std::to_string(w) + " x " + std::to_string(h));
  }
  NetworkBuilder builder(static_cast<std::uint32_t>(w * h));
  const bool moore = spec.neighbourhood == Neighbourhood::moore;
  builder.reserve(static_cast<std::size_t>(w * h * (moore ? 4 : 2)));
  // Right and down (Moore: also down-right and down-left): each tie is added once from its
  // upper-left end; periodic edges wrap, open edges stop.
  const std::int64_t offsets[4][2] = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}};
  const int count = moore ? 4 : 2;
  for (std::uint64_t y = 0; y < h; ++y) {
    for (std::uint64_t x = 0; x < w; ++x) {
      for (int i = 0; i < count; ++i) {
        auto nx = static_cast<std::int64_t>(x) + offsets[i][0];
        auto ny = static_cast<std::int64_t>(y) + offsets[i][1];
        const auto sw = static_cast<std::int64_t>(w), sh = static_cast<std::int64_t>(h);
        if (spec.periodic) {
          nx = (nx + sw) % sw;
          ny = ny % sh;
        } else if (nx < 0 || nx >= sw || ny >= sh) {
          continue;
        }
        builder.add_tie(static_cast<NodeId>(y * w + x),
                        static_cast<NodeId>(static_cast<std::uint64_t>(ny) * w +
                                            static_cast<std::uint64_t>(nx)),
                        TieKind::strong, spec.strong_weight);
      }
    }
  }
  return std::move(builder).build();
}

Network make_complete(const NetworkSpec& spec) {
  const std::uint64_t n = spec.agents;
  if (n * (n - (n > 0 ? 1 : 0)) / 2 > std::numeric_limits<ArcId>::max() / 2) {
    bad_spec("complete: " + std::to_string(n) + " agents give more than 2^31 ties");
  }
  NetworkBuilder builder(static_cast<std::uint32_t>(n));
  builder.reserve(static_cast<std::size_t>(n * (n - (n > 0 ? 1 : 0)) / 2));
  for (NodeId a = 0; a < n; ++a) {
    for (NodeId b = a + 1; b < n; ++b) builder.add_tie(a, b, TieKind::strong, spec.strong_weight);
  }
  return std::move(builder).build();
}

// ---------------------------------------------------------------------------------------------

Network apply_tie_rule(Network net, TieRule rule, const NetworkSpec& spec, TieWeights weights) {
  const auto old_kinds = net.kinds();
  const auto old_weights = net.weights();
  std::vector<std::uint8_t> kinds;
  core::reserve_on_huge_pages(kinds, old_kinds.size());
  kinds.assign(old_kinds.begin(), old_kinds.end());
  std::vector<float> new_weights(old_weights.begin(), old_weights.end());
  const auto strong = static_cast<std::uint8_t>(TieKind::strong);
  const auto weak = static_cast<std::uint8_t>(TieKind::weak);
  switch (rule) {
    case TieRule::natural:
      break;
    case TieRule::all_strong:
      std::fill(kinds.begin(), kinds.end(), strong);
      break;
    case TieRule::all_weak:
      std::fill(kinds.begin(), kinds.end(), weak);
      break;
    case TieRule::overlap: {
      const std::vector<double> overlap = tie_overlap(net);
      for (std::size_t a = 0; a < kinds.size(); ++a) {
        kinds[a] = overlap[a] >= spec.overlap_threshold ? strong : weak;
      }
      break;
    }
    case TieRule::weight_threshold:
      for (std::size_t a = 0; a < kinds.size(); ++a) {
        kinds[a] = new_weights[a] >= spec.weight_threshold ? strong : weak;
      }
      break;
  }
  for (std::size_t a = 0; a < kinds.size(); ++a) {
    if (weights == TieWeights::by_kind || std::isnan(new_weights[a])) {
      new_weights[a] = kinds[a] == strong ? spec.strong_weight : spec.weak_weight;
    }
  }
  return std::move(net).with_ties(std::move(kinds), std::move(new_weights));
}

Network make_network(const NetworkSpec& spec, std::uint64_t root_seed) {
  if (spec.generator == Generator::file) return read_network_file(spec);
  if (spec.generator != Generator::lattice && spec.agents > k_max_nodes) {
    bad_spec("agents = " + std::to_string(spec.agents) + " is more than 2^32 - 2");
  }
  Rng rng(root_seed, Stream::network);
  Network net;
  switch (spec.generator) {
    case Generator::teams: net = make_teams(spec, rng); break;
    case Generator::stochastic_block: net = make_stochastic_block(spec, rng); break;
    case Generator::watts_strogatz: net = make_watts_strogatz(spec, rng); break;
    case Generator::barabasi_albert: net = make_barabasi_albert(spec, rng); break;
    case Generator::erdos_renyi: net = make_erdos_renyi(spec, rng); break;
    case Generator::ring: net = make_ring(spec); break;
    case Generator::lattice: net = make_lattice(spec); break;
    case Generator::complete: net = make_complete(spec); break;
    case Generator::file: break;  // handled above
  }
  const TieRule rule =
      spec.tie_rule == TieRule::natural ? natural_rule(spec.generator) : spec.tie_rule;
  return apply_tie_rule(std::move(net), rule, spec, TieWeights::by_kind);
}

}  // namespace tacit::network
