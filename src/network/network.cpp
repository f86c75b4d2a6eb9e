#include "tacit/network/network.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

#include "network_impl.hpp"
#include "tacit/core/error.hpp"
#include "tacit/core/huge_pages.hpp"

namespace tacit::network {

const char* to_string(TieKind kind) { return kind == TieKind::strong ? "strong" : "weak"; }

// ---------------------------------------------------------------------------------------------
// NetworkImpl

namespace {

/// Single-pass iterator over the arcs of a Network as (source, target) pairs in CSR order: what
/// Boost's edges_are_sorted constructor reads, without materializing a pair per arc.
class ArcPairIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = std::pair<std::uint32_t, std::uint32_t>;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;

  ArcPairIterator(const Network& network, ArcId arc) : m_network(&network), m_arc(arc) {
    settle();
  }
  reference operator*() const { return m_pair; }
  pointer operator->() const { return &m_pair; }
  ArcPairIterator& operator++() {
    ++m_arc;
    settle();
    return *this;
  }
  bool operator==(const ArcPairIterator& other) const { return m_arc == other.m_arc; }
  bool operator!=(const ArcPairIterator& other) const { return m_arc != other.m_arc; }

 private:
  void settle() {
    if (m_arc >= m_network->num_arcs()) return;
    while (m_network->arc_end(m_source) <= m_arc) ++m_source;
    m_pair = {m_source, m_network->arc_target(m_arc)};
  }
  const Network* m_network;
  ArcId m_arc;
  NodeId m_source = 0;
  value_type m_pair{0, 0};
};

}  // namespace

NetworkImpl::NetworkImpl(const Network& network)
    : m_graph(boost::edges_are_sorted, ArcPairIterator(network, 0),
              ArcPairIterator(network, network.num_arcs()), network.num_nodes(),
              network.num_arcs()) {}

// ---------------------------------------------------------------------------------------------
// Network

Network::Network() = default;

Network::~Network() { delete m_impl.load(std::memory_order_acquire); }

Network::Network(Network&& other) noexcept { *this = std::move(other); }

Network& Network::operator=(Network&& other) noexcept {
  if (this == &other) return *this;
  // Swapping leaves `other` a valid network (ours, destroyed with it), never one with an empty
  // row_start whose num_nodes() would wrap around.
  m_row_start.swap(other.m_row_start);
  m_target.swap(other.m_target);
  m_kind.swap(other.m_kind);
  m_weight.swap(other.m_weight);
  std::swap(m_kind_weight, other.m_kind_weight);
  m_reverse.swap(other.m_reverse);
  m_team.swap(other.m_team);
  m_department.swap(other.m_department);
  std::swap(m_num_teams, other.m_num_teams);
  std::swap(m_num_departments, other.m_num_departments);
  m_labels.swap(other.m_labels);
  NetworkImpl* mine = m_impl.load(std::memory_order_acquire);
  m_impl.store(other.m_impl.load(std::memory_order_acquire), std::memory_order_release);
  other.m_impl.store(mine, std::memory_order_release);
  return *this;
}

const NetworkImpl& Network::impl() const {
  NetworkImpl* impl = m_impl.load(std::memory_order_acquire);
  if (impl != nullptr) return *impl;
  // Two threads may race to build it; the loser discards its copy. Building twice is cheaper
  // than holding a mutex in every Network.
  auto fresh = std::make_unique<NetworkImpl>(*this);
  NetworkImpl* expected = nullptr;
  if (m_impl.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) {
    return *fresh.release();
  }
  return *expected;
}

std::vector<float> Network::weights() const {
  if (!m_weight.empty()) return m_weight;
  std::vector<float> weights(m_kind.size());
  for (std::size_t a = 0; a < m_kind.size(); ++a) weights[a] = m_kind_weight[m_kind[a]];
  return weights;
}

std::vector<std::string> Network::labels() const {
  std::vector<std::string> labels(num_nodes());
  for (NodeId v = 0; v < num_nodes(); ++v) labels[v] = label(v);
  return labels;
}

void Network::compact_weights() {
  if (m_weight.empty()) return;
  float seen[2] = {0.0f, 0.0f};
  bool have[2] = {false, false};
  for (std::size_t a = 0; a < m_weight.size(); ++a) {
    const std::uint8_t k = m_kind[a];
    const float w = m_weight[a];
    if (k > 1 || std::isnan(w)) return;
    if (!have[k]) {
      have[k] = true;
      seen[k] = w;
    } else if (std::bit_cast<std::uint32_t>(w) != std::bit_cast<std::uint32_t>(seen[k])) {
      return;  // weights vary within a kind: keep one per arc
    }
  }
  for (int k = 0; k < 2; ++k) m_kind_weight[k] = have[k] ? seen[k] : 1.0f;
  std::vector<float>().swap(m_weight);  // `= {}` would keep the capacity
}

ArcId Network::find_arc(NodeId u, NodeId v) const {
  const auto row = neighbours(u);
  const auto it = std::lower_bound(row.begin(), row.end(), v);
  if (it == row.end() || *it != v) return num_arcs();
  return arc_begin(u) + static_cast<ArcId>(it - row.begin());
}

Network Network::with_ties(std::vector<std::uint8_t> kinds, std::vector<float> weights) && {
  if (kinds.size() != m_target.size() || weights.size() != m_target.size()) {
    throw std::invalid_argument("Network::with_ties: one kind and one weight per arc expected");
  }
  m_kind = std::move(kinds);
  m_weight = std::move(weights);
  compact_weights();
  // The Boost view depends on the structure only, so it stays valid.
  return std::move(*this);
}

// ---------------------------------------------------------------------------------------------
// NetworkBuilder

NetworkBuilder::NetworkBuilder(std::uint32_t num_nodes)
    : m_num_nodes(num_nodes) {
  if (num_nodes == std::numeric_limits<std::uint32_t>::max()) {
    throw Error("network too large: at most 4294967294 nodes are supported");
  }
  core::assign_on_huge_pages(m_team, num_nodes, -1);
  core::assign_on_huge_pages(m_department, num_nodes, -1);
}

void NetworkBuilder::add_tie(NodeId a, NodeId b, TieKind kind, float weight) {
  if (a >= m_num_nodes || b >= m_num_nodes) {
    throw std::out_of_range("NetworkBuilder::add_tie: node " + std::to_string(std::max(a, b)) +
                            " >= num_nodes " + std::to_string(m_num_nodes));
  }
  m_ties.push_back(Tie{a, b, kind, weight});
}

void NetworkBuilder::set_team(NodeId v, std::int32_t team) { m_team.at(v) = team; }

void NetworkBuilder::set_department(NodeId v, std::int32_t department) {
  m_department.at(v) = department;
}

void NetworkBuilder::set_labels(std::vector<std::string> labels) {
  if (labels.size() != m_num_nodes) {
    throw std::invalid_argument("NetworkBuilder::set_labels: " + std::to_string(labels.size()) +
                                " labels for " + std::to_string(m_num_nodes) + " nodes");
  }
  m_labels = std::move(labels);
}

Network NetworkBuilder::build() && {
  const std::uint32_t n = m_num_nodes;
  Network net;

  // 1. Arcs per node (two per tie, self-loops dropped) and provisional row starts.
  std::vector<std::uint64_t> count(std::size_t{n} + 1, 0);
  std::uint64_t total = 0;
  for (const Tie& t : m_ties) {
    if (t.a == t.b) continue;
    ++count[t.a + 1];
    ++count[t.b + 1];
    total += 2;
  }
  if (total > std::numeric_limits<ArcId>::max() - 1 || m_ties.size() > 0xffffffffULL) {
    throw Error("network too large: " + std::to_string(total / 2) +
                " ties exceed the 32-bit arc index (at most 2147483647 ties)");
  }
  for (std::uint32_t v = 0; v < n; ++v) count[v + 1] += count[v];

  // 2. Each row gets (target << 32 | tie index), filled in tie order; sorting a row then puts
  //    equal targets next to each other with the first-added tie first, which is the one a
  //    duplicate keeps. Rows a and b see the same tie indices, so both directions agree.
  std::vector<std::uint64_t> key(total);
  {
    std::vector<std::uint64_t> cursor(count.begin(), count.end() - 1);
    for (std::size_t i = 0; i < m_ties.size(); ++i) {
      const Tie& t = m_ties[i];
      if (t.a == t.b) continue;
      key[cursor[t.a]++] = (std::uint64_t{t.b} << 32) | i;
      key[cursor[t.b]++] = (std::uint64_t{t.a} << 32) | i;
    }
  }

  // 3. Sort each row, drop repeated targets, compact in place.
  core::assign_on_huge_pages(net.m_row_start, std::size_t{n} + 1, ArcId{0});
  std::uint64_t out = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto first = key.begin() + static_cast<std::ptrdiff_t>(count[v]);
    const auto last = key.begin() + static_cast<std::ptrdiff_t>(count[v + 1]);
    std::sort(first, last);
    std::uint64_t previous_target = std::numeric_limits<std::uint64_t>::max();
    for (auto it = first; it != last; ++it) {
      const std::uint64_t target = *it >> 32;
      if (target == previous_target) continue;
      previous_target = target;
      key[out++] = *it;
    }
    net.m_row_start[v + 1] = static_cast<ArcId>(out);
  }
  std::vector<std::uint64_t>().swap(count);  // freed now, not at return (`= {}` keeps capacity)
  key.resize(out);

  // 4. Arc arrays.
  core::assign_on_huge_pages(net.m_target, out, NodeId{0});
  core::assign_on_huge_pages(net.m_kind, out, std::uint8_t{0});
  core::assign_on_huge_pages(net.m_weight, out, 0.0f);
  for (std::uint64_t a = 0; a < out; ++a) {
    const Tie& t = m_ties[key[a] & 0xffffffffULL];
    net.m_target[a] = static_cast<NodeId>(key[a] >> 32);
    net.m_kind[a] = static_cast<std::uint8_t>(t.kind);
    net.m_weight[a] = t.weight;
  }
  decltype(key)().swap(key);
  decltype(m_ties)().swap(m_ties);

  // 5. Reverse arcs in O(arcs): scanning sources in ascending order, the arcs into v arrive in
  //    ascending source order, which is exactly the order of v's sorted row.
  core::assign_on_huge_pages(net.m_reverse, out, ArcId{0});
  {
    std::vector<ArcId> next(net.m_row_start.begin(), net.m_row_start.end() - 1);
    for (NodeId u = 0; u < n; ++u) {
      for (ArcId a = net.m_row_start[u]; a < net.m_row_start[u + 1]; ++a) {
        const NodeId v = net.m_target[a];
        const ArcId back = next[v]++;
        net.m_reverse[a] = back;
      }
    }
  }

  // 6. Groups and labels.
  net.m_team = std::move(m_team);
  net.m_department = std::move(m_department);
  for (const std::int32_t t : net.m_team) net.m_num_teams = std::max(net.m_num_teams, t + 1);
  for (const std::int32_t d : net.m_department) {
    net.m_num_departments = std::max(net.m_num_departments, d + 1);
  }
  net.m_labels = std::move(m_labels);  // empty: the node numbers
  net.compact_weights();
  return net;
}

}  // namespace tacit::network
