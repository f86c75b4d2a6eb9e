#pragma once
// Plain parameter structs of the model's submodels. Defaults here are the scenario defaults:
// they live in this one place, and `tacit schema` reads them from a default-constructed struct.

#include <cstdint>

namespace tacit::model {

/// Order in which agents act within a tick (docs/MODEL.md, Process overview and scheduling).
enum class Activation : std::uint8_t {
  random,       ///< a fresh uniformly random permutation each tick; agents see earlier updates
  fixed,        ///< agent id order 0..n-1 every tick; agents see earlier updates
  synchronous,  ///< two-phase: all agents decide on the same snapshot, then all update at once
};

/// Knowledge submodel (model/knowledge): a level per agent and topic.
struct KnowledgeParams {
  std::uint32_t topics = 8;   ///< number of knowledge topics
  double initial_min = 0.0;   ///< initial levels drawn uniformly in [initial_min, initial_max)
  double initial_max = 1.0;
};

/// Transfer submodel (model/transfer): absorptive-capacity learning from a partner.
struct TransferParams {
  double absorptive_capacity = 0.1;  ///< alpha: share of the gap closed per exchange (0..1]
};

struct ModelParams {
  KnowledgeParams knowledge;
  TransferParams transfer;
};

}  // namespace tacit::model
