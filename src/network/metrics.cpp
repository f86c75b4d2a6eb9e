#include "tacit/network/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/property_map.hpp>

#include "network_impl.hpp"

namespace tacit::network {

std::vector<double> local_clustering(const Network& net) {
  const std::uint32_t n = net.num_nodes();
  std::vector<double> clustering(n, 0.0);
  // Mark v's neighbours, then count the marked neighbours of each neighbour: every tie among
  // N(v) is seen twice. O(sum of degree^2), no per-node allocation.
  std::vector<std::uint32_t> mark(n, std::numeric_limits<std::uint32_t>::max());
  for (NodeId v = 0; v < n; ++v) {
    const std::uint64_t d = net.degree(v);
    if (d < 2) continue;
    for (const NodeId u : net.neighbours(v)) mark[u] = v;
    std::uint64_t twice_links = 0;
    for (const NodeId u : net.neighbours(v)) {
      for (const NodeId w : net.neighbours(u)) twice_links += mark[w] == v;
    }
    clustering[v] = static_cast<double>(twice_links) / static_cast<double>(d * (d - 1));
  }
  return clustering;
}

double average_clustering(const Network& net) {
  if (net.num_nodes() == 0) return 0.0;
  const std::vector<double> c = local_clustering(net);
  return std::accumulate(c.begin(), c.end(), 0.0) / static_cast<double>(c.size());
}

PathLengths shortest_path_lengths(const Network& net, std::span<const NodeId> sources) {
  const std::uint32_t n = net.num_nodes();
  const NetworkImpl::Graph& graph = net.impl().graph();
  constexpr std::uint32_t k_unreached = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> distance(n);
  std::vector<boost::default_color_type> color(n);
  const auto color_map =
      boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, graph));

  PathLengths out;
  std::uint64_t total = 0;
  for (const NodeId s : sources) {
    std::fill(distance.begin(), distance.end(), k_unreached);
    distance[s] = 0;
    boost::breadth_first_search(
        graph, s,
        boost::visitor(boost::make_bfs_visitor(
                           boost::record_distances(distance.data(), boost::on_tree_edge())))
            .color_map(color_map));
    for (NodeId t = 0; t < n; ++t) {
      if (t == s) continue;
      if (distance[t] == k_unreached) {
        ++out.unreachable;
      } else {
        ++out.pairs;
        total += distance[t];
        out.longest = std::max(out.longest, distance[t]);
      }
    }
  }
  if (out.pairs > 0) out.mean = static_cast<double>(total) / static_cast<double>(out.pairs);
  return out;
}

PathLengths shortest_path_lengths(const Network& net) {
  std::vector<NodeId> all(net.num_nodes());
  std::iota(all.begin(), all.end(), NodeId{0});
  return shortest_path_lengths(net, all);
}

std::vector<double> tie_overlap(const Network& net) {
  const std::uint32_t n = net.num_nodes();
  std::vector<double> overlap(net.num_arcs(), 0.0);
  // Stamp N(u), then for each tie (u, v) count the stamped nodes of N(v). Each tie is handled
  // at its end of higher (degree, id), so the row scanned is the shorter one: the cost is
  // sum(degree) + sum over ties of min(degree), which keeps hubs of scale-free networks cheap.
  // Every tie is written by exactly one u, so threads never write the same entry and the result
  // does not depend on the thread count.
  auto before = [&](NodeId a, NodeId b) {  // (degree, id) of a < that of b
    const std::uint32_t da = net.degree(a), db = net.degree(b);
    return da < db || (da == db && a < b);
  };
#pragma omp parallel
  {
    std::vector<std::uint32_t> stamp(n, std::numeric_limits<std::uint32_t>::max());
#pragma omp for schedule(dynamic, 4096)
    for (NodeId u = 0; u < n; ++u) {
      const auto row_u = net.neighbours(u);
      for (const NodeId v : row_u) stamp[v] = u;
      for (ArcId a = net.arc_begin(u); a < net.arc_end(u); ++a) {
        const NodeId v = net.arc_target(a);
        if (!before(v, u)) continue;  // handled at v
        std::uint64_t common = 0;
        for (const NodeId w : net.neighbours(v)) common += stamp[w] == u;
        // |N(u) ∪ N(v)| - 2 = (k_u - 1) + (k_v - 1) - common: the union holds u and v themselves.
        const std::uint64_t others = std::uint64_t{row_u.size()} + net.degree(v) - 2 - common;
        const double o =
            others == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(others);
        overlap[a] = o;
        overlap[net.reverse_arc(a)] = o;
      }
    }
  }  // omp parallel
  return overlap;
}

std::vector<std::uint32_t> degrees_of_kind(const Network& net, TieKind kind) {
  std::vector<std::uint32_t> degree(net.num_nodes(), 0);
  for (NodeId v = 0; v < net.num_nodes(); ++v) {
    for (ArcId a = net.arc_begin(v); a < net.arc_end(v); ++a) degree[v] += net.arc_kind(a) == kind;
  }
  return degree;
}

namespace {

DegreeStats stats_of(const std::vector<std::uint32_t>& degree) {
  DegreeStats s;
  if (degree.empty()) return s;
  const auto [lo, hi] = std::minmax_element(degree.begin(), degree.end());
  s.min = *lo;
  s.max = *hi;
  double sum = 0.0;
  for (const std::uint32_t d : degree) sum += d;
  s.mean = sum / static_cast<double>(degree.size());
  double squares = 0.0;
  for (const std::uint32_t d : degree) squares += (d - s.mean) * (d - s.mean);
  s.stddev = std::sqrt(squares / static_cast<double>(degree.size()));
  return s;
}

}  // namespace

DegreeSummary degree_stats(const Network& net) {
  DegreeSummary out;
  std::vector<std::uint32_t> all(net.num_nodes());
  for (NodeId v = 0; v < net.num_nodes(); ++v) all[v] = net.degree(v);
  const std::vector<std::uint32_t> strong = degrees_of_kind(net, TieKind::strong);
  const std::vector<std::uint32_t> weak = degrees_of_kind(net, TieKind::weak);
  out.all = stats_of(all);
  out.strong = stats_of(strong);
  out.weak = stats_of(weak);
  out.strong_ties = std::accumulate(strong.begin(), strong.end(), std::uint64_t{0}) / 2;
  out.weak_ties = std::accumulate(weak.begin(), weak.end(), std::uint64_t{0}) / 2;
  return out;
}

}  // namespace tacit::network
