#pragma once
// Structural invariants every Network must satisfy, shared by the network tests.

#include <catch2/catch.hpp>

#include "tacit/network/network.hpp"

namespace tacit::network::testing {

/// Rows strictly ascending (sorted, no duplicates), no self-loops, reverse arcs consistent, kind
/// and weight symmetric, groups and labels one per node.
inline void check_csr(const Network& net) {
  const auto n = net.num_nodes();
  REQUIRE(net.row_start().size() == std::size_t{n} + 1);
  REQUIRE(net.row_start()[0] == 0);
  REQUIRE(net.row_start()[n] == net.num_arcs());
  REQUIRE(net.num_arcs() % 2 == 0);
  REQUIRE(net.team().size() == n);
  REQUIRE(net.department().size() == n);
  REQUIRE(net.labels().size() == n);
  bool ok = true;
  for (NodeId u = 0; u < n && ok; ++u) {
    const auto row = net.neighbours(u);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] >= n || row[i] == u || (i > 0 && row[i - 1] >= row[i])) ok = false;
    }
    for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
      const ArcId r = net.reverse_arc(a);
      if (r >= net.num_arcs() || net.arc_target(r) != u || net.reverse_arc(r) != a ||
          r < net.arc_begin(net.arc_target(a)) || r >= net.arc_end(net.arc_target(a)) ||
          net.arc_kind(r) != net.arc_kind(a) || !(net.arc_weight(r) == net.arc_weight(a)) ||
          net.find_arc(u, net.arc_target(a)) != a) {
        ok = false;
      }
    }
  }
  CHECK(ok);
}

}  // namespace tacit::network::testing
