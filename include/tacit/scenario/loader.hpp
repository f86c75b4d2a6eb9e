#pragma once
// The strict scenario loader: YAML text (and --set overrides) -> a checked, defaulted Scenario.
// Every key is read and checked through the one table in schema.hpp. All problems in a file
// are collected and thrown together as one InputFileError, sorted by position, each as
// "file:line:col: what is wrong; what is allowed" (with "did you mean" where a name is close).
//
// Order: the file's keys, then the overrides in the order given, then the cross-field rules
// (schema_constraints) on the result. network.path, when relative, is resolved against the
// scenario file's folder (a --set value against the working directory) and stored absolute.

#include <string>
#include <vector>

#include "tacit/scenario/scenario.hpp"

namespace tacit::scenario {

/// Reads and checks the scenario file at `path`, then applies `overrides` ("key.path=value").
/// Throws InputFileError for a missing, unreadable or invalid file or override.
Scenario load_scenario_file(const std::string& path,
                            const std::vector<std::string>& overrides = {});

/// As load_scenario_file, from text; `file_name` names it in messages and anchors relative paths.
Scenario parse_scenario(const std::string& text, const std::string& file_name,
                        const std::vector<std::string>& overrides = {});

/// Every key with its effective value (defaults filled), in schema order, as YAML that
/// parse_scenario reads back to the same Scenario. The seed is written as set (the run sets
/// it before writing); numbers in shortest round-trip form, independent of the locale.
std::string to_resolved_yaml(const Scenario& scenario);

}  // namespace tacit::scenario
