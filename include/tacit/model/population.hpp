#pragma once
// The agents' state as structure of arrays: one Eigen matrix (agents x topics, row-major so an
// agent's topics are contiguous) and one vector per counter. No per-agent heap objects.

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace tacit::model {

/// Knowledge levels: one row per agent, one column per topic.
using KnowledgeMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Population {
  KnowledgeMatrix knowledge;             ///< level per agent and topic (>= 0)
  std::vector<std::uint32_t> gave;       ///< times others learned something from this agent
  std::vector<std::uint32_t> received;   ///< times this agent learned something
  std::vector<double> gained;            ///< total knowledge this agent gained by transfer

  std::uint32_t size() const { return static_cast<std::uint32_t>(knowledge.rows()); }
  std::uint32_t topics() const { return static_cast<std::uint32_t>(knowledge.cols()); }
};

}  // namespace tacit::model
