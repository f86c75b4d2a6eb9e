#pragma once
// Network files: import of edge-list CSV and GraphML, export of both.
//
// Edge-list CSV, one undirected tie per line: source,target[,tie][,weight].
//  - Blank lines and lines whose first non-blank character is '#' are skipped. Fields are
//    trimmed; a field may be double-quoted ("a,b", "" for a quote) but not span lines.
//  - Header: the first non-comment line is a header when one of its fields is `source` or `from`
//    (any case; so a node may not be called that in a file without a header). Its columns are
//    named source|from, target|to, tie|kind, weight, in any order; other names are errors.
//    Without a header the columns are positional: 2 fields source,target; 4 fields
//    source,target,tie,weight; 3 fields source,target,tie, unless the third field of the first
//    line is a number, then source,target,weight. Every line has as many fields as the first.
//  - Node ids are arbitrary strings, numbered 0..n-1 in order of first appearance (source before
//    target); nodes appear only through ties. tie is strong or weak (any case); weight is a
//    finite number >= 0.
// GraphML: <node id> and <edge source target> of one <graph>; edge data keys whose attr.name (or
// id) is `tie` or `kind` (strong / weak) and `weight`; node data keys `team` and `department`
// (integers, -1 = none). Key <default>s apply. Nodes are numbered in order of first mention.
// Other keys and elements are ignored; edgedefault="directed" is read as undirected.
// Both: self-loops are dropped, a repeated tie keeps its first kind and weight. Without tie kinds
// in the file, ties are classified by spec.tie_rule (natural -> overlap); with them, natural keeps
// them and any other rule reclassifies. Ties without a weight get strong_weight / weak_weight.
// Every problem is an InputFileError at file:line:col saying what is wrong and what is allowed
// (up to 20 per file); an unreadable file is an InputFileError naming the path and the reason.

#include <iosfwd>
#include <string>

#include "tacit/network/network.hpp"
#include "tacit/network/spec.hpp"

namespace tacit::network {

/// Reads spec.path in spec.format (automatic: by extension .csv, .graphml or .xml).
Network read_network_file(const NetworkSpec& spec);

/// Reads an edge-list CSV from `in`; `file` names it in error messages.
Network read_edges_csv(std::istream& in, const std::string& file, const NetworkSpec& spec);

/// Reads GraphML from `in`; `file` names it in error messages.
Network read_graphml(std::istream& in, const std::string& file, const NetworkSpec& spec);

/// GraphML for networkx.read_graphml and Gephi: undirected; node ids = labels; node data team and
/// department (int); edge data tie ("strong"/"weak") and weight (double); one edge per tie.
void write_graphml(const Network& net, std::ostream& out);

/// Edge-list CSV with header source,target,tie,weight: one line per tie (smaller node id
/// first, ascending), labels as ids (quoted where needed), weights in shortest round-trip form.
/// Isolated nodes and groups are not represented.
void write_edges_csv(const Network& net, std::ostream& out);

}  // namespace tacit::network
