#pragma once
// The scenario: plain data describing one run, filled by the loader (YAML + --set overrides)
// with every default taken from the member initializers of the structs it composes.

#include <cstdint>
#include <optional>
#include <string>

#include "tacit/model/params.hpp"
#include "tacit/network/spec.hpp"

namespace tacit::scenario {

/// Which output files a run writes (timeseries.csv, agents.csv, manifest.json and
/// scenario.resolved.yaml are always written; the others on request).
struct OutputSpec {
  std::uint32_t every = 1;       ///< time series row every k-th tick (tick 0 and the last always)
  bool network_graphml = false;  ///< write network.graphml (Gephi, networkx)
  bool edges_csv = false;        ///< write edges.csv
};

struct Scenario {
  std::string name = "unnamed";
  std::string description;
  std::optional<std::uint64_t> seed;  ///< root seed; drawn (and recorded) when absent
  std::uint32_t ticks = 100;
  model::Activation activation = model::Activation::random;
  network::NetworkSpec network;
  model::ModelParams model;
  OutputSpec output;

  std::string source_file;  ///< the file it was loaded from ("" when built in code)
};

}  // namespace tacit::scenario
