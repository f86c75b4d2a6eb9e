#pragma once
// The Boost.Graph side of Network, private to the network layer (Boost stays behind the facade).

#include <cstdint>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "tacit/network/network.hpp"

namespace tacit::network {

/// Boost's CSR graph over the same arcs as the Network it was built from (vertex and arc ids
/// equal): each undirected tie is two directed arcs, rows sorted by target.
class NetworkImpl {
 public:
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;

  explicit NetworkImpl(const Network& network);

  const Graph& graph() const { return m_graph; }

 private:
  Graph m_graph;
};

}  // namespace tacit::network
