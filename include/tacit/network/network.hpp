#pragma once
// The immutable tie network every run is played on.
//
// Representation: boost::compressed_sparse_row_graph (directedS) holding each undirected tie as
// two arcs. Why CSR: the network never changes during a run and the hot path of every tick is
// "visit the neighbours of agent i and read their state", so one contiguous row of targets per
// agent (row_start[i] .. row_start[i+1]) is the most cache-friendly layout Boost.Graph offers,
// uses 4 + 4 bytes per arc with 32-bit indices instead of adjacency_list's per-vertex vectors,
// and keeps Boost's algorithms (BFS for path lengths, orderings) available. Per-arc state of the
// model (trust, reciprocity balance) lives in arrays parallel to the arc list, indexed by arc id.
// The Boost graph itself is built on first use of impl() (only metrics and orderings need it), so
// the simulation's hot path pays neither its memory nor its construction time.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tacit::network {

/// Kind of a tie: strong (frequent, trusted, carries tacit knowledge) or weak (bridging).
enum class TieKind : std::uint8_t { strong = 0, weak = 1 };

/// "strong" or "weak".
const char* to_string(TieKind kind);

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;

/// One undirected tie as given to NetworkBuilder.
struct Tie {
  NodeId a = 0;
  NodeId b = 0;
  TieKind kind = TieKind::strong;
  float weight = 1.0f;
};

class NetworkImpl;

/// An immutable undirected network in CSR form: each tie is stored as two arcs (a->b, b->a)
/// with the same kind and weight. Node ids are 0..num_nodes()-1; label(v) is the id the
/// user sees (imported ids, or "0".."n-1" for generated networks). Built by NetworkBuilder.
/// Move-only; a moved-from network is empty (0 nodes) and still valid.
class Network {
 public:
  Network();
  ~Network();
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  std::uint32_t num_nodes() const { return static_cast<std::uint32_t>(m_row_start.size()) - 1; }
  /// Undirected ties.
  std::uint64_t num_ties() const { return m_target.size() / 2; }
  /// Directed arcs (2 x ties).
  std::uint32_t num_arcs() const { return static_cast<std::uint32_t>(m_target.size()); }

  ArcId arc_begin(NodeId v) const { return m_row_start[v]; }
  ArcId arc_end(NodeId v) const { return m_row_start[v + 1]; }
  std::uint32_t degree(NodeId v) const { return m_row_start[v + 1] - m_row_start[v]; }
  /// Neighbours of v, sorted ascending.
  std::span<const NodeId> neighbours(NodeId v) const {
    return {m_target.data() + m_row_start[v], degree(v)};
  }
  NodeId arc_target(ArcId a) const { return m_target[a]; }
  TieKind arc_kind(ArcId a) const { return static_cast<TieKind>(m_kind[a]); }
  float arc_weight(ArcId a) const { return m_weight.empty() ? m_kind_weight[m_kind[a]] : m_weight[a]; }
  /// The arc in the opposite direction (target -> source).
  ArcId reverse_arc(ArcId a) const { return m_reverse[a]; }
  /// Arc from u to v, or num_arcs() when there is none (binary search in u's row).
  ArcId find_arc(NodeId u, NodeId v) const;

  /// Raw CSR arrays, for kernels that want them directly.
  std::span<const ArcId> row_start() const { return m_row_start; }
  std::span<const NodeId> targets() const { return m_target; }
  std::span<const std::uint8_t> kinds() const { return m_kind; }
  std::span<const ArcId> reverse_arcs() const { return m_reverse; }
  /// Weight of each arc (a copy: when every tie of a kind has one weight, as generated
  /// networks do, the network stores one weight per kind instead of one per arc).
  std::vector<float> weights() const;
  /// True when the network stores one weight per tie kind (see weights()).
  bool weights_by_kind() const { return m_weight.empty(); }

  /// Group structure: team and department of each node, -1 where the network has none.
  std::span<const std::int32_t> team() const { return m_team; }
  std::span<const std::int32_t> department() const { return m_department; }
  std::int32_t num_teams() const { return m_num_teams; }
  std::int32_t num_departments() const { return m_num_departments; }

  /// The user's id of node v (its number when the network was generated, not read).
  std::string label(NodeId v) const { return m_labels.empty() ? std::to_string(v) : m_labels[v]; }
  /// The user's ids of all nodes (a copy), for tests and exports.
  std::vector<std::string> labels() const;

  /// The Boost.Graph view of the same structure, for algorithms (BFS, orderings). Built on the
  /// first call (thread-safe); defined in src/network/network_impl.hpp.
  const NetworkImpl& impl() const;

  /// This network with every tie's kind and weight replaced (indexed by arc; an arc and its
  /// reverse must agree). The structure, groups and labels are kept. Used by tie rules, which
  /// need the finished structure (neighbourhood overlap) before they can classify.
  Network with_ties(std::vector<std::uint8_t> kinds, std::vector<float> weights) &&;

 private:
  friend class NetworkBuilder;
  /// Drops the per-arc weights when each kind has a single weight (100 MB at 10^7 ties).
  void compact_weights();
  std::vector<ArcId> m_row_start{0};
  std::vector<NodeId> m_target;
  std::vector<std::uint8_t> m_kind;
  std::vector<float> m_weight;  ///< empty when every tie of a kind has the same weight:
  float m_kind_weight[2] = {1.0f, 1.0f};  ///< ... then the weight of strong and weak ties
  std::vector<ArcId> m_reverse;
  std::vector<std::int32_t> m_team;
  std::vector<std::int32_t> m_department;
  std::int32_t m_num_teams = 0;
  std::int32_t m_num_departments = 0;
  std::vector<std::string> m_labels;  ///< empty: the labels are the node numbers
  mutable std::atomic<NetworkImpl*> m_impl{nullptr};
};

/// Collects undirected ties and group labels, then freezes them into a Network.
/// Self-loops are dropped; a duplicate tie keeps its first kind and weight. Nodes without a team
/// or department get -1; without labels, nodes are labelled "0".."n-1".
class NetworkBuilder {
 public:
  explicit NetworkBuilder(std::uint32_t num_nodes);
  /// Room for this many add_tie calls (saves regrowth for large networks).
  void reserve(std::size_t ties) { m_ties.reserve(ties); }
  /// Adds the undirected tie a-b; a and b must be < num_nodes().
  void add_tie(NodeId a, NodeId b, TieKind kind, float weight = 1.0f);
  void set_team(NodeId v, std::int32_t team);
  void set_department(NodeId v, std::int32_t department);
  /// One label per node.
  void set_labels(std::vector<std::string> labels);
  std::uint32_t num_nodes() const { return m_num_nodes; }
  /// Sorts, deduplicates and freezes the ties: O(ties) plus a sort of each row.
  Network build() &&;

 private:
  std::uint32_t m_num_nodes;
  std::vector<Tie> m_ties;
  std::vector<std::int32_t> m_team;
  std::vector<std::int32_t> m_department;
  std::vector<std::string> m_labels;
};

}  // namespace tacit::network
